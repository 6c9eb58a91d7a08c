"""Literal pre-tests see lowercase text even when one character lowercases to two; the built-in
packs' patterns are compiled on first use."""

from __future__ import annotations

import copy
import json
import pickle
import re

import pytest
from conftest import ROOT

from medlint.kinds.base import regex_list
from medlint.matching import HINTS_TABLE, RegexList, lowered


@pytest.mark.parametrize("place", ["Istanbul", "İstanbul"])
def test_a_capitalised_match_is_found_beside_a_character_that_lowercases_to_two(place: str) -> None:
    patterns = RegexList([re.compile(r"\bmiracle\b", re.IGNORECASE)])
    assert patterns.search_any(f"{place} MIRACLE cure")
    assert patterns.candidates(f"{place} MIRACLE cure") == list(patterns)


@pytest.mark.parametrize(
    "texts",
    [
        ["Relieves PAIN fast.", "Nothing here."],
        ["Nothing here.", "nor here"],
        ["A clinically", "proven formula"],  # the pattern spans the join, each literal does not
        ["İstanbul", "MIRACLE cure"],  # a character that lowercases to two
        ["ΟΔΟΣ", "Σ miracle"],  # a capital sigma, lowercased by its neighbours
        [],
    ],
)
def test_candidates_of_joined_texts_are_those_of_the_joined_text(texts: list[str]) -> None:
    patterns = RegexList(
        re.compile(p, re.IGNORECASE)
        for p in [
            r"\brelie(?:f|ves)\s+pain\b",
            r"\bclinically\s+proven\b",
            r"\bmiracle\b",
            r"\b[A-Z]\w+ cure\b",
            r"\bοδος\b",
        ]
    )
    assert patterns.candidates_joined(texts) == patterns.candidates(" ".join(texts))


def test_candidates_of_joined_texts_test_a_literal_with_a_space_on_the_joined_text() -> None:
    patterns = RegexList([re.compile(r"\bside effects\b", re.IGNORECASE)])
    assert patterns.candidates_joined(["no side", "effects"]) == list(patterns)
    assert patterns.candidates_joined(["no side", "effects"], sep="\n") == []


def test_lowered_keeps_offsets() -> None:
    text = "İstanbul MIRACLE"
    low = lowered(text)
    assert len(low) == len(text)
    assert low[9:] == "miracle"


def test_builtin_patterns_are_compiled_on_first_use_and_then_match_as_compiled() -> None:
    text = (ROOT / "examples" / "back-injections-draft.md").read_text(encoding="utf-8")
    patterns = sorted(_table())
    deferred = regex_list(patterns)
    assert not any(isinstance(rx, re.Pattern) for rx in deferred)  # put off: a cold start may never need it
    found = 0
    for pattern, rx in zip(patterns, deferred, strict=True):
        real = re.compile(pattern, re.IGNORECASE)
        spans = [m.span() for m in real.finditer(text)]
        assert [m.span() for m in rx.finditer(text)] == spans
        assert [m.span() for m in rx.finditer(text)] == spans  # the compiled pattern's own method now
        assert (rx.pattern, rx.flags, rx.groups) == (real.pattern, real.flags, real.groups)
        found += len(spans)
    assert found > 20
    assert pickle.loads(pickle.dumps(regex_list(patterns[:1])[0])) == re.compile(patterns[0], re.IGNORECASE)
    assert copy.deepcopy(regex_list(patterns[:1])[0]) == re.compile(patterns[0], re.IGNORECASE)


def test_a_pattern_of_no_builtin_pack_is_compiled_at_once_and_a_bad_one_refused() -> None:
    assert isinstance(regex_list([r"\bzqx-unlisted\b"])[0], re.Pattern)
    with pytest.raises(ValueError, match="bad regular expression"):
        regex_list(["(unclosed"])


def _table() -> dict[str, list[str] | None]:
    table: dict[str, list[str] | None] = json.loads(HINTS_TABLE.read_text(encoding="utf-8"))["hints"]
    return table
