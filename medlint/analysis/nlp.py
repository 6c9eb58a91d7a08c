"""The spaCy pipeline, built once and only when an enabled rule needs sentences.

By default it is `spacy.blank("en")` with the rule-based sentencizer: nothing to download,
so it works in pre-commit.ci and offline CI. A configured installed model may replace it; a
rule that needs a layer the pipeline cannot provide is an error, not a silent no-op.
"""

from __future__ import annotations

import contextlib
import re
import time
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, ClassVar

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
    (checked on every block of the shared corpus; see tests/analysis/test_nlp.py).
    """
    from spacy.lang.en import English

    class SentenceEnglish(English):  # type: ignore[no-untyped-call]
        class Defaults(English.Defaults):  # type: ignore[misc,valid-type]
            tokenizer_exceptions: ClassVar[dict[str, Any]] = {
                k: v for k, v in English.Defaults.tokenizer_exceptions.items() if "." in k
            }

    return SentenceEnglish()


VOCAB_GROWTH = 30_000
"""New strings a pipeline may take in before it is rebuilt (see Pipeline.bound_vocab)."""


class PipelineError(Exception):
    pass


# spaCy's tokenizer takes quadratic time on a long run of punctuation ("[[[[...", 200,000 of
# them took hours): it peels one prefix at a time and searches the rest for a suffix again.
# No sentence ends inside such a run of prose, so all but its last character is read as
# letters, one for one, which keeps every offset.
_LONG_RUN = re.compile(r"\S{200,}")


def _tame(text: str) -> str:
    if len(text) < 200 or not _LONG_RUN.search(text):
        return text
    return _LONG_RUN.sub(lambda m: "x" * (len(m.group()) - 1) + m.group()[-1], text)


def sentence_spans(nlp: Language, texts: list[str]) -> list[list[tuple[int, int]]]:
    """(start, end) character offsets of each text's sentences, trimmed of spaces."""
    out = []
    tamed = [_tame(t) for t in texts]
    for text, doc in zip(texts, nlp.pipe(tamed, batch_size=256), strict=True):
        spans = []
        for sent in doc.sents:
            start, end = sent.start_char, sent.end_char
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if end > start:
                spans.append((start, end))
        out.append(spans)
    return out


class SentenceWorker:
    """The default pipeline in a forked process.

    Importing spaCy is most of a cold start (about 0.4 s), and a pre-commit hook pays it on
    every commit. The command line makes a deferred worker and the run forks it once it knows
    a file must be linted (not found in the results cache), so spaCy loads on a second core
    while the main process loads rules and parses files; sentences then cross a pipe as
    pickled lists. A run the cache answers in full never forks it, and a run that lints in a
    pool of processes does not either (the pool shares the pipeline it loads before forking).
    Linux only (fork is cheap and safe there before any threads exist); anywhere else, or with
    MEDLINT_NO_WORKER set, the pipeline runs in-process.
    """

    def __init__(self, pid: int = 0, to_child: Any = None, from_child: Any = None) -> None:
        self.pid = pid
        self._to = to_child
        self._from = from_child
        self._broken: str | None = None if pid else "not started"
        self._deadline = 0.0
        self._deferred = not pid

    @classmethod
    def deferred(cls) -> SentenceWorker:
        """A worker that forks only on `begin`: a run whose files are all in the results cache
        never needs spaCy, and a run that forks a pool loads spaCy in this process instead."""
        return cls()

    def begin(self) -> None:
        """Fork the deferred worker now (once); if it cannot be, it stays not `alive` and
        sentences are split in this process."""
        if not self._deferred:
            return
        self._deferred = False
        started = type(self).start()
        if started is not None:
            self.pid, self._to, self._from, self._broken = started.pid, started._to, started._from, None

    @classmethod
    def start(cls) -> SentenceWorker | None:
        import os
        import sys

        if sys.platform != "linux" or os.environ.get("MEDLINT_NO_WORKER") or not hasattr(os, "fork"):
            return None
        if "spacy" in sys.modules:
            return None  # already paid for in this process (the API, tests): nothing to overlap
        down_r, down_w = os.pipe()
        up_r, up_w = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            for fd in (down_r, down_w, up_r, up_w):
                os.close(fd)
            return None
        if pid == 0:  # the worker: never returns into the caller's code
            os.close(down_w)
            os.close(up_r)
            code = 0
            try:
                _serve(os.fdopen(down_r, "rb"), os.fdopen(up_w, "wb"))
            except BaseException:
                code = 1
            os._exit(code)
        os.close(down_r)
        os.close(up_w)
        return cls(pid, os.fdopen(down_w, "wb"), os.fdopen(up_r, "rb"))

    @property
    def alive(self) -> bool:
        return self._broken is None

    def submit(self, texts: list[str]) -> bool:
        """Send texts to split; False if the worker is gone (the caller then works in-process)."""
        import pickle

        if self._broken is not None:
            return False
        data = pickle.dumps(texts, protocol=pickle.HIGHEST_PROTOCOL)
        self._deadline = time.monotonic() + _reply_seconds(sum(map(len, texts)))
        try:
            _write_frame(self._to.fileno(), data, self._deadline)
        except (OSError, TimeoutError) as exc:
            self._give_up(f"cannot send to the sentence worker ({exc or type(exc).__name__})")
            return False
        return True

    def collect(self) -> list[list[tuple[int, int]]] | None:
        """Spans for each text of the last `submit`, or None if the worker failed or did not
        answer in time (stopped, stuck): it is then ended and never asked again."""
        import pickle

        if self._broken is not None:
            return None
        try:
            status, payload = pickle.loads(_read_frame(self._from.fileno(), self._deadline))
        except (OSError, EOFError, TimeoutError, pickle.PickleError, ValueError) as exc:
            self._give_up(f"no answer from the sentence worker ({exc or type(exc).__name__})")
            return None
        except BaseException:
            # Interrupted half-way through a reply (Ctrl-C, a time budget): the rest of it
            # would be taken for the next document's, so the worker is not asked again.
            self._give_up("interrupted while reading the sentence worker's answer")
            raise
        if status != "ok":
            self._broken = str(payload)
            return None
        spans: list[list[tuple[int, int]]] = payload
        return spans

    def _give_up(self, reason: str) -> None:
        import os
        import signal

        self._broken = reason
        with contextlib.suppress(OSError):
            os.kill(self.pid, signal.SIGKILL)  # our own child, which may be stopped or stuck

    def close(self) -> None:
        import os
        import signal

        if not self.pid:
            return  # never started
        for f in (self._to, self._from):
            with contextlib.suppress(OSError):
                f.close()
        # The worker ends on the closed pipe; one that does not (stopped, stuck) is ended.
        deadline = time.monotonic() + 2.0
        while True:
            try:
                pid, _ = os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:
                return
            if pid:
                return
            if time.monotonic() > deadline:
                with contextlib.suppress(OSError):
                    os.kill(self.pid, signal.SIGKILL)
                with contextlib.suppress(ChildProcessError):
                    os.waitpid(self.pid, 0)
                return
            time.sleep(0.005)


def _reply_seconds(chars: int) -> float:
    """How long the worker may take to split `chars` characters (wall clock): far above its
    speed (several MB a second), so only a stopped or stuck worker runs out of it."""
    return 20.0 + 20.0 * chars / 1_000_000


def _write_frame(fd: int, data: bytes, deadline: float | None) -> None:
    """A length-prefixed message, written without blocking past `deadline` (None: no limit)."""
    import os
    import select

    view = memoryview(len(data).to_bytes(8, "big") + data)
    if deadline is None:
        with os.fdopen(os.dup(fd), "wb") as fh:
            fh.write(view)
        return
    blocking = os.get_blocking(fd)
    os.set_blocking(fd, False)
    try:
        while view:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("timed out")
            if not select.select([], [fd], [], left)[1]:
                continue
            try:
                view = view[os.write(fd, view[: 1 << 16]) :]
            except BlockingIOError:
                continue
    finally:
        os.set_blocking(fd, blocking)


def _read_exactly(fd: int, n: int, deadline: float | None) -> bytes:
    import os
    import select

    parts: list[bytes] = []
    while n:
        if deadline is not None:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("timed out")
            if not select.select([fd], [], [], left)[0]:
                continue
        chunk = os.read(fd, min(n, 1 << 20))
        if not chunk:
            raise EOFError("the pipe closed")
        parts.append(chunk)
        n -= len(chunk)
    return b"".join(parts)


def _read_frame(fd: int, deadline: float | None) -> bytes:
    size = int.from_bytes(_read_exactly(fd, 8, deadline), "big")
    return _read_exactly(fd, size, deadline)


def _serve(inbox: Any, outbox: Any) -> None:
    import pickle

    pipeline = Pipeline()
    pipeline.nlp  # noqa: B018  (loaded now, while the main process starts up)
    while True:
        try:
            texts = pickle.loads(_read_frame(inbox.fileno(), None))
        except EOFError:
            return
        try:
            reply: tuple[str, Any] = ("ok", sentence_spans(pipeline.nlp, texts))
            pipeline.bound_vocab()
        except Exception as exc:
            reply = ("error", f"{type(exc).__name__}: {exc}")
        _write_frame(outbox.fileno(), pickle.dumps(reply, protocol=pickle.HIGHEST_PROTOCOL), None)


class Pipeline:
    def __init__(self, model: str | None = None, worker: SentenceWorker | None = None) -> None:
        self.model = model
        self._nlp: Language | None = None
        self._failed: PipelineError | None = None
        self._base_strings = 0
        # The worker runs the default pipeline only; a configured model runs in-process.
        self.worker = worker if model is None else None

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            if self._failed is not None:
                raise self._failed  # once per run is enough to try loading a missing model
            try:
                self._nlp = self._build()
            except PipelineError as exc:
                self._failed = exc
                raise
            self._base_strings = len(self._nlp.vocab.strings)
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
        # spaCy refuses texts over a million characters (a guard for parsers and NER memory);
        # one long paragraph of a file under max-file-size is fine for a sentencizer.
        nlp.max_length = max(nlp.max_length, 100_000_000)
        return nlp

    @property
    def has_worker(self) -> bool:
        """Whether sentences are split in the worker (so this process loads no spaCy for them)."""
        return self.worker is not None and self.worker.alive

    def require(self, layers: Iterable[str]) -> None:
        """Fail loudly when a rule needs a layer this pipeline does not compute."""
        for layer in layers:
            providers = _PROVIDERS.get(layer)
            if providers is None:
                raise PipelineError(f"unknown NLP layer {layer!r}")
            if layer == "sentences":
                continue  # every pipeline medlint builds has a sentencizer
            if not any(p in self.nlp.pipe_names for p in providers):
                raise PipelineError(
                    f"a selected rule needs {layer!r}, which the pipeline "
                    f"({self.model or 'blank English'}) does not provide; set nlp-model to an "
                    "installed spaCy model with a " + " or ".join(providers)
                )

    def add_sentences(self, blocks: list[Block], while_waiting: Callable[[], None] | None = None) -> None:
        """Fill `block.sentences` with (start, end) prose offsets, trimmed of spaces.

        `while_waiting` runs while the worker splits the texts (not at all without a worker).
        """
        todo = [b for b in blocks if b.sentences is None]
        texts = [b.text for b in todo]
        spans = None
        if self.worker is not None and self.worker.submit(texts):
            try:
                if while_waiting is not None:
                    while_waiting()
            finally:
                # Even on Ctrl-C: an unread reply would be taken for the next document's.
                spans = self.worker.collect()
        if spans is None:
            spans = sentence_spans(self.nlp, texts)
            self.bound_vocab()
        for block, found in zip(todo, spans, strict=True):
            block.sentences = found

    def bound_vocab(self) -> None:
        """spaCy keeps every word it has seen in its vocab and string store, for good: a
        long-lived linter (an editor server, a CMS plugin) would grow without end on new words.
        Past VOCAB_GROWTH new strings the pipeline is built afresh (20 ms for the default one,
        once per thousands of new words); sentence boundaries do not depend on the vocab."""
        if self._nlp is not None and len(self._nlp.vocab.strings) > self._base_strings + VOCAB_GROWTH:
            self._nlp = None
