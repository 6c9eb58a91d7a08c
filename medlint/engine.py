"""Document x rules -> findings, then the post-processing chain.

settings -> rules selected and compiled once -> per file: parse -> sentences (only if a rule
needs them) -> each kind yields hits in prose offsets -> source map -> line/column ->
limit per rule, suppressions, per-file ignores, dedupe, sort.
"""

from __future__ import annotations

import difflib
import fnmatch
import stat
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from medlint.claims.register import FileClaims, collect, register_lexicon
from medlint.classify import DocType, classify
from medlint.config import ConfigError, Settings
from medlint.document import Document
from medlint.findings import FileResult, Finding, InputError, Severity
from medlint.kinds import Hit, ParamError, RuleContext
from medlint.nlp import Pipeline, PipelineError, SentenceWorker
from medlint.parse import InputProblem, decode, format_for, parse_document
from medlint.rules import Rule, load_packs
from medlint.suppress import Suppressions, parse_suppressions

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
    lists = {"select": settings.select or (), "extend-select": settings.extend_select, "ignore": settings.ignore,
             **{f"per-file-ignores.{g}": v for g, v in settings.per_file_ignores.items()}}
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
                raise ConfigError(f"{_where(settings)}: {key}: {problem}; name one rule by its code, "
                                  "name or alias")


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


class _Values(dict[str, Any]):
    """Message values that leave an unknown placeholder visible instead of raising, so a typo
    in a rule's message shows in the output (and the rule's examples test catches it)."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _fill(template: str, values: dict[str, Any]) -> str:
    return template.format_map(_Values(values))


class Linter:
    """Loads and compiles rules once; lints many texts. Not thread-safe (the pipeline is shared)."""

    def __init__(self, settings: Settings | None = None, *, worker: SentenceWorker | None = None,
                 unchecked: Collection[str] = (), claims: bool = False) -> None:
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
        self.packs = {pack: frozenset(r.code for r in self.all_rules if r.pack == pack)
                      for pack in {r.pack for r in self.all_rules}}
        needs: set[str] = set()
        for rule in self.rules:
            needs |= rule.kind.NEEDS
        self.claims_lexicon = register_lexicon([*self.rules, *self.all_rules])
        self.register_claims = claims
        if claims:
            if self.claims_lexicon is None:
                raise ConfigError(f"{_where(self.settings)}: the claims register needs a claim lexicon, and no "
                                  "rule of kind 'claim' is loaded")
            needs.add("sentences")
        self.needs = needs
        self.pipeline = Pipeline(self.settings.nlp_model, worker) if needs else None
        if self.pipeline is not None:
            self.pipeline.require(needs)
        self._prepared = False

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

    def _prepare(self, doc: Document, ctx: RuleContext, ignored: set[str]) -> None:
        self.prepare()
        for rule in self.rules:
            if rule.code in ignored:
                continue
            try:
                rule.kind.prepare_document(doc, ctx)
            except Exception:  # `find` does the same work and reports the failure
                continue

    # -- entry points -------------------------------------------------------------------

    def lint_text(self, text: str, *, path: str | None = None, format: str | None = None,
                  contain: bool = True) -> FileOutcome:
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
        try:
            doc, problem = parse_document(text, path=shown, fmt=fmt)
            errors = [InputError(shown, problem)] if problem else []
            findings, file_result = self.lint_document(doc, errors if contain else None)
        except PipelineError as exc:  # the configured model: the user's to fix, not a bug
            if not contain:
                raise
            return FileOutcome((), None, (InputError(shown, str(exc)),))
        except Exception as exc:  # a bug of ours on one file must not cost the other files
            if not contain:
                raise
            return FileOutcome((), None, (InputError(shown, f"internal error, file not linted "
                                                            f"({type(exc).__name__}: {exc}). Please report this."),))
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
        doc_type = classify(doc)
        ctx = RuleContext(settings=self.settings, doc_type=doc_type)
        ignored = self._per_file_ignores(doc.path)
        if self.pipeline is not None and doc.blocks:
            self.pipeline.add_sentences(doc.blocks, while_waiting=lambda: self._prepare(doc, ctx, ignored))
        findings: list[Finding] = []
        for rule in self.rules:
            if rule.code in ignored or rule.code in (UNUSED_SUPPRESSION, UNKNOWN_SUPPRESSION):
                continue
            limit = rule.limit or DEFAULT_LIMIT
            try:
                count = 0
                for hit in rule.kind.find(doc, ctx):
                    if hit.block is not None and doc.blocks[hit.block].in_references and rule.kind.JUDGES_WORDING:
                        continue
                    findings.append(self._finding(doc, rule, hit))
                    count += 1
                    if count >= limit:
                        break
            except Exception as exc:  # one broken rule must not cost the other rules or files
                if errors is None:
                    raise
                errors.append(InputError(doc.path, f"internal error in rule {rule.code} ({type(exc).__name__}: "
                                                   f"{exc}); the other rules ran. Please report this."))
        findings = self._suppress(doc, findings, ignored)
        findings = _dedupe(findings)
        findings.sort(key=lambda f: (f.line, f.column, f.code, f.end_line, f.end_column))
        result = FileResult(doc.path, doc.word_count(), doc.format, doc_type.type, doc_type.reason,
                            tuple(ctx.notes.get("grades", ())), self._claims(doc, ctx, errors))
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
            errors.append(InputError(doc.path, f"internal error in the claim analysis ({type(exc).__name__}: "
                                               f"{exc}). Please report this."))
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
            start, end = prose.source_start(hit.start), prose.source_end(hit.end)
            match = prose.text[hit.start : hit.end]
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
            path=doc.path, code=rule.code, name=rule.name, pack=rule.pack,
            severity=level, message=message,
            line=line, column=col, end_line=end_line, end_column=end_col,
            start_offset=start, end_offset=end, match=match, suggestion=suggestion,
            scope=scope, context=context,  # type: ignore[arg-type]
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
                    kept.append(self._comment_finding(doc, UNKNOWN_SUPPRESSION, s.start, s.end,
                                                      {"code": word}))
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
            path=doc.path, code=rule.code, name=rule.name, pack=rule.pack, severity=rule.severity,
            message=_fill(rule.message, {"match": text, **values}), line=line, column=col,
            end_line=end_line, end_column=end_col, start_offset=start, end_offset=end, match=text,
            suggestion=None, scope="span", context=text,
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
