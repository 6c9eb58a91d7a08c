"""Document x rules -> findings, then the post-processing chain.

settings -> rules selected and compiled once -> per file: parse -> sentences (only if a rule
needs them) -> each kind yields hits in prose offsets -> source map -> line/column ->
limit per rule, suppressions, per-file ignores, dedupe, sort.
"""

from __future__ import annotations

import contextlib
import difflib
import fnmatch
import functools
import signal
import stat
import threading
import time
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

from medlint.claims.register import FileClaims, collect, register_lexicon
from medlint.classify import DocType, classify, vocabulary
from medlint.config import ConfigError, Settings
from medlint.document import Document
from medlint.findings import FileResult, Finding, InputError, Severity
from medlint.kinds import Hit, ParamError, RuleContext
from medlint.nlp import Pipeline, PipelineError, SentenceWorker
from medlint.parse import InputProblem, decode, format_for, parse_document
from medlint.rules import Rule, load_packs
from medlint.suppress import Suppressions, parse_suppressions

_T = TypeVar("_T")
DEFAULT_LIMIT = 8
"""Findings of one rule in one document, unless the rule sets `limit` (stops a word flooding a report)."""
UNUSED_SUPPRESSION = "MED001"
UNKNOWN_SUPPRESSION = "MED002"


@dataclass(frozen=True)
class FileOutcome:
    findings: tuple[Finding, ...]
    file: FileResult | None
    errors: tuple[InputError, ...]
    source: str = ""


def selector_specificity(selector: str, rule: Rule) -> int:
    """How precisely a select/ignore entry names a rule; -1 if it does not (ruff's precedence)."""
    if selector in (rule.code, rule.name) or selector in rule.aliases:
        return 100
    if selector == "ALL":
        return 0
    if selector == rule.pack:
        return 1
    if selector.isupper() and rule.code.startswith(selector):
        return 1 + len(selector)
    return -1


def _size(n: int) -> str:
    """Bytes for people: "10.0 MiB" (the default limit is 10 MiB), "512 bytes"."""
    for unit, scale in (("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}" if n % scale else f"{n // scale} {unit}"
    return f"{n} bytes"


def _where(settings: Settings) -> str:
    return str(settings.source) if settings.source else "configuration"


def unknown_selector(selector: str, rules: Iterable[Rule]) -> str | None:
    """Why `selector` names no rule (with a did-you-mean), or None when it names one."""
    rules = list(rules)
    if any(selector_specificity(selector, r) >= 0 for r in rules):
        return None
    names = sorted({n for r in rules for n in (r.code, r.name, r.pack, *r.aliases)})
    close = difflib.get_close_matches(selector, names, n=1) or difflib.get_close_matches(selector.upper(), names, n=1)
    return f"'{selector}' names no rule" + (f" (did you mean '{close[0]}'?)" if close else "")


def _check_selectors(rules: list[Rule], settings: Settings, unchecked: Collection[str]) -> None:
    """A selector that names no rule is a typo: say so (as ruff does) rather than run nothing.
    `unchecked` came from the command line, which checks them once for the whole run."""
    lists = {
        "select": settings.select or (),
        "extend-select": settings.extend_select,
        "ignore": settings.ignore,
        **{f"per-file-ignores.{g}": v for g, v in settings.per_file_ignores.items()},
    }
    for key, selectors in lists.items():
        for selector in selectors:
            problem = None if selector in unchecked else unknown_selector(selector, rules)
            if problem:
                raise ConfigError(f"{_where(settings)}: {key}: {problem}")
    # Severity and options are set per rule: a prefix or pack would be silently ignored.
    idents = {n for r in rules for n in (r.code, r.name, *r.aliases)}
    for key, names in (("severity", settings.severity), ("rules", settings.rules)):
        for name in names:
            if name not in idents:
                problem = unknown_selector(name, rules) or f"'{name}' is not one rule"
                raise ConfigError(f"{_where(settings)}: {key}: {problem}; name one rule by its code, name or alias")


def select_rules(rules: Iterable[Rule], settings: Settings) -> list[Rule]:
    chosen = []
    for rule in rules:
        selects = settings.select if settings.select is not None else ()
        best = max((selector_specificity(s, rule) for s in (*selects, *settings.extend_select)), default=-1)
        if settings.select is None and rule.enabled:
            best = max(best, 0)
        worst = max((selector_specificity(s, rule) for s in settings.ignore), default=-1)
        if best >= 0 and best > worst:
            chosen.append(rule)
    return chosen


class BudgetExceeded(Exception):
    """A file or a rule ran past its CPU time budget (the API raises this; the command line
    reports it as a one-line error)."""


class _Overtime(BaseException):
    """Raised by the CPU timer inside whatever was running; a BaseException so that no
    `except Exception` on the way (a rule's, a library's) can swallow it."""

    def __init__(self, token: object) -> None:
        super().__init__("time budget exceeded")
        self.token = token


class _Budgets:
    """Nested CPU-time deadlines (a file's, a rule's inside it) on one SIGPROF interval timer.

    The linear-time work is the real guard; this is the safety net for what is not (a rule
    pack's catastrophic regular expression, a bug): Python's regex engine checks for signals
    as it backtracks, so the timer stops it mid-match. The deadlines are process CPU time, as
    the timer counts it. Only in the main thread of a platform with `setitimer`, and only when
    nothing else (a profiler) owns SIGPROF; elsewhere the budgets are off.
    """

    def __init__(self) -> None:
        self.stack: list[tuple[float, object]] = []
        self.paused: frozenset[object] = frozenset()

    def _handler(self, signum: int, frame: Any) -> None:
        now = time.process_time()
        for deadline, token in self.stack:  # the outermost expired budget wins
            if deadline <= now and token not in self.paused:
                raise _Overtime(token)
        self._arm()

    def _usable(self) -> bool:
        if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
            return False
        current = signal.getsignal(signal.SIGPROF)
        if current == self._handler:
            return True
        if current not in (signal.SIG_DFL, signal.SIG_IGN, None):
            return False  # someone else's (a profiler)
        signal.signal(signal.SIGPROF, self._handler)  # stays: a no-op while no budget runs
        return True

    def _arm(self) -> None:
        live = [d for d, t in self.stack if t not in self.paused]
        if live:
            signal.setitimer(signal.ITIMER_PROF, max(min(live) - time.process_time(), 0.001))
        else:
            signal.setitimer(signal.ITIMER_PROF, 0)

    def _settle(self, change: Callable[[], None]) -> None:
        """Apply a change of the deadlines; the timer may fire in the middle, so the change is
        idempotent and retried. An outer deadline that passed meanwhile fires right after."""
        while True:
            try:
                change()
                self._arm()
                return
            except _Overtime:
                continue

    @contextlib.contextmanager
    def limit(self, seconds: float) -> Iterator[object | None]:
        """Run the body under a deadline `seconds` of CPU from now; yields the token that an
        `_Overtime` raised for this deadline carries (None when budgets are off)."""
        if not self._usable():
            yield None
            return
        token = object()
        entry = (time.process_time() + seconds, token)

        def push() -> None:
            if entry not in self.stack:
                self.stack = [*self.stack, entry]

        def pop() -> None:
            self.stack = [e for e in self.stack if e[1] is not token]

        self._settle(push)
        try:
            yield token
        finally:
            self._settle(pop)

    @contextlib.contextmanager
    def exempt(self) -> Iterator[None]:
        """CPU time spent in the body (one-off loading of shared data) counts against none of
        the deadlines already running; budgets set inside it still apply."""
        outer = frozenset(t for _, t in self.stack) - self.paused
        if not outer:
            yield
            return
        start = time.process_time()
        self.paused = self.paused | outer
        try:
            yield
        finally:
            spent = time.process_time() - start

            def resume() -> None:
                self.stack = [(d + spent, t) if t in outer else (d, t) for d, t in self.stack]
                self.paused = self.paused - outer

            if self.paused & outer:
                self._settle(resume)


_BUDGETS = _Budgets()


CACHE_LIMIT = 20_000
"""Entries a shared per-word cache may reach before it is emptied (see `trim_caches`)."""


def trim_caches(limit: int = CACHE_LIMIT) -> None:
    """Keep a long-lived linter's memory bounded: the per-word caches and spaCy vocabs shared
    by the kinds grow with every new word (118 MB to 4.6 GB over 10,000 articles of new words).
    Each one past `limit` entries is emptied (it refills with what is in use). Checked every
    TRIM_EVERY documents; the sentence pipeline bounds its
    own vocab (`Pipeline.bound_vocab`)."""
    import sys

    readability = sys.modules.get("medlint.readability")
    if readability is not None:
        caches: list[Any] = [
            getattr(readability, "_SYLLABLE_CACHE", None),
            getattr(readability, "_WORD_SYLLABLES", None),
        ]
        caches.append(getattr(getattr(readability, "_PRONUNCIATIONS", None), "_unknown", None))
        for hyphenator in getattr(readability, "_HYPHENATORS", {}).values():
            caches.append(getattr(hyphenator, "_cache", None))
            caches.append(getattr(getattr(getattr(hyphenator, "_hyphenator", None), "hd", None), "cache", None))
        for cache in caches:
            if isinstance(cache, dict | set) and len(cache) > limit:
                cache.clear()
    # The claim analysis keeps nothing per document: it tokenises without spaCy (no vocab to
    # grow), and its matchers are built once per lexicon.


TRIM_EVERY = 100
"""Documents between two `trim_caches` checks."""


def _budget(base: float, per_mb: float, size: int) -> float:
    return base + per_mb * size / 1_000_000


def _within(seconds: float, run: Callable[[], _T]) -> _T:
    """`run()`, or BudgetExceeded once it has used `seconds` of CPU."""
    token: object | None = None
    try:
        with _BUDGETS.limit(seconds) as token:
            return run()
    except _Overtime as exc:
        if token is None or exc.token is not token:
            raise  # an outer budget's: the file's, while a rule ran
        raise BudgetExceeded(seconds) from None


class _Values(dict[str, Any]):
    """Message values that leave an unknown placeholder visible instead of raising, so a typo
    in a rule's message shows in the output (and the rule's examples test catches it)."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _fill(template: str, values: dict[str, Any]) -> str:
    return template.format_map(_Values(values))


class Linter:
    """Loads and compiles rules once; lints many texts. Not thread-safe (the pipeline is shared)."""

    FILE_BUDGET: tuple[float, float] = (3.0, 20.0)
    """CPU seconds a file may take (parse, rules, claims register): base + per megabyte of text.
    An ordinary article takes a tenth of that or less at any size (a dense one, such as an
    HTML report, a quarter), so only hostile input or a bug meets it; the file is then
    reported, never hangs the run."""
    FIRST_RUN_BUDGET: float = 3.0
    RULE_BUDGET: tuple[float, float] = (1.0, 10.0)
    """CPU seconds one rule may take on one file: base + per megabyte. A rule past it (a rule
    pack's backtracking regex) is a one-line error naming it; the other rules go on."""

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        worker: SentenceWorker | None = None,
        unchecked: Collection[str] = (),
        claims: bool = False,
    ) -> None:
        """`claims`: run the claim analysis on every document for the claims register (`medlint
        claims`), even when no claim rule is selected; otherwise the register holds what the
        selected claim rules' analysis found."""
        self.settings = settings or Settings()
        self.all_rules = load_packs(self.settings.rule_packs)
        self.names: dict[str, str] = {}
        for rule in self.all_rules:
            for ident in (rule.code, rule.name, *rule.aliases):
                self.names[ident] = rule.code
        _check_selectors(self.all_rules, self.settings, unchecked)
        self.rules = self._configure(select_rules(self.all_rules, self.settings), self._with_options())
        self.by_code = {r.code: r for r in self.all_rules}
        self.packs = {
            pack: frozenset(r.code for r in self.all_rules if r.pack == pack)
            for pack in {r.pack for r in self.all_rules}
        }
        needs: set[str] = set()
        for rule in self.rules:
            needs |= rule.kind.NEEDS
        self.claims_lexicon = register_lexicon([*self.rules, *self.all_rules])
        self.register_claims = claims
        if claims:
            if self.claims_lexicon is None:
                raise ConfigError(
                    f"{_where(self.settings)}: the claims register needs a claim lexicon, and no "
                    "rule of kind 'claim' is loaded"
                )
            needs.add("sentences")
        self.needs = needs
        self.pipeline = Pipeline(self.settings.nlp_model, worker) if needs else None
        if self.pipeline is not None:
            self.pipeline.require(needs)
        self._prepared = False
        self._ran: set[str] = set()
        self._linted = 0

    def prepare(self) -> None:
        """Load the enabled rules' lazy data now (see `Kind.prepare`); once per linter."""
        if self._prepared:
            return
        self._prepared = True
        for rule in self.rules:
            try:
                rule.kind.prepare()
            except Exception:  # `find` loads the same data and reports the failure
                continue

    def _with_options(self) -> dict[str, Rule]:
        """Every rule that has options, rebuilt with them. All of them, selected or not: a typo
        should not wait for the day the rule is turned on."""
        out = {}
        for rule in self.all_rules:
            options = self._lookup(self.settings.rules, rule)
            if options:
                try:
                    out[rule.code] = rule.with_kind(options)
                except ParamError as exc:
                    raise ConfigError(f"{_where(self.settings)}: [rules.{rule.code}]: {exc}") from None
        return out

    def _configure(self, rules: list[Rule], with_options: Mapping[str, Rule]) -> list[Rule]:
        out = []
        for rule in rules:
            rule = with_options.get(rule.code, rule)
            sev = self._lookup(self.settings.severity, rule)
            if sev is not None:
                rule = replace(rule, severity=sev)
            out.append(rule)
        return out

    @staticmethod
    def _lookup(table: Mapping[str, Any], rule: Rule) -> Any:
        for ident in (rule.code, rule.name, *rule.aliases):
            if ident in table:
                return table[ident]
        return None

    def _prepare(
        self, doc: Document, ctx: RuleContext, ignored: set[str], budget: float, overtime: dict[str, float]
    ) -> None:
        with _BUDGETS.exempt():  # loading shared data, once: no file's doing
            self.prepare()
        for rule in self.rules:
            if rule.code in ignored:
                continue
            try:
                self._run_rule(rule, budget, functools.partial(rule.kind.prepare_document, doc, ctx))
            except BudgetExceeded as exc:
                overtime[rule.code] = float(exc.args[0])
            except Exception:  # `find` does the same work and reports the failure
                continue

    def _run_rule(self, rule: Rule, budget: float, run: Callable[[], _T]) -> _T:
        """`run()` for `rule` within `budget`. A rule's first run in this linter may also build
        what its kind builds on first use (a matcher): it gets FIRST_RUN_BUDGET, which the
        file's budget does not count, so a slow machine never stops a build half-way."""
        if rule.code in self._ran:
            return _within(budget, run)
        self._ran.add(rule.code)
        with _BUDGETS.exempt():
            return _within(max(budget, self.FIRST_RUN_BUDGET), run)

    def _rule_findings(self, doc: Document, ctx: RuleContext, rule: Rule) -> list[Finding]:
        limit = rule.limit or DEFAULT_LIMIT
        out: list[Finding] = []
        for hit in rule.kind.find(doc, ctx):
            if hit.block is not None and doc.blocks[hit.block].in_references and rule.kind.JUDGES_WORDING:
                continue
            out.append(self._finding(doc, rule, hit))
            if len(out) >= limit:
                break
        return out

    @staticmethod
    def _overtime(doc: Document, rule: Rule, budget: float, errors: list[InputError] | None) -> None:
        message = (
            f"rule {rule.code} ({rule.name}) stopped after {budget:.1f} s of CPU, its time budget for "
            "this file (a pattern that backtracks, such as '(a+)+'?); the other rules ran"
        )
        if errors is None:
            raise BudgetExceeded(f"{doc.path}: {message}")
        errors.append(InputError(doc.path, message))

    # -- entry points -------------------------------------------------------------------

    def lint_text(
        self, text: str, *, path: str | None = None, format: str | None = None, contain: bool = True
    ) -> FileOutcome:
        """Lint one text. With `contain` (the command line, many files), a crash in medlint
        becomes a one-line error in the outcome; without it (the Python API), it raises."""
        shown = path or "<text>"
        try:
            fmt = format_for(path, format)
        except InputProblem as exc:
            return FileOutcome((), None, (InputError(shown, str(exc)),))
        if not text.strip():
            # Nothing to judge: "no sources, no date, no author" would be noise about nothing.
            return FileOutcome((), None, (InputError(shown, "empty file, nothing to lint"),))
        errors: list[InputError] = []

        def lint() -> tuple[Document, tuple[Finding, ...], FileResult]:
            doc, problem = parse_document(text, path=shown, fmt=fmt)
            if problem:
                errors.append(InputError(shown, problem))
            return doc, *self.lint_document(doc, errors if contain else None)

        budget = _budget(*self.FILE_BUDGET, len(text))
        try:
            doc, findings, file_result = _within(budget, lint)
        except BudgetExceeded:
            message = (
                f"not linted: stopped after {budget:.1f} s of CPU, the time budget for a file of "
                f"{_size(len(text.encode('utf-8', 'surrogatepass')))}. Please report this file."
            )
            if not contain:
                raise BudgetExceeded(f"{shown}: {message}") from None
            return FileOutcome((), None, (InputError(shown, message),))
        except PipelineError as exc:  # the configured model: the user's to fix, not a bug
            if not contain:
                raise
            return FileOutcome((), None, (InputError(shown, str(exc)),))
        except Exception as exc:  # a bug of ours on one file must not cost the other files
            if not contain:
                raise
            return FileOutcome(
                (),
                None,
                (
                    InputError(
                        shown, f"internal error, file not linted ({type(exc).__name__}: {exc}). Please report this."
                    ),
                ),
            )
        return FileOutcome(findings, file_result, tuple(errors), doc.source)

    def lint_path(self, path: Path, shown: str | None = None, format: str | None = None) -> FileOutcome:
        shown = shown or str(path)
        try:
            info = path.stat()
            if stat.S_ISDIR(info.st_mode):
                raise InputProblem("a directory, not linted")
            limit = self.settings.max_file_size
            if stat.S_ISREG(info.st_mode):
                size = info.st_size
                data = path.read_bytes() if size <= limit else b""
            else:  # named on purpose (/dev/stdin, a pipe): read no more than the limit allows
                with path.open("rb") as fh:
                    data = fh.read(limit + 1)
                size = len(data)
            if size > limit:
                what = f"file is {_size(size)}" if stat.S_ISREG(info.st_mode) else "stream goes on"
                raise InputProblem(f"{what}, above max-file-size ({_size(limit)}); not linted")
            text = decode(data)
        except InputProblem as exc:
            return FileOutcome((), None, (InputError(shown, str(exc)),))
        except OSError as exc:
            return FileOutcome((), None, (InputError(shown, f"cannot read: {exc.strerror or exc}"),))
        return self.lint_text(text, path=shown, format=format)

    # -- the pipeline -------------------------------------------------------------------

    def lint_document(
        self, doc: Document, errors: list[InputError] | None = None
    ) -> tuple[tuple[Finding, ...], FileResult]:
        """Findings for one parsed document; a rule that crashes is reported in `errors`."""
        with _BUDGETS.exempt():  # one-off loading (the type vocabulary, rules' data, an in-process spaCy)
            vocabulary()
            if self.pipeline is None or not self.pipeline.has_worker:
                self.prepare()  # else done while the worker splits sentences
                if self.pipeline is not None and doc.blocks:
                    self.pipeline.nlp  # noqa: B018
        doc_type = classify(doc)
        ctx = RuleContext(settings=self.settings, doc_type=doc_type)
        ignored = self._per_file_ignores(doc.path)
        rule_budget = _budget(*self.RULE_BUDGET, len(doc.source))
        overtime: dict[str, float] = {}  # rules whose prepare_document ran out of time
        if self.pipeline is not None and doc.blocks:
            self.pipeline.add_sentences(
                doc.blocks, while_waiting=lambda: self._prepare(doc, ctx, ignored, rule_budget, overtime)
            )
        findings: list[Finding] = []
        for rule in self.rules:
            if rule.code in ignored or rule.code in (UNUSED_SUPPRESSION, UNKNOWN_SUPPRESSION):
                continue
            if rule.code in overtime:
                self._overtime(doc, rule, overtime[rule.code], errors)
                continue
            try:
                findings.extend(
                    self._run_rule(rule, rule_budget, functools.partial(self._rule_findings, doc, ctx, rule))
                )
            except BudgetExceeded as exc:
                self._overtime(doc, rule, float(exc.args[0]), errors)
            except Exception as exc:  # one broken rule must not cost the other rules or files
                if errors is None:
                    raise
                errors.append(
                    InputError(
                        doc.path,
                        f"internal error in rule {rule.code} ({type(exc).__name__}: "
                        f"{exc}); the other rules ran. Please report this.",
                    )
                )
        self._linted += 1
        if self._linted % TRIM_EVERY == 0:
            with contextlib.suppress(Exception), _BUDGETS.exempt():  # housekeeping never costs a file
                trim_caches()
        findings = self._suppress(doc, findings, ignored)
        findings = _dedupe(findings)
        findings.sort(key=lambda f: (f.line, f.column, f.code, f.end_line, f.end_column))
        result = FileResult(
            doc.path,
            doc.word_count(),
            doc.format,
            doc_type.type,
            doc_type.reason,
            tuple(ctx.notes.get("grades", ())),
            self._claims(doc, ctx, errors),
        )
        return tuple(findings), result

    def _claims(self, doc: Document, ctx: RuleContext, errors: list[InputError] | None) -> FileClaims | None:
        """The claims register of `doc`, from the claim rules' cached analysis (or run for it)."""
        if self.claims_lexicon is None:
            return None
        try:
            return collect(doc, ctx, self.claims_lexicon, run=self.register_claims)
        except Exception as exc:
            if errors is None:
                raise
            errors.append(
                InputError(
                    doc.path, f"internal error in the claim analysis ({type(exc).__name__}: {exc}). Please report this."
                )
            )
            return None

    def _per_file_ignores(self, path: str) -> set[str]:
        out: set[str] = set()
        if not self.settings.per_file_ignores:
            return out
        try:
            rel = Path(path).resolve().relative_to(self.settings.root).as_posix()
        except ValueError:
            rel = Path(path).as_posix()
        for glob, selectors in self.settings.per_file_ignores.items():
            if fnmatch.fnmatch(rel, glob) or fnmatch.fnmatch(Path(path).name, glob):
                for rule in self.all_rules:
                    if any(selector_specificity(s, rule) >= 0 for s in selectors):
                        out.add(rule.code)
        return out

    def _finding(self, doc: Document, rule: Rule, hit: Hit, severity: Severity | None = None) -> Finding:
        if hit.block is None:
            start, end = doc.anchor()
            match = None
            scope = "document"
        else:
            prose = doc.blocks[hit.block].prose
            lo, hi = hit.start, hit.end
            # A span starts and ends on text, whatever a kind's pattern swallowed around it.
            while lo < hi and prose.text[lo].isspace():
                lo += 1
            while hi > lo and prose.text[hi - 1].isspace():
                hi -= 1
            if lo == hi:
                lo, hi = hit.start, hit.end
            start, end = prose.source_start(lo), prose.source_end(hi)
            match = prose.text[lo:hi]
            scope = "span"
        values = {"match": match or "", **hit.values}
        suggestion = hit.suggestion or (rule.suggestion and _fill(rule.suggestion, values)) or None
        values["suggestion"] = suggestion or ""
        message = _fill(hit.message or rule.message, values)
        line, col = doc.lines.line_col(start)
        end_line, end_col = doc.lines.line_col(end)
        context = " ".join(doc.source[max(0, start - 30) : end + 30].split())
        level = severity or hit.severity or rule.severity
        if hit.bump:
            level = Severity(min(int(level) + hit.bump, int(Severity.ERROR)))
        return Finding(
            path=doc.path,
            code=rule.code,
            name=rule.name,
            pack=rule.pack,
            severity=level,
            message=message,
            line=line,
            column=col,
            end_line=end_line,
            end_column=end_col,
            start_offset=start,
            end_offset=end,
            match=match,
            suggestion=suggestion,
            scope=scope,  # type: ignore[arg-type]
            context=context,
        )

    def _suppress(self, doc: Document, findings: list[Finding], ignored: set[str]) -> list[Finding]:
        if not doc.comments:
            return findings
        sup: Suppressions = parse_suppressions(doc, self.names, self.packs)
        if not sup.items:
            return findings
        kept = [f for f in findings if not sup.covers(f.code, f.line)]
        enabled = {r.code for r in self.rules} - ignored
        for s in sup.items:
            for word in s.unknown:
                if UNKNOWN_SUPPRESSION in enabled:
                    kept.append(self._comment_finding(doc, UNKNOWN_SUPPRESSION, s.start, s.end, {"code": word}))
            if not s.used and not s.unknown and UNUSED_SUPPRESSION in enabled:
                codes = ", ".join(sorted(s.codes)) if s.codes else "all rules"
                kept.append(self._comment_finding(doc, UNUSED_SUPPRESSION, s.start, s.end, {"code": codes}))
        return kept

    def _comment_finding(self, doc: Document, code: str, start: int, end: int, values: dict[str, str]) -> Finding:
        rule = next(r for r in self.rules if r.code == code)
        line, col = doc.lines.line_col(start)
        end_line, end_col = doc.lines.line_col(end)
        text = doc.source[start:end]
        return Finding(
            path=doc.path,
            code=rule.code,
            name=rule.name,
            pack=rule.pack,
            severity=rule.severity,
            message=_fill(rule.message, {"match": text, **values}),
            line=line,
            column=col,
            end_line=end_line,
            end_column=end_col,
            start_offset=start,
            end_offset=end,
            match=text,
            suggestion=None,
            scope="span",
            context=text,
        )


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen: set[tuple[str, int, int]] = set()
    out = []
    for f in findings:
        key = (f.code, f.start_offset, f.end_offset)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


__all__ = ["DocType", "FileOutcome", "Linter", "select_rules", "selector_specificity"]
