"""Literal hints: the words every match of a pattern contains, derived from the parsed pattern,
and the table of the built-in packs' hints that a cold start reads instead of parsing."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import ROOT

from medlint import matching
from medlint.config import Settings
from medlint.engine import Linter
from medlint.matching import HINTS_TABLE, derive_literal_hints, literal_hints


@pytest.mark.parametrize(
    ("pattern", "hints"),
    [
        (r"\bmiracle\s+cures?\b", {"miracle"}),
        (r"\bside effects?\b", {"side effect"}),
        (r"\bag(?:e)?ing\b", {"aging", "ageing"}),
        (r"\b(?:cures?|heals?)\b", {"cure", "heal"}),
        (r"\b[A-Z][a-z]+ Clinic\b", {" clinic"}),
        (r"\b[A-Z][a-z]+\b", None),
        (r"\bno\b", None),  # too short to rule out much text
    ],
)
def test_hints_are_derived_from_the_pattern(pattern: str, hints: set[str] | None) -> None:
    assert derive_literal_hints(pattern) == (None if hints is None else frozenset(hints))


def _table() -> dict[str, list[str] | None]:
    table: dict[str, list[str] | None] = json.loads(HINTS_TABLE.read_text(encoding="utf-8"))["hints"]
    return table


def test_every_match_in_the_examples_holds_one_of_its_patterns_hints() -> None:
    """The table's hints are sound on real text: a hint missing from a match would hide it."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.md"))]
    matched = 0
    for pattern, hints in _table().items():
        if hints is None:
            continue
        for text in texts:
            for m in re.finditer(pattern, text, re.IGNORECASE):
                if m.group(0):
                    matched += 1
                    assert any(h in m.group(0).lower() for h in hints), (pattern, m.group(0))
    assert matched > 100  # the check saw real matches


def test_the_builtin_packs_need_no_hints_derived_at_run_time(monkeypatch: pytest.MonkeyPatch) -> None:
    derived: list[str] = []

    def derive(pattern: str) -> frozenset[str] | None:
        derived.append(pattern)
        return derive_literal_hints(pattern)

    monkeypatch.setattr(matching, "_HINTS", {})
    monkeypatch.setattr(matching, "derive_literal_hints", derive)
    linter = Linter(Settings(extend_select=("ALL",)))
    for path in sorted((ROOT / "examples").glob("*.md")):
        linter.lint_path(path)
    assert derived == []


def test_a_pattern_the_table_lacks_is_derived(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(matching, "_HINTS", {})
    assert r"\bzqx-unlisted\s+cures?\b" not in _table()
    assert literal_hints(r"\bzqx-unlisted\s+cures?\b") == frozenset({"zqx-unlisted"})


def test_without_the_table_every_pattern_is_derived(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    pattern, hints = next((p, h) for p, h in _table().items() if h is not None)
    monkeypatch.setattr(matching, "_HINTS", {})
    monkeypatch.setattr(matching, "_KNOWN", None)
    monkeypatch.setattr(matching, "HINTS_TABLE", tmp_path / "missing.json")
    assert literal_hints(pattern) == frozenset(hints)
    assert matching._KNOWN == {}
