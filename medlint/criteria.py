"""The review criteria a scorecard judges (HealthNewsReview's ten and four patient-information
items) and the scorecard itself: each criterion's verdict with its evidence, and a rating.

A result, like a finding: configuration, engine, session and reports share it. The engine
builds a file's card from its rules' verdicts (medlint.engine.scorecard); `medlint score`
prints it (medlint.scorecard).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any


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
VERDICTS = ("satisfactory", "not_satisfactory", "not_applicable")
"""A criterion's verdicts, as HealthNewsReview's reviewers gave them."""


def parse_criteria(value: str | list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Criterion ids from "harms,benefits", a list of ids, or "all"; ValueError names an unknown one."""
    items = value.split(",") if isinstance(value, str) else list(value)
    ids = [str(i).strip() for i in items if str(i).strip()]
    if ids == ["all"]:
        return CRITERION_IDS
    for i in ids:
        if i not in CRITERION_IDS:
            raise ValueError(f"unknown criterion {i!r} (known: all, {', '.join(CRITERION_IDS)})")
    return tuple(dict.fromkeys(ids))


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

    def summary_json(self) -> dict[str, Any]:
        """The `scorecard` object of a file in `medlint check`'s JSON report (the file there
        already carries its path and type)."""
        return {
            "promotional": self.promotional,
            "rating": {
                "satisfactory": self.satisfactory,
                "applicable": self.applicable,
                "score": self.score,
                "stars": self.stars,
            },
            "criteria": [r.to_json() for r in self.criteria],
        }

    def to_json(self) -> dict[str, Any]:
        """One file of `medlint score --format json`."""
        return {"path": self.path, "type": self.type, "type_reason": self.type_reason, **self.summary_json()}

    def failures(self, fail_criteria: Sequence[str], min_score: float | None) -> list[str]:
        """Why this card fails a CI gate (`fail-criteria`, `min-score`); empty when it passes."""
        out = [
            f"criterion '{cid}' is not satisfactory"
            for cid in fail_criteria
            if self.result(cid).verdict == "not_satisfactory"
        ]
        if min_score is not None and self.score is not None and self.score < min_score:
            out.append(
                f"score {self.score:.2f} ({self.satisfactory} of {self.applicable}) is below min-score {min_score:g}"
            )
        return out
