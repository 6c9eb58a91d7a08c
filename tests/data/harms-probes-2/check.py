"""Check probes.jsonl: valid JSON per line, 120 unique ids h201..h320, 60/60 labels, no empty fields."""

import json
import sys
from collections import Counter
from pathlib import Path

FIELDS = ("id", "title", "text", "label", "why")
path = Path(__file__).with_name("probes.jsonl")
errors, ids, labels, texts = [], [], Counter(), Counter()
for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as e:
        errors.append(f"line {n}: bad JSON ({e})")
        continue
    if set(rec) != set(FIELDS):
        errors.append(f"line {n}: fields {sorted(rec)}")
    for k in FIELDS:
        if not str(rec.get(k, "")).strip():
            errors.append(f"line {n}: empty {k}")
    if rec.get("label") not in ("yes", "no"):
        errors.append(f"line {n}: label {rec.get('label')!r}")
    ids.append(rec.get("id"))
    labels[rec.get("label")] += 1
    texts[rec.get("text")] += 1
if len(ids) != 120:
    errors.append(f"{len(ids)} lines, expected 120")
if len(set(ids)) != len(ids):
    errors.append("duplicate ids")
if set(ids) != {f"h{i}" for i in range(201, 321)}:
    errors.append("ids are not exactly h201..h320")
if labels != Counter(yes=60, no=60):
    errors.append(f"labels {dict(labels)}")
if any(c > 1 for c in texts.values()):
    errors.append("duplicate texts")
print(f"{len(ids)} probes, {len(set(ids))} unique ids, labels {dict(labels)}")
if errors:
    print("\n".join(errors))
    sys.exit(1)
print("OK")
