#!/usr/bin/env python3
"""Score medlint's claims findings against gold claim sentences (GUIDE: ../shared/claims-dev/GUIDE.md).

    python scripts/claims_score.py --articles DIR --gold FILE [FILE...] [--show-missed] [--show-false]

The same definitions as ../shared/eval/claims_score.py: a gold claim is the sentence around its
quote; recall counts gold claims that a claims-pack span finding overlaps; precision counts
findings (in annotated articles) that overlap a gold claim. Here article ids may be paths
relative to --articles ("promotional/x.md"), and --careful names the ids whose findings count as
noise per 1,000 words (default: ids of articles with no gold claims under a "careful" folder,
or listed as careful in a MANIFEST.tsv beside the gold file).

Runs the installed `medlint` in-process through the API, so it needs no shell quoting.
"""

from __future__ import annotations

import argparse
import collections
import csv
import json
import re
from pathlib import Path

from medlint import api


def sentence_region(text: str, start: int, end: int) -> tuple[int, int]:
    s = start
    while s > 0 and text[s - 1] not in "\n\r>" and not (text[s - 1].isspace() and s >= 2 and text[s - 2] in ".!?"):
        s -= 1
    e = end
    while (
        e < len(text)
        and text[e] not in "\n\r<"
        and not (text[e] in ".!?" and (e + 1 == len(text) or text[e + 1].isspace()))
    ):
        e += 1
    return s, min(len(text), e + 1)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", required=True)
    ap.add_argument("--gold", nargs="+", required=True)
    ap.add_argument("--show-missed", action="store_true")
    ap.add_argument("--show-false", action="store_true")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    arts = Path(a.articles)
    careful: set[str] = set()
    for g in a.gold:
        manifest = Path(g).parent / "MANIFEST.tsv"
        if manifest.exists():
            with manifest.open(encoding="utf-8") as fh:
                careful |= {r["file"] for r in csv.DictReader(fh, delimiter="\t") if r.get("kind") == "careful"}
    claims: dict[str, list[tuple[int, int, str]]] = collections.defaultdict(list)
    done: set[str] = set()
    texts: dict[str, str] = {}
    missing = 0
    for g in a.gold:
        for line in Path(g).read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            o = json.loads(line)
            ident = o["id"]
            if ident not in texts:
                texts[ident] = (arts / ident).read_text(encoding="utf-8")
            if o.get("done"):
                done.add(ident)
            elif "quote" in o:
                t = texts[ident]
                i = t.find(o["quote"])
                if i < 0:
                    missing += 1
                    continue
                s, e = sentence_region(t, i, i + len(o["quote"]))
                if all((s, e) != (x[0], x[1]) for x in claims[ident]):
                    claims[ident].append((s, e, o.get("category", "?")))
    ids = sorted(done)
    careful |= {i for i in ids if "careful" in Path(i).parts and not claims.get(i)}
    report = api.lint_paths([arts / i for i in ids], config={"select": ["claims"]})
    by_path = {str(arts / i): i for i in ids}
    found: dict[str, list[tuple[int, int, str, str]]] = collections.defaultdict(list)
    words: dict[str, int] = {}
    for fr in report.files:
        words[by_path.get(fr.path, fr.path)] = fr.words
    for f in report.findings:
        if f.scope == "document":
            continue
        ident = by_path.get(f.path, f.path)
        found[ident].append((f.start_offset, f.end_offset, f.code, f.match or ""))
    gold = caught = nf = tp = 0
    cat: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
    noise = [0, 0]
    missed, false = [], []
    for i in ids:
        G, F = claims.get(i, []), found.get(i, [])
        for r in G:
            h = any(r[0] < f[1] and f[0] < r[1] for f in F)
            gold += 1
            caught += h
            cat[r[2]][0] += 1
            cat[r[2]][1] += h
            if not h:
                missed.append((i, r[2], texts[i][r[0] : r[1]].strip()))
        for f in F:
            ok = any(f[0] < r[1] and r[0] < f[1] for r in G)
            nf += 1
            tp += ok
            if not ok:
                false.append((i, f[2], f[3]))
        if i in careful:
            noise[0] += len(F)
            noise[1] += words.get(i, 0)
    R = caught / gold if gold else 0.0
    P = tp / nf if nf else 0.0
    res = {
        "articles": len(ids),
        "gold_claims": gold,
        "caught": caught,
        "recall": round(R, 3),
        "findings": nf,
        "precision": round(P, 3),
        "f1": round(2 * P * R / (P + R), 3) if P + R else 0.0,
        "careful_findings_per_1k": round(1000 * noise[0] / noise[1], 2) if noise[1] else None,
        "quotes_not_found": missing,
        "recall_by_category": {c: f"{h}/{n}" for c, (n, h) in sorted(cat.items(), key=lambda kv: -kv[1][0])},
    }
    if a.json:
        print(json.dumps(res, indent=1))
        return
    print(
        f"{len(ids)} articles, {gold} gold claims: recall {res['recall']} ({caught}), precision {res['precision']} "
        f"({tp}/{nf}), F1 {res['f1']}; careful {res['careful_findings_per_1k']} claims findings/1k words"
    )
    print("recall by category: " + ", ".join(f"{c} {v}" for c, v in res["recall_by_category"].items()))
    if missing:
        print(f"{missing} gold quotes not found in their files")
    if a.show_missed:
        print("\nmissed:")
        for i, c, t in missed:
            flat = re.sub(r"\s+", " ", t)
            print(f"  {i} [{c}] {flat[:160]}")
    if a.show_false:
        print("\nfindings outside gold claims:")
        for i, c, m in false:
            print(f"  {i} {c} {m!r}")


if __name__ == "__main__":
    main()
