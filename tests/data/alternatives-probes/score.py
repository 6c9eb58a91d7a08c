"""How many of the blind alternatives probes CMP004 reads as a human labeller did.

usage: python tests/data/alternatives-probes/score.py [--half read|held|all] [--show]

Each passage is put under its title as a news article (front matter `type: news`, so the
criterion applies) and scored; `--show` prints the passages read the other way (read half only).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from medlint.api import Scorer

HERE = Path(__file__).resolve().parent


def in_half(ident: str, half: str) -> bool:
    number = int(ident[1:])
    return half == "all" or (half == "read") == (number % 2 == 1)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--half", choices=("read", "held", "all"), default="all")
    ap.add_argument("--show", action="store_true", help="print disagreements (read half only)")
    args = ap.parse_args()
    if args.show and args.half != "read":
        raise SystemExit("the held half is scored in aggregate only: --show needs --half read")
    scorer = Scorer()
    rows = [json.loads(line) for line in (HERE / "probes.jsonl").read_text(encoding="utf-8").splitlines() if line]
    found = {"yes": [0, 0], "no": [0, 0]}
    for row in rows:
        if not in_half(row["id"], args.half):
            continue
        doc = f"---\ntype: news\n---\n# {row['title']}\n\n{row['text']}\n"
        satisfied = scorer.score_text(doc, "probe.md").result("alternatives").verdict == "satisfactory"
        agrees = satisfied == (row["label"] == "yes")
        found[row["label"]][0] += agrees
        found[row["label"]][1] += 1
        if args.show and not agrees:
            print(f"{row['id']} {row['label']:3} | {row['title'][:60]} | {row['text'][:200]}")
    (yes, yes_n), (no, no_n) = found["yes"], found["no"]
    print(f"{args.half} half: 'yes' passages satisfied {yes}/{yes_n}, 'no' passages not satisfied {no}/{no_n}")


if __name__ == "__main__":
    main()
