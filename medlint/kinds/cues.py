"""Cue vocabularies matched on lemmas, for the criterion kind.

A cue is a named list of phrases in the claim lexicon's syntax: each word matches on its lemma
(so "side effect" also finds "side-effects", "cause" finds "caused" and "causing"), `*` is any
one token, `*?` at most one, `NUM` a number ("12", "twelve", "4,120", "0.12"), and `~regex` a
token whose lowercase text matches the regular expression (`~[$£€]` for a currency sign).
Matching is case-insensitive, with the claim analysis's tokenizer (`medlint.tokens`, no spaCy in
the main process) and pattern index (`medlint.claims.matching`). Each block of a document is
tokenised once for every criterion rule, which find their cues in it together (see
`CriterionKind._matched`), and let go; a match
is reported in the block's prose offsets, so the sentence that holds it is known exactly.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import add, attrgetter
from typing import Protocol, TypeVar, overload

from medlint.claims.matching import Element, PatternIndex, compile_phrase, lemma_is
from medlint.tokens import MEMO_CHARS, Token, lemma, tokenize, tokens_between, window_end

_NUMBER = frozenset({"NUM"})


@dataclass(slots=True)
class CueTokens:
    """A text's words as (lemma, lowercase) pairs with their character offsets.

    Kept small (a 10 MB paragraph's are held whole while the criterion rules read it): each
    pair is shared by every occurrence of its word (`_pair`), offsets are 4-byte machine
    integers (`OFFSET`; a list of fresh pairs and int objects took about 50 MB per MB of text)."""

    words: list[tuple[str, str]]
    starts: Sequence[int]
    ends: Sequence[int]


def _joined(toks: list[Token]) -> list[Token]:
    """Tokens without the hyphens that join words: "side-effects" reads as "side effects"."""
    if "-" not in map(_TEXT, toks):
        return toks  # most blocks have no hyphen token: one test in C instead of a loop
    return [
        t
        for k, t in enumerate(toks)
        if not (t.text == "-" and 0 < k < len(toks) - 1 and not toks[k - 1].whitespace_ and not t.whitespace_)
    ]


_TEXT = attrgetter("text")
_IDX = attrgetter("idx")


@lru_cache(maxsize=65536)
def _pair(lower: str) -> tuple[str, str]:
    """A word's (lemma, lowercase) pair: one object per word, however often it occurs."""
    return lemma(lower), lower


def forget_pairs() -> None:
    """Empty the shared (lemma, lowercase) pairs (see `_pair`)."""
    _pair.cache_clear()


OFFSET = "I"
"""The array type of token offsets: unsigned 4-byte integers (a block's text is far shorter
than 4 billion characters: files are capped by `max-file-size`)."""

WINDOW = 20_000
"""Characters of a long text tokenised at a time (a hyphen that joins words never sits at a
window's edge, which is whitespace), so only the compact pairs and offsets are ever held whole."""


def _as_cue_tokens(kept: list[Token]) -> CueTokens:
    # Built by map() in C: a Python loop per token was most of the time here.
    texts = list(map(_TEXT, kept))
    idxs = list(map(_IDX, kept))
    return CueTokens(
        words=list(map(_pair, map(str.lower, texts))),
        starts=array(OFFSET, idxs),
        ends=array(OFFSET, map(add, idxs, map(len, texts))),
    )


def tokens(text: str) -> CueTokens:
    """`text` tokenised, each token with its lemma from the lookup table."""
    if len(text) <= MEMO_CHARS:
        return _as_cue_tokens(_joined(list(tokenize(text))))  # the claim analysis's tokens, shared
    words: list[tuple[str, str]] = []
    starts, ends = array(OFFSET), array(OFFSET)
    lo = 0
    while lo < len(text):
        hi = window_end(text, lo, WINDOW)
        part = _as_cue_tokens(_joined(tokens_between(text, lo, hi)))
        words.extend(part.words)
        starts.extend(part.starts)
        ends.extend(part.ends)
        lo = hi
    return CueTokens(words=words, starts=starts, ends=ends)


MATCH_WINDOW = 50_000
"""Characters of a long text whose cues `find_each` finds at a time."""


class _Extendable(Protocol):
    def extend(self, hits: Iterable[tuple[str, int, int]], /) -> None: ...


_Into = TypeVar("_Into", bound=_Extendable)


def find_each(text: str, matchers: Sequence[CueMatcher]) -> list[list[tuple[str, int, int]]]:
    """`[m.find(tokens(text)) for m in matchers]`, a window of the text at a time when it is
    long, so that its tokens are never held whole (a 10 MB paragraph's took about 30 MB while
    the criteria read them). A match may read on past its window: each window is matched with
    as many tokens after it as the longest pattern can reach, and keeps the matches that start
    inside it, so the matches are those of the whole text, in the same order."""
    return _find_each(text, matchers, list)


def find_each_packed(text: str, matchers: Sequence[CueMatcher]) -> list[PackedCues]:
    """`find_each`, each matcher's matches kept as `PackedCues` as they are found."""
    return _find_each(text, matchers, PackedCues)


def _find_each(text: str, matchers: Sequence[CueMatcher], into: Callable[[], _Into]) -> list[_Into]:
    out = [into() for _ in matchers]
    if len(text) <= MATCH_WINDOW:
        whole = tokens(text)
        for matcher, found in zip(matchers, out, strict=True):
            found.extend(matcher.find(whole))
        return out
    reach = max([m.longest for m in matchers] or [1]) - 1
    lo = 0
    while lo < len(text):
        hi = window_end(text, lo, MATCH_WINDOW)
        kept = _joined(tokens_between(text, lo, hi))
        at, more = hi, 0
        while more < reach and at < len(text):
            nxt = window_end(text, at, 1_000)
            after = _joined(tokens_between(text, at, nxt))
            kept += after
            more += len(after)
            at = nxt
        window = _as_cue_tokens(kept)
        for matcher, found in zip(matchers, out, strict=True):
            found.extend(hit for hit in matcher.find(window) if hit[1] < hi)
        lo = hi
    return out


class PackedCues(Sequence[tuple[str, int, int]]):
    """Cue matches (name, start, end) of a long block, kept compactly: the names shared, the
    offsets as 4-byte machine integers. As tuples, the criteria's matches of a 10 MB paragraph
    were about 5 MB, held beside its claims until the last criterion rule."""

    __slots__ = ("ends", "names", "starts")

    def __init__(self, hits: Iterable[tuple[str, int, int]] = ()) -> None:
        self.names: list[str] = []
        self.starts = array(OFFSET)
        self.ends = array(OFFSET)
        self.extend(hits)

    def extend(self, hits: Iterable[tuple[str, int, int]], /) -> None:
        names, starts, ends = self.names, self.starts, self.ends
        for name, start, end in hits:
            names.append(name)
            starts.append(start)
            ends.append(end)

    def __len__(self) -> int:
        return len(self.names)

    @overload
    def __getitem__(self, i: int) -> tuple[str, int, int]: ...

    @overload
    def __getitem__(self, i: slice) -> list[tuple[str, int, int]]: ...

    def __getitem__(self, i: int | slice) -> tuple[str, int, int] | list[tuple[str, int, int]]:
        if isinstance(i, slice):
            return list(zip(self.names[i], self.starts[i], self.ends[i], strict=True))
        return self.names[i], self.starts[i], self.ends[i]

    def __iter__(self) -> Iterator[tuple[str, int, int]]:
        return zip(self.names, self.starts, self.ends, strict=True)


def _word(text: str) -> Element:
    low = text.lower()
    lem = lemma(low)
    if low.isalpha() and not lem.isalpha():
        # The table maps "first" to "1" and "second" to "2": a text's "first" has lemma "1", so
        # it is matched by its own word (a lemma of "first" would never be met).
        return Element(keys=frozenset({("L", low), ("W", low)}))
    # Either form: the table is not always consistent ("lower" -> "low", "lowers" -> "lower").
    return lemma_is(*sorted({lem, low}))


def _elements(phrase: str) -> list[Element]:
    return compile_phrase(phrase, _word, lambda item: [t.text for t in _joined(list(tokenize(item)))], _NUMBER)


class CueMatcher:
    """A rule's named cues, in one pattern index."""

    def __init__(self, cues: Mapping[str, list[str]]) -> None:
        self.cues = dict(cues)
        self._index: PatternIndex | None = None
        self._longest = 1
        self._patterns: list[tuple[str, list[Element]]] | None = None

    def patterns(self) -> list[tuple[str, list[Element]]]:
        """(cue name, pattern elements) of every phrase, compiled once (`CombinedCues` indexes
        them again with other rules' cues)."""
        if self._patterns is None:
            out = []
            for name, phrases in self.cues.items():
                for phrase in phrases:
                    elements = _elements(phrase)
                    if elements:
                        out.append((name, elements))
                        self._longest = max(self._longest, len(elements))
            self._patterns = out
        return self._patterns

    def _build(self) -> PatternIndex:
        index = PatternIndex()
        for name, elements in self.patterns():
            index.add(name, elements)
        self._index = index
        return index

    @property
    def longest(self) -> int:
        """Tokens in the longest cue: how far a match reads from the token it starts at."""
        if self._index is None:
            self._build()
        return self._longest

    def find(self, toks: CueTokens) -> list[tuple[str, int, int]]:
        """(cue name, start, end) in the character offsets of the tokenised text."""
        if not self.cues or not toks.words:
            return []
        # No word-set test first: the index rules a block out faster than any such test (one
        # tried first cost four times the matching it was meant to save).
        index = self._index or self._build()
        return [(name, toks.starts[s], toks.ends[e - 1]) for name, s, e in index.find(toks.words)]


class CombinedCues:
    """The cues of several matchers (the criterion rules that read a block) in one pattern
    index: a block's tokens are looked up once for all of them, where each rule's own index
    made the same passes over the tokens again (about a dozen rules read every block).
    `find` gives each matcher's matches exactly as its own `find` would, in the same order."""

    def __init__(self, matchers: Sequence[CueMatcher]) -> None:
        self.matchers = tuple(matchers)
        index = PatternIndex()
        # A label per (matcher, cue name), which sorts within a matcher as the name does: a
        # match's place in the index's order (start, end, label) is the one its own gave it.
        self._labels: dict[str, tuple[int, str]] = {}
        for k, matcher in enumerate(self.matchers):
            for name, elements in matcher.patterns():
                label = f"{k:04d} {name}"
                self._labels[label] = (k, name)
                index.add(label, elements)
        self._index = index

    def find(self, toks: CueTokens) -> list[list[tuple[str, int, int]]]:
        """`[m.find(toks) for m in self.matchers]`, in one pass."""
        out: list[list[tuple[str, int, int]]] = [[] for _ in self.matchers]
        if not toks.words:
            return out
        labels, starts, ends = self._labels, toks.starts, toks.ends
        for label, s, e in self._index.find(toks.words):
            k, name = labels[label]
            out[k].append((name, starts[s], ends[e - 1]))
        return out
