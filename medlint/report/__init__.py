"""Output formats. Each module has `render(report) -> str`; imported only when chosen."""

from __future__ import annotations

import dataclasses
import importlib
import re
from typing import Any

from medlint.findings import Report

FORMATS = ("text", "json", "github", "sarif", "gitlab", "junit", "html")


# Lone surrogates (the bytes of a file name that is not UTF-8, as Python keeps them), C0 and C1
# control characters, DEL, and the bidirectional overrides that can make a name read backwards.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _escape(ch: str) -> str:
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def safe_path(path: str) -> str:
    """`path` as text every output can hold and no terminal or CI log acts on: bytes that were
    not UTF-8 become `\\xff`, control characters `\\x1b`, bidi overrides `\\u202e`."""
    return _UNSAFE.sub(lambda m: _escape(m.group()), path) if _UNSAFE.search(path) else path


def path_bytes(path: str) -> bytes:
    """The file name's own bytes (for a URI that names exactly that file)."""
    try:
        return path.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return path.encode("utf-8", "surrogatepass")


def safe_report(report: Report) -> Report:
    """`report` with every path made safe (see `safe_path`); the same object when all are."""
    paths = {f.path for f in report.findings} | {f.path for f in report.files} | {e.path for e in report.errors}
    if not any(_UNSAFE.search(p) for p in paths):
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


def render(report: Report, fmt: str, *, color: bool = False, show_source: bool = True, pretty: bool = True) -> str:
    if fmt not in ("text", "sarif"):  # text escapes what it prints; SARIF percent-encodes the bytes
        report = safe_report(report)
    if fmt == "text":
        from medlint.report.text import render_text

        return render_text(report, color=color, show_source=show_source)
    if fmt == "json":
        import json

        # Indented for a person at a terminal; compact for tools (json's C encoder is only
        # used without indentation, which matters for reports of thousands of findings).
        return json.dumps(report.to_json(), indent=2 if pretty else None, ensure_ascii=False) + "\n"
    if fmt not in FORMATS:
        raise ValueError(f"unknown output format {fmt!r} (expected one of: {', '.join(FORMATS)})")
    module = importlib.import_module(f"medlint.report.{fmt}")
    out: str = module.render(report)
    return out
