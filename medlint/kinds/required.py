"""`required-content` and `section-content`: what an article must contain for its type.

    types: [treatment, news]          # top-level rule keys: which articles the rule is for
    where: [heading, body]            # ...and the blocks `patterns` are read in (the default)
    check:
      kind: required-content
      headings: ['\\brisks?\\b']        # a heading matching one of these satisfies the rule
      patterns: ['\\bside effects?\\b'] # so does a sentence matching one of these
      exceptions: ['fewer side effects'] # matches overlapping these do not count
      negation: true                  # "no side effects" does not count
      links: ['pubmed']               # a link target matching one of these counts
      front_matter: [author]          # a non-empty front matter field counts
      trigger: ['\\beffective\\b']      # the rule applies only when one of these is in the text
      min_trigger: 1                  # ...at least this many times
      point_at: document              # or `trigger`: point at the first trigger sentence

    types: [treatment]
    check:
      kind: section-content
      headings: ['\\brisks?\\b']        # sections whose heading matches are checked
      needs:                          # each item: what the section must show
        - what: "names no specific harm"
          patterns: ['\\binfection\\b']
        - what: "gives no sense of how often or how serious"
          patterns: ['\\brare\\b']
          with: ['\\brisks?\\b']        # ...in the same sentence (or list and its lead-in)

A missing part is a document-level finding (the engine points it at the title); a section that
is there but thin is pointed at its heading.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from medlint.document import Block, BlockKind, Document
from medlint.kinds import context
from medlint.kinds.base import (
    BODY,
    Hit,
    Judgement,
    Kind,
    ParamError,
    RuleContext,
    choice,
    param,
    regex_list,
    string_list,
    typed,
)
from medlint.kinds.common import filled, link_targets, positive_int
from medlint.matching import RegexList


def overlaps_exception(
    text: str, start: int, end: int, span: tuple[int, int], exceptions: Iterable[re.Pattern[str]]
) -> bool:
    for rx in exceptions:
        for e in rx.finditer(text, span[0], span[1]):
            if e.start() < end and start < e.end():
                return True
    return False


def counts(
    text: str, m: re.Match[str], span: tuple[int, int], exceptions: list[re.Pattern[str]], negation: bool
) -> bool:
    """A pattern match that really says what the rule looks for (not excepted, not negated)."""
    if m.start() == m.end():
        return False
    if overlaps_exception(text, m.start(), m.end(), span, exceptions):
        return False
    return not (negation and context.is_negated(text, span[0], m.start()))


def first_match(
    patterns: list[re.Pattern[str]], text: str, span: tuple[int, int], exceptions: list[re.Pattern[str]], negation: bool
) -> re.Match[str] | None:
    if isinstance(patterns, RegexList) and not patterns.search_any(text, span[0], span[1]):
        return None
    for rx in patterns:
        for m in rx.finditer(text, span[0], span[1]):
            if counts(text, m, span, exceptions, negation):
                return m
    return None


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class RequiredContentParams:
    headings: RegexList = param([], regex_list)
    patterns: RegexList = param([], regex_list)
    exceptions: RegexList = param([], regex_list)
    negation: bool = param(True, typed(bool))
    links: RegexList = param([], regex_list)
    front_matter: list[str] = param([], string_list)
    trigger: RegexList = param([], regex_list)
    """Only articles where these occur (at least `min_trigger` times) must have the content."""
    min_trigger: int = param(1, positive_int)
    point_at: str = param("document", choice("document", "trigger"))
    criterion: str | None = param(None, typed(str))


class RequiredContentKind(Kind[RequiredContentParams]):
    name = "required-content"
    JUDGES_WORDING = False
    Params = RequiredContentParams
    NEEDS = frozenset({"sentences"})
    WHERE = ("heading", "body")

    def setup(self) -> None:
        p = self.p
        if not (p.headings or p.patterns or p.links or p.front_matter):
            raise ParamError(
                "kind",
                "a required-content rule needs at least one of 'headings', 'patterns', "
                "'links' or 'front_matter' (what satisfies it)",
            )
        if p.point_at == "trigger" and not p.trigger:
            raise ParamError("point_at", "'point-at: trigger' needs 'trigger' patterns")

    def find(self, doc: Document, ctx: RuleContext) -> Iterator[Hit]:
        p = self.p
        trigger: tuple[Block, tuple[int, int], str] | None = None
        if p.trigger:
            found = self._kept_triggers(doc, ctx)
            if len(found) < p.min_trigger:
                return
            trigger = found[0]
        if self._kept_satisfier(doc, ctx) is not None:
            return
        values = {"type": ctx.doc_type.type if ctx.doc_type else "article", "trigger": trigger[2] if trigger else ""}
        if p.point_at == "trigger" and trigger is not None:
            block, span, _ = trigger
            text = block.text
            start, end = span
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            yield Hit(block.index, start, end, values=values)
        else:
            yield Hit(None, values=values)

    # `find` and the scorecard's `judge` both ask for the triggers and what satisfies the rule:
    # worked out once per document and kept in its analysis (a scan of every sentence).
    def _kept_triggers(self, doc: Document, ctx: RuleContext) -> list[tuple[Block, tuple[int, int], str]]:
        key = (self, "triggers")
        if key not in ctx.analysis.by_rule:
            ctx.analysis.by_rule[key] = self._triggers(doc)
        found: list[tuple[Block, tuple[int, int], str]] = ctx.analysis.by_rule[key]
        return found

    def _kept_satisfier(self, doc: Document, ctx: RuleContext) -> tuple[str, Hit | None] | None:
        key = (self, "satisfier")
        if key not in ctx.analysis.by_rule:
            ctx.analysis.by_rule[key] = self.satisfier(doc)
        found: tuple[str, Hit | None] | None = ctx.analysis.by_rule[key]
        return found

    def _triggers(self, doc: Document) -> list[tuple[Block, tuple[int, int], str]]:
        out = []
        for block in doc.blocks:
            if block.kind not in BODY and block.kind is not BlockKind.HEADING:
                continue
            for span in block.sentence_spans():
                m = first_match(self.p.trigger, block.text, span, [], False)
                if m is not None:
                    out.append((block, span, m.group(0)))
        return out

    def satisfied(self, doc: Document) -> bool:
        return self.satisfier(doc) is not None

    def satisfier(self, doc: Document) -> tuple[str, Hit | None] | None:
        """What satisfies the rule (a reason, and where when it is in the text), or None."""
        p = self.p
        fm = doc.front_matter
        for key in p.front_matter:
            if filled(fm.get(key.lower())):
                return f"front matter '{key}'", None
        for link in link_targets(doc):
            if any(rx.search(link) for rx in p.links):
                return f"links to {link}", None
        for block in doc.blocks:
            text = block.text
            if block.kind is BlockKind.HEADING and any(rx.search(text) for rx in p.headings):
                return f"heading '{text}'", Hit(block.index, 0, len(text))
            if p.patterns and block.kind in self.block_kinds:
                for span in block.sentence_spans():
                    if first_match(p.patterns, text, span, p.exceptions, p.negation):
                        start, end = span
                        while start < end and text[start].isspace():
                            start += 1
                        while end > start and text[end - 1].isspace():
                            end -= 1
                        return "found", Hit(block.index, start, end)
        return None

    def judge(self, doc: Document, ctx: RuleContext) -> Judgement:
        p = self.p
        if p.trigger and len(self._kept_triggers(doc, ctx)) < p.min_trigger:
            return Judgement("not_applicable", "nothing in the article calls for it")
        found = self._kept_satisfier(doc, ctx)
        if found is None:
            return Judgement("not_satisfactory", "not found")
        reason, hit = found
        return Judgement("satisfactory", reason, (hit,) if hit is not None else ())


def _needs(value: Any) -> list[dict[str, Any]]:
    if not isinstance(value, list) or not value:
        raise ValueError("expected a non-empty list of {what, patterns, with}")
    out = []
    for item in value:
        if not isinstance(item, dict) or "what" not in item or "patterns" not in item:
            raise ValueError("each need is a mapping with 'what' and 'patterns' (and optional 'with')")
        extra = set(item) - {"what", "patterns", "with"}
        if extra:
            raise ValueError(f"unknown key {sorted(extra)[0]!r} in a need (known: what, patterns, with)")
        out.append(
            {
                "what": str(item["what"]),
                "patterns": regex_list(item["patterns"]),
                "with": regex_list(item.get("with", [])),
            }
        )
    return out


def section_units(doc: Document, start: int, end: int) -> list[str]:
    """Sentences of a section's prose; a list counts as one unit together with its lead-in.

    "Rare side effects include:" followed by a list of harms is one statement, so a frequency
    word in the lead-in and a harm in an item belong together.
    """
    units: list[str] = []
    lead = ""
    run: list[str] = []
    for block in doc.blocks[start:end]:
        if block.kind is BlockKind.LIST_ITEM:
            run.append(block.text)
            continue
        if run:
            units.append(" ".join([lead, *run]))
            run = []
        if block.kind in BODY:
            units.extend(block.text[s:e] for s, e in block.sentence_spans())
            lead = block.text
        else:
            lead = ""
    if run:
        units.append(" ".join([lead, *run]))
    return units


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class SectionContentParams:
    headings: RegexList = param(check=regex_list, required=True)
    needs: list[dict[str, Any]] = param(check=_needs, required=True)
    """What a matching section must show: each {what, patterns, with}."""
    exceptions: RegexList = param([], regex_list)
    negation: bool = param(True, typed(bool))


class SectionContentKind(Kind[SectionContentParams]):
    name = "section-content"
    JUDGES_WORDING = False
    Params = SectionContentParams
    NEEDS = frozenset({"sentences"})

    def find(self, doc: Document, ctx: RuleContext) -> Iterator[Hit]:
        p = self.p
        for section in doc.sections:
            heading = doc.blocks[section.heading]
            if heading.kind is not BlockKind.HEADING or not any(rx.search(heading.text) for rx in p.headings):
                continue
            units = section_units(doc, section.start, section.end)
            missing = [need["what"] for need in p.needs if not self._shows(need, units)]
            if missing:
                yield Hit(
                    heading.index,
                    0,
                    len(heading.text),
                    values={"missing": " and ".join(missing), "heading": heading.text},
                )

    def _shows(self, need: dict[str, Any], units: list[str]) -> bool:
        p = self.p
        for unit in units:
            span = (0, len(unit))
            if first_match(need["patterns"], unit, span, p.exceptions, p.negation) is None:
                continue
            if not need["with"] or any(rx.search(unit) for rx in need["with"]):
                return True
        return False
