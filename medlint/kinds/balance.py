"""`coverage-balance`: benefit coverage many times larger than risk coverage.

    types: [treatment, news]                      # top-level rule key: which articles
    check:
      kind: coverage-balance
      benefit: ['\\brelief\\b', '\\bimprov\\w*']   # a sentence about what the treatment does for you
      risk: ['\\brisks?\\b', '\\bside effects?\\b']  # a sentence about harms
      benefit_headings: ['\\bbenefits?\\b']       # sections that are about benefits...
      risk_headings: ['\\brisks?\\b']             # ...or about risks
      max_ratio: 3.0                            # benefit words / risk words above this: a finding
      min_benefit_words: 80                     # too little benefit text to judge below this

Each body sentence is a benefit sentence, a risk sentence or neither. Its own words decide
when they point one way; a sentence with both cues or none takes the side of the section it is
in ("Risks" or "Benefits" heading, the nearest such ancestor). The figures are the word counts
of each side, so the message can say what was measured. An article with no risk sentence at
all is left to the missing-risks rule: one problem, one finding.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from medlint.document import BlockKind, Document
from medlint.kinds.base import BODY, Hit, Kind, RuleContext, param, regex_list, typed
from medlint.kinds.common import positive_int
from medlint.matching import RegexList


def _positive_float(value: object) -> float:
    f: float = typed(float)(value)
    if f <= 0:
        raise ValueError("expected a positive number")
    return f


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class CoverageBalanceParams:
    benefit: RegexList = param([], regex_list)
    risk: RegexList = param([], regex_list)
    benefit_headings: RegexList = param([], regex_list)
    risk_headings: RegexList = param([], regex_list)
    exceptions: RegexList = param([], regex_list)
    max_ratio: float = param(3.0, _positive_float)
    min_benefit_words: int = param(80, positive_int)


class CoverageBalanceKind(Kind[CoverageBalanceParams]):
    name = "coverage-balance"
    JUDGES_WORDING = False
    Params = CoverageBalanceParams
    NEEDS = frozenset({"sentences"})

    def find(self, doc: Document, ctx: RuleContext) -> Iterator[Hit]:
        p = self.p
        benefit, risk = self.measure(doc)
        if risk == 0 or benefit < p.min_benefit_words:
            return
        ratio = benefit / risk
        if ratio <= p.max_ratio:
            return
        yield Hit(
            None,
            values={
                "benefit_words": benefit,
                "risk_words": risk,
                "ratio": f"{ratio:.1f}",
                "max_ratio": f"{p.max_ratio:g}",
            },
        )

    def _side_of_section(self, doc: Document, section: int) -> str | None:
        p = self.p
        while section >= 0:
            sec = doc.sections[section]
            heading = doc.blocks[sec.heading]
            if heading.kind is not BlockKind.TITLE:
                if any(rx.search(heading.text) for rx in p.risk_headings):
                    return "risk"
                if any(rx.search(heading.text) for rx in p.benefit_headings):
                    return "benefit"
            section = sec.parent
        return None

    def _cue(self, patterns: list[re.Pattern[str]], text: str, span: tuple[int, int]) -> bool:
        if isinstance(patterns, RegexList) and not patterns.search_any(text, span[0], span[1]):
            return False
        for rx in patterns:
            for m in rx.finditer(text, span[0], span[1]):
                if not any(
                    e.start() < m.end() and m.start() < e.end()
                    for ex in self.p.exceptions
                    for e in ex.finditer(text, span[0], span[1])
                ):
                    return True
        return False

    def measure(self, doc: Document) -> tuple[int, int]:
        """Words in benefit sentences and in risk sentences."""
        p = self.p
        totals = {"benefit": 0, "risk": 0}
        sides: dict[int, str | None] = {}
        for block in doc.blocks:
            if block.kind not in BODY:
                continue
            if block.section not in sides:
                sides[block.section] = self._side_of_section(doc, block.section)
            default = sides[block.section]
            for span in block.sentence_spans():
                is_benefit = self._cue(p.benefit, block.text, span)
                is_risk = self._cue(p.risk, block.text, span)
                side = "benefit" if is_benefit and not is_risk else "risk" if is_risk and not is_benefit else default
                if side is not None:
                    totals[side] += len(block.text[span[0] : span[1]].split())
        return totals["benefit"], totals["risk"]
