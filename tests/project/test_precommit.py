"""The real pre-commit, installing this checkout as a hook, fails a bad article and passes a clean one."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

BAD = "# Back pain\n\nThis miracle injection will change your life forever.\n"
GOOD = (
    "# Back pain\n\nMost back pain gets better within a few weeks. Keep moving and take painkillers if you need them.\n"
)


def _pre_commit() -> list[str]:
    exe = shutil.which("pre-commit")
    if exe:
        return [exe]
    try:
        import pre_commit  # noqa: F401
    except ImportError:
        pytest.skip("pre-commit is not installed (pip install '.[test]')")
    return [sys.executable, "-m", "pre_commit"]


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.mark.slow
@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="needs a git checkout of medlint")
def test_try_repo_fails_bad_article_and_passes_clean_one(tmp_path: Path) -> None:
    repo = tmp_path / "content"
    repo.mkdir()
    _git(repo, "init", "-q")
    (repo / "bad.md").write_text(BAD)
    (repo / "good.md").write_text(GOOD)
    # Not an article: the hook's file types must leave code alone (identify tags .py as "text").
    (repo / "tool.py").write_text("# This miracle script works forever.\nprint('hi')\n")
    _git(repo, "add", ".")
    env = {**os.environ, "PRE_COMMIT_COLOR": "never"}

    def try_repo(name: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [
                *_pre_commit(),
                "try-repo",
                str(ROOT),
                "medlint",
                "--files",
                name,
                "--verbose",
                "--hook-stage",
                "pre-commit",
            ],
            cwd=repo,
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
        )

    # try-repo takes no hook args, so the content repo's own config selects the claims pack (a
    # clean article then need not carry sources and dates to pass).
    (repo / ".medlint.toml").write_text('select = ["CLM"]\n')
    bad = try_repo("bad.md")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "CLM001" in bad.stdout and "bad.md:3:" in bad.stdout
    good = try_repo("good.md")
    assert good.returncode == 0, good.stdout + good.stderr
    code = try_repo("tool.py")
    assert code.returncode == 0 and "CLM" not in code.stdout, code.stdout + code.stderr
