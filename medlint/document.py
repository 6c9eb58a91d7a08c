"""The parsed shape of an article: blocks of prose with source maps, sections, front matter."""

from __future__ import annotations

import bisect
import enum
import itertools
import re
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, overload

from medlint.prose import Prose

# Headings of sections that list sources rather than tell the reader anything: their entries
# are titles and author names, which no prose rule should judge.
REFERENCES_HEADING = re.compile(
    r"^\W*(?:references?|sources?(?:\s+and\s+further\s+reading)?|bibliography|citations?|further\s+reading|"
    r"works\s+cited|footnotes|endnotes|literature(?:\s+cited)?)\W*$",
    re.IGNORECASE,
)


MAX_TITLE = 1_000
"""Characters of a front-matter text field (a title) that medlint reads."""


def front_matter_text(value: Any, limit: int = MAX_TITLE) -> str:
    """A front-matter text field as text: scalars only (str, number, date), capped at `limit`."""
    if value is None or isinstance(value, bool | dict | list | tuple | set | bytes):
        return ""
    text = value if isinstance(value, str) else str(value)  # a number or a date: short by construction
    return text[:limit].strip()


MAX_ANCHOR = 1_000
"""Characters of the title (else the first line) that a document-level finding points at."""


class BlockKind(enum.Enum):
    TITLE = "title"
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    QUOTE = "quote"
    TABLE_CELL = "table_cell"


_WHOLE_BLOCK: array[int] = array("I", [0, 0])
"""`Block._spans`, packed, of a block that is one sentence from its first character to its last."""


class PackedSpans(Sequence[tuple[int, int]]):
    """A packed block's sentence spans (see `Block._spans`), read in place: a 10 MB paragraph's
    sentences unpacked were a list of tuples of about 10 MB, which the claim analysis
    held beside the claims it was making."""

    __slots__ = ("_flat",)

    def __init__(self, flat: array[int]) -> None:
        self._flat = flat

    def __len__(self) -> int:
        return len(self._flat) // 2

    @overload
    def __getitem__(self, i: int) -> tuple[int, int]: ...

    @overload
    def __getitem__(self, i: slice) -> list[tuple[int, int]]: ...

    def __getitem__(self, i: int | slice) -> tuple[int, int] | list[tuple[int, int]]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        n = len(self)
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError("sentence index out of range")
        flat = self._flat
        return flat[2 * i], flat[2 * i + 1]

    def __iter__(self) -> Iterator[tuple[int, int]]:
        flat = self._flat
        return zip(itertools.islice(flat, 0, None, 2), itertools.islice(flat, 1, None, 2), strict=True)

    def starts(self) -> array[int]:
        """Where each sentence starts, in order (4 bytes each)."""
        return self._flat[0::2]


def span_starts(spans: Sequence[tuple[int, int]]) -> Sequence[int]:
    """Where each of `spans` starts, in order: read from packed spans without unpacking them."""
    return spans.starts() if isinstance(spans, PackedSpans) else [start for start, _ in spans]


@dataclass(slots=True)
class Block:
    kind: BlockKind
    prose: Prose
    level: int = 0
    """Heading level (1-6); the title counts as level 1; 0 for other blocks."""
    links: Sequence[str] = ()
    """Link targets inside the block (citations count as evidence)."""
    index: int = 0
    section: int = -1
    """Index into Document.sections of the innermost section holding this block (-1: none)."""
    in_references: bool = False
    """Under a "References" (or "Sources", "Further reading"...) heading: citations, not prose."""
    _spans: list[tuple[int, int]] | array[int] | None = None
    """`sentences`, or packed (`pack_sentences`): start, end, start, end... as 4-byte machine
    integers in an array (a tuple of two int objects per sentence took about 120 bytes: 12 MB
    for a 10 MB article). Unpacked on every read, so only a long document's are packed. One
    field for both forms: a 10 MB article has 53,000 blocks."""

    @property
    def sentences(self) -> list[tuple[int, int]] | None:
        """Sentence spans in prose offsets, filled by the NLP step when a rule needs them."""
        spans = self._spans
        if not isinstance(spans, array):
            return spans
        if spans is _WHOLE_BLOCK:
            return [(0, len(self.prose.text))]
        return list(zip(spans[0::2], spans[1::2], strict=True))

    @sentences.setter
    def sentences(self, spans: list[tuple[int, int]] | None) -> None:
        self._spans = spans

    def pack_sentences(self) -> None:
        """Keep `sentences` packed (see `_spans`)."""
        spans = self._spans
        if isinstance(spans, list):
            if spans == [(0, len(self.prose.text))]:
                # Two thirds of blocks are one sentence (headings, list items): one shared
                # marker instead of an array of two numbers each (88 bytes).
                self._spans = _WHOLE_BLOCK
            else:
                self._spans = array("I", [offset for span in spans for offset in span])

    @property
    def has_sentences(self) -> bool:
        """Whether `sentences` were filled (without unpacking them)."""
        return self._spans is not None

    @property
    def text(self) -> str:
        return self.prose.text

    def sentence_spans(self) -> Sequence[tuple[int, int]]:
        """Sentence spans, or the whole block as one when sentences were not computed; read in
        place when they are packed (`PackedSpans`)."""
        spans = self._spans
        if isinstance(spans, array) and spans is not _WHOLE_BLOCK and spans:
            return PackedSpans(spans)
        return self.sentences or [(0, len(self.prose.text))]

    @property
    def is_heading(self) -> bool:
        return self.kind in (BlockKind.TITLE, BlockKind.HEADING)


@dataclass(slots=True)
class Section:
    """A heading and the blocks after it, up to the next heading of the same or a higher level."""

    heading: int
    """Block index of the heading."""
    level: int
    start: int
    """First block index after the heading."""
    end: int
    """One past the last block index (nested subsections included)."""
    parent: int = -1


@dataclass(slots=True)
class Comment:
    """An HTML comment in the source (suppressions live in these)."""

    text: str
    start: int
    end: int


class LineIndex:
    """Turns 0-based character offsets into 1-based line and column numbers."""

    def __init__(self, source: str) -> None:
        # 4-byte machine integers, not a list of int objects (9 bytes a line where 40 were:
        # a 10 MB article has 100,000 lines); files are far below 4 billion characters.
        self.starts = array("I", [0])
        pos = source.find("\n")
        while pos != -1:
            self.starts.append(pos + 1)
            pos = source.find("\n", pos + 1)

    def line_col(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1

    def offset(self, line: int, column: int = 1) -> int:
        """0-based offset of a 1-based line and column."""
        return self.starts[line - 1] + column - 1


@dataclass(slots=True)
class Document:
    path: str
    source: str
    """Decoded text, BOM removed: every offset in medlint is into this string."""
    format: str
    blocks: list[Block] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    front_matter: dict[str, Any] = field(default_factory=dict)
    front_matter_end: int = 0
    """Source offset just past the front matter (0 when there is none)."""
    comments: list[Comment] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    """Every link target in the document, including those outside prose blocks."""
    bare_urls: list[str] = field(default_factory=list)
    """Web addresses written out in the prose rather than as links ("the abstract is at
    https://..."): readers' tools make them links, so rules that look for a link read them too."""
    title_block: int | None = None
    _lines: LineIndex | None = None
    _title: str | None = None

    @property
    def lines(self) -> LineIndex:
        if self._lines is None:
            self._lines = LineIndex(self.source)
        return self._lines

    @property
    def title(self) -> str:
        """The title block's text, else front matter's `title` when it is a scalar (a list or
        mapping is no title), at most MAX_TITLE characters; computed once."""
        if self.title_block is not None:
            return self.blocks[self.title_block].text
        if self._title is None:
            self._title = front_matter_text(self.front_matter.get("title"))
        return self._title

    def add_block(self, kind: BlockKind, prose: Prose, level: int = 0, links: Sequence[str] | None = None) -> None:
        if prose.urls:
            self.bare_urls.extend(prose.urls)
            prose.urls = ()  # the document's now
        prose.strip()
        if not prose.text.strip():
            return
        block = Block(kind, prose, level=level, links=links or (), index=len(self.blocks))
        self.blocks.append(block)
        if kind is BlockKind.TITLE:
            self.title_block = block.index

    def add_head_title(self, prose: Prose) -> None:
        """A title the page carries outside its body (HTML `<title>`, front matter `title`), read
        as the first block: the title when the body has none, else a block of its own, unless it
        only repeats the body's title ("Back pain - NHS" over "Back pain"). Call before finish().
        """
        body_title = self.title_block
        count = len(self.blocks)
        self.add_block(BlockKind.TITLE, prose, level=1)
        if len(self.blocks) == count:  # a blank title adds no block
            return
        head = self.blocks.pop()
        if body_title is not None and _repeats(head.text, self.blocks[body_title].text):
            self.title_block = body_title
            return
        self.blocks.insert(0, head)
        for i, block in enumerate(self.blocks):
            block.index = i
        self.title_block = 0 if body_title is None else body_title + 1

    def finish(self) -> Document:
        """Build sections from heading levels once all blocks are in."""
        open_sections: list[int] = []
        for block in self.blocks:
            if block.is_heading:
                level = block.level or 1
                while open_sections and self.sections[open_sections[-1]].level >= level:
                    self.sections[open_sections.pop()].end = block.index
                parent = open_sections[-1] if open_sections else -1
                self.sections.append(Section(block.index, level, block.index + 1, len(self.blocks), parent))
                open_sections.append(len(self.sections) - 1)
            block.section = open_sections[-1] if open_sections else -1
            if not block.is_heading:
                block.in_references = any(
                    REFERENCES_HEADING.match(self.blocks[self.sections[i].heading].text) for i in open_sections
                )
        return self

    def anchor(self) -> tuple[int, int]:
        """Source range that document-level findings point at: the title, else the first line;
        at most its first MAX_ANCHOR characters (every such finding quotes the range as its
        context: a file that is one 10 MB line made each of them 10 MB)."""
        if self.title_block is not None:
            prose = self.blocks[self.title_block].prose
            return prose.source_start(0), prose.source_end(min(len(prose.text), MAX_ANCHOR))
        first = self.front_matter_end
        while first < len(self.source) and self.source[first] in "\r\n":
            first += 1
        end = self.source.find("\n", first)
        end = len(self.source) if end == -1 else end
        if end > first and self.source[end - 1] == "\r":
            end -= 1
        return first, min(max(end, first), first + MAX_ANCHOR)

    def word_count(self) -> int:
        return sum(_words(b.text) for b in self.blocks)


_WORD = re.compile(r"\S+")
_SPLIT_CHARS = 100_000
"""Texts up to this long are counted with `str.split` (faster); longer ones a word at a time."""


def _words(text: str) -> int:
    """`len(text.split())`, without a list of the words of a long text (a 10 MB paragraph)."""
    if len(text) < _SPLIT_CHARS:
        return len(text.split())
    return sum(1 for _ in _WORD.finditer(text))


def words_up_to(text: str, limit: int) -> int:
    """`min(len(text.split()), limit)`: enough to compare a text's word count with `limit`,
    counting no further (`\\S+` and `str.split` cut at the same whitespace)."""
    if len(text) < _SPLIT_CHARS:
        return min(len(text.split()), limit)
    return sum(1 for _ in itertools.islice(_WORD.finditer(text), limit))


def _repeats(head: str, title: str) -> bool:
    """One title holds the other's words, in order ("Back pain | NHS" and "Back pain")."""
    a, b = (" ".join(re.findall(r"\w+", t.lower())) for t in (head, title))
    return a in b or b in a
