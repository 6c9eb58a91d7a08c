"""`per-file-ignores`: the rules a configuration turns off for the files matching a glob."""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable
from pathlib import Path

from medlint.config import Settings
from medlint.registry.rules import Rule
from medlint.registry.selection import selector_specificity


def ignored_rules(path: str, settings: Settings, rules: Iterable[Rule]) -> set[str]:
    """The codes of `rules` that `settings.per_file_ignores` turns off for `path` (a glob is
    matched against the path below the configuration's root, and against the file name)."""
    out: set[str] = set()
    if not settings.per_file_ignores:
        return out
    try:
        rel = Path(path).resolve().relative_to(settings.root).as_posix()
    except ValueError:
        rel = Path(path).as_posix()
    rules = list(rules)
    for glob, selectors in settings.per_file_ignores.items():
        if fnmatch.fnmatch(rel, glob) or fnmatch.fnmatch(Path(path).name, glob):
            for rule in rules:
                if any(selector_specificity(s, rule) >= 0 for s in selectors):
                    out.add(rule.code)
    return out
