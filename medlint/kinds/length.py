"""`sentence-length` and `paragraph-length`: sentences and paragraphs too long to read in one go.

    where: [body]        # top-level rule key: body (paragraphs, list items, quotes) and/or
                         # heading (the title and headings)
    check:
      kind: sentence-length
      max_words: 25        # more than this is a finding (span: the sentence)
      very_long: 40        # at or above this, one severity level higher

    check:
      kind: paragraph-length
      max_words: 100       # more than this is a finding (span: the paragraph)

Words are tokens with a letter or digit, as `medlint.analysis.readability.count_words` counts them,
so a dash or a bullet character is not a word. A list flattened into a paragraph (text pasted
from a web page: "Symptoms include: - a cough - a fever.") is counted item by item once a colon
and a bullet open it, or when a sentence holds three or more spaced bullets, because the reader
still sees a lead-in and a list, not one sentence. Sentences the text runs together (a full
stop with no space after it, table cells flattened into one line with `|` or tabs) are counted
apart for the same reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from medlint.analysis.readability import count_words
from medlint.document import BlockKind, Document
from medlint.kinds.base import Hit, Kind, RuleContext, param, typed

# A colon (or semicolon) and a bullet open an inline list; after that, each spaced bullet
# starts an item.
_LIST_OPEN = re.compile(r"[:;]\s+[-–•*]\s+")
_ITEM = re.compile(r"\s+[-–•*]\s+")
# Without a colon, this many spaced bullets in one sentence make a list, not dashes in prose.
_MIN_ITEMS = 3
# Two sentences the text runs together: a full stop with no space after it ("after undergoing
# KAP.Soul Systems offers..."), or the cells of a table flattened into one line ("Dose | Age |
# Weight"). A reader sees separate sentences or cells; so does the count.
_RUN_TOGETHER = re.compile(
    r"(?<=[a-z]{2}[.!?])(?=[A-Z][a-z]{2,}\s)|(?<=[A-Z]{2}[.!?])(?=[A-Z][a-z]{2,}\s)|\s+\|\s+|\t+"
)
# Sentences of prose: a table cell is not one, and "heading" takes in the title.
_PLACES = {
    "body": (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.QUOTE),
    "heading": (BlockKind.TITLE, BlockKind.HEADING),
}


def _positive(value: Any) -> int:
    n = int(typed(int)(value))
    if n < 1:
        raise ValueError("expected a positive number of words")
    return n


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class SentenceLengthParams:
    max_words: int = param(25, _positive)
    very_long: int = param(40, _positive)
    """Words from which a long sentence is reported one severity level higher."""


class SentenceLengthKind(Kind[SentenceLengthParams]):
    name = "sentence-length"
    Params = SentenceLengthParams
    NEEDS = frozenset({"sentences"})
    WHERE = ("body",)
    PLACES = _PLACES

    def find(self, doc: Document, ctx: RuleContext) -> Iterator[Hit]:
        limit, very_long = self.p.max_words, self.p.very_long
        for block in doc.blocks:
            if block.kind not in self.block_kinds:
                continue
            for sent_start, sent_end in block.sentence_spans():
                # A piece never has more words than its sentence (each of its words lies in
                # one of the sentence's), so a short sentence needs no splitting.
                if count_words(block.text[sent_start:sent_end]) <= limit:
                    continue
                for start, end in _split(block.text, sent_start, sent_end):
                    words = count_words(block.text[start:end])
                    if words > limit:
                        yield Hit(
                            block.index,
                            start,
                            end,
                            values={"words": words, "max": limit},
                            bump=1 if words >= very_long else 0,
                        )


def _split(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """`_pieces` of each part of the sentence that the text runs together (see _RUN_TOGETHER)."""
    at = start
    for m in _RUN_TOGETHER.finditer(text, start, end):
        if m.start() > at:
            yield from _pieces(text, at, m.start())
        at = m.end()
    if at < end:
        yield from _pieces(text, at, end)


def _pieces(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The sentence, or its lead-in and items when it holds a list flattened after a colon."""
    opened = _LIST_OPEN.search(text, start, end)
    if opened is not None:
        yield start, opened.start() + 1
        pos = opened.end()
    elif len(_ITEM.findall(text, start, end)) >= _MIN_ITEMS:
        pos = start
    else:
        yield start, end
        return
    for m in _ITEM.finditer(text, pos, end):
        if text[pos : m.start()].strip():
            yield pos, m.start()
        pos = m.end()
    tail = text[pos:end].rstrip(" \t\n-–•*")
    if tail.strip():
        yield pos, pos + len(tail)


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class ParagraphLengthParams:
    max_words: int = param(100, _positive)


class ParagraphLengthKind(Kind[ParagraphLengthParams]):
    name = "paragraph-length"
    Params = ParagraphLengthParams

    def find(self, doc: Document, ctx: RuleContext) -> Iterator[Hit]:
        limit = self.p.max_words
        for block in doc.blocks:
            if block.kind not in (BlockKind.PARAGRAPH, BlockKind.QUOTE):
                continue
            words = count_words(block.text)
            if words > limit:
                yield Hit(block.index, 0, len(block.text), values={"words": words, "max": limit})
