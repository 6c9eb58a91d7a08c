"""Output formats. Each module has `render(report) -> str`; imported only when chosen."""

from __future__ import annotations

import dataclasses
import importlib
from collections.abc import Iterator
from typing import Any

from medlint.findings import Report
from medlint.paths import UNSAFE, path_bytes, safe_path

__all__ = ["FORMATS", "json_chunks", "path_bytes", "render", "render_chunks", "safe_path", "safe_report"]

FORMATS = ("text", "json", "github", "sarif", "gitlab", "junit", "html")


def safe_report(report: Report) -> Report:
    """`report` with every path made safe (see `safe_path`); the same object when all are."""
    paths = {f.path for f in report.findings} | {f.path for f in report.files} | {e.path for e in report.errors}
    if not any(UNSAFE.search(p) for p in paths):
        return report

    def fix(item: Any) -> Any:
        changes: dict[str, Any] = {"path": safe_path(item.path)}
        claims: Any = getattr(item, "claims", None)
        if claims is not None and hasattr(claims, "path"):
            changes["claims"] = dataclasses.replace(
                claims, path=safe_path(claims.path), claims=tuple(fix(c) for c in claims.claims)
            )
        return dataclasses.replace(item, **changes)

    return dataclasses.replace(
        report,
        findings=tuple(fix(f) for f in report.findings),
        files=tuple(fix(f) for f in report.files),
        errors=tuple(fix(e) for e in report.errors),
        sources={safe_path(k): v for k, v in report.sources.items()},
    )


def render_chunks(
    report: Report, fmt: str, *, color: bool = False, show_source: bool = True, pretty: bool = True
) -> Iterator[str]:
    """`render`'s text in pieces, to be written one after another: the JSON report an entry
    at a time, so a long report is never held whole; other formats in one piece."""
    if fmt == "json":
        yield from json_chunks(safe_report(report), pretty=pretty)
    else:
        yield render(report, fmt, color=color, show_source=show_source, pretty=pretty)


def json_chunks(report: Report, *, pretty: bool = True) -> Iterator[str]:
    """`json.dumps(report.to_json(), indent=2 if pretty else None, ensure_ascii=False) + "\\n"`,
    in pieces: each field and each entry of a list dumped on its own (json's C encoder is only
    used without indentation, which matters for reports of thousands of findings). Indented
    for a person at a terminal; compact for tools."""
    import json

    if pretty:
        start, comma, colon, close, inner, item_comma, end = "{\n  ", ",\n  ", ": ", "\n}", "\n    ", ",\n    ", "\n  ]"
    else:
        start, comma, colon, close, inner, item_comma, end = "{", ", ", ": ", "}", "", ", ", "]"
    indent = 2 if pretty else None
    for k, (key, value) in enumerate(report.json_fields()):
        yield (comma if k else start) + json.dumps(key) + colon
        if isinstance(value, str):
            yield json.dumps(value, ensure_ascii=False)
            continue
        n = 0
        for n, entry in enumerate(value, 1):
            if not pretty:
                yield "[" + inner if n == 1 else item_comma
                yield from _compact_pieces(entry)
                continue
            text = json.dumps(entry, indent=indent, ensure_ascii=False)
            # The entry's own lines, two levels in (JSON text holds no raw line break but these).
            yield ("[" + inner if n == 1 else item_comma) + text.replace("\n", inner)
        yield end if n else "[]"
    yield close + "\n"


_LONG_LIST = 256
"""Items of a list inside a report entry from which the list is written an item at a time."""


def _compact_pieces(entry: Any) -> Iterator[str]:
    """`json.dumps(entry, ensure_ascii=False)`, in pieces: a long list inside the entry (a 10 MB
    article's reading grades, one for each of its 4,000 sections) an item at a time, so its
    text (a megabyte or two) is never made whole beside the rest of the report."""
    import json

    if not (
        isinstance(entry, dict)
        and all(isinstance(key, str) for key in entry)
        and any(isinstance(v, list) and len(v) > _LONG_LIST for v in entry.values())
    ):
        yield json.dumps(entry, ensure_ascii=False)
        return
    for k, (key, value) in enumerate(entry.items()):
        yield ("{" if k == 0 else ", ") + json.dumps(key, ensure_ascii=False) + ": "
        if isinstance(value, list) and len(value) > _LONG_LIST:
            for i, item in enumerate(value):
                yield ("[" if i == 0 else ", ") + json.dumps(item, ensure_ascii=False)
            yield "]"
        else:
            yield json.dumps(value, ensure_ascii=False)
    yield "}"


def render(report: Report, fmt: str, *, color: bool = False, show_source: bool = True, pretty: bool = True) -> str:
    if fmt not in ("text", "sarif"):  # text escapes what it prints; SARIF percent-encodes the bytes
        report = safe_report(report)
    if fmt == "text":
        from medlint.report.text import render_text

        return render_text(report, color=color, show_source=show_source)
    if fmt == "json":
        return "".join(json_chunks(report, pretty=pretty))
    if fmt not in FORMATS:
        raise ValueError(f"unknown output format {fmt!r} (expected one of: {', '.join(FORMATS)})")
    module = importlib.import_module(f"medlint.report.{fmt}")
    out: str = module.render(report)
    return out
