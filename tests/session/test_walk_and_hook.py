"""Articles only: which files a folder walk and the pre-commit hook lint.

The slow test runs the real `pre-commit run --all-files` on a temporary repository with a
README, LICENSE, CHANGELOG, requirements, an ignored built site and two articles.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from medlint.api import Session
from medlint.config import load_config_file
from medlint.discover import is_non_article

BAD = "# Back pain\n\nThis miracle injection will change your life forever.\n"
GOOD = (
    "# Back pain\n\nMost back pain gets better within a few weeks. Keep moving and take painkillers if you need them.\n"
)
REPO_FILES = {
    "README.md": BAD,
    "LICENSE": "MIT License\n\nThis miracle software works forever.\n",
    "CHANGELOG.md": "# Changelog\n\n## 1.0\n\nA miracle release.\n",
    "requirements.txt": "miracle==1.0\n",
    "docs/readme.de.md": BAD,
    ".github/PULL_REQUEST_TEMPLATE.md": BAD,
    "_site/bad.html": "<h1>Back pain</h1><p>This miracle injection will change your life forever.</p>",
}


def make_repo(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def linted(root: Path, *paths: str, force_exclude: bool = False) -> list[str]:
    session = Session(cli={"force_exclude": True} if force_exclude else None)
    files, errors = session.expand([str(root / p) for p in paths] or [str(root)])
    assert not errors
    return sorted(f.resolve().relative_to(root.resolve()).as_posix() for f in files)


def test_a_walk_skips_repository_files_and_keeps_articles(tmp_path: Path) -> None:
    make_repo(tmp_path, {**REPO_FILES, "articles/bad.md": BAD, "articles/good.md": GOOD, "notes.txt": GOOD})
    assert linted(tmp_path) == ["articles/bad.md", "articles/good.md", "notes.txt"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("README.md", True),
        ("readme.de.md", True),
        ("LICENCE.txt", True),
        ("CHANGELOG", True),
        ("requirements-dev.txt", True),
        ("Code_Of_Conduct.md", True),
        (".github/ISSUE_TEMPLATE/bug.md", True),
        ("back-pain.md", False),
        ("readmeplease.md", False),
        ("news/flu-2025.md", False),
        ("licensing-a-clinic.md", False),
    ],
)
def test_non_article_names(name: str, expected: bool) -> None:
    assert is_non_article(Path(name)) is expected


def test_gitignore_is_respected_nested_and_negated(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    make_repo(
        tmp_path,
        {
            ".gitignore": "_drafts/\n*.tmp.md\n",
            "site/.gitignore": "generated/\n!keep.tmp.md\n",
            "site/a.md": GOOD,
            "site/keep.tmp.md": GOOD,
            "site/other.tmp.md": GOOD,
            "site/generated/page.md": BAD,
            "_drafts/x.md": BAD,
            "b.tmp.md": BAD,
        },
    )
    (tmp_path / ".git" / "info").mkdir()
    (tmp_path / ".git" / "info" / "exclude").write_text("private.md\n")
    (tmp_path / "private.md").write_text(BAD)
    assert linted(tmp_path) == ["site/a.md", "site/keep.tmp.md"]
    # Walking a subfolder still applies the .gitignore files above it, up to the repository's top.
    assert linted(tmp_path, "site") == ["site/a.md", "site/keep.tmp.md"]


def test_include_and_exclude_from_config(tmp_path: Path) -> None:
    make_repo(
        tmp_path,
        {
            ".medlint.toml": 'include = ["content/**", "README.md"]\nexclude = ["content/drafts/"]\n',
            "README.md": BAD,
            "content/a.md": GOOD,
            "content/page.njk": GOOD,
            "content/drafts/b.md": BAD,
            "other/c.md": BAD,
        },
    )
    # include names README.md, so it is linted; it also admits content/page.njk (any extension).
    assert linted(tmp_path) == ["README.md", "content/a.md", "content/page.njk"]
    assert load_config_file(tmp_path / ".medlint.toml").include == ("content/**", "README.md")


def test_named_files_are_linted_unless_force_exclude(tmp_path: Path) -> None:
    make_repo(tmp_path, {".medlint.toml": 'exclude = ["drafts/"]\n', **REPO_FILES, "drafts/x.md": BAD, "a.md": GOOD})
    names = ["README.md", "LICENSE", "requirements.txt", "drafts/x.md", "a.md"]
    assert linted(tmp_path, *names) == sorted(names)
    assert linted(tmp_path, *names, force_exclude=True) == ["a.md"]


def _pre_commit() -> list[str]:
    exe = shutil.which("pre-commit")
    if exe:
        return [exe]
    try:
        import pre_commit  # noqa: F401
    except ImportError:
        pytest.skip("pre-commit is not installed (pip install '.[test]')")
    return [sys.executable, "-m", "pre_commit"]


def _git(repo: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
    }
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True, env=env).stdout


def _hook_repo(tmp_path: Path) -> tuple[Path, str]:
    """A clone of this checkout with the working tree's files committed (as `try-repo` does),
    so `pre-commit run` installs the hook as it stands."""
    hook = tmp_path / "hook-repo"
    _git(tmp_path, "clone", "-q", "--no-local", str(ROOT), str(hook))
    tracked = _git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard").split("\0")
    for rel in filter(None, tracked):
        src, dst = ROOT / rel, hook / rel
        if src.is_file():
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst)
    _git(hook, "add", "-A")
    _git(hook, "commit", "-q", "--allow-empty", "-m", "working tree")
    return hook, _git(hook, "rev-parse", "HEAD").strip()


@pytest.mark.slow
@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="needs a git checkout of medlint")
def test_pre_commit_run_all_files_fails_only_on_the_bad_article(tmp_path: Path) -> None:
    hook, rev = _hook_repo(tmp_path)
    repo = tmp_path / "content"
    repo.mkdir()
    _git(repo, "init", "-q")
    make_repo(repo, {**REPO_FILES, ".gitignore": "_site/\n", "articles/good.md": GOOD})
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hook}\n    rev: {rev}\n    hooks:\n      - id: medlint\n"
        '        args: ["--select", "CLM", "--color", "never"]\n'
    )
    _git(repo, "add", ".")
    env = {**os.environ, "PRE_COMMIT_COLOR": "never", "PRE_COMMIT_HOME": str(tmp_path / "pc-home")}

    def run() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*_pre_commit(), "run", "--all-files"], cwd=repo, env=env, capture_output=True, text=True, timeout=1200
        )

    clean = run()
    # README, LICENSE, CHANGELOG, requirements, the .github template and the ignored built site
    # all say "miracle"; none of them is an article, so the hook passes.
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "miracle" not in clean.stdout

    (repo / "articles" / "bad.md").write_text(BAD)
    _git(repo, "add", ".")
    bad = run()
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "articles/bad.md:3:" in bad.stdout and "CLM001" in bad.stdout
    for other in ("README.md", "LICENSE", "CHANGELOG.md", "requirements.txt", "_site", ".github", "good.md"):
        assert other not in bad.stdout, (other, bad.stdout)


def test_folders_above_the_project_do_not_make_files_non_articles(tmp_path: Path) -> None:
    project = tmp_path / "licenses" / "site"  # the project happens to live under "licenses/"
    make_repo(project, {".medlint.toml": "", "a.md": GOOD, "LICENSES/MIT.txt": BAD, ".github/x.md": BAD})
    assert linted(project) == ["a.md"]
    assert linted(project, "a.md", "LICENSES/MIT.txt", force_exclude=True) == ["a.md"]
