"""The default, human format.

    path: 7 findings on the whole article
      CMP001 missing-risks [warning] This treatment article has no section on risks...
        = suggestion: Add a 'Risks and side effects' section...
    path:line:col: CODE name [severity] message
        | the source line
        |       ^^^^^^^
        = fix: Replace 'prior to' with 'before'
    Found 21 findings (17 warnings, 4 info) in 1 file.

Document findings ("no sources") are listed once per file, before its span findings, with no
source excerpt. A span over several lines shows each of them with its carets. Carets follow
the display width of the text (two columns for CJK and most emoji, none for combining marks).

Everything taken from a file (its name, its text, matched words in messages) is escaped
before it reaches the terminal: control characters, DEL and bidirectional overrides become
visible `\\x1b` / `<U+202E>` escapes, and no line starts with `::`, which GitHub Actions
would read as a workflow command.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from itertools import groupby

from medlint.findings import Finding, Report, Severity

_COLORS = {Severity.ERROR: "\x1b[1;31m", Severity.WARNING: "\x1b[1;33m", Severity.INFO: "\x1b[1;36m"}
_WIDTH = 100
"""Display columns of source shown per line; longer lines are cut to a window around the span."""
_MAX_SPAN_LINES = 6
"""Lines of a multi-line span drawn; longer spans show the first and last ones."""
_BOLD, _DIM, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"

# C0 controls but tab, DEL, C1 controls; bidirectional embeddings, overrides and isolates;
# line and paragraph separators (a terminal may break the line there).
_UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")

Paint = Callable[[str, str], str]


def _escape_char(ch: str) -> str:
    n = ord(ch)
    return f"\\x{n:02x}" if n < 0x100 else f"<U+{n:04X}>"


def escape(text: str) -> str:
    """`text` safe for a terminal: control characters, DEL and bidi controls made visible."""
    return _UNSAFE.sub(lambda m: _escape_char(m.group()), text)


def safe_path(path: str) -> str:
    """An escaped file name that cannot open a line with `::` (a GitHub workflow command)."""
    shown = escape(path)
    return "./" + shown if shown.lstrip().startswith("::") else shown


def char_width(ch: str) -> int:
    """Terminal columns of one character: 0 for combining marks and joiners, 2 for wide ones."""
    if ch == "\u200d" or unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    if "\ufe00" <= ch <= "\ufe0f":
        return 0  # variation selectors
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _cells(line: str) -> list[tuple[str, int]]:
    """Each character of a source line as (what is shown, its width in columns)."""
    out = []
    for ch in line:
        if ch == "\t":
            out.append((" ", 1))
        elif _UNSAFE.match(ch):
            shown = _escape_char(ch)
            out.append((shown, len(shown)))
        else:
            out.append((ch, char_width(ch)))
    return out


def _draw(line: str, start: int, end: int) -> tuple[str, str]:
    """A source line (cut to a window around the span when long) and the caret line under
    characters `start` to `end`. Only the window is measured, so a megabyte-long paragraph
    costs no more than a short one."""
    start = max(0, min(start, len(line)))
    end = max(start, min(end, len(line)))
    lo = max(0, start - _WIDTH)
    hi = min(len(line), start + 2 * _WIDTH)
    cells = _cells(line[lo:hi])
    start, end = start - lo, min(end, hi) - lo
    left, right = 0, len(cells)
    if lo or hi < len(line) or sum(w for _, w in cells) > _WIDTH:
        # Long prose lines (whole paragraphs) are cut to a window around the span: 40 columns
        # before it, then the span and what follows up to _WIDTH columns (a longer span is cut).
        left = start
        room = 40
        while left > 0 and room > 0:
            left -= 1
            room -= cells[left][1]
        right, room = left, _WIDTH
        while right < len(cells) and room - cells[right][1] >= 0:
            room -= cells[right][1]
            right += 1
        right = max(right, min(start + 1, len(cells)))
    prefix = "…" if left or lo else ""
    suffix = "…" if right < len(cells) or hi < len(line) else ""
    shown = prefix + "".join(s for s, _ in cells[left:right]) + suffix
    pad = len(prefix) + sum(w for _, w in cells[left:start])
    width = sum(w for _, w in cells[start : min(end, right)])
    caret = " " * pad + "^" * max(1, width)
    return shown, caret


def _excerpt(f: Finding, lines: list[str], paint: Paint) -> list[str]:
    out: list[str] = []
    last = min(max(f.end_line, f.line), len(lines))
    if f.end_line > f.line and f.end_column == 1:
        last = max(f.line, last - 1)  # the span ends at the start of a line: that line is not in it
    numbers = list(range(f.line, last + 1))
    if len(numbers) > _MAX_SPAN_LINES:
        numbers = [*numbers[: _MAX_SPAN_LINES // 2], -1, *numbers[-(_MAX_SPAN_LINES // 2) :]]
    for n in numbers:
        if n == -1:
            out.append("    | …")
            continue
        text = lines[n - 1].rstrip("\r\n")
        start = f.column - 1 if n == f.line else 0
        end = f.end_column - 1 if n == f.end_line else len(text)
        if n != f.line and not text[:end].strip():
            continue  # a blank line inside the span
        shown, caret = _draw(text, start, end)
        out += [f"    | {shown}", f"    | {paint(_COLORS[f.severity], caret.rstrip())}"]
    return out


def _advice(f: Finding, paint: Paint) -> list[str]:
    out = []
    if f.fix is not None:
        label = "fix:" if f.fix.applicability == "safe" else "unsafe fix:"
        out.append(f"    {paint(_DIM, '= ' + label)} {escape(f.fix.message)}")
        contents = {e.content.lower() for e in f.fix.edits}
        if f.suggestion and f.suggestion.lower() not in contents:
            out.append(f"    {paint(_DIM, '= suggestion:')} {escape(f.suggestion)}")
    elif f.suggestion:
        out.append(f"    {paint(_DIM, '= suggestion:')} {escape(f.suggestion)}")
    return out


def _heading(f: Finding, paint: Paint) -> str:
    sev = paint(_COLORS[f.severity], f"[{f.severity.label}]")
    return f"{paint(_BOLD, f.code)} {f.name} {sev} {escape(f.message)}"


def render_text(report: Report, *, color: bool = False, show_source: bool = True) -> str:
    def paint(code: str, text: str) -> str:
        return f"{code}{text}{_RESET}" if color else text

    out: list[str] = []
    for path, group in groupby(report.findings, key=lambda f: f.path):
        shown = paint(_BOLD, safe_path(path))
        found = list(group)
        whole = [f for f in found if f.scope == "document"]
        if whole:
            n = len(whole)
            out.append(f"{shown}: {n} finding{'s' * (n != 1)} on the whole article")
            for f in whole:
                out.append(f"  {_heading(f, paint)}")
                out.extend("  " + line for line in _advice(f, paint))
        # Split on "\n" only, as LineIndex does: splitlines() also breaks on U+2028 and friends.
        lines = report.sources.get(path, "").split("\n")
        for f in found:
            if f.scope == "document":
                continue
            out.append(f"{shown}:{f.line}:{f.column}: {_heading(f, paint)}")
            if show_source and 0 < f.line <= len(lines):
                out.extend(_excerpt(f, lines, paint))
            out.extend(_advice(f, paint))
    for err in report.errors:
        label = paint(_COLORS[Severity.ERROR], "error:")
        if err.message.startswith((err.path + ":", err.path + " ")):
            out.append(f"{label} {escape(err.message)}")  # the message names the file itself
        else:
            out.append(f"{paint(_BOLD, safe_path(err.path))}: {label} {escape(err.message)}")
    out.extend(_summary(report))
    # The last guard: whatever was missed above, no line opens a GitHub workflow command.
    return "\n".join("\\" + line if line.lstrip().startswith("::") else line for line in out) + "\n"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' * (n != 1)}"


def _summary(report: Report) -> list[str]:
    counts = Counter(f.severity for f in report.findings)
    files = len(report.files)
    if not report.findings:
        text = f"No findings in {_plural(files, 'file')}."
    else:
        parts = [
            f"{counts[s]} {s.label}{'s' * (counts[s] != 1 and s is not Severity.INFO)}"
            for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)
            if counts[s]
        ]
        text = f"Found {_plural(len(report.findings), 'finding')} ({', '.join(parts)}) in {_plural(files, 'file')}."
    if report.errors:
        text += f" {_plural(len(report.errors), 'error')} (above): not everything was linted."
    lines = [text]
    if report.fixed:
        lines.append(f"Fixed {_plural(report.fixed, 'finding')}.")
    safe = sum(1 for f in report.findings if f.fix is not None and f.fix.applicability == "safe")
    unsafe = sum(1 for f in report.findings if f.fix is not None and f.fix.applicability == "unsafe")
    if safe or unsafe:
        more = f" ({unsafe} more with `--fix --unsafe-fixes`)" if safe and unsafe else ""
        if safe:
            lines.append(f"{safe} fixable with `medlint check --fix`{more}.")
        else:
            lines.append(f"{unsafe} fixable with `medlint check --fix --unsafe-fixes`.")
    if report.findings:
        # The first finding printed: a document finding of the first file, if it has one.
        first = report.findings[0].path
        example = next(
            (f.code for f in report.findings if f.path == first and f.scope == "document"), report.findings[0].code
        )
        lines.append(f"Run `medlint explain {example}` (or any code) for why a rule matters and how to fix it.")
    return lines
