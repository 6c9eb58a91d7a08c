"""A per-article scorecard: each review criterion's verdict with the quoted evidence, the way a
HealthNewsReview review or a DISCERN rating reads.

The criteria (`medlint.criteria`) are HealthNewsReview's ten and four patient-information
items. Each is judged by the rules whose `check` names it as `criterion` (rules are data: a
rule pack can add or replace a judge); the verdicts of several rules on one criterion combine:
any "not satisfactory" wins, then "satisfactory", else "not applicable". The engine builds a
file's scorecard from the rules it ran (`FileResult.scorecard`); `medlint score` prints it,
and the JSON and HTML reports of `medlint check` carry it.

This module is the model, how verdicts combine, the gates CI applies, and the text and JSON of
`medlint score`. The JSON (`{"version", "files", "errors"}`) is described by
docs/scorecard.schema.json.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from medlint.criteria import (
    CRITERIA,
    CRITERION_IDS,
    VERDICTS,
    Criterion,
    CriterionResult,
    Evidence,
    Scorecard,
    parse_criteria,
)

SCHEMA_VERSION = 1
__all__ = [
    "CRITERIA",
    "CRITERION_IDS",
    "Criterion",
    "CriterionResult",
    "Evidence",
    "Scorecard",
    "main",
    "parse_criteria",
    "render_text",
    "to_json",
]


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


def _parser(prog: str) -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog=prog, description="Each article's verdict on every review criterion, with the evidence."
    )
    ap.add_argument("paths", nargs="+", help="files and directories")
    ap.add_argument("--format", choices=("text", "json"), default="text")
    ap.add_argument("-o", "--output", help="write the scorecards to this file instead of stdout")
    ap.add_argument("--config", help="use this config file instead of searching for one")
    ap.add_argument(
        "--fail-criteria",
        "--fail-on",
        dest="fail_criteria",
        metavar="IDS",
        help="comma-separated criterion ids (or 'all'): exit 1 when one is not satisfactory "
        "(default: the configuration's fail-criteria)",
    )
    ap.add_argument(
        "--min-score",
        type=float,
        metavar="FRACTION",
        help="exit 1 when an article's share of satisfactory criteria is below this (0 to 1)",
    )
    return ap


def main(argv: Sequence[str], prog: str = "medlint score") -> int:
    from medlint.session import RunOptions, run

    ap = _parser(prog)
    try:
        args = ap.parse_args(list(argv))
    except SystemExit as exc:
        return 2 if exc.code not in (0, None) else 0
    try:
        fail_criteria = parse_criteria(args.fail_criteria) if args.fail_criteria is not None else None
        if args.min_score is not None and not 0 <= args.min_score <= 1:
            raise ValueError("--min-score must be from 0 to 1 (the share of satisfactory criteria)")
    except ValueError as exc:
        sys.stderr.write(f"{prog}: error: {exc}\n")
        return 2
    options = RunOptions(
        paths=tuple(args.paths),
        config=args.config,
        criteria_only=True,
        fail_criteria=fail_criteria,
        min_score=args.min_score,
    )
    report = run(options)
    cards = [f.scorecard for f in report.files if f.scorecard is not None]
    errors = [e.to_json() for e in report.errors]
    errors += [
        {"path": f.path, "message": "no rule that judges a criterion is selected"}
        for f in report.files
        if f.scorecard is None
    ]
    text = (
        json.dumps(to_json(cards, errors), indent=2, ensure_ascii=False) + "\n"
        if args.format == "json"
        else render_text(cards, errors)
    )
    try:
        if args.output:
            Path(args.output).write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)
    except OSError as exc:
        sys.stderr.write(f"{prog}: error: cannot write {args.output}: {exc.strerror or exc}\n")
        return 2
    for why in report.criteria_failures:
        sys.stderr.write(f"{why}\n")
    if errors:
        return 2
    return 1 if report.criteria_failures else 0


assert set(VERDICTS) == set(_MARK)
