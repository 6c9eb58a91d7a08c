"""Words with their lemmas, without spaCy: what the claim analysis and the criteria match on.

A pre-commit hook pays for every import on every commit, and importing spaCy is most of a cold
start; the sentence worker already imports it in its own process. Matching vocabulary needs
much less: tokens as spaCy's English tokenizer would cut them in ordinary prose (opening and
closing punctuation peeled off, "n't" and "'s" split from their word, a hyphen or slash
between letters split out), each with its offset in the text, its lowercase form and its
lemma from spaCy's English lookup table (shipped in `medlint/data`, WordNet licence).
Phrases in a lexicon are cut by the same function, so a phrase and the text it should match
are always tokenised alike.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import NamedTuple, overload

_CHUNK = re.compile(r"\S+")
# No "^" in _PREFIX: `match(chunk, lo)` anchors at lo, where "^" would never match again.
_PREFIX = re.compile(r"""(?:[("'“‘\[{*_#$£€¿¡<]|\.\.\.)""")
_SUFFIX = re.compile(r"""(?:[)"'”’\]}*_.,;:!?%…>]|\.\.\.)$""")
# A unit run into its number, split off ("4.6kg" -> "4.6", "kg") so that a figure reads as a
# number: spaCy's English tokenizer splits most of these too, though not every one ("10mins").
_UNIT = re.compile(r"(?<=\d)(?:kg|kgs|g|mg|mcg|µg|lb|lbs|oz|cm|mm|km|ml|l|mmhg|iu|h|hr|hrs|min|mins|am|pm)$", re.I)
_NUMERAL = re.compile(r"[\d.,]+")
_CONTRACTION = re.compile(r"(?i)(?<=[a-z])(n['’]t|['’](?:s|re|ve|m|ll|d))$")
# A hyphen or slash between letters; a full stop run into the next sentence ("bladder.The").
_INFIX = re.compile(r"(?<=[^\W_])[-–—/+&=](?=[^\W_])|(?<=[a-z])\.(?=[A-Z][a-z])")
# "e.g.", "U.S.", "Dr.", "3.5", "1,000": a full stop or comma inside them is not punctuation.
_KEEP_WHOLE = re.compile(r"(?:[A-Za-z]\.){2,}|\d+(?:[.,/:]\d+)+|(?:dr|mr|mrs|ms|prof|st|vs|etc|approx|no)\.", re.I)

_NUMBER_WORDS = frozenset(
    """zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred
    thousand million billion trillion dozen first second third fourth fifth sixth seventh eighth
    ninth tenth""".split()
)


@lru_cache(maxsize=1)
def lemma_table() -> dict[str, str]:
    data = resources.files("medlint").joinpath("data/en_lemma_lookup.json.gz").read_bytes()
    table: dict[str, str] = json.loads(gzip.decompress(data))
    return table


def lemma(lower: str) -> str:
    lower = lower.replace("’", "'")
    return lemma_table().get(lower, lower)


@lru_cache(maxsize=8192)
def like_num(word: str) -> bool:
    """spaCy's English `like_num`: "12", "1,000", "0.5", "1/2", "twelve", "third". Remembered:
    the matchers ask it of the same few thousand words over and over."""
    text = word.lstrip("+-~±")
    text = text.replace(",", "").replace(".", "")
    if text.isdigit():
        return True
    if text.count("/") == 1:
        num, denom = text.split("/")
        if num.isdigit() and denom.isdigit():
            return True
    return text.lower() in _NUMBER_WORDS


class Token(NamedTuple):
    """One token. A named tuple, not a frozen dataclass: a long article makes hundreds of
    thousands of them, and a tuple is built several times faster."""

    text: str
    idx: int
    """Offset of the token's first character in the tokenised text."""
    i: int
    whitespace_: str
    """" " when whitespace follows the token, "" when the next token touches it."""

    @property
    def lower_(self) -> str:
        return self.text.lower()


@dataclass(frozen=True, slots=True)
class Span:
    text: str
    start_char: int
    end_char: int


class Tokens:
    """A text's tokens, indexed like a spaCy `Doc`: `tokens[i]`, `tokens[a:b].text`."""

    def __init__(self, text: str, tokens: list[Token]) -> None:
        self.source = text
        self._tokens = tokens

    def __len__(self) -> int:
        return len(self._tokens)

    def __iter__(self) -> Iterator[Token]:
        return iter(self._tokens)

    @overload
    def __getitem__(self, key: int) -> Token: ...

    @overload
    def __getitem__(self, key: slice) -> Span: ...

    def __getitem__(self, key: int | slice) -> Token | Span:
        if isinstance(key, int):
            return self._tokens[key]
        picked = self._tokens[key]
        if not picked:
            return Span("", 0, 0)
        start, end = picked[0].idx, picked[-1].idx + len(picked[-1].text)
        return Span(self.source[start:end], start, end)


# What `Token(...)` does, without the Python-level `__new__` a named tuple adds: a token is made
# for every word of every text, and that call was a fifth of tokenising.
_new_token: Callable[[type[Token], tuple[str, int, int, str]], Token] = tuple.__new__


MEMO_CHARS = 20_000
"""Texts up to this long are remembered (the last MEMO_TEXTS of them): the claim analysis and
the criteria tokenise the same blocks, one after the other. Longer texts are not kept, so a
huge paragraph's tokens are never held after its document."""
MEMO_TEXTS = 256


_SPLITS: dict[str, list[tuple[str, int]]] = {}
_SPLITS_MAX = 50_000


def _split_cached(chunk: str) -> list[tuple[str, int]]:
    """`_split` at offset 0, remembered: words repeat (a few thousand make most of any text),
    and splitting is most of tokenizing. Bounded, so new words cannot grow it without end."""
    if len(chunk) > 64:
        return _split(chunk, 0)
    found = _SPLITS.get(chunk)
    if found is None:
        if len(_SPLITS) >= _SPLITS_MAX:
            _SPLITS.clear()
        found = _SPLITS[chunk] = _split(chunk, 0)
    return found


def forget_texts() -> None:
    """Empty the remembered tokens and split words (see `MEMO_TEXTS`, `_SPLITS_MAX`)."""
    _remembered.cache_clear()
    _SPLITS.clear()
    like_num.cache_clear()


def tokenize(text: str) -> Tokens:
    """`text`'s tokens (the same `Tokens`, to be read only, for a text tokenised recently)."""
    if len(text) <= MEMO_CHARS:
        return _remembered(text)
    return _tokenize(text)


@lru_cache(maxsize=MEMO_TEXTS)
def _remembered(text: str) -> Tokens:
    return _tokenize(text)


def _tokenize(text: str) -> Tokens:
    return Tokens(text, tokens_between(text, 0, len(text)))


_SPACE = re.compile(r"\s")


def window_end(text: str, start: int, size: int) -> int:
    """Where a window of about `size` characters from `start` ends: at the first whitespace
    from `start + size` on (so no token is cut), else at the end of `text`."""
    if start + size >= len(text):
        return len(text)
    space = _SPACE.search(text, start + size)
    return space.start() if space else len(text)


def tokens_between(text: str, lo: int, hi: int) -> list[Token]:
    """The tokens of `text[lo:hi]`, as `tokenize(text)` has them (offsets into `text`; `i`
    counts from 0 here), when `lo` and `hi` are at whitespace or at the ends of `text`: a long
    text can be read a window at a time and never held as tokens whole."""
    out: list[Token] = []
    n = len(text)
    for chunk in _CHUNK.finditer(text, lo, hi):
        word = chunk.group()
        base = chunk.start()
        # Most chunks are plain words, which no prefix, suffix, contraction or infix can cut.
        if word.isalnum() and not (word[0].isdigit() and _UNIT.search(word)):
            end = base + len(word)
            out.append(_new_token(Token, (word, base, len(out), " " if end < n and text[end].isspace() else "")))
            continue
        pieces = _split_cached(word)
        last = len(pieces) - 1
        for k, (piece, offset) in enumerate(pieces):
            start = base + offset
            end = start + len(piece)
            ws = " " if k == last and end < n and text[end].isspace() else ""
            out.append(_new_token(Token, (piece, start, len(out), ws)))
    return out


def _split(chunk: str, start: int) -> list[tuple[str, int]]:
    """One whitespace-free chunk as tokens: prefixes, the word (split at infixes), suffixes."""
    head: list[tuple[str, int]] = []
    tail: list[tuple[str, int]] = []
    lo, hi = 0, len(chunk)
    while lo < hi:
        if _KEEP_WHOLE.fullmatch(chunk, lo, hi):
            break
        m = _PREFIX.match(chunk, lo, hi)
        if m and hi - lo > len(m.group()):
            head.append((m.group(), start + lo))
            lo = m.end()
            continue
        m = _SUFFIX.search(chunk, lo, hi)
        if m and hi - lo > len(m.group()) and not _KEEP_WHOLE.fullmatch(chunk, lo, hi):
            tail.append((m.group(), start + m.start()))
            hi = m.start()
            continue
        m = _CONTRACTION.search(chunk, lo, hi)
        if m and hi - lo > len(m.group()):
            tail.append((m.group(), start + m.start()))
            hi = m.start()
            continue
        m = _UNIT.search(chunk, lo, hi)
        if m and _NUMERAL.fullmatch(chunk, lo, m.start()):
            tail.append((m.group(), start + m.start()))
            hi = m.start()
            continue
        break
    middle: list[tuple[str, int]] = []
    if lo < hi:
        word = chunk[lo:hi]
        pos = 0
        if not _KEEP_WHOLE.fullmatch(word):
            for m in _INFIX.finditer(word):
                if m.start() > pos:
                    middle.append((word[pos : m.start()], start + lo + pos))
                middle.append((m.group(), start + lo + m.start()))
                pos = m.end()
        middle.append((word[pos:], start + lo + pos))
    return head + middle + tail[::-1]
