"""Markdown (CommonMark + tables) to blocks, using markdown-it-py for the structure.

markdown-it gives each block its source lines but no character offsets inside a line, so the
inline tokens are aligned with the source by a cursor that only moves forward: each text token
is located at or after the end of the previous one. Alignment never crosses the block's lines,
and matches are later mapped through the resulting source map, not searched for.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.token import Token

from medlint.document import BlockKind, Comment, Document
from medlint.parse.common import COMMENT_RE
from medlint.prose import Prose

_MD: MarkdownIt | None = None


def _parser() -> MarkdownIt:
    global _MD
    if _MD is None:
        # text_join would merge entities and escapes into plain text and lose their source spans.
        _MD = MarkdownIt("commonmark").enable("table").disable("text_join")
    return _MD


def parse_markdown(doc: Document, body_start_line: int) -> None:
    """Fill `doc` from its source; lines before `body_start_line` (front matter) are blanked."""
    lines = doc.lines.starts
    source = doc.source
    if body_start_line:
        # Blank the front matter but keep its lines so token maps stay in file coordinates.
        text = "\n" * body_start_line + source[lines[body_start_line] :] if body_start_line < len(lines) else ""
    else:
        text = source
    tokens = _parser().parse(text)
    kind_stack: list[BlockKind] = []
    seen_h1 = False
    cursor = 0
    for i, token in enumerate(tokens):
        if token.type in ("html_block",):
            _collect_comments(doc, token, lines)
        elif token.type == "blockquote_open":
            kind_stack.append(BlockKind.QUOTE)
        elif token.type == "list_item_open":
            kind_stack.append(BlockKind.LIST_ITEM)
        elif token.type in ("th_open", "td_open"):
            kind_stack.append(BlockKind.TABLE_CELL)
        elif token.type in ("blockquote_close", "list_item_close", "th_close", "td_close"):
            kind_stack.pop()
        elif token.type == "inline" and token.map is not None:
            block_start = lines[token.map[0]]
            block_end = lines[token.map[1]] if token.map[1] < len(lines) else len(source)
            cursor = max(cursor, block_start)
            opener = tokens[i - 1]
            level = 0
            if opener.type == "heading_open":
                level = int(opener.tag[1])
                kind = BlockKind.TITLE if level == 1 and not seen_h1 and doc.title_block is None else BlockKind.HEADING
                seen_h1 = seen_h1 or level == 1
            elif kind_stack:
                kind = kind_stack[-1]
            else:
                kind = BlockKind.PARAGRAPH
            prose, links, cursor = _inline_prose(doc, token, cursor, block_end)
            doc.add_block(kind, prose, level=level or (1 if kind is BlockKind.TITLE else 0), links=links)
            doc.links.extend(links)


def _collect_comments(doc: Document, token: Token, lines: list[int]) -> None:
    if token.map is None:
        return
    start = lines[token.map[0]]
    end = lines[token.map[1]] if token.map[1] < len(lines) else len(doc.source)
    for m in COMMENT_RE.finditer(doc.source, start, end):
        doc.comments.append(Comment(m.group(1), m.start(), m.end()))


def _inline_prose(doc: Document, inline: Token, cursor: int, limit: int) -> tuple[Prose, list[str], int]:
    source = doc.source
    prose = Prose()
    links: list[str] = []
    hide_depth = 0  # inside a link whose text is its own URL (autolinks): not prose
    for child in inline.children or []:
        kind = child.type
        if kind == "text":
            pos = source.find(child.content, cursor, limit) if child.content else cursor
            if pos == -1:
                continue  # cannot place it exactly: leave it out rather than guess
            if not hide_depth:
                prose.append_run(child.content, pos)
            cursor = pos + len(child.content)
        elif kind == "text_special":
            pos = source.find(child.markup, cursor, limit)
            if pos == -1:
                continue
            if not hide_depth:
                prose.append_atom(child.content, pos, pos + len(child.markup))
            cursor = pos + len(child.markup)
        elif kind in ("softbreak", "hardbreak"):
            pos = source.find("\n", cursor, limit)
            if pos != -1:
                start = pos - 1 if pos > 0 and source[pos - 1] == "\r" else pos
                prose.append_atom(" ", start, pos + 1)
                cursor = pos + 1
        elif kind == "code_inline":
            pos = source.find(child.content, cursor, limit)
            if pos != -1:
                prose.append_gap(pos)
                cursor = pos + len(child.content) + len(child.markup)
        elif kind == "html_inline":
            pos = source.find(child.content, cursor, limit)
            if pos != -1:
                for m in COMMENT_RE.finditer(child.content):
                    doc.comments.append(Comment(m.group(1), pos + m.start(), pos + m.end()))
                cursor = pos + len(child.content)
        elif kind == "link_open":
            href = str(child.attrs.get("href", ""))
            links.append(href)
            if child.markup == "autolink":
                hide_depth += 1
        elif kind == "link_close":
            if child.markup == "autolink":
                hide_depth -= 1
                end = source.find(">", cursor, limit)
                cursor = end + 1 if end != -1 else cursor
            else:
                cursor = _skip_link_destination(source, cursor, limit)
        elif kind == "image":
            cursor = _skip_link_destination(source, cursor, limit)
    return prose, links, cursor


def _skip_link_destination(source: str, cursor: int, limit: int) -> int:
    """Move past `](destination "title")` or `][ref]` so later text is not aligned inside a URL."""
    close = source.find("]", cursor, limit)
    if close == -1:
        return cursor
    pos = close + 1
    if pos < limit and source[pos] == "(":
        depth = 0
        while pos < limit:
            ch = source[pos]
            if ch == "\\":
                pos += 2
                continue
            if ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
                if depth == 0:
                    return pos + 1
            pos += 1
        return cursor
    if pos < limit and source[pos] == "[":
        end = source.find("]", pos, limit)
        return end + 1 if end != -1 else cursor
    return pos
