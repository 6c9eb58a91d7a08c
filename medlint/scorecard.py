"""A per-article scorecard: each review criterion's verdict with the quoted evidence, the way a
HealthNewsReview review or a DISCERN rating reads.

The criteria are HealthNewsReview's ten (ids `costs`, `benefits`, `harms`, `evidence`,
`disease_mongering`, `independent_sources_coi`, `alternatives`, `availability`, `novelty`,
`sensational_language`) and four patient-information items (`date`, `author`, `sources`,
`decision_support`). Each is judged by the rules whose `check` names it as `criterion` (rules
are data: a rule pack can add or replace a judge); the verdicts of several rules on one
criterion combine: any "not satisfactory" wins, then "satisfactory", else "not applicable".

    medlint scorecard PATH... [--format text|json] [-o FILE] [--fail-on harms,benefits] [--min-score 0.6]

The JSON (`{"version", "files", "errors"}`) is described by docs/scorecard.schema.json.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from medlint.analysis.classify import classify
from medlint.config import Settings
from medlint.document import Document
from medlint.kinds.base import VERDICTS, Hit, Judgement, RuleContext
from medlint.registry.rules import Rule, load_packs

SCHEMA_VERSION = 1
EXTENSIONS = (".md", ".markdown", ".html", ".htm", ".txt")


@dataclass(frozen=True, slots=True)
class Criterion:
    id: str
    title: str
    group: str
    """`hnr` (HealthNewsReview's ten criteria) or `patient` (patient-information items)."""
    question: str


CRITERIA: tuple[Criterion, ...] = (
    Criterion("costs", "Costs", "hnr", "Does it adequately discuss the costs of the intervention?"),
    Criterion("benefits", "Benefits", "hnr", "Does it adequately quantify the benefits, in absolute terms?"),
    Criterion("harms", "Harms", "hnr", "Does it adequately explain or quantify the harms of the intervention?"),
    Criterion("evidence", "Quality of the evidence", "hnr", "Does it grasp the quality of the evidence?"),
    Criterion("disease_mongering", "Disease-mongering", "hnr", "Does it avoid disease-mongering?"),
    Criterion(
        "independent_sources_coi",
        "Independent sources and conflicts of interest",
        "hnr",
        "Does it use independent sources, or identify funding and conflicts of interest?",
    ),
    Criterion("alternatives", "Alternatives", "hnr", "Does it compare the approach with existing alternatives?"),
    Criterion("availability", "Availability", "hnr", "Does it establish the availability of the intervention?"),
    Criterion("novelty", "Novelty", "hnr", "Does it establish the true novelty of the approach?"),
    Criterion(
        "sensational_language", "Sensational language", "hnr", "Does it avoid unjustifiable, sensational language?"
    ),
    Criterion("date", "Date", "patient", "Is it clear when the information was produced or last reviewed?"),
    Criterion("author", "Author or reviewer", "patient", "Does it say who wrote or medically reviewed it?"),
    Criterion("sources", "Sources", "patient", "Is it clear what sources of information were used?"),
    Criterion(
        "decision_support",
        "Decision support",
        "patient",
        "Does it support a shared decision (talk it over with a clinician, questions to ask)?",
    ),
)
CRITERION_IDS = tuple(c.id for c in CRITERIA)


@dataclass(frozen=True, slots=True)
class Evidence:
    text: str
    line: int
    column: int
    end_line: int
    end_column: int

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
        }


@dataclass(frozen=True, slots=True)
class CriterionResult:
    criterion: Criterion
    verdict: str
    reason: str
    rules: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()

    def to_json(self) -> dict[str, Any]:
        c = self.criterion
        return {
            "id": c.id,
            "title": c.title,
            "group": c.group,
            "question": c.question,
            "verdict": self.verdict,
            "reason": self.reason,
            "rules": list(self.rules),
            "evidence": [e.to_json() for e in self.evidence],
        }


@dataclass(frozen=True, slots=True)
class Scorecard:
    path: str
    type: str
    type_reason: str
    promotional: bool
    criteria: tuple[CriterionResult, ...]

    def result(self, criterion_id: str) -> CriterionResult:
        return next(r for r in self.criteria if r.criterion.id == criterion_id)

    @property
    def applicable(self) -> int:
        return sum(r.verdict != "not_applicable" for r in self.criteria)

    @property
    def satisfactory(self) -> int:
        return sum(r.verdict == "satisfactory" for r in self.criteria)

    @property
    def score(self) -> float | None:
        """Satisfactory criteria over applicable ones (HealthNewsReview's stars are this times 5)."""
        return round(self.satisfactory / self.applicable, 3) if self.applicable else None

    @property
    def stars(self) -> float | None:
        score = self.score
        return None if score is None else round(score * 10) / 2

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "type": self.type,
            "type_reason": self.type_reason,
            "promotional": self.promotional,
            "rating": {
                "satisfactory": self.satisfactory,
                "applicable": self.applicable,
                "score": self.score,
                "stars": self.stars,
            },
            "criteria": [r.to_json() for r in self.criteria],
        }


@dataclass
class Scorer:
    """Loads the rules and the sentence pipeline once; scores many documents."""

    settings: Settings = field(default_factory=Settings)
    rules: list[Rule] = field(init=False)

    def __post_init__(self) -> None:
        from medlint.analysis.nlp import Pipeline

        self.rules = [r for r in load_packs(self.settings.rule_packs) if r.kind.criterion in CRITERION_IDS]
        self.pipeline = Pipeline(self.settings.nlp_model)
        self.pipeline.require({"sentences"})

    def score_document(self, doc: Document) -> Scorecard:
        doc_type = classify(doc)
        ctx = RuleContext(settings=self.settings, doc_type=doc_type)
        if doc.blocks:
            self.pipeline.add_sentences(doc.blocks)
        results = []
        for criterion in CRITERIA:
            judged: list[tuple[Rule, Judgement]] = []
            for rule in self.rules:
                if rule.kind.criterion == criterion.id:
                    j = rule.kind.judge(doc, ctx)
                    if j is not None:
                        judged.append((rule, j))
            results.append(_combine(doc, criterion, judged))
        return Scorecard(doc.path, doc_type.type, doc_type.reason, doc_type.promotional, tuple(results))

    def score_text(self, text: str, path: str = "<text>", format: str | None = None) -> Scorecard:
        from medlint.parse import format_for, parse_document

        doc, _ = parse_document(text, path=path, fmt=format_for(path if path != "<text>" else None, format))
        return self.score_document(doc)


def _combine(doc: Document, criterion: Criterion, judged: list[tuple[Rule, Judgement]]) -> CriterionResult:
    for verdict in ("not_satisfactory", "satisfactory"):
        chosen = [(r, j) for r, j in judged if j.verdict == verdict]
        if chosen:
            reason = "; ".join(f"{r.code} {r.name}: {j.reason}" for r, j in chosen)
            evidence = tuple(e for _, j in chosen for h in j.evidence if (e := _quote(doc, h)) is not None)
            return CriterionResult(criterion, verdict, reason, tuple(r.code for r, _ in chosen), evidence[:5])
    reason = "; ".join(f"{r.code}: {j.reason}" for r, j in judged) or "no rule judges it"
    return CriterionResult(criterion, "not_applicable", reason, tuple(r.code for r, _ in judged))


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


def score_text(
    text: str, path: str = "<text>", format: str | None = None, settings: Settings | None = None
) -> Scorecard:
    """The scorecard of one text (builds a Scorer; use `Scorer` to score many)."""
    return Scorer(settings or Settings()).score_text(text, path, format)


def _files(paths: Iterable[str]) -> tuple[list[Path], list[dict[str, str]]]:
    files: list[Path] = []
    errors: list[dict[str, str]] = []
    for name in paths:
        p = Path(name)
        if p.is_dir():
            files.extend(
                sorted(
                    f
                    for f in p.rglob("*")
                    if f.is_file()
                    and f.suffix.lower() in EXTENSIONS
                    and not any(part.startswith(".") for part in f.relative_to(p).parts)
                )
            )
        elif p.is_file():
            files.append(p)
        else:
            errors.append({"path": name, "message": "no such file or directory"})
    return files, errors


def score_paths(paths: Iterable[str], settings: Settings | None = None) -> tuple[list[Scorecard], list[dict[str, str]]]:
    """Scorecards for files and directories (Markdown, HTML, text), and one error per file that
    could not be read."""
    from medlint.parse import InputProblem, decode

    scorer = Scorer(settings or Settings())
    files, errors = _files(paths)
    cards = []
    for f in files:
        try:
            text = decode(f.read_bytes())
        except (InputProblem, OSError) as exc:
            errors.append({"path": str(f), "message": str(exc)})
            continue
        if not text.strip():
            errors.append({"path": str(f), "message": "empty file, nothing to score"})
            continue
        cards.append(scorer.score_text(text, str(f)))
    return cards, errors


_MARK = {"satisfactory": "ok ", "not_satisfactory": "NOT", "not_applicable": "n/a"}


def render_text(cards: Sequence[Scorecard], errors: Sequence[dict[str, str]]) -> str:
    out: list[str] = []
    for card in cards:
        rating = (
            "no criterion applies"
            if card.score is None
            else (f"{card.satisfactory} of {card.applicable} criteria satisfactory ({card.stars} of 5 stars)")
        )
        out.append(f"{card.path}: {card.type}{' (promotional)' if card.promotional else ''}: {rating}")
        for r in card.criteria:
            out.append(f"  {_MARK[r.verdict]} {r.criterion.title:48} {r.reason}")
            for e in r.evidence[:1]:
                out.append(f"        {e.line}:{e.column} \u201c{e.text}\u201d")
        out.append("")
    for err in errors:
        out.append(f"{err['path']}: error: {err['message']}")
    return "\n".join(out).rstrip() + "\n"


def to_json(cards: Sequence[Scorecard], errors: Sequence[dict[str, str]]) -> dict[str, Any]:
    return {"version": SCHEMA_VERSION, "files": [c.to_json() for c in cards], "errors": list(errors)}


def main(argv: Sequence[str]) -> int:
    """`medlint scorecard`: 0 when every gate passes, 1 when one fails, 2 on usage or input errors."""
    ap = argparse.ArgumentParser(
        prog="medlint scorecard", description="Each article's verdict on every review criterion, with the evidence."
    )
    ap.add_argument("paths", nargs="+", help="files and directories")
    ap.add_argument("--format", choices=("text", "json"), default="text")
    ap.add_argument("-o", "--output", help="write the scorecards to this file instead of stdout")
    ap.add_argument(
        "--fail-on",
        default="",
        metavar="IDS",
        help="comma-separated criterion ids (or 'all'): exit 1 when one is not satisfactory",
    )
    ap.add_argument(
        "--min-score",
        type=float,
        metavar="FRACTION",
        help="exit 1 when an article's share of satisfactory criteria is below this",
    )
    try:
        args = ap.parse_args(list(argv))
    except SystemExit as exc:
        return 2 if exc.code not in (0, None) else 0
    gates = [g.strip() for g in args.fail_on.split(",") if g.strip()]
    if gates == ["all"]:
        gates = list(CRITERION_IDS)
    unknown = [g for g in gates if g not in CRITERION_IDS]
    if unknown:
        sys.stderr.write(
            f"medlint scorecard: error: unknown criterion {unknown[0]!r} (known: {', '.join(CRITERION_IDS)})\n"
        )
        return 2
    cards, errors = score_paths(args.paths)
    text = (
        json.dumps(to_json(cards, errors), indent=2, ensure_ascii=False) + "\n"
        if args.format == "json"
        else render_text(cards, errors)
    )
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    if errors:
        return 2
    failed = any(c.result(g).verdict == "not_satisfactory" for c in cards for g in gates)
    low = args.min_score is not None and any(c.score is not None and c.score < args.min_score for c in cards)
    return 1 if failed or low else 0


assert set(VERDICTS) == set(_MARK)
