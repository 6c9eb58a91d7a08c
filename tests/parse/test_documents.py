"""Parsing: blocks, headings, sections, front matter, and what is never linted."""

from __future__ import annotations

import pytest
from conftest import SEED

from medlint.document import BlockKind
from medlint.parse import parse_document


def kinds(text: str, fmt: str) -> list[tuple[BlockKind, str]]:
    doc, _ = parse_document(text, fmt=fmt)
    return [(b.kind, b.text) for b in doc.blocks]


def test_markdown_blocks_and_levels() -> None:
    text = "# Title\n\nIntro.\n\n## Risks\n\n- one\n- two\n\n> quoted\n\n| a | b |\n|---|---|\n| c | d |\n\n### Deeper\n\nText.\n"
    doc, _ = parse_document(text, fmt="markdown")
    got = [(b.kind, b.level, b.text) for b in doc.blocks]
    assert got[0] == (BlockKind.TITLE, 1, "Title")
    assert (BlockKind.HEADING, 2, "Risks") in got
    assert (BlockKind.LIST_ITEM, 0, "one") in got
    assert (BlockKind.QUOTE, 0, "quoted") in got
    assert (BlockKind.TABLE_CELL, 0, "d") in got
    # Sections nest: "Deeper" (h3) lies inside "Risks" (h2), which lies inside the title.
    by_heading = {doc.blocks[s.heading].text: s for s in doc.sections}
    assert by_heading["Deeper"].parent == doc.sections.index(by_heading["Risks"])
    assert by_heading["Risks"].end == len(doc.blocks)
    assert doc.blocks[-1].section == doc.sections.index(by_heading["Deeper"])


def test_code_urls_comments_are_not_prose() -> None:
    text = "A miracle `cure` here <!-- cure --> and https://cure.example.com/cure end.\n\n```\ncure\n```\n\n    indented cure\n"
    doc, _ = parse_document(text, fmt="markdown")
    assert len(doc.blocks) == 1
    assert "cure" not in doc.blocks[0].text
    assert doc.blocks[0].text.startswith("A miracle")


def test_html_skips_script_style_pre_and_reads_title() -> None:
    text = "<html><head><title>Page title</title><style>p{}</style></head><body><script>cure()</script><p>Hello <b>there</b></p><pre>cure</pre></body></html>"
    got = kinds(text, "html")
    assert got == [(BlockKind.TITLE, "Page title"), (BlockKind.PARAGRAPH, "Hello there")]


def test_html_title_that_says_more_than_the_h1_is_read_first() -> None:
    text = (
        "<html><head><title>Beat Anxiety in 5 Minutes | Calmly App</title></head>"
        "<body><h1>Meet Calmly</h1><h2>How it works</h2><p>Open the app.</p></body></html>"
    )
    doc, _ = parse_document(text, fmt="html")
    got = [(b.kind, b.text) for b in doc.blocks]
    assert got[:2] == [(BlockKind.TITLE, "Beat Anxiety in 5 Minutes | Calmly App"), (BlockKind.TITLE, "Meet Calmly")]
    assert doc.title == "Meet Calmly"  # the page's own heading stays its title
    head = doc.blocks[0]
    start = text.index("Beat Anxiety")
    assert head.prose.source_start(0) == start
    # Sections are built after the <title> is placed: "How it works" lies under the <h1>.
    by_heading = {doc.blocks[s.heading].text: s for s in doc.sections}
    assert doc.sections[by_heading["How it works"].parent].heading == doc.title_block


@pytest.mark.parametrize("head", ["Back pain - NHS", "Back pain", "NHS | Back pain: causes and treatment"])
def test_html_title_that_repeats_the_h1_adds_no_block(head: str) -> None:
    text = f"<html><head><title>{head}</title></head><body><h1>Back pain</h1><p>Text.</p></body></html>"
    if "causes" in head:
        text = text.replace("<h1>Back pain</h1>", "<h1>Back pain: causes and treatment</h1>")
    got = kinds(text, "html")
    assert [k for k, _ in got] == [BlockKind.TITLE, BlockKind.PARAGRAPH]


def test_front_matter_fields_are_available() -> None:
    text = "---\ntitle: Back pain\ndate: 2024-05-01\nauthor: Dr A. Writer\nreviewed_by: Dr B. Reviewer\ntype: treatment\n---\n\nBody text.\n"
    doc, problem = parse_document(text, fmt="markdown")
    assert problem is None
    assert doc.front_matter["author"] == "Dr A. Writer"
    assert doc.front_matter["type"] == "treatment"
    assert doc.title == "Back pain"
    # The front matter's title is read as the page's title block, at its place in the file.
    assert [b.text for b in doc.blocks] == ["Back pain", "Body text."]
    assert doc.blocks[0].kind is BlockKind.TITLE and doc.title_block == 0
    assert doc.blocks[0].prose.source_start(0) == text.index("Back pain")


@pytest.mark.parametrize(
    ("title_line", "blocks"),
    [
        ('title: "Cure your back pain"', ["Cure your back pain", "Body."]),
        ("title: 'Cure your back pain'", ["Cure your back pain", "Body."]),
        ('title: "Cure \\"fast\\""', ["Body."]),  # an escape: no exact position, so not read
        ("title: >\n  Cure your\n  back pain", ["Body."]),  # folded over lines
        ("title: [a, b]", ["Body."]),
    ],
)
def test_front_matter_title_is_read_only_where_it_maps_to_the_file(title_line: str, blocks: list[str]) -> None:
    text = f"---\n{title_line}\n---\n\nBody.\n"
    doc, _ = parse_document(text, fmt="markdown")
    assert [b.text for b in doc.blocks] == blocks
    if len(blocks) == 2:
        assert text[doc.blocks[0].prose.source_start(0) :].startswith("Cure your back pain")


def test_front_matter_title_that_repeats_the_h1_adds_no_block() -> None:
    text = "---\ntitle: Back pain\n---\n\n# Back pain\n\nBody.\n"
    doc, _ = parse_document(text, fmt="markdown")
    assert [b.text for b in doc.blocks] == ["Back pain", "Body."]
    assert doc.blocks[0].prose.source_start(0) == text.index("# Back pain") + 2


def test_broken_front_matter_is_reported_not_fatal() -> None:
    doc, problem = parse_document("---\ntitle: [unclosed\n---\n\nBody.\n", fmt="markdown")
    assert problem is not None and "front matter" in problem
    assert [b.text for b in doc.blocks] == ["Body."]


@pytest.mark.skipif(not SEED.exists(), reason="seed article not present")
def test_seed_plain_text_headings_are_detected() -> None:
    doc, _ = parse_document(SEED.read_text(encoding="utf-8"), fmt="text")
    headings = [b.text for b in doc.blocks if b.is_heading]
    assert headings[0] == "How Injections in the Back Could Change Your Life Forever"
    assert doc.blocks[0].kind is BlockKind.TITLE
    for expected in (
        "Understanding Back Pain and Its Impact",
        "What Are Injections in the Back?",
        "Life-Changing Benefits of Back Injections",
        "What To Expect During Treatment",
        "Are There Risks? Considerations Before Getting Injected",
    ):
        assert expected in headings
    # Sentences ending in a full stop are never headings.
    assert all(not h.endswith(".") for h in headings)
    assert len(headings) == 6


def test_plain_text_question_sentence_is_not_a_heading() -> None:
    got = kinds("Title Here\n\nis this a heading? no it is not\n\nMore text follows here.\n", "text")
    assert got[1][0] is BlockKind.PARAGRAPH


def test_plain_text_ragged_lines_are_a_paragraph_each() -> None:
    """A product listing's review: its stars line, date line, "Verified Purchase" and text stand
    alone, with no full stops to split them; a wrapped paragraph stays one."""
    review = (
        "Reviews\n\n5.0 out of 5 stars  Quieter at night\nReviewed on June 27, 2026\nVerified Purchase\n"
        "The buzzing is much quieter at bedtime since I started these capsules a month ago.\n"
    )
    got = kinds(review, "text")
    assert [text for _, text in got[1:]] == [
        "5.0 out of 5 stars  Quieter at night",
        "Reviewed on June 27, 2026",
        "Verified Purchase",
        "The buzzing is much quieter at bedtime since I started these capsules a month ago.",
    ]
    wrapped = (
        "Title Here\n\nNeck pain usually gets better on its own within a few weeks, and keeping\n"
        "active is one of the best things you can do to help it along while you\nwait.\n"
    )
    assert len(kinds(wrapped, "text")) == 2
    # A wrapped lead-in before its bullets stays one paragraph, however short the bullets.
    lead = (
        "Title Here\n\nLike any medicine, the tablets can have side effects, and the ones people\n"
        "report most often are these:\n- nausea\n- headache\n"
    )
    assert [k for k, _ in kinds(lead, "text")] == [
        BlockKind.TITLE,
        BlockKind.PARAGRAPH,
        BlockKind.LIST_ITEM,
        BlockKind.LIST_ITEM,
    ]


def test_document_anchor_is_title_or_first_line() -> None:
    doc, _ = parse_document("---\nx: 1\n---\nFirst line here.\r\nSecond.\n", fmt="markdown")
    start, end = doc.anchor()
    assert doc.source[start:end] == "First line here."


def test_reference_sections_are_marked() -> None:
    text = (
        "# Title\n\nBody text here.\n\n## References\n\n1. Smith AB et al. A miracle cure? Journal 2020.\n\n"
        "### Older studies\n\nJones C. Another title. 2019.\n\n## After\n\nMore body.\n"
    )
    doc, _ = parse_document(text, fmt="markdown")
    marked = {b.text[:12]: b.in_references for b in doc.blocks if not b.is_heading}
    assert marked == {"Body text he": False, "Smith AB et ": True, "Jones C. Ano": True, "More body.": False}


def test_findings_in_reference_lists_are_not_reported() -> None:
    from medlint.api import lint_text

    text = "# Back pain\n\nRest helps.\n\n## Sources\n\n- Lee CB. A miracle cure for back pain? Spine J. 2021.\n"
    assert not [f for f in lint_text(text, config={"select": ["CLM", "RDB"]}) if f.line == 7]
    body = "# Back pain\n\nThis miracle cure works.\n"
    assert [f.code for f in lint_text(body, config={"select": ["CLM001"]})] == ["CLM001"]


def test_prose_pieces_that_follow_each_other_map_every_offset_as_before() -> None:
    """Pieces copied one for one that follow each other in the source are kept as one piece
    (and a block that is one such run, as where it starts): every prose offset still maps to
    the source position it came from."""
    from medlint.prose import Prose

    source = "alpha\nbeta &amp; gamma `code` delta\r\nend  "
    prose = Prose()
    expected: list[tuple[int, int]] = []  # each prose character's source range

    def run(start: int, end: int) -> None:
        prose.append_run(source[start:end], start)
        expected.extend((i, i + 1) for i in range(start, end))

    def atom(text: str, start: int, end: int) -> None:
        prose.append_atom(text, start, end)
        expected.extend((start, end) for _ in text)

    run(0, 5)  # "alpha"
    atom(" ", 5, 6)  # a line break, one for one
    run(6, 11)  # "beta "
    atom("&", 11, 16)  # an entity
    run(16, 23)  # " gamma "
    prose.append_gap(23)  # the inline code, left out (no space added after a space)
    run(30, 35)  # "delta"
    atom(" ", 35, 37)  # \r\n
    run(37, 42)  # "end  "
    prose.strip()
    text = prose.text
    assert text == "alpha beta & gamma delta end"
    for i in range(len(text)):
        assert prose.source_start(i) == expected[i][0], i
        assert prose.source_end(i + 1) == expected[i][1], i
    assert len(prose.segments) < 9

    whole = Prose()
    whole.append_run("one line", 10)
    whole.append_atom(" ", 18, 19)
    whole.append_run("and more ", 19)
    whole.strip()
    assert whole.segments == [(0, 17, 10, 27)]
    assert (whole.source_start(4), whole.source_end(17)) == (14, 27)
    whole.append_run(" then", 28)  # appended to after it was packed
    whole.strip()
    assert whole.text == "one line and more then"
    assert whole.source_start(18) == 29


@pytest.mark.parametrize("limit", [1, 6, 10, 10_000_000])
def test_words_up_to_counts_as_split_does_and_stops_at_the_limit(limit: int) -> None:
    from medlint.document import words_up_to

    words = "one two\u00a0three\u2003four\tfive\nsix  seven\u3000eight "
    for text in ("", "   ", words, words * 20_000):  # the last is past the length split is used for
        assert words_up_to(text, limit) == min(len(text.split()), limit)
