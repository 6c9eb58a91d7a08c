"""A long-lived Linter (an editor server, a CMS plugin) stays within bounded memory."""

from __future__ import annotations

import random
import string
import sys

import pytest

from medlint import tokens
from medlint.config import Settings
from medlint.engine import Linter, caches


def _articles(seed: int = 1) -> object:
    """Endless short articles made of words no one has seen before."""
    rng = random.Random(seed)

    def word() -> str:
        return "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(6, 12)))

    while True:
        words = [word() for _ in range(80)]
        body = ". ".join(" ".join(words[j : j + 10]).capitalize() for j in range(4, 80, 10))
        yield "# " + " ".join(words[:4]).title() + "\n\n" + body + ".\n"


def _rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * 4096 / 1e6


def test_caches_and_vocabs_stay_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tokens, "_SPLITS_MAX", 500)  # each article adds 8 new "word." chunks
    monkeypatch.setattr(caches, "CACHE_LIMIT", 2_000)
    monkeypatch.setattr(caches, "TRIM_EVERY", 5)
    monkeypatch.setattr(caches.trim_caches, "__defaults__", (2_000,))
    linter = Linter(Settings())
    articles = _articles()
    for _ in range(121):  # about 10,000 new words
        linter.lint_text(next(articles), path="a.md")  # type: ignore[call-overload]
    assert len(tokens._SPLITS) <= 500
    from medlint.analysis import readability
    from medlint.claims import analyze

    for cache in (readability._SYLLABLE_CACHE, readability._WORD_SYLLABLES):
        assert len(cache) < 2_000 + 5 * 100
    dropped = 0
    for analyzer in analyze._ANALYZERS.values():
        if getattr(analyzer, "nlp", None) is not None:
            base = analyzer.__dict__.get("_medlint_base_strings")
            if base is None:  # built since the last check: it has seen at most TRIM_EVERY articles
                dropped += 1
            else:
                assert len(analyzer.nlp.vocab.strings) < base + 2_000 + 5 * 200


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/statm")
def test_ten_thousand_articles_of_new_words_grow_memory_by_under_100_mb() -> None:
    linter = Linter(Settings())
    articles = _articles(2)
    linter.lint_text(next(articles), path="a.md")  # type: ignore[call-overload]
    start = _rss_mb()
    for _ in range(10_000):
        linter.lint_text(next(articles), path="a.md")  # type: ignore[call-overload]
    assert _rss_mb() - start < 100
