"""Where the files that ship with medlint live: the built-in rule packs and their data.

A module of its own at the bottom of the import graph, so that classification, rule kinds and
the rule loader can all find built-in data without importing one another.
"""

from __future__ import annotations

from pathlib import Path


def builtin_rules_dir() -> Path:
    """The built-in packs: `medlint/_rules` in an installed wheel, `rules/` in a source tree."""
    here = Path(__file__).resolve().parent
    shipped = here / "_rules"
    return shipped if shipped.is_dir() else here.parent / "rules"
