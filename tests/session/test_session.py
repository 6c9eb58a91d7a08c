"""`session.run(options) -> Report`: the API reaches everything the command line does (stdin,
fixes, baselines, changed lines, the fail level), and the command line is a view of it."""

from __future__ import annotations

import io
import json
import subprocess
from pathlib import Path

import pytest

from medlint.cli import main
from medlint.findings import Severity
from medlint.post.baseline import write_baseline
from medlint.session import RunOptions, run

HYPE = "# Back pain\n\nThis miracle injection will change your life forever.\n"
WORDY = "# Using your inhaler\n\nUtilize the inhaler twice a day.\n"


def test_stdin_from_the_api(tmp_path: Path) -> None:
    report = run(
        RunOptions(paths=("-",), stdin=io.BytesIO(HYPE.encode()), stdin_filename="draft.md", select=("CLM001",))
    )
    assert [(f.path, f.code, f.match) for f in report.findings] == [("draft.md", "CLM001", "miracle")]
    assert report.sources == {"draft.md": HYPE}


def test_fail_level_comes_from_the_first_paths_configuration(tmp_path: Path) -> None:
    (tmp_path / ".medlint.toml").write_text('fail-level = "error"\nselect = ["CLM001"]\n')
    (tmp_path / "a.md").write_text(HYPE)
    report = run(RunOptions(paths=(str(tmp_path / "a.md"),)))
    assert report.fail_level is Severity.ERROR and [f.severity for f in report.findings] == [Severity.WARNING]
    assert not report.failed
    stricter = run(RunOptions(paths=(str(tmp_path / "a.md"),), fail_level=Severity.WARNING))
    assert stricter.failed


def test_baseline_keeps_only_new_findings(tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text(HYPE)
    options = RunOptions(paths=(str(article),), select=("CLM001",))
    write_baseline(run(options), tmp_path / "baseline.json")
    article.write_text(HYPE + "\nAnother miracle cure.\n")
    report = run(RunOptions(paths=(str(article),), select=("CLM001",), baseline=tmp_path / "baseline.json"))
    assert [(f.line, f.match) for f in report.findings] == [(5, "miracle")]
    broken = run(RunOptions(paths=(str(article),), select=("CLM001",), baseline=tmp_path / "missing.json"))
    assert [e.path for e in broken.errors] == [str(tmp_path / "missing.json")]


def test_diff_base_keeps_findings_on_changed_lines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    git("init", "-q", "-b", "main")
    git("config", "user.email", "t@example.com")
    git("config", "user.name", "t")
    (tmp_path / "a.md").write_text(HYPE)
    git("add", ".")
    git("commit", "-q", "-m", "first")
    (tmp_path / "a.md").write_text(HYPE + "\nAnother miracle cure.\n")
    monkeypatch.chdir(tmp_path)
    report = run(RunOptions(paths=("a.md",), select=("CLM001",), diff_base="main"))
    assert [(f.line, f.match) for f in report.findings] == [(5, "miracle")]


def test_diff_option_reports_the_fix_and_writes_nothing(tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text(WORDY)
    report = run(RunOptions(paths=(str(article),), select=("RDB008",), diff=True))
    assert report.fixed == 1 and list(report.diffs) == [str(article)]
    assert "+Use the inhaler twice a day." in report.diffs[str(article)]
    assert article.read_text() == WORDY


def test_the_command_line_prints_what_run_returns(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.md").write_text(HYPE)
    (tmp_path / "b.md").write_text(WORDY)
    code = main(["check", str(tmp_path), "--format", "json"])
    printed = json.loads(capsys.readouterr().out)
    report = run(RunOptions(paths=(str(tmp_path),)))
    assert printed == report.to_json()
    assert code == (1 if report.failed else 0) and report.findings


def test_options_are_frozen() -> None:
    options = RunOptions()
    with pytest.raises(AttributeError):
        options.paths = ("x",)  # type: ignore[misc]
