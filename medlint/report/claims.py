"""The claims register (`medlint claims`) as text for a terminal or as JSON.

The JSON is described by docs/claims-register.schema.json: `{"version", "files", "errors"}`,
each file with its register (promotional or plain) and its claims.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from medlint.claims.model import Part, Verdict
from medlint.claims.register import FileClaims, LocatedClaim, support
from medlint.findings import Report
from medlint.report import safe_report
from medlint.version import __version__

_QUOTE_WIDTH = 100
_VERDICTS: tuple[Verdict, ...] = ("overclaim", "needs-source", "needs-figure", "supported")
_INDENT = " " * 4
_DOT = " \u00b7 "


def register_json(report: Report, include_all: bool = False) -> dict[str, Any]:
    return {
        "version": __version__,
        "files": [f.claims.to_json(include_all) for f in report.files if f.claims is not None],
        "errors": [e.to_json() for e in report.errors],
    }


def render_json(report: Report, include_all: bool = False, pretty: bool = True) -> str:
    data = register_json(safe_report(report), include_all)
    return json.dumps(data, indent=2 if pretty else None, ensure_ascii=False) + "\n"


def shorten(text: str, width: int = _QUOTE_WIDTH) -> str:
    """The sentence on one line, cut at a word boundary with an ellipsis when it is long."""
    flat = " ".join(text.split())
    if len(flat) <= width:
        return flat
    cut = flat[: width - 1]
    space = cut.rfind(" ")
    if flat[width - 1] != " " and space > width // 2:  # not in the middle of a word
        cut = cut[:space]
    return cut.rstrip(" ,;:") + "\u2026"


def _part(p: Part) -> str:
    return " ".join(p.text.split())


def _entry(c: LocatedClaim) -> list[str]:
    claim = c.claim
    others = [x for x in claim.categories if x != claim.category]
    what = claim.category + (f" ({', '.join(others)})" if others else "")
    mark = claim.verdict if c.asserted else f"[{claim.stance}]"
    position = f"{c.line}:{c.column}"
    details = [
        f"{name}: {_part(p)}" for name, p in (("effect", claim.effect), ("outcome", claim.outcome)) if p is not None
    ]
    details += [f"strength: {claim.strength}", f"stance: {claim.stance}"]
    if claim.qualities:
        details.append(f"qualities: {', '.join(claim.qualities)}")
    backing = f"support: {support(claim)}"
    if not c.asserted:
        backing += f"{_DOT}verdict if asserted: {claim.verdict}"
    return [
        f"  {position:<8} {mark:<13} {what}",
        f"{_INDENT}\u201c{shorten(claim.text)}\u201d",
        _INDENT + _DOT.join(details),
        _INDENT + backing,
    ]


def _file_header(f: FileClaims, shown: int) -> str:
    count = f"{shown} claim{'s' * (shown != 1)}" if shown else "no claims"
    register = f"{f.register} register" + (f": {f.register_reason}" if f.register_reason else "")
    return f"{f.path}: {count} ({register})"


def render_text(report: Report, include_all: bool = False) -> str:
    report = safe_report(report)
    out: list[str] = []
    files = [f.claims for f in report.files if f.claims is not None]
    for f in files:
        shown = f.shown(include_all)
        out.append(_file_header(f, len(shown)))
        for c in shown:
            out.extend(_entry(c))
        out.append("")
    for err in report.errors:
        out.append(f"{err.path}: error: {err.message}")
    out.append(_summary(report, include_all, len(files)))
    return "\n".join(out) + "\n"


def _summary(report: Report, include_all: bool, files: int) -> str:
    shown = report.claims(include_all)
    asserted = [c for c in shown if c.asserted]
    where = f"in {files} file{'s' * (files != 1)}"
    if not shown:
        return f"No claims {where}."
    counts = Counter(c.claim.verdict for c in asserted)
    verdicts = ", ".join(f"{counts[v]} {v}" for v in _VERDICTS if counts[v])
    text = f"{len(shown)} claim{'s' * (len(shown) != 1)} {where}"
    if len(asserted) != len(shown):
        text += f" ({len(shown) - len(asserted)} not asserted)"
    return text + (f"; asserted: {verdicts}." if verdicts else ".")
