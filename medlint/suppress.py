"""Inline suppressions in HTML comments, and findings for the ones that are unused or unknown.

    <!-- medlint-disable CLM001 -->  ...  <!-- medlint-enable CLM001 -->
    <!-- medlint-disable-next-line CLM001 -->   (on the next line with content: blank lines
                                                 and lines holding only medlint comments are
                                                 skipped, so such comments can be stacked)
    <!-- medlint-disable-line CLM001 -->   (on the line it suppresses)
    <!-- medlint-disable-file CLM001 -->

Codes may be rule codes, code prefixes ("RDB"), pack names ("readability"), rule names or
aliases, separated by spaces or commas; no code means every rule. A suppression that
silences nothing, or names a rule that does not exist, is reported.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from medlint.document import Document

_DIRECTIVE = re.compile(r"^\s*medlint-(disable-next-line|disable-line|disable-file|disable|enable)\b(.*)$", re.DOTALL)


@dataclass
class Suppression:
    action: str
    codes: frozenset[str] | None
    """Rule codes it covers; None covers every rule."""
    start: int
    end: int
    line: int
    first_line: int = 0
    last_line: int = 0
    used: bool = False
    unknown: tuple[str, ...] = ()


@dataclass
class Suppressions:
    items: list[Suppression] = field(default_factory=list)

    def covers(self, code: str, line: int) -> bool:
        hit = False
        for s in self.items:
            if s.action == "enable":
                continue
            if (s.codes is None or code in s.codes) and s.first_line <= line <= s.last_line:
                s.used = True
                hit = True
        return hit


def parse_suppressions(
    doc: Document, names: Mapping[str, str], packs: Mapping[str, frozenset[str]] | None = None
) -> Suppressions:
    """`names` maps every code, name and alias to its rule code; `packs` each pack's name to
    its codes."""
    lines = doc.lines
    last = len(lines.starts)
    result = Suppressions()
    open_ranges: list[Suppression] = []
    directives = [(c, m) for c in sorted(doc.comments, key=lambda c: c.start) if (m := _DIRECTIVE.match(c.text))]
    spans = [(c.start, c.end) for c, _ in directives]
    for comment, m in directives:
        action, rest = m.group(1), m.group(2)
        words = [w for w in re.split(r"[\s,]+", rest.strip()) if w]
        found = {w: _codes_for(w, names) or set((packs or {}).get(w, ())) for w in words}
        codes = {c for matched in found.values() for c in matched}
        unknown = tuple(w for w, matched in found.items() if not matched)
        line = lines.line_col(comment.start)[0]
        end_line = lines.line_col(comment.end)[0]
        s = Suppression(action, frozenset(codes) if words else None, comment.start, comment.end, line, unknown=unknown)
        if action == "disable-line":
            s.first_line, s.last_line = line, end_line
        elif action == "disable-next-line":
            nxt = _next_content_line(doc.source, lines.starts, end_line, spans)
            s.first_line = s.last_line = nxt
        elif action == "disable-file":
            s.first_line, s.last_line = 1, last
        elif action == "disable":
            s.first_line, s.last_line = line, last
            open_ranges.append(s)
        else:  # enable closes the ranges it names
            for r in open_ranges:
                if r.last_line == last and (s.codes is None or r.codes is None or r.codes & s.codes):
                    r.last_line = line
            s.used = True  # an enable is never "unused"
        result.items.append(s)
    return result


def _codes_for(word: str, names: Mapping[str, str]) -> set[str]:
    """The rule codes a word names: a code, name or alias, or a code prefix ("RDB", "CLM00")."""
    if word in names:
        return {names[word]}
    if word.isupper() and word.isalnum():
        return {code for code in names.values() if code.startswith(word)}
    return set()


def _next_content_line(source: str, starts: list[int], after_line: int, spans: list[tuple[int, int]]) -> int:
    """First line after `after_line` with text outside the directive comments `spans` (in order)."""
    ends = [e for _, e in spans]
    for n in range(after_line, len(starts)):
        start = starts[n]
        end = starts[n + 1] if n + 1 < len(starts) else len(source)
        pos = start
        i = bisect.bisect_right(ends, start)  # the first directive that ends inside or after this line
        while i < len(spans) and spans[i][0] < end and not source[pos : spans[i][0]].strip():
            pos = max(pos, spans[i][1])
            i += 1
        if source[pos:end].strip():
            return n + 1
    return after_line + 1
