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
from medlint.matching import HINTS_TABLE, Prefilter, RegexList, lowered


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


_LONG_TEXTS = [
    "Patients took ibuprofen; SIDE EFFECTS were mild. " * 9,
    "Ä İstanbul clinic's MIRACLE cure. " * 9,  # "İ" lowercases to two characters
    "ΣΟΦΙΑ said the Miracle worked. " * 9,  # a capital sigma lowercases by its neighbours
    "plain words with nothing to find here at all " * 9,
]


@pytest.mark.parametrize("text", _LONG_TEXTS)
def test_a_long_text_is_tested_a_piece_at_a_time_as_its_lowercase_would_be(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from medlint import matching

    filters = [
        Prefilter([r"\bside\s+effects?\b"]),
        Prefilter([r"\bmiracle\b", r"ibuprofen"]),
        Prefilter([r"\bistanbul\b"]),
        Prefilter([r"\b[A-Z]{3,}\b"]),  # no literal: always
    ]
    expected = [f.may_match(matching.lowered(text)) for f in filters]
    lists = [
        RegexList([re.compile(p, re.I) for p in ps])
        for ps in ([r"\bmiracle\b", r"\b[A-Z]\w+ clinic"], [r"side effects?", r"ibuprofen"])
    ]
    spans = [(a, b) for a in range(0, len(text), 37) for b in (a + 5, a + 60, len(text))]
    expected_spans = [[rl.search_any(text, a, b) for a, b in spans] for rl in lists]
    # Long from 40 characters on, in pieces of 16 (far shorter than the literals' reach).
    monkeypatch.setattr(matching, "LONG_LOWER", 40)
    monkeypatch.setattr(matching, "_PIECE", 16)
    matching.forget_lowered()
    assert [f.may_match_text(text) for f in filters] == expected
    fresh = [RegexList([re.compile(p.pattern, re.I) for p in rl]) for rl in lists]
    assert [[rl.search_any(text, a, b) for a, b in spans] for rl in fresh] == expected_spans
    if "Σ" not in text:  # with a capital sigma, lowercased whole as before
        assert matching._LOWERED[0] is not text  # a long text's lowercase is not kept


def test_a_literal_across_two_pieces_of_a_long_text_is_found(monkeypatch: pytest.MonkeyPatch) -> None:
    from medlint import matching

    monkeypatch.setattr(matching, "LONG_LOWER", 40)
    monkeypatch.setattr(matching, "_PIECE", 16)
    prefilter = Prefilter([r"\bibuprofen\b"])
    for at in range(40, 90):  # the word across each place a piece may end
        text = "x " * (at // 2) + " " * (at % 2) + "IBUPROFEN " + "y " * 30
        assert prefilter.may_match_text(text), at
        assert not prefilter.may_match_text(text.replace("IBUPROFEN", "IBU PROFEN"))


def test_a_span_of_a_long_text_with_a_character_that_lowercases_to_two(monkeypatch: pytest.MonkeyPatch) -> None:
    from medlint import matching

    monkeypatch.setattr(matching, "LONG_LOWER", 40)
    # "İ" matches "i" case-insensitively but lowercases to two characters: the literal
    # "istanbul" is not in the lowercase, so the alternation must run.
    patterns = RegexList([re.compile(r"\bistanbul\b", re.IGNORECASE), re.compile(r"\d{5}")])
    text = "Our clinic in İSTANBUL offers a miracle cure. " * 5
    start = text.index("İSTANBUL") - 10
    assert patterns.search_any(text, start, start + 30)
    assert not patterns.search_any(text, start + 12, start + 30)
