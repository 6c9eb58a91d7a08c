"""`reading-grade`: the document's (or each section's) readability against an audience target.

    check:
      kind: reading-grade
      scope: document          # or section: one finding per hard section, on its heading
      metric: flesch-kincaid   # smog, flesch-reading-ease, gunning-fog, coleman-liau, automated-readability
      target: null             # a number overrides the audience table below
      fallback: flesch-kincaid # metric for text too short for `metric` (SMOG); none: say so and stop
      min_words: 100           # less scored prose than this is not graded
      hardest: 2               # hardest sentences quoted in the message
      margin: 1                # a document less than this past its target is info, not the rule's severity

Only prose is scored (medlint.analysis.readability explains what that means). textstat computes every
figure, so a value medlint reports is the value textstat gives for the same prose. Grades go
to `ctx.analysis.grades` for the HTML report, whether or not they fail the target.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from medlint.analysis.readability import (
    ADDITIVE,
    METRICS,
    GradedProse,
    ScoredProse,
    prepare,
    score,
)
from medlint.document import Document
from medlint.findings import SectionGrade, Severity
from medlint.kinds.base import Hit, Kind, RuleContext, choice, param, typed

# Targets per metric and audience (None: not graded). Flesch-Kincaid 8 is the top of the
# "sixth to eighth grade" range health bodies recommend; the other metrics' targets are set
# to the same strictness on the corpus (see the rule's why). Reading ease is a minimum.
TARGETS: dict[str, dict[str, float | None]] = {
    "flesch-kincaid": {"patient": 8, "general": 10, "professional": None},
    "smog": {"patient": 11, "general": 13, "professional": None},
    "flesch-reading-ease": {"patient": 60, "general": 50, "professional": None},
    "gunning-fog": {"patient": 10, "general": 12, "professional": None},
    "coleman-liau": {"patient": 10, "general": 12, "professional": None},
    "automated-readability": {"patient": 8, "general": 10, "professional": None},
}
_QUOTE_WORDS = 8


def _optional_number(value: Any) -> float | None:
    return None if value is None else typed(float)(value)


def _count(value: Any) -> int:
    n = typed(int)(value)
    if n < 0:
        raise ValueError("expected a number of at least 0")
    return int(n)


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class ReadingGradeParams:
    scope: str = param("document", choice("document", "section"))
    metric: str = param("flesch-kincaid", choice(*METRICS))
    target: float | None = param(None, _optional_number)
    """The grade above which a text is reported (default: the metric's own target)."""
    fallback: str = param("flesch-kincaid", choice("none", *METRICS))
    """The metric used when `metric` cannot score a text (too few sentences for SMOG)."""
    min_words: int = param(100, _count)
    hardest: int = param(2, _count)
    """Hardest sentences quoted in the message."""
    margin: float | None = param(1.0, _optional_number)
    """A document less than this past its target is reported as info, not at the rule's severity."""


class ReadingGradeKind(Kind[ReadingGradeParams]):
    name = "reading-grade"
    Params = ReadingGradeParams
    NEEDS = frozenset({"sentences"})
    SHARES = frozenset({"readability"})

    def setup(self) -> None:
        self.fallback = "none" if self.p.fallback == self.p.metric else self.p.fallback

    def prepare(self) -> None:
        prepare()

    def _target(self, metric: str, audience: str) -> float | None:
        # An explicit target is on the chosen metric's scale, so a fallback keeps its own table.
        if self.p.target is not None and metric == self.p.metric:
            return float(self.p.target)
        return TARGETS[metric].get(audience, TARGETS[metric]["patient"])

    def _prose(self, doc: Document, ctx: RuleContext) -> GradedProse:
        graded = ctx.analysis.readability
        if graded is None:
            graded = ctx.analysis.readability = GradedProse(doc)
        return graded

    def _metric_for(self, prose: ScoredProse) -> tuple[str | None, str]:
        """The metric to use for this prose, and a note when it is not the chosen one."""
        metric = self.p.metric
        n = len(prose.sentences)
        if n >= METRICS[metric].min_sentences:
            return metric, ""
        label = METRICS[metric].label.split()[0]
        short = (
            f"too short to score with {label}: {n} sentence{'s' if n != 1 else ''}, "
            f"it needs {METRICS[metric].min_sentences}"
        )
        fallback = self.fallback
        if fallback != "none" and n >= METRICS[fallback].min_sentences:
            return fallback, f" ({short}, so scored with {METRICS[fallback].label.rsplit(' ', 1)[0]})"
        return None, short

    def find(self, doc: Document, ctx: RuleContext) -> Iterator[Hit]:
        if self.p.scope == "document":
            yield from self._document(doc, ctx)
        else:
            yield from self._sections(doc, ctx)

    def _document(self, doc: Document, ctx: RuleContext) -> Iterator[Hit]:
        graded = self._prose(doc, ctx)
        prose = graded.whole
        line = 1
        if doc.title_block is not None:
            line = doc.lines.line_col(doc.blocks[doc.title_block].prose.source_start(0))[0]
        if prose.words < self.p.min_words:
            return
        metric, note = self._metric_for(prose)
        if metric is None:
            _record(ctx, SectionGrade(None, line, self.p.metric, None, prose.words), first=True)
            yield Hit(
                None,
                values={"words": prose.words},
                severity=Severity.INFO,
                message=f"Reading grade not measured: the prose is {note}.",
            )
            return
        value = round(score(metric, prose, graded.counts(None) if metric in ADDITIVE else None), 1)
        target = self._target(metric, ctx.settings.audience)
        _record(ctx, SectionGrade(None, line, metric, value, prose.words, target), first=True)
        if target is not None and _fails(metric, value, target):
            # Grade 8.6 against a target of 8 is within the error of any formula: an editor does
            # not rewrite for it, so it is said as information, not at the rule's severity.
            close = abs(value - target) < (self.p.margin or 0.0)
            yield Hit(
                None,
                values=self._values(doc, metric, value, target, ctx, note, prose, graded),
                severity=Severity.INFO if close else None,
            )

    def _sections(self, doc: Document, ctx: RuleContext) -> Iterator[Hit]:
        failing: list[tuple[float, Hit]] = []
        graded = self._prose(doc, ctx)
        whole = graded.whole.words
        for i, sec in enumerate(doc.sections):
            prose = graded.prose(i)
            if not prose.sentences:
                continue
            heading = doc.blocks[sec.heading]
            line = doc.lines.line_col(heading.prose.source_start(0))[0]
            metric, note = self._metric_for(prose)
            if prose.words < self.p.min_words or metric is None:
                _record(ctx, SectionGrade(heading.text, line, metric or self.p.metric, None, prose.words))
                continue
            value = round(score(metric, prose, graded.counts(i) if metric in ADDITIVE else None), 1)
            target = self._target(metric, ctx.settings.audience)
            _record(ctx, SectionGrade(heading.text, line, metric, value, prose.words, target))
            # A section holding all the prose (a press release under its title) would repeat
            # the document finding.
            if target is not None and _fails(metric, value, target) and prose.words < whole:
                values = self._values(doc, metric, value, target, ctx, note, prose, graded)
                excess = value - target if METRICS[metric].higher_is_harder else target - value
                failing.append((excess, Hit(sec.heading, 0, len(heading.text), values=values)))
        # Hardest first, so a per-rule limit keeps the sections most worth rewriting.
        failing.sort(key=lambda item: -item[0])
        for _, hit in failing:
            yield hit

    def _values(
        self,
        doc: Document,
        metric: str,
        value: float,
        target: float,
        ctx: RuleContext,
        note: str,
        prose: ScoredProse,
        graded: GradedProse,
    ) -> dict[str, object]:
        m = METRICS[metric]
        relation = "above" if m.higher_is_harder else "below"
        return {
            "measure": f"{m.label} {value:g}",
            "value": value,
            "metric": m.label,
            "target": f"{target:g}",
            "relation": f"{relation} the target of {target:g}",
            "audience": ctx.settings.audience,
            "note": note,
            "words": prose.words,
            "hardest": _hardest(doc, prose, self.p.hardest, graded),
        }


def _fails(metric: str, value: float, target: float) -> bool:
    return value > target if METRICS[metric].higher_is_harder else value < target


def _record(ctx: RuleContext, grade: SectionGrade, first: bool = False) -> None:
    grades = ctx.analysis.grades
    if first:
        grades.insert(0, grade)
    else:
        grades.append(grade)


def _hardest(doc: Document, prose: ScoredProse, n: int, graded: GradedProse) -> str:
    """The start of the `n` hardest sentences, in reading order."""
    if n == 0 or not prose.sentences:
        return ""
    # `sorted(...)[:n]`, ties in reading order as there, without a list of every sentence (a
    # 10 MB article's, made again from `PackedSentences`, took about 10 MB at once).
    ranked = heapq.nsmallest(n, prose.sentences, key=lambda s: -graded.difficulty(s))
    ranked.sort(key=lambda s: (s.block, s.start))
    quotes = []
    for s in ranked:
        words = doc.blocks[s.block].text[s.start : s.end].split()
        start = " ".join(words[:_QUOTE_WORDS])
        quotes.append(f"“{start}…”" if len(words) > _QUOTE_WORDS else f"“{start}”")
    return "; ".join(quotes)
