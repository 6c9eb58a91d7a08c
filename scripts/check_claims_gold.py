"""Check a claims gold file (`gold.jsonl`) against the raw articles it quotes.

usage: python scripts/check_claims_gold.py GOLD_JSONL ARTICLES_DIR

The checks, written first by the annotators of the blind claims sets and now shared by them
(each set's `check_gold.py` calls this one on its own folder):
- every line is a JSON object of one of three shapes: a claim {"id","quote","category","why"},
  an unsure line {"id","unsure","why"}, a done line {"id","done": true};
- every id names a file in the articles folder; every file has exactly one done line, and no
  line for an article comes after it;
- every quote and unsure string occurs exactly once, case-sensitively, in its raw file;
- no string contains a line break, "<", ">" or "*"; a Markdown file's strings hold no "[",
  "](" or backtick;
- no string is empty or has leading or trailing spaces, and none appears twice for one article;
- every category is one of the annotation guide's eleven; every claim and unsure line has a
  non-empty why.
Exits 0 when clean, 1 when any error is found.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

CATEGORIES = {
    "benefit-unquantified",
    "cure-or-reversal",
    "absolute-or-guarantee",
    "superlative-or-comparison",
    "safety-minimising",
    "evidence-appeal",
    "causal-overclaim",
    "hype-or-hope",
    "disease-mongering-or-fear",
    "testimonial-as-evidence",
    "appeal-to-nature-or-tradition",
}
KEYSETS = [{"id", "quote", "category", "why"}, {"id", "unsure", "why"}, {"id", "done"}]


def check(gold: Path, artdir: Path) -> int:
    """Print every error and a summary; 1 when there is any error, else 0."""
    files = {p.name: p for p in artdir.iterdir() if p.is_file()}
    texts: dict[str, str] = {}
    errors: list[str] = []
    done: dict[str, int] = {}
    seen: dict[tuple[str, str], int] = {}

    def err(n: int, msg: str) -> None:
        errors.append(f"{gold.name}:{n}: {msg}")

    with gold.open(encoding="utf-8") as f:
        lines = f.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    for n, line in enumerate(lines, 1):
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            err(n, f"invalid JSON ({e})")
            continue
        if not isinstance(obj, dict):
            err(n, "not a JSON object")
            continue
        keys = set(obj)
        if keys not in KEYSETS:
            err(n, f"bad key set {sorted(keys)}")
            continue
        aid = obj["id"]
        if not isinstance(aid, str) or aid not in files:
            err(n, f"id {aid!r} is not a file in {artdir.name}/")
            continue
        if aid in done:
            err(n, f"line for {aid} after its done line (line {done[aid]})")
        if "done" in obj:
            if obj["done"] is not True:
                err(n, "done must be true")
            if aid in done:
                err(n, f"second done line for {aid}")
            else:
                done[aid] = n
            continue
        field = "quote" if "quote" in obj else "unsure"
        s = obj[field]
        why = obj["why"]
        if not isinstance(why, str) or not why.strip():
            err(n, "empty or missing why")
        if field == "quote" and obj["category"] not in CATEGORIES:
            err(n, f"unknown category {obj['category']!r}")
        if not isinstance(s, str) or not s:
            err(n, f"empty {field}")
            continue
        if s != s.strip():
            err(n, f"{field} has leading or trailing spaces: {s!r}")
        for bad in ("\n", "\r", "<", ">", "*"):
            if bad in s:
                err(n, f"{field} contains {bad!r}: {s!r}")
        if aid.endswith(".md"):
            for bad in ("[", "](", "`"):
                if bad in s:
                    err(n, f"Markdown {field} contains {bad!r}: {s!r}")
        key = (aid, s)
        if key in seen:
            err(n, f"string repeated for {aid} (first on line {seen[key]}): {s!r}")
        else:
            seen[key] = n
        if aid not in texts:
            texts[aid] = files[aid].read_text(encoding="utf-8")
        c = texts[aid].count(s)
        if c != 1:
            err(n, f"{field} occurs {c} times in {aid}: {s!r}")
    for name in sorted(files):
        if name not in done:
            errors.append(f"{gold.name}: no done line for {name}")
    for e in errors:
        print(e)
    print(f"{len(errors)} error(s); {len(lines)} lines; {len(done)} done lines; {len(files)} articles")
    return 1 if errors else 0


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        raise SystemExit(__doc__.split("\n\n")[1] if __doc__ else "usage: check_claims_gold.py GOLD ARTICLES")
    return check(Path(argv[1]), Path(argv[2]))


if __name__ == "__main__":
    sys.exit(main(sys.argv))
