"""Accuracy of medlint's document types against labels.tsv (see README.md).

usage: python tests/data/doc-types/score.py [--shared DIR] [--show]
"""

from __future__ import annotations

import argparse
import collections
from pathlib import Path

from medlint.analysis.classify import classify
from medlint.parse import format_for, parse_document

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parents[2]


def labels() -> list[tuple[str, str]]:
    rows = []
    for line in (HERE / "labels.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        path, kind = line.split("\t")[:2]
        rows.append((path, kind))
    return rows


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(PROJECT.parent / "shared"))
    ap.add_argument("--show", action="store_true", help="print every wrong type with its reason")
    args = ap.parse_args()
    shared = Path(args.shared)
    per: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    wrong = []
    for rel, gold in labels():
        path = PROJECT / rel if rel.startswith("tests/") else shared / rel
        if not path.is_file():
            continue
        doc, _ = parse_document(path.read_text(encoding="utf-8"), path=str(path), fmt=format_for(str(path), None))
        got = classify(doc)
        per[gold][got.type] += 1
        if got.type != gold:
            wrong.append((rel, gold, got.type, got.reason))
    total = sum(sum(c.values()) for c in per.values())
    right = sum(c[g] for g, c in per.items())
    print(f"type accuracy: {right}/{total} = {right / max(total, 1):.1%}")
    for gold, c in sorted(per.items()):
        n = sum(c.values())
        others = ", ".join(f"{k} {v}" for k, v in c.most_common() if k != gold)
        print(f"  {gold:10} {c[gold]:3}/{n:<3} {c[gold] / n:6.1%}  {('wrong: ' + others) if others else ''}")
    if args.show:
        for rel, gold, got, reason in wrong:
            print(f"{gold:>9} -> {got:9} {rel[-70:]} | {reason}")


if __name__ == "__main__":
    main()
