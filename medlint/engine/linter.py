"""Document x rules -> findings.

settings -> rules selected and compiled once (registry) -> per file: parse -> article type ->
the rules that apply to it (the rules' applicability keys, asked once) -> sentences (only if a
rule needs them) -> each kind yields hits in prose offsets -> source map -> line/column ->
limit per rule -> post-processing (medlint.post: per-file ignores, suppressions, dedupe, order).
"""

from __future__ import annotations

import contextlib
import functools
import re
import threading
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from medlint.analysis.nlp import Pipeline, PipelineError
from medlint.config import ConfigError, Settings
from medlint.criteria import CRITERION_IDS, Scorecard
from medlint.document import Document
from medlint.engine import caches, collector
from medlint.engine.allocator import LONG_TEXT, return_large_blocks
from medlint.engine.budgets import BUDGETS, BudgetExceeded, within
from medlint.engine.budgets import budget as cpu_budget
from medlint.findings import FileResult, Finding, InputError, Severity
from medlint.kinds import Hit, RuleContext
from medlint.kinds.base import Judgement
from medlint.parse import InputProblem, format_for, parse_document, read_file
from medlint.parse.common import size_text
from medlint.post.ignores import ignored_rules
from medlint.post.order import dedupe, in_order
from medlint.post.suppressions import SUPPRESSION_RULES, apply_suppressions
from medlint.registry.messages import fill
from medlint.registry.rules import Rule, RulePackError, load_packs
from medlint.registry.selection import check_selectors, configured_rules, where

if TYPE_CHECKING:
    from medlint.claims.register import FileClaims
    from medlint.engine.scorecard import Judged

# The document analysis (type detection, the claims register, the scorecard) is imported when
# the first file is linted: a run that the results cache answers in full never needs it.

_T = TypeVar("_T")
_SPACES = re.compile(r"\s+")
DEFAULT_LIMIT = 8
"""Findings of one rule in one document, unless the rule sets `limit` (stops a word flooding a report)."""
CLAIMS_PACK = "claims"
"""The built-in pack whose lexicon the claims register uses when several are loaded."""


def register_lexicon(rules: Iterable[Rule]) -> Path | None:
    """The lexicon of the claims register: that of the built-in claims pack's `claim` rules,
    else of the first `claim` rule loaded; None when no `claim` rule is loaded."""
    found: Path | None = None
    for rule in rules:
        if rule.kind_name != "claim" or rule.kind is None:
            continue
        path = getattr(rule.kind, "lexicon_path", None)
        if not isinstance(path, Path):
            continue
        if rule.pack == CLAIMS_PACK:
            return path
        found = found or path
    return found


@dataclass(frozen=True)
class FileOutcome:
    findings: tuple[Finding, ...]
    file: FileResult | None
    errors: tuple[InputError, ...]
    source: str = ""


class Linter:
    """Loads and compiles rules once; lints many texts. Safe to share between threads: each
    document's analysis is its own, and the rules and the sentence pipeline (shared state) lint
    one document at a time (the lock); for parallel work, use processes."""

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
        unchecked: Collection[str] = (),
        claims: bool = False,
        criteria_only: bool = False,
        lazy: bool = False,
    ) -> None:
        """`claims`: run the claim analysis on every document for the claims register (`medlint
        claims`), even when no claim rule is selected; otherwise the register holds what the
        selected claim rules' analysis found. `criteria_only`: run only the selected rules that
        judge a scorecard criterion (`medlint score`). `lazy`: load the rules on `build` (or
        the first file linted), not now: a run whose files are all in the results cache needs
        only the settings, which make the cache key."""
        self.settings = settings or Settings()
        self.register_claims = claims
        self.criteria_only = criteria_only
        self._unchecked = unchecked
        self._built: bool | Exception = False
        self._prepared = False
        self._ran: set[str] = set()
        self._linted = 0
        self._lock = threading.RLock()
        if not lazy:
            self.build()

    @property
    def built(self) -> bool:
        """Whether the rules are loaded (`build` ran without error)."""
        return self._built is True

    def build(self) -> None:
        """Load, check and select the rules (once). Raises RulePackError or ConfigError, the
        same one on every call."""
        if self._built is True:
            return
        if isinstance(self._built, Exception):
            raise self._built
        try:
            self._build()
        except (RulePackError, ConfigError, PipelineError) as exc:
            self._built = exc
            raise
        self._built = True

    def _build(self) -> None:
        self.all_rules = load_packs(self.settings.rule_packs)
        self.names: dict[str, str] = {}
        for rule in self.all_rules:
            for ident in (rule.code, rule.name, *rule.aliases):
                self.names[ident] = rule.code
        check_selectors(self.all_rules, self.settings, self._unchecked)
        self.rules = configured_rules(self.all_rules, self.settings)
        if self.criteria_only:
            self.rules = [r for r in self.rules if r.kind.criterion in CRITERION_IDS]
        self.by_code = {r.code: r for r in self.all_rules}
        self.packs = {
            pack: frozenset(r.code for r in self.all_rules if r.pack == pack)
            for pack in {r.pack for r in self.all_rules}
        }
        needs: set[str] = set()
        for rule in self.rules:
            needs |= rule.kind.NEEDS
        self.claims_lexicon = register_lexicon([*self.rules, *self.all_rules])
        if self.register_claims:
            if self.claims_lexicon is None:
                raise ConfigError(
                    f"{where(self.settings)}: the claims register needs a claim lexicon, and no "
                    "rule of kind 'claim' is loaded"
                )
            needs.add("sentences")
        self.needs = needs
        self.pipeline = Pipeline(self.settings.nlp_model) if needs else None
        if self.pipeline is not None:
            self.pipeline.require(needs)

    def prepare(self) -> None:
        """Load the enabled rules' lazy data now (see `Kind.prepare`); once per linter."""
        if self._prepared:
            return
        self.build()
        self._prepared = True
        for rule in self.rules:
            try:
                rule.kind.prepare()
            except Exception:  # `find` loads the same data and reports the failure
                continue

    def _run_rule(self, rule: Rule, budget: float, run: Callable[[], _T]) -> _T:
        """`run()` for `rule` within `budget`. A rule's first run in this linter may also build
        what its kind builds on first use (a matcher): it gets FIRST_RUN_BUDGET, which the
        file's budget does not count, so a slow machine never stops a build half-way."""
        if rule.code in self._ran:
            return within(budget, run)
        self._ran.add(rule.code)
        with BUDGETS.exempt():
            return within(max(budget, self.FIRST_RUN_BUDGET), run)

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
        self.build()  # a broken rule pack is the caller's to report, not this file's error
        try:
            fmt = format_for(path, format, self.settings.extensions, text)
        except InputProblem as exc:
            return FileOutcome((), None, (InputError(shown, str(exc)),))
        if len(text) > LONG_TEXT:
            return_large_blocks()
        if not text or text.isspace():  # `not text.strip()`, without a copy of a long text
            # Nothing to judge: "no sources, no date, no author" would be noise about nothing.
            return FileOutcome((), None, (InputError(shown, "empty file, nothing to lint"),))
        errors: list[InputError] = []

        def lint() -> tuple[Document, tuple[Finding, ...], FileResult]:
            doc, problem = parse_document(text, path=shown, fmt=fmt)
            if problem:
                errors.append(InputError(shown, problem))
            return doc, *self.lint_document(doc, errors if contain else None)

        budget = cpu_budget(*self.FILE_BUDGET, len(text))
        try:
            with collector.settled():
                doc, findings, file_result = within(budget, lint)
        except BudgetExceeded:
            message = (
                f"not linted: stopped after {budget:.1f} s of CPU, the time budget for a file of "
                f"{size_text(len(text.encode('utf-8', 'surrogatepass')))}. Please report this file."
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
            text = read_file(path, self.settings.max_file_size)
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
        self.build()
        # The lock: the rules' lazy state and the sentence pipeline, one document at a time.
        with self._lock, collector.settled():
            return self._lint_document(doc, errors)

    def _lint_document(self, doc: Document, errors: list[InputError] | None) -> tuple[tuple[Finding, ...], FileResult]:
        from medlint.analysis.classify import classify, vocabulary

        with BUDGETS.exempt():  # one-off loading (the type vocabulary, rules' data, a spaCy model)
            vocabulary()
            self.prepare()
            if self.pipeline is not None and doc.blocks:
                self.pipeline.load()
        doc_type = classify(doc)
        ctx = RuleContext(settings=self.settings, doc_type=doc_type)
        ctx.analysis.long_document = len(doc.source) > LONG_TEXT
        ignored = ignored_rules(doc.path, self.settings, self.all_rules)
        # The rules that are not for this document are never run: the one place that asks.
        not_for: dict[str, str] = {}
        for rule in self.rules:
            why_not = rule.applicability.why_not(doc_type, self.settings.audience)
            if why_not is not None:
                not_for[rule.code] = why_not
        skipped = ignored | not_for.keys()
        rule_budget = cpu_budget(*self.RULE_BUDGET, len(doc.source))
        if self.pipeline is not None and doc.blocks:
            self.pipeline.add_sentences(doc.blocks)
        findings: list[Finding] = []
        failed: set[str] = set()  # rules that did not finish: no verdict from them
        # post-processing makes the suppression rules' findings
        to_run = [r for r in self.rules if r.code not in skipped and r.code not in SUPPRESSION_RULES]
        ctx.analysis.kinds = tuple(rule.kind for rule in to_run)
        # The last rule to read each kind's working data: after it, the data is let go.
        last_reader = {name: i for i, rule in enumerate(to_run) for name in rule.kind.SHARES}
        for i, rule in enumerate(to_run):
            try:
                findings.extend(
                    self._run_rule(rule, rule_budget, functools.partial(self._rule_findings, doc, ctx, rule))
                )
            except BudgetExceeded as exc:
                failed.add(rule.code)
                self._overtime(doc, rule, float(exc.args[0]), errors)
            except Exception as exc:  # one broken rule must not cost the other rules or files
                failed.add(rule.code)
                if errors is None:
                    raise
                errors.append(
                    InputError(
                        doc.path,
                        f"internal error in rule {rule.code} ({type(exc).__name__}: "
                        f"{exc}); the other rules ran. Please report this.",
                    )
                )
            finally:
                for name in rule.kind.SHARES:
                    if last_reader[name] == i:
                        ctx.analysis.drop(name)
        self._linted += 1
        if len(doc.source) > LONG_TEXT:
            with contextlib.suppress(Exception), BUDGETS.exempt():
                caches.release_word_caches()
        elif self._linted % caches.TRIM_EVERY == 0:
            with contextlib.suppress(Exception), BUDGETS.exempt():  # housekeeping never costs a file
                caches.trim_caches()
        enabled = {r.code: r for r in self.rules if r.code not in ignored}
        findings = in_order(dedupe(apply_suppressions(doc, findings, self.names, self.packs, enabled)))
        result = FileResult(
            doc.path,
            doc.word_count(),
            doc.format,
            doc_type.type,
            doc_type.reason,
            tuple(ctx.analysis.grades),
            self._claims(doc, ctx, errors),
            self._scorecard(doc, ctx, ignored | failed, not_for),
        )
        return tuple(findings), result

    def _scorecard(
        self, doc: Document, ctx: RuleContext, skipped: set[str], not_for: Mapping[str, str]
    ) -> Scorecard | None:
        """The verdicts of the selected criterion rules (None when no such rule is selected):
        "not applicable" for those not for this document (`not_for`: why), else the rule's. A
        criterion kind keeps its verdict from `find` in `ctx.analysis`, so this repeats no work."""
        judged: dict[str, list[Judged]] = {}
        for rule in self.rules:
            criterion = rule.kind.criterion
            if criterion not in CRITERION_IDS or rule.code in skipped:
                continue
            why_not = not_for.get(rule.code)
            judgement = Judgement("not_applicable", why_not) if why_not is not None else rule.kind.judge(doc, ctx)
            if judgement is not None:
                judged.setdefault(str(criterion), []).append((rule.code, rule.name, judgement))
        if not judged:
            return None
        from medlint.engine.scorecard import build_scorecard

        dt = ctx.doc_type
        return build_scorecard(doc, dt.type, dt.reason, bool(dt.promotional), judged)

    def _claims(self, doc: Document, ctx: RuleContext, errors: list[InputError] | None) -> FileClaims | None:
        """The claims register of `doc`, from the claim rules' cached analysis (or run for it)."""
        if self.claims_lexicon is None:
            return None
        from medlint.claims.register import collect

        try:
            promotional = bool(getattr(ctx.doc_type, "promotional", False))
            return collect(doc, ctx.analysis.claims, promotional, self.claims_lexicon, run=self.register_claims)
        except Exception as exc:
            if errors is None:
                raise
            errors.append(
                InputError(
                    doc.path, f"internal error in the claim analysis ({type(exc).__name__}: {exc}). Please report this."
                )
            )
            return None

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
        suggestion = hit.suggestion or (rule.suggestion and fill(rule.suggestion, values)) or None
        values["suggestion"] = suggestion or ""
        message = fill(hit.message or rule.message, values)
        line, col = doc.lines.line_col(start)
        end_line, end_col = doc.lines.line_col(end)
        around = doc.source[max(0, start - 30) : end + 30]
        # The same, without a list of every word of a long span (a 10 MB sentence).
        context = " ".join(around.split()) if len(around) < 10_000 else _SPACES.sub(" ", around).strip()
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


__all__ = ["BudgetExceeded", "FileOutcome", "Linter", "register_lexicon"]
