"""medlint.dask: the same report as `medlint check --format json`, rebuilt from JSON Lines."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

db = pytest.importorskip("dask.bag", reason="the optional extra medlint-health[dask] is not installed")

from medlint.dask import lint_bag, report_from_jsonl, report_from_records, write_jsonl  # noqa: E402


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """The examples plus a file that is not UTF-8, linted from inside a temporary folder."""
    tmp_path = tmp_path_factory.mktemp("dask")
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in (
        "back-injections-draft.md",
        "back-pain-careful.md",
        "iv-drip-press-release.html",
        "knee-pain-notes.txt",
    ):
        shutil.copy(ROOT / "examples" / name, docs / name)
    (docs / "latin1.md").write_bytes("# Caf\xe9 cures\n".encode("latin-1"))
    (tmp_path / ".medlint.toml").write_text('today = "2026-01-15"\n')
    files = sorted(f"docs/{p.name}" for p in docs.iterdir())
    return tmp_path, files


_REPORTS: dict[tuple[str, ...], str] = {}


def cli_report(cwd: Path, files: list[str]) -> dict[str, object]:
    """`medlint check FILES --format json`, run once per set of files."""
    key = (str(cwd), *files)
    if key not in _REPORTS:
        _REPORTS[key] = _run_cli(cwd, files)
    report: dict[str, object] = json.loads(_REPORTS[key])
    return report


def _run_cli(cwd: Path, files: list[str]) -> str:
    run = subprocess.run(
        [sys.executable, "-m", "medlint", "check", *files, "--format", "json"],
        cwd=cwd,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 2, run.stderr  # findings and one input error
    return run.stdout


def test_records_rebuild_the_cli_report(tree: tuple[Path, list[str]], monkeypatch: pytest.MonkeyPatch) -> None:
    cwd, files = tree
    monkeypatch.chdir(cwd)
    expected = cli_report(cwd, files)
    bag = db.from_sequence(files, npartitions=3)
    with __import__("dask").config.set(scheduler="synchronous"):
        records = lint_bag(bag).compute()
    assert report_from_records(records) == expected
    assert report_from_records(list(reversed(records))) == expected  # the order partitions finish in does not matter
    assert any(r["record"] == "error" and "UTF-8" in r["message"] for r in records)


def test_path_and_text_records(tree: tuple[Path, list[str]], monkeypatch: pytest.MonkeyPatch) -> None:
    cwd, files = tree
    monkeypatch.chdir(cwd)
    readable = [f for f in files if not f.endswith("latin1.md")]
    expected = cli_report(cwd, files)
    expected["findings"] = [f for f in expected["findings"] if not f["path"].endswith("latin1.md")]  # type: ignore[attr-defined,index]
    expected["errors"] = []
    bag = db.from_sequence([(f, (cwd / f).read_text(encoding="utf-8")) for f in readable], npartitions=2)
    with __import__("dask").config.set(scheduler="synchronous"):
        assert report_from_records(lint_bag(bag).compute()) == expected


@pytest.mark.slow
def test_local_cluster_of_two_workers(
    tree: tuple[Path, list[str]], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    distributed = pytest.importorskip("distributed")
    cwd, files = tree
    monkeypatch.chdir(cwd)
    expected = cli_report(cwd, files)
    with (
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        distributed.Client(cluster),
    ):
        bag = db.from_sequence(files, npartitions=3)
        written = write_jsonl(lint_bag(bag), tmp_path / "out")
    assert len(written) == bag.npartitions == 3
    assert report_from_jsonl(sorted(written)) == expected
