"""--diff-base compares with the merge-base: a branch is judged on the lines it changed, not on
what landed on the base branch since it forked."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from medlint.cli import main

# The base version has an old overclaim on line 3.
ARTICLE = "# Knee injections\n\nRest is a miracle.\n\nIce helps too.\n"


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def test_diff_base_uses_the_merge_base(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "config", "user.email", "t@example.com")
    git(tmp_path, "config", "user.name", "Test")
    article = tmp_path / "article.md"
    article.write_text(ARTICLE)
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "base")
    git(tmp_path, "checkout", "-qb", "feature")
    # The branch adds an overclaim at the end and leaves line 3 alone.
    article.write_text(ARTICLE + "\nThis miracle injection works.\n")
    git(tmp_path, "commit", "-qam", "feature")
    # Meanwhile main rewrites line 3. Against main's tip, the branch's line 3 now "differs",
    # though the branch never touched it.
    git(tmp_path, "checkout", "-q", "main")
    article.write_text(ARTICLE.replace("Rest is a miracle.", "Rest helps."))
    git(tmp_path, "commit", "-qam", "main moves on")
    git(tmp_path, "checkout", "-q", "feature")
    monkeypatch.chdir(tmp_path)

    def found(*extra: str) -> list[tuple[str, int]]:
        main(["check", "article.md", "--select", "CLM001", "--format", "json", *extra])
        return sorted((f["match"], f["line"]) for f in json.loads(capsys.readouterr().out)["findings"])

    assert found() == [("miracle", 3), ("miracle", 7)]
    assert found("--diff-base", "main") == [("miracle", 7)]
