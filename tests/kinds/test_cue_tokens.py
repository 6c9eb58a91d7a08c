"""The criterion kind's per-block tokens: the same words and offsets, kept small."""

from __future__ import annotations

import pytest

from medlint.kinds.cues import tokens


def test_a_repeated_word_shares_one_pair_and_offsets_are_exact() -> None:
    text = "Side-effects: the drug may cause nausea. The drug is not for everyone."
    toks = tokens(text)
    drugs = [k for k, (_, low) in enumerate(toks.words) if low == "drug"]
    assert len(drugs) == 2 and toks.words[drugs[0]] is toks.words[drugs[1]]
    assert [text[s:e] for s, e in zip(toks.starts, toks.ends, strict=True)][:4] == ["Side", "effects", ":", "the"]
    assert ("cause", "cause") in toks.words


def test_a_long_text_matched_a_window_at_a_time_finds_what_the_whole_text_finds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from medlint.kinds import cues

    matchers = [
        cues.CueMatcher({"harm": ["side effect", "may * cause *? harm"], "cost": ["~[$£€] NUM", "cost"]}),
        cues.CueMatcher({"who": ["not for everyone", "people who have kidney disease"]}),
        cues.CueMatcher({}),
    ]
    sentence = (
        "Side-effects: it may also cause serious harm. It costs $ 40 a month and is not for "
        "everyone, least of all people who have kidney disease. "
    )
    text = sentence * 40
    whole = [m.find(cues.tokens(text)) for m in matchers]
    assert whole[0] and whole[1] and not whole[2]
    # Windows far smaller than the text and than a sentence: many matches read across an edge.
    for size in (7, 23, 60, 500):
        monkeypatch.setattr(cues, "MATCH_WINDOW", size)
        assert cues.find_each(text, matchers) == whole, size


def test_a_long_text_matched_packed_finds_the_same_matches(monkeypatch: pytest.MonkeyPatch) -> None:
    from medlint.kinds import cues

    matchers = [
        cues.CueMatcher({"harm": ["side effect", "may * cause *? harm"], "cost": ["~[$£€] NUM", "cost"]}),
        cues.CueMatcher({"who": ["not for everyone"]}),
    ]
    text = "Side-effects: it may also cause serious harm. It costs $ 40 and is not for everyone. " * 30
    whole = [m.find(cues.tokens(text)) for m in matchers]
    for size in (23, 500, 1_000_000):
        monkeypatch.setattr(cues, "MATCH_WINDOW", size)
        packed = cues.find_each_packed(text, matchers)
        assert [list(p) for p in packed] == whole, size
        assert [len(p) for p in packed] == [len(w) for w in whole]
        assert packed[0][3] == whole[0][3] and packed[0][-1] == whole[0][-1]
        assert packed[1][1:3] == whole[1][1:3]


def test_one_index_of_several_rules_cues_finds_what_each_rules_own_finds() -> None:
    from medlint.kinds import cues

    # Cue names shared between rules, a phrase in two rules, wildcards, numbers and regexes:
    # each rule must get exactly its own matches, in its own order.
    matchers = [
        cues.CueMatcher({"harm": ["side effect", "may * cause *? harm"], "cost": ["~[$£€] NUM", "NUM in NUM"]}),
        cues.CueMatcher({"harm": ["cause", "side effect"], "who": ["not for everyone", "* who have"]}),
        cues.CueMatcher({"number": ["NUM", "one in NUM"], "zz": ["side"], "aa": ["side effect"]}),
    ]
    texts = [
        "Side-effects: it may also cause serious harm. It costs $ 40, and 1 in 10 people who have it stop.",
        "It is not for everyone; one in 20 may cause harm. Side effect, side effects, side-effect.",
        "",
        "Nothing here.",
    ]
    combined = cues.CombinedCues(matchers)
    for text in texts:
        toks = cues.tokens(text)
        assert combined.find(toks) == [m.find(toks) for m in matchers], text
