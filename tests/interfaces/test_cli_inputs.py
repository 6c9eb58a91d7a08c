"""--format-input applies to files, and `rules` / `explain` know the configuration's own packs."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from medlint.cli import main

PACK = "name: house-style\nprefix: HSE\ntitle: House style\n"
RULE = """\
code: HSE001
name: superfood-marketing
severity: warning
summary: Calls a food a superfood.
message: "'{match}' is marketing, not nutrition."
why: No food is super.
sources:
  - title: House style guide
    url: https://example.com/style
check:
  kind: phrase
  terms: [superfood]
examples:
  bad: ["Kale is a superfood."]
  good: ["Kale is a vegetable."]
"""


def test_format_input_offers_the_formats_the_parsers_have() -> None:
    import argparse

    from medlint.cli import build_parser
    from medlint.parse import FORMATS

    commands = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    for name in ("check", "claims"):
        (option,) = [a for a in commands.choices[name]._actions if "--format-input" in a.option_strings]
        assert option.choices == FORMATS, name


def test_format_input_applies_to_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A fragment of markup in a .txt file is not an HTML page: it stays text unless told.
    page = tmp_path / "page.txt"
    page.write_text("<h1>Back pain</h1>\n<p>This <b>miracle</b> injection works.</p>\n")
    main(["check", str(page), "--select", "CLM001", "--format", "json"])
    as_text = json.loads(capsys.readouterr().out)
    main(["check", str(page), "--select", "CLM001", "--format", "json", "--format-input", "html"])
    as_html = json.loads(capsys.readouterr().out)
    assert as_text["files"][0]["format"] == "text" and as_html["files"][0]["format"] == "html"
    (finding,) = as_html["findings"]
    assert finding["match"] == "miracle"
    assert (finding["line"], finding["column"]) == (2, page.read_text().splitlines()[1].index("miracle") + 1)


HTML_PAGE = (
    "<!DOCTYPE html>\n<html><head><title>Back pain</title></head>\n"
    "<body><h1>Back pain</h1>\n<p>This <b>miracle</b> injection works.</p></body></html>\n"
)


def _check_json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, Any]]:
    code = main(["check", *args, "--select", "CLM001", "--format", "json"])
    return code, json.loads(capsys.readouterr().out)


@pytest.mark.parametrize(
    "opening",
    ["", "\ufeff", "  \n", "<!-- saved by a browser -->\n", '<?xml version="1.0"?>\n'],
    ids=["plain", "bom", "blank", "comment", "xml-declaration"],
)
def test_an_html_page_saved_as_txt_is_read_as_html(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], opening: str
) -> None:
    page = tmp_path / "saved.txt"
    page.write_text(opening + HTML_PAGE.replace("<!DOCTYPE html>\n", "") if opening else HTML_PAGE)
    code, out = _check_json(capsys, str(page))
    assert code == 1 and out["files"][0]["format"] == "html"
    (finding,) = out["findings"]
    line = page.read_text().splitlines()[finding["line"] - 1]
    assert line[finding["column"] - 1 : finding["end_column"] - 1] == "miracle"


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("notes.txt", "We talked about the <html> element and this miracle cure.\n"),
        ("notes.txt", "<p>A fragment: this miracle cure.</p>\n"),
        ("notes.txt", "<!-- an unclosed comment <html> this miracle cure\n"),
        ("page.md", HTML_PAGE),  # Markdown may hold HTML: its extension decides
    ],
)
def test_only_a_whole_html_page_is_sniffed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, text: str
) -> None:
    (tmp_path / name).write_text(text)
    _, out = _check_json(capsys, str(tmp_path / name))
    assert out["files"][0]["format"] == ("markdown" if name.endswith(".md") else "text")


def test_extensions_in_the_configuration_map_files_to_formats(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / ".medlint.toml").write_text('extensions = { php = "html", ".NJK" = "html", mdx = "markdown" }\n')
    body = "<h1>Back pain</h1>\n<p>This <b>miracle</b> injection works.</p>\n"
    (tmp_path / "page.php").write_text("<?php include 'header.php'; ?>\n" + body)
    (tmp_path / "layout.njk").write_text("{% extends 'base.njk' %}\n" + body)
    (tmp_path / "post.mdx").write_text("# Back pain\n\nThis **miracle** injection works.\n")
    (tmp_path / "script.js").write_text("// this miracle cure\n")
    code, out = _check_json(capsys, str(tmp_path))
    formats = {Path(f["path"]).name: f["format"] for f in out["files"]}
    assert formats == {"page.php": "html", "layout.njk": "html", "post.mdx": "markdown"}
    assert code == 1 and len(out["findings"]) == 3
    for f in out["findings"]:
        line = Path(f["path"]).read_text().splitlines()[f["line"] - 1]
        assert line[f["column"] - 1 : f["end_column"] - 1] == "miracle"
    # A mapped file named on the command line is read in its mapped format too.
    _, one = _check_json(capsys, str(tmp_path / "page.php"))
    assert one["files"][0]["format"] == "html"


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('extensions = { php = "xml" }', "'xml' is not a format"),
        ('extensions = { "*.php" = "html" }', "is not a file extension"),
        ('extensions = ["php"]', "must be a table"),
    ],
)
def test_a_bad_extension_mapping_is_one_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], table: str, message: str
) -> None:
    (tmp_path / ".medlint.toml").write_text(table + "\n")
    (tmp_path / "a.md").write_text("# Back pain\n\nThis miracle injection works.\n")
    assert main(["check", str(tmp_path)]) == 2
    captured = capsys.readouterr()
    said = [line for line in (captured.out + captured.err).splitlines() if message in line]
    assert len(said) == 1 and "Traceback" not in captured.err


def _tree(root: Path) -> None:
    article = "# Back pain\n\nThis miracle injection works.\n"
    for rel in (
        "content/a.md",
        "content/b.html",
        "content/drafts/c.md",
        "content/image.png",
        "README.md",
        "LICENSE",
        "requirements.txt",
        "_site/index.html",
        "node_modules/pkg/readme.md",
        ".github/ISSUE_TEMPLATE/bug.md",
        "ignored/d.md",
        "notes.tmp.md",
        "build.log",
    ):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(article)
    (root / ".gitignore").write_text("ignored/\nbuild.log\n")
    (root / ".medlint.toml").write_text('exclude = ["content/drafts/", "*.tmp.md"]\n')


def test_verbose_accounts_for_every_file_left_out(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _tree(tmp_path)
    code = main(["check", str(tmp_path), "--select", "CLM001", "--format", "json", "--verbose"])
    captured = capsys.readouterr()
    linted = {Path(f["path"]) for f in json.loads(captured.out)["files"]}
    assert code == 1 and linted == {tmp_path / "content/a.md", tmp_path / "content/b.html"}
    skipped = {}
    for line in captured.err.splitlines()[:-1]:
        assert line.startswith("medlint: skipped "), line
        path, why = line.removeprefix("medlint: skipped ").split(": ", 1)
        skipped[Path(path)] = why
    # Every file under the folder is linted, or skipped itself, or inside a skipped folder.
    for path in (p for p in tmp_path.rglob("*") if p.is_file()):
        assert path in linted or any(s == path or s in path.parents for s in skipped), path
    assert skipped[tmp_path / "_site"] == "a tool or build folder"
    assert skipped[tmp_path / "ignored"] == "ignored by .gitignore"
    assert skipped[tmp_path / "build.log"].startswith("not an article extension")
    assert skipped[tmp_path / "content/drafts"] == "matched by `exclude`"
    assert skipped[tmp_path / "notes.tmp.md"] == "matched by `exclude`"
    assert skipped[tmp_path / "README.md"].startswith("a repository file")
    assert skipped[tmp_path / "requirements.txt"].startswith("a repository file")
    assert skipped[tmp_path / ".github"].startswith("a repository folder")
    assert captured.err.splitlines()[-1].startswith("medlint: 2 files linted, ")
    # Without --verbose, stderr says nothing about them.
    main(["check", str(tmp_path), "--select", "CLM001", "--format", "json"])
    assert "skipped" not in capsys.readouterr().err


def test_verbose_names_a_force_excluded_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _tree(tmp_path)
    monkeypatch.chdir(tmp_path)
    code = main(["check", "README.md", "content/a.md", "--force-exclude", "--select", "CLM001", "--verbose"])
    err = capsys.readouterr().err
    assert code == 1
    assert "medlint: skipped README.md: left out by the configuration (force-exclude)" in err.splitlines()


def test_an_unreadable_subfolder_is_a_one_line_error_and_the_rest_is_linted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    article = "# Back pain\n\nThis miracle injection works.\n"
    for rel in ("a.md", "locked/b.md", "z/c.md"):
        (tmp_path / rel).parent.mkdir(exist_ok=True)
        (tmp_path / rel).write_text(article)
    locked = tmp_path / "locked"
    real_scandir = os.scandir

    def scandir(path: Any = ".") -> Any:
        # chmod 0 does not stop root (these tests may run as root): refuse as the kernel would.
        if Path(os.fsdecode(path)) == locked:
            raise PermissionError(13, "Permission denied", os.fsdecode(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    for fmt in ("json", "text"):
        code = main(["check", str(tmp_path), "--select", "CLM001", "--format", fmt])
        captured = capsys.readouterr()
        assert code == 2 and "Traceback" not in captured.err
        said = captured.out + captured.err
        if fmt == "json":
            out = json.loads(captured.out)
            assert {Path(f["path"]).name for f in out["files"]} == {"a.md", "c.md"}
            assert out["errors"] == [{"path": str(locked), "message": "cannot read folder: Permission denied"}]
        else:
            (line,) = [x for x in said.splitlines() if str(locked) in x]
            assert "cannot read folder: Permission denied" in line
            assert said.count("CLM001") >= 2


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a chmod-0 folder")
def test_an_unreadable_subfolder_for_real(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.md").write_text("# Back pain\n\nThis miracle injection works.\n")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.md").write_text("# Back pain\n\nThis miracle injection works.\n")
    locked.chmod(0)
    try:
        code, out = _check_json(capsys, str(tmp_path))
    finally:
        locked.chmod(0o755)
    assert code == 2 and [Path(f["path"]).name for f in out["files"]] == ["a.md"]
    assert out["errors"][0]["path"] == str(locked)


def test_rules_and_explain_show_custom_rules(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    pack = tmp_path / "style" / "house"
    pack.mkdir(parents=True)
    (pack / "pack.yml").write_text(PACK)
    (pack / "HSE001-superfood-marketing.yml").write_text(RULE)
    (tmp_path / ".medlint.toml").write_text('rule-packs = ["style"]\n')
    monkeypatch.chdir(tmp_path)
    assert main(["rules"]) == 0
    out = capsys.readouterr().out
    assert any(line.split()[:3] == ["HSE001", "superfood-marketing", "house-style"] for line in out.splitlines())
    assert "CLM001" in out
    assert main(["explain", "superfood-marketing"]) == 0
    assert "HSE001" in capsys.readouterr().out
    # Elsewhere, without that configuration, the rule is unknown.
    monkeypatch.chdir(tmp_path.parent)
    assert main(["explain", "HSE001", "--config", str(tmp_path / ".medlint.toml")]) == 0
    capsys.readouterr()


def test_rules_with_a_broken_configuration_is_one_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".medlint.toml").write_text('rule-packs = ["missing"]\n')
    monkeypatch.chdir(tmp_path)
    assert main(["rules"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "missing" in err and "Traceback" not in err
