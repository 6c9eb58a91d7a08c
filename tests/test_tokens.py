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
