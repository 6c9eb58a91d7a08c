"""The long fuzz run: tests/test_fuzz.py's properties on as many generated articles as asked.

    python scripts/fuzz.py                 # 100,000 cases, spread over the four generators
    python scripts/fuzz.py --cases 2000    # a quick look
    python scripts/fuzz.py --seed 7        # another sequence (the default run is reproducible)

Each case is an article (structure-aware Markdown, HTML, plain text, or a mutated fixture)
linted through the API in an empty folder: no exception, exact positions, spans on text,
one-line errors, linear CPU time, nothing written. A failure is shrunk by hypothesis to a
small reproducer, printed, and counted; the run goes on with the next generator. Prints the
figures for the record (cases, failures, CPU time, the slowest case per generator).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=100_000, help="articles in all (default 100,000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--kinds", default="markdown,html,text,mutated")
    parser.add_argument(
        "--hypothesis",
        action="store_true",
        help="draw with hypothesis (shrinks failures; about ten times slower) instead of a seeded random.Random",
    )
    args = parser.parse_args(argv)

    import os

    from test_fuzz import GENERATORS, RandomDraw, check_document, strategy

    from medlint.engine import Linter

    kinds = args.kinds.split(",")
    per_kind = max(1, args.cases // len(kinds))
    linter = Linter()
    linter.lint_text("# Knee pain\n\nThis miracle cure works.\n", path="warm.md")
    failures = 0
    total = 0
    started = time.process_time()
    workdir = Path(tempfile.mkdtemp(prefix="medlint-fuzz-"))
    os.chdir(workdir)
    stats = {kind: {"cases": 0.0, "cpu": 0.0, "slowest": 0.0, "slowest_size": 0.0} for kind in kinds}

    def one(kind: str, doc: tuple[str, str]) -> None:
        spent = check_document(linter, *doc)
        kind_stats = stats[kind]
        kind_stats["cases"] += 1
        kind_stats["cpu"] += spent
        if spent > kind_stats["slowest"]:
            kind_stats["slowest"], kind_stats["slowest_size"] = spent, len(doc[1])

    if args.hypothesis:
        from hypothesis import HealthCheck, given, seed, settings

        def make_case(kind: str) -> Callable[[tuple[str, str]], None]:
            def case(doc: tuple[str, str]) -> None:
                one(kind, doc)

            return case

        for kind in kinds:
            case = make_case(kind)
            run = seed(args.seed)(
                settings(max_examples=per_kind, deadline=None, database=None, suppress_health_check=list(HealthCheck))(
                    given(doc=strategy(kind))(case)
                )
            )
            try:
                run()
            except Exception:
                failures += 1
                print(f"[{kind}] FAILED:", file=sys.stderr)
                traceback.print_exc()
    else:
        # Round robin over the generators, so that a run cut short has tried them all.
        draws = {kind: RandomDraw(random.Random(f"{args.seed}-{kind}")) for kind in kinds}
        for i in range(per_kind * len(kinds)):
            kind = kinds[i % len(kinds)]
            doc = GENERATORS[kind](draws[kind])
            try:
                one(kind, doc)
            except Exception:
                failures += 1
                print(f"[{kind} #{i}] FAILED on {doc!r}:", file=sys.stderr)
                traceback.print_exc()
            if (i + 1) % 2000 == 0:
                print(f"  {i + 1:,} cases, {failures} failures, {time.process_time() - started:.0f} s CPU", flush=True)
    written = list(workdir.iterdir())
    if written:
        failures += 1
        print(f"FAILED: files written: {written}", file=sys.stderr)
    for kind in kinds:
        kind_stats = stats[kind]
        total += int(kind_stats["cases"])
        print(
            f"{kind:9} {int(kind_stats['cases']):7,} cases  {kind_stats['cpu']:8.1f} s CPU in lint  "
            f"slowest {kind_stats['slowest']:.2f} s ({int(kind_stats['slowest_size']):,} chars)",
            flush=True,
        )
    cpu = time.process_time() - started
    print(f"total     {total:7,} cases, {failures} failures, {cpu:.0f} s CPU, seed {args.seed}")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
