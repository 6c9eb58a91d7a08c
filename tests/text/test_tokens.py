"""The spaCy-free tokenizer cuts prose as spaCy's English tokenizer does in ordinary text."""

from __future__ import annotations

import pytest

from medlint.tokens import like_num, tokenize


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Our clinic's cure won't fail.", ["Our", "clinic", "'s", "cure", "wo", "n't", "fail", "."]),
        ('A "miracle" (100%)!', ["A", '"', "miracle", '"', "(", "100", "%", ")", "!"]),
        ("non-habit-forming", ["non", "-", "habit", "-", "forming"]),
        ("e.g. Dr. Smith saw 1,000 people", ["e.g.", "Dr.", "Smith", "saw", "1,000", "people"]),
        ("I'm down 22 pounds", ["I", "'m", "down", "22", "pounds"]),
        ("really...", ["really", "..."]),
        # Every opening mark comes off, not only the first.
        ('("e.g. a trial', ["(", '"', "e.g.", "a", "trial"]),
        # A full stop run into the next sentence is cut out of it.
        ("the bladder.The valves", ["the", "bladder", ".", "The", "valves"]),
        # A unit run into its number comes off it; a name that only ends in one stays whole.
        ("lost 4.6kg (10lb), 500mg", ["lost", "4.6", "kg", "(", "10", "lb", ")", ",", "500", "mg"]),
        ("B12mg 2nd 3am.", ["B12mg", "2nd", "3", "am", "."]),
    ],
)
def test_tokens_as_spacy_cuts_them(text: str, expected: list[str]) -> None:
    assert [t.text for t in tokenize(text)] == expected


def test_offsets_and_following_space() -> None:
    text = "Stop  pain,\nnow"
    toks = list(tokenize(text))
    assert [(t.text, t.idx) for t in toks] == [("Stop", 0), ("pain", 6), (",", 10), ("now", 12)]
    assert [t.whitespace_ for t in toks] == [" ", "", " ", ""]
    assert tokenize(text)[1:3].text == "pain,"


@pytest.mark.parametrize("word", ["12", "1,000", "0.5", "1/2", "twelve", "third", "-3"])
def test_numbers(word: str) -> None:
    assert like_num(word)


@pytest.mark.parametrize("word", ["twelfths", "a1", "half", "1/2/3"])
def test_not_numbers(word: str) -> None:
    assert not like_num(word)


def _reference(text: str) -> list[tuple[str, int]]:
    """Every chunk through the full prefix/suffix/infix cutter, with no shortcut."""
    import re

    from medlint.tokens import _split

    return [piece for m in re.finditer(r"\S+", text) for piece in _split(m.group(), m.start())]


@pytest.mark.parametrize(
    "text",
    [
        "plain words only here",
        "a² c₂ ½ Ⅷ ǅungla ٣ ߁ x_y 3.5 e.g. Dr. don't it's non-habit",
        "word, word. (word) 'word' “word” word…",
    ],
)
def test_plain_word_shortcut_cuts_as_the_full_cutter(text: str) -> None:
    assert [(t.text, t.idx) for t in tokenize(text)] == _reference(text)


def test_property_shortcut_cuts_as_the_full_cutter() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    alphabet = st.sampled_from(list("ab1²½Ⅷǅ٣_-–/&'’.,;:!?()[]\"“”$%… \n"))

    @settings(max_examples=300, deadline=None)
    @given(st.text(alphabet, max_size=40))
    def check(text: str) -> None:
        assert [(t.text, t.idx) for t in tokenize(text)] == _reference(text)

    check()


def test_remembered_tokens_are_those_of_the_text() -> None:
    a = tokenize("Side effects are rare.")
    assert tokenize("Side effects are rare.") is a  # the same text: tokenised once
    assert [t.text for t in tokenize("Side effects are common.")][-2] == "common"
    long = "word " * 5000
    assert tokenize(long) is not tokenize(long)  # long texts are never held
