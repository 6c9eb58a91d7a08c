"""Token patterns over lemmas and words: what the claim lexicon's phrases compile to.

spaCy's `Matcher` tries every one of its patterns at every token; with the lexicon's few
thousand phrases that was most of the time of a run. Here a pattern is indexed by its first
token, so a token only meets the patterns that can start with it; the few patterns that start
with a wildcard, a number or a regular expression are tried everywhere. Matches are every
(label, start, end), overlapping ones included, as the `Matcher` reports them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import compress, count, repeat
from operator import is_not, itemgetter
from typing import Literal

from medlint.tokens import like_num

Key = tuple[str, str]
"""("L", lemma) or ("W", lowercase word)."""

Token = tuple[str, str]
"""A token as (lemma, lowercase word)."""

_LEMMA = itemgetter(0)
_WORD = itemgetter(1)


@dataclass(frozen=True)
class Element:
    """What one token of a pattern must be."""

    kind: Literal["keys", "any", "num", "regex"] = "keys"
    keys: frozenset[Key] = frozenset()
    regex: re.Pattern[str] | None = None
    optional: bool = False
    # The keys split by kind, so a test is two set lookups with no tuple built per token.
    lemmas: frozenset[str] = field(init=False, compare=False, repr=False)
    words: frozenset[str] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "lemmas", frozenset(v for k, v in self.keys if k == "L"))
        object.__setattr__(self, "words", frozenset(v for k, v in self.keys if k == "W"))

    def accepts(self, token: Token) -> bool:
        if self.kind == "keys":
            return token[0] in self.lemmas or token[1] in self.words
        if self.kind == "any":
            return True
        if self.kind == "num":
            return like_num(token[1])
        return self.regex is not None and self.regex.fullmatch(token[1]) is not None


def lemma_is(*lemmas: str) -> Element:
    return Element(keys=frozenset(("L", w) for w in lemmas))


def word_is(*words: str) -> Element:
    return Element(keys=frozenset(("W", w) for w in words))


ANY = Element(kind="any")
MAYBE_ANY = Element(kind="any", optional=True)
NUMBER = Element(kind="num")


def word_matches(pattern: str) -> Element:
    return Element(kind="regex", regex=re.compile(pattern))


# "~%|percent": plain alternatives, indexed like any word instead of tried as a regex everywhere.
_LITERALS = re.compile(r"[\w%$£€'’-]+(?:\|[\w%$£€'’-]+)*")


def compile_phrase(
    phrase: str, word: Callable[[str], Element], split: Callable[[str], list[str]], numbers: frozenset[str]
) -> list[Element]:
    """A lexicon phrase as pattern elements. Words are separated by spaces: `~regex` is one
    token whose lowercase text matches, `*?` at most one token; any other word is cut into
    tokens by `split`, each `*` (any token), a number word from `numbers`, or `word(text)`."""
    out: list[Element] = []
    for item in phrase.split():
        if item.startswith("~") and len(item) > 1:
            body = item[1:]
            if _LITERALS.fullmatch(body):
                out.append(word_is(*sorted(set(body.lower().split("|")))))
            else:
                out.append(word_matches(f"(?:{body})"))
        elif item == "*?":
            out.append(MAYBE_ANY)
        else:
            for text in split(item):
                out.append(ANY if text == "*" else NUMBER if text in numbers else word(text))
    return out


_Step = tuple[frozenset[str], frozenset[str], Element | None]
"""A pattern element as the hot loop reads it: (lemmas, words, None) for a keys element, else
(empty, empty, the element), so most tests are two set lookups and no method call."""
_Entry = tuple[str, tuple[_Step, ...]]


_NO_KEYS: frozenset[str] = frozenset()


def _step(el: Element) -> _Step:
    return (el.lemmas, el.words, None) if el.kind == "keys" else (frozenset(), frozenset(), el)


@dataclass
class _Node:
    """The patterns that start with one key, indexed again by their second token's keys: a
    common first word ("can", "the") starts hundreds of patterns, and the next token rules out
    nearly all of them with one lookup. `rest` holds the one-token patterns and those whose
    second element is not a plain key (a wildcard, a number, a regex)."""

    rest: list[_Entry] = field(default_factory=list)
    by_lemma: dict[str, list[_Entry]] = field(default_factory=lambda: defaultdict(list))
    by_word: dict[str, list[_Entry]] = field(default_factory=lambda: defaultdict(list))

    def add(self, label: str, tail: tuple[_Step, ...]) -> None:
        if not tail or tail[0][2] is not None:
            self.rest.append((label, tail))
            return
        lemmas, words, _ = tail[0]
        for lemma in lemmas:
            self.by_lemma[lemma].append((label, tail[1:]))
        for word in words:
            self.by_word[word].append((label, tail[1:]))


class PatternIndex:
    def __init__(self) -> None:
        self._by_lemma: dict[str, _Node] = defaultdict(_Node)
        self._by_word: dict[str, _Node] = defaultdict(_Node)
        # Patterns that start with a wildcard, a number or a regex, grouped by that first element
        # so each distinct test runs once per token.
        self._anywhere: dict[Element, _Node] = defaultdict(_Node)
        self._lemma_steps: dict[str, _Step] = {}
        """The step of a lone lemma, one per lemma (see `add_lemmas`)."""

    def add(self, label: str, elements: Sequence[Element]) -> None:
        for variant in _expand(tuple(elements)):
            if not variant:
                continue
            first, tail = variant[0], tuple(_step(el) for el in variant[1:])
            if first.kind == "keys":
                for kind, value in first.keys:
                    (self._by_lemma if kind == "L" else self._by_word)[value].add(label, tail)
            else:
                self._anywhere[first].add(label, tail)

    def add_lemmas(self, label: str, lemmas: Sequence[str]) -> None:
        """`add(label, [lemma_is(w) for w in lemmas])`, without making the elements: the claim
        lexicon's 6,000 outcome terms are plain runs of lemmas, and making an element for each
        word (and each pattern's variants and steps) was a tenth of a cold start."""
        if not lemmas:
            return
        steps = self._lemma_steps
        tail = tuple(steps.get(w) or steps.setdefault(w, (frozenset((w,)), _NO_KEYS, None)) for w in lemmas[1:])
        self._by_lemma[lemmas[0]].add(label, tail)

    def find(self, tokens: Sequence[Token]) -> list[tuple[str, int, int]]:
        """Every (label, start, end) match in `tokens`, sorted by start, end and label."""
        found: set[tuple[str, int, int]] = set()
        n = len(tokens)
        # A run of tokens at a time: the per-token lists below take about 40 bytes a token
        # each, and made whole for a 10 MB paragraph they were about 80 MB at once. Each start
        # position is tried once, with the patterns reading on past its run as before.
        for lo in range(0, n, FIND_RUN):
            self._find(found, tokens, lo, min(lo + FIND_RUN, n))
        return sorted(found, key=lambda h: (h[1], h[2], h[0]))

    def _find(self, found: set[tuple[str, int, int]], tokens: Sequence[Token], lo: int, hi: int) -> None:
        """Add to `found` the matches that start in `tokens[lo:hi]`."""
        # The hot loop of the claim analysis and the criteria: written out, with no list built
        # per token.
        n = len(tokens)
        run = tokens if lo == 0 and hi == n else tokens[lo : hi + 1]  # and the token after it
        size = hi - lo
        lemmas = list(map(_LEMMA, run))
        words = list(map(_WORD, run))
        # Most tokens start no pattern. The node each token's lemma and word lead to, and so the
        # tokens that start some pattern, are found by passes in C (map, compress); only those
        # tokens are visited one by one.
        lemma_nodes = list(map(self._by_lemma.get, lemmas))
        word_nodes = list(map(self._by_word.get, words))
        candidates = set(compress(count(), map(is_not, lemma_nodes, repeat(None))))
        candidates.update(compress(count(), map(is_not, word_nodes, repeat(None))))
        # Where each wildcard-, number- or regex-led group may start.
        anywhere: dict[int, list[_Node]] = defaultdict(list)
        for first, node in self._anywhere.items():
            for i in _starts(first, node, run, lemmas, words):
                if i < size:
                    anywhere[i].append(node)
        candidates.update(anywhere)
        for i in candidates:
            if i >= size:
                continue  # the token after the run: the next run's to start from
            nodes = anywhere.get(i, [])
            by_lemma, by_word = lemma_nodes[i], word_nodes[i]
            if by_lemma is not None:
                nodes = [by_lemma, *nodes]
            if by_word is not None:
                nodes = [by_word, *nodes]
            at = lo + i
            following = at + 1 < n
            for node in nodes:
                # Patterns past their second token start matching at `start`.
                if node.rest:
                    _extend(found, node.rest, tokens, at, at + 1)
                if following:
                    group = node.by_lemma.get(lemmas[i + 1])
                    if group:
                        _extend(found, group, tokens, at, at + 2)
                    group = node.by_word.get(words[i + 1])
                    if group:
                        _extend(found, group, tokens, at, at + 2)


FIND_RUN = 50_000
"""Tokens whose lookups `PatternIndex.find` makes at a time (a long paragraph's are many)."""


def _extend(found: set[tuple[str, int, int]], group: list[_Entry], tokens: Sequence[Token], i: int, start: int) -> None:
    """Add to `found` each pattern of `group` whose tail matches `tokens` from `start` (the
    pattern started at token `i`)."""
    n = len(tokens)
    for label, tail in group:
        end = start + len(tail)
        if end > n:
            continue
        j = start
        for lemmas, words, other in tail:
            tok = tokens[j]
            if other is None:
                if tok[0] not in lemmas and tok[1] not in words:
                    break
            elif not other.accepts(tok):
                break
            j += 1
        else:
            found.add((label, i, end))


def _starts(first: Element, node: _Node, tokens: Sequence[Token], lemmas: list[str], words: list[str]) -> Iterable[int]:
    """The positions where a pattern of `node` (led by `first`) may start. When each of its
    patterns has a second token the node indexes, only a token before such a second token can
    start one: those are found by a pass in C, and `first` is tested there alone (a regex
    tested at every token was a fifth of the index's time)."""
    if node.rest:
        return _accepted(first, tokens)
    before: set[int] = set()
    if node.by_lemma:
        before.update(compress(count(-1), map(node.by_lemma.__contains__, lemmas)))
    if node.by_word:
        before.update(compress(count(-1), map(node.by_word.__contains__, words)))
    before.discard(-1)
    return [i for i in before if first.accepts(tokens[i])]


def _accepted(el: Element, tokens: Sequence[Token]) -> set[int] | range:
    """The positions of `tokens` that `el` accepts (a pass in C for a number or a regex)."""
    if el.kind == "any":
        return range(len(tokens))
    if el.kind == "num":
        return set(compress(count(), map(like_num, map(_WORD, tokens))))
    if el.kind == "regex" and el.regex is not None:
        return set(compress(count(), map(el.regex.fullmatch, map(_WORD, tokens))))
    return {i for i, token in enumerate(tokens) if el.accepts(token)}


def _expand(elements: tuple[Element, ...]) -> list[tuple[Element, ...]]:
    """Every pattern an optional element stands for: without it, and with it required."""
    for k, el in enumerate(elements):
        if el.optional:
            required = Element(kind=el.kind, keys=el.keys, regex=el.regex)
            rest = _expand(elements[k + 1 :])
            head = elements[:k]
            return [head + r for r in rest] + [(*head, required, *r) for r in rest]
    return [elements]
