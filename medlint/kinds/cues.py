"""Cue vocabularies matched on lemmas with spaCy's `Matcher`, for the criterion kind.

A cue is a named list of phrases in the claim lexicon's syntax: each word matches on its lemma
(so "side effect" also finds "side-effects", "cause" finds "caused" and "causing"), `*` is any
one token, `*?` at most one, `NUM` a number ("12", "twelve", "4,120", "0.12"), and `~regex` a
token whose lowercase text matches the regular expression (`~[$£€]` for a currency sign).
Matching is case-insensitive. Each block of a document is tokenised once and shared by every
criterion rule (kept in the rule context's notes); a match is reported in the block's prose
offsets, so the sentence that holds it is known exactly.
"""

from __future__ import annotations

import gzip
import json
import threading
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from medlint.document import Document

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.matcher import Matcher
    from spacy.tokens import Doc

_LOCK = threading.Lock()
_NOTES_KEY = "criterion-cue-docs"


@lru_cache(maxsize=1)
def lemma_table() -> dict[str, str]:
    data = resources.files("medlint").joinpath("data/en_lemma_lookup.json.gz").read_bytes()
    table: dict[str, str] = json.loads(gzip.decompress(data))
    return table


@lru_cache(maxsize=1)
def tokenizer() -> Language:
    from medlint.nlp import _sentence_english

    nlp = _sentence_english()
    nlp.max_length = 1 << 31
    return nlp


def lemma(lower: str) -> str:
    lower = lower.replace("’", "'")
    return lemma_table().get(lower, lower)


def tokens(text: str) -> Doc:
    """`text` tokenised, each token with its lemma from the lookup table; spaces left out."""
    from spacy.tokens import Doc

    doc = tokenizer().make_doc(text)
    # A hyphen inside a word ("side-effects", "5-7") joins words: it is left out, so the
    # phrase "side effect" matches it.
    keep = [
        t
        for t in doc
        if not t.is_space
        and not (t.text == "-" and 0 < t.i < len(doc) - 1 and not doc[t.i - 1].whitespace_ and not t.whitespace_)
    ]
    words = [t.text for t in keep]
    spaces = [False] * len(keep)
    out = Doc(doc.vocab, words=words, spaces=spaces, lemmas=[lemma(t.lower_) for t in keep])
    # Character offsets into `text`, kept beside the Doc (its own offsets ignore the spaces).
    out.user_data["starts"] = [t.idx for t in keep]
    out.user_data["ends"] = [t.idx + len(t.text) for t in keep]
    return out


def block_tokens(doc: Document, notes: dict[Any, Any], index: int) -> Doc:
    """The tokens of block `index`, made once per document and shared through `notes`."""
    cache: dict[int, Doc] = notes.setdefault(_NOTES_KEY, {})
    found = cache.get(index)
    if found is None:
        found = cache[index] = tokens(doc.blocks[index].text)
    return found


def _pattern(phrase: str) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    nlp = tokenizer()
    for word in phrase.split():
        if word.startswith("~") and len(word) > 1:
            out.append({"LOWER": {"REGEX": f"^(?:{word[1:]})$"}})
            continue
        if word == "*":
            out.append({})
            continue
        if word == "*?":
            out.append({"OP": "?"})
            continue
        if word == "NUM":
            out.append({"LIKE_NUM": True})
            continue
        for tok in nlp.make_doc(word):
            low = tok.text.lower()
            lem = lemma(low)
            if low.isalpha() and not lem.isalpha():  # the table maps "first" to "1"
                lem = low
            out.append({"LEMMA": {"IN": sorted({lem, low})}})
    return out


class CueMatcher:
    """One spaCy Matcher for a rule's named cues."""

    def __init__(self, cues: Mapping[str, list[str]]) -> None:
        self.cues = dict(cues)
        self._matcher: Matcher | None = None

    def _build(self) -> Matcher:
        from spacy.matcher import Matcher

        with _LOCK:
            if self._matcher is None:
                matcher = Matcher(tokenizer().vocab)
                for name, phrases in self.cues.items():
                    patterns = [p for p in (_pattern(ph) for ph in phrases) if p]
                    if patterns:
                        matcher.add(name, patterns)
                self._matcher = matcher
        return self._matcher

    def find(self, toks: Doc) -> list[tuple[str, int, int]]:
        """(cue name, start, end) in the character offsets of the tokenised text."""
        if not self.cues or not len(toks):
            return []
        matcher = self._matcher or self._build()
        starts, ends = toks.user_data["starts"], toks.user_data["ends"]
        strings = toks.vocab.strings
        return [(strings[m], starts[s], ends[e - 1]) for m, s, e in matcher(toks)]
