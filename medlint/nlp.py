"""The spaCy pipeline, built once and only when an enabled rule needs sentences.

By default it is `spacy.blank("en")` with the rule-based sentencizer: nothing to download,
so it works in pre-commit.ci and offline CI. A configured installed model may replace it; a
rule that needs a layer the pipeline cannot provide is an error, not a silent no-op.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from medlint.document import Block

if TYPE_CHECKING:
    from spacy.language import Language

# Which pipeline component provides each layer a kind may need.
_PROVIDERS = {
    "sentences": ("sentencizer", "senter", "parser"),
    "pos": ("tagger", "morphologizer"),
    "lemmas": ("lemmatizer",),
}


def _sentence_english() -> Language:
    """Blank English whose tokenizer keeps only the special cases that contain a period.

    Those ("Dr.", "e.g.", "a.m.") are what keep a sentence from splitting early; the other
    1,200 (contractions, emoticons) never touch a sentence boundary, and loading them is most
    of the cost of `spacy.blank("en")` at every cold start. Sentence boundaries are identical
    (checked on every block of the shared corpus; see tests/test_nlp.py).
    """
    from spacy.lang.en import English

    class SentenceEnglish(English):
        class Defaults(English.Defaults):  # type: ignore[misc]
            tokenizer_exceptions = {k: v for k, v in English.Defaults.tokenizer_exceptions.items() if "." in k}

    return SentenceEnglish()


class PipelineError(Exception):
    pass


class Pipeline:
    def __init__(self, model: str | None = None) -> None:
        self.model = model
        self._nlp: Language | None = None

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            self._nlp = self._build()
        return self._nlp

    def _build(self) -> Language:
        import spacy

        if self.model:
            try:
                nlp = spacy.load(self.model, exclude=["ner"])
            except OSError as exc:
                raise PipelineError(
                    f"nlp-model {self.model!r} is not installed ({exc}); install it or remove nlp-model"
                ) from None
        else:
            nlp = _sentence_english()
        if not any(name in nlp.pipe_names for name in _PROVIDERS["sentences"]):
            nlp.add_pipe("sentencizer")
        return nlp

    def require(self, layers: Iterable[str]) -> None:
        """Fail loudly when a rule needs a layer this pipeline does not compute."""
        for layer in layers:
            providers = _PROVIDERS.get(layer)
            if providers is None:
                raise PipelineError(f"unknown NLP layer {layer!r}")
            if layer != "sentences" and not any(p in self.nlp.pipe_names for p in providers):
                raise PipelineError(
                    f"a selected rule needs {layer!r}, which the pipeline "
                    f"({self.model or 'blank English'}) does not provide; set nlp-model to an "
                    "installed spaCy model with a " + " or ".join(providers)
                )

    def add_sentences(self, blocks: list[Block]) -> None:
        """Fill `block.sentences` with (start, end) prose offsets, trimmed of spaces."""
        todo = [b for b in blocks if b.sentences is None]
        texts = (b.text for b in todo)
        for block, doc in zip(todo, self.nlp.pipe(texts, batch_size=256), strict=True):
            spans = []
            for sent in doc.sents:
                start, end = sent.start_char, sent.end_char
                text = block.text
                while start < end and text[start].isspace():
                    start += 1
                while end > start and text[end - 1].isspace():
                    end -= 1
                if end > start:
                    spans.append((start, end))
            block.sentences = spans

    def tokens(self, text: str) -> Any:
        return self.nlp.make_doc(text)
