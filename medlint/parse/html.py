"""HTML to blocks with the standard library's HTMLParser.

Character references are kept apart from text (`convert_charrefs=False`) so `&amp;` maps to
its five source characters. Script, style, pre, code and template content is never prose.
"""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

from medlint.document import BlockKind, Comment, Document
from medlint.parse.html_meta import json_ld_fields, meta_field
from medlint.prose import Prose

_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_BLOCKS = {
    "p": BlockKind.PARAGRAPH,
    "li": BlockKind.LIST_ITEM,
    "dt": BlockKind.LIST_ITEM,
    "dd": BlockKind.LIST_ITEM,
    "td": BlockKind.TABLE_CELL,
    "th": BlockKind.TABLE_CELL,
    "blockquote": BlockKind.QUOTE,
    "figcaption": BlockKind.PARAGRAPH,
    "caption": BlockKind.PARAGRAPH,
}
# Elements that end a run of loose text without being blocks of their own.
_BREAKS = {
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "aside",
    "nav",
    "ul",
    "ol",
    "dl",
    "table",
    "tr",
    "body",
    "html",
    "form",
    "hr",
    "figure",
    "details",
    "summary",
}
_HIDDEN = {"script", "style", "pre", "code", "template", "noscript", "svg", "math", "head", "kbd", "samp"}
# `<![name` other than these makes Python 3.11's HTMLParser raise; browsers read a bogus comment.
_BAD_MARKED_SECTION = re.compile(
    r"<!\[(?!(?:temp|cdata|ignore|include|rcdata|if|else|endif)(?![-_.a-zA-Z0-9]))", re.IGNORECASE
)
_VOID = {"br", "img", "hr", "input", "meta", "link", "wbr", "source", "area", "base", "col", "embed", "track"}


class _Parser(HTMLParser):
    def __init__(self, doc: Document, first_line: int = 0, fragment: bool = False) -> None:
        super().__init__(convert_charrefs=False)
        self.doc = doc
        self.first_line = first_line  # 0-based line of doc.source where the fed text starts
        self.fragment = fragment  # HTML inside another format: prose only (no comments, no metadata)
        self.hidden = 0
        self.in_title = False
        self.title: Prose | None = None
        self.stack: list[tuple[BlockKind, int]] = []
        self.prose = Prose()
        self.links: list[str] = []
        self.link_hidden: list[bool] = []
        self.json_ld: list[str] | None = None
        self.in_head = False

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.doc.lines.offset(line + self.first_line, col + 1)

    def _flush(self) -> None:
        if self.stack:
            kind, level = self.stack[-1]
        else:
            kind, level = BlockKind.PARAGRAPH, 0
        self.doc.add_block(kind, self.prose, level=level, links=self.links)
        self.doc.links.extend(self.links)
        self.prose = Prose()
        self.links = []

    def _metadata(self, field: str, value: str) -> None:
        # Front matter written in the file wins; of several tags, the first.
        if self.fragment:
            return
        self.doc.front_matter.setdefault(field, value)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            found = meta_field(attrs, self.in_head)
            if found:
                self._metadata(*found)
            return
        if tag == "head":
            self.in_head = True
        elif tag == "body":
            self.in_head = False
        if tag == "script" and "ld+json" in (dict(attrs).get("type") or "").lower():
            self.json_ld = []
        if tag in _HIDDEN:
            if tag != "head":
                self.hidden += 1
            return
        if tag == "title":
            self.in_title = True
            self.title = Prose()
            return
        if tag == "a":
            href = dict(attrs).get("href") or ""
            self.links.append(href)
        if tag == "br":
            self.prose.append_gap(self._offset())
            return
        if tag in _HEADINGS or tag in _BLOCKS or tag in _BREAKS:
            self._flush()
            if tag in _HEADINGS:
                level = _HEADINGS[tag]
                kind = BlockKind.TITLE if level == 1 and self.doc.title_block is None else BlockKind.HEADING
                self.stack.append((kind, level))
            elif tag in _BLOCKS:
                kind = _BLOCKS[tag]
                if tag == "p" and self.stack and self.stack[-1][0] in (BlockKind.QUOTE, BlockKind.LIST_ITEM):
                    kind = self.stack[-1][0]
                self.stack.append((kind, 0))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.prose.append_gap(self._offset())
        elif tag == "meta":
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self.in_head = False
        if tag == "script" and self.json_ld is not None:
            for found in json_ld_fields("".join(self.json_ld)):
                self._metadata(*found)
            self.json_ld = None
        if tag in _HIDDEN:
            if tag != "head":
                self.hidden = max(0, self.hidden - 1)
            return
        if tag == "title":
            self.in_title = False
            return
        if tag in _HEADINGS or tag in _BLOCKS or tag in _BREAKS:
            self._flush()
            if (tag in _HEADINGS or tag in _BLOCKS) and self.stack:
                self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self.json_ld is not None:
            self.json_ld.append(data)
        if self.hidden:
            return
        target = self.title if self.in_title else self.prose
        if target is not None:
            target.append_run(data, self._offset())

    def _ref(self, raw: str) -> None:
        if self.hidden:
            return
        target = self.title if self.in_title else self.prose
        if target is None:
            return
        start = self._offset()
        text = unescape(raw)
        target.append_atom(text, start, start + len(raw))

    def handle_entityref(self, name: str) -> None:
        raw = f"&{name};"
        if not self.doc.source.startswith(raw, self._offset()):
            raw = f"&{name}"
        self._ref(raw)

    def handle_charref(self, name: str) -> None:
        raw = f"&#{name};"
        if not self.doc.source.startswith(raw, self._offset()):
            raw = f"&#{name}"
        self._ref(raw)

    def handle_comment(self, data: str) -> None:
        if self.fragment:
            return
        start = self._offset()
        self.doc.comments.append(Comment(data, start, start + len(data) + 7))


def _close(parser: _Parser) -> None:
    # An unclosed "<!--" runs to the end of the file in a browser, so nothing after it is shown;
    # Python's close() would hand it over as text.
    if parser.rawdata.startswith("<!--"):
        parser.rawdata = ""
    parser.close()


def parse_html_fragment(
    doc: Document, text: str, first_line: int, kind: BlockKind | None = None, raw_open: str | None = None
) -> str | None:
    """Blocks from HTML inside another format (a Markdown HTML block), in `kind` unless its tags say.

    `text` stands for doc.source from the start of 0-based line `first_line` on, character for
    character and line for line (the caller may blank out what is not HTML, such as `>` markers),
    so the parser's line and column are positions in doc.source. Comments are left to the caller;
    `<title>` and metadata are not read.

    `raw_open` is what an earlier fragment left open ("script", "style" or "comment"): text up to
    its end is not prose. Returns what this fragment leaves open, for the next one: in a browser
    the Markdown between two HTML blocks is inside an unclosed `<script>` or comment.
    """
    if raw_open is not None:
        end = raw_end(text, raw_open, 0, len(text))
        if end == -1:
            return raw_open
        text = _blank(text[:end]) + text[end:]
    parser = _Parser(doc, first_line, fragment=True)
    if kind is not None:
        parser.stack.append((kind, 0))
    still_open = _run(parser, text)
    return still_open if still_open in ("comment", "script", "style") else None


def raw_end(text: str, raw_open: str, start: int, end: int) -> int:
    """Offset just past the end of an open script, style or comment within [start, end), or -1."""
    if raw_open == "comment":
        at = text.find("-->", start, end)
        return at + 3 if at != -1 else -1
    m = re.compile(rf"</{raw_open}\b[^>]*>?", re.IGNORECASE).search(text, start, end)
    return m.end() if m else -1


def _blank(text: str) -> str:
    """Spaces for everything but line breaks: the same length and the same lines."""
    return "".join(c if c in "\r\n" else " " for c in text)


def _run(parser: _Parser, text: str) -> str | None:
    """Feed the whole text and flush; returns the comment or raw-text element left open."""
    parser.feed(_BAD_MARKED_SECTION.sub("<! ", text))  # same length: offsets unchanged
    still_open = "comment" if parser.rawdata.startswith("<!--") else parser.cdata_elem
    _close(parser)
    parser._flush()
    return still_open


def parse_html(doc: Document, body_start: int) -> None:
    parser = _Parser(doc)
    _run(parser, doc.source)
    if parser.title is not None:
        # <title> is what a reader sees first, in search results and on the tab.
        doc.add_head_title(parser.title)
