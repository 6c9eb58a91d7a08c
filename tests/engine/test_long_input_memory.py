"""A long block is read a window at a time: the same answers as reading it whole, in bounded
memory (issue 14: a 10 MB single line, nested brackets, a run of one character).

The windowed readers are checked against reading the text whole, with windows made small so
that every boundary case (a mark, a hyphen, a run of closing quotes at a window's edge) is met.
Memory is checked with tracemalloc on inputs small enough for the default suite.
"""

from __future__ import annotations

import itertools
import tracemalloc
from pathlib import Path

import pytest

from medlint import sentences, tokens
from medlint.claims import analyze
from medlint.document import MAX_ANCHOR, Document
from medlint.engine import Linter
from medlint.kinds import cues
from medlint.kinds.base import Analysis
from medlint.parse import parse_document

PROSE = (
    'Dr. Smith said the cure "works." It does not! Side-effects include nausea (rarely). '
    "Vitamin D. A doctor at Acme Co., Ltd. and U.S. groups agreed... Is it safe? "
    "They were in their late 30s.2 IgA levels rose. No. 1 choice - the bladder.The end. "
)


def _long_text(n: int = 400) -> str:
    return "".join(PROSE.replace("Smith", f"Smith{i}") for i in range(n))


def test_tokens_between_windows_are_the_whole_texts_tokens() -> None:
    text = _long_text(50)
    whole = [(t.text, t.idx, t.whitespace_) for t in tokens.tokenize(text)]
    windowed, lo = [], 0
    while lo < len(text):
        hi = tokens.window_end(text, lo, 37)
        assert hi == len(text) or text[hi].isspace()
        windowed += [(t.text, t.idx, t.whitespace_) for t in tokens.tokens_between(text, lo, hi)]
        lo = hi
    assert windowed == whole


@pytest.mark.parametrize("window", [5, 64, 1000])
def test_sentences_of_a_long_text_do_not_depend_on_the_window(monkeypatch: pytest.MonkeyPatch, window: int) -> None:
    text = _long_text()
    assert len(text) > tokens.MEMO_CHARS  # read in windows, not whole
    whole = sentences.sentence_spans(text)
    assert len(whole) > 1000
    monkeypatch.setattr(sentences, "WINDOW", window)
    assert sentences.sentence_spans(text) == whole


@pytest.mark.parametrize("window", [3, 50])
def test_cue_tokens_of_a_long_text_do_not_depend_on_the_window(monkeypatch: pytest.MonkeyPatch, window: int) -> None:
    text = _long_text() + " side - effects a-b -c d-"
    kept = cues._joined(list(tokens.tokenize(text)))
    monkeypatch.setattr(cues, "WINDOW", window)
    got = cues.tokens(text)
    assert got.words == [cues._pair(t.text.lower()) for t in kept]
    assert list(got.starts) == [t.idx for t in kept]
    assert list(got.ends) == [t.idx + len(t.text) for t in kept]


def test_a_long_blocks_claims_are_judged_a_run_of_sentences_at_a_time() -> None:
    text = _long_text(2000)
    spans = sentences.sentence_spans(text)
    parts = list(analyze._parts(text, spans, size=10_000))
    assert len(parts) > 5
    # Runs follow one another, hold whole sentences, and are cut where whitespace is.
    assert parts[0][0] == 0 and parts[0][2] == 0 and parts[-1][1] == len(text) and parts[-1][3] == len(spans)
    for (lo, hi, first, last), (lo2, _, first2, _) in itertools.pairwise(parts):
        assert hi == lo2 and last == first2 and text[hi - 1].isspace()
        assert spans[first][0] >= lo and spans[last - 1][1] <= hi


def test_a_long_paragraph_makes_the_same_claims_as_its_sentences_read_alone() -> None:
    sentence = "This miracle cure heals arthritis in days. "
    filler = "The clinic opened in May and the weather was mild that week. " * 40
    body = (filler + sentence) * 60
    assert len(body) > analyze.PART  # one paragraph, analysed in runs
    outcome = Linter().lint_text("# Joints\n\n" + body, path="long.md")
    starts = {f.start_offset for f in outcome.findings if f.code == "CLM001"}
    text = "# Joints\n\n" + body
    assert starts and all(text[s:].startswith("miracle") for s in starts)


def test_a_document_finding_points_at_most_at_the_first_thousand_characters() -> None:
    text = "word " * 100_000
    outcome = Linter().lint_text(text, path="one-line.txt")
    document = [f for f in outcome.findings if f.scope == "document"]
    assert document
    for f in document:
        assert f.start_offset == 0 and f.end_offset == MAX_ANCHOR
        assert len(f.context) <= MAX_ANCHOR + 30


def _parsed_with_peak(text: str, path: str) -> tuple[tuple[Document, str | None], int]:
    """`parse_document`'s result and the peak of memory traced while it ran."""
    tracemalloc.start()
    try:
        parsed = parse_document(text, path=path)
        return parsed, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_nested_brackets_are_parsed_in_little_memory() -> None:
    text = "[" * 100_000 + "]" * 100_000
    (doc, _), peak = _parsed_with_peak(text, "brackets.md")
    assert doc.blocks[0].text == text
    # markdown-it remembered a position for every bracket: 14 MB for these 200 KB.
    assert peak < 4_000_000


def test_the_linter_lets_go_of_each_kinds_working_data_after_its_last_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    dropped: list[str] = []
    drop = Analysis.drop

    def spy(self: Analysis, name: str) -> None:
        dropped.append(name)
        drop(self, name)

    monkeypatch.setattr(Analysis, "drop", spy)
    text = "# Back pain\n\nThis miracle cure works. Ask your doctor about side effects.\n"
    with_drops = Linter().lint_text(text, path="a.md")
    assert sorted(dropped) == ["claim_triggers", "cues_found", "readability", "word_tokens"]
    monkeypatch.setattr(Analysis, "drop", lambda self, name: None)
    assert Linter().lint_text(text, path="a.md") == with_drops


def test_front_matter_of_too_many_keys_is_refused_before_it_is_built() -> None:
    keys = "\n".join(f"key{i}: value {i}" for i in range(20_000))
    text = f"---\n{keys}\n---\n\n# Title\n\nA short body.\n"
    (doc, problem), peak = _parsed_with_peak(text, "keys.md")
    assert problem == "front matter not read: it holds more than 5,000 values"
    assert doc.front_matter == {} and [b.text for b in doc.blocks] == ["Title", "A short body."]
    # Built into YAML nodes first, these 20,000 keys took about 40 MB.
    assert peak < 8_000_000


MARKDOWN = """# Title

A paragraph with a [link][ref] and a [shortcut] before their definitions.

- item one
- item two

  still item two

> A quote with [a link](https://example.org "title") and *emphasis*.
>
> - a list in it

| a | b |
|---|---|
| cell \\| pipe | [x] |

<div>
html block
</div>

    indented code

Line one
Line two\r
[ref]: https://example.org/ref
[shortcut]: <https://example.org/short>
  > [nested]: /also-a-definition
"""


@pytest.mark.parametrize("text", [MARKDOWN, MARKDOWN.replace("[", "("), "", "\n\n", "[" * 50 + "a]: b"])
def test_markdown_read_a_block_at_a_time_is_markdown_its_own_parse(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    from medlint.parse import markdown

    monkeypatch.setattr(markdown, "STREAM_CHARS", 0)  # read a block at a time, however short

    def shape(tokens: list[object]) -> list[object]:
        return [
            (t.type, t.tag, t.content, t.map, t.markup, dict(t.attrs), t.hidden, shape(t.children or []))  # type: ignore[attr-defined]
            for t in tokens
        ]

    md = markdown._parser()
    whole = shape(md.parse(text))
    streamed = []
    for token in markdown._block_tokens(md, text):
        streamed.append(shape([token])[0])  # its children are let go after it is read
    assert streamed == whole


def test_a_long_documents_reading_grades_are_those_of_a_short_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    from medlint.analysis import readability

    sentence = (
        "The physiotherapist recommended comprehensive rehabilitation exercises for persistent lumbar discomfort. "
    )
    text = "# Back pain\n\n" + "".join(f"## Part {i}\n\n" + sentence * 12 + "\n\n" for i in range(6))
    kept = Linter().lint_text(text, path="a.md")
    assert any(f.code.startswith("RDB") for f in kept.findings)
    monkeypatch.setattr(readability, "KEEP_TEXTS", 0)  # read as a long document: texts let go
    assert Linter().lint_text(text, path="a.md") == kept


def test_a_long_documents_criteria_are_those_of_a_short_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    from medlint.analysis import nlp
    from medlint.kinds.criterion import CriterionKind
    from medlint.parse import markdown

    articles = sorted((Path(__file__).parent.parent / "data" / "completeness-gold" / "articles").glob("*.md"))[:12]
    assert articles
    linter = Linter()
    kept = [linter.lint_path(path) for path in articles]
    assert any(o.file is not None and o.file.scorecard is not None for o in kept)
    # Read as long documents: cues found for every criterion rule at once, markdown streamed,
    # sentence spans packed.
    monkeypatch.setattr(CriterionKind, "SHARE_TOKENS_CHARS", 0)
    monkeypatch.setattr(markdown, "STREAM_CHARS", 0)
    monkeypatch.setattr(nlp, "PACK_CHARS", 0)
    assert [Linter().lint_path(path) for path in articles] == kept


def test_packed_sentence_spans_read_back_as_they_were() -> None:
    """A long document's sentence spans are packed; a block that is one sentence end to end
    keeps a shared marker instead of its two numbers, and reads back the same."""
    from medlint.document import Block, BlockKind
    from medlint.prose import Prose

    def block(text: str, spans: list[tuple[int, int]]) -> Block:
        prose = Prose()
        prose.append_run(text, 0)
        prose.strip()
        made = Block(BlockKind.PARAGRAPH, prose)
        made.sentences = spans
        return made

    cases = [
        ("One sentence.", [(0, 13)]),
        ("Another one, longer.", [(0, 20)]),
        ("One. Two.", [(0, 4), (5, 9)]),
        ("Not to the end.  ", [(0, 15)]),
        ("Empty.", []),
    ]
    for text, spans in cases:
        made = block(text, spans)
        made.pack_sentences()
        assert made.has_sentences
        assert made.sentences == spans, text


def test_a_long_text_fixes_the_allocators_threshold_for_large_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Linting a long text fixes glibc's mmap threshold (so freed large blocks go back to the
    system), once; a short one never asks (a cold start does not import ctypes for it)."""
    import platform

    from medlint.engine import allocator

    calls: list[int] = []
    monkeypatch.setattr(allocator, "_fixed", None)
    monkeypatch.setattr(allocator, "_set_threshold", lambda size: calls.append(size) or True)
    linter = Linter()
    linter.lint_text("# Title\n\nA short text.\n", path="short.md")
    assert calls == []
    monkeypatch.setattr(allocator, "LONG_TEXT", 10)
    from medlint.engine import linter as linter_module

    monkeypatch.setattr(linter_module, "LONG_TEXT", 10)
    linter.lint_text("# Title\n\nA short text.\n", path="short.md")
    linter.lint_text("# Title\n\nA short text.\n", path="short.md")
    assert calls == [allocator.MMAP_THRESHOLD]
    monkeypatch.undo()
    if platform.system() == "Linux" and platform.libc_ver()[0] == "glibc":
        monkeypatch.setattr(allocator, "_fixed", None)
        assert allocator.return_large_blocks() is True


def test_the_word_caches_are_emptied_after_a_long_document(monkeypatch: pytest.MonkeyPatch) -> None:
    """After a long document's rules, the per-word caches it filled are let go (the register
    and the report are built in that memory); the findings are those of a linter that kept
    them."""
    from medlint.engine import linter as linter_module
    from medlint.kinds import cues as cue_kinds

    text = "# Title\n\n" + PROSE * 40
    kept = Linter().lint_text(text, path="long.md")
    monkeypatch.setattr(linter_module, "LONG_TEXT", 1_000)
    outcome = Linter().lint_text(text, path="long.md")
    assert outcome.findings == kept.findings and outcome.errors == kept.errors
    assert outcome.file is not None and kept.file is not None
    assert outcome.file.to_json() == kept.file.to_json()
    assert outcome.file.claims is not None and kept.file.claims is not None
    assert outcome.file.claims.to_json(True) == kept.file.claims.to_json(True)
    assert tokens._remembered.cache_info().currsize == 0
    assert not tokens._SPLITS
    assert cue_kinds._pair.cache_info().currsize == 0


def test_a_long_documents_claims_let_go_of_their_trigger_words(monkeypatch: pytest.MonkeyPatch) -> None:
    """After the last claim rule of a long document, its claims keep no trigger parts (only the
    claim rules point at them): the findings and the register are those of before."""
    from medlint.engine import linter as linter_module

    text = "# Back pain\n\n" + "This miracle cure works for everyone. It is 100% safe and natural. " * 20
    kept = Linter().lint_text(text, path="long.md")
    monkeypatch.setattr(linter_module, "LONG_TEXT", 1_000)
    slim = Linter().lint_text(text, path="long.md")
    assert slim.findings == kept.findings and slim.findings
    assert slim.file is not None and kept.file is not None
    assert slim.file.claims is not None and kept.file.claims is not None
    assert [c.to_json() for c in slim.file.claims.claims] == [c.to_json() for c in kept.file.claims.claims]
    assert any(c.claim.triggers for c in kept.file.claims.claims)
    assert not any(c.claim.triggers or c.claim.trigger for c in slim.file.claims.claims)
    assert slim.file.scorecard == kept.file.scorecard
