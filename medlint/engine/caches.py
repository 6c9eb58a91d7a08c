"""Bounded memory for a long-lived linter: the shared per-word caches are emptied when they
grow past a limit."""

from __future__ import annotations

from medlint.analysis import readability

CACHE_LIMIT = 20_000
"""Entries a shared per-word cache may reach before it is emptied (see `trim_caches`)."""


def trim_caches(limit: int = CACHE_LIMIT) -> None:
    """Keep a long-lived linter's memory bounded: the per-word caches and spaCy vocabs shared
    by the kinds grow with every new word (118 MB to 4.6 GB over 10,000 articles of new words).
    Each one past `limit` entries is emptied (it refills with what is in use). Checked every
    TRIM_EVERY documents; the sentence pipeline bounds its
    own vocab (`Pipeline.bound_vocab`)."""
    readability.trim_caches(limit)
    # The claim analysis keeps nothing per document: it tokenises without spaCy (no vocab to
    # grow), and its matchers are built once per lexicon.


TRIM_EVERY = 100
"""Documents between two `trim_caches` checks."""


def release_word_caches() -> None:
    """Empty every per-word cache shared across documents (tokens of recent texts, split
    words, lemma pairs, number words, syllables, the last text lowercased, the sentence models'
    features of the last sentences). Called after the
    rules of a long document: its caches are full of its own words (about 6 MB for a 10 MB
    article), which the claims register and the report would otherwise be built beside; the
    next document refills them with what it uses."""
    from medlint.analysis.sentence_model import forget_features
    from medlint.kinds.cues import forget_pairs
    from medlint.matching import forget_lowered
    from medlint.tokens import forget_texts

    readability.trim_caches(0)
    forget_texts()
    forget_pairs()
    forget_lowered()
    forget_features()
