"""The criterion kind's per-block tokens: the same words and offsets, kept small."""

from __future__ import annotations

from medlint.kinds.cues import tokens


def test_a_repeated_word_shares_one_pair_and_offsets_are_exact() -> None:
    text = "Side-effects: the drug may cause nausea. The drug is not for everyone."
    toks = tokens(text)
    drugs = [k for k, (_, low) in enumerate(toks.words) if low == "drug"]
    assert len(drugs) == 2 and toks.words[drugs[0]] is toks.words[drugs[1]]
    assert [text[s:e] for s, e in zip(toks.starts, toks.ends, strict=True)][:4] == ["Side", "effects", ":", "the"]
    assert ("cause", "cause") in toks.words
