"""Suppression comments found by fuzzing: comments in text files, stacked next-line directives."""

from __future__ import annotations

import re

import pytest

from medlint import lint_text
from medlint.config import Settings
from medlint.document import BlockKind
from medlint.engine import Linter
from medlint.findings import Finding
from medlint.parse import parse_document

CLAIMS = Linter(Settings(select=("CLM", "MED", "RDB007")))
ALL = Linter()
FORMATS = ("markdown", "html", "text")
SENTENCE = "This miracle cure works forever."
"""CLM001 on `miracle` (column 6) and CLM002 on `forever` (column 25)."""


def _lint(text: str, fmt: str = "text", linter: Linter = CLAIMS) -> tuple[Finding, ...]:
    outcome = linter.lint_text(text, format=fmt, contain=False)
    return outcome.findings


def _found(text: str, fmt: str = "text", linter: Linter = CLAIMS) -> list[tuple[str, int, int]]:
    return [(f.code, f.line, f.column) for f in _lint(text, fmt, linter)]


def _html(text: str) -> str:
    """The same lines as HTML: each prose line becomes a paragraph, comments stay as they are."""
    return "\n".join(f"<p>{line}</p>" if line[:1].isalpha() else line for line in text.split("\n"))


def _expect(fmt: str, found: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Columns of prose findings move past the `<p>` that `_html` adds."""
    return [(c, line, col + 3 if fmt == "html" and not c.startswith("MED") else col) for c, line, col in found]


def _in_comment(text: str, f: Finding) -> bool:
    return any(m.start() < f.end_offset and f.start_offset < m.end() for m in re.finditer(r"<!--.*?-->", text, re.S))


# -- 1. comments are never prose in text files ------------------------------------------------


def test_comment_line_in_a_text_paragraph_is_not_prose() -> None:
    text = "Title\n\nSome text here.\n<!-- medlint-disable-next-line CLM001 -->\nA miracle cure.\n"
    findings = ALL.lint_text(text, path="a.txt", contain=False).findings
    assert not [f for f in findings if _in_comment(text, f)]
    assert "RDB007" not in {f.code for f in findings}
    assert not {"CLM001", "MED001"} & {f.code for f in findings}  # the suppression still works
    doc, _ = parse_document(text, path="a.txt", fmt="text")
    assert [b.text for b in doc.blocks] == ["Title", "Some text here. A miracle cure."]


def test_text_around_a_comment_keeps_exact_offsets() -> None:
    text = "Some text here.\n<!-- a note on CLM001 -->\nThis miracle cure works forever.\n"
    found = _lint(text)
    assert [(f.code, f.line, f.column) for f in found] == [("CLM001", 3, 6), ("CLM002", 3, 25)]
    for f in found:
        assert text[f.start_offset : f.end_offset] == f.match


def test_inline_comment_in_a_text_line_is_left_out() -> None:
    text = "Intro text.\n\nThis miracle <!-- ABC and CLM001 --> cure works forever.\n"
    found = _lint(text)
    assert [(f.code, f.line, f.column) for f in found] == [("CLM001", 3, 6), ("CLM002", 3, 49)]
    for f in found:
        assert text[f.start_offset : f.end_offset] == f.match
    doc, _ = parse_document(text, fmt="text")
    assert "ABC" not in " ".join(b.text for b in doc.blocks)


def test_comment_with_a_blank_line_inside_is_one_comment_in_text() -> None:
    text = "Intro text.\n\n<!-- medlint-disable-next-line\n\nCLM001 -->\n" + SENTENCE + "\n"
    assert _found(text) == [("CLM002", 6, 25)]


def test_adding_a_comment_line_to_text_changes_no_other_finding() -> None:
    plain = (
        "Back Pain Injections\n\nSteroid shots are a miracle cure for NSAID users.\n"
        "They work forever and have no side effects.\n\nWhat Are the Risks\n\n"
        "- A miracle for some\n- Pain comes back for others\n"
    )
    lines = plain.split("\n")
    for at in (1, 3, 4, 8):
        commented = "\n".join([*lines[:at], "<!-- a note, see CLM001 and the FDA -->", *lines[at:]])
        expected = [(f.code, f.line + (f.line > at), f.column, f.match) for f in _lint(plain, linter=ALL)]
        assert [(f.code, f.line, f.column, f.match) for f in _lint(commented, linter=ALL)] == expected, at


def test_heading_and_list_shapes_survive_comment_lines_in_text() -> None:
    text = (
        "Back Pain\n<!-- a note for editors -->\n\n- First item here\n"
        "<!-- medlint-disable-next-line CLM001 -->\n- A miracle cure\n\nThe end.\n"
    )
    doc, _ = parse_document(text, fmt="text")
    assert [(b.kind, b.text) for b in doc.blocks] == [
        (BlockKind.TITLE, "Back Pain"),
        (BlockKind.LIST_ITEM, "First item here"),
        (BlockKind.LIST_ITEM, "A miracle cure"),
        (BlockKind.PARAGRAPH, "The end."),
    ]
    assert [c.text.split()[0] for c in doc.comments] == ["a", "medlint-disable-next-line"]
    assert _found(text, linter=Linter(Settings(select=("CLM001", "MED")))) == []


def test_comments_alone_in_a_text_chunk_make_no_block() -> None:
    text = "Intro text.\n\n<!-- one -->\n<!-- two -->  <!-- three -->\n\nMore text.\n"
    doc, _ = parse_document(text, fmt="text")
    assert [b.text for b in doc.blocks] == ["Intro text.", "More text."]
    assert len(doc.comments) == 3


# -- 2. stacked disable-next-line comments --------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_stacked_next_line_comments_apply_to_the_first_content_line(fmt: str) -> None:
    text = "<!-- medlint-disable-next-line CLM001 -->\n<!-- medlint-disable-next-line CLM002 -->\n" + SENTENCE + "\n"
    text = _html(text) if fmt == "html" else text
    assert _found(text, fmt) == []
    # Without the directives both rules fire on that line.
    assert [c for c, _, _ in _found(SENTENCE, fmt)] == ["CLM001", "CLM002"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_stacked_comments_with_blank_lines_and_other_directives(fmt: str) -> None:
    text = (
        "Intro text.\n\n<!-- medlint-disable-next-line CLM001 -->\n\n<!-- medlint-disable-line CLM999 -->\n"
        "<!-- medlint-disable-next-line\n     CLM002 -->\n\n" + SENTENCE + "\nThis miracle again.\n"
    )
    text = _html(text) if fmt == "html" else text
    # The unknown code is reported; both next-line comments reach line 9, not line 10.
    assert _found(text, fmt) == _expect(fmt, [("MED002", 5, 1), ("CLM001", 10, 6)])


@pytest.mark.parametrize("fmt", FORMATS)
def test_blank_line_after_a_next_line_comment_still_works(fmt: str) -> None:
    text = "Intro text.\n\n<!-- medlint-disable-next-line CLM001 -->\n\n" + SENTENCE + "\n"
    text = _html(text) if fmt == "html" else text
    assert _found(text, fmt) == _expect(fmt, [("CLM002", 5, 25)])


@pytest.mark.parametrize("fmt", FORMATS)
def test_stacked_comment_that_silences_nothing_is_still_unused(fmt: str) -> None:
    text = "<!-- medlint-disable-next-line CLM001 -->\n<!-- medlint-disable-next-line CLM005 -->\n" + SENTENCE + "\n"
    text = _html(text) if fmt == "html" else text
    assert _found(text, fmt) == _expect(fmt, [("MED001", 2, 1), ("CLM002", 3, 25)])


@pytest.mark.parametrize("fmt", FORMATS)
def test_next_line_comment_after_content_on_its_own_line(fmt: str) -> None:
    # A directive that ends a content line, then one on its own line: both reach line 3.
    text = (
        "Intro text. <!-- medlint-disable-next-line CLM001 -->\n<!-- medlint-disable-next-line CLM002 -->\n"
        + SENTENCE
        + "\n"
    )
    text = _html(text) if fmt == "html" else text
    assert _found(text, fmt) == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_ordinary_comment_line_is_the_next_line(fmt: str) -> None:
    # Only medlint's own comments are skipped: any other comment is content.
    text = "<!-- medlint-disable-next-line CLM001 -->\n<!-- a note for editors -->\n" + SENTENCE + "\n"
    text = _html(text) if fmt == "html" else text
    assert _found(text, fmt) == _expect(fmt, [("MED001", 1, 1), ("CLM001", 3, 6), ("CLM002", 3, 25)])


def test_stacked_comments_with_crlf_line_endings() -> None:
    text = (
        "<!-- medlint-disable-next-line CLM001 -->\r\n<!-- medlint-disable-next-line CLM002 -->\r\n" + SENTENCE + "\r\n"
    )
    for fmt in FORMATS:
        assert _found(_html(text) if fmt == "html" else text, fmt) == [], fmt


def test_api_stacked_comments() -> None:
    text = "<!-- medlint-disable-next-line CLM001 -->\n<!-- medlint-disable-next-line CLM002 -->\n" + SENTENCE
    assert not {"CLM001", "CLM002", "MED001"} & {f.code for f in lint_text(text)}


def test_a_code_prefix_suppresses_its_pack() -> None:
    from medlint.engine import Linter

    text = (
        "<!-- medlint-disable-file RDB -->\n# Knee pain\n\nThe physician will utilize fluoroscopic "
        "guidance, and the NSAID is administered prior to the procedure by the team in the clinic "
        "which is located on the second floor of the hospital building next to the car park.\n"
    )
    codes = {f.code for f in Linter().lint_text(text, path="a.md").findings}
    assert codes and not {c for c in codes if c.startswith("RDB")}
    assert "MED002" not in codes
    plain = {f.code for f in Linter().lint_text(text.split("\n", 1)[1], path="a.md").findings}
    assert {c for c in plain if c.startswith("RDB")}
    typo = {f.code for f in Linter().lint_text("<!-- medlint-disable-file RDBX -->\n" + text, path="a.md").findings}
    assert "MED002" in typo
    by_pack = {f.code for f in Linter().lint_text(text.replace("RDB", "readability", 1), path="a.md").findings}
    assert by_pack == codes
