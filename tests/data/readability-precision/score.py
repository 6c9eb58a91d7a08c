"""Precision of medlint's readability warnings on the hand-labelled samples in this folder.

    python tests/data/readability-precision/score.py [--corpus ../shared/corpus] [pages-5.tsv ...]

For each `pages-N.tsv` (all of them when none is named) it runs `medlint check --select RDB
--format json --no-cache` once over the sample's pages, keeps the *warnings*, and matches each to
a labelled row by code, file name and line:col. It prints, per sample: how many labelled warnings
medlint still reports, how many of those were judged right, the right ones it no longer reports
(a regression to look at), and the warnings it reports that nobody labelled (new, or moved: a
changed position counts as unlabelled). Labelled wrong warnings that are gone are the fixes.

The score uses the running interpreter's medlint: run it from the venv of the worktree under
test. The corpus is read-only shared data outside the project; only its file names are in the
samples.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent


@dataclass
class Score:
    name: str
    labelled: int = 0
    reported: int = 0
    right: int = 0
    right_dropped: list[str] = field(default_factory=list)
    wrong_dropped: list[str] = field(default_factory=list)
    unlabelled: list[str] = field(default_factory=list)

    def line(self) -> str:
        share = f"{self.right / self.reported:.0%}" if self.reported else "-"
        return (
            f"{self.name}: {self.right} of {self.reported} reported labelled warnings right ({share}); "
            f"labelled {self.labelled}, right ones dropped {len(self.right_dropped)}, "
            f"wrong ones dropped {len(self.wrong_dropped)}, unlabelled warnings {len(self.unlabelled)}"
        )


def _find(corpus: Path, name: str, index: dict[str, Path]) -> Path:
    if name in index:
        return index[name]
    # Some samples cut long names short: match on the start of the file name.
    hits = [p for n, p in index.items() if n.startswith(name.removesuffix(".md"))]
    if len(hits) != 1:
        raise SystemExit(f"{name}: {len(hits)} files in {corpus} match")
    return hits[0]


def score(tsv: Path, corpus: Path, index: dict[str, Path]) -> Score:
    with tsv.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    paths = {r["file"]: _find(corpus, r["file"], index) for r in rows}
    by_path = {str(p): name for name, p in paths.items()}
    labels = {(r["code"], r["file"], r["line:col"]): r for r in rows}
    command = [sys.executable, "-m", "medlint", "check", *sorted(set(by_path))]
    out = subprocess.run(
        [*command, "--select", "RDB", "--format", "json", "--no-cache"],
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode not in (0, 1):
        raise SystemExit(f"medlint failed on {tsv.name}: {out.stderr.strip()}")
    s = Score(tsv.name, labelled=len(rows))
    seen = set()
    for f in json.loads(out.stdout)["findings"]:
        if f["severity"] != "warning":
            continue
        key = (f["code"], by_path[f["path"]], f"{f['line']}:{f['column']}")
        row = labels.get(key)
        if row is None:
            s.unlabelled.append(f"{key[0]} {key[1]} {key[2]} {f.get('match') or ''}"[:120])
            continue
        seen.add(key)
        s.reported += 1
        s.right += row["right"] == "yes"
    for key, row in labels.items():
        if key not in seen:
            what = f"{key[0]} {key[1]} {key[2]} {row['match']}"[:120]
            (s.right_dropped if row["right"] == "yes" else s.wrong_dropped).append(what)
    return s


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("samples", nargs="*", type=Path, help="pages-N.tsv files (default: all in this folder)")
    ap.add_argument("--corpus", type=Path, default=Path("/work/shared/corpus"))
    ap.add_argument("-v", "--verbose", action="store_true", help="list dropped and unlabelled warnings")
    args = ap.parse_args()
    samples = args.samples or sorted(HERE.glob("pages-*.tsv"))
    index = {p.name: p for p in args.corpus.rglob("*.md")}
    total = Score("all")
    for tsv in samples:
        s = score(tsv, args.corpus, index)
        print(s.line())
        if args.verbose:
            for label, items in (("right dropped", s.right_dropped), ("wrong dropped", s.wrong_dropped)):
                for item in items:
                    print(f"  {label}: {item}")
            for item in s.unlabelled:
                print(f"  unlabelled: {item}")
        total.labelled += s.labelled
        total.reported += s.reported
        total.right += s.right
        total.right_dropped += s.right_dropped
        total.wrong_dropped += s.wrong_dropped
        total.unlabelled += s.unlabelled
    if len(samples) > 1:
        print(total.line())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
