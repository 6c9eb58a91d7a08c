"""The claim lexicon's pattern index: what spaCy's Matcher would report, written out by hand."""

from __future__ import annotations

import pytest

from medlint.claims import matching
from medlint.claims.analyze import analyzer_for
from medlint.claims.matching import ANY, MAYBE_ANY, NUMBER, PatternIndex, lemma_is, word_is, word_matches
from medlint.resources import builtin_rules_dir


def _tokens(text: str, lemmas: dict[str, str] | None = None) -> list[tuple[str, str]]:
    lemmas = lemmas or {}
    return [(lemmas.get(w, w), w) for w in text.lower().split()]


def test_every_match_including_overlaps_in_order() -> None:
    index = PatternIndex()
    index.add("a", [lemma_is("get"), lemma_is("rid"), lemma_is("of")])
    index.add("b", [lemma_is("rid")])
    found = index.find(_tokens("we got rid of it", {"got": "get"}))
    assert found == [("a", 1, 4), ("b", 2, 3)]


def test_word_elements_ignore_the_lemma() -> None:
    index = PatternIndex()
    index.add("hedge", [word_is("could")])
    assert index.find(_tokens("it can help", {"could": "can"})) == []
    assert index.find(_tokens("it could help", {"could": "can"})) == [("hedge", 1, 2)]


def test_a_wildcard_an_optional_token_and_a_number() -> None:
    index = PatternIndex()
    index.add("rob", [lemma_is("rob"), ANY, lemma_is("of")])
    index.add("after", [lemma_is("after"), MAYBE_ANY, NUMBER, lemma_is("week")])
    assert index.find(_tokens("pain robs you of sleep")) == []  # "robs" has no lemma here
    assert index.find(_tokens("pain rob you of sleep")) == [("rob", 1, 4)]
    assert index.find(_tokens("after 6 week")) == [("after", 0, 3)]
    assert index.find(_tokens("after just twelve week")) == [("after", 0, 4)]
    assert index.find(_tokens("after many week")) == []


def test_a_pattern_may_start_with_a_regular_expression() -> None:
    index = PatternIndex()
    index.add("sellers", [word_matches("(?:websites?|sellers?)"), lemma_is("say")])
    assert index.find(_tokens("some websites say so")) == [("sellers", 1, 3)]
    assert index.find(_tokens("some website's say so")) == []


def test_runs_of_lemmas_index_as_their_elements_do() -> None:
    """`add_lemmas` is `add` with one lemma element per word, made without the elements: the
    same index for every outcome term of the built-in lexicon, and the same matches."""
    analyzer = analyzer_for((builtin_rules_dir() / "claims" / "data" / "lexicon.yml").resolve())
    analyzer.build()
    terms = [(term, analyzer._term_lemmas(term)) for term in analyzer.lexicon.outcomes]
    assert len(terms) > 1000
    by_elements, by_lemmas = PatternIndex(), PatternIndex()
    for term, lemmas in terms:
        if lemmas:
            by_elements.add(term, [lemma_is(w) for w in lemmas])
        by_lemmas.add_lemmas(term, lemmas)
    assert by_lemmas._by_lemma == by_elements._by_lemma
    assert by_lemmas._by_word == by_elements._by_word == {}
    assert by_lemmas._anywhere == by_elements._anywhere == {}
    tokens = [(w, w) for w in "the pain of chronic low back pain and high blood pressure".split()]
    assert by_lemmas.find(tokens) == by_elements.find(tokens) != []


def test_matches_across_the_runs_a_long_text_is_read_in(monkeypatch: pytest.MonkeyPatch) -> None:
    """A long token list is looked up a run of `FIND_RUN` tokens at a time; a pattern that
    starts near a run's end reads on into the next, and a wildcard-, number- or regex-led one
    starts in every run."""
    index = PatternIndex()
    index.add("a", [lemma_is("get"), lemma_is("rid"), lemma_is("of")])
    index.add("b", [lemma_is("rid")])
    index.add("after", [lemma_is("after"), MAYBE_ANY, NUMBER, lemma_is("week")])
    index.add("any", [ANY, lemma_is("cure")])
    index.add("num", [NUMBER, lemma_is("day")])
    index.add("sellers", [word_matches("(?:websites?|sellers?)"), lemma_is("say")])
    tokens = _tokens("we get rid of it after just 6 week a cure 3 day websites say so get rid")
    expected = [
        ("a", 1, 4),
        ("b", 2, 3),
        ("after", 5, 9),
        ("any", 9, 11),
        ("num", 11, 13),
        ("sellers", 13, 15),
        ("b", 17, 18),
    ]
    assert index.find(tokens) == expected
    for run in (1, 2, 3, 5, 7):
        monkeypatch.setattr(matching, "FIND_RUN", run)
        assert index.find(tokens) == expected, run


def test_the_claim_lexicon_finds_the_same_in_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    analyzer = analyzer_for((builtin_rules_dir() / "claims" / "data" / "lexicon.yml").resolve())
    analyzer.build()
    text = (
        "This miracle cure is clinically proven to get rid of back pain in 7 days. Doctors say it "
        "may help some people with high blood pressure, and studies show no side effects at all! "
    ) * 5
    toks = analyzer._tokens(text)
    tokens = list(zip(toks.lemmas, toks.lowers, strict=True))
    whole = analyzer.patterns.find(tokens)
    assert len(whole) > 20
    monkeypatch.setattr(matching, "FIND_RUN", 7)
    assert analyzer.patterns.find(tokens) == whole
