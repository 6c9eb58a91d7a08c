"""Print medlint's cold start, throughput and peak memory. A script, not a timed test.

    python benchmarks/bench.py [--articles 400] [--words 500] [--runs 5] [--corpus DIR]

Cold start is the wall time of `medlint check` on one article in a fresh process, compared
with `python -c "import spacy"` measured the same way in the same run (best of --runs each).
Throughput lints a generated corpus in one process on one core, rules and pipeline built once.
Readability's share is `medlint check DIR` with every rule against the same run without the
readability pack, in alternating pairs so machine load hits both alike (DIR defaults to the
shared corpus beside this checkout; the run is skipped when it is absent).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "examples" / "back-injections-draft.md"
CORPUS = ROOT.parent / "shared" / "corpus"

_WORDS = (
    "back pain often gets better on its own within a few weeks and keeping active helps many people "
    "your doctor may suggest physiotherapy exercises or painkillers such as ibuprofen if the pain "
    "lasts longer than six weeks steroid injections can reduce swelling around a nerve for some people "
    "the effect usually wears off after a few months and side effects include infection and bleeding"
).split()
_HYPE = [
    "This miracle treatment will change your life forever.",
    "Studies show it works for everyone.",
    "Many patients find dramatic improvement after just one session.",
]


def best_of(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return min(times)


def readability_share(corpus: Path, runs: int) -> None:
    check = [sys.executable, "-m", "medlint", "check", str(corpus), "--format", "json"]
    without, full = [], []
    for _ in range(runs):
        without.append(best_of([*check, "--ignore", "readability"], 1))
        full.append(best_of(check, 1))
    ratios = sorted(f / w for w, f in zip(without, full, strict=True))
    print(
        f"readability on {corpus}: without {statistics.median(without):.2f} s, "
        f"all rules {statistics.median(full):.2f} s (medians of {runs} pairs); readability adds "
        f"{statistics.median(ratios) - 1:+.0%} (pairs {ratios[0] - 1:+.0%} to {ratios[-1] - 1:+.0%}; "
        "target <= +30%)"
    )


def make_article(rng: random.Random, words: int) -> str:
    """An article of `words` words (the hype sentences count too) in a dozen paragraphs."""
    paragraphs, count = [], 0
    while count < words:
        n = min(rng.randint(40, 90), words - count)
        sentence_words = [rng.choice(_WORDS) for _ in range(n)]
        text = ""
        for i in range(0, n, rng.randint(10, 20)):
            chunk = " ".join(sentence_words[i : i + 15])
            text += chunk[:1].upper() + chunk[1:] + ". "
        if rng.random() < 0.3 and count + n + 10 <= words:
            hype = rng.choice(_HYPE)
            text += hype
            n += len(hype.split())
        paragraphs.append(text.strip())
        count += n
        if rng.random() < 0.3:
            paragraphs.append(f"## Section {len(paragraphs)}")
    return "# A generated article about back pain\n\n" + "\n\n".join(paragraphs) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=400)
    ap.add_argument("--words", type=int, default=500)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    args = ap.parse_args()

    spacy_s = best_of([sys.executable, "-c", "import spacy"], args.runs)
    medlint_s = best_of([sys.executable, "-m", "medlint", "check", str(ARTICLE), "--format", "json"], args.runs)
    print(
        f"cold start: import spacy {spacy_s:.3f} s, medlint check one article {medlint_s:.3f} s, "
        f"ratio {medlint_s / spacy_s:.2f} (target <= 1.30)"
    )

    if args.corpus.is_dir():
        readability_share(args.corpus, args.runs)

    from medlint.engine import Linter

    rng = random.Random(7)
    texts = [make_article(rng, args.words) for _ in range(args.articles)]
    words = sum(len(t.split()) for t in texts)
    linter = Linter()
    linter.lint_text(texts[0])  # build the pipeline outside the timed loop
    start = time.perf_counter()
    findings = 0
    for i, text in enumerate(texts):
        findings += len(linter.lint_text(text, path=f"generated-{i}.md").findings)
    elapsed = time.perf_counter() - start
    print(
        f"throughput: {args.articles} articles, {words} words in {elapsed:.2f} s: "
        f"{args.articles / elapsed:.0f} articles/s, {words / elapsed:,.0f} words/s "
        f"(target >= 100 articles/s of 500 words), {findings} findings"
    )

    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "big.md"
        body = "\n\n".join(texts)
        big.write_text((body * (9_900_000 // len(body) + 1))[:9_900_000])  # just under 10 MB
        size = big.stat().st_size
        start = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-m", "medlint", "check", str(big), "--format", "json"], capture_output=True, text=True
        )
        elapsed = time.perf_counter() - start
        found = len(json.loads(proc.stdout)["findings"]) if proc.stdout.strip() else 0
        print(f"large file: {size / 1e6:.1f} MB -> exit {proc.returncode} in {elapsed:.1f} s ({found} findings)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory: this process {peak:.0f} MB, largest child {child:.0f} MB")


if __name__ == "__main__":
    main()
