"""--jobs: files linted in worker processes give the same report, byte for byte, as one process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import ROOT

from medlint.config import Settings
from medlint.engine import Linter
from medlint.engine.pool import Job, lint_files

EXAMPLES = ["back-injections-draft.md", "back-pain-careful.md", "iv-drip-press-release.html", "knee-pain-notes.txt"]

needs_fork = pytest.mark.skipif(sys.platform == "win32", reason="worker processes are forked")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The examples under several names, a bad file between them, and a fixed date."""
    docs = tmp_path / "docs"
    docs.mkdir()
    for i in range(3):
        for name in EXAMPLES:
            text = (ROOT / "examples" / name).read_text(encoding="utf-8")
            (docs / f"{i}-{name}").write_text(text + ("\n" * i), encoding="utf-8")
    (docs / "1-zz-latin1.md").write_bytes("# Caf\xe9\n".encode("latin-1"))
    (tmp_path / ".medlint.toml").write_text('today = "2026-01-15"\n')
    return tmp_path


# Runs medlint's command line in a fresh process with the pool forced on for any amount of
# text (PARALLEL_MIN_BYTES 0) and says on stderr how many files went to worker processes.
_RUN = textwrap.dedent(
    """
    import sys
    import medlint.engine.pool as batch
    batch.PARALLEL_MIN_BYTES = 0
    real = batch._in_pool
    def spy(jobs, texts, todo, fmt, workers, *rest):
        sys.stderr.write(f"pooled {len(todo)} files in {min(workers, len(todo))} workers\\n")
        return real(jobs, texts, todo, fmt, workers, *rest)
    batch._in_pool = spy
    from medlint.cli import main
    raise SystemExit(main(sys.argv[1:]))
    """
)


def run_cli(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", _RUN, "check", "docs", "--no-cache", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
    )


@needs_fork
@pytest.mark.parametrize(
    "fmt", ["text", pytest.param("json", marks=pytest.mark.slow), pytest.param("sarif", marks=pytest.mark.slow)]
)
def test_two_jobs_print_what_one_job_prints(folder: Path, fmt: str) -> None:
    one = run_cli(folder, "--jobs", "1", "--format", fmt)
    two = run_cli(folder, "--jobs", "2", "--format", fmt)
    assert "pooled" not in one.stderr
    assert "pooled 12 files in 2 workers" in two.stderr
    assert one.returncode == two.returncode == 2  # findings, and the file that is not UTF-8
    assert two.stdout == one.stdout
    if fmt == "json":
        report = json.loads(two.stdout)
        assert [f["path"] for f in report["files"]] == sorted(f["path"] for f in report["files"])
        assert report["errors"][0]["path"].endswith("1-zz-latin1.md")


@pytest.mark.slow
@needs_fork
def test_claims_register_over_jobs(folder: Path) -> None:
    one = subprocess.run(
        [sys.executable, "-c", _RUN, "claims", "docs", "--no-cache", "--format", "json", "--jobs", "1"],
        cwd=folder,
        capture_output=True,
        text=True,
    )
    two = subprocess.run(
        [sys.executable, "-c", _RUN, "claims", "docs", "--no-cache", "--format", "json", "--jobs", "2"],
        cwd=folder,
        capture_output=True,
        text=True,
    )
    assert "pooled" in two.stderr
    assert one.stdout == two.stdout and json.loads(one.stdout)


def test_jobs_must_be_a_positive_number(folder: Path) -> None:
    from medlint.cli import main

    assert main(["check", str(folder / "docs"), "--jobs", "0"]) == 2
    assert main(["check", str(folder / "docs"), "--jobs", "many"]) == 2


@needs_fork
def test_a_worker_that_dies_costs_no_file(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker killed half-way (out of memory) leaves its files to this process."""
    import medlint.engine.pool as batch

    monkeypatch.setattr(batch, "PARALLEL_MIN_BYTES", 0)
    parent = os.getpid()
    real = Linter.lint_text

    def dying(self: Linter, text: str, **kwargs: object) -> object:
        if os.getpid() != parent and str(kwargs.get("path", "")).endswith("2-back-pain-careful.md"):
            os._exit(9)
        return real(self, text, **kwargs)  # type: ignore[arg-type]

    linter = Linter(Settings(today="2026-01-15"))
    jobs = [Job(linter, p, str(p)) for p in sorted((folder / "docs").glob("*")) if "latin1" not in p.name]
    expected = lint_files(jobs, workers=1)
    monkeypatch.setattr(Linter, "lint_text", dying)
    if not batch._can_fork():
        pytest.skip("this test process has other threads; forking is off")
    assert lint_files(jobs, workers=2) == expected


def _cache_run(cwd: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "medlint", "check", "docs", "--format", "json", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
    )


def entries(folder: Path) -> list[Path]:
    """The files' entries (not the rules' entry of each configuration, `*.rules.json`)."""
    return sorted(p for p in folder.rglob("*.json") if not p.name.endswith(".rules.json")) if folder.exists() else []


@pytest.mark.slow
def test_cache_dir_no_cache_and_environment(folder: Path, tmp_path: Path) -> None:
    env = {**os.environ, "MEDLINT_CACHE_DIR": str(tmp_path / "from-env")}
    first = _cache_run(folder, env=env)
    assert len(entries(tmp_path / "from-env")) == 12  # every file but the one that is not UTF-8
    assert len(list((tmp_path / "from-env").rglob("*.rules.json"))) == 1  # one configuration
    again = _cache_run(folder, env=env)
    assert again.stdout == first.stdout and again.returncode == first.returncode == 2
    flag = _cache_run(folder, "--cache-dir", str(tmp_path / "from-flag"), env=env)
    assert flag.stdout == first.stdout
    assert len(entries(tmp_path / "from-flag")) == 12  # --cache-dir wins over the environment
    off = _cache_run(folder, "--no-cache", "--cache-dir", str(tmp_path / "off"), env=env)
    assert off.stdout == first.stdout
    assert not (tmp_path / "off").exists()


def test_a_changed_file_is_linted_again_by_the_cli(folder: Path, tmp_path: Path) -> None:
    cache = ["--cache-dir", str(tmp_path / "c")]
    before = json.loads(_cache_run(folder, *cache).stdout)
    target = folder / "docs" / "0-back-pain-careful.md"
    text = target.read_text(encoding="utf-8")
    target.write_text(text + "\n## Our view\n\nThis miracle cure works for everyone.\n", encoding="utf-8")
    after = json.loads(_cache_run(folder, *cache).stdout)
    fresh = json.loads(_cache_run(folder, "--no-cache").stdout)
    assert after == fresh != before
    assert any(f["path"] == "docs/0-back-pain-careful.md" and f["code"] == "CLM001" for f in after["findings"])


def test_a_run_the_cache_answers_in_full_imports_no_spacy(folder: Path, tmp_path: Path) -> None:
    """The second run on an unchanged tree reads the cache only: no spaCy import (nor a
    sentence worker to import it), and the same report."""
    cache = ["--cache-dir", str(tmp_path / "c")]
    first = _cache_run(folder, *cache)
    probe = "import sys, runpy; sys.argv[0] = 'medlint'; runpy.run_module('medlint', run_name='__main__')"
    again = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", probe, "check", "docs", "--format", "json", *cache],
        cwd=folder,
        capture_output=True,
        text=True,
    )
    assert again.stdout == first.stdout and again.returncode == first.returncode == 2
    imported = [line.rsplit("|", 1)[-1].strip() for line in again.stderr.splitlines() if "|" in line]
    assert "medlint.session" in imported  # the probe does see imports
    assert "spacy" not in imported
