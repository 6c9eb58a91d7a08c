"""Plain text to blocks: paragraphs split on blank lines, headings found by their shape.

Articles pasted as plain text (like the seed article) mark headings only as short lines on
their own, without the full stop that ends a sentence. A one-line block is a heading when it
is short, does not end like a sentence, and more text follows; a question ("Are There
Risks?") counts when it is written in title case, as headings are.
"""

from __future__ import annotations

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


def parse_text(doc: Document, body_start: int) -> None:
    source = doc.source
    for m in COMMENT_RE.finditer(source, body_start):
        doc.comments.append(Comment(m.group(1), m.start(), m.end()))
    chunks = _chunks(source, body_start)
    for n, (start, end) in enumerate(chunks):
        chunk = source[start:end]
        lines = chunk.splitlines()
        if len(lines) == 1 and n + 1 < len(chunks) and _looks_like_heading(chunk.strip()):
            kind = BlockKind.TITLE if doc.title_block is None and not doc.blocks else BlockKind.HEADING
            prose = Prose()
            prose.append_run(chunk.rstrip(), start)
            doc.add_block(kind, prose, level=1 if kind is BlockKind.TITLE else 2)
        elif lines and all(_BULLET.match(line) for line in lines if line.strip()):
            pos = start
            for line in chunk.splitlines(keepends=True):
                bullet = _BULLET.match(line)
                if bullet:
                    prose = Prose()
                    prose.append_run(line[bullet.end() :].rstrip(), pos + bullet.end())
                    doc.add_block(BlockKind.LIST_ITEM, prose)
                pos += len(line)
        else:
            prose = Prose()
            prose.append_run(chunk.rstrip(), start)
            doc.add_block(BlockKind.PARAGRAPH, prose)


def _chunks(source: str, start: int) -> list[tuple[int, int]]:
    spans = []
    pos = start
    for m in _BLANK_LINES.finditer(source, start):
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
        if e > s and not COMMENT_RE.fullmatch(source[s:e]):
            out.append((s, e))
    return out


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


def _title_case(words: list[str]) -> bool:
    content = [w for w in words if w.lower().strip("?") not in _SMALL_WORDS]
    return bool(content) and all(w[0].isupper() or not w[0].isalpha() for w in content)
