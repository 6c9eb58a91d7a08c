"""A long document's packed sentence spans, read in place, read as the unpacked list does."""

from __future__ import annotations

from medlint.document import Block, BlockKind, PackedSpans
from medlint.prose import Prose


def _block(text: str, spans: list[tuple[int, int]]) -> Block:
    prose = Prose()
    prose.append_run(text, 0)
    block = Block(BlockKind.PARAGRAPH, prose)
    block.sentences = spans
    return block


def test_packed_spans_read_in_place_are_the_spans() -> None:
    text = "One. Two two. Three three three."
    spans = [(0, 4), (5, 13), (14, 32)]
    block = _block(text, spans)
    block.pack_sentences()
    view = block.sentence_spans()
    assert isinstance(view, PackedSpans)
    assert list(view) == spans and len(view) == 3
    assert view[0] == (0, 4) and view[-1] == (14, 32) and view[1:] == spans[1:]
    assert list(view.starts()) == [0, 5, 14]
    assert block.sentences == spans


def test_a_block_of_one_sentence_or_none_is_read_as_before() -> None:
    text = "Just one sentence."
    whole = _block(text, [(0, len(text))])
    whole.pack_sentences()
    assert whole.sentence_spans() == [(0, len(text))]
    empty = _block(text, [])
    empty.pack_sentences()
    assert empty.sentence_spans() == [(0, len(text))]
