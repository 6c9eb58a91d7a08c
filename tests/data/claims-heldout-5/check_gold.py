#!/usr/bin/env python3
"""Check gold.jsonl against the raw files in articles/.

Checks:
  1. every line is a JSON object of one of three shapes:
     claim  {"id","quote","category","why"}
     unsure {"id","unsure","why"}
     done   {"id","done": true}
  2. every id names a file in articles/, and every file has exactly one done
     line, which comes after all of that article's other lines;
  3. every quote / unsure string occurs exactly once, case-sensitively, in the
     raw file;
  4. no string contains a line break, '<', '>' or '*'; for Markdown files no
     '[', '](' or backtick;
  5. no string is empty or has leading/trailing whitespace, and no string
     appears twice for the same article (claims and unsure together);
  6. every category is one of the guide's eleven; every claim and unsure line
     has a non-empty why.
Exit status 1 if any error is found.
"""

import json
import pathlib
import sys

CATS = {
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
base = pathlib.Path(__file__).resolve().parent
arts = {p.name: p.read_text(encoding="utf-8") for p in (base / "articles").iterdir()}
errors = []


def err(n, msg):
    errors.append(f"line {n}: {msg}")


done_at, seen = {}, {}
for n, line in enumerate((base / "gold.jsonl").read_text(encoding="utf-8").splitlines(), 1):
    try:
        r = json.loads(line)
    except json.JSONDecodeError as e:
        err(n, f"bad JSON: {e}")
        continue
    keys = set(r)
    fid = r.get("id")
    if fid not in arts:
        err(n, f"unknown id {fid!r}")
        continue
    if fid in done_at and keys != {"id", "done"}:
        err(n, f"{fid}: line after the done line")
    if keys == {"id", "done"}:
        if r["done"] is not True:
            err(n, "done is not true")
        if fid in done_at:
            err(n, f"{fid}: second done line")
        done_at[fid] = n
        continue
    if keys == {"id", "quote", "category", "why"}:
        s = r["quote"]
        if r["category"] not in CATS:
            err(n, f"bad category {r['category']!r}")
    elif keys == {"id", "unsure", "why"}:
        s = r["unsure"]
    else:
        err(n, f"unexpected keys {sorted(keys)}")
        continue
    if not isinstance(r["why"], str) or not r["why"].strip():
        err(n, "missing why")
    if not isinstance(s, str) or not s:
        err(n, "empty string")
        continue
    if s != s.strip():
        err(n, f"leading/trailing space: {s!r}")
    bad = ["\n", "\r", "<", ">", "*"]
    if fid.endswith(".md"):
        bad += ["[", "](", "`"]
    for b in bad:
        if b in s:
            err(n, f"forbidden {b!r} in {s!r}")
    c = arts[fid].count(s)
    if c != 1:
        err(n, f"{fid}: occurs {c} times: {s!r}")
    key = (fid, s)
    if key in seen:
        err(n, f"{fid}: duplicate of line {seen[key]}: {s!r}")
    seen[key] = n
for fid in sorted(arts):
    if fid not in done_at:
        errors.append(f"{fid}: no done line")

for e in errors:
    print(e)
print(f"{len(errors)} error(s); {len(arts)} articles; {len(seen)} quote/unsure strings")
sys.exit(1 if errors else 0)
