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
import re
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
_LITERALS = re.compile(r"[\w%$£€'’-]+(?:\|[\w%$£€'’-]+)*")
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


def _slots(phrase: str) -> list[list[dict[str, Any]]]:
    """Each position of the phrase as its alternative token specs."""
    out: list[list[dict[str, Any]]] = []
    nlp = tokenizer()
    for word in phrase.split():
        if word.startswith("~") and len(word) > 1:
            body = word[1:]
            if _LITERALS.fullmatch(body):  # "~%|percent": plain alternatives, matched in C
                out.append([{"LOWER": w} for w in sorted(set(body.lower().split("|")))])
            else:
                out.append([{"LOWER": {"REGEX": f"^(?:{body})$"}}])
            continue
        if word == "*":
            out.append([{}])
            continue
        if word == "*?":
            out.append([{"OP": "?"}])
            continue
        if word == "NUM":
            out.append([{"LIKE_NUM": True}])
            continue
        for tok in nlp.make_doc(word):
            low = tok.text.lower()
            lem = lemma(low)
            if low.isalpha() and not lem.isalpha():  # the table maps "first" to "1"
                lem = low
            # Either form: the table is not always consistent ("lower" -> "low", "lowers" -> "lower").
            out.append([{"LEMMA": form} for form in sorted({lem, low})])
    return out


_MAX_VARIANTS = 64


def _patterns(phrase: str) -> list[list[dict[str, Any]]]:
    """The Matcher patterns of one phrase: one per combination of its positions' alternatives
    (equality tests run in spaCy's C code; set-membership predicates would run in Python)."""
    slots = _slots(phrase)
    variants: list[list[dict[str, Any]]] = [[]]
    for alternatives in slots:
        variants = [[*v, a] for v in variants for a in alternatives][:_MAX_VARIANTS]
    return [v for v in variants if v]


def _words(phrase: str) -> list[frozenset[str]]:
    """The literal words a phrase needs, each as the set of forms that satisfy it."""
    out = []
    for alternatives in _slots(phrase):
        forms = {
            str(a.get("LEMMA") or a.get("LOWER"))
            for a in alternatives
            if isinstance(a.get("LEMMA") or a.get("LOWER"), str)
        }
        if forms and len(forms) == len(alternatives):
            out.append(frozenset(forms))
    return out


class CueMatcher:
    """One spaCy Matcher for a rule's named cues."""

    def __init__(self, cues: Mapping[str, list[str]]) -> None:
        self.cues = dict(cues)
        self._matcher: Matcher | None = None
        self._needs: list[list[frozenset[str]]] | None = None

    def _may_match(self, toks: Doc) -> bool:
        """Whether some phrase can match: each of its literal words (in any of its forms) occurs
        in the text. Most blocks hold none of a rule's words and skip the Matcher."""
        if self._needs is None:
            self._needs = [_words(phrase) for phrases in self.cues.values() for phrase in phrases]
        vocab = toks.user_data.get("vocab")
        if vocab is None:
            vocab = toks.user_data["vocab"] = frozenset(t.lower_ for t in toks) | frozenset(t.lemma_ for t in toks)
        return any(all(forms & vocab for forms in words) for words in self._needs)

    def _build(self) -> Matcher:
        from spacy.matcher import Matcher

        with _LOCK:
            if self._matcher is None:
                matcher = Matcher(tokenizer().vocab)
                for name, phrases in self.cues.items():
                    patterns = [p for ph in phrases for p in _patterns(ph)]
                    if patterns:
                        matcher.add(name, patterns)
                self._matcher = matcher
        return self._matcher

    def find(self, toks: Doc) -> list[tuple[str, int, int]]:
        """(cue name, start, end) in the character offsets of the tokenised text."""
        if not self.cues or not len(toks) or not self._may_match(toks):
            return []
        matcher = self._matcher or self._build()
        starts, ends = toks.user_data["starts"], toks.user_data["ends"]
        strings = toks.vocab.strings
        return [(strings[m], starts[s], ends[e - 1]) for m, s, e in matcher(toks)]
