"""Lint many files: the per-file function (read, cache, lint) and the process pool of `--jobs`.

`lint_file` is the one way a file is linted, whether in this process, in a worker of the pool,
or on a Dask worker (`medlint.dask`). `lint_files` looks every file up in the results cache
first, then shares out the rest: with more than one job it forks worker processes once the
rules are built and the sentence pipeline is loaded (so each worker starts with them, shared
copy-on-write), hands each worker the next file (largest first, which evens out the load),
and returns the outcomes in input order. The outcomes are the same objects whichever process
made them, so the report is byte-identical to `--jobs 1`.

Forking needs `fork` and a process with one thread; elsewhere, and for little work (less than
`PARALLEL_MIN_BYTES` of text not in the cache: a pre-commit run on a few files), files are
linted here, where the sentence worker overlaps loading spaCy with the rest of the start.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from medlint.findings import InputError
from medlint.parse import InputProblem, read_file

if TYPE_CHECKING:
    from medlint.engine.linter import FileOutcome, Linter
    from medlint.engine.results_cache import ResultsCache

PARALLEL_MIN_BYTES = 256 * 1024
"""Text to lint below which worker processes cost more than they save (each needs spaCy)."""


def available_cores() -> int:
    """The cores this process may run on (a container's or `taskset`'s limit, not the machine's)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def _failed(shown: str, message: str) -> FileOutcome:
    from medlint.engine.linter import FileOutcome

    return FileOutcome((), None, (InputError(shown, message),))


def lint_file(
    linter: Linter,
    path: Path,
    *,
    shown: str | None = None,
    format: str | None = None,
    text: str | None = None,
    cache: ResultsCache | None = None,
) -> FileOutcome:
    """One file's outcome: read (unless `text` is given), looked up in `cache`, else linted and
    stored there. Never raises for a bad file: its problem is the outcome's one error."""
    shown = shown or str(path)
    if text is None:
        try:
            text = read_file(path, linter.settings.max_file_size)
        except InputProblem as exc:
            return _failed(shown, str(exc))
        except OSError as exc:
            return _failed(shown, f"cannot read: {exc.strerror or exc}")
    key = None
    if cache is not None:
        from medlint.engine.results_cache import file_key

        key = file_key(linter_key(linter), shown, format, text)
        hit = cache.get(key, text)
        if hit is not None:
            return hit
    outcome = linter.lint_text(text, path=shown, format=format)
    if cache is not None and key is not None:
        cache.put(key, text, outcome)
    return outcome


def linter_key(linter: Linter) -> str:
    """The cache key part shared by every file `linter` lints: computed once per linter and
    day (the rule packs are read once per linter, as the linter reads its rules once)."""
    import datetime as dt

    from medlint.engine.results_cache import linter_key as compute
    from medlint.engine.results_cache import packs_digest
    from medlint.resources import builtin_rules_dir

    today = dt.date.today()
    known: tuple[dt.date, str, str] | None = getattr(linter, "_cache_key", None)
    if known is not None and known[0] == today:
        return known[2]
    packs = known[1] if known is not None else packs_digest([builtin_rules_dir(), *linter.settings.rule_packs])
    key = compute(
        linter.settings, packs, claims=linter.register_claims, criteria_only=linter.criteria_only, today=today
    )
    linter._cache_key = (today, packs, key)  # type: ignore[attr-defined]
    return key


@dataclass(frozen=True, slots=True)
class Job:
    """One file to lint: which linter (of the run's), the path, the name it is reported under."""

    linter: Linter
    path: Path
    shown: str


# What a forked worker needs, inherited through fork rather than pickled: the linters (rules,
# matchers, the sentence pipeline) and the texts already read.
_STATE: tuple[Sequence[Job], dict[int, str], str | None] | None = None


def _work(index: int) -> tuple[int, FileOutcome]:
    assert _STATE is not None
    jobs, texts, fmt = _STATE
    job = jobs[index]
    outcome = lint_file(job.linter, job.path, shown=job.shown, format=fmt, text=texts[index])
    if outcome.source == texts[index]:
        outcome = replace(outcome, source="")  # the parent has it: do not send it back
    return index, outcome


def _can_fork() -> bool:
    """Fork only where it exists and only a single-threaded process: a thread holding a lock
    at the fork (in a web server calling the API) would leave it held in the worker forever."""
    import multiprocessing
    import threading

    return (
        sys.platform != "win32" and "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1
    )


def lint_files(
    jobs: Sequence[Job],
    *,
    format: str | None = None,
    workers: int = 1,
    cache: ResultsCache | None = None,
) -> list[FileOutcome]:
    """Each job's outcome, in the order of `jobs`, over up to `workers` processes."""
    from medlint.engine.results_cache import file_key

    outcomes: dict[int, FileOutcome] = {}
    texts: dict[int, str] = {}
    keys: dict[int, str] = {}
    for i, job in enumerate(jobs):
        try:
            text = read_file(job.path, job.linter.settings.max_file_size)
        except InputProblem as exc:
            outcomes[i] = _failed(job.shown, str(exc))
            continue
        except OSError as exc:
            outcomes[i] = _failed(job.shown, f"cannot read: {exc.strerror or exc}")
            continue
        if cache is not None:
            keys[i] = file_key(linter_key(job.linter), job.shown, format, text)
            hit = cache.get(keys[i], text)
            if hit is not None:
                outcomes[i] = hit
                continue
        texts[i] = text
    todo = sorted(texts, key=lambda i: -len(texts[i]))  # largest first: the last to finish is small
    pooled = workers > 1 and len(todo) > 1 and sum(len(texts[i]) for i in todo) >= PARALLEL_MIN_BYTES and _can_fork()
    if pooled:
        outcomes.update(_in_pool(jobs, texts, todo, format, workers))
    else:
        for i in todo:
            outcomes[i] = lint_file(jobs[i].linter, jobs[i].path, shown=jobs[i].shown, format=format, text=texts[i])
    if cache is not None:
        for i in todo:
            cache.put(keys[i], texts[i], outcomes[i])
        cache.prune()
    return [outcomes[i] for i in range(len(jobs))]


def _ready_to_fork(linters: list[Linter]) -> None:
    """Build in this process what every worker would otherwise build for itself: rule data
    and the sentence pipeline (in-process: a forked worker cannot share the sentence worker's
    pipes, so it splits sentences itself)."""
    for linter in linters:
        linter.prepare()
        pipeline = linter.pipeline
        if pipeline is not None:
            pipeline.worker = None
            pipeline.nlp  # noqa: B018


def _in_pool(
    jobs: Sequence[Job], texts: dict[int, str], todo: list[int], fmt: str | None, workers: int
) -> dict[int, FileOutcome]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    global _STATE
    linters = list({id(jobs[i].linter): jobs[i].linter for i in todo}.values())
    _ready_to_fork(linters)
    out: dict[int, FileOutcome] = {}
    _STATE = (jobs, texts, fmt)
    try:
        with ProcessPoolExecutor(min(workers, len(todo)), mp_context=multiprocessing.get_context("fork")) as pool:
            try:
                for index, outcome in pool.map(_work, todo):
                    out[index] = replace(outcome, source=texts[index]) if not outcome.source else outcome
            except BrokenProcessPool:
                pass  # a worker died (killed, out of memory): what it left is linted here
    finally:
        _STATE = None
    for i in todo:
        if i not in out:
            with contextlib.suppress(Exception):
                out[i] = lint_file(jobs[i].linter, jobs[i].path, shown=jobs[i].shown, format=fmt, text=texts[i])
        if i not in out:
            out[i] = _failed(
                jobs[i].shown, "internal error, file not linted (a worker process died). Please report this."
            )
    return out


__all__ = ["PARALLEL_MIN_BYTES", "Job", "available_cores", "lint_file", "lint_files"]
