"""The Python API: lint text or paths and get typed, immutable results."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from medlint.config import ConfigError, Settings, find_config_file, load_config_file, settings_from_table
from medlint.discover import Excluder, walk
from medlint.engine import Linter, unknown_selector
from medlint.findings import FileResult, Finding, InputError, Report
from medlint.fix import attach_fixes
from medlint.nlp import SentenceWorker
from medlint.rules import Rule, RulePackError


def _settings(config: Settings | Mapping[str, Any] | str | Path | None) -> Settings:
    if config is None:
        return Settings()
    if isinstance(config, Settings):
        return config
    if isinstance(config, (str, Path)):
        return load_config_file(Path(config))
    return settings_from_table(config, "config", Path.cwd(), None)


_DEFAULT: Linter | None = None


def lint_text(
    text: str,
    *,
    path: str | None = None,
    format: str | None = None,
    config: Settings | Mapping[str, Any] | str | Path | None = None,
    snippet: bool = False,
) -> tuple[Finding, ...]:
    """Lint a string. `format` is "markdown", "html" or "text" (default: from `path`, else Markdown).

    `config` is a Settings, a `[tool.medlint]`-shaped mapping, or a path to a config file.
    With `snippet`, the text is a passage (a sentence, a paragraph), not an article: checks of
    the whole article (what it leaves out, its reading grade) are left out, so "no sources, no
    date" is not said of a sentence.
    The default linter is built once and reused. A crash in medlint, or an `nlp-model` that is
    not installed, raises rather than returning no findings.
    """
    global _DEFAULT
    if config is None:
        if _DEFAULT is None:
            _DEFAULT = Linter()
        linter = _DEFAULT
    else:
        linter = Linter(_settings(config))
    outcome = linter.lint_text(text, path=path, format=format, contain=False)
    findings = attach_fixes(outcome.findings, outcome.source, {r.code: r for r in linter.rules})
    if snippet:
        findings = tuple(f for f in findings if not _whole_article(f))
    return findings


WHOLE_ARTICLE = frozenset({"RDB001", "RDB002"})
"""Span-free judgements of a whole text beside the completeness pack: document and section grades."""


def _whole_article(f: Finding) -> bool:
    return f.scope == "document" or f.pack == "completeness" or f.code in WHOLE_ARTICLE


class Session:
    """Lints many paths, each with the nearest configuration file above it (or an override)."""

    def __init__(
        self,
        override: Settings | None = None,
        cli: Mapping[str, Any] | None = None,
        worker: SentenceWorker | None = None,
        skip: frozenset[Path] = frozenset(),
        claims: bool = False,
    ) -> None:
        self.override = override
        self.claims = claims
        self.format: str | None = None
        """Parse every file as this format ("markdown", "html", "text") instead of by extension."""
        """Run the claim analysis on every file for the claims register (see `Linter`)."""
        self.skip = skip
        """Resolved paths never linted when a directory walk meets them (the report's own file)."""
        self.worker = worker
        self.cli = dict(cli or {})
        # Checked once for the whole run (cli_selector_errors), not against each configuration.
        self.cli_selectors = frozenset(
            s for key in ("select", "extend_select", "ignore") for s in self.cli.get(key) or ()
        )
        self._configs: dict[Path, Settings | ConfigError] = {}
        self._linters: dict[Path | None, Linter | Exception] = {}
        self._excluders: dict[tuple[Path, tuple[str, ...], tuple[str, ...]], Excluder] = {}

    def _apply_cli(self, settings: Settings) -> Settings:
        cli = dict(self.cli)
        extra_ignore = tuple(cli.pop("ignore", ()))
        settings = settings.merged(**cli)
        return replace(settings, ignore=settings.ignore + extra_ignore) if extra_ignore else settings

    def settings_for(self, path: Path) -> Settings:
        if self.override is not None:
            return self._apply_cli(self.override)
        found = find_config_file(path)
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

    def linter_for(self, path: Path) -> Linter:
        settings = self.settings_for(path)
        key = settings.source
        if key not in self._linters:
            try:
                self._linters[key] = Linter(
                    settings, worker=self.worker, unchecked=self.cli_selectors, claims=self.claims
                )
            except (RulePackError, ConfigError) as exc:
                self._linters[key] = exc
        linter = self._linters[key]
        if isinstance(linter, Exception):
            raise linter
        return linter

    def rule(self, code: str) -> Rule | None:
        """A rule, by code, from any configuration this session has built a linter for."""
        for linter in self._linters.values():
            if isinstance(linter, Linter) and code in linter.by_code:
                return linter.by_code[code]
        return None

    def expand(self, paths: Iterable[str | Path]) -> tuple[list[Path], list[InputError]]:
        files: list[Path] = []
        errors: list[InputError] = []
        for raw in paths:
            p = Path(raw)
            if p.is_dir():
                try:
                    settings = self.settings_for(p / "_")
                except ConfigError as exc:
                    errors.append(self._config_error(p, exc))
                    continue
                excluder = self._excluder(settings)
                files.extend(f for f in walk(p, excluder) if not self.skip or f.resolve() not in self.skip)
            elif p.exists():
                if self._force_excluded(p):
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
        rules = [r for linter in self._linters.values() if isinstance(linter, Linter) for r in linter.all_rules]
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
        key = (settings.root, patterns, settings.include)
        excluder = self._excluders.get(key)
        if excluder is None:
            excluder = self._excluders[key] = Excluder(patterns, settings.root, settings.include)
        return excluder

    def lint(self, paths: Iterable[str | Path]) -> Report:
        files, errors = self.expand(paths)
        findings: list[Finding] = []
        results: list[FileResult] = []
        sources: dict[str, str] = {}
        rules: dict[str, Any] = {}
        for path in files:
            try:
                linter = self.linter_for(path)
            except (ConfigError, RulePackError) as exc:
                errors.append(self._config_error(path, exc))
                continue
            outcome = linter.lint_path(path, format=self.format)
            findings.extend(attach_fixes(outcome.findings, outcome.source, {r.code: r for r in linter.rules}))
            errors.extend(outcome.errors)
            if outcome.file is not None:
                results.append(outcome.file)
                sources[str(path)] = outcome.source
            for rule in linter.rules:
                rules.setdefault(rule.code, rule.info())
        errors.extend(self.cli_selector_errors())
        return Report(tuple(findings), tuple(results), tuple(_once(errors)), tuple(rules.values()), sources)

    def _config_error(self, path: Path, exc: Exception) -> InputError:
        """A broken configuration or rule pack, under the configuration file's name when the
        message is about it (`_once` then merges the repeats of every file it covers)."""
        message = str(exc)
        found = self.override.source if self.override is not None else find_config_file(path)
        if found is not None and message.startswith(str(found)):
            return InputError(str(found), message)
        return InputError(str(path), message)


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


def lint_paths(
    paths: Iterable[str | Path],
    *,
    config: Settings | Mapping[str, Any] | str | Path | None = None,
    claims: bool = False,
) -> Report:
    """Lint files and directories; each file uses the nearest config unless `config` is given.

    With `claims`, every file's claims register (`FileResult.claims`, `Report.claims()`) is
    filled even when no claim rule is selected.
    """
    return Session(_settings(config) if config is not None else None, claims=claims).lint(paths)
