"""Inline suppressions in HTML comments, and findings for the ones that are unused or unknown.

    <!-- medlint-disable CLM001 -->  ...  <!-- medlint-enable CLM001 -->
    <!-- medlint-disable-next-line CLM001 -->   (on the next line with content: blank lines
                                                 and lines holding only medlint comments are
                                                 skipped, so such comments can be stacked)
    <!-- medlint-disable-line CLM001 -->   (on the line it suppresses)
    <!-- medlint-disable-file CLM001 -->

Codes may be rule codes, code prefixes ("RDB"), pack names ("readability"), rule names or
aliases, separated by spaces or commas; no code means every rule. A suppression that
silences nothing (MED001), or names a rule that does not exist (MED002), is reported.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from medlint.document import Document
from medlint.findings import Finding
from medlint.registry.messages import fill
from medlint.registry.rules import Rule

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
    unknown: tuple[str, ...] = ()


@dataclass
class Suppressions:
    items: list[Suppression] = field(default_factory=list)

    def covering(self, code: str, line: int) -> frozenset[int]:
        """The indexes of the suppressions that cover a finding of `code` on `line` (a question:
        nothing changes; `apply_suppressions` counts which were used)."""
        return frozenset(
            i
            for i, s in enumerate(self.items)
            if s.action != "enable" and (s.codes is None or code in s.codes) and s.first_line <= line <= s.last_line
        )


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
        result.items.append(s)
    return result


UNUSED_SUPPRESSION = "MED001"
"""The rule reporting a suppression comment that silenced nothing."""
UNKNOWN_SUPPRESSION = "MED002"
"""The rule reporting a suppression comment that names no rule."""
SUPPRESSION_RULES = frozenset({UNUSED_SUPPRESSION, UNKNOWN_SUPPRESSION})


def apply_suppressions(
    doc: Document,
    findings: list[Finding],
    names: Mapping[str, str],
    packs: Mapping[str, frozenset[str]],
    enabled: Mapping[str, Rule],
) -> list[Finding]:
    """`findings` less those the document's suppression comments cover, plus a MED001 finding
    for each comment that covered none and a MED002 for each name that is no rule (when those
    rules are in `enabled`, the rules that ran on this document, by code)."""
    if not doc.comments:
        return findings
    sup = parse_suppressions(doc, names, packs)
    if not sup.items:
        return findings
    kept: list[Finding] = []
    used: set[int] = set()
    for f in findings:
        covering = sup.covering(f.code, f.line)
        used |= covering
        if not covering:
            kept.append(f)
    for index, s in enumerate(sup.items):
        for word in s.unknown:
            if UNKNOWN_SUPPRESSION in enabled:
                kept.append(_comment_finding(doc, enabled[UNKNOWN_SUPPRESSION], s, {"code": word}))
        if s.action != "enable" and not s.unknown and index not in used and UNUSED_SUPPRESSION in enabled:
            codes = ", ".join(sorted(s.codes)) if s.codes else "all rules"
            kept.append(_comment_finding(doc, enabled[UNUSED_SUPPRESSION], s, {"code": codes}))
    return kept


def _comment_finding(doc: Document, rule: Rule, s: Suppression, values: dict[str, str]) -> Finding:
    line, col = doc.lines.line_col(s.start)
    end_line, end_col = doc.lines.line_col(s.end)
    text = doc.source[s.start : s.end]
    return Finding(
        path=doc.path,
        code=rule.code,
        name=rule.name,
        pack=rule.pack,
        severity=rule.severity,
        message=fill(rule.message, {"match": text, **values}),
        line=line,
        column=col,
        end_line=end_line,
        end_column=end_col,
        start_offset=s.start,
        end_offset=s.end,
        match=text,
        suggestion=None,
        scope="span",
        context=text,
    )


def _codes_for(word: str, names: Mapping[str, str]) -> set[str]:
    """The rule codes a word names: a code, name or alias, or a code prefix ("RDB", "CLM00")."""
    if word in names:
        return {names[word]}
    if word.isupper() and word.isalnum():
        return {code for code in names.values() if code.startswith(word)}
    return set()


def _next_content_line(source: str, starts: Sequence[int], after_line: int, spans: list[tuple[int, int]]) -> int:
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
