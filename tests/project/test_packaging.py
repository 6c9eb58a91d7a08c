"""The wheel ships the rule packs inside the package, and an installed wheel finds them."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT

pytestmark = pytest.mark.slow  # builds a wheel with pip: about 10 s


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        pytest.skip(f"cannot build a wheel here: {proc.stderr.strip().splitlines()[-1:]}")
    return next(out.glob("medlint_health-*.whl"))


def test_wheel_contains_every_rule_file(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for path in (ROOT / "rules").rglob("*.yml"):
        rel = path.relative_to(ROOT / "rules").as_posix()
        assert f"medlint/_rules/{rel}" in names, rel
    assert "medlint/cli.py" in names


def test_wheel_carries_the_one_version_and_no_maintainer_script(wheel: Path) -> None:
    from medlint.version import __version__

    archive = zipfile.ZipFile(wheel)
    assert wheel.name.startswith(f"medlint_health-{__version__}-")
    metadata = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
    assert f"\nVersion: {__version__}\n" in archive.read(metadata).decode()
    assert not [n for n in archive.namelist() if "generate_docs" in n or n.startswith("scripts/")]


def test_unpacked_wheel_finds_its_own_rules(wheel: Path, tmp_path: Path) -> None:
    zipfile.ZipFile(wheel).extractall(tmp_path)
    code = (
        "import medlint.registry.rules as r, medlint.engine as e; d = r.builtin_rules_dir(); "
        "print(d); print(len(e.Linter().all_rules))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    assert proc.returncode == 0, proc.stderr
    where, count = proc.stdout.split()
    assert Path(where) == tmp_path / "medlint" / "_rules"
    assert int(count) == len(list((ROOT / "rules").glob("*/[A-Z]*.yml")))
