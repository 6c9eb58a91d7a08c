"""Sentences for the rules that need them, and a trained spaCy pipeline where one is configured.

By default sentences come from `medlint.sentences` (spaCy's sentencizer rule on medlint's own
tokens): nothing to download or import, so it works in pre-commit.ci and offline CI, and a
pre-commit hook does not pay for importing spaCy on every commit. A configured installed model
(`nlp-model`) replaces it and runs in this process; a rule that needs a layer the pipeline
cannot provide is an error, not a silent no-op.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from medlint.document import Block
from medlint.sentences import sentence_spans as split_sentences
from medlint.sentences import tame, trimmed

if TYPE_CHECKING:
    from spacy.language import Language

# Which pipeline component provides each layer a kind may need.
_PROVIDERS = {
    "sentences": ("sentencizer", "senter", "parser"),
    "pos": ("tagger", "morphologizer"),
    "lemmas": ("lemmatizer",),
}


VOCAB_GROWTH = 30_000
"""New strings a pipeline may take in before it is rebuilt (see Pipeline.bound_vocab)."""


PACK_CHARS = 1_000_000
"""Characters of text past which a document's sentence spans are packed (`Block.pack_sentences`)."""


class PipelineError(Exception):
    pass


def model_sentence_spans(nlp: Language, texts: list[str]) -> list[list[tuple[int, int]]]:
    """(start, end) character offsets of each text's sentences by a spaCy pipeline, trimmed of
    spaces. Long runs of punctuation are tamed first: spaCy's tokenizer takes quadratic time on
    them ("[[[[...")."""
    out = []
    tamed = [tame(t) for t in texts]
    for text, doc in zip(texts, nlp.pipe(tamed, batch_size=256), strict=True):
        spans = (trimmed(text, sent.start_char, sent.end_char) for sent in doc.sents)
        out.append([span for span in spans if span is not None])
    return out


class Pipeline:
    """Sentences for a document's blocks: medlint's own splitter, or the configured `model`."""

    def __init__(self, model: str | None = None) -> None:
        self.model = model
        self._nlp: Language | None = None
        self._failed: PipelineError | None = None
        self._base_strings = 0

    @property
    def nlp(self) -> Language:
        """The configured model, loaded on first use (only when `model` is set)."""
        if self.model is None:
            raise PipelineError("no nlp-model is configured: sentences come from medlint.sentences")
        if self._nlp is None:
            if self._failed is not None:
                raise self._failed  # once per run is enough to try loading a missing model
            try:
                self._nlp = self._build(self.model)
            except PipelineError as exc:
                self._failed = exc
                raise
            self._base_strings = len(self._nlp.vocab.strings)
        return self._nlp

    @staticmethod
    def _build(model: str) -> Language:
        import spacy

        try:
            nlp = spacy.load(model, exclude=["ner"])
        except OSError as exc:
            raise PipelineError(
                f"nlp-model {model!r} is not installed ({exc}); install it or remove nlp-model"
            ) from None
        if not any(name in nlp.pipe_names for name in _PROVIDERS["sentences"]):
            nlp.add_pipe("sentencizer")
        # spaCy refuses texts over a million characters (a guard for parsers and NER memory);
        # one long paragraph of a file under max-file-size is fine for a sentencizer.
        nlp.max_length = max(nlp.max_length, 100_000_000)
        return nlp

    def load(self) -> None:
        """Load the configured model now (a no-op without one): a run does it before its first
        file, and a pool before it forks, so that workers share it."""
        if self.model is not None:
            self.nlp  # noqa: B018

    def require(self, layers: Iterable[str]) -> None:
        """Fail loudly when a rule needs a layer this pipeline does not compute."""
        for layer in layers:
            providers = _PROVIDERS.get(layer)
            if providers is None:
                raise PipelineError(f"unknown NLP layer {layer!r}")
            if layer == "sentences":
                continue  # medlint's splitter, or a sentencizer added to the model
            if self.model is None or not any(p in self.nlp.pipe_names for p in providers):
                raise PipelineError(
                    f"a selected rule needs {layer!r}, which the pipeline "
                    f"({self.model or 'medlint sentences'}) does not provide; set nlp-model to an "
                    "installed spaCy model with a " + " or ".join(providers)
                )

    def add_sentences(self, blocks: list[Block]) -> None:
        """Fill `block.sentences` with (start, end) prose offsets, trimmed of spaces."""
        todo = [b for b in blocks if not b.has_sentences]
        # A long document's spans are packed (compact, but unpacked on every read).
        pack = sum(len(b.text) for b in blocks) > PACK_CHARS
        if self.model is None:
            for block in todo:
                block.sentences = split_sentences(block.text)
                if pack:
                    block.pack_sentences()
            return
        spans = model_sentence_spans(self.nlp, [b.text for b in todo])
        self.bound_vocab()
        for block, found in zip(todo, spans, strict=True):
            block.sentences = found
            if pack:
                block.pack_sentences()

    def bound_vocab(self) -> None:
        """spaCy keeps every word it has seen in its vocab and string store, for good: a
        long-lived linter (an editor server, a CMS plugin) would grow without end on new words.
        Past VOCAB_GROWTH new strings the model is loaded afresh (once per thousands of new
        words); sentence boundaries do not depend on the vocab."""
        if self._nlp is not None and len(self._nlp.vocab.strings) > self._base_strings + VOCAB_GROWTH:
            self._nlp = None
