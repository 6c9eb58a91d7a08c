"""Which rules run: select/ignore semantics (ruff's: the most specific selector wins), checks
that every selector names a rule, and each selected rule configured with its options and
severity from the configuration."""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterable, Mapping
from dataclasses import replace
from typing import Any

from medlint.config import ConfigError, Settings
from medlint.kinds import ParamError
from medlint.registry.rules import Rule


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


def where(settings: Settings) -> str:
    """How messages name the configuration `settings` came from."""
    return str(settings.source) if settings.source else "configuration"


def unknown_selector(selector: str, rules: Iterable[Rule]) -> str | None:
    """Why `selector` names no rule (with a did-you-mean), or None when it names one."""
    rules = list(rules)
    if any(selector_specificity(selector, r) >= 0 for r in rules):
        return None
    names = sorted({n for r in rules for n in (r.code, r.name, r.pack, *r.aliases)})
    close = difflib.get_close_matches(selector, names, n=1) or difflib.get_close_matches(selector.upper(), names, n=1)
    return f"'{selector}' names no rule" + (f" (did you mean '{close[0]}'?)" if close else "")


def check_selectors(rules: list[Rule], settings: Settings, unchecked: Collection[str]) -> None:
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
                raise ConfigError(f"{where(settings)}: {key}: {problem}")
    # Severity and options are set per rule: a prefix or pack would be silently ignored.
    idents = {n for r in rules for n in (r.code, r.name, *r.aliases)}
    for key, names in (("severity", settings.severity), ("rules", settings.rules)):
        for name in names:
            if name not in idents:
                problem = unknown_selector(name, rules) or f"'{name}' is not one rule"
                raise ConfigError(f"{where(settings)}: {key}: {problem}; name one rule by its code, name or alias")


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


def _lookup(table: Mapping[str, Any], rule: Rule) -> Any:
    for ident in (rule.code, rule.name, *rule.aliases):
        if ident in table:
            return table[ident]
    return None


def configured_rules(all_rules: Iterable[Rule], settings: Settings) -> list[Rule]:
    """The rules `settings` select, each rebuilt with its options and given its severity.

    Every rule with options is rebuilt, selected or not: a typo in an option should not wait
    for the day the rule is turned on."""
    all_rules = list(all_rules)
    with_options = {}
    for rule in all_rules:
        options = _lookup(settings.rules, rule)
        if options:
            try:
                with_options[rule.code] = rule.with_kind(options)
            except ParamError as exc:
                raise ConfigError(f"{where(settings)}: [rules.{rule.code}]: {exc}") from None
    out = []
    for rule in select_rules(all_rules, settings):
        rule = with_options.get(rule.code, rule)
        severity = _lookup(settings.severity, rule)
        if severity is not None:
            rule = replace(rule, severity=severity)
        out.append(rule)
    return out
