"""Agreement of medlint's scorecard with the hand labels in labels.yml (see README.md).

usage: python tests/data/completeness-gold/score.py [--heldout | --blind [--corpus DIR]
       | --blind2 [--half read|held|all] [--corpus DIR] | --blind3 [--half read|held|all] | --blind4 | --blind5 [--half ...] | --blind6 | --blind7] [--show]

--heldout scores heldout/: articles labelled before medlint ran on them and never used to
change a rule. --blind scores ../completeness-blind/labels.yml: real articles of the shared
corpus (`--corpus`, default ../shared/corpus beside the repository), labelled by a helper who
had not seen the rules. --blind2 scores ../completeness-blind-2/labels.yml: the claims-dev
articles (`--corpus`, default ../shared/claims-dev beside the repository), labelled blind
the same way. Its labels are split in two halves by position in sorted key order: `--half read`
(even positions, open for development), `--half held` (odd positions: kept unread, so only
the aggregate table is printed for it, never its disagreements) or `--half all`. --blind3
scores ../completeness-blind-3/: 24 news releases and news stories about studies, written for
it by two helpers and labelled by a third, none of whom had seen the rules; halved the same way.
--blind4 scores ../completeness-blind-4/: 12 more, made the same way after the changes made from
blind-3's read half; it is held out whole (aggregate only, no --show). --blind5 scores
../completeness-blind-5/: 16 more, written and labelled the same way in the fifth session, scored
whole once before any change was made from it, then halved like blind-3. --blind6 scores
../completeness-blind-6/: 16 more, written and labelled the same way later in that session, held
out whole. --blind7 scores ../completeness-blind-7/: 16 more, written and labelled at the end
of that session, held out whole.

Per criterion: agreement on the three verdicts, Cohen's kappa and F1 for "not satisfactory"
against the rest (the way issue 11 reads HealthNewsReview's ratings), and type accuracy.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from medlint.api import Scorer
from medlint.criteria import CRITERION_IDS

HERE = Path(__file__).resolve().parent
BLIND = HERE.parent / "completeness-blind"
BLIND2 = HERE.parent / "completeness-blind-2"
BLIND3 = HERE.parent / "completeness-blind-3"
BLIND4 = HERE.parent / "completeness-blind-4"
BLIND5 = HERE.parent / "completeness-blind-5"
BLIND6 = HERE.parent / "completeness-blind-6"
BLIND7 = HERE.parent / "completeness-blind-7"
BLIND8 = HERE.parent / "completeness-blind-8"
BLIND9 = HERE.parent / "completeness-blind-9"
BLIND10 = HERE.parent / "completeness-blind-10"
BLIND11 = HERE.parent / "completeness-blind-11"
BLIND12 = HERE.parent / "completeness-blind-12"
BLIND13 = HERE.parent / "completeness-blind-13"
BLIND14 = HERE.parent / "completeness-blind-14"
BLIND15 = HERE.parent / "completeness-blind-15"
BLIND16 = HERE.parent / "completeness-blind-16"
BLIND17 = HERE.parent / "completeness-blind-17"
BLIND18 = HERE.parent / "completeness-blind-18"
BLIND19 = HERE.parent / "completeness-blind-19"
CORPUS = HERE.parents[3] / "shared" / "corpus"
CLAIMS_DEV = HERE.parents[3] / "shared" / "claims-dev"
HALVES = ("read", "held", "all")
SHORT = {"satisfactory": "s", "not_satisfactory": "n", "not_applicable": "na"}


def kappa(pairs: list[tuple[bool, bool]]) -> float | None:
    n = len(pairs)
    if not n:
        return None
    po = sum(a == b for a, b in pairs) / n
    pa, pb = sum(a for a, _ in pairs) / n, sum(b for _, b in pairs) / n
    pe = pa * pb + (1 - pa) * (1 - pb)
    return None if pe == 1 else (po - pe) / (1 - pe)


def f1(pairs: list[tuple[bool, bool]]) -> float | None:
    tp = sum(a and b for a, b in pairs)
    fp = sum(b and not a for a, b in pairs)
    fn = sum(a and not b for a, b in pairs)
    return None if tp + fp + fn == 0 else 2 * tp / (2 * tp + fp + fn)


def half_of(labels: dict[str, Any], half: str) -> dict[str, Any]:
    """The blind-2 half: `read` the even positions of the sorted keys, `held` the odd ones."""
    if half not in HALVES:
        raise ValueError(f"unknown half {half!r} (known: {', '.join(HALVES)})")
    keys = sorted(labels)
    picked = keys if half == "all" else keys[0::2] if half == "read" else keys[1::2]
    return {k: labels[k] for k in picked}


@dataclass(frozen=True)
class LabelSet:
    """Where a set's labels and articles are, and how much of it may be read."""

    labels: Path
    articles: Path
    """The folder the label keys are relative to (a default: `--corpus` overrides a shared one)."""
    shared: bool = False
    """The articles are the shared data beside the repository, not kept in it."""
    held: str = ""
    """What is scored in aggregate only: "halved", the odd half; "whole", all of it."""


SETS = {
    "dev": LabelSet(HERE, HERE / "articles"),
    "heldout": LabelSet(HERE / "heldout", HERE / "heldout" / "articles"),
    "blind": LabelSet(BLIND, CORPUS, shared=True),
    "blind2": LabelSet(BLIND2, CLAIMS_DEV, shared=True, held="halved"),
    "blind3": LabelSet(BLIND3, BLIND3, held="halved"),
    "blind4": LabelSet(BLIND4, BLIND4, held="whole"),
    "blind5": LabelSet(BLIND5, BLIND5, held="halved"),
    "blind6": LabelSet(BLIND6, BLIND6, held="whole"),
    "blind7": LabelSet(BLIND7, BLIND7, held="whole"),
    "blind8": LabelSet(BLIND8, BLIND8, held="halved"),
    "blind9": LabelSet(BLIND9, BLIND9, held="halved"),
    "blind10": LabelSet(BLIND10, BLIND10, held="whole"),
    "blind11": LabelSet(BLIND11, BLIND11, held="halved"),
    "blind12": LabelSet(BLIND12, BLIND12, held="whole"),
    "blind13": LabelSet(BLIND13, BLIND13, held="whole"),
    "blind14": LabelSet(BLIND14, BLIND14, held="halved"),
    "blind15": LabelSet(BLIND15, BLIND15, held="whole"),
    "blind16": LabelSet(BLIND16, BLIND16),
    "blind17": LabelSet(BLIND17, BLIND17),
    "blind18": LabelSet(BLIND18, BLIND18, held="whole"),
    "blind19": LabelSet(BLIND19, BLIND19),
}


def scores(
    name: str = "dev", show: bool = False, corpus: Path | None = None, only: str = "", half: str = "all"
) -> dict[str, Any]:
    chosen = SETS[name]
    if show and (chosen.held == "whole" or (chosen.held == "halved" and half != "read")):
        raise ValueError("a held set is scored in aggregate only: --show needs --half read")
    articles = (corpus if chosen.shared else None) or chosen.articles
    labels: dict[str, Any] = yaml.safe_load((chosen.labels / "labels.yml").read_text(encoding="utf-8"))
    if chosen.held == "halved":
        labels = half_of(labels, half)
    scorer = Scorer()
    per: dict[str, list[tuple[str, str]]] = {c: [] for c in CRITERION_IDS}
    types = []
    for name, gold in labels.items():
        if not name.startswith(only):
            continue
        path = articles / name
        card = scorer.score_text(path.read_text(encoding="utf-8"), str(path))
        types.append((gold["type"], card.type))
        if show and gold["type"] != card.type:
            print(f"{name[-60:]:60} type gold {gold['type']} got {card.type} | {card.type_reason[:90]}")
        for cid in CRITERION_IDS:
            got = SHORT[card.result(cid).verdict]
            want = gold[cid][0]
            per[cid].append((want, got))
            if show and got != want:
                print(f"{name[-40:]:40} {cid:24} gold {want:2} got {got:2} | {card.result(cid).reason[:90]}")
    out: dict[str, Any] = {
        "articles": len(types),
        "type_accuracy": sum(a == b for a, b in types) / len(types),
        "types": {t: (sum(a == b for a, b in types if a == t), sum(a == t for a, _ in types)) for t, _ in types},
        "criteria": {},
    }
    for cid, pairs in per.items():
        binary = [(a == "n", b == "n") for a, b in pairs]
        out["criteria"][cid] = {
            "agreement": sum(a == b for a, b in pairs) / len(pairs),
            "kappa": kappa(binary),
            "f1": f1(binary),
            "gold_n": sum(a == "n" for a, _ in pairs),
        }
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--show", action="store_true", help="print every disagreement")
    which = ap.add_mutually_exclusive_group()
    for flag, helped in (
        ("heldout", "score the held-out set"),
        ("blind", "score the blind labels of the shared corpus"),
        ("blind2", "score the blind labels of claims-dev (completeness-blind-2)"),
        ("blind3", "score the blind labels of completeness-blind-3 (releases)"),
        ("blind4", "score completeness-blind-4 (held out whole)"),
        ("blind5", "score completeness-blind-5 (releases, halved)"),
        ("blind6", "score completeness-blind-6 (held out whole)"),
        ("blind7", "score completeness-blind-7 (held out whole)"),
        ("blind8", "score completeness-blind-8 (halved, two raters)"),
        ("blind9", "score completeness-blind-9 (halved, two raters)"),
        ("blind10", "score completeness-blind-10 (held out whole, two raters)"),
        ("blind11", "score completeness-blind-11 (halved, two raters)"),
        ("blind12", "score completeness-blind-12 (held out whole, two raters)"),
        ("blind13", "score completeness-blind-13 (held out whole, two raters)"),
        ("blind14", "score completeness-blind-14 (realistic releases; halved, two raters)"),
        ("blind15", "score completeness-blind-15 (realistic releases; held out whole, two raters)"),
        ("blind16", "score completeness-blind-16 (realistic releases; read, for training)"),
        ("blind17", "score completeness-blind-17 (realistic releases and pages; read)"),
        ("blind18", "score completeness-blind-18 (realistic releases; held out whole, two raters)"),
        ("blind19", "score completeness-blind-19 (realistic pages in Markdown, HTML and text; read)"),
    ):
        which.add_argument(f"--{flag}", dest="set", action="store_const", const=flag, help=helped)
    ap.add_argument(
        "--corpus", type=Path, help="the shared corpus (--blind; default ../shared/corpus) or claims-dev (--blind2)"
    )
    ap.add_argument("--only", default="", help="only articles whose path starts with this")
    ap.add_argument(
        "--half", choices=HALVES, default="all", help="with --blind2/3/5/8/9/11: read (even), held (odd) or all"
    )
    args = ap.parse_args()
    name = args.set or "dev"
    chosen = SETS[name]
    if chosen.shared and not (args.corpus or chosen.articles).is_dir():
        raise SystemExit(f"no corpus at {args.corpus or chosen.articles} (--corpus DIR)")
    try:
        out = scores(name, args.show, args.corpus, args.only, args.half)
    except ValueError as exc:
        raise SystemExit(str(exc)) from None
    per_type = ", ".join(f"{t} {ok}/{n}" for t, (ok, n) in sorted(out["types"].items()))
    print(f"{out['articles']} articles; type accuracy {out['type_accuracy']:.1%} ({per_type})")
    print(f"{'criterion':24} {'agree':>6} {'kappa':>6} {'F1':>6} {'gold n':>6}")
    for cid, m in out["criteria"].items():
        k = "  -   " if m["kappa"] is None else f"{m['kappa']:6.2f}"
        f = "  -   " if m["f1"] is None else f"{m['f1']:6.2f}"
        print(f"{cid:24} {m['agreement']:6.0%} {k} {f} {m['gold_n']:6}")


if __name__ == "__main__":
    main()
