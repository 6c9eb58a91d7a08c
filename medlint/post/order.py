"""A document's findings once each, in reading order."""

from __future__ import annotations

from collections.abc import Iterable

from medlint.findings import Finding


def dedupe(findings: Iterable[Finding]) -> list[Finding]:
    """The first of the findings of one rule on the same span (two patterns of a rule may both
    match it)."""
    seen: set[tuple[str, int, int]] = set()
    out = []
    for f in findings:
        key = (f.code, f.start_offset, f.end_offset)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def in_order(findings: Iterable[Finding]) -> list[Finding]:
    """By position, then rule code: the order every report shows."""
    return sorted(findings, key=lambda f: (f.line, f.column, f.code, f.end_line, f.end_column))
