"""A document's scorecard from the verdicts of the rules that judge a criterion: several rules
on one criterion combine, any "not satisfactory" wins, then "satisfactory", else "not
applicable"; the evidence is quoted at its line and column, carried from parsing."""

from __future__ import annotations

from medlint.criteria import CRITERIA, Criterion, CriterionResult, Evidence, Scorecard
from medlint.document import Document
from medlint.kinds.base import Hit, Judgement

Judged = tuple[str, str, Judgement]
"""A rule's code, its name and its verdict on its criterion."""


def build_scorecard(
    doc: Document, doc_type: str, type_reason: str, promotional: bool, judged: dict[str, list[Judged]]
) -> Scorecard:
    """The card of `doc` from its rules' verdicts, grouped by criterion id."""
    results = tuple(_combine(doc, c, judged.get(c.id, [])) for c in CRITERIA)
    return Scorecard(doc.path, doc_type, type_reason, promotional, results)


def _combine(doc: Document, criterion: Criterion, judged: list[Judged]) -> CriterionResult:
    for verdict in ("not_satisfactory", "satisfactory"):
        chosen = [(code, name, j) for code, name, j in judged if j.verdict == verdict]
        if chosen:
            reason = "; ".join(f"{code} {name}: {j.reason}" for code, name, j in chosen)
            evidence = tuple(e for _, _, j in chosen for h in j.evidence if (e := _quote(doc, h)) is not None)
            return CriterionResult(criterion, verdict, reason, tuple(code for code, _, _ in chosen), evidence[:5])
    # "No rule judges it": none is selected (`--select`, `ignore`), or a rule crashed on this file.
    reason = "; ".join(f"{code}: {j.reason}" for code, _, j in judged) or "no rule judges it"
    return CriterionResult(criterion, "not_applicable", reason, tuple(code for code, _, _ in judged))


def _quote(doc: Document, hit: Hit) -> Evidence | None:
    if hit.block is None:
        return None
    block = doc.blocks[hit.block]
    prose = block.prose
    start, end = prose.source_start(hit.start), prose.source_end(hit.end)
    line, column = doc.lines.line_col(start)
    end_line, end_column = doc.lines.line_col(end)
    text = " ".join(block.text[hit.start : hit.end].split())
    return Evidence(text if len(text) <= 300 else text[:297] + "...", line, column, end_line, end_column)
