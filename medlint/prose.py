"""Prose built from pieces of a source file, with a map from every prose offset back to the source.

Parsers append pieces in reading order: plain runs of source characters (mapped one to one)
and atoms (an entity such as `&amp;`, a soft line break) whose one prose character stands for
a longer stretch of source. Rules match on the prose; the map turns their offsets into source
offsets, so no position is ever recovered by searching the text again.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

# URLs are never linted: they are replaced by spaces of equal length while the prose is built,
# so offsets stay exact and no rule sees "cure" in "example.com/cure".
_URL = re.compile(r"(?:https?://|www\.)[^\s<>()\[\]]+[^\s<>()\[\].,;:!?'\"]", re.IGNORECASE)
# Line breaks and tabs become spaces one for one, so sentences and phrases read across them.
_WHITESPACE = str.maketrans({"\n": " ", "\r": " ", "\t": " ", "\u00a0": " "})


@dataclass(slots=True)
class Prose:
    """Text of one block plus `segments`: (prose_start, prose_end, source_start, source_end)."""

    _text: str = ""
    _pending: list[str] = field(default_factory=list)
    """Pieces appended since `text` was last read: joined once, when it is read. Appending to
    the string itself copied the whole text for every piece (a 10 MB paragraph of short lines
    took seconds and left 70 MB of heap behind)."""
    _length: int = 0
    segments: list[tuple[int, int, int, int]] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    """The web addresses masked out of plain runs (written out in the text, not as links)."""

    @property
    def text(self) -> str:
        if self._pending:
            self._text += "".join(self._pending)
            self._pending.clear()
        return self._text

    def append_run(self, text: str, source_start: int, *, mask_urls: bool = True) -> None:
        """Append source characters that appear in the prose unchanged."""
        if not text:
            return
        if mask_urls and ("://" in text or "www." in text.lower()):
            self.urls.extend(m.group() for m in _URL.finditer(text))
            text = _URL.sub(lambda m: " " * len(m.group()), text)
        self._append(text.translate(_WHITESPACE), source_start, source_start + len(text))

    def append_atom(self, text: str, source_start: int, source_end: int) -> None:
        """Append prose that stands for the whole source range (an entity, a line break)."""
        if not text:
            return
        self._append(text.translate(_WHITESPACE), source_start, source_end)

    def append_gap(self, source_offset: int) -> None:
        """A separator between words (skipped inline code, a tag) that has no source text."""
        last = self._pending[-1] if self._pending else self._text
        if self._length and not last.endswith(" "):
            self.append_atom(" ", source_offset, source_offset)

    def _append(self, piece: str, s0: int, s1: int) -> None:
        start = self._length
        self._pending.append(piece)
        self._length += len(piece)
        self._add(start, self._length, s0, s1)

    def _add(self, p0: int, p1: int, s0: int, s1: int) -> None:
        self.segments.append((p0, p1, s0, s1))
        self._starts.append(p0)

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
        if not self.segments:
            raise ValueError("empty prose has no source positions")
        i = bisect.bisect_right(self._starts, prose_offset) - 1
        return self.segments[max(i, 0)]

    def strip(self) -> None:
        """Drop trailing spaces that only separate pieces (keeps every offset valid)."""
        text = self.text
        while text.endswith(" ") and self.segments and self.segments[-1][1] == len(text):
            p0, p1, s0, s1 = self.segments[-1]
            if p1 - p0 == 1:
                self.segments.pop()
                self._starts.pop()
            else:
                self.segments[-1] = (p0, p1 - 1, s0, s1 - 1 if p1 - p0 == s1 - s0 else s1)
            text = text[:-1]
        self._text, self._length = text, len(text)
