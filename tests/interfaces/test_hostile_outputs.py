"""Outputs that cannot hurt: `-o` never replaces an input, odd file names never crash a format."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from medlint.cli import main

CLAIM = "# Knee pain\n\nThis miracle cure works.\n"
ARTICLE_WITH_MARKER = '# Our tools\n\nThe report starts with <meta name="generator" content="medlint"> and a miracle.\n'


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_o_through_a_hard_link_to_an_input_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = tmp_path / "a.md"
    article.write_text(CLAIM)
    link = tmp_path / "out.json"
    os.link(article, link)
    code, _, err = _run(["check", str(article), "--format", "json", "-o", str(link)], capsys)
    assert code == 2 and "nothing written" in err and len(err.strip().splitlines()) == 1
    assert article.read_text() == CLAIM


def test_o_through_a_hard_link_into_a_linted_folder_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    article = docs / "a.md"
    article.write_text(CLAIM)
    link = tmp_path / "report.json"
    os.link(article, link)
    code, _, err = _run(["check", str(docs), "--format", "json", "-o", str(link)], capsys)
    assert code == 2 and "nothing written" in err
    assert article.read_text() == CLAIM


def test_o_through_a_hard_link_to_a_mapped_extension_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # `extensions` makes .php an article here, so it is protected like a .md.
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / ".medlint.toml").write_text('extensions = { php = "html" }\n')
    page = docs / "page.php"
    page.write_text(CLAIM)
    link = tmp_path / "report.json"
    os.link(page, link)
    code, _, err = _run(["check", str(docs), "--format", "json", "-o", str(link)], capsys)
    assert code == 2 and "nothing written" in err
    assert page.read_text() == CLAIM


def test_o_through_a_symlink_to_an_input_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = tmp_path / "a.md"
    article.write_text(CLAIM)
    link = tmp_path / "out.json"
    link.symlink_to(article)
    code, _, _ = _run(["check", str(article), "--format", "json", "-o", str(link)], capsys)
    assert code == 2 and article.read_text() == CLAIM


def test_o_naming_the_stdin_filename_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    article = tmp_path / "a.md"
    article.write_text(CLAIM)
    monkeypatch.setattr(sys, "stdin", type("In", (), {"buffer": __import__("io").BytesIO(CLAIM.encode())})())
    code, _, err = _run(
        ["check", "-", "--stdin-filename", str(article), "--format", "json", "-o", str(article)], capsys
    )
    assert code == 2 and "nothing written" in err
    assert article.read_text() == CLAIM


@pytest.mark.parametrize("fmt", ["html", "json"])
def test_an_article_that_mentions_the_report_marker_is_never_overwritten(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(CLAIM)
    page = tmp_path / "tools.html"
    page.write_text(ARTICLE_WITH_MARKER)
    code, _, err = _run(["check", ".", "--format", fmt, "-o", "tools.html"], capsys)
    assert code == 2 and "nothing written" in err
    assert page.read_text() == ARTICLE_WITH_MARKER


def test_a_previous_report_is_still_rewritten(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(CLAIM)
    for _ in range(2):
        code, _, err = _run(["check", ".", "--format", "html", "-o", "report.html"], capsys)
        assert code == 1, err
    assert (tmp_path / "report.html").read_text().startswith("<!doctype html>")


# -- file names that are not UTF-8 -------------------------------------------------------

BAD_NAME = os.fsdecode(b"caf\xe9-\x1b]0;owned\x07.md")


@pytest.fixture
def odd_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    try:
        (folder / BAD_NAME).write_text(CLAIM)
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system does not take such a name")
    return folder


@pytest.mark.parametrize("fmt", ["json", "github", "sarif", "gitlab", "junit", "html"])
def test_a_file_name_that_is_not_utf8_is_written_safely(
    odd_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    out = tmp_path / f"report.{fmt}"
    code, _, err = _run(["check", str(odd_folder), "--format", fmt, "-o", str(out)], capsys)
    assert code == 1, err
    data = out.read_bytes()
    text = data.decode("utf-8")  # valid UTF-8 throughout
    assert "\x1b" not in text and "\x07" not in text
    name = "caf\\xe9-\\x1b]0;owned\\x07.md"
    if fmt == "json":
        assert json.loads(text)["findings"][0]["path"].endswith(name)
    if fmt == "gitlab":
        assert json.loads(text)[0]["location"]["path"].endswith(name)
    if fmt == "junit":
        import xml.etree.ElementTree as ET

        ET.fromstring(data)
    if fmt == "sarif":  # the URI names the file's own bytes
        uri = json.loads(text)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert "caf%E9-%1B%5D0%3Bowned%07.md" in uri
    elif fmt in ("github", "junit", "html"):
        assert name in text


def test_a_baseline_of_a_file_name_that_is_not_utf8(
    odd_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    baseline = tmp_path / "baseline.json"
    code, _, err = _run(["baseline", str(odd_folder), "-o", str(baseline)], capsys)
    assert code == 0, err
    json.loads(baseline.read_text(encoding="utf-8"))
    # The same findings are known on the next run: nothing new.
    code, out, err = _run(["check", str(odd_folder), "--baseline", str(baseline), "--format", "json"], capsys)
    assert code == 0, err
    assert json.loads(out)["findings"] == []


def test_stdout_json_of_a_file_name_that_is_not_utf8(odd_folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(["check", str(odd_folder), "--format", "json"], capsys)
    assert code == 1
    (finding, *_) = json.loads(out)["findings"]
    assert finding["path"].endswith("caf\\xe9-\\x1b]0;owned\\x07.md")


def test_github_annotations_carry_no_control_characters_and_no_injected_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    name = "x\n::add-mask::secret\x1b]0;t\x07.md"
    try:
        (folder / name).write_text("# T\n\nThis miracle \x1b[2J\x1b]0;owned\x07 cure works.\n")
    except OSError:
        pytest.skip("this file system does not take such a name")
    code, out, _ = _run(["check", str(folder), "--format", "github"], capsys)
    assert code in (1, 2) and out
    assert not any(ch in out for ch in "\x1b\x07\r")
    for line in out.splitlines():
        assert line.startswith(("::error ", "::warning ", "::notice ")), line
