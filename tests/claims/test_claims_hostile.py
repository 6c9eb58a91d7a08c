"""Crafted sentences of thousands of trigger words stay linear in the claim analysis.

A guard against hangs, not a speed target: each input is about 60 KB of one sentence and
must finish in a few seconds of CPU (it takes well under one). Before the per-label bound,
pairing every effect with every outcome of such a sentence took over 20 s.
"""

from __future__ import annotations

import time

import pytest

from medlint.config import Settings
from medlint.engine import Linter

CASES = {
    "effects and outcomes": "helps reduce relieve pain fatigue anxiety " * 1500,
    "cure claims in one sentence": "this cures pain and arthritis and cancer and boosts energy and mood " * 900,
    "hedged cures": "It may be that this cures but ... works " * 1500,
    "negated hype": "no miracle " * 6000,
    "quoted hype": '"miracle" cure for back pain ' * 2000,
}


@pytest.fixture(scope="module")
def claims() -> Linter:
    return Linter(Settings(select=("claims",)))


@pytest.mark.parametrize("name", sorted(CASES))
def test_one_huge_sentence_is_linear(claims: Linter, name: str) -> None:
    text = CASES[name]
    start = time.process_time()
    outcome = claims.lint_text(text, path="a.txt")
    assert time.process_time() - start < 5.0
    for f in outcome.findings:
        assert text[f.start_offset : f.end_offset] == f.match


@pytest.mark.parametrize(
    "text",
    ["", "   ", "quote –", "quote – ", "quote –\n\t ", "quote --  ", "quote", "– ", "x—\u00a0", "a - b  "],
)
def test_what_ends_before_a_sentence_is_read_in_place_as_a_stripped_copy_would_read(text: str) -> None:
    # The signature test reads the text before each short sentence in place: a copy of it for
    # every sentence made a long paragraph quadratic.
    from medlint.claims.analyze import ends_before

    dashes = ("—", "–", "-", "--", "―")
    for end in range(len(text) + 1):
        assert ends_before(text, end, dashes) == text[:end].rstrip().endswith(dashes), (text, end)
