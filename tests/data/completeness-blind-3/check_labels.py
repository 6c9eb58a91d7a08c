"""The labeller's consistency check of labels.yml: keys, criteria, values, quote lengths, and
quoted fragments found in the article text.

usage: python check_labels.py [FOLDER]   (default: this folder; e.g. ../completeness-blind-4)"""

import pathlib
import re
import sys

import yaml

from medlint.criteria import CRITERION_IDS

base = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parent
labels = yaml.safe_load((base / "labels.yml").read_text(encoding="utf-8"))
CRIT = list(CRITERION_IDS)
TYPES = {"news", "treatment", "condition", "hub", "other"}


def norm(s):
    return re.sub(r"\s+", " ", s.replace("*", "").replace("_", " ")).strip().lower()


errs = []
notes = []
nq = 0
files = sorted(p.name for p in (base / "articles").glob("*.md"))
keys = sorted(labels)
if [k.split("/", 1)[1] for k in keys] != files:
    errs.append("keys != article files")
counts = {c: {"s": 0, "n": 0, "na": 0} for c in CRIT}
for k, e in labels.items():
    p = base / k
    if not p.is_file():
        errs.append(f"{k}: no such file")
        continue
    text = norm(p.read_text())
    if e.get("type") not in TYPES:
        errs.append(f"{k}: bad type")
    extra = set(e) - set(CRIT) - {"type"}
    if extra:
        errs.append(f"{k}: extra keys {extra}")
    for c in CRIT:
        v = e.get(c)
        if not (isinstance(v, list) and len(v) == 2):
            errs.append(f"{k} {c}: missing/malformed")
            continue
        lab, q = v
        if lab not in ("s", "n", "na"):
            errs.append(f"{k} {c}: bad value {lab!r}")
            continue
        counts[c][lab] += 1
        if len(q.split()) > 25:
            errs.append(f"{k} {c}: {len(q.split())} words")
        frags = re.findall(r"‘(.*?)’", q)
        if frags:
            for f in frags:
                nq += 1
                if norm(f) not in text:
                    errs.append(f"{k} {c}: fragment not in text: {f}")
        elif q != "news" and norm(q) in text:
            nq += 1
        else:
            notes.append(f"{k.split('/')[1][:3]} {c}: {q}")
print("entries", len(labels), "verbatim fragments checked", nq)
print("--- strings treated as notes (not in text):")
print("\n".join(notes))
print("--- errors:")
print("\n".join(errs) or "none")
print(f"{'criterion':26}{'s':>4}{'n':>4}{'na':>4}")
for c in CRIT:
    print(f"{c:26}{counts[c]['s']:>4}{counts[c]['n']:>4}{counts[c]['na']:>4}")
