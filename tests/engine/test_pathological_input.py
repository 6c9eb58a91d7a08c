"""Inputs that once took minutes to hours: long runs of one pattern inside a sentence.

Each was quadratic somewhere (spaCy's tokenizer on a run of brackets, the domain and e-mail
regexes on "a.a.a..." and "a@a@...", the abbreviation rule on a sentence of acronyms). At the
sizes here the quadratic versions take minutes, so a regression shows as a stuck suite; the
assertions check the text around each run is still linted at its exact place.
"""

from __future__ import annotations

import pytest

from medlint.engine import Linter
from medlint.sentences import tame

RUNS = ["[", "(", "'", ".", "a.", "a@", "a/", "a-", "AB ", "*", "`", "<", "a.com", "1,"]


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter()


@pytest.mark.parametrize("run", RUNS)
@pytest.mark.parametrize("fmt", ["md", "txt"])
def test_a_long_run_inside_a_sentence_is_linted_around(linter: Linter, run: str, fmt: str) -> None:
    head = "# Knee pain\n\n" if fmt == "md" else "Knee pain\n\n"
    body = "This miracle cure " + run * (60_000 // len(run)) + " lasts forever.\n"
    outcome = linter.lint_text(head + body, path=f"long.{fmt}")
    assert not outcome.errors
    start = len(head) + body.index("miracle")
    assert any(f.code == "CLM001" and f.start_offset == start for f in outcome.findings)


def test_taming_keeps_length_and_the_last_character() -> None:
    text = "Short words. " + "[" * 300 + "." + " " + "x" * 199 + " end"
    tamed = tame(text)
    assert len(tamed) == len(text)
    assert tamed.startswith("Short words. ") and tamed.endswith(" " + "x" * 199 + " end")
    assert set(tamed[13:313]) == {"x"} and tamed[313] == "."
    assert tame("No long run here.") == "No long run here."
