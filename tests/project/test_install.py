"""The README's set-up works as written on a Debian-like machine, and the wheel installs the
`medlint` command under the distribution name medlint-health.

Slow: a real install of medlint and spaCy into a fresh virtual environment.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT

SYSTEM_PYTHON = Path("/usr/bin/python3")


def readme_block(heading: str, index: int = 0) -> str:
    """The `index`-th ```sh block under a `## heading` of the README."""
    text = (ROOT / "README.md").read_text()
    section = text.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", section, re.DOTALL)
    return str(blocks[index]).strip()


def test_ci_runs_the_readme_test_command() -> None:
    command = readme_block("Quick start", 1)
    assert command == 'pip install -e ".[test]" && python -m pytest'
    steps = (ROOT / ".ci" / "run").read_text().splitlines()
    assert command in steps
    # The slow tests run too, as their own step, after the default run.
    assert steps.index("python -m pytest -m slow") > steps.index(command)


def _copy_checkout(dest: Path) -> None:
    listed = (
        subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT,
            capture_output=True,
            check=True,
        )
        .stdout.decode()
        .split("\0")
    )
    for rel in filter(None, listed):
        src = ROOT / rel
        if src.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)


@pytest.mark.slow
@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="needs a git checkout of medlint")
@pytest.mark.skipif(not SYSTEM_PYTHON.is_file(), reason="needs the system Python (Debian/Ubuntu /usr/bin/python3)")
def test_readme_setup_works_as_written_on_system_python(tmp_path: Path) -> None:
    checkout = tmp_path / "medlint"
    _copy_checkout(checkout)
    # Only the system's own tools: python3 is Debian's, externally managed where it says so.
    env = {"PATH": "/usr/bin:/bin", "HOME": str(Path.home()), "LANG": "C.UTF-8"}
    for key in ("PIP_FIND_LINKS", "PIP_CERT", "PIP_DEFAULT_TIMEOUT", "PIP_CONFIG_FILE", "SSL_CERT_FILE"):
        if key in os.environ:
            env[key] = os.environ[key]

    def sh(command: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["bash", "-c", command], cwd=checkout, env=env, capture_output=True, text=True, timeout=1500
        )

    if list(Path("/usr/lib").glob("python3*/EXTERNALLY-MANAGED")):
        # Why the README uses a venv: a bare `pip install .` is refused here (or pip is absent).
        bare = sh("python3 -m pip install --dry-run .")
        assert bare.returncode != 0
        said = bare.stdout + bare.stderr
        assert "externally-managed-environment" in said or "No module named pip" in said, said

    setup = readme_block("Quick start", 0)
    assert setup.startswith("python3 -m venv .venv && . .venv/bin/activate && pip install . && ")
    run = sh(setup)
    assert run.returncode == 1, run.stdout[-2000:] + run.stderr[-2000:]  # the example article has findings
    assert "examples/back-injections-draft.md" in run.stdout and "Found " in run.stdout

    venv = checkout / ".venv" / "bin"
    shown = subprocess.run([str(venv / "pip"), "show", "medlint-health"], capture_output=True, text=True, env=env)
    assert "Name: medlint-health" in shown.stdout

    # The built wheel, installed under its distribution name, gives the `medlint` command.
    dist = tmp_path / "dist"
    subprocess.run(
        [str(venv / "pip"), "wheel", "--no-deps", "-q", "-w", str(dist), "."],
        cwd=checkout,
        env=env,
        check=True,
        capture_output=True,
    )
    (wheel,) = dist.glob("medlint_health-*.whl")
    assert "medlint_health" in wheel.name
    names = zipfile.ZipFile(wheel).namelist()
    assert "medlint/py.typed" in names and any(n.endswith("licenses/LICENSE") for n in names)
    subprocess.run([str(venv / "pip"), "uninstall", "-y", "-q", "medlint-health"], env=env, check=True)
    assert not (venv / "medlint").exists()
    # By name, as the README's `pip install medlint-health` (the built wheel stands in for the
    # PyPI release: pip finds it through --find-links like any package), with the editor extra.
    subprocess.run(
        [str(venv / "pip"), "install", "-q", "--find-links", str(dist), "medlint-health[lsp]"],
        env=env,
        check=True,
        capture_output=True,
    )
    server = subprocess.run(
        [str(venv / "python"), "-c", "import medlint.server"], capture_output=True, text=True, env=env, cwd=tmp_path
    )
    assert server.returncode == 0, server.stderr  # `medlint server` has what it imports
    version = subprocess.run(
        [str(venv / "medlint"), "--version"], capture_output=True, text=True, env=env, cwd=tmp_path
    )
    assert version.returncode == 0 and version.stdout.startswith("medlint "), version.stderr
    check = subprocess.run(
        [str(venv / "medlint"), "check", str(checkout / "examples" / "back-pain-careful.md")],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    assert check.returncode in (0, 1) and "Traceback" not in check.stderr, check.stderr
