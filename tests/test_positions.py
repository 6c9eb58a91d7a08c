"""Exact positions: every finding points at its matched text in the original file.

Two levels: the source map itself (every word of every block maps back to the same word in the
source), and the findings of the real rules on varied fixtures and the shared corpus.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT, SHARED, span_text_matches

from medlint.engine import Linter
from medlint.parse import decode, format_for, parse_document

FIXTURES = sorted((ROOT / "tests" / "fixtures" / "positions").iterdir())
EXAMPLES = sorted(p for p in (ROOT / "examples").rglob("*") if p.suffix in (".md", ".html", ".txt"))
CORPUS = sorted((SHARED / "corpus").rglob("*.md")) if (SHARED / "corpus").is_dir() else []


def _load(path: Path) -> tuple[str, str]:
    text = decode(path.read_bytes())
    return text, format_for(str(path))


_LINE_BREAK = re.compile(r"\r\n?|\n")
"""What editors (and markdown-it) end a line with: CRLF, LF, or a lone CR (classic Mac)."""


def _line_col(text: str, offset: int) -> tuple[int, int]:
    """Independent of medlint's LineIndex: count line breaks before the offset."""
    breaks = list(_LINE_BREAK.finditer(text, 0, offset))
    line_start = breaks[-1].end() if breaks else 0
    return len(breaks) + 1, offset - line_start + 1


@pytest.mark.parametrize("path", FIXTURES + EXAMPLES + CORPUS, ids=lambda p: p.name)
def test_every_word_maps_back_to_itself(path: Path) -> None:
    text, fmt = _load(path)
    doc, _ = parse_document(text, path=str(path), fmt=fmt)
    assert doc.blocks
    for block in doc.blocks:
        for m in re.finditer(r"\S+", block.text):
            start = block.prose.source_start(m.start())
            end = block.prose.source_end(m.end())
            assert span_text_matches(text, start, end, m.group()), (block.text, m.group(), text[start:end])


def test_fixtures_cover_the_hard_cases() -> None:
    raw = b"".join(p.read_bytes() for p in FIXTURES)
    for needle in (b"\r\n", b"\t", b"\xef\xbb\xbf", "😀".encode(), b"&amp;", b"**", b"](http", b"&#"):
        assert needle in raw, needle
    assert re.search(rb"\r[^\n]", raw), "a file with lone CR line endings"


def _check_findings(linter: Linter, path: Path) -> int:
    text, fmt = _load(path)
    outcome = linter.lint_text(text, path=str(path), format=fmt)
    lines = _LINE_BREAK.split(text)
    checked = 0
    for f in outcome.findings:
        assert (f.line, f.column) == _line_col(text, f.start_offset)
        assert (f.end_line, f.end_column) == _line_col(text, f.end_offset)
        if f.scope == "document":
            assert f.match is None
            continue
        assert f.match is not None
        assert f.match == f.match.strip(), (f.code, f.match)  # a span starts and ends on text
        # Slice by line and column, as an editor would, and compare with the matched text.
        first = lines[f.line - 1]
        if f.line == f.end_line:
            snippet = first[f.column - 1 : f.end_column - 1]
        else:
            middle = lines[f.line : f.end_line - 1]
            snippet = "\n".join([first[f.column - 1 :], *middle, lines[f.end_line - 1][: f.end_column - 1]])
        assert span_text_matches(snippet, 0, len(snippet), f.match), (f.code, f.match, snippet)
        checked += 1
    return checked


def test_findings_on_fixtures_point_at_their_match(all_rules_linter: Linter) -> None:
    checked = sum(_check_findings(all_rules_linter, p) for p in FIXTURES)
    assert checked >= 15  # the fixtures are full of claims; the invariant must be exercised


@pytest.mark.slow
@pytest.mark.skipif(not CORPUS, reason="shared corpus not present")
def test_findings_on_corpus_point_at_their_match(all_rules_linter: Linter) -> None:
    checked = sum(_check_findings(all_rules_linter, p) for p in CORPUS)
    assert checked > 100


def test_crlf_bom_columns_count_characters(default_linter: Linter) -> None:
    path = ROOT / "tests" / "fixtures" / "positions" / "crlf-bom.md"
    text, fmt = _load(path)
    assert not text.startswith("\ufeff")  # the BOM is not a column
    outcome = default_linter.lint_text(text, path=str(path), format=fmt)
    miracle = [f for f in outcome.findings if f.match and f.match.lower() == "miracle"]
    # Line 3 is "This **miracle** cure ...": the word starts after "This **" (7 characters).
    assert any(f.line == 3 and f.column == 8 and f.end_column == 15 for f in miracle)


def test_excluded_text_is_never_linted(all_rules_linter: Linter) -> None:
    for path in FIXTURES:
        text, fmt = _load(path)
        outcome = all_rules_linter.lint_text(text, path=str(path), format=fmt)
        for f in outcome.findings:
            if f.scope != "span":
                continue
            line = _LINE_BREAK.split(text)[f.line - 1]
            assert "`code miracle`" not in line[f.column - 1 : f.end_column - 1]
            assert "example.com" not in (f.match or "")
        assert not any(
            "var miracle" in f.context
            for f in outcome.findings
            if f.scope == "span" and f.match == "miracle" and "script" in f.context
        )


@pytest.mark.parametrize(
    ("text", "path"),
    [
        ("<h1>This therapy\nchanges your life forever</h1><p>Text.</p>", "a.html"),
        ("# Therapy  changes your life\n\nText.\n", "a.md"),
        ("Therapy&nbsp;changes your life\n\nText here for you.\n", "a.txt"),
    ],
)
def test_no_span_starts_on_the_space_before_a_match(all_rules_linter: Linter, text: str, path: str) -> None:
    spans = [f for f in all_rules_linter.lint_text(text, path=path).findings if f.scope == "span"]
    assert any(f.code == "CLM011" for f in spans)
    assert all(f.match == (f.match or "").strip() and not text[f.start_offset].isspace() for f in spans)
