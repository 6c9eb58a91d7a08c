"""The default pipeline splits sentences exactly as spaCy's blank English does, and fails loudly."""

from __future__ import annotations

import sys

import pytest
from conftest import SHARED

from medlint.analysis.nlp import Pipeline, PipelineError, SentenceWorker
from medlint.parse import format_for, parse_document

TEXTS = [
    "Dr. Smith saw 2.5 times more patients, e.g. in the a.m. clinic. She didn't stop! Did it help? Yes.",
    "Take 1 tablet (500 mg) twice a day... Don't drive. U.S. data show this. It's fine :) really.",
]


def _blank_sentences(texts: list[str]) -> list[list[tuple[int, int]]]:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return [[(s.start_char, s.end_char) for s in nlp(t).sents] for t in texts]


def _ours(texts: list[str]) -> list[list[tuple[int, int]]]:
    nlp = Pipeline().nlp
    return [[(s.start_char, s.end_char) for s in doc.sents] for doc in nlp.pipe(texts)]


def test_same_sentences_as_blank_english_on_our_texts() -> None:
    assert _ours(TEXTS) == _blank_sentences(TEXTS)


@pytest.mark.skipif(not (SHARED / "corpus").is_dir(), reason="shared corpus not present")
def test_same_sentences_as_blank_english_on_the_corpus() -> None:
    texts = []
    for path in sorted((SHARED / "corpus").rglob("*.md"))[::4]:
        doc, _ = parse_document(path.read_text(encoding="utf-8"), fmt=format_for(str(path)))
        texts.extend(b.text for b in doc.blocks)
    assert len(texts) > 500
    assert _ours(texts) == _blank_sentences(texts)


def test_missing_model_and_missing_layer_fail_loudly() -> None:
    with pytest.raises(PipelineError, match="not installed"):
        _ = Pipeline("no_such_model_xyz").nlp
    with pytest.raises(PipelineError, match="'pos'"):
        Pipeline().require(["pos"])


def _start_worker() -> SentenceWorker:
    # The worker only starts before spaCy is imported; pretend it has not been.
    saved = sys.modules.pop("spacy", None)
    try:
        worker = SentenceWorker.start()
    finally:
        if saved is not None:
            sys.modules["spacy"] = saved
    if worker is None:
        pytest.skip("no fork on this platform")
    return worker


def test_forked_worker_gives_the_same_sentences() -> None:
    worker = _start_worker()
    try:
        for texts in (TEXTS, []):
            assert worker.submit(texts)
            assert worker.collect() == _ours(texts)
    finally:
        worker.close()


def test_dead_worker_falls_back_to_in_process() -> None:
    import os
    import signal

    from medlint.document import Block, BlockKind
    from medlint.prose import Prose

    worker = _start_worker()
    os.kill(worker.pid, signal.SIGKILL)
    prose = Prose()
    prose.append_run(TEXTS[0], 0)
    block = Block(BlockKind.PARAGRAPH, prose)
    Pipeline(worker=worker).add_sentences([block])
    assert block.sentences == _ours(TEXTS)[0]
    worker.close()


def test_rules_prepare_while_the_worker_splits_sentences(monkeypatch: pytest.MonkeyPatch) -> None:
    """While the worker splits a document's sentences the linter loads the rules' data (once)
    and does their sentence-free work on the document, which `find` then uses; the findings
    are those of a linter that did everything after the sentences came back."""
    from conftest import ROOT

    article = ROOT / "examples" / "back-injections-draft.md"  # in the repository: no ../shared needed

    from medlint.engine import Linter
    from medlint.kinds.grade import ReadingGradeKind
    from medlint.kinds.substitution import SubstitutionKind

    calls: list[str] = []

    class Recording(SentenceWorker):
        def submit(self, texts: list[str]) -> bool:
            calls.append("submit")
            return super().submit(texts)

        def collect(self) -> list[list[tuple[int, int]]] | None:
            calls.append("collect")
            return super().collect()

    # The engine swallows a failing prepare step (find redoes the work), so record its outcome
    # here, and whether find had to match word lists itself.
    prepared: list[str] = []
    for kind in (SubstitutionKind, ReadingGradeKind):

        def recorded(
            self: object,
            doc: object,
            ctx: object,
            _original=kind.prepare_document,  # type: ignore[no-untyped-def]
            _name=kind.__name__,
        ) -> None:
            _original(self, doc, ctx)
            prepared.append(_name)

        monkeypatch.setattr(kind, "prepare_document", recorded)
    matched_in_find: list[int] = []
    original_matches = SubstitutionKind._block_matches

    def block_matches(self: SubstitutionKind, block: object, ctx: object) -> object:
        if calls[-1:] == ["collect"]:  # after the sentences came back: in find
            matched_in_find.append(1)
        return original_matches(self, block, ctx)  # type: ignore[arg-type]

    monkeypatch.setattr(SubstitutionKind, "_block_matches", block_matches)

    started = _start_worker()
    worker = Recording(started.pid, started._to, started._from)
    try:
        linter = Linter(worker=worker)
        original = linter._prepare

        def prepare(*args: object) -> None:
            calls.append("prepare")
            original(*args)  # type: ignore[arg-type]

        linter._prepare = prepare  # type: ignore[method-assign]
        first = linter.lint_path(article).findings
        second = linter.lint_path(article).findings
        assert calls == ["submit", "prepare", "collect"] * 2
        assert linter._prepared
        # Per document: two word-list rules and two grade rules prepared without error.
        assert sorted(prepared) == ["ReadingGradeKind"] * 4 + ["SubstitutionKind"] * 4
        assert not matched_in_find
        lazy = Linter().lint_path(article).findings
        assert first == second == lazy
        # The draft is written to fail readability: the prepared rules had work to do.
        assert any(f.code.startswith("RDB") for f in first)
    finally:
        worker.close()
