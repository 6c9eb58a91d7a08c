"""The developer toolchain: what `.ci/run` checks, pre-commit checks too; one version, logged."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
import yaml
from conftest import ROOT

from medlint.version import __version__


def _ci_steps() -> list[str]:
    lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith(("#", "set ", "cd "))]


def test_ci_runs_the_tests_then_the_toolchain_as_steps() -> None:
    steps = _ci_steps()
    assert steps[0] == 'pip install -e ".[test]" && python -m pytest'
    for command in ("ruff format --check .", "ruff check .", "mypy --strict medlint"):
        assert command in steps[1:], command


# Each CI check and the pre-commit hook that runs it on a commit (which may fix, not only check).
CI_STEP_TO_HOOK = {
    "ruff format --check .": "ruff format",
    "ruff check .": "ruff check --fix",
    "mypy --strict medlint": "mypy --strict medlint",
    "python scripts/generate_docs.py --check": "python scripts/generate_docs.py --check",
}


def test_pre_commit_runs_what_ci_runs() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    entries = {hook["entry"] for repo in config["repos"] for hook in repo["hooks"]}
    # The last step runs the slow tests: tests, not a check a commit hook repeats.
    assert _ci_steps()[1:-1] == list(CI_STEP_TO_HOOK)
    assert _ci_steps()[-1] == "python -m pytest -m slow"
    assert entries == set(CI_STEP_TO_HOOK.values())


def test_pre_commit_config_is_valid() -> None:
    if shutil.which("pre-commit") is None:
        pytest.skip("pre-commit is not installed (pip install '.[test]')")
    proc = subprocess.run(
        ["pre-commit", "validate-config", ".pre-commit-config.yaml"], cwd=ROOT, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_changelog_has_the_current_version() -> None:
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.search(rf"^## \[{re.escape(__version__)}\]", changelog, re.MULTILINE)


def test_the_version_is_written_once() -> None:
    pattern = re.compile(re.escape(__version__).join(['(?:__version__|^version)\\s*=\\s*"', '"']), re.MULTILINE)
    homes = [
        p.relative_to(ROOT).as_posix()
        for p in [ROOT / "pyproject.toml", *ROOT.joinpath("medlint").rglob("*.py")]
        if pattern.search(p.read_text(encoding="utf-8"))
    ]
    assert homes == ["medlint/version.py"]
