"""`phrase`: words and patterns that are a problem in context (hype, absolutes, unsupported evidence).

where: [title, heading, body]        # top-level rule key: the blocks read (the default)
check:
  kind: phrase
  terms: [miracle, {term: holy grail, suggestion: "..."}]   # literal, case-insensitive; an entry
                                                           # may override severity, hedges, citation
  patterns: ['\\bcure[sd]?\\b']                              # regular expressions
  negation: true                     # "no cure", "is not a miracle", "avoid ... that promise"
  hedges: false                      # true: "may", "in some people" make it acceptable
  citation: none                     # sentence | paragraph: a reference nearby makes it acceptable
  exceptions: ['breakthrough pain']  # overlapping matches of these are not findings
  requires: []                       # the sentence must also match one of these
  unless: []                         # the sentence matching one of these makes it acceptable
                                     #   (a number backs a benefit, named risks follow "generally safe")
  intensifiers: true                 # "truly", "dramatically" before the match raise severity
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from medlint.document import Block, Document
from medlint.findings import Severity
from medlint.kinds import context
from medlint.kinds.base import (
    Hit,
    Kind,
    ParamError,
    RuleContext,
    choice,
    param,
    regex_list,
    typed,
    with_schema,
)
from medlint.matching import Prefilter, RegexList, alternation


def _entries(value: Any, literal: bool) -> list[dict[str, Any]]:
    if not isinstance(value, list):
        raise ValueError("expected a list")
    out = []
    for item in value:
        if isinstance(item, str):
            item = {"term" if literal else "pattern": item}
        if not isinstance(item, dict):
            raise ValueError("each entry is a string or a mapping")
        key = "term" if literal else "pattern"
        extra = set(item) - {key, "suggestion", "severity", "hedges", "citation"}
        if key not in item or extra:
            raise ValueError(f"each entry needs {key!r} and may have 'suggestion', 'severity', 'hedges' and 'citation'")
        if "severity" in item:
            item = {**item, "severity": Severity.parse(str(item["severity"]))}
        if "hedges" in item and not isinstance(item["hedges"], bool):
            raise ValueError("an entry's 'hedges' is true or false")
        if "citation" in item and item["citation"] not in ("none", "sentence", "paragraph"):
            raise ValueError("an entry's 'citation' is none, sentence or paragraph")
        out.append(dict(item))
    return out


WINDOW = 400
"""Characters either side of a match in which its sentence's cues (negation, hedges, a
citation, exceptions) are read: a long sentence, not an unbounded one."""
MAX_CANDIDATES = 1000
"""Matches judged per block; each is judged in constant time, so a block costs linear time."""


def literal_regex(term: str) -> str:
    """A case-insensitive phrase with flexible spaces and word boundaries at word edges."""
    words = [re.escape(w) for w in term.split()]
    body = r"\s+".join(words)
    lead = r"\b" if term[:1].isalnum() else ""
    tail = r"\b" if term[-1:].isalnum() else ""
    return lead + body + tail


def _terms(value: Any) -> list[dict[str, Any]]:
    return _entries(value, True)


def _patterns(value: Any) -> list[dict[str, Any]]:
    return _entries(value, False)


for _validator, _key in ((_terms, "term"), (_patterns, "pattern")):
    _entry = {
        "type": "object",
        "required": [_key],
        "properties": {
            _key: {"type": "string"},
            "suggestion": {"type": "string"},
            "severity": {"enum": ["error", "warning", "info"]},
            "hedges": {"type": "boolean"},
            "citation": {"enum": ["none", "sentence", "paragraph"]},
        },
        "additionalProperties": False,
    }
    with_schema(_validator, {"type": "array", "items": {"anyOf": [{"type": "string"}, _entry]}})


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class PhraseParams:
    terms: list[dict[str, Any]] = param([], _terms)
    """Literal phrases, each a string or a table with its own message, suggestion and options."""
    patterns: list[dict[str, Any]] = param([], _patterns)
    """Regular expressions, as `terms`."""
    negation: bool = param(True, typed(bool))
    hedges: bool = param(False, typed(bool))
    citation: str = param("none", choice("none", "sentence", "paragraph"))
    exceptions: RegexList = param([], regex_list)
    requires: RegexList = param([], regex_list)
    unless: RegexList = param([], regex_list)
    intensifiers: bool = param(True, typed(bool))


class PhraseKind(Kind[PhraseParams]):
    name = "phrase"
    Params = PhraseParams
    NEEDS = frozenset({"sentences"})
    WHERE = ("title", "heading", "body")

    def setup(self) -> None:
        entries = self.p.terms + self.p.patterns
        if not entries:
            raise ParamError("kind", "a phrase rule needs 'terms' or 'patterns'")
        self.entries = entries
        parts = [(f"t{i}", literal_regex(e["term"]) if "term" in e else e["pattern"]) for i, e in enumerate(entries)]
        try:
            self.regex = alternation(parts)
        except re.error:
            # Only now compile entries one by one (a cold-start cost otherwise) to name the bad one.
            for _, rx in parts:
                try:
                    re.compile(rx)
                except re.error as exc:
                    raise ParamError("patterns", f"bad regular expression {rx!r}: {exc}") from None
            raise
        self.prefilter = Prefilter([rx for _, rx in parts])

    def find(self, doc: Document, ctx: RuleContext) -> Iterator[Hit]:
        for block in doc.blocks:
            if block.kind not in self.block_kinds or not self.prefilter.may_match_text(block.text):
                continue
            cited: dict[tuple[int, int], bool] = {}
            for n, m in enumerate(self.regex.finditer(block.text)):
                if n >= MAX_CANDIDATES:
                    break  # a block of thousands of "no miracle": the first ones decide
                hit = self._judge(doc, block, m, cited)
                if hit is not None:
                    yield hit

    def _judge(self, doc: Document, block: Block, m: re.Match[str], cited: dict[tuple[int, int], bool]) -> Hit | None:
        text = block.text
        start, end = m.start(), m.end()
        if start == end:
            return None
        sent = context.sentence_of(block, start)
        # Cues are read in the match's neighbourhood, never a whole 100 KB "sentence" per match.
        sent = (max(sent[0], start - WINDOW), min(sent[1], end + WINDOW))
        p = self.p
        for rx in p.exceptions:
            for e in rx.finditer(text, sent[0], sent[1]):
                if e.start() < end and start < e.end():
                    return None
        if p.requires and not any(rx.search(text, sent[0], sent[1]) for rx in p.requires):
            return None
        if any(rx.search(text, sent[0], sent[1]) for rx in p.unless):
            return None
        if p.negation and (context.is_negated(text, sent[0], start) or context.is_refuted_after(text, end, sent[1])):
            return None
        entry = self.entries[int((m.lastgroup or "t0")[1:])]
        intensified = context.intensifier_before(text, sent[0], start) if p.intensifiers else None
        hedges = entry.get("hedges", p.hedges)
        if hedges and intensified is None and context.is_hedged(text, sent[0], sent[1]):
            return None
        scope = entry.get("citation", p.citation)
        key = (-1, -1) if scope == "paragraph" else sent  # the paragraph's answer is the same for every match
        if key not in cited:
            cited[key] = context.is_cited(doc, block, sent, scope)
        if cited[key]:
            return None
        severity: Severity | None = entry.get("severity")
        if intensified is not None:
            start = intensified
        return Hit(
            block.index,
            start,
            end,
            suggestion=entry.get("suggestion"),
            severity=severity,
            bump=1 if intensified is not None else 0,
        )
