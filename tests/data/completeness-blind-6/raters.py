"""Agreement between the two blind raters of this set, beside medlint's agreement with each.

usage: python tests/data/completeness-blind-6/raters.py [SET_FOLDER] [--half read|held|all]

SET_FOLDER is a set with `labels.yml` and `labels-b.yml` (default: this one, blind-6). A halved
set (blind-8) is read whole, or by one half (`--half`, as score.py halves it).

Per criterion, Cohen's kappa for "not satisfactory" against the rest (as score.py reads it):
rater A (labels.yml) against rater B (labels-b.yml), then medlint against A and against B. The
raters' agreement is the ceiling a linter can be expected to reach on such labels. Aggregate
only: the sets are held out whole or by half.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "completeness-gold"))

from score import HALVES, SHORT, half_of, kappa  # noqa: E402

from medlint.api import Scorer  # noqa: E402
from medlint.criteria import CRITERION_IDS  # noqa: E402


def _fmt(k: float | None) -> str:
    return "  -  " if k is None else f"{k:5.2f}"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("folder", nargs="?", type=Path, default=HERE)
    ap.add_argument("--half", choices=HALVES, default="all")
    args = ap.parse_args()
    folder = args.folder.resolve()
    a = half_of(yaml.safe_load((folder / "labels.yml").read_text(encoding="utf-8")), args.half)
    b = half_of(yaml.safe_load((folder / "labels-b.yml").read_text(encoding="utf-8")), args.half)
    if set(a) != set(b):
        raise SystemExit("the two label files name different articles")
    scorer = Scorer()
    got = {}
    for name in sorted(a):
        path = folder / name
        card = scorer.score_text(path.read_text(encoding="utf-8"), str(path))
        got[name] = {cid: SHORT[card.result(cid).verdict] for cid in CRITERION_IDS}
    print(f"{len(a)} articles; kappa, 'not satisfactory' against the rest")
    print(f"{'criterion':24} {'A vs B':>7} {'med vs A':>9} {'med vs B':>9}")
    for cid in CRITERION_IDS:
        ab = [(a[k][cid][0] == "n", b[k][cid][0] == "n") for k in sorted(a)]
        ma = [(got[k][cid] == "n", a[k][cid][0] == "n") for k in sorted(a)]
        mb = [(got[k][cid] == "n", b[k][cid][0] == "n") for k in sorted(a)]
        print(f"{cid:24} {_fmt(kappa(ab)):>7} {_fmt(kappa(ma)):>9} {_fmt(kappa(mb)):>9}")


if __name__ == "__main__":
    main()
