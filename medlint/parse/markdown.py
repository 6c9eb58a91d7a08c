"""Markdown (CommonMark + tables) to blocks, using markdown-it-py for the structure.

markdown-it gives each block its source lines but no character offsets inside a line, so the
inline tokens are aligned with the source by a cursor that only moves forward: each text token
is located at or after the end of the previous one. Alignment never crosses the block's lines,
and matches are later mapped through the resulting source map, not searched for.

HTML blocks are read by the HTML parser on their own source lines, so their prose maps to the
file the same way.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from markdown_it import MarkdownIt, rules_block
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.rules_core.normalize import NEWLINES_RE, NULL_RE
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from medlint.document import BlockKind, Comment, Document
from medlint.parse.common import COMMENT_RE
from medlint.parse.html import parse_html_fragment, raw_end
from medlint.prose import Prose

# markdown-it stops at `maxNesting` levels of tokens (a list item is two: the list and the item)
# and silently drops the rest of the enclosing container, up to the end of the file. Its parsers
# recurse once per level (about three Python frames per nested link), so the limit has to stay
# well inside Python's recursion limit: 200 levels is 100 nested lists or 200 quotes. Beyond
# that, list and quote markers are not read as containers any more (see `_shallow`): deeper
# text stays in a paragraph, markers and all, so nothing is lost.
_MAX_NESTING = 200
# Inline, markdown-it costs about `maxNesting` steps for every `[` (each may open a link label
# inside another): 200 made a 60,000-bracket line take ten seconds. Inline parsing keeps
# CommonMark's own guard of 20 (deeper brackets and emphasis stay literal text).
_INLINE_NESTING = 20
# If even that is too deep for the caller's stack, the document is parsed again with a
# smaller limit, with the same guarantee that nothing is dropped.
_SAFE_NESTING = 20
# The rules (and what they may interrupt) as markdown-it's block parser registers them.
_CONTAINERS: tuple[tuple[str, Callable[[StateBlock, int, int, bool], bool], list[str]], ...] = (
    ("blockquote", rules_block.blockquote, ["paragraph", "reference", "blockquote", "list"]),
    ("list", rules_block.list_block, ["paragraph", "reference", "blockquote"]),
)
_PARSERS = threading.local()
"""Each thread's parsers, by nesting limit: a parse changes its parser's options for a moment
(`_inline_nesting`), so two threads must never share one."""


def _shallow(
    rule: Callable[[StateBlock, int, int, bool], bool], max_level: int
) -> Callable[[StateBlock, int, int, bool], bool]:
    """A container rule that declines to open containers at `max_level` or deeper."""

    def guarded(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        return state.level < max_level and rule(state, start, end, silent)

    return guarded


def _inline_nesting(rule: Callable[[StateCore], None]) -> Callable[[StateCore], None]:
    """markdown-it's core inline step, run under the inline nesting limit."""

    def limited(state: StateCore) -> None:
        options = state.md.options
        block_limit = options["maxNesting"]
        options["maxNesting"] = min(block_limit, _INLINE_NESTING)
        try:
            rule(state)
        finally:
            options["maxNesting"] = block_limit

    return limited


_BRACKET_RUN = "[" * (_INLINE_NESTING + 1)
"""More `[` in a row than inline parsing nests: no label that opens here can be read as a link."""


def _closable(rule: Callable[[StateInline, bool], bool]) -> Callable[[StateInline, bool], bool]:
    """A link or image rule that gives up at once when no `]` follows in the inline text: no
    label can close, and a long run of `[` would otherwise cost a nested scan for each one.
    It also gives up at a `[` that opens a run deeper than the inline nesting limit: the scan
    would fail anyway, after markdown-it had remembered a position for every bracket of the run
    (a 10 MB line of brackets took 600 MB and minutes)."""

    def guarded(state: StateInline, silent: bool) -> bool:
        label = state.pos + (state.src[state.pos] == "!")
        if state.src.startswith(_BRACKET_RUN, label):
            return False
        key = (id(state), state.posMax)
        found = _LAST_CLOSE.get(key)
        if found is None or found[0] is not state:
            if len(_LAST_CLOSE) > 64:
                _LAST_CLOSE.clear()
            found = _LAST_CLOSE[key] = (state, state.src.rfind("]", 0, state.posMax))
        return state.pos < found[1] and rule(state, silent)

    return guarded


_LAST_CLOSE: dict[tuple[int, int], tuple[StateInline, int]] = {}
"""The last `]` before each inline state's end (the state is kept so a reused id never matches)."""


def _parser(max_nesting: int = _MAX_NESTING) -> MarkdownIt:
    parsers: dict[int, MarkdownIt] | None = getattr(_PARSERS, "by_nesting", None)
    if parsers is None:
        parsers = _PARSERS.by_nesting = {}
    md = parsers.get(max_nesting)
    if md is None:
        # text_join would merge entities and escapes into plain text and lose their source spans.
        md = MarkdownIt("commonmark", {"maxNesting": max_nesting}).enable("table").disable("text_join")
        for name, rule, alt in _CONTAINERS:
            # A container opens two levels at most (list + item); the inner blocks stay below the limit.
            md.block.ruler.at(name, _shallow(rule, max_nesting - 3), {"alt": alt})
        md.core.ruler.at("inline", _inline_nesting(md.core.ruler.__rules__[md.core.ruler.__find__("inline")].fn))
        for name in ("link", "image"):
            md.inline.ruler.at(name, _closable(md.inline.ruler.__rules__[md.inline.ruler.__find__(name)].fn))
        parsers[max_nesting] = md
    return md


_MAY_DEFINE = re.compile(r"^[ \t>]*(?:(?:[-+*]|\d+[.)])(?:[ \t]+|$)[ \t>]*)*\[", re.MULTILINE)
"""A line whose text, after indentation and container markers (quote `>`, list bullets and
numbers), opens with `[`: only such a line can start a link reference definition."""


def _top_level_blocks(md: MarkdownIt, src: str, env: dict[str, Any]) -> Iterator[list[Token]]:
    """markdown-it's block tokens of `src`, one top-level block (a paragraph, a whole list, a
    quote...) at a time: its block parser's top-level loop (`ParserBlock.tokenize`), handing
    over each block's tokens as soon as they are made, so a long document is never held as
    tokens whole (a 10 MB article made about 200,000 block tokens, 100 MB). Inline tokens are
    left unparsed (`children` None); link reference definitions go into `env` as they are met.
    """
    state = StateBlock(src, md, env, [])
    rules = md.block.ruler.getRules("")
    line, end = state.line, state.lineMax
    has_empty_lines = False
    while line < end:
        state.line = line = state.skipEmptyLines(line)
        if line >= end:
            break
        if state.sCount[line] < state.blkIndent or state.level >= md.options.maxNesting:
            break  # as markdown-it's loop; neither happens at the top level
        for rule in rules:
            if rule(state, line, end, False):
                if state.line <= line:
                    raise RuntimeError("block rule didn't increment state.line")
                break
        else:
            raise RuntimeError("none of the block rules matched")
        state.tight = not has_empty_lines
        line = state.line
        if line - 1 < end and state.isEmpty(line - 1):
            has_empty_lines = True
        if line < end and state.isEmpty(line):
            has_empty_lines = True
            line += 1
            state.line = line
        if state.tokens:
            yield state.tokens
            state.tokens = []
        env.pop("duplicate_refs", None)  # a second reading meets every definition again


STREAM_CHARS = 1_000_000
"""Texts up to this long are parsed whole by markdown-it (the same tokens, sooner)."""


def _block_tokens(md: MarkdownIt, text: str) -> Iterator[Token]:
    """What `md.parse(text)` returns, token by token, each inline token's children parsed
    just before it is handed over (under the inline nesting limit) and let go after: the
    caller reads a block's children before asking for the next token.

    Inline parsing reads every link reference definition of the document, wherever it is, so
    when a line may start one (`_MAY_DEFINE`) the block structure is read once beforehand for
    the definitions alone, its tokens dropped as they come."""
    core = [rule.__name__ for rule in md.core.ruler.getRules("")]
    if core != ["normalize", "block", "limited"]:  # what this replays; a new markdown-it may add steps
        raise RuntimeError(f"unexpected markdown-it core rules: {core}")
    if len(text) <= STREAM_CHARS:
        yield from md.parse(text)  # faster whole, and small
        return
    # markdown-it's normalize step, which copies the text even when nothing changes.
    src = NULL_RE.sub("\ufffd", NEWLINES_RE.sub("\n", text)) if ("\r" in text or "\0" in text) else text
    if not src:
        return
    env: dict[str, Any] = {}
    if "[" in src and _MAY_DEFINE.search(src):
        for _ in _top_level_blocks(md, src, env):
            pass
    options = md.options
    block_limit = options["maxNesting"]
    for batch in _top_level_blocks(md, src, env):
        for token in batch:
            if token.type == "inline":
                token.children = []
                options["maxNesting"] = min(block_limit, _INLINE_NESTING)
                try:
                    md.inline.parse(token.content, md, env, token.children)
                finally:
                    options["maxNesting"] = block_limit
                    _LAST_CLOSE.clear()  # it holds the inline state, and its caches, alive
            yield token
            token.children = None


def parse_markdown(doc: Document, body_start_line: int) -> None:
    """Fill `doc` from its source; lines before `body_start_line` (front matter) are blanked."""
    lines = doc.lines.starts
    source = doc.source
    if body_start_line:
        # Blank the front matter but keep its lines so token maps stay in file coordinates.
        text = "\n" * body_start_line + source[lines[body_start_line] :] if body_start_line < len(lines) else ""
    else:
        text = source
    blocks, links, comments, urls = len(doc.blocks), len(doc.links), len(doc.comments), len(doc.bare_urls)
    title = doc.title_block
    try:
        _read_blocks(doc, _block_tokens(_parser(), text))
    except RecursionError:
        # Read again from the start, with the smaller nesting limit.
        del doc.blocks[blocks:], doc.links[links:], doc.comments[comments:], doc.bare_urls[urls:]
        doc.title_block = title
        _read_blocks(doc, _block_tokens(_parser(_SAFE_NESTING), text))
    finally:
        _LAST_CLOSE.clear()


def _read_blocks(doc: Document, tokens: Iterator[Token]) -> None:
    """Add to `doc` the blocks of markdown-it's `tokens` (in order, children parsed)."""
    lines = doc.lines.starts
    source = doc.source
    kind_stack: list[BlockKind] = []
    seen_h1 = False
    cursor = 0
    raw_open: str | None = None  # a <script>, <style> or comment an HTML block left open
    opener: Token | None = None  # the token before this one
    for token in tokens:
        previous, opener = opener, token
        if token.type == "html_block":
            _collect_comments(doc, token, lines)
            raw_open = _html_block(doc, token, kind_stack[-1] if kind_stack else None, raw_open)
        elif token.type == "blockquote_open":
            kind_stack.append(BlockKind.QUOTE)
        elif token.type == "list_item_open":
            kind_stack.append(BlockKind.LIST_ITEM)
        elif token.type in ("th_open", "td_open"):
            kind_stack.append(BlockKind.TABLE_CELL)
        elif token.type in ("blockquote_close", "list_item_close", "th_close", "td_close"):
            kind_stack.pop()
        elif token.type == "inline" and token.map is not None and previous is not None:
            block_start = lines[token.map[0]]
            block_end = lines[token.map[1]] if token.map[1] < len(lines) else len(source)
            cursor = max(cursor, block_start)
            if raw_open is not None:
                # Inside that script, style or comment in a browser: never shown, up to its end.
                closed = raw_end(source, raw_open, block_start, block_end)
                if closed == -1:
                    continue
                raw_open, cursor = None, closed
            level = 0
            if previous.type == "heading_open":
                level = int(previous.tag[1])
                kind = BlockKind.TITLE if level == 1 and not seen_h1 and doc.title_block is None else BlockKind.HEADING
                seen_h1 = seen_h1 or level == 1
            elif kind_stack:
                kind = kind_stack[-1]
            else:
                kind = BlockKind.PARAGRAPH
            prose, links, cursor = _inline_prose(
                doc,
                token,
                cursor,
                block_end,
                quoted=BlockKind.QUOTE in kind_stack,
                in_table=previous.type in ("th_open", "td_open"),
            )
            doc.add_block(kind, prose, level=level or (1 if kind is BlockKind.TITLE else 0), links=links)
            doc.links.extend(links)


def _collect_comments(doc: Document, token: Token, lines: Sequence[int]) -> None:
    if token.map is None:
        return
    start = lines[token.map[0]]
    end = lines[token.map[1]] if token.map[1] < len(lines) else len(doc.source)
    for m in COMMENT_RE.finditer(doc.source, start, end):
        doc.comments.append(Comment(m.group(1), m.start(), m.end()))


def _html_block(doc: Document, token: Token, kind: BlockKind | None, raw_open: str | None) -> str | None:
    """Prose of an HTML block, read by the HTML parser from the block's own source lines.

    markdown-it's content is each line without its container prefix (`>` markers, a list
    bullet, indentation). Each content line is the end of its source line, so the prefix is
    blanked to spaces and the parser sees the block's lines at their own offsets.
    """
    if token.map is None:
        return raw_open
    source = doc.source
    starts = doc.lines.starts
    content = token.content.split("\n")
    parts = []
    for k, line in enumerate(range(token.map[0], token.map[1])):
        start = starts[line]
        end = starts[line + 1] if line + 1 < len(starts) else len(source)
        raw = source[start:end]
        body = raw.rstrip("\r\n")
        html = content[k].lstrip(" \t") if k < len(content) else ""
        keep = len(body) - len(html) if html and body.endswith(html) else len(body)
        parts.append(" " * keep + raw[keep:])
    return parse_html_fragment(doc, "".join(parts), token.map[0], kind, raw_open)


def _walk(children: list[Token]) -> Iterator[tuple[str, Token]]:
    """Inline tokens in source order, an image's alt text between ("image", t) and ("image_end", t).

    Iterative, so images nested as deep as markdown-it allows cost no recursion here.
    """
    stack: list[tuple[list[Token], int, Token | None]] = [(children, 0, None)]
    while stack:
        tokens, i, image = stack.pop()
        if i == len(tokens):
            if image is not None:
                yield "image_end", image
            continue
        stack.append((tokens, i + 1, image))
        token = tokens[i]
        yield token.type, token
        if token.type == "image":
            stack.append((token.children or [], 0, token))


def _find(source: str, needle: str, cursor: int, limit: int, in_table: bool) -> tuple[int, int]:
    """Source span of `needle` at or after `cursor`, or (-1, -1).

    In a table cell every `|` was written `\\|`: markdown-it drops the backslash when it splits
    the row into cells, so there the `|` of the needle only matches `\\|` (never a cell border).
    """
    if in_table and "|" in needle:
        pattern = "".join(r"\\\|" if ch == "|" else re.escape(ch) for ch in needle)
        m = re.compile(pattern).search(source, cursor, limit)
        return (m.start(), m.end()) if m else (-1, -1)
    pos = source.find(needle, cursor, limit)
    return (pos, pos + len(needle)) if pos != -1 else (-1, -1)


def _append_text(prose: Prose, text: str, start: int, end: int) -> None:
    if end - start == len(text):
        prose.append_run(text, start)
        return
    # Unescaped pipes of a table cell: each `|` stands for the two characters `\|`.
    pos = start
    for k, piece in enumerate(text.split("|")):
        if k:
            prose.append_atom("|", pos, pos + 2)
            pos += 2
        prose.append_run(piece, pos)
        pos += len(piece)


def _inline_prose(
    doc: Document, inline: Token, cursor: int, limit: int, *, quoted: bool = False, in_table: bool = False
) -> tuple[Prose, list[str], int]:
    source = doc.source
    prose = Prose()
    links: list[str] = []
    hide_depth = 0  # inside a link whose text is its own URL (autolinks): not prose
    alt_depth = 0  # inside an image's alt text: aligned, but not prose
    for kind, child in _walk(inline.children or []):
        hidden = hide_depth or alt_depth
        if kind == "text":
            if not child.content:
                continue
            pos, end = _find(source, child.content, cursor, limit, in_table)
            if pos == -1:
                continue  # cannot place it exactly: leave it out rather than guess
            if not hidden:
                _append_text(prose, child.content, pos, end)
            cursor = end
        elif kind == "text_special":
            pos, end = _find(source, child.markup, cursor, limit, in_table)
            if pos == -1:
                continue
            if not hidden:
                prose.append_atom(child.content, pos, end)
            cursor = end
        elif kind in ("softbreak", "hardbreak"):
            pos = source.find("\n", cursor, limit)
            if pos != -1:
                start = pos - 1 if pos > 0 and source[pos - 1] == "\r" else pos
                if not hidden:
                    prose.append_atom(" ", start, pos + 1)
                cursor = pos + 1
        elif kind == "code_inline":
            pos, end = _find(source, child.content, cursor, limit, in_table)
            if pos != -1:
                if not hidden:
                    prose.append_gap(pos)
                cursor = end + len(child.markup)
        elif kind == "html_inline":
            pos, end = _find(source, child.content, cursor, limit, in_table)
            if pos != -1:
                for m in COMMENT_RE.finditer(source, pos, end):
                    doc.comments.append(Comment(m.group(1), m.start(), m.end()))
                cursor = end
        elif kind == "link_open":
            if not alt_depth:
                links.append(str(child.attrs.get("href", "")))
            if child.markup == "autolink":
                hide_depth += 1
        elif kind == "link_close":
            if child.markup == "autolink":
                hide_depth -= 1
                end = source.find(">", cursor, limit)
                cursor = end + 1 if end != -1 else cursor
            else:
                cursor = _skip_link_tail(source, cursor, limit, quoted)
        elif kind == "image":
            alt_depth += 1
        elif kind == "image_end":
            alt_depth -= 1
            cursor = _skip_link_tail(source, cursor, limit, quoted)
    return prose, links, cursor


def _skip_link_tail(source: str, cursor: int, limit: int, quoted: bool) -> int:
    """Move past the `]` that ends a link's text (or an image's alt text) and what follows it:
    `(destination "title")`, `[label]` or `[]`, so later text is not aligned inside them.

    The destination and title are read with markdown-it's own helpers, as its link rule reads
    them, so `<a)b>` destinations and titles in '…', "…" or (…) holding brackets are skipped
    whole. What markdown-it did not read as a destination (a shortcut reference followed by
    text in parentheses) is left for the text that follows.
    """
    close = source.find("]", cursor, limit)
    if close == -1:
        return cursor
    pos = close + 1
    if pos < limit and source[pos] == "(":
        end = _inline_link_end(source, pos + 1, limit, quoted)
        if end != -1:
            return end
    if pos < limit and source[pos] == "[":
        end = _label_end(source, pos + 1, limit)
        if end != -1:
            return end
    return pos


def _inline_link_end(source: str, pos: int, limit: int, quoted: bool) -> int:
    """Just past the `)` of `(destination "title")` whose `(` is before `pos`, or -1."""
    md = _parser()
    pos = _skip_space(source, pos, limit, quoted)
    if pos >= limit:
        return -1
    dest = md.helpers.parseLinkDestination(source, pos, limit)
    if dest.ok:
        if md.validateLink(md.normalizeLink(dest.str)):
            pos = dest.pos
        before_title = pos
        pos = _skip_space(source, pos, limit, quoted)
        title = md.helpers.parseLinkTitle(source, pos, limit)
        if pos < limit and before_title != pos and title.ok:
            pos = _skip_space(source, title.pos, limit, quoted)
    return pos + 1 if pos < limit and source[pos] == ")" else -1


def _skip_space(source: str, pos: int, limit: int, quoted: bool) -> int:
    """Past spaces and line breaks; in a quote, a new line's `>` markers are the quote's."""
    while pos < limit:
        ch = source[pos]
        if ch == "\n" and quoted:
            pos += 1
            while pos < limit and source[pos] in " \t>":
                pos += 1
        elif ch in " \t\r\n":
            pos += 1
        else:
            break
    return pos


def _label_end(source: str, pos: int, limit: int) -> int:
    """Just past the `]` of a reference label starting at `pos` (no unescaped brackets), or -1."""
    while pos < limit:
        ch = source[pos]
        if ch == "\\":
            pos += 2
        elif ch == "]":
            return pos + 1
        elif ch == "[":
            return -1
        else:
            pos += 1
    return -1
