"""The default, human format: `path:line:col: CODE [severity] message`, the line, a caret."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from itertools import groupby

from medlint.findings import Finding, Report, Severity

_COLORS = {Severity.ERROR: "\x1b[1;31m", Severity.WARNING: "\x1b[1;33m", Severity.INFO: "\x1b[1;36m"}
_WIDTH = 100
_BOLD, _DIM, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"


def render_text(report: Report, *, color: bool = False, show_source: bool = True) -> str:
    def paint(code: str, text: str) -> str:
        return f"{code}{text}{_RESET}" if color else text

    out: list[str] = []
    for path, group in groupby(report.findings, key=lambda f: f.path):
        # Split on "\n" only, as LineIndex does: splitlines() also breaks on U+2028 and friends.
        lines = report.sources.get(path, "").split("\n")
        for f in group:
            sev = paint(_COLORS[f.severity], f"[{f.severity.label}]")
            out.append(f"{paint(_BOLD, path)}:{f.line}:{f.column}: {paint(_BOLD, f.code)} {sev} {f.message}")
            if show_source and 0 < f.line <= len(lines):
                out.extend(_excerpt(f, lines[f.line - 1], paint))
            if f.suggestion:
                out.append(f"    {paint(_DIM, '= suggestion:')} {f.suggestion}")
    for err in report.errors:
        out.append(f"{paint(_BOLD, err.path)}: {paint(_COLORS[Severity.ERROR], 'error:')} {err.message}")
    out.append(_summary(report))
    return "\n".join(out) + "\n"


def _excerpt(f: Finding, line: str, paint: Callable[[str, str], str]) -> list[str]:
    # Tabs would shift the caret; show them as single spaces so columns (characters) line up.
    shown = line.rstrip("\r\n").replace("\t", " ")
    start = f.column - 1
    end = f.end_column - 1 if f.end_line == f.line else len(shown)
    if len(shown) > _WIDTH:
        # Long prose lines (whole paragraphs) are cut to a window around the match.
        left = max(0, start - 40)
        right = min(len(shown), max(end + 40, left + _WIDTH))
        prefix = "…" if left else ""
        shown = prefix + shown[left:right] + ("…" if right < len(line.rstrip()) else "")
        start, end = start - left + len(prefix), min(end, right) - left + len(prefix)
    width = max(1, end - start)
    caret = " " * start + "^" * width
    return [f"    | {shown}", f"    | {paint(_COLORS[f.severity], caret)}"]


def _summary(report: Report) -> str:
    counts = Counter(f.severity for f in report.findings)
    files = len(report.files)
    if not report.findings:
        text = f"No findings in {files} file{'s' * (files != 1)}."
    else:
        parts = [f"{counts[s]} {s.label}{'s' * (counts[s] != 1 and s is not Severity.INFO)}"
                 for s in (Severity.ERROR, Severity.WARNING, Severity.INFO) if counts[s]]
        n = len(report.findings)
        text = f"Found {n} finding{'s' * (n != 1)} ({', '.join(parts)}) in {files} file{'s' * (files != 1)}."
    if report.errors:
        text += f" {len(report.errors)} file{'s' * (len(report.errors) != 1)} could not be linted."
    return text
