"""Lint many files: the per-file function (read, cache, lint) and the process pool of `--jobs`.

`lint_file` is the one way a file is linted, whether in this process, in a worker of the pool,
or on a Dask worker (`medlint.dask`). `lint_files` looks every file up in the results cache
first, then shares out the rest: with more than one job it forks worker processes once the
rules are built (and a configured spaCy model is loaded), so each worker starts with them, shared
copy-on-write), hands each worker the next file (largest first, which evens out the load),
and returns the outcomes in input order. The outcomes are the same objects whichever process
made them, so the report is byte-identical to `--jobs 1`.

Forking needs `fork` and a process with one thread; elsewhere, and for little work (less than
`PARALLEL_MIN_BYTES` of text not in the cache: a pre-commit run on a few files), files are
linted here.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from medlint.findings import InputError
from medlint.parse import InputProblem, read_file

if TYPE_CHECKING:
    from medlint.engine.linter import FileOutcome, Linter
    from medlint.engine.results_cache import ResultsCache

Finish = Callable[["Linter", "FileOutcome"], "FileOutcome"]
"""What the caller does to each outcome before it is stored (in the worker that made it)."""

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
    finish: Finish | None = None,
) -> FileOutcome:
    """One file's outcome: read (unless `text` is given), looked up in `cache`, else linted,
    passed through `finish` (the session attaches fixes) and stored there. Never raises for a
    bad file: its problem is the outcome's one error."""
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
    if finish is not None:
        outcome = finish(linter, outcome)
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
# matchers, the sentence pipeline), the texts already read, and where to store the outcomes.
_STATE: tuple[Sequence[Job], dict[int, str], str | None, ResultsCache | None, dict[int, str], Finish | None] | None = (
    None
)


def _work(index: int) -> tuple[int, FileOutcome]:
    assert _STATE is not None
    jobs, texts, fmt, cache, keys, finish = _STATE
    job = jobs[index]
    outcome = lint_file(job.linter, job.path, shown=job.shown, format=fmt, text=texts[index], finish=finish)
    if cache is not None:
        cache.put(keys[index], texts[index], outcome)  # here, not in the parent: it waits for no one
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


@dataclass
class Pending:
    """Files read and looked up in the results cache: what is known, and what is left to lint."""

    outcomes: dict[int, FileOutcome]
    """By index into the jobs: cache hits, and files that could not be read."""
    texts: dict[int, str]
    """By index: the text of each file left to lint."""
    keys: dict[int, str]
    """By index: each file's cache key (with a cache)."""

    def pooled(self, workers: int) -> bool:
        """Whether `lint_pending` forks worker processes for what is left."""
        return (
            workers > 1
            and len(self.texts) > 1
            and sum(map(len, self.texts.values())) >= PARALLEL_MIN_BYTES
            and _can_fork()
        )


def look_up(jobs: Sequence[Job], *, format: str | None = None, cache: ResultsCache | None = None) -> Pending:
    """Read every job's file and look it up in `cache`; builds no linter (the cache key needs
    only the settings), so a run whose files are all hits never loads the rules."""
    from medlint.engine.results_cache import file_key

    pending = Pending({}, {}, {})
    for i, job in enumerate(jobs):
        try:
            text = read_file(job.path, job.linter.settings.max_file_size)
        except InputProblem as exc:
            pending.outcomes[i] = _failed(job.shown, str(exc))
            continue
        except OSError as exc:
            pending.outcomes[i] = _failed(job.shown, f"cannot read: {exc.strerror or exc}")
            continue
        if cache is not None:
            pending.keys[i] = file_key(linter_key(job.linter), job.shown, format, text)
            hit = cache.get(pending.keys[i], text)
            if hit is not None:
                pending.outcomes[i] = hit
                continue
        pending.texts[i] = text
    return pending


def lint_files(
    jobs: Sequence[Job],
    *,
    format: str | None = None,
    workers: int = 1,
    cache: ResultsCache | None = None,
    finish: Finish | None = None,
) -> list[FileOutcome]:
    """Each job's outcome, in the order of `jobs`, over up to `workers` processes."""
    pending = look_up(jobs, format=format, cache=cache)
    outcomes = lint_pending(jobs, pending, format=format, workers=workers, cache=cache, finish=finish)
    return [outcome for outcome in outcomes if outcome is not None]


def lint_pending(
    jobs: Sequence[Job],
    pending: Pending,
    *,
    format: str | None = None,
    workers: int = 1,
    cache: ResultsCache | None = None,
    finish: Finish | None = None,
) -> list[FileOutcome | None]:
    """Lint what `look_up` left (the linters of those jobs are built here if they are not),
    store it in `cache`; each job's outcome in the order of `jobs` (None for a job neither
    looked up nor left to lint: the caller dropped it)."""
    outcomes = dict(pending.outcomes)
    texts = pending.texts
    todo = sorted(texts, key=lambda i: -len(texts[i]))  # largest first: the last to finish is small
    for i in todo:
        jobs[i].linter.build()
    stored: set[int] = set()
    if pending.pooled(workers):
        pooled, stored = _in_pool(jobs, texts, todo, format, workers, cache, pending.keys, finish)
        outcomes.update(pooled)
    else:
        for i in todo:
            job = jobs[i]
            outcomes[i] = lint_file(job.linter, job.path, shown=job.shown, format=format, text=texts[i], finish=finish)
    if cache is not None:
        for i in todo:
            if i not in stored:
                cache.put(pending.keys[i], texts[i], outcomes[i])
        cache.prune()
    return [outcomes.get(i) for i in range(len(jobs))]


def _ready_to_fork(linters: list[Linter]) -> None:
    """Build in this process what every worker would otherwise build for itself: rule data
    and a configured spaCy model."""
    for linter in linters:
        linter.prepare()
        if linter.pipeline is not None:
            linter.pipeline.load()


def _in_pool(
    jobs: Sequence[Job],
    texts: dict[int, str],
    todo: list[int],
    fmt: str | None,
    workers: int,
    cache: ResultsCache | None,
    keys: dict[int, str],
    finish: Finish | None,
) -> tuple[dict[int, FileOutcome], set[int]]:
    """The outcomes of `todo`, and which of them the workers stored in `cache`."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    global _STATE
    linters = list({id(jobs[i].linter): jobs[i].linter for i in todo}.values())
    _ready_to_fork(linters)
    out: dict[int, FileOutcome] = {}
    # One file linted here first: what the rules build on first use (matchers, lexicons,
    # caches) is then built once, before the fork, rather than once in every worker.
    todo = list(todo)
    first = todo.pop(len(todo) // 2)
    job = jobs[first]
    out[first] = lint_file(job.linter, job.path, shown=job.shown, format=fmt, text=texts[first], finish=finish)
    stored: set[int] = set()
    _STATE = (jobs, texts, fmt, cache, keys, finish)
    try:
        with ProcessPoolExecutor(min(workers, len(todo)), mp_context=multiprocessing.get_context("fork")) as pool:
            try:
                for index, outcome in pool.map(_work, todo):
                    out[index] = replace(outcome, source=texts[index]) if not outcome.source else outcome
                    stored.add(index)
            except BrokenProcessPool:
                pass  # a worker died (killed, out of memory): what it left is linted here
    finally:
        _STATE = None
    for i in todo:
        if i not in out:
            with contextlib.suppress(Exception):
                job = jobs[i]
                out[i] = lint_file(job.linter, job.path, shown=job.shown, format=fmt, text=texts[i], finish=finish)
        if i not in out:
            out[i] = _failed(
                jobs[i].shown, "internal error, file not linted (a worker process died). Please report this."
            )
    return out, stored


__all__ = [
    "PARALLEL_MIN_BYTES",
    "Job",
    "Pending",
    "available_cores",
    "lint_file",
    "lint_files",
    "lint_pending",
    "look_up",
]
