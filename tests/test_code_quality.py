"""ruff and mypy stay clean: the conventions in pyproject.toml are enforced, not just written down."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from conftest import ROOT


def _run(module: str, *args: str) -> subprocess.CompletedProcess[str]:
    if shutil.which(module) is None:
        try:
            __import__(module)
        except ImportError:
            pytest.skip(f"{module} is not installed (pip install '.[test]')")
    return subprocess.run([sys.executable, "-m", module, *args], cwd=ROOT, capture_output=True, text=True)


def test_ruff_is_clean() -> None:
    proc = _run("ruff", "check", "medlint", "tests", "benchmarks")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_mypy_is_clean() -> None:
    proc = _run("mypy")
    assert proc.returncode == 0, proc.stdout + proc.stderr
