"""End to end in a temporary git repository: --diff-base and --baseline report only the new claim."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from medlint.cli import main

OLD = "# Knee injections\n\nThis miracle injection works.\n\nIt offers a beacon of hope.\n"
NEW_CLAIM = "Relief is guaranteed."


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def check(repo: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> list[dict[str, object]]:
    main(["check", str(repo / "article.md"), "--format", "json", "--select", "CLM001,CLM002,CLM003", *extra])
    findings: list[dict[str, object]] = json.loads(capsys.readouterr().out)["findings"]
    return findings


@pytest.fixture()
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    git(tmp_path, "init", "-q")
    git(tmp_path, "config", "user.email", "t@example.com")
    git(tmp_path, "config", "user.name", "Test")
    (tmp_path / "article.md").write_text(OLD)
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "old article")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def edit(repo: Path) -> None:
    # Lines inserted above the old findings move them down; one new overclaim at the end.
    text = OLD.replace("# Knee injections\n", "# Knee injections\n\nA new intro line.\n\nAnother one.\n")
    (repo / "article.md").write_text(text + "\n" + NEW_CLAIM + "\n")


def test_diff_base_reports_only_the_new_claim(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert len(check(repo, capsys)) == 2  # the old article has two findings
    edit(repo)
    found = check(repo, capsys, "--diff-base", "HEAD")
    assert [(f["match"], f["line"]) for f in found] == [("guaranteed", 11)]


def test_baseline_survives_inserted_lines(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    baseline = repo / "baseline.json"
    assert main(["baseline", str(repo / "article.md"), "-o", str(baseline)]) == 0
    capsys.readouterr()
    edit(repo)
    everything = check(repo, capsys)
    assert len(everything) == 3
    found = check(repo, capsys, "--baseline", str(baseline))
    assert [f["match"] for f in found] == ["guaranteed"]


def test_bad_ref_is_an_error_not_a_traceback(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", str(repo / "article.md"), "--format", "json", "--diff-base", "no-such-ref"])
    data = json.loads(capsys.readouterr().out)
    assert code == 2 and data["errors"] and "no-such-ref" in data["errors"][0]["message"]
