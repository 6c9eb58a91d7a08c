"""Source text to Document, by format."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import PurePath

from medlint.document import Document
from medlint.parse.common import InputProblem, decode, read_file, split_front_matter
from medlint.prose import Prose

FORMATS = ("markdown", "html", "text")
EXTENSIONS = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".txt": "text",
    ".text": "text",
}

__all__ = [
    "EXTENSIONS",
    "FORMATS",
    "InputProblem",
    "decode",
    "format_for",
    "looks_like_html",
    "parse_document",
    "read_file",
]


def format_for(
    path: str | None,
    explicit: str | None = None,
    extensions: Mapping[str, str] | None = None,
    text: str | None = None,
) -> str:
    """The format to parse a text as: `explicit` (`--format-input`), else by the file's
    extension (the configuration's `extensions` first, then `EXTENSIONS`), else plain text;
    Markdown for a text with no path. A plain-text file (`.txt`, or an extension medlint does
    not know) whose `text` opens as an HTML page is HTML: a page saved as `.txt` is not prose."""
    if explicit:
        if explicit not in FORMATS:
            raise InputProblem(f"unknown format {explicit!r} (expected one of: {', '.join(FORMATS)})")
        return explicit
    if not path:
        return "markdown"
    suffix = PurePath(path).suffix.lower()
    if extensions and suffix in extensions:
        return extensions[suffix]
    fmt = EXTENSIONS.get(suffix, "text")
    if fmt == "text" and text is not None and looks_like_html(text):
        return "html"
    return fmt


_HTML_PAGE = re.compile(r"<(?:!doctype\s+html|html|head|body)[\s>/]", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    """Whether `text` opens as an HTML page: a doctype or an `<html>`, `<head>` or `<body>`
    tag first (after blank space, a byte-order mark, comments and an XML declaration). A
    fragment (`<p>`, `<div>`) in a text file stays text: prose may quote markup."""
    head = text[:4096].lstrip("\ufeff \t\r\n")
    while head.startswith(("<!--", "<?")):  # skipped by search, not by a backtracking pattern
        close = "-->" if head.startswith("<!--") else "?>"
        end = head.find(close, 2)
        if end < 0:
            return False
        head = head[end + len(close) :].lstrip(" \t\r\n")
    return _HTML_PAGE.match(head) is not None


_LONE_CR = re.compile(r"\r(?!\n)")
_SURROGATE = re.compile("[\ud800-\udfff]")


def parse_document(source: str, *, path: str = "<text>", fmt: str = "markdown") -> tuple[Document, str | None]:
    """Parse decoded text; returns the document and a front-matter problem, if any."""
    if source.startswith("\ufeff"):
        source = source[1:]
    if not source.isascii() and _SURROGATE.search(source):
        # Only a str built in Python holds these (decoding never makes them); spaCy cannot
        # encode them. One replacement character for one keeps every offset.
        source = _SURROGATE.sub("\ufffd", source)
    if "\r" in source:
        # A lone CR ends a line (classic Mac files; markdown-it agrees). One character for
        # one keeps every offset, and only this in-memory copy changes, never the file.
        source = _LONE_CR.sub("\n", source)
    doc = Document(path=path, source=source, format=fmt)
    problem = None
    body_start = 0
    title: tuple[str, int] | None = None
    if fmt in ("markdown", "text"):
        front = split_front_matter(source)
        doc.front_matter, body_start, problem, title = front.fields, front.end, front.problem, front.title
        doc.front_matter_end = body_start
    if fmt == "markdown":
        from medlint.parse.markdown import parse_markdown

        body_line = doc.lines.line_col(body_start)[0] - 1 if body_start else 0
        parse_markdown(doc, body_line)
    elif fmt == "html":
        from medlint.parse.html import parse_html

        parse_html(doc, 0)
    else:
        from medlint.parse.text import parse_text

        parse_text(doc, body_start)
    if title is not None:
        # The headline a site shows (Hugo, Jekyll, Eleventy) often lives only in front matter.
        prose = Prose()
        prose.append_run(*title)
        doc.add_head_title(prose)
    return doc.finish(), problem
