"""One Linter shared by several threads gives every document the findings a serial run gives,
and so do two linters linting at the same time (they share the process's caches)."""

from __future__ import annotations

import random
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from conftest import ROOT

from medlint.config import Settings
from medlint.engine import FileOutcome, Linter

ARTICLES = sorted(
    p
    for folder in (ROOT / "examples", ROOT / "tests" / "data" / "claims-heldout" / "articles")
    for p in folder.rglob("*")
    if p.suffix in (".md", ".html", ".txt")
)


def _key(outcome: FileOutcome) -> tuple[object, ...]:
    return (outcome.findings, outcome.file, outcome.errors)


def _lint(linter: Linter, path: Path) -> tuple[object, ...]:
    return _key(linter.lint_text(path.read_text(encoding="utf-8"), path=str(path)))


def _threaded(jobs: list[tuple[Linter, Path]], threads: int = 8) -> list[tuple[object, ...]]:
    with ThreadPoolExecutor(threads) as pool:
        return list(pool.map(lambda job: _lint(*job), jobs))


def test_enough_articles_of_every_format() -> None:
    assert len(ARTICLES) >= 20 and {p.suffix for p in ARTICLES} == {".md", ".html", ".txt"}


def test_one_linter_shared_by_threads_matches_a_serial_run(all_rules_linter: Linter) -> None:
    serial = {p: _lint(all_rules_linter, p) for p in ARTICLES}
    assert any(outcome[0] for outcome in serial.values())
    order = ARTICLES * 2
    random.Random(5).shuffle(order)
    threaded = _threaded([(all_rules_linter, p) for p in order])
    for path, outcome in zip(order, threaded, strict=True):
        assert outcome == serial[path], path


def test_two_linters_at_once_match_their_serial_runs() -> None:
    readability = Linter(Settings(select=("readability",)))
    claims = Linter(Settings(select=("claims", "completeness")))
    serial = {(id(linter), p): _lint(linter, p) for linter in (readability, claims) for p in ARTICLES}
    jobs = [(linter, p) for p in ARTICLES for linter in (readability, claims)]
    for (linter, path), outcome in zip(jobs, _threaded(jobs), strict=True):
        assert outcome == serial[(id(linter), path)], path
