"""`medlint check | claims | rules | explain | baseline`. Exit codes: 0 clean, 1 findings, 2 errors."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from medlint.findings import Report, Severity
from medlint.version import __version__

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _codes(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split(",") if v.strip())


def _jobs(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"expected a number of processes, 1 or more, got {value!r}")
    return n


def _add_run_options(parser: argparse.ArgumentParser) -> None:
    """How a run spreads its work and what it remembers: the same for check, claims, baseline."""
    parser.add_argument(
        "-j",
        "--jobs",
        type=_jobs,
        metavar="N",
        help="lint files in N processes (default: the cores available); the output does not change",
    )
    parser.add_argument(
        "--no-cache", action="store_true", help="lint every file again instead of reusing unchanged files' results"
    )
    parser.add_argument(
        "--cache-dir",
        metavar="DIR",
        help="keep the results cache here (default: $MEDLINT_CACHE_DIR, else the user cache folder)",
    )


def _criteria(value: str) -> tuple[str, ...]:
    from medlint.criteria import parse_criteria

    try:
        return parse_criteria(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _score(value: str) -> float:
    try:
        score = float(value)
    except ValueError:
        score = -1.0
    if not 0 <= score <= 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number from 0 to 1")
    return score


def build_parser() -> argparse.ArgumentParser:
    from medlint.config import AUDIENCES
    from medlint.parse import FORMATS as INPUT_FORMATS
    from medlint.report import FORMATS

    parser = argparse.ArgumentParser(prog="medlint", description="A content-quality linter for health writing.")
    parser.add_argument("--version", action="version", version=f"medlint {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    check = sub.add_parser("check", help="lint files and directories")
    check.add_argument("paths", nargs="*", default=["."], help="files, directories, or - for stdin")
    check.add_argument("--format", choices=FORMATS, default="text")
    check.add_argument("-o", "--output", help="write the report to this file instead of stdout")
    check.add_argument("--select", type=_codes, help="comma-separated codes, prefixes, packs or names")
    check.add_argument("--extend-select", type=_codes)
    check.add_argument("--ignore", type=_codes)
    check.add_argument("--fail-level", choices=[s.label for s in sorted(Severity, reverse=True)])
    check.add_argument(
        "--fail-criteria", type=_criteria, metavar="IDS", help="scorecard criteria (or 'all') that fail when not met"
    )
    check.add_argument("--min-score", type=_score, metavar="FRACTION", help="fail below this scorecard score (0-1)")
    check.add_argument("--audience", choices=AUDIENCES)
    check.add_argument("--config", help="use this config file instead of searching for one")
    check.add_argument("--stdin-filename", help="path to report (and pick the format from) for - input")
    check.add_argument(
        "--format-input",
        dest="input_format",
        choices=INPUT_FORMATS,
        help="parse every input as this format instead of by extension",
    )
    check.add_argument(
        "-v", "--verbose", action="store_true", help="say on stderr which files were left out of a folder walk, and why"
    )
    check.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    check.add_argument("--no-source", action="store_true", help="text format: omit source lines and carets")
    check.add_argument("--statistics", action="store_true", help="print counts per rule instead of findings")
    check.add_argument("--explain-type", action="store_true", help="print each file's article type and why")
    check.add_argument("--diff-base", metavar="REF", help="only report findings on lines changed since REF")
    check.add_argument("--baseline", metavar="FILE", help="only report findings not in this baseline")
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    check.add_argument("--watch", action="store_true", help="lint again each file that changes, until Ctrl-C")
    check.add_argument("--fix", action="store_true", help="apply safe fixes to the files, then report what is left")
    check.add_argument("--unsafe-fixes", action="store_true", help="with --fix or --diff: apply unsafe fixes too")
    check.add_argument(
        "--diff", action="store_true", help="print the fixes as a unified diff instead of a report; write nothing"
    )
    check.add_argument(
        "--force-exclude",
        action="store_true",
        default=None,
        help="apply exclude patterns to files named on the command line too (pre-commit)",
    )
    _add_run_options(check)

    claims = sub.add_parser("claims", help="list every health claim with its support and verdict (the claims register)")
    claims.add_argument("paths", nargs="*", default=["."], help="files, directories, or - for stdin")
    claims.add_argument("--format", choices=("text", "json"), default="text")
    claims.add_argument(
        "--all", action="store_true", help="include claims that are not asserted (negated, questioned, refuted)"
    )
    claims.add_argument("-o", "--output", help="write the register to this file instead of stdout")
    claims.add_argument("--config", help="use this config file instead of searching for one")
    claims.add_argument("--stdin-filename", help="path to report (and pick the format from) for - input")
    claims.add_argument(
        "--format-input",
        dest="input_format",
        choices=INPUT_FORMATS,
        help="parse every input as this format instead of by extension",
    )
    claims.add_argument(
        "-v", "--verbose", action="store_true", help="say on stderr which files were left out of a folder walk, and why"
    )
    claims.add_argument(
        "--force-exclude",
        action="store_true",
        default=None,
        help="apply exclude patterns to files named on the command line too",
    )
    _add_run_options(claims)

    rules = sub.add_parser("rules", help="list the rules")
    rules.add_argument("--format", choices=("text", "json"), default="text")
    rules.add_argument("--all", action="store_true", help="include rules that are off by default")
    rules.add_argument("--config", help="list this configuration's rule packs too (default: the nearest one)")

    explain = sub.add_parser("explain", help="show a rule's documentation")
    explain.add_argument("rule", help="code, name or alias")
    explain.add_argument("--config", help="find the rule in this configuration's rule packs too")

    sub.add_parser("score", add_help=False, help="each article's verdict on every review criterion, with evidence")
    sub.add_parser("scorecard", add_help=False, help="the same as score")
    sub.add_parser("server", help="run the language server (LSP over stdio) for editors")

    baseline = sub.add_parser("baseline", help="record today's findings so later runs report only new ones")
    baseline.add_argument("paths", nargs="*", default=["."])
    baseline.add_argument("-o", "--output", default=".medlint-baseline.json")
    baseline.add_argument("--config")
    baseline.add_argument(
        "-v", "--verbose", action="store_true", help="say on stderr which files were left out of a folder walk, and why"
    )
    _add_run_options(baseline)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    if words[:1] in (["score"], ["scorecard"]):  # its own options: medlint/scorecard.py
        from medlint.scorecard import main as score

        return score(words[1:], prog=f"medlint {words[0]}")
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return EXIT_ERROR if exc.code not in (0, None) else EXIT_CLEAN
    try:
        if args.command == "check":
            return _check(args)
        if args.command == "claims":
            return _claims(args)
        if args.command == "rules":
            return _rules(args)
        if args.command == "explain":
            return _explain(args)
        if args.command == "server":
            return _server()
        return _baseline(args)
    except BrokenPipeError:
        return EXIT_CLEAN
    except Exception as exc:
        from medlint.config import ConfigError
        from medlint.registry.rules import RulePackError
        from medlint.session import OutputError

        if not isinstance(exc, (ConfigError, RulePackError, OutputError)):
            raise
        # A broken configuration: once, exit 2; broken rule packs: each problem on its line.
        sys.stderr.write("".join(f"medlint: error: {line}\n" for line in str(exc).splitlines()))
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130


def _options(args: argparse.Namespace, output: Output, **extra: Any) -> Any:
    """The frozen options of this run, from the parsed arguments (which are not changed)."""
    from medlint.session import RunOptions

    return RunOptions(
        paths=tuple(args.paths),
        config=getattr(args, "config", None),
        select=getattr(args, "select", None),
        extend_select=getattr(args, "extend_select", None),
        ignore=getattr(args, "ignore", None),
        fail_level=Severity.parse(args.fail_level) if getattr(args, "fail_level", None) else None,
        audience=getattr(args, "audience", None),
        force_exclude=bool(getattr(args, "force_exclude", None)),
        input_format=getattr(args, "input_format", None),
        stdin_filename=getattr(args, "stdin_filename", None),
        claims=args.command == "claims",
        skip=output.skip,
        jobs=getattr(args, "jobs", None),
        cache=not getattr(args, "no_cache", False),
        cache_dir=getattr(args, "cache_dir", None),
        fail_criteria=getattr(args, "fail_criteria", None),
        min_score=getattr(args, "min_score", None),
        **extra,
    )


def _check(args: argparse.Namespace) -> int:
    from medlint.session import run

    output = _plan_output(args)
    if args.watch:
        return _watch(args, output)
    options = _options(
        args,
        output,
        fix=args.fix,
        diff=args.diff,
        unsafe_fixes=args.unsafe_fixes,
        diff_base=args.diff_base,
        baseline=args.baseline,
    )
    report = run(options)
    _tell_skipped(report, args)
    if args.diff:
        sys.stdout.write("".join(report.diffs.values()))
        n, files = report.fixed, len(report.diffs)
        sys.stderr.write(f"medlint: would fix {n} finding{'s' * (n != 1)} in {files} file{'s' * (files != 1)}\n")
        return EXIT_ERROR if report.errors else (EXIT_FINDINGS if report.diffs else EXIT_CLEAN)
    _write(_render(report, args, output), output.path)
    for why in report.criteria_failures:
        sys.stderr.write(f"{why}\n")
    if report.errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if report.failed and not args.exit_zero else EXIT_CLEAN


def _watch(args: argparse.Namespace, output: Output) -> int:
    """Lint, then poll: lint again each file whose size or modification time changed (every
    file when a configuration file changed), until Ctrl-C. New files are picked up."""
    import time

    from medlint.config import find_config_file
    from medlint.session import Session, run

    interval = float(os.environ.get("MEDLINT_WATCH_INTERVAL", "0.5"))
    options = _options(args, output)
    paths = [p for p in args.paths if p != "-"]
    session = Session.for_options(options)

    def stamp(path: Path | None) -> tuple[int, int] | None:
        try:
            st = path.stat() if path is not None else None
        except OSError:
            return None
        return (st.st_mtime_ns, st.st_size) if st is not None else None

    def snapshot() -> tuple[dict[str, tuple[int, int] | None], dict[str, tuple[int, int] | None]]:
        files, _ = session.expand(paths)
        configs = {find_config_file(Path(p).absolute()) for p in [*paths, *map(str, files)]}
        return ({str(f): stamp(f) for f in files}, {str(c): stamp(c) for c in configs if c is not None})

    report = run(options)
    _write(_render(report, args, output), output.path)
    files, configs = snapshot()
    sys.stderr.write("medlint: watching for changes (Ctrl-C to stop)\n")
    sys.stderr.flush()
    while True:
        time.sleep(interval)
        new_files, new_configs = snapshot()
        if new_configs != configs:
            session = Session.for_options(options)  # read the configuration again
            changed = list(new_files)
        else:
            changed = [f for f, s in new_files.items() if files.get(f) != s]
        files, configs = new_files, new_configs
        if not changed:
            continue
        report = session.lint(changed)
        n = len(changed)
        sys.stdout.write(f"[{time.strftime('%H:%M:%S')}] {n} changed file{'s' * (n != 1)}\n")
        _write(_render(report, args, output), output.path)


def _claims(args: argparse.Namespace) -> int:
    """The claims register: a report, so 0 whatever the claims; 2 on input or config errors."""
    from medlint.report.claims import render_json, render_text
    from medlint.session import run

    output = _plan_output(args)
    report = run(_options(args, output))
    _tell_skipped(report, args)
    if args.format == "json":
        out = render_json(report, args.all, pretty=output.path is None and sys.stdout.isatty())
    else:
        out = render_text(report, args.all)
    _write(out, output.path)
    return EXIT_ERROR if report.errors else EXIT_CLEAN


def _tell_skipped(report: Report, args: argparse.Namespace) -> None:
    """--verbose: every file or folder a walk left out, with why, then the counts (stderr)."""
    if not getattr(args, "verbose", False):
        return
    lines = [f"medlint: skipped {_shown(path)}: {why}\n" for path, why in report.skipped]
    n, m, e = len(report.files), len(report.skipped), len({err.path for err in report.errors})
    lines.append(
        f"medlint: {n} file{'s' * (n != 1)} linted, {m} path{'s' * (m != 1)} skipped, "
        f"{e} with errors (listed with the report)\n"
    )
    sys.stderr.write("".join(lines))


def _render(report: Report, args: argparse.Namespace, output: Output) -> Iterable[str]:
    """The report in the chosen format, in pieces to write one after another (see `_write`)."""
    from medlint.report import render_chunks

    if args.statistics:
        from medlint.report.statistics import render as stats

        return [stats(report)]
    color = _use_color(args.color, output.path is None and sys.stdout.isatty())
    pretty = output.path is None and sys.stdout.isatty()
    out = render_chunks(report, args.format, color=color, show_source=not args.no_source, pretty=pretty)
    if args.explain_type and args.format == "text":
        lines = [f"{f.path}: type {f.doc_type} ({f.doc_type_reason})" for f in report.files]
        return ["\n".join(lines) + "\n", *out]
    return out


def _use_color(flag: str, tty: bool) -> bool:
    """--color always/never decide; on auto, FORCE_COLOR (set, not "0") turns colour on,
    NO_COLOR (set, not empty) turns it off, otherwise colour only on a terminal."""
    if flag != "auto":
        return flag == "always"
    force = os.environ.get("FORCE_COLOR")
    if force is not None and force != "0":
        return True
    if os.environ.get("NO_COLOR"):
        return False
    return tty


@dataclass(frozen=True)
class Output:
    """Where the report goes (None: standard output) and what a folder walk must not lint."""

    path: str | None
    skip: frozenset[Path] = frozenset()


def _plan_output(args: argparse.Namespace) -> Output:
    """Refuse an `-o` that would replace any input, before anything runs: the same file by
    device and inode (hard links, symbolic links, `--stdin-filename`), or any article under a
    linted folder. Only a previous medlint HTML report there (it starts with the report's own
    first bytes) is rewritten, and it is not linted."""
    from medlint.parse import EXTENSIONS
    from medlint.session import OutputError

    output = getattr(args, "output", None)
    if output == "-" and args.command in ("check", "claims"):
        return Output(None)  # the usual spelling of stdout
    if not output:
        return Output(None)
    target = Path(output)
    planned = Output(output, frozenset({target.resolve()}))
    try:
        info = target.stat()
    except (OSError, ValueError):
        return planned  # nothing there yet (or nothing that can be read): nothing to replace
    key = (info.st_dev, info.st_ino)
    shown = _shown(output)
    named = [Path(p) for p in args.paths if p != "-"]
    stdin_name = getattr(args, "stdin_filename", None)
    if "-" in args.paths and stdin_name:
        named.append(Path(stdin_name))
    for path in named:
        if _file_key(path) == key:
            raise OutputError(f"-o {shown} is {_shown(str(path))}, one of the files to lint; nothing written")
    from medlint.report.html import is_report  # only here: a cold start need not import the HTML report

    for folder in (p for p in named if p.is_dir()):
        articles = {*EXTENSIONS, *_configured_extensions(folder)}
        for found in _files_under(folder):
            if found.suffix.lower() in articles and _file_key(found) == key and not is_report(target):
                raise OutputError(
                    f"-o {shown} is {_shown(str(found))}, a file in the folder being linted; nothing written"
                )
    return planned


def _configured_extensions(folder: Path) -> tuple[str, ...]:
    """The `extensions` the configuration above `folder` adds (none if it cannot be read: the
    lint reports that)."""
    from medlint.config import ConfigError, find_config_file, load_config_file

    try:
        found = find_config_file(folder / "_")
        return tuple(load_config_file(found).extensions) if found else ()
    except ConfigError:
        return ()


def _file_key(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except (OSError, ValueError):
        return None
    return info.st_dev, info.st_ino


def _files_under(folder: Path) -> Iterator[Path]:
    """Every file below `folder` (symbolic links to files included), skipping only the tool
    folders no walk ever reads."""
    from medlint.discover import DEFAULT_EXCLUDES

    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if d not in DEFAULT_EXCLUDES]
        for name in files:
            yield Path(root, name)


def _shown(path: str) -> str:
    """A path for a one-line message: undecodable bytes and control characters escaped."""
    from medlint.paths import safe_path

    return safe_path(path)


def _write(text: str | Iterable[str], output: str | None) -> None:
    """Write `text` (or its pieces, in order) to the file `output`, else to standard output."""
    from medlint.session import writing

    pieces = [text] if isinstance(text, str) else text
    if output:
        with writing(output), open(output, "w", encoding="utf-8") as fh:
            fh.writelines(pieces)
    else:
        sys.stdout.writelines(pieces)
        sys.stdout.flush()


def _catalogue(args: argparse.Namespace) -> Any:
    """A linter with every rule the configuration can name: the built-in packs and its own
    `rule-packs` (from --config, else the nearest configuration above the current folder)."""
    from medlint.config import Settings, find_config_file, load_config_file
    from medlint.engine import Linter

    found = Path(args.config) if getattr(args, "config", None) else find_config_file(Path.cwd())
    packs = load_config_file(found).rule_packs if found is not None else ()
    return Linter(Settings(rule_packs=packs))


def _rules(args: argparse.Namespace) -> int:
    linter = _catalogue(args)
    rules = linter.all_rules if args.all else [r for r in linter.all_rules if r.enabled]
    if args.format == "json":
        import json

        data = [
            {
                "code": r.code,
                "name": r.name,
                "pack": r.pack,
                "severity": r.severity.label,
                "summary": r.summary,
                "kind": r.kind_name,
                "enabled": r.enabled,
                "aliases": list(r.aliases),
            }
            for r in rules
        ]
        _write(json.dumps(data, indent=2) + "\n", None)
        return EXIT_CLEAN
    width = max((len(r.name) for r in rules), default=10)
    lines = [f"{'code':<7} {'name':<{width}} {'pack':<13} {'severity':<8} summary"]
    lines += [f"{r.code:<7} {r.name:<{width}} {r.pack:<13} {r.severity.label:<8} {r.summary}" for r in rules]
    _write("\n".join(lines) + "\n", None)
    return EXIT_CLEAN


def _explain(args: argparse.Namespace) -> int:
    from medlint.registry.docs import rule_markdown

    linter = _catalogue(args)
    code = linter.names.get(args.rule) or linter.names.get(args.rule.upper())
    if code is None:
        sys.stderr.write(f"medlint: no rule {args.rule!r}; `medlint rules` lists them\n")
        return EXIT_ERROR
    _write(rule_markdown(linter.by_code[code]), None)
    return EXIT_CLEAN


def _server() -> int:
    try:
        from medlint.server import main as serve
    except ImportError as exc:
        sys.stderr.write(f"medlint: the server needs pygls ({exc}): pip install 'medlint-health[lsp]'\n")
        return EXIT_ERROR
    return serve()


def _baseline(args: argparse.Namespace) -> int:
    from medlint.post.baseline import write_baseline
    from medlint.session import run, writing

    report = run(_options(args, _plan_output(args)))
    _tell_skipped(report, args)
    with writing(args.output):
        write_baseline(report, Path(args.output))
    sys.stderr.write(f"medlint: wrote {len(report.findings)} findings to {args.output}\n")
    return EXIT_ERROR if report.errors else EXIT_CLEAN


if __name__ == "__main__":
    raise SystemExit(main())
