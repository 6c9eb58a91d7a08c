"""Lint an archive beyond one machine, on a Dask cluster (the optional extra `medlint-health[dask]`).

    import dask.bag as db
    from distributed import Client
    from medlint.dask import lint_bag, write_jsonl, report_from_jsonl

    client = Client("tcp://scheduler:8786")            # or LocalCluster() on one machine
    paths = db.from_sequence(list_of_paths, npartitions=64)
    write_jsonl(lint_bag(paths), "out/")                 # out/000.jsonl, out/001.jsonl...
    report = report_from_jsonl(sorted(Path("out").glob("*.jsonl")))   # the JSON report

A bag holds paths (read by the workers: a shared file system) or `(path, text)` records (read
wherever the bag was built). Each worker process builds its rules once and lints its records
with the same per-file function as `medlint check --jobs N` (`medlint.engine.pool.lint_file`). Each
record of the output is a JSON object: a `finding`, a `file` summary (with its claims), or an
`error`, each with the input's sequence number, so `report_from_jsonl` rebuilds the report of
`medlint check --format json` in input order whatever order the partitions finish in.

Workers should run one thread each (`--nthreads 1`, `LocalCluster(threads_per_worker=1)`): a
linter serves one thread at a time (a lock here makes more threads safe, not faster), and CPU
budgets per file work only in a process's main thread, so on a Dask worker they are off.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from medlint.findings import InputError

_LOCK = threading.Lock()
_SESSIONS: dict[str, Any] = {}
"""One session (rules built once) per configuration, per worker process."""

Config = Any  # Settings | Mapping[str, Any] | str | Path | None, as `medlint.api.lint_paths` takes


def _session(config: Config) -> Any:
    from medlint.api import _settings
    from medlint.session import Session

    key = repr(config)
    session = _SESSIONS.get(key)
    if session is None:
        session = _SESSIONS[key] = Session(_settings(config) if config is not None else None)
    return session


def lint_records(
    records: Iterable[tuple[Any, str | tuple[str, str]]], config: Config = None, format: str | None = None
) -> Iterator[dict[str, Any]]:
    """Output records of numbered inputs (a path, or a path and its text), in input order."""
    from medlint.config import ConfigError
    from medlint.engine.pool import lint_file
    from medlint.fix import attach_fixes
    from medlint.registry.rules import RulePackError

    with _LOCK:
        session = _session(config)
        for seq, item in records:
            shown, text = (item, None) if isinstance(item, str) else item
            try:
                linter = session.linter_for(Path(shown))
            except (ConfigError, RulePackError) as exc:
                yield {"record": "error", "seq": seq, "n": 0, **session._config_error(Path(shown), exc).to_json()}
                continue
            outcome = lint_file(linter, Path(shown), shown=shown, format=format, text=text)
            findings = attach_fixes(outcome.findings, outcome.source, {r.code: r for r in linter.rules})
            for n, finding in enumerate(findings):
                yield {"record": "finding", "seq": seq, "n": n, **finding.to_json()}
            if outcome.file is not None:
                claims = outcome.file.claims
                yield {
                    "record": "file",
                    "seq": seq,
                    "n": 0,
                    **outcome.file.to_json(),
                    "claims": None if claims is None else [c.to_json() for c in claims.shown()],
                }
            for n, error in enumerate(outcome.errors):
                yield {"record": "error", "seq": seq, "n": n, **error.to_json()}


def _partition(
    items: Iterable[str | tuple[str, str]], partition: int, config: Config, format: str | None
) -> list[dict[str, Any]]:
    return list(lint_records((([partition, i], item) for i, item in enumerate(items)), config, format))


def lint_bag(bag: Any, config: Config = None, format: str | None = None) -> Any:
    """A bag of output records (dicts) from a bag of paths or `(path, text)` pairs. Each
    record's `seq` is [partition, position in it], which sorts in bag order."""
    import dask
    import dask.bag as db

    parts = [
        dask.delayed(_partition)(part, i, config, format)  # type: ignore[attr-defined]
        for i, part in enumerate(bag.to_delayed())
    ]
    return db.from_delayed(parts)  # type: ignore[no-untyped-call]


def write_jsonl(records: Any, directory: str | Path) -> list[str]:
    """Write a bag of output records as JSON Lines, one file per partition; their names."""
    Path(directory).mkdir(parents=True, exist_ok=True)
    files: list[str] = records.map(lambda r: json.dumps(r, ensure_ascii=False)).to_textfiles(
        str(Path(directory) / "*.jsonl"), name_function=lambda i: f"{i:05d}"
    )
    return files


_ORDER = {"finding": 0, "file": 1, "error": 2}


def report_from_records(records: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """The JSON report (`medlint check --format json`) from output records, in input order."""
    from medlint.version import __version__

    ordered = sorted(records, key=lambda r: (r["seq"], _ORDER[r["record"]], r["n"]))
    strip = ("record", "seq", "n")
    findings = [{k: v for k, v in r.items() if k not in strip} for r in ordered if r["record"] == "finding"]
    files = [r for r in ordered if r["record"] == "file"]
    errors = [InputError(r["path"], r["message"]) for r in ordered if r["record"] == "error"]
    out: dict[str, Any] = {
        "version": __version__,
        "findings": findings,
        "files": [{k: v for k, v in r.items() if k not in (*strip, "claims")} for r in files],
        "errors": [e.to_json() for e in errors],
    }
    if any(r.get("claims") is not None for r in files):
        out["claims"] = [c for r in files for c in (r.get("claims") or [])]
    return out


def report_from_jsonl(paths: Iterable[str | Path]) -> dict[str, Any]:
    """The JSON report from the files `write_jsonl` wrote."""

    def read() -> Iterator[dict[str, Any]]:
        for path in paths:
            with open(path, encoding="utf-8") as fh:
                for line in fh:
                    if line.strip():
                        yield json.loads(line)

    return report_from_records(read())


__all__ = ["lint_bag", "lint_records", "report_from_jsonl", "report_from_records", "write_jsonl"]
