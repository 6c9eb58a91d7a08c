"""Sentence boundaries of a block's prose, without spaCy.

The rule is spaCy's `Sentencizer` (the default pipeline's splitter until this module replaced
it): a sentence ends at a sentence-final mark ("." "!" "?") and any closing punctuation that
follows it (a quote, a bracket), and the next sentence starts at the next word. It runs on the
tokens of `medlint.tokens`, which the claim analysis and the criteria read anyway, so a block
is tokenised once, and importing spaCy (most of a cold start) is left to runs that configure
a trained model.

Where it departs from spaCy's blank English, it is to read English better (each case is a
test in tests/text/test_sentences.py):
- a full stop after a title ("Dr.", "Gov."), an initialism ("Non-U.S.") or a name's initial
  ("Michael L. Parchman", "Mark T., Tampa") ends nothing; after a single capital that ends a
  lowercase phrase it does, when a capitalised word follows ("vitamin D. A doctor ...", not
  "with H. pylori");
- a company suffix, a month, "etc." or "No." ends a sentence only when a capitalised word or
  an opening quote follows ("... Ltd. Registered in England", not "Co., Ltd. and" or "No. 1");
- an opening quote after the full stop and a space opens the next sentence, not the last;
- a full stop run into the next word ("the bladder.The") ends a sentence, and so does one
  with a footnote number after it ("in their late 30s.2 IgA nephropathy ...");
- a list whose line breaks were lost in conversion ("Symptoms may include - Being very thirsty -
  Urinating often - ..."): three or more spaced dashes before a capital in one block are item
  marks, and each item is a sentence of its own.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

from medlint.tokens import MEMO_CHARS, Token, tokenize, tokens_between, window_end

_FINAL = frozenset("!.?‼‽⁇⁈⁉。！？．｡")
"""Marks that end a sentence: the Latin and common CJK ones of spaCy's Sentencizer list."""

_MAY_END = re.compile("[" + re.escape("".join(sorted(_FINAL))) + "]")
_TRAILING = " \t\n\r\f\v" + "".join(_FINAL) + "\"'”’)]}»…*_"
"""What may close a block after its last word: spaces, marks, closing quotes and brackets."""

_TITLES = frozenset(
    "dr mr mrs ms messrs prof gov sen rep rev gen adm st mt capt col lt sgt fr sr jr hon pres supt".split()
)
"""Words that stand before a name: a full stop after them ends nothing."""

_SUFFIXES = frozenset(
    """inc ltd co corp llc plc bros jan feb mar apr jun jul aug sep sept oct nov dec etc no""".split()
)
"""Abbreviations that may end a sentence too: then a capitalised word follows."""

_INITIALISM = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
""""U.S" before its full stop, cut off as in "Non-U.S."."""

_FOOTNOTE = re.compile(r"(?:[A-Za-z]{2}|\d[a-z]|[%)\]])\.\d{1,3}$")
"""A footnote number after a full stop, in text whose markup was flattened ("late 30s.2")."""

_OPENING = frozenset("\"'“‘([{«")

LIST_DASH = re.compile(r"(?<=\S) [-–] (?=[A-Z])")
"""A spaced dash before a capital: an item mark of a flattened list, when there are several."""
LIST_ITEMS = 3

# A run of 200+ non-space characters holds no sentence end; reading it as letters keeps a
# hostile "[[[[..." from being tokenised one character at a time. Offsets are kept.
_LONG_RUN = re.compile(r"\S{200,}")


@lru_cache(maxsize=4096)
def _is_punct(text: str) -> bool:
    """spaCy's `is_punct`: every character is Unicode punctuation (categories P*)."""
    return all(unicodedata.category(ch)[0] == "P" for ch in text)


def tame(text: str) -> str:
    """`text` with all but the last character of each run of 200+ non-space characters read as
    a letter (see _LONG_RUN), offset for offset."""
    if len(text) < 200 or not _LONG_RUN.search(text):
        return text
    return _LONG_RUN.sub(lambda m: "x" * (len(m.group()) - 1) + m.group()[-1], text)


WINDOW = 20_000
"""Characters of a long text tokenised at a time: its tokens are read in windows and let go
once the splitter is past them, so a 10 MB paragraph is never held as tokens whole."""


class _Tokens:
    """A text's tokens, read a window at a time: `has(i)` reads on as far as token `i`, and
    tokens more than two before the last sentence-final mark handed out are let go."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._read = 0  # text offset tokenised so far
        self._base = 0  # token index of _buf[0]
        self._buf: list[Token] = []
        self._marks: list[int] = []  # sentence-final candidates not yet handed out, in order
        self._keep = 0  # first token index the splitter may still read
        if len(text) <= MEMO_CHARS:  # the claim analysis tokenises the same text: shared
            self._take(list(tokenize(text)))
            self._read = len(text)

    def _take(self, tokens: list[Token]) -> None:
        first = self._base + len(self._buf)
        self._marks.extend(first + k for k, token in enumerate(tokens) if token.text in _FINAL or "." in token.text)
        self._buf.extend(tokens)

    def _more(self) -> bool:
        if self._read >= len(self._text):
            return False
        if self._keep - self._base > len(self._buf) // 2:
            del self._buf[: self._keep - self._base]
            self._base = self._keep
        end = window_end(self._text, self._read, WINDOW)
        self._take(tokens_between(self._text, self._read, end))
        self._read = end
        return True

    def has(self, i: int) -> bool:
        while i >= self._base + len(self._buf):
            if not self._more():
                return False
        return True

    def __getitem__(self, i: int) -> Token:
        return self._buf[i - self._base]

    def marks(self) -> Iterator[int]:
        """Indexes of the tokens that may end a sentence, in order."""
        done = 0
        while True:
            if done == len(self._marks):
                self._marks.clear()
                done = 0
                if not self._more():
                    return
                continue
            k = self._marks[done]
            done += 1
            self._keep = max(k - 2, self._keep)
            yield k


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of `text`'s sentences, trimmed of surrounding spaces."""
    # (end of one sentence, start of the next): the same offset, but for a list's item mark.
    cuts = _list_item_cuts(text)
    if not _MAY_END.search(text.rstrip(_TRAILING)):
        # No mark before the closing ones (most headings, list items and one-line paragraphs):
        # one sentence, and no tokens needed.
        return _spans(text, cuts)
    tokens = _Tokens(tame(text))
    starts: list[int] = []
    done = 0  # tokens before this one are settled
    for k in tokens.marks():
        if k < done:
            continue
        if not _ends(tokens, k):
            token = tokens[k]
            if (
                token.whitespace_
                and tokens.has(k + 1)
                and tokens[k + 1].text[:1].isupper()
                and _FOOTNOTE.search(token.text)
            ):
                starts.append(tokens[k + 1].idx)
            continue
        # Closing marks stay with the sentence they close; an opening mark after a space opens
        # the next one.
        j = k + 1
        while tokens.has(j) and (tokens[j].text in _FINAL or _is_punct(tokens[j].text)):
            if tokens[j].text in _OPENING and tokens[j - 1].whitespace_:
                break
            j += 1
        # A comma after the mark makes it an abbreviation's ("Co., Ltd.", "Inc., the maker").
        if tokens.has(j) and not any(tokens[i].text in ",;:" for i in range(k + 1, j)) and _next_starts(tokens, j, k):
            starts.append(tokens[j].idx)
        done = j
    taken = {start for _, start in cuts}
    return _spans(text, sorted([*cuts, *((start, start) for start in starts if start not in taken)]))


def _list_item_cuts(text: str) -> list[tuple[int, int]]:
    if " - " not in text and " – " not in text:
        return []
    marks = [m.start() for m in LIST_DASH.finditer(text)]
    return [(at, at + 3) for at in marks] if len(marks) >= LIST_ITEMS else []


def _spans(text: str, cuts: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out = []
    start = 0
    for end, next_start in [*cuts, (len(text), len(text))]:
        span = trimmed(text, start, end)
        if span:
            out.append(span)
        start = next_start
    return out


def _ends(tokens: _Tokens, k: int) -> bool:
    """Whether token `k` is a sentence-final mark (or an abbreviation that may end one)."""
    word = tokens[k].text
    if word in _FINAL:
        if word != "." or k == 0 or tokens[k - 1].whitespace_:
            return True
        before = tokens[k - 1].text
        low = before.lower()
        if low in _TITLES or _INITIALISM.fullmatch(before):
            return False
        if len(before) == 1 and before.isupper():
            # An initial, unless it ends a lowercase phrase ("vitamin D.", "hepatitis B.").
            return k >= 2 and tokens[k - 2].text[:1].islower()
        return True
    low = word.lower()
    return word.endswith(".") and low[:-1] in _SUFFIXES


def _next_starts(tokens: _Tokens, j: int, k: int) -> bool:
    """Whether token `j`, after the sentence-final token `k`, starts a new sentence."""
    end = tokens[k].text
    before = end[:-1] if end != "." else tokens[k - 1].text if k else ""
    if before.lower() not in _SUFFIXES and not (len(before) == 1 and before.isupper()):
        return True
    # After an abbreviation or an initial that may end a sentence, a capitalised word must
    # follow ("Ltd. Registered in England", "vitamin D. A doctor") or an opening quote, not a
    # lowercase one ("Ltd. and", "H. pylori"), a bracket ("Inc. (NASDAQ: X)") or a number
    # ("No. 1").
    return tokens[j].text[:1].isupper() or (tokens[j].text in '"“‘«' and tokens[j - 1].whitespace_ != "")


def trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    """`text[start:end]`'s span without its surrounding spaces, or None when nothing is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None
