"""Literal pre-tests see lowercase text even when one character lowercases to two."""

from __future__ import annotations

import re

import pytest

from medlint.matching import RegexList, lowered


@pytest.mark.parametrize("place", ["Istanbul", "İstanbul"])
def test_a_capitalised_match_is_found_beside_a_character_that_lowercases_to_two(place: str) -> None:
    patterns = RegexList([re.compile(r"\bmiracle\b", re.IGNORECASE)])
    assert patterns.search_any(f"{place} MIRACLE cure")
    assert patterns.candidates(f"{place} MIRACLE cure") == list(patterns)


def test_lowered_keeps_offsets() -> None:
    text = "İstanbul MIRACLE"
    low = lowered(text)
    assert len(low) == len(text)
    assert low[9:] == "miracle"
