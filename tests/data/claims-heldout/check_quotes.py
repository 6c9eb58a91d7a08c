"""Check that every quote in gold.jsonl is an exact substring of its article, stays within one
line, crosses no HTML tag or Markdown link, and that every article has exactly one done line."""
import json, os, re, sys
here = os.path.dirname(os.path.abspath(__file__))
arts = sorted(os.listdir(os.path.join(here, "articles")))
done, bad = {}, 0
for n, line in enumerate(open(os.path.join(here, "gold.jsonl"), encoding="utf-8"), 1):
    r = json.loads(line)
    if r.get("done"):
        done[r["id"]] = done.get(r["id"], 0) + 1
        continue
    q = r.get("quote", r.get("unsure"))
    raw = open(os.path.join(here, "articles", r["id"]), encoding="utf-8").read()
    if q not in raw or "\n" in q or re.search(r"[<>]|\]\(", q):
        print(f"line {n}: {r['id']}: bad quote {q!r}"); bad += 1
for a in arts:
    if done.get(a) != 1:
        print(f"{a}: done lines = {done.get(a, 0)}"); bad += 1
print("OK" if not bad else f"{bad} problems")
sys.exit(1 if bad else 0)
