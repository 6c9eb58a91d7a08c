"""One run of medlint: `run(options) -> Report`, the single way to lint.

The command line builds a frozen `RunOptions` from its arguments, calls `run`, renders the
report and sets the exit code; the Python API calls the same `run`. A run: find each path's
configuration (or use the one given), walk folders, read stdin, lint every file, apply fixes
when asked, keep only findings on changed lines (`diff_base`) and findings not in a baseline,
and settle the fail level.
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, BinaryIO

from medlint.analysis.nlp import PipelineError
from medlint.config import ConfigError, Settings, find_config_file, load_config_file
from medlint.discover import Excluder, walk
from medlint.engine import FileOutcome, Linter
from medlint.engine.pool import Job, available_cores, lint_pending, linter_key, look_up
from medlint.engine.results_cache import ResultsCache
from medlint.findings import FileResult, Finding, InputError, Report, RuleInfo, Severity
from medlint.fix import applicable, attach_fixes, fix_text, linter_fixes, read_text, unified_diff, write_text
from medlint.parse import InputProblem, decode
from medlint.post.baseline import filter_new, load_baseline
from medlint.post.changed_lines import changed_lines, filter_changed
from medlint.registry.rules import Rule, RulePackError
from medlint.registry.selection import unknown_selector

STDIN = "-"
"""The path that names standard input."""


@dataclass(frozen=True)
class RunOptions:
    """What one run does. Every field has the command line's default."""

    paths: tuple[str | Path, ...] = (".",)
    """Files and folders to lint; "-" reads standard input."""
    config: Settings | str | Path | None = None
    """These settings (or this configuration file) for every path, instead of each path's nearest
    configuration file."""
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    """Added to each configuration's `ignore`."""
    fail_level: Severity | None = None
    """Overrides the configuration's `fail-level` (see `Report.fail_level`)."""
    audience: str | None = None
    force_exclude: bool = False
    """Apply exclude patterns to files named in `paths` too (pre-commit names them)."""
    input_format: str | None = None
    """Parse every input as "markdown", "html" or "text" instead of by extension."""
    stdin_filename: str | None = None
    """The path to report (and to pick the configuration and format by) for "-"."""
    stdin: BinaryIO | None = field(default=None, compare=False)
    """Where "-" reads from (default: the process's standard input)."""
    claims: bool = False
    """Run the claim analysis on every file for the claims register, even when no claim rule is
    selected."""
    fix: bool = False
    """Apply safe fixes to the files, then report what is left."""
    diff: bool = False
    """Work out the fixes without writing them: `Report.diffs` holds a unified diff per file."""
    unsafe_fixes: bool = False
    diff_base: str | None = None
    """Only report findings on lines changed since this git revision (from the merge-base)."""
    baseline: str | Path | None = None
    """Only report findings that are not in this baseline file."""
    skip: frozenset[Path] = frozenset()
    """Resolved paths never linted when a folder walk meets them (the report's own file)."""
    jobs: int | None = None
    """Processes that lint files side by side; None: the cores this process may use. The report
    is the same whatever the number (see `medlint.engine.pool`)."""
    cache: bool = True
    """Keep each file's outcome in the results cache and reuse it while nothing it depends on
    changes (see `medlint.engine.results_cache`)."""
    cache_dir: str | Path | None = None
    """The results cache's folder (default: MEDLINT_CACHE_DIR, else the user cache folder)."""
    criteria_only: bool = False
    """Run only the rules that judge a scorecard criterion (`medlint score`)."""
    fail_criteria: tuple[str, ...] | None = None
    """Overrides the configuration's `fail-criteria` (see `Report.criteria_failures`)."""
    min_score: float | None = None
    """Overrides the configuration's `min-score`."""

    def overrides(self) -> dict[str, Any]:
        """The settings these options change in every configuration (`ignore` extends)."""
        out: dict[str, Any] = {}
        if self.select:
            out["select"] = self.select
        if self.extend_select:
            out["extend_select"] = self.extend_select
        if self.force_exclude:
            out["force_exclude"] = True
        if self.fail_level is not None:
            out["fail_level"] = self.fail_level
        if self.audience:
            out["audience"] = self.audience
        if self.ignore:
            out["ignore"] = self.ignore
        if self.fail_criteria is not None:
            out["fail_criteria"] = self.fail_criteria
        if self.min_score is not None:
            out["min_score"] = self.min_score
        return out


class OutputError(Exception):
    """A file cannot be written where asked (a fixed file, a report); nothing was written."""


def run(options: RunOptions) -> Report:
    """Lint what `options` names and return the report. Input and configuration problems are
    `Report.errors`, never exceptions; a fixed file that cannot be written raises OutputError."""
    try:
        session = Session.for_options(options)
    except ConfigError as exc:
        return Report((), (), (InputError(str(options.config), str(exc)),))
    report = session.lint_all(options.paths)
    if options.fix or options.diff:
        report = apply_fixes(report, session, options)
        if options.diff:
            return replace(report, fail_level=session.fail_level(options.paths))
    if options.diff_base:
        report = only_changed(report, options.diff_base, options.paths, Path.cwd())
    if options.baseline is not None:
        report = only_new(report, options.baseline)
    return replace(
        report, fail_level=session.fail_level(options.paths), criteria_failures=session.criteria_failures(report)
    )


class Session:
    """Lints many paths, each with the nearest configuration file above it (or an override),
    building one `Linter` per configuration."""

    def __init__(
        self,
        override: Settings | None = None,
        cli: Mapping[str, Any] | None = None,
        skip: frozenset[Path] = frozenset(),
        claims: bool = False,
        format: str | None = None,
        criteria_only: bool = False,
        stdin_filename: str | None = None,
        stdin: BinaryIO | None = None,
        jobs: int = 1,
        cache: ResultsCache | None = None,
    ) -> None:
        self.override = override
        self.jobs = jobs
        """Processes that lint files side by side (`medlint.engine.pool.lint_files`)."""
        self.cache = cache
        self.claims = claims
        """Run the claim analysis on every file for the claims register (see `Linter`)."""
        self.criteria_only = criteria_only
        """Run only the rules that judge a scorecard criterion (`medlint score`)."""
        self.format = format
        """Parse every file as this format ("markdown", "html", "text") instead of by extension."""
        self.skip = skip
        """Resolved paths never linted when a directory walk meets them (the report's own file)."""
        self.stdin_filename = stdin_filename
        self.stdin = stdin
        self.cli = dict(cli or {})
        # Checked once for the whole run (cli_selector_errors), not against each configuration.
        self.cli_selectors = frozenset(
            s for key in ("select", "extend_select", "ignore") for s in self.cli.get(key) or ()
        )
        self._configs: dict[Path, Settings | ConfigError] = {}
        self._linters: dict[Path | None, Linter] = {}
        self._infos: dict[int, tuple[RuleInfo, ...]] = {}
        self._excluders: dict[tuple[Path, tuple[str, ...], tuple[str, ...], tuple[str, ...]], Excluder] = {}
        self._found: dict[Path, Path | None] | None = None
        self.skipped: list[tuple[str, str]] = []
        """Each path the last `lint` (or `expand`) left out on purpose, with why."""

    @classmethod
    def for_options(cls, options: RunOptions) -> Session:
        """The session `options` describe; ConfigError when `options.config` is a broken file."""
        config = options.config
        override = load_config_file(Path(config)) if isinstance(config, str | Path) else config
        return cls(
            override,
            options.overrides(),
            skip=options.skip,
            claims=options.claims,
            format=options.input_format,
            criteria_only=options.criteria_only,
            stdin_filename=options.stdin_filename,
            stdin=options.stdin,
            jobs=options.jobs if options.jobs is not None else available_cores(),
            cache=ResultsCache(Path(options.cache_dir) if options.cache_dir else None) if options.cache else None,
        )

    def _apply_cli(self, settings: Settings) -> Settings:
        cli = dict(self.cli)
        extra_ignore = tuple(cli.pop("ignore", ()))
        settings = settings.merged(**cli)
        return replace(settings, ignore=settings.ignore + extra_ignore) if extra_ignore else settings

    def settings_for(self, path: Path) -> Settings:
        if self.override is not None:
            return self._apply_cli(self.override)
        found = self._config_file(path)
        key = found or Path()
        if key not in self._configs:
            try:
                self._configs[key] = self._apply_cli(load_config_file(found) if found else Settings())
            except ConfigError as exc:
                self._configs[key] = exc
        cached = self._configs[key]
        if isinstance(cached, ConfigError):
            raise cached
        return cached

    def _config_file(self, path: Path) -> Path | None:
        """`find_config_file(path)`; during a run (see `lint`), looked for once per folder."""
        if self._found is None:
            return find_config_file(path)
        directory = path if path.is_dir() else path.parent
        if directory not in self._found:
            self._found[directory] = find_config_file(path)
        return self._found[directory]

    def fail_level(self, paths: Iterable[str | Path]) -> Severity:
        """The run's fail level: the command line's, else the configuration of the first path
        (the current folder's for stdin), else the default."""
        first = next(iter(paths), STDIN)
        try:
            return self.settings_for(Path.cwd() if str(first) == STDIN else Path(first)).fail_level
        except ConfigError:
            return self.cli.get("fail_level", Settings().fail_level)  # type: ignore[no-any-return]

    def criteria_failures(self, report: Report) -> tuple[str, ...]:
        """Each file's failures of its configuration's scorecard gates, one line each."""
        out = []
        for result in report.files:
            if result.scorecard is None:
                continue
            try:
                settings = self.settings_for(Path(result.path))
            except ConfigError:
                continue  # reported as the file's error
            for why in result.scorecard.failures(settings.fail_criteria, settings.min_score):
                out.append(f"{result.path}: scorecard: {why}")
        return tuple(out)

    def linter_for(self, path: Path, *, lazy: bool = False) -> Linter:
        """The linter of `path`'s configuration (one per configuration). Its rules are loaded
        unless `lazy` (see `Linter.build`): RulePackError or ConfigError when they cannot be."""
        settings = self.settings_for(path)
        key = settings.source
        linter = self._linters.get(key)
        if linter is None:
            linter = self._linters[key] = Linter(
                settings,
                unchecked=self.cli_selectors,
                claims=self.claims,
                criteria_only=self.criteria_only,
                lazy=True,
            )
        if not lazy:
            linter.build()
        return linter

    def _built_linters(self) -> list[Linter]:
        """This session's linters, each built (those whose rules cannot be loaded left out)."""
        out = []
        for linter in self._linters.values():
            with contextlib.suppress(RulePackError, ConfigError, PipelineError):
                linter.build()
                out.append(linter)
        return out

    def rule(self, code: str) -> Rule | None:
        """A rule, by code, from any configuration this session has made a linter for."""
        for linter in self._built_linters():
            if code in linter.by_code:
                return linter.by_code[code]
        return None

    def expand(self, paths: Iterable[str | Path]) -> tuple[list[Path], list[InputError]]:
        """The files to lint under `paths`, and the paths that cannot be (missing, a folder
        that cannot be read). What is left out on purpose goes to `self.skipped`."""
        files: list[Path] = []
        errors: list[InputError] = []

        def skipped(path: Path, why: str) -> None:
            self.skipped.append((str(path), why))

        def unreadable(path: Path, why: str) -> None:
            errors.append(InputError(str(path), why))

        for raw in paths:
            p = Path(raw)
            if p.is_dir():
                try:
                    settings = self.settings_for(p / "_")
                except ConfigError as exc:
                    errors.append(self._config_error(p, exc))
                    continue
                excluder = self._excluder(settings)
                for f in walk(p, excluder, skipped, unreadable):
                    if self.skip and f.resolve() in self.skip:
                        skipped(f, "the report being written (-o)")
                    else:
                        files.append(f)
            elif p.exists():
                if self._force_excluded(p):
                    skipped(p, "left out by the configuration (force-exclude)")
                    continue
                files.append(p)
            else:
                errors.append(
                    InputError(
                        str(p), "a broken or looping symbolic link" if p.is_symlink() else "no such file or directory"
                    )
                )
        return files, errors

    def cli_selector_errors(self) -> list[InputError]:
        """Command-line selectors that name no rule in any configuration of this run, once each."""
        if not self.cli_selectors:
            return []
        rules = [r for linter in self._built_linters() for r in linter.all_rules]
        if not rules:
            return []
        flags = {"select": "--select", "extend_select": "--extend-select", "ignore": "--ignore"}
        out = []
        for key, flag in flags.items():
            for selector in self.cli.get(key) or ():
                problem = unknown_selector(selector, rules)
                if problem:
                    out.append(InputError(flag, problem))
        return out

    def _force_excluded(self, path: Path) -> bool:
        try:
            settings = self.settings_for(path)
        except ConfigError:
            return False  # reported when the file is linted
        return settings.force_exclude and not self._excluder(settings).wanted(path)

    def _excluder(self, settings: Settings) -> Excluder:
        # One per configuration: pre-commit names every changed file, each would compile it again.
        patterns = (*settings.exclude, *settings.extend_exclude)
        key = (settings.root, patterns, settings.include, tuple(settings.extensions))
        excluder = self._excluders.get(key)
        if excluder is None:
            excluder = self._excluders[key] = Excluder(patterns, settings.root, settings.include, settings.extensions)
        return excluder

    def lint_all(self, paths: Iterable[str | Path]) -> Report:
        """`paths`, where "-" is standard input (linted after the files)."""
        paths = list(paths)
        files = [p for p in paths if str(p) != STDIN]
        report = self.lint(files) if files else Report((), (), ())
        if len(files) < len(paths):
            report = merge(report, self.lint_stdin())
        return report

    def lint(self, paths: Iterable[str | Path]) -> Report:
        self.skipped = []
        # From now on each folder's configuration file is looked for once: a run lints a tree
        # that does not change under it (a long-lived session, the editor server's, never lints).
        self._found = {} if self._found is None else self._found
        files, errors = self.expand(paths)
        # Each file's linter, not built yet: a file found in the results cache needs only its
        # settings. A broken configuration keeps its place in the errors.
        jobs: list[Job] = []
        order: list[int | list[InputError]] = []
        for path in files:
            try:
                linter = self.linter_for(path, lazy=True)
            except ConfigError as exc:
                order.append([self._config_error(path, exc)])
                continue
            order.append(len(jobs))
            jobs.append(Job(linter, path, str(path)))
        pending = look_up(jobs, format=self.format, cache=self.cache)
        # The linters of the files left to lint, built before any worker process is forked.
        failed: dict[int, list[InputError]] = {}
        for i in list(pending.texts):
            try:
                jobs[i].linter.build()
                continue
            except ConfigError as exc:
                failed[i] = [self._config_error(jobs[i].path, exc)]
            except RulePackError as exc:
                failed[i] = list(self.pack_errors(jobs[i].path, exc))
            del pending.texts[i]
        outcomes = lint_pending(
            jobs, pending, format=self.format, workers=self.jobs, cache=self.cache, finish=with_fixes
        )
        findings: list[Finding] = []
        results: list[FileResult] = []
        sources: dict[str, str] = {}
        rules: dict[str, Any] = {}
        for entry in order:
            if isinstance(entry, list):
                errors.extend(entry)
                continue
            outcome = outcomes[entry]
            if outcome is None:
                errors.extend(failed[entry])
                continue
            job = jobs[entry]
            findings.extend(outcome.findings)
            errors.extend(outcome.errors)
            if outcome.file is not None:
                results.append(outcome.file)
                sources[job.shown] = outcome.source
            for info in self._rule_infos(job.linter):
                rules.setdefault(info.code, info)
        errors.extend(self.cli_selector_errors())
        return Report(
            tuple(findings),
            tuple(results),
            tuple(_once(errors)),
            tuple(rules.values()),
            sources,
            skipped=tuple(self.skipped),
        )

    def _rule_infos(self, linter: Linter) -> tuple[RuleInfo, ...]:
        """The report's description of `linter`'s enabled rules: from the rules when they are
        loaded (stored in the results cache for next time), else from the results cache."""
        known = self._infos.get(id(linter))
        if known is not None:
            return known
        infos: tuple[RuleInfo, ...] | None = None
        if not linter.built and self.cache is not None:
            infos = self.cache.get_rules(linter_key(linter))
        if infos is None:
            try:
                linter.build()
            except (RulePackError, ConfigError, PipelineError):
                return ()
            infos = tuple(r.info() for r in linter.rules)
            if self.cache is not None:
                self.cache.put_rules(linter_key(linter), infos)
        self._infos[id(linter)] = infos
        return infos

    def lint_stdin(self) -> Report:
        """Standard input (or `stdin`), reported as `stdin_filename` (default "-")."""
        shown = self.stdin_filename or STDIN
        try:
            linter = self.linter_for(Path(shown if shown != STDIN else "stdin.md").absolute())
            limit = linter.settings.max_file_size
            stream = self.stdin if self.stdin is not None else sys.stdin.buffer
            data = stream.read(limit + 1)  # never more than max-file-size allows
            if len(data) > limit:
                raise InputProblem(f"stream goes on, above max-file-size ({limit:,} bytes); not linted")
            text = decode(data)
        except RulePackError as exc:
            return Report((), (), tuple(self.pack_errors(Path(shown).absolute(), exc)))
        except (InputProblem, ConfigError) as exc:
            return Report((), (), (InputError(shown, str(exc)),))
        outcome = linter.lint_text(text, path=shown, format=self.format)
        files = (outcome.file,) if outcome.file else ()
        findings = attach_fixes(outcome.findings, outcome.source, {r.code: r for r in linter.rules})
        return Report(findings, files, outcome.errors, tuple(r.info() for r in linter.rules), {shown: outcome.source})

    def _config_error(self, path: Path, exc: Exception) -> InputError:
        """A broken configuration or rule pack, under the configuration file's name when the
        message is about it (`_once` then merges the repeats of every file it covers)."""
        message = str(exc)
        found = self.override.source if self.override is not None else find_config_file(path)
        if found is not None and message.startswith(str(found)):
            return InputError(str(found), message)
        return InputError(str(path), message)

    def pack_errors(self, path: Path, exc: RulePackError) -> list[InputError]:
        """Broken rule packs: each problem once, under the configuration that names the packs
        (`_once` merges the repeats of every file it covers)."""
        found = self.override.source if self.override is not None else find_config_file(path)
        where = str(found) if found is not None else str(path)
        return [InputError(where, problem) for problem in exc.problems]


def with_fixes(linter: Linter, outcome: FileOutcome) -> FileOutcome:
    """`outcome` with each finding's fix filled in where its rule has one: done before the
    outcome is stored in the results cache, so that a cache hit needs no rule."""
    if not outcome.findings:
        return outcome
    return replace(outcome, findings=attach_fixes(outcome.findings, outcome.source, {r.code: r for r in linter.rules}))


def _once(errors: list[InputError]) -> list[InputError]:
    """One error per distinct problem: a broken configuration is reported once, with the number
    of files it kept from being linted, not once per file."""
    counts = Counter((e.path, e.message) for e in errors)
    out = []
    for e in errors:
        n = counts.pop((e.path, e.message), 0)
        if n:
            out.append(replace(e, message=f"{e.message} ({n} files not linted)") if n > 1 else e)
    return out


def merge(a: Report, b: Report) -> Report:
    rules = {r.code: r for r in (*a.rules, *b.rules)}
    return Report(
        a.findings + b.findings,
        a.files + b.files,
        a.errors + b.errors,
        tuple(rules.values()),
        {**a.sources, **b.sources},
        skipped=a.skipped + b.skipped,
    )


# -- after linting: fixes, changed lines, baseline ----------------------------------------


@contextlib.contextmanager
def writing(output: str) -> Iterator[None]:
    """Turn a failure to write `output` into OutputError, a one-line message."""
    from medlint.paths import safe_path

    try:
        yield
    except OSError as exc:
        raise OutputError(f"cannot write {safe_path(output)}: {exc.strerror or exc}") from None


def apply_fixes(report: Report, session: Session, options: RunOptions) -> Report:
    """Fix each file with applicable fixes until none is left; write it with `fix` (not with
    `diff`). Returns the report of the fixed texts, with a unified diff per changed file."""
    unsafe = options.unsafe_fixes
    stdin = {options.stdin_filename or STDIN} if any(str(p) == STDIN for p in options.paths) else set()
    by_path: dict[str, list[Finding]] = {}
    for f in report.findings:
        by_path.setdefault(f.path, []).append(f)
    findings: list[Finding] = []
    errors = list(report.errors)
    sources = dict(report.sources)
    diffs: dict[str, str] = {}
    fixed = 0
    for path, found in by_path.items():
        if path in stdin or not any(applicable(f, unsafe) for f in found):
            findings.extend(found)
            continue
        try:
            raw, bom = read_text(Path(path))
            linter = session.linter_for(Path(path))
        except Exception as exc:  # unreadable, undecodable, a broken configuration: not fixed
            errors.append(InputError(path, f"not fixed: {exc}"))
            findings.extend(found)
            continue
        known = tuple(found) if raw == report.sources.get(path) else None
        result = fix_text(raw, linter_fixes(linter, path, options.input_format), unsafe, known)
        findings.extend(result.findings)
        if result.applied and result.text != raw:
            fixed += result.applied
            diffs[path] = unified_diff(path, raw, result.text)
            sources[path] = result.text
            if options.fix and not options.diff:
                with writing(path):
                    write_text(Path(path), result.text, bom)
    return replace(report, findings=tuple(findings), errors=tuple(errors), sources=sources, fixed=fixed, diffs=diffs)


def merge_base(ref: str, cwd: Path) -> str:
    """Where the current branch left `ref` (`git merge-base HEAD REF`), so a branch is judged
    on its own changes, not on what landed on the base since; `ref` itself when there is no
    merge-base (a shallow clone, unrelated history) or git cannot tell."""
    if ref.startswith("-"):
        return ref  # never an option to git; changed_lines reports it as an unknown revision
    try:
        proc = subprocess.run(
            ["git", "merge-base", "HEAD", ref], cwd=cwd, capture_output=True, text=True, timeout=60, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return ref
    base = proc.stdout.strip()
    return base if proc.returncode == 0 and base else ref


def only_changed(report: Report, ref: str, paths: Iterable[str | Path], cwd: Path) -> Report:
    """The findings on lines changed since `ref`'s merge-base (document findings of changed files)."""
    try:
        base = merge_base(ref, cwd)
        changed = changed_lines(base, [Path(p) for p in paths if str(p) != STDIN], cwd)
        kept = filter_changed(report.findings, changed, lambda p: str(Path(p).resolve()))
    except ValueError as exc:
        return replace(report, errors=(*report.errors, InputError("--diff-base", str(exc))))
    return replace(report, findings=tuple(kept))


def only_new(report: Report, baseline: str | Path) -> Report:
    """The findings that `baseline` does not hold."""
    try:
        known = load_baseline(Path(baseline))
    except ValueError as exc:
        return replace(report, errors=(*report.errors, InputError(str(baseline), str(exc))))
    return replace(report, findings=tuple(filter_new(report.findings, known, report.sources)))
