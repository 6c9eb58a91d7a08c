"""Plain text to blocks: paragraphs split on blank lines, headings found by their shape.

Articles pasted as plain text (like the seed article) mark headings only as short lines on
their own, without the full stop that ends a sentence. A one-line block is a heading when it
is short, does not end like a sentence, and more text follows; a question ("Are There
Risks?") counts when it is written in title case, as headings are.

Comments are never prose. A line that holds only comments is left out whole, line break and
all, so the text around it reads (and is split into blocks) as if the line were not there; a
comment inside a line is cut out of it. Every other character keeps its source offset.
"""

from __future__ import annotations

import bisect
import re

from medlint.document import BlockKind, Comment, Document
from medlint.parse.common import COMMENT_RE
from medlint.prose import Prose

_BLANK_LINES = re.compile(r"\n[ \t\r]*\n")
_BULLET = re.compile(r"[ \t]*(?:[-*\u2022]|\d{1,3}[.)])[ \t]+")
_MAX_HEADING_WORDS = 14
_SMALL_WORDS = frozenset(
    "a an and are as at by for from in into is of on or the to with vs via your you it its".split()
)


Span = tuple[int, int]
"""A stretch of the source: (start, end) offsets."""


def parse_text(doc: Document, body_start: int) -> None:
    source = doc.source
    comments: list[Span] = []
    for m in COMMENT_RE.finditer(source, body_start):
        doc.comments.append(Comment(m.group(1), m.start(), m.end()))
        comments.append((m.start(), m.end()))
    chunks = _chunks(source, body_start, _Comments(comments))
    for n, lines in enumerate(chunks):
        # Each line is its pieces of source outside comments, the line break included.
        first = _text(source, lines[0]).strip()
        if len(lines) == 1 and n + 1 < len(chunks) and _looks_like_heading(first):
            _add_heading(doc, source, lines[0])
            continue
        if len(lines) > 1 and _heads_its_lines(first, _text(source, lines[1])):
            _add_heading(doc, source, _rstrip(source, lines[0]))
            lines = lines[1:]
        _add_lines(doc, source, lines)


def _add_heading(doc: Document, source: str, line: list[Span]) -> None:
    kind = BlockKind.TITLE if doc.title_block is None and not doc.blocks else BlockKind.HEADING
    doc.add_block(kind, _prose(source, line), level=1 if kind is BlockKind.TITLE else 2)


def _add_lines(doc: Document, source: str, lines: list[list[Span]]) -> None:
    """Bullet lines are list items (an indented line continues one); other runs of lines are
    paragraphs: "Benefits include:" then its bullets is a paragraph and two items. Lines that
    are not one wrapped paragraph (`_wrapped`) are a paragraph each."""
    paragraph: list[Span] = []
    item: list[Span] = []

    def flush() -> None:
        nonlocal paragraph, item
        if item:
            doc.add_block(BlockKind.LIST_ITEM, _prose(source, _rstrip(source, item)))
        if paragraph:
            doc.add_block(BlockKind.PARAGRAPH, _prose(source, _rstrip(source, paragraph)))
        paragraph, item = [], []

    ragged = not _wrapped(source, lines)
    for line in lines:
        bullet = _BULLET.match(source, *line[0])
        if bullet:
            flush()
            item = [(bullet.end(), line[0][1]), *line[1:]]
        elif item and source[line[0][0]] in " \t":
            item.extend(line)
        else:
            if item or ragged:
                flush()
            if ragged and not paragraph:
                # A line that stands alone starts its own paragraph: no indentation before it.
                line = next(iter(_strip(source, [line])), line)
            paragraph.extend(line)
    flush()


_WRAPPED_SHARE = 0.6
"""A line of wrapped prose (not the last) is at least this share of the longest line's length:
wrapping at a width leaves each line short of it by at most a long word or two, while a label
line ("Verified Purchase") or a date line is a fraction of a line of text."""


def _wrapped(source: str, lines: list[list[Span]]) -> bool:
    """Whether a run of lines is one paragraph wrapped at a width, or lines that each stand
    alone: a review's "Verified Purchase", a date line and its text, or paragraphs written one
    per line with no blank line between. Wrapped prose fills its lines nearly to one width
    (all but the last); lines that stand alone are ragged."""
    # Bullets and their indented continuation lines are items, measured as such elsewhere.
    prose = [line for line in lines if not _BULLET.match(source, *line[0]) and source[line[0][0]] not in " \t"]
    if len(prose) < 2:
        return True
    widths = [len(_text(source, line).strip()) for line in prose]
    widest = max(widths)
    return all(w >= _WRAPPED_SHARE * widest for w in widths[:-1])


class _Comments:
    """The comments' spans, in order, to cut out of the text."""

    def __init__(self, spans: list[Span]) -> None:
        self.spans = spans
        self.ends = [e for _, e in spans]

    def inside(self, offset: int) -> bool:
        i = bisect.bisect_right(self.ends, offset)
        return i < len(self.spans) and self.spans[i][0] <= offset

    def outside(self, start: int, end: int) -> tuple[list[Span], bool]:
        """The pieces of [start, end) outside comments, and whether a comment touched it."""
        pieces = []
        pos = start
        i = bisect.bisect_right(self.ends, start)
        touched = i < len(self.spans) and self.spans[i][0] < end
        while i < len(self.spans) and self.spans[i][0] < end:
            s, e = self.spans[i]
            if s > pos:
                pieces.append((pos, s))
            pos = max(pos, e)
            i += 1
        if pos < end:
            pieces.append((pos, end))
        return pieces, touched


def _chunks(source: str, start: int, comments: _Comments) -> list[list[list[Span]]]:
    """Blocks of text between blank lines, each a list of lines (a line: its pieces of source)."""
    spans = []
    pos = start
    for m in _BLANK_LINES.finditer(source, start):
        if comments.inside(m.start()):
            continue  # a blank line inside a comment does not end the paragraph
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(source)))
    out = []
    for s, e in spans:
        # Trim surrounding whitespace but keep offsets into the source.
        while s < e and source[s].isspace():
            s += 1
        while e > s and source[e - 1].isspace():
            e -= 1
        lines = []
        for line in source[s:e].splitlines(keepends=True):
            pieces, touched = comments.outside(s, s + len(line))
            if not touched or _text(source, pieces).strip():  # a line of only comments is left out
                lines.append(pieces)
            s += len(line)
        lines = _strip(source, lines)
        if lines:
            out.append(lines)
    return out


def _text(source: str, pieces: list[Span]) -> str:
    return "".join(source[s:e] for s, e in pieces)


def _prose(source: str, pieces: list[Span]) -> Prose:
    prose = Prose()
    for s, e in pieces:
        prose.append_run(source[s:e], s)
    return prose


def _rstrip(source: str, pieces: list[Span]) -> list[Span]:
    pieces = list(pieces)
    while pieces:
        s, e = pieces[-1]
        while e > s and source[e - 1].isspace():
            e -= 1
        if e > s:
            pieces[-1] = (s, e)
            break
        pieces.pop()
    return pieces


def _strip(source: str, lines: list[list[Span]]) -> list[list[Span]]:
    """Leading and trailing whitespace of the whole block, once comments are cut out."""
    lines = [line for line in lines if line]
    while lines:
        s, e = lines[0][0]
        while s < e and source[s].isspace():
            s += 1
        if s < e:
            lines[0] = [(s, e), *lines[0][1:]]
            break
        lines[0] = lines[0][1:]
        if not lines[0]:
            lines.pop(0)
    while lines:
        last = _rstrip(source, lines[-1])
        if last:
            lines[-1] = last
            break
        lines.pop()
    return lines


def _looks_like_heading(line: str) -> bool:
    words = line.split()
    if not words or len(words) > _MAX_HEADING_WORDS:
        return False
    if line[-1] in ".,;:!\u2026" or line.startswith(("-", "*", "\u2022")):
        return False
    if not (line[0].isupper() or line[0].isdigit()):
        return False
    if line[-1] == "?":
        return _title_case(words)
    return True


def _heads_its_lines(line: str, after: str) -> bool:
    """A short first line in title case or capitals, on top of more text with no blank line
    between ("Cancer Prevention" then its paragraph; "WHY PARENTS CHOOSE US" then bullets).
    A hard-wrapped paragraph's first line is long, or not in title case."""
    words = line.split()
    if not _looks_like_heading(line) or len(words) > 8 or len(line) > 60:
        return False
    after = after.strip()
    if not after or not (after[0].isupper() or after[0].isdigit() or _BULLET.match(after)):
        return False
    return _title_case(words) or line.isupper()


def _title_case(words: list[str]) -> bool:
    content = [w for w in words if w.lower().strip("?") not in _SMALL_WORDS]
    return bool(content) and all(w[0].isupper() or not w[0].isalpha() for w in content)
