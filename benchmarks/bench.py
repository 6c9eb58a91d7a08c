"""medlint's speed and memory, measured honestly. A script, not a timed test.

    python benchmarks/bench.py [--tree DIR ...] [--runs 5] [--corpus DIR] [--sections ...]
                               [--proselint PYTHON] [--json OUT]

Every figure is a median over `--runs` rounds with its spread (min-max). Each round runs every
measurement once, alternating the order of the trees from round to round, so machine load
(other people's jobs on a shared machine) falls on all of them alike. Give `--tree` twice (an
old checkout, then this one) for a before/after comparison in one run; each tree is run with
PYTHONPATH set to it, by this script's interpreter.

Sections (`--sections`, default: throughput coldstart jobs cache):

- throughput: words per CPU second, in one process on one core, every default rule, over the
  whole shared corpus (words: whitespace-separated, of the raw files). The rules and the
  sentence pipeline are built and warmed on the first file outside the timed loop. Also per
  rule pack with `--packs`. With `--proselint PYTHON`, proselint's words per CPU second on the
  same files in the same rounds (an interpreter with proselint installed).
- coldstart: `medlint check ARTICLE --format json` in a fresh process against
  `python -c "import spacy"`, wall time, paired in each round; the ratio is per pair. The
  same ratio in CPU time is printed beside it: on a busy machine, waits for a core inflate
  wall times, and the CPU ratio is the steadier figure.
- jobs: `medlint check CORPUS --jobs 1` against `--jobs 2` (and `--no-cache`), wall and CPU of
  the process tree; the outputs must be byte-identical. Skipped for a tree without `--jobs`.
- cache: `medlint check CORPUS` with an empty cache directory, then again on the unchanged
  tree. Skipped for a tree without `--cache-dir`.
- hostile (opt-in): 10 MB inputs (`--hostile-mb`): a normal article (the corpus repeated), one
  line, nested brackets, a run of one character, front matter of 100,000 keys (one per 100
  bytes). One-off by default (`--hostile-runs`); at 10 MB each takes minutes.

Peak memory is each process's own high-water mark (VmHWM in /proc, Linux), sampled every 20 ms
over the whole process tree: the main process and pool workers. (Not `ru_maxrss` from `wait4`,
unless a process ends before the first sample: Linux carries the forking process's own
high-water mark into the child across exec, so after this script had read a large report every
later command read as using at least as much.) CPU time of
a command is that of its whole process tree (`wait4`).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "examples" / "back-injections-draft.md"
CORPUS = ROOT.parent / "shared" / "corpus"
SUFFIXES = (".md", ".markdown", ".html", ".htm", ".txt")


# -- running and measuring a command ------------------------------------------------------


@dataclass
class Run:
    wall: float
    cpu: float
    peaks: dict[str, float] = field(default_factory=dict)
    """Peak resident memory (MB) per process: "main", then "child 1", "child 2"..."""
    returncode: int = 0
    stdout: bytes = b""
    stderr: bytes = b""


def _descendants(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        try:
            tasks = os.listdir(f"/proc/{p}/task")
        except OSError:
            continue
        for task in tasks:
            try:
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    kids = [int(k) for k in fh.read().split()]
            except OSError:
                continue
            out.extend(kids)
            todo.extend(kids)
    return out


def _hwm_mb(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def measure(
    cmd: list[str], env: dict[str, str] | None = None, stdin: bytes | None = None, cwd: Path | None = None
) -> Run:
    """Wall time, CPU of the process tree, and each process's peak memory."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            cmd,
            stdout=out,
            stderr=err,
            stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
            env=env,
            cwd=cwd,
        )
        if stdin is not None:
            assert proc.stdin is not None
            proc.stdin.write(stdin)
            proc.stdin.close()
        peaks: dict[int, float] = {}
        order: list[int] = []
        status = None
        while status is None:
            for pid in [proc.pid, *_descendants(proc.pid)]:
                hwm = _hwm_mb(pid)
                if hwm is not None:
                    if pid not in peaks:
                        order.append(pid)
                    peaks[pid] = max(peaks.get(pid, 0.0), hwm)
            waited, code, usage = os.wait4(proc.pid, os.WNOHANG)
            if waited:
                status = code
                wall = time.perf_counter() - start
                cpu = usage.ru_utime + usage.ru_stime  # with the children it waited for
                if proc.pid not in peaks:
                    # Gone before the first sample. Only then ru_maxrss: Linux carries a forked
                    # child's high-water mark over from this process (which may have read a large
                    # report) across exec, so it can read far above the command's own peak.
                    order.append(proc.pid)
                    peaks[proc.pid] = usage.ru_maxrss / 1024
                break
            time.sleep(0.02)
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        named = {
            ("main" if pid == proc.pid else f"child {i}"): peaks[pid] for i, pid in enumerate(order) if pid in peaks
        }
        return Run(wall, cpu, named, proc.returncode, out.read(), err.read())


def tree_env(tree: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(tree)
    env.pop("MEDLINT_CACHE_DIR", None)
    return env


def medlint(tree: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "medlint", *args]


def supports(tree: Path, flag: str) -> bool:
    run = subprocess.run(
        [sys.executable, "-m", "medlint", "check", "--help"],
        env=tree_env(tree),
        cwd=tree,
        capture_output=True,
        text=True,
    )
    return flag in run.stdout


# -- figures --------------------------------------------------------------------------------


def spread(values: list[float], fmt: str = "{:.2f}") -> str:
    """Median and range: "1.23 (1.10-1.40, n=5)"."""
    if not values:
        return "-"
    return (
        f"{fmt.format(statistics.median(values))} "
        f"({fmt.format(min(values))}-{fmt.format(max(values))}, n={len(values)})"
    )


def peaks_text(runs: list[Run]) -> str:
    """The largest peak of each process over the runs."""
    out: dict[str, float] = {}
    for run in runs:
        for name, mb in run.peaks.items():
            out[name] = max(out.get(name, 0.0), mb)
    return ", ".join(f"{name} {mb:.0f} MB" for name, mb in out.items())


def rounds(trees: list[Path], r: int) -> list[Path]:
    """The trees in this round's order: reversed every other round."""
    return trees if r % 2 == 0 else trees[::-1]


# -- sections -----------------------------------------------------------------------------

_THROUGHPUT = textwrap.dedent(
    """
    import json, sys, time
    from pathlib import Path
    paths, select = json.loads(sys.argv[1]), json.loads(sys.argv[2])
    texts = [(p, Path(p).read_text(encoding="utf-8")) for p in paths]
    words = sum(len(t.split()) for _, t in texts)
    from medlint.config import Settings
    from medlint.engine import Linter
    linter = Linter(Settings(select=tuple(select)) if select else Settings())
    linter.lint_text(texts[0][1], path=texts[0][0])  # build and warm outside the timed loop
    findings = 0
    start = time.process_time()
    for path, text in texts:
        findings += len(linter.lint_text(text, path=path).findings)
    cpu = time.process_time() - start
    print(json.dumps({"cpu": cpu, "words": words, "files": len(texts), "findings": findings}))
    """
)

_PROSELINT = textwrap.dedent(
    """
    import json, sys, time
    from pathlib import Path
    texts = [Path(p).read_text(encoding="utf-8") for p in json.loads(sys.argv[1])]
    from proselint.tools import LintFile
    from proselint.config import DEFAULT
    from proselint.registry import CheckRegistry
    from proselint.checks import __register__
    CheckRegistry().register_many(__register__)
    LintFile(content=texts[0], source="warm").lint(DEFAULT)
    start = time.process_time()
    found = sum(len(LintFile(content=t, source="x").lint(DEFAULT)) for t in texts)
    cpu = time.process_time() - start
    print(json.dumps({"cpu": cpu, "words": sum(len(t.split()) for t in texts), "findings": found}))
    """
)


def corpus_files(corpus: Path) -> list[Path]:
    return sorted(p for p in corpus.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)


def throughput(trees: list[Path], files: list[Path], runs: int, packs: bool, proselint: str | None) -> dict:
    configs: list[tuple[str, list[str]]] = [("all rules", [])]
    if packs:
        configs += [(pack, [pack]) for pack in ("claims", "completeness", "readability")]
    cpu: dict[tuple[str, str], list[float]] = {}
    words = 0
    prose_cpu: list[float] = []
    for r in range(runs):
        for tree in rounds(trees, r):
            for name, select in configs:
                run = subprocess.run(
                    [sys.executable, "-c", _THROUGHPUT, json.dumps([str(f) for f in files]), json.dumps(select)],
                    env=tree_env(tree),
                    cwd=tree,
                    capture_output=True,
                    text=True,
                    check=True,
                )
                data = json.loads(run.stdout)
                words = data["words"]
                cpu.setdefault((str(tree), name), []).append(data["cpu"])
        if proselint:
            run = subprocess.run(
                [proselint, "-c", _PROSELINT, json.dumps([str(f) for f in files])],
                capture_output=True,
                text=True,
                check=True,
            )
            prose_cpu.append(json.loads(run.stdout)["cpu"])
    print(f"throughput: {len(files)} files, {words:,} words, CPU of one process, {runs} rounds")
    out: dict = {"files": len(files), "words": words, "results": {}}
    for (tree, name), values in cpu.items():
        rates = [words / v for v in values]
        print(f"  {tree} [{name}]: {spread(rates, '{:,.0f}')} words/s; CPU {spread(values)} s")
        out["results"][f"{tree} [{name}]"] = {"cpu": values, "words_per_s": rates}
    if prose_cpu:
        rates = [words / v for v in prose_cpu]
        print(f"  proselint: {spread(rates, '{:,.0f}')} words/s; CPU {spread(prose_cpu)} s")
        out["proselint"] = {"cpu": prose_cpu, "words_per_s": rates}
    return out


def coldstart(trees: list[Path], runs: int) -> dict:
    spacy_runs: list[Run] = []
    by_tree: dict[str, list[Run]] = {str(t): [] for t in trees}
    ratios: dict[str, list[float]] = {str(t): [] for t in trees}
    cpu_ratios: dict[str, list[float]] = {str(t): [] for t in trees}
    for r in range(runs):
        spacy = measure([sys.executable, "-c", "import spacy"])
        spacy_runs.append(spacy)
        for tree in rounds(trees, r):
            run = measure(
                medlint(tree, "check", str(ARTICLE), "--format", "json", "--no-cache")
                if supports_cache.get(str(tree))
                else medlint(tree, "check", str(ARTICLE), "--format", "json"),
                env=tree_env(tree),
                cwd=tree,
            )
            by_tree[str(tree)].append(run)
            ratios[str(tree)].append(run.wall / spacy.wall)
            cpu_ratios[str(tree)].append(run.cpu / spacy.cpu)
    print(f"cold start, one article, wall ({runs} paired rounds):")
    print(
        f"  import spacy: {spread([r.wall for r in spacy_runs], '{:.3f}')} s, "
        f"CPU {spread([r.cpu for r in spacy_runs], '{:.3f}')} s"
    )
    out: dict = {
        "import_spacy": [r.wall for r in spacy_runs],
        "import_spacy_cpu": [r.cpu for r in spacy_runs],
        "results": {},
    }
    for tree, tree_runs in by_tree.items():
        print(
            f"  {tree}: {spread([r.wall for r in tree_runs], '{:.3f}')} s, "
            f"CPU {spread([r.cpu for r in tree_runs], '{:.3f}')} s; "
            f"/ import spacy {spread(ratios[tree])} (target <= 1.2), in CPU {spread(cpu_ratios[tree])}; "
            f"peaks: {peaks_text(tree_runs)}"
        )
        out["results"][tree] = {
            "wall": [r.wall for r in tree_runs],
            "cpu": [r.cpu for r in tree_runs],
            "ratio": ratios[tree],
            "cpu_ratio": cpu_ratios[tree],
        }
    return out


supports_cache: dict[str, bool] = {}


def jobs(trees: list[Path], corpus: Path, runs: int) -> dict:
    out: dict = {}
    for tree in trees:
        if not supports(tree, "--jobs"):
            print(f"jobs: {tree} has no --jobs; skipped")
            continue
        base = medlint(tree, "check", str(corpus), "--format", "json", "--no-cache")
        one: list[Run] = []
        two: list[Run] = []
        for r in range(runs):
            pair = [("1", one), ("2", two)] if r % 2 == 0 else [("2", two), ("1", one)]
            for n, into in pair:
                into.append(measure([*base, "--jobs", n], env=tree_env(tree), cwd=tree))
        same = all(run.stdout == one[0].stdout for run in (*one, *two))
        speedups = [a.wall / b.wall for a, b in zip(one, two, strict=True)]
        print(f"jobs on {corpus} ({tree}, {runs} paired rounds; load {os.getloadavg()[0]:.2f}):")
        print(f"  --jobs 1: wall {spread([r.wall for r in one])} s, CPU {spread([r.cpu for r in one])} s")
        print(f"  --jobs 2: wall {spread([r.wall for r in two])} s, CPU {spread([r.cpu for r in two])} s")
        print(f"  speed-up (wall, per pair): {spread(speedups)} (target >= 1.7); identical output: {same}")
        print(f"  peaks --jobs 1: {peaks_text(one)}; --jobs 2: {peaks_text(two)}")
        out[str(tree)] = {
            "one_wall": [r.wall for r in one],
            "two_wall": [r.wall for r in two],
            "one_cpu": [r.cpu for r in one],
            "two_cpu": [r.cpu for r in two],
            "identical": same,
        }
    return out


def cache(trees: list[Path], corpus: Path, runs: int) -> dict:
    out: dict = {}
    for tree in trees:
        if not supports(tree, "--cache-dir"):
            print(f"cache: {tree} has no --cache-dir; skipped")
            continue
        first: list[Run] = []
        second: list[Run] = []
        for _ in range(runs):
            with tempfile.TemporaryDirectory() as tmp:
                cmd = medlint(tree, "check", str(corpus), "--format", "json", "--cache-dir", tmp)
                first.append(measure(cmd, env=tree_env(tree), cwd=tree))
                second.append(measure(cmd, env=tree_env(tree), cwd=tree))
        same = all(run.stdout == first[0].stdout for run in (*first, *second))
        ratios = [a.wall / b.wall for a, b in zip(first, second, strict=True)]
        print(f"cache on {corpus} ({tree}, {runs} rounds):")
        print(f"  first run: wall {spread([r.wall for r in first])} s, CPU {spread([r.cpu for r in first])} s")
        print(f"  unchanged: wall {spread([r.wall for r in second])} s, CPU {spread([r.cpu for r in second])} s")
        print(f"  second run faster by (wall): {spread(ratios)} (target >= 20); identical output: {same}")
        print(f"  peaks first: {peaks_text(first)}; second: {peaks_text(second)}")
        out[str(tree)] = {
            "first_wall": [r.wall for r in first],
            "second_wall": [r.wall for r in second],
            "first_cpu": [r.cpu for r in first],
            "second_cpu": [r.cpu for r in second],
            "identical": same,
        }
    return out


def hostile_inputs(corpus: Path, folder: Path, size: int = 10_000_000) -> dict[str, Path]:
    """The 10 MB inputs, written to `folder` (generated at run time, never kept)."""
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in corpus_files(corpus) if p.suffix == ".md")
    normal = (text * (size // len(text) + 1))[:size]
    one_line = " ".join(normal.split())[:size]
    half = size // 2
    keys = "\n".join(f"key{i}: value {i}" for i in range(size // 100))  # 100,000 keys for 10 MB
    inputs = {
        "normal article": normal,
        "one line": one_line,
        "nested brackets": "[" * half + "]" * half,
        "one character": "a" * size,
        f"front matter {size // 100:,} keys": f"---\n{keys}\n---\n\n# Title\n\nA short body.\n",
    }
    paths = {}
    for name, body in inputs.items():
        path = folder / (name.replace(" ", "-") + ".md")
        path.write_text(body, encoding="utf-8")
        paths[name] = path
    return paths


def hostile(trees: list[Path], corpus: Path, runs: int, megabytes: float = 10.0) -> dict:
    out: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        inputs = hostile_inputs(corpus, Path(tmp), int(megabytes * 1_000_000))
        print(f"hostile input ({runs} round(s); CPU of the process tree; budget: 3x the normal article, 150 MB)")
        for name, path in inputs.items():
            for r in range(runs):
                for tree in rounds(trees, r):
                    flags = ["--no-cache"] if supports_cache.get(str(tree)) else []
                    run = measure(
                        medlint(tree, "check", str(path), "--format", "json", *flags), env=tree_env(tree), cwd=tree
                    )
                    first_error = next((ln for ln in run.stderr.decode(errors="replace").splitlines() if ln), "")
                    try:
                        errors = json.loads(run.stdout).get("errors", [])
                        note = errors[0]["message"][:90] if errors else "linted"
                    except (ValueError, AttributeError, KeyError, IndexError):
                        note = first_error[:90]
                    print(
                        f"  {name} ({path.stat().st_size / 1e6:.1f} MB) {tree}: wall {run.wall:.1f} s, "
                        f"CPU {run.cpu:.1f} s, exit {run.returncode}; peaks: {peaks_text([run])}; {note}"
                    )
                    out.setdefault(f"{tree} [{name}]", []).append(
                        {"wall": run.wall, "cpu": run.cpu, "peaks": run.peaks, "exit": run.returncode, "note": note}
                    )
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tree", type=Path, action="append", help="a medlint checkout (default: this one)")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--sections", nargs="+", default=["throughput", "coldstart", "jobs", "cache"], help="also: hostile")
    ap.add_argument("--packs", action="store_true", help="throughput per rule pack too")
    ap.add_argument("--proselint", metavar="PYTHON", help="an interpreter with proselint, for its words/s")
    ap.add_argument("--hostile-runs", type=int, default=1)
    ap.add_argument("--hostile-mb", type=float, default=10.0, help="size of the hostile inputs (the bar is at 10)")
    ap.add_argument("--json", type=Path, help="write every measurement here")
    args = ap.parse_args()
    trees = [t.resolve() for t in (args.tree or [ROOT])]
    if not args.corpus.is_dir():
        sys.exit(f"no corpus at {args.corpus} (--corpus DIR)")
    files = corpus_files(args.corpus)
    for tree in trees:
        supports_cache[str(tree)] = supports(tree, "--no-cache")
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load {os.getloadavg()} at start")
    results: dict = {"trees": [str(t) for t in trees], "load_start": os.getloadavg()}
    if "throughput" in args.sections:
        results["throughput"] = throughput(trees, files, args.runs, args.packs, args.proselint)
    if "coldstart" in args.sections:
        results["coldstart"] = coldstart(trees, args.runs)
    if "jobs" in args.sections:
        results["jobs"] = jobs(trees, args.corpus, args.runs)
    if "cache" in args.sections:
        results["cache"] = cache(trees, args.corpus, args.runs)
    if "hostile" in args.sections:
        results["hostile"] = hostile(trees, args.corpus, args.hostile_runs, args.hostile_mb)
    results["load_end"] = os.getloadavg()
    print(f"load at end {os.getloadavg()}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
