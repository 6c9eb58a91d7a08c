"""Markdown that the fuzzer found hard: deep nesting, HTML blocks, escaped pipes in tables, link titles.

Each case once dropped text silently or put a finding in the wrong place. Findings are checked
by line, column and matched text, and blocks by their text and their map back to the source.
"""

from __future__ import annotations

import re

import pytest
from conftest import span_text_matches

from medlint.document import BlockKind, Document
from medlint.engine import Linter
from medlint.parse import parse_document

CLAIM = "A miracle cure with no side effects.\n"


def spans(linter: Linter, text: str) -> list[tuple[str, int, int, str | None]]:
    return [
        (f.code, f.line, f.column, f.match)
        for f in linter.lint_text(text, format="markdown").findings
        if f.scope != "document"
    ]


def where(text: str, needle: str, occurrence: int = 0) -> tuple[int, int]:
    """1-based line and column of the n-th occurrence of `needle` in `text`."""
    offset = -1
    for _ in range(occurrence + 1):
        offset = text.index(needle, offset + 1)
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def parse(text: str) -> Document:
    doc, _ = parse_document(text)
    for block in doc.blocks:
        for m in re.finditer(r"\S+", block.text):
            start, end = block.prose.source_start(m.start()), block.prose.source_end(m.end())
            assert span_text_matches(text, start, end, m.group()), (block.text, m.group(), text[start:end])
    return doc


def claim_at(linter: Linter, text: str, occurrence: int = 0) -> None:
    """CLM001 reports the `occurrence`-th "miracle" of the text, at its own line and column."""
    assert ("CLM001", *where(text, "miracle", occurrence), "miracle") in spans(linter, text)


# 1. Deep nesting ----------------------------------------------------------------------------


def _nested_list(depth: int, word: str = "item") -> str:
    return "".join("  " * i + f"- {word}{i}\n" for i in range(depth))


@pytest.mark.parametrize("depth", [9, 10, 11, 40])
def test_text_after_a_deeply_nested_list_is_linted(default_linter: Linter, depth: int) -> None:
    text = "# T\n\n" + _nested_list(depth) + "\n" + CLAIM
    claim_at(default_linter, text)
    assert ("CLM005", *where(text, "no side effects"), "no side effects") in spans(default_linter, text)
    doc = parse(text)
    assert [b.text for b in doc.blocks if b.kind is BlockKind.LIST_ITEM] == [f"item{i}" for i in range(depth)]


def test_deeply_nested_quotes_and_lists_keep_their_text() -> None:
    text = "> " * 30 + "- " * 30 + "deep miracle\n\nafter\n"
    doc = parse(text)
    assert [b.text for b in doc.blocks] == ["deep miracle", "after"]
    assert doc.blocks[0].kind is BlockKind.LIST_ITEM


@pytest.mark.parametrize("depth", [500, pytest.param(1000, marks=pytest.mark.slow)])
def test_absurd_nesting_neither_crashes_nor_loses_text(default_linter: Linter, depth: int) -> None:
    """Beyond the parser's nesting limit, deeper list markers and `>` stay in the text as
    written; no item, and nothing after the list, is lost."""
    for body in (_nested_list(depth), ">" * depth + " deep\n", "".join(">" * i + f" q{i}\n" for i in range(1, depth))):
        text = "# T\n\n" + body + "\n" + CLAIM
        doc = parse(text)
        prose = " ".join(b.text for b in doc.blocks)
        for word in re.findall(r"(?:item|q)\d+|deep", body):
            assert re.search(rf"\b{word}\b", prose), word
        assert doc.blocks[-1].text == CLAIM.strip()
        claim_at(default_linter, text)


def test_absurdly_nested_links_keep_their_text() -> None:
    text = "[" * 600 + "miracle" + "](u)" * 600 + "\n\n" + CLAIM
    doc, _ = parse_document(text)  # the brackets beyond the limit are text: no word-by-word check
    assert "miracle" in doc.blocks[0].text
    assert doc.blocks[-1].text == CLAIM.strip()


# 2. HTML blocks -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "html",
    [
        "<div>\n{claim}</div>\n",
        "<p>{claim}</p>\n",
        "<p>\n{claim}</p>\n",
        "<details>\n<summary>Summary</summary>\n{claim}</details>\n",
        '<div class="note"><p>{claim}</p></div>\n',
        "<table><tr><td>{claim}</td></tr></table>\n",
    ],
)
def test_prose_inside_html_blocks_is_linted(default_linter: Linter, html: str) -> None:
    text = "# T\n\n" + html.format(claim=CLAIM)
    claim_at(default_linter, text)
    assert ("CLM005", *where(text, "no side effects"), "no side effects") in spans(default_linter, text)
    doc = parse(text)
    # Like a whole HTML page, a block may start with the HTML's own line break (as a space).
    assert "A miracle cure with no side effects." in [b.text.strip() for b in doc.blocks]


def test_html_block_entities_and_line_endings_map_exactly() -> None:
    text = "# T\r\n\r\n<div>\r\nTea &amp; a miracle&nbsp;cure\r\n</div>\r\n"
    doc = parse(text)
    block = doc.blocks[-1]
    assert block.text.strip() == "Tea & a miracle cure"
    amp = block.text.index("&")
    assert text[block.prose.source_start(amp) : block.prose.source_end(amp + 1)] == "&amp;"
    cure = block.text.index("cure")
    assert block.prose.source_start(cure) == text.index("cure")


def test_html_blocks_inside_quotes_and_lists(default_linter: Linter) -> None:
    quoted = "# T\n\n> <div>\n> A miracle cure.\n> </div>\n"
    doc = parse(quoted)
    assert [(b.kind, b.text.strip()) for b in doc.blocks[1:]] == [(BlockKind.QUOTE, "A miracle cure.")]
    claim_at(default_linter, quoted)
    listed = "# T\n\n- <p>\n  A miracle cure.\n  </p>\n- next\n"
    doc = parse(listed)
    assert [(b.kind, b.text.strip()) for b in doc.blocks[1:]] == [
        (BlockKind.LIST_ITEM, "A miracle cure."),
        (BlockKind.LIST_ITEM, "next"),
    ]
    claim_at(default_linter, listed)


def test_html_block_headings_are_headings() -> None:
    doc = parse('# T\n\n<h2 align="center">Side effects</h2>\n\nText.\n')
    assert [(b.kind, b.level, b.text) for b in doc.blocks] == [
        (BlockKind.TITLE, 1, "T"),
        (BlockKind.HEADING, 2, "Side effects"),
        (BlockKind.PARAGRAPH, 0, "Text."),
    ]


@pytest.mark.parametrize(
    "html",
    [
        "<!-- a miracle cure -->\n",
        "<!--\nA miracle cure.\n-->\n",
        "<script>\nvar miracle = 'cure';\n</script>\n",
        "<style>\n.miracle { color: red }\n</style>\n",
        "<pre>\nA miracle cure.\n</pre>\n",
    ],
)
def test_comments_scripts_and_styles_in_html_blocks_are_not_prose(default_linter: Linter, html: str) -> None:
    doc = parse("# T\n\n" + html + "\nText.\n")
    assert [b.text for b in doc.blocks] == ["T", "Text."]
    assert not [s for s in spans(default_linter, "# T\n\n" + html) if s[0] == "CLM001"]


def test_comments_in_html_blocks_still_suppress(default_linter: Linter) -> None:
    text = "# T\n\n<!-- medlint-disable CLM001 -->\n<div>\nA miracle cure.\n</div>\n<!-- medlint-enable CLM001 -->\n"
    doc = parse(text)
    assert [c.text.strip() for c in doc.comments] == ["medlint-disable CLM001", "medlint-enable CLM001"]
    assert not [s for s in spans(default_linter, text) if s[0] == "CLM001"]
    # The same HTML without the comments is reported, so the comments did the work.
    claim_at(default_linter, text.replace("<!-- medlint-disable CLM001 -->\n", ""))


def test_text_after_a_comment_on_its_line_is_prose(default_linter: Linter) -> None:
    text = "# T\n\n<!-- note --> A miracle cure.\n"
    doc = parse(text)
    assert doc.blocks[-1].text.strip() == "A miracle cure."
    assert [c.text for c in doc.comments] == [" note "]
    claim_at(default_linter, text)


# 3. Escaped pipes in tables -------------------------------------------------------------------


def test_escaped_pipe_keeps_the_table_cell(default_linter: Linter) -> None:
    text = "| a | b |\n|---|---|\n| miracle \\| cure | b |\n"
    doc = parse(text)
    cell = next(b for b in doc.blocks if "miracle" in b.text)
    assert cell.kind is BlockKind.TABLE_CELL
    assert cell.text == "miracle | cure"
    pipe = cell.text.index("|")
    assert text[cell.prose.source_start(pipe) : cell.prose.source_end(pipe + 1)] == "\\|"
    assert cell.prose.source_start(cell.text.index("cure")) == text.index("cure")
    claim_at(default_linter, text)


def test_escaped_pipes_never_align_across_cells(default_linter: Linter) -> None:
    # A naive search for "a | miracle" would span the second and third cells.
    text = "| x | y | z |\n|---|---|---|\n| a \\| miracle | a | miracle |\n"
    doc = parse(text)
    cells = [b.text for b in doc.blocks if b.kind is BlockKind.TABLE_CELL]
    assert cells == ["x", "y", "z", "a | miracle", "a", "miracle"]
    claim_at(default_linter, text, 0)
    claim_at(default_linter, text, 1)


def test_escaped_pipes_in_cell_code_and_escapes() -> None:
    text = "| h | i |\n|---|---|\n| `x \\| y` miracle | a \\\\| b |\n"
    doc = parse(text)
    cells = [b.text.strip() for b in doc.blocks if b.kind is BlockKind.TABLE_CELL]
    assert cells[2:] == ["miracle", "a | b"]
    first = doc.blocks[2]
    assert first.prose.source_start(first.text.index("miracle")) == text.index("miracle")
    last = doc.blocks[3]
    assert last.prose.source_start(last.text.index("b")) == text.rindex("b |")


# 4. Link destinations and titles --------------------------------------------------------------


@pytest.mark.parametrize(
    "link",
    [
        '[a](u "( miracle cure")',
        '[a](<u)> "x) miracle cure")',
        "[a](u '( miracle cure')",
        "[a](u (miracle cure\\)))",
        "[a](<u (miracle)> 'miracle')",
        '[a](u(miracle) "miracle")',
        '[a]( u\n  "( miracle\n cure" )',
        '![miracle cure](u "( miracle cure")',
        '[![miracle](i "( miracle")](u "( miracle")',
        '[a [miracle] b](u "( miracle")',
    ],
)
def test_findings_skip_link_titles(default_linter: Linter, link: str) -> None:
    text = f"# T\n\nSee {link} miracle cure\n"
    # One hype finding per sentence, on its first visible "miracle": the link text's if it has
    # one (an image's alt text is not prose).
    label = link.split("](")[0]
    in_text = "miracle" in label and "!" not in label
    visible = text.index("miracle") if in_text else text.rindex("miracle")
    line = text.count("\n", 0, visible) + 1
    column = visible - text.rfind("\n", 0, visible)
    assert ("CLM001", line, column, "miracle") in spans(default_linter, text)
    assert not [
        s
        for s in spans(default_linter, text)
        if s[0] == "CLM001" and (s[1], s[2]) != (line, column) and "miracle" not in link.split("](")[0]
    ]
    doc = parse(text)
    assert doc.blocks[-1].text.endswith(" miracle cure")


@pytest.mark.parametrize("link", ["[a][ref]", "[a][]", "[a]"])
def test_reference_links_are_skipped(default_linter: Linter, link: str) -> None:
    ref = "ref" if link == "[a][ref]" else "a"
    text = f'# T\n\nSee {link} miracle cure\n\n[{ref}]: https://example.com/miracle "miracle cure"\n'
    assert [s for s in spans(default_linter, text) if s[0] == "CLM001"] == [
        ("CLM001", *where(text, "miracle"), "miracle")
    ]
    assert parse(text).blocks[-1].text == "See a miracle cure"


def test_parentheses_after_a_reference_link_are_text(default_linter: Linter) -> None:
    # Not a valid inline destination, so markdown-it reads a shortcut reference and then text.
    text = "# T\n\nSee [a](miracle cure) there\n\n[a]: https://example.com\n"
    assert parse(text).blocks[-1].text == "See a(miracle cure) there"
    # spaCy keeps "a(miracle" as one token, so only the cure claim is read; it sits on "cure".
    assert ("CLM013", *where(text, "cure"), "cure") in spans(default_linter, text)


def test_link_title_inside_a_quote() -> None:
    text = '> See [a](u\n> "( miracle\n> cure") miracle cure\n'
    doc = parse(text)
    assert doc.blocks[0].text == "See a miracle cure"
    assert doc.blocks[0].prose.source_start(doc.blocks[0].text.index("miracle")) == text.rindex("miracle")


def test_a_caller_deep_in_its_stack_still_gets_every_word() -> None:
    """With too little stack left for the nesting limit, the parse falls back to CommonMark's
    own limit: deeper markers become text, but no word is lost and nothing crashes."""
    import sys

    text = "# T\n\n" + "[" * 300 + "link" + "](u)" * 300 + "\n\n" + _nested_list(150) + "\n" + CLAIM

    def deep(n: int) -> Document:
        return parse_document(text)[0] if n == 0 else deep(n - 1)

    doc = deep(sys.getrecursionlimit() - 300)
    prose = " ".join(b.text for b in doc.blocks)
    assert all(re.search(rf"\bitem{i}\b", prose) for i in range(150))
    assert "link" in prose
    assert doc.blocks[-1].text == CLAIM.strip()


@pytest.mark.parametrize(
    "text",
    [
        # A blank line ends the HTML block, but a browser is still inside the script, style or comment.
        "Intro text here.\n\n<div>\n<script>\nvar a;\n\nThis miracle cure works.\n</script>\n</div>\n\nAFTER",
        "Intro text here.\n\n<div>\n<script>\nvar a;\n\nThis miracle cure works.\n\n</script>\n\nAFTER",
        "Intro text here.\n\n<div><style>\n\nThis miracle cure works.\n</style></div>\n\nAFTER",
        "Intro text here.\n\n<div>\n<!-- a note\n\nThis miracle cure works.\n-->\n</div>\n\nAFTER",
        "Intro text here.\n\n<div>\n<SCRIPT>\n\nThis miracle cure works.\n\n</Script >\n\nAFTER",
    ],
)
def test_markdown_between_html_blocks_inside_an_open_script_or_comment_is_hidden(text: str) -> None:
    after = "After that, this miracle cure works for you.\n"
    source = text.replace("AFTER", after)
    findings = [f for f in Linter().lint_text(source, path="x.md").findings if f.code == "CLM001"]
    assert [f.start_offset for f in findings] == [source.index("miracle", source.index("After that"))]


def test_web_addresses_written_out_are_kept_beside_the_links() -> None:
    # Masked out of the prose (no rule reads "cure" in "example.com/cure"), but kept for the rules
    # that look for a link to a study, in the order they appear, in every kind of block.
    text = (
        "# Thumb arthritis\n\nThe abstract is at https://journals.example.org/doi/10.1177/155 today.\n\n"
        "- Or see www.example.gov/page\n\nA [linked study](https://pubmed.ncbi.nlm.nih.gov/1/)."
    )
    doc, _ = parse_document(text, path="a.md", fmt="markdown")
    assert doc.bare_urls == ["https://journals.example.org/doi/10.1177/155", "www.example.gov/page"]
    assert doc.links == ["https://pubmed.ncbi.nlm.nih.gov/1/"]
    assert "journals" not in doc.blocks[1].text
