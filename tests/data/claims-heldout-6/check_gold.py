#!/usr/bin/env python3
"""Check gold.jsonl against the raw article files. Exit 1 on any error."""

import json
import os
import sys
from pathlib import Path

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
here = os.path.dirname(os.path.abspath(__file__))
art = os.path.join(here, "articles")
files = sorted(os.listdir(art))
raw = {f: Path(art, f).read_text(encoding="utf-8") for f in files}
errs = []
seen = {}  # id -> set of strings
done = {}  # id -> line number of done
lines = Path(here, "gold.jsonl").read_text(encoding="utf-8").splitlines()
for n, line in enumerate(lines, 1):
    try:
        o = json.loads(line)
    except Exception as e:
        errs.append(f"line {n}: bad JSON: {e}")
        continue
    i = o.get("id")
    if i not in raw:
        errs.append(f"line {n}: unknown id {i!r}")
        continue
    if i in done:
        errs.append(f"line {n}: {i}: line after its done line")
    keys = set(o)
    if keys == {"id", "done"}:
        if o["done"] is not True:
            errs.append(f"line {n}: done is not true")
        done[i] = n
        continue
    if keys == {"id", "quote", "category", "why"}:
        s = o["quote"]
        if o["category"] not in CATS:
            errs.append(f"line {n}: bad category {o['category']!r}")
    elif keys == {"id", "unsure", "why"}:
        s = o["unsure"]
    else:
        errs.append(f"line {n}: unexpected keys {sorted(keys)}")
        continue
    if not isinstance(o["why"], str) or not o["why"].strip():
        errs.append(f"line {n}: empty why")
    if not s or s != s.strip():
        errs.append(f"line {n}: empty string or leading/trailing space: {s!r}")
    for bad in ("\n", "\r", "<", ">", "*"):
        if bad in s:
            errs.append(f"line {n}: contains {bad!r}: {s!r}")
    if i.endswith(".md"):
        for bad in ("[", "](", "`"):
            if bad in s:
                errs.append(f"line {n}: Markdown string contains {bad!r}: {s!r}")
    c = raw[i].count(s)
    if c != 1:
        errs.append(f"line {n}: {i}: occurs {c} times: {s!r}")
    if s in seen.setdefault(i, set()):
        errs.append(f"line {n}: duplicate string for {i}: {s!r}")
    seen[i].add(s)
for f in files:
    if f not in done:
        errs.append(f"{f}: no done line")
ndone = sum(1 for row in lines if '"done"' in row)
if ndone != len(files):
    errs.append(f"{ndone} done lines for {len(files)} files")
for e in errs:
    print("ERROR", e)
nq = sum(1 for row in lines if '"quote"' in row)
nu = sum(1 for row in lines if '"unsure"' in row)
print(f"{len(files)} articles, {nq} claims, {nu} unsure, {len(done)} done, {len(errs)} errors")
sys.exit(1 if errs else 0)
