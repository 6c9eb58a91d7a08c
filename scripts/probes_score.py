"""How many blind probe passages a completeness criterion reads as a human labeller did.

usage: python scripts/probes_score.py --probes tests/data/harms-probes --criterion harms
       [--half read|held|all] [--type news|treatment] [--show]

A probe set is a folder with `probes.jsonl`: one passage per line (`id` such as "a001", `title`,
`text`, `label` yes|no, `why`). Each passage is put under its title as a news article (front
matter `type: news`, so the criterion applies; `--type treatment` for passages from patient
pages, such as harms-probes-2) and scored; a `yes` passage should satisfy the
criterion, a `no` passage should not. Sets are halved by id: odd numbers are the read half,
even numbers the held half, which is scored in aggregate only (`--show` needs `--half read`).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from medlint.api import Scorer
from medlint.criteria import CRITERION_IDS

HALVES = ("read", "held", "all")


def in_half(ident: str, half: str) -> bool:
    number = int(ident[1:])
    return half == "all" or (half == "read") == (number % 2 == 1)


def score(
    folder: Path, criterion: str, half: str = "all", show: bool = False, doc_type: str = "news"
) -> dict[str, tuple[int, int]]:
    """Per label, (passages read as the labeller did, passages) in the chosen half."""
    if show and half != "read":
        raise ValueError("the held half is scored in aggregate only: --show needs --half read")
    scorer = Scorer()
    rows = [json.loads(line) for line in (folder / "probes.jsonl").read_text(encoding="utf-8").splitlines() if line]
    found = {"yes": [0, 0], "no": [0, 0]}
    for row in rows:
        if not in_half(row["id"], half):
            continue
        doc = f"---\ntype: {doc_type}\n---\n# {row['title']}\n\n{row['text']}\n"
        satisfied = scorer.score_text(doc, "probe.md").result(criterion).verdict == "satisfactory"
        agrees = satisfied == (row["label"] == "yes")
        found[row["label"]][0] += agrees
        found[row["label"]][1] += 1
        if show and not agrees:
            print(f"{row['id']} {row['label']:3} | {row['title'][:60]} | {row['text'][:200]}")
    return {label: (ok, n) for label, (ok, n) in found.items()}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--probes", type=Path, required=True, help="the probe set's folder")
    ap.add_argument("--criterion", choices=CRITERION_IDS, required=True)
    ap.add_argument("--half", choices=HALVES, default="all")
    ap.add_argument("--type", choices=("news", "treatment"), default="news", help="the page the passages are from")
    ap.add_argument("--show", action="store_true", help="print disagreements (read half only)")
    args = ap.parse_args(argv)
    try:
        found = score(args.probes, args.criterion, args.half, args.show, args.type)
    except ValueError as exc:
        raise SystemExit(str(exc)) from None
    (yes, yes_n), (no, no_n) = found["yes"], found["no"]
    print(f"{args.half} half: 'yes' passages satisfied {yes}/{yes_n}, 'no' passages not satisfied {no}/{no_n}")


if __name__ == "__main__":
    main()
