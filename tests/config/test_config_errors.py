"""Broken configuration is a one-line error naming the file, never a traceback or a silent no-op."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from medlint.cli import main
from medlint.config import ConfigError, Settings, load_config_file
from medlint.engine import Linter

CLAIM = "# Back pain\n\nThis miracle injection offers a beacon of hope.\n"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (".medlint.toml", b"select = ['\xff']\n", "not UTF-8"),
        ("pyproject.toml", b"[[tool.medlint]]\nselect = ['CLM']\n", "must be a table of settings"),
        ("pyproject.toml", b"[tool]\nmedlint = ['claims']\n", "must be a table of settings"),
        ("pyproject.toml", b"# \xff\n[tool.medlint]\nselect = ['CLM']\n", "not UTF-8"),
        (".medlint.toml", b"exclude = ['!']\n", "exclude: invalid pattern '!'"),
    ],
)
def test_unreadable_config_files(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ConfigError, match=message) as info:
        load_config_file(path)
    assert "\n" not in str(info.value) and str(path) in str(info.value)


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"select": ("CLX001",)}, "select: 'CLX001' names no rule (did you mean 'CLM001'?)"),
        ({"ignore": ("miracle-cure",)}, "ignore: 'miracle-cure' names no rule (did you mean 'miracle-cure-language'?)"),
        ({"severity": {"CLM999": "error"}}, "severity: 'CLM999' names no rule"),
        ({"rules": {"RDB033": {"max_words": 20}}}, "rules: 'RDB033' names no rule (did you mean 'RDB003'?)"),
        ({"rules": {"CLM001": {"nonsense": 1}}}, "[rules.CLM001]: unknown parameter 'nonsense'"),
        ({"rules": {"RDB003": {"max_words": "many"}}}, "[rules.RDB003]: parameter 'max_words'"),
    ],
)
def test_config_that_names_nothing_or_breaks_a_rule(settings: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError) as info:
        Linter(Settings(**settings))  # type: ignore[arg-type]
    assert message in str(info.value) and "\n" not in str(info.value)


def test_selectors_by_prefix_pack_name_and_all_are_fine() -> None:
    for selector in ("CLM", "CLM00", "readability", "miracle-cure-language", "ALL"):
        Linter(Settings(select=(selector,)))


@pytest.mark.parametrize(
    "config",
    [
        "[tool.medlint]\nselect = ['CLX001']\n",
        "[tool.medlint.rules.CLM001]\nnonsense = 1\n",
        "[tool.medlint]\nexclude = ['!']\n",
    ],
)
def test_cli_reports_config_errors_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str], config: str) -> None:
    (tmp_path / "pyproject.toml").write_text(config)
    (tmp_path / "a.md").write_text(CLAIM)
    code = main(["check", str(tmp_path), "--format", "json"])
    captured = capsys.readouterr()
    assert code == 2 and "Traceback" not in captured.err
    errors = json.loads(captured.out)["errors"]
    assert errors and all("pyproject.toml" in e["message"] and "\n" not in e["message"] for e in errors)


@pytest.mark.parametrize("target", ["missing-dir/out.json", "."])
def test_unwritable_output_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, target: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(CLAIM)
    code = main(["check", "a.md", "-o", target])
    captured = capsys.readouterr()
    assert code == 2 and "Traceback" not in captured.err
    assert target in captured.err and len(captured.err.strip().splitlines()) == 1


def test_output_never_overwrites_an_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(CLAIM)
    (tmp_path / "latin.md").write_bytes(b"caf\xe9 miracle")  # cannot be linted, still an input
    (tmp_path / "empty.md").write_text("")
    for args in (
        ["check", "a.md", "-o", "a.md"],
        ["check", "latin.md", "-o", "latin.md"],
        ["check", ".", "-o", "a.md"],
        ["check", ".", "-o", "empty.md"],
        ["baseline", "a.md", "-o", "a.md"],
        ["baseline", ".", "-o", "latin.md"],
    ):
        code = main(args)
        captured = capsys.readouterr()
        assert code == 2 and "nothing written" in captured.err and "\n" not in captured.err.strip(), args
    assert (tmp_path / "a.md").read_text() == CLAIM
    assert (tmp_path / "latin.md").read_bytes() == b"caf\xe9 miracle"
    assert (tmp_path / "empty.md").read_text() == ""


def test_a_report_in_the_linted_folder_is_rewritten_not_linted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(CLAIM)
    for _ in range(2):  # the second run meets the first run's report in the folder
        code = main(["check", ".", "--format", "html", "-o", "report.html"])
        assert code == 1, capsys.readouterr().err
    assert "report.html" not in (tmp_path / "report.html").read_text().split("<body", 1)[1]  # not linted
    # "-o -" is stdout; the old report is then an ordinary input.
    main(["check", ".", "--format", "json", "-o", "-"])
    data = json.loads(capsys.readouterr().out)
    assert {Path(f["path"]).name for f in data["files"]} == {"a.md", "report.html"}


def test_cli_selectors_are_checked_once_against_every_configuration(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A selector valid in one configuration (a rule of its own pack) is not an error in another.
    pack = tmp_path / "style" / "acme"
    pack.mkdir(parents=True)
    (pack / "pack.yml").write_text("name: acme\nprefix: ACM\ntitle: Acme\ndescription: House style.\n")
    from conftest import ROOT

    rule = (ROOT / "rules" / "claims").glob("CLM001-*.yml").__next__().read_text()
    rule = "\n".join(line for line in rule.splitlines() if not line.startswith("aliases:"))
    (pack / "ACM001-marvel-language.yml").write_text(
        rule.replace("CLM001", "ACM001").replace("miracle-cure-language", "marvel-language")
    )
    (tmp_path / ".medlint.toml").write_text('rule-packs = ["style"]\n')
    (tmp_path / "legacy").mkdir()
    (tmp_path / "legacy" / ".medlint.toml").write_text('select = ["claims"]\n')
    (tmp_path / "a.md").write_text(CLAIM)
    (tmp_path / "legacy" / "b.md").write_text(CLAIM)
    code = main(
        ["check", str(tmp_path / "a.md"), str(tmp_path / "legacy" / "b.md"), "--format", "json", "--ignore", "ACM001"]
    )
    data = json.loads(capsys.readouterr().out)
    assert data["errors"] == [] and code == 1
    code = main(
        ["check", str(tmp_path / "a.md"), str(tmp_path / "legacy" / "b.md"), "--format", "json", "--select", "CLM099"]
    )
    data = json.loads(capsys.readouterr().out)
    assert code == 2
    assert data["errors"] == [{"path": "--select", "message": "'CLM099' names no rule (did you mean 'CLM009'?)"}]


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"severity": {"claims": "info"}}, "severity: 'claims' is not one rule; name one rule"),
        ({"severity": {"CLM": "info"}}, "severity: 'CLM' is not one rule"),
        ({"rules": {"ALL": {"max_words": 3}}}, "rules: 'ALL' is not one rule"),
        # Options of a rule that is not selected are checked too.
        (
            {"select": ("claims",), "rules": {"RDB003": {"max_wrods": 30}}},
            "[rules.RDB003]: unknown parameter 'max_wrods'",
        ),
    ],
)
def test_severity_and_options_name_one_rule(settings: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError) as info:
        Linter(Settings(**settings))  # type: ignore[arg-type]
    assert message in str(info.value)


def test_force_exclude_applies_excludes_to_named_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # pre-commit names each changed file; without force-exclude an excluded draft is linted anyway.
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".medlint.toml").write_text('exclude = ["drafts/"]\n')
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "old.md").write_text(CLAIM)
    (tmp_path / "drafts" / "empty.md").write_text("")
    (tmp_path / "a.md").write_text(CLAIM)
    named = ["drafts/old.md", "drafts/empty.md", "a.md"]

    def linted(*extra: str) -> set[str]:
        main(["check", *named, "--format", "json", *extra])
        data = json.loads(capsys.readouterr().out)
        return {f["path"] for f in data["files"]} | {e["path"] for e in data["errors"]}

    assert linted() == set(named)
    assert linted("--force-exclude") == {"a.md"}
    (tmp_path / ".medlint.toml").write_text('exclude = ["drafts/"]\nforce-exclude = true\n')
    assert linted() == {"a.md"}


def test_the_pre_commit_hook_forces_excludes() -> None:
    from conftest import ROOT

    assert "medlint check --force-exclude" in (ROOT / ".pre-commit-hooks.yaml").read_text()
