"""Prose built from pieces of a source file, with a map from every prose offset back to the source.

Parsers append pieces in reading order: plain runs of source characters (mapped one to one)
and atoms (an entity such as `&amp;`, a soft line break) whose one prose character stands for
a longer stretch of source. Rules match on the prose; the map turns their offsets into source
offsets, so no position is ever recovered by searching the text again.
"""

from __future__ import annotations

import bisect
import re
from array import array
from collections.abc import Sequence

# URLs are never linted: they are replaced by spaces of equal length while the prose is built,
# so offsets stay exact and no rule sees "cure" in "example.com/cure".
_URL = re.compile(r"(?:https?://|www\.)[^\s<>()\[\]]+[^\s<>()\[\].,;:!?'\"]", re.IGNORECASE)
# Line breaks and tabs become spaces one for one, so sentences and phrases read across them.
_WHITESPACE = str.maketrans({"\n": " ", "\r": " ", "\t": " ", "\u00a0": " "})


OFFSET = "I"
"""The array type of segment offsets: unsigned 4-byte integers (files are capped by
`max-file-size`, far below 4 billion characters)."""

_NO_SEGMENTS: array[int] = array(OFFSET)


class Prose:
    """Text of one block plus its segments: (prose_start, prose_end, source_start, source_end).

    Kept small, since a long document has tens of thousands of blocks (a 10 MB article took
    about 70 MB as blocks): the segments are built in one flat list of integers and, once the
    block is complete (`strip`) or first read, kept as one array of machine integers
    (`OFFSET`) in four columns, where a tuple of int objects each took about 200 bytes; the
    lists of pending pieces and of masked addresses exist only while there is something in
    them."""

    # Four fields, each holding one of two forms (a 10 MB article has 53,000 blocks, and two
    # fields fewer made each Prose 16 bytes smaller).
    __slots__ = ("_columns", "_length", "_text", "urls")

    def __init__(self) -> None:
        self._text: str | list[str] = ""
        """The text; or, while pieces are being appended, the pieces since it was last read,
        the text so far first: joined once, when it is read. Appending to the string itself
        copied the whole text for every piece (a 10 MB paragraph of short lines took seconds
        and left 70 MB of heap behind)."""
        self._length = 0
        self._columns: array[int] | int | list[int] = _NO_SEGMENTS
        """The segments, read-only: every p0 in order (what `_segment` searches), then every
        p1, every s0, every s1; or, for prose that is one run of the source (most blocks: a
        heading, a list item, a paragraph without links), just where the run starts, an int
        where an array took about 100 bytes; or, while pieces are being appended, a flat list
        to add to: p0, p1, s0, s1, p0, p1..."""
        self.urls: Sequence[str] = ()
        """The web addresses masked out of plain runs (written out in the text, not as links)."""

    @property
    def text(self) -> str:
        text = self._text
        if isinstance(text, list):
            text = self._text = "".join(text)
        return text

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Prose):
            return NotImplemented
        return self.text == other.text and self.segments == other.segments and self.urls == other.urls

    __hash__ = None  # type: ignore[assignment]  # mutable, like the dataclass it was

    def __repr__(self) -> str:
        return f"Prose(text={self.text!r}, segments={self.segments!r})"

    def append_run(self, text: str, source_start: int, *, mask_urls: bool = True) -> None:
        """Append source characters that appear in the prose unchanged."""
        if not text:
            return
        if mask_urls and ("://" in text or "www." in text.lower()):
            found = [m.group() for m in _URL.finditer(text)]
            if found:
                self.urls = [*self.urls, *found]
                text = _URL.sub(lambda m: " " * len(m.group()), text)
        self._append(text.translate(_WHITESPACE), source_start, source_start + len(text))

    def append_atom(self, text: str, source_start: int, source_end: int) -> None:
        """Append prose that stands for the whole source range (an entity, a line break)."""
        if not text:
            return
        self._append(text.translate(_WHITESPACE), source_start, source_end)

    def append_gap(self, source_offset: int) -> None:
        """A separator between words (skipped inline code, a tag) that has no source text."""
        text = self._text
        last = text[-1] if isinstance(text, list) else text
        if self._length and not last.endswith(" "):
            self.append_atom(" ", source_offset, source_offset)

    def _append(self, piece: str, s0: int, s1: int) -> None:
        segments = self._open()  # before the length changes: a one-run form is read from it
        start = self._length
        text = self._text
        if isinstance(text, list):
            text.append(piece)
        else:
            self._text = [text, piece] if text else [piece]
        self._length += len(piece)
        segments.extend((start, self._length, s0, s1))

    def _open(self) -> list[int]:
        """The segments as a flat list to add to (read back from the columns if need be)."""
        cols = self._columns
        if isinstance(cols, list):
            return cols
        if isinstance(cols, int):
            flat = [0, self._length, cols, cols + self._length]
        else:
            n = len(cols) // 4
            flat = [v for i in range(n) for v in (cols[i], cols[n + i], cols[2 * n + i], cols[3 * n + i])]
        self._columns = flat
        return flat

    def _frozen(self) -> array[int] | int:
        """The segments as columns (see `_columns`), made from the flat list if need be.

        Neighbouring pieces that are both copied one for one, and follow each other in the
        source too (a paragraph's lines and the line breaks between them), are kept as one:
        every offset maps the same through either."""
        flat = self._columns
        if isinstance(flat, list):
            merged: list[int] = []
            for k in range(0, len(flat), 4):
                p0, p1, s0, s1 = flat[k : k + 4]
                if (
                    merged
                    and merged[-3] == p0
                    and merged[-1] == s0
                    and p1 - p0 == s1 - s0
                    and merged[-3] - merged[-4] == merged[-1] - merged[-2]
                ):
                    merged[-3], merged[-1] = p1, s1
                else:
                    merged += (p0, p1, s0, s1)
            if len(merged) == 4 and merged[0] == 0 and merged[1] == self._length and merged[1] == merged[3] - merged[2]:
                self._columns = merged[2]
            else:
                self._columns = (
                    array(OFFSET, merged[0::4] + merged[1::4] + merged[2::4] + merged[3::4]) if merged else _NO_SEGMENTS
                )
        return self._columns  # type: ignore[return-value]  # not a list: frozen just above

    @property
    def segments(self) -> list[tuple[int, int, int, int]]:
        """(prose_start, prose_end, source_start, source_end) of every piece, in order."""
        cols = self._frozen()
        if isinstance(cols, int):
            return [(0, self._length, cols, cols + self._length)]
        n = len(cols) // 4
        return list(zip(cols[:n], cols[n : 2 * n], cols[2 * n : 3 * n], cols[3 * n :], strict=True))

    def source_start(self, prose_offset: int) -> int:
        """Source offset of the prose character at `prose_offset`."""
        p0, p1, s0, s1 = self._segment(prose_offset)
        if p1 - p0 == s1 - s0:
            return s0 + (prose_offset - p0)
        return s0

    def source_end(self, prose_end: int) -> int:
        """Source offset just past the prose character at `prose_end - 1`."""
        p0, p1, s0, s1 = self._segment(max(prose_end - 1, 0))
        if p1 - p0 == s1 - s0:
            return s0 + (prose_end - p0)
        return s1

    def _segment(self, prose_offset: int) -> tuple[int, int, int, int]:
        cols = self._frozen()
        if isinstance(cols, int):
            return 0, self._length, cols, cols + self._length
        n = len(cols) // 4
        if not n:
            raise ValueError("empty prose has no source positions")
        i = max(bisect.bisect_right(cols, prose_offset, 0, n) - 1, 0)
        return cols[i], cols[n + i], cols[2 * n + i], cols[3 * n + i]

    def strip(self) -> None:
        """Drop trailing spaces that only separate pieces (keeps every offset valid); the
        block is complete, so its segments are packed."""
        text = self.text
        seg = self._open()
        while text.endswith(" ") and seg and seg[-3] == len(text):
            p0, p1, s0, s1 = seg[-4:]
            if p1 - p0 == 1:
                del seg[-4:]
            else:
                seg[-3] = p1 - 1
                seg[-1] = s1 - 1 if p1 - p0 == s1 - s0 else s1
            text = text[:-1]
        self._text, self._length = text, len(text)
        self._frozen()
