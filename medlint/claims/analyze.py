"""Claim analysis: which sentences make a health claim, and what kind of claim each makes.

Every block (title, headings, paragraphs, list items, quotes, table cells) is tokenised as
spaCy's English tokenizer would cut it (`medlint.tokens`, without importing spaCy); each token
gets its lemma from spaCy's English lookup table (shipped in medlint/data), and one pattern
index (`medlint.claims.matching`) finds the lexicon's effects, cues and outcome vocabulary on
lemmas. A sentence is then described by the
parts it holds (an effect on an outcome, said by whom), how strongly it is said (hedges),
its stance (negated, questioned, refuted) and its qualities (absolute, superlative, safety,
evidence appeal, testimonial, nature, fear, hype). Positions are token offsets into the
block's prose, so every part maps back to the source exactly.

The judgement is deliberately compositional: "a benefit" is an effect verb of the benefit
family with a health outcome in the same sentence, not a listed phrase, so "zinc will help
with almost every side effect of being hypothyroid" is read as a benefit with scope, whatever
the words.
"""

from __future__ import annotations

import bisect
import operator
import re
import sys
import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from medlint.claims.lexicon import Lexicon, load_lexicon
from medlint.claims.matching import Element, PatternIndex, compile_phrase, lemma_is, word_is
from medlint.claims.model import CATEGORIES, QUALITIES, Category, Claim, Part, Register, Stance, Strength
from medlint.document import Block, BlockKind, Document, span_starts
from medlint.sentences import tame
from medlint.tokens import Tokens, lemma_table, tokenize, tokens_between

# A citation in the sentence or a link in its block: the claim points at its support.
CITATION = re.compile(
    r"\[\d+(?:\s*[,–-]\s*\d+)*\]|\(\s*[A-Z][A-Za-z'-]+(?:\s+(?:et\s+al\.?|and\s+[A-Z][A-Za-z'-]+))?,?\s+(?:19|20)\d\d[a-z]?\s*\)|"
    r"\bet\s+al\b|\bpublished\s+(?:online\s+)?(?:\w+\s+){0,3}in\s+(?:the\s+)?[A-Z]|\bjournal\s+of\b|"
    r"\b(?:Cochrane|NICE|JAMA|BMJ|Lancet|NEJM|PubMed|Nature\s+Medicine|PLOS)\b|doi\.org|\bdoi:",
)
# A quotation signed by its speaker: `" - Carla, Ohio`, `” — Sarah, mum of Leo`, `★★★★★ *Louise*`,
# `" Graham, verified buyer`. Such a block is a customer's story offered as proof.
_SIGNED_QUOTE = re.compile(
    # A closing quote (it follows the quoted words, not a space), then a name of one to three
    # capitalised words: after a dash, or alone with at most a short tag ("Sarah, 42, Leeds")
    # at the end of the line. Not a press release's next sentence ('" Dr. Hardick, a
    # seasoned chiropractor, ...'), which is the spokesperson, not a customer.
    r"(?<=\S)[\"”]\s*[-–—~]\s*[*_]*[A-Z][\w'.]*(?:\s+[A-Z][\w'.]*){0,2}[*_]*(?:,|\s*\(|\s*$)"
    r"|(?<=\S)[\"”]\s*[*_]*[A-Z][\w'.]*(?:\s+[A-Z][\w'.]*){0,2}[*_]*(?:,[^.!?\n\"“”]{0,30})?\s*(?:\(|$)"
    r"|★|\bverified (?:buyer|purchase)\b"
)


def _may_sign(text: str) -> bool:
    """Whether `text` holds what every `_SIGNED_QUOTE` match holds: a closing quote, a star or
    "verified " (substring tests rule most blocks out before the pattern's scan)."""
    return '"' in text or "”" in text or "★" in text or "verified " in text


# A lead-in to a list of what people say happened to them: "After treatment, parents at our
# clinic have reported:", "Here's what our members tell us:". Each item is one of their stories.
# Not a list of side effects ("Side effects people have reported include:").
_REPORT_LEAD = re.compile(
    r"\b(?:patients?|clients?|customers?|users?|members?|parents?|famil(?:y|ies)|people|mums?|moms?|athletes?)\b"
    r"[^.!?:]{0,60}\b(?:report(?:ed|s)?|say|said|tell|told|notic(?:e|ed)|describe[sd]?|share[sd]?)\b[^.!?]*:\s*$",
    re.I,
)
_HARM_LEAD = re.compile(r"\b(?:side[- ]effects?|risks?|complications?|problems?|reactions?|harms?)\b", re.I)
# A person introduced by name and age, as stories are: "Margaret Holt, 67, a retired teacher",
# "Brenda Castillo, 61, of Millbrook", "Eli, age 6". What they say happened to them is a story.
_NAMED_PERSON = re.compile(
    r"\b[A-Z][a-z]+(?: [A-Z][a-z'-]+)?,\s(?:age[d]?\s)?\d{1,2},\s(?:a|an|of|from|who|mother|father|mum|dad)\b"
)
# The end of every `_NAMED_PERSON` match (", 67, a"): a scan for it is many times faster than
# the whole pattern's, which tries every capital; a block without it names no one so.
_NAMED_PERSON_TAIL = re.compile(r",\s(?:age[d]?\s)?\d{1,2},\s(?:a|an|of|from|who|mother|father|mum|dad)\b")


def _names_person(text: str) -> bool:
    return _NAMED_PERSON_TAIL.search(text) is not None and _NAMED_PERSON.search(text) is not None


# A price for the reader ("£19", "$199 a month"), or a discount on one ("my code ELLIE10 gets you
# 10% off", "20% off your risk-free trial"; not "20% off your risk of heart disease").
_PRICE_OR_DISCOUNT = re.compile(
    r"[$£€]\s?\d|\d\s?%\s+off\b(?!\s+(?:[\w'’]+\s+){0,3}?(?:risk\b(?!-free)|chance\b|odds\b|likelihood\b))", re.I
)


def _prices(text: str) -> bool:
    """`_PRICE_OR_DISCOUNT` in `text`: each of its matches holds a currency sign or "%"."""
    return ("%" in text or "$" in text or "£" in text or "€" in text) and _PRICE_OR_DISCOUNT.search(text) is not None


# Sections that list what a product does for you: their items are benefit claims.
_BENEFIT_HEADING = re.compile(
    r"\bbenefits?\b|\bwhat\b.{0,40}\bcan do\b|\bwhy (?:choose|try|use)\b|\bresults?\b|\bwhat to expect\b",
    re.I,
)
# The title of a page written to list what something does for you: "10 Health Benefits of
# Beetroot Juice", "7 Reasons to Try Red Light Therapy", "Top Benefits of Alkaline Water".
_BENEFITS_TITLE = re.compile(
    r"\bbenefits\b|\breasons\s+(?:to|why)\b|\bways\s+\S+\s+(?:can\s+)?(?:helps?|boosts?|improves?|supports?)\b"
    r"|\bwhy\s+you\s+should\b|\bhealth\s+benefits\b",
    re.I,
)
# "Benefits and risks of statins" weighs a treatment; it does not sell it.
_WEIGHED_TITLE = re.compile(r"\b(?:risks?|harms?|side\s+effects?|pros\s+and\s+cons|evidence)\b", re.I)


def _lists_benefits(title: str) -> bool:
    """A title or heading written to list what something does for you, not to weigh it."""
    return bool(_BENEFITS_TITLE.search(title)) and not _WEIGHED_TITLE.search(title)


_MYTH_HEADING = re.compile(
    r"\b(?:myths?|claims?|fact\s+check|fact\s+or\s+fiction|misconceptions?|red\s+flags?|"
    r"warning\s+signs?\s+of\s+(?:a\s+)?(?:scam|fraud)|what\s+to\s+avoid|beware)\b",
    re.I,
)
# ("," is a clause break already: `_negated_at` stops there.)
_LIST_JOINERS = frozenset({"and", "or", "nor"})
_CLAUSE_BREAKS = frozenset({",", ";", ":", "but", "however", "although", "though", "whereas", "-", "–", "—", "(", ")"})
# Lowercase words of letters only, one space apart: the tokenizer would split them at the spaces
# and nowhere else.
_PLAIN_TERM = re.compile(r"[a-z]+(?: [a-z]+)*")
_MAX_HITS_PER_LABEL = 32
_SHORT_LINE_KINDS = frozenset({BlockKind.TITLE, BlockKind.HEADING, BlockKind.LIST_ITEM, BlockKind.TABLE_CELL})
_HARD_BREAKS = frozenset({";", ":", "but", "however", "although", "though", "whereas", "."})
_NEGATIONS = frozenset({"not", "no", "never", "none", "nothing", "neither", "nor", "cannot", "without", "nobody"})
# The cues that show each category: where a finding points (the first found, in this order),
# and the cores a hedge must cover for the claim to count as hedged.
_CATEGORY_CUES: dict[str, tuple[str, ...]] = {
    "hype": ("hype-strong", "hype"),
    "cure": ("cure-strong",),
    "absolute": ("absolute", "scope"),
    "superlative": ("superlative", "comparison"),
    "safety": ("safety-strong", "safety"),
    "evidence": ("evidence", "evidence-weak"),
    "authority": ("authority",),
    "causal": (),
    "testimonial": ("testimonial-report",),
    "nature": ("nature-strong", "tradition", "nature"),
    "fear": ("fear-strong", "fear"),
    "benefit": ("felt-change",),
}
_DASHES = ("—", "–", "-", "--", "―")
# "me" is left out: pronunciation guides ("a-PLAS-tik uh-NEE-me-uh") are full of it.
_FIRST_PERSON = frozenset({"i", "my", "i'm", "i've", "i'd", "i’ve", "i’m", "myself"})
# Every lowercase word whose straight-apostrophe form is in _FIRST_PERSON (each has at most one
# apostrophe): a sentence's words are tested against it in one set operation.
_FIRST_PERSON_WORDS = frozenset(v for w in _FIRST_PERSON if "’" not in w for v in (w, w.replace("'", "’")))
_SHORT_WORDS = 120


_Names = TypeVar("_Names", bound=tuple[str, ...])
_SHARED: dict[tuple[str, ...], Any] = {}
_QUALITY = {q: q for q in QUALITIES}


def _shared(names: _Names) -> _Names:
    """One tuple for all claims with the same categories or qualities: a 10 MB article has
    about 23,000 claims and a few dozen such tuples (a tuple each took about 2 MB)."""
    found: _Names | None = _SHARED.get(names)
    if found is None:
        found = names
        if len(_SHARED) < 4096:  # bounded: every combination would be 2**15 tuples
            _SHARED[names] = names
    return found


def _word_text(text: str) -> str:
    """A claim part's words ("helps", "joint pain", "miracle"), one string for each time they
    occur: most parts are a few common words, and a 10 MB paragraph's 23,000 claims held about
    60,000 copies of them."""
    return sys.intern(text) if len(text) <= 40 else text


def ends_before(text: str, end: int, suffixes: tuple[str, ...]) -> bool:
    """`text[:end].rstrip().endswith(suffixes)`, tested in place: a copy of the text before
    every short sentence made a long paragraph's analysis quadratic (a paragraph of a million
    characters spent seconds copying, and minutes when large blocks are mapped one by one)."""
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return text.endswith(suffixes, 0, end)


@dataclass
class _Hit:
    label: str
    start: int  # token indices
    end: int
    ailment: bool = False  # an outcome that is ill health


@dataclass
class DocumentClaims:
    """The claims of one document and what the analysis found about the document as a whole."""

    claims: list[Claim] = field(default_factory=list)
    register: Register = "plain"
    register_reason: str = ""


@dataclass
class _Tokens:
    """A block's tokens and the attributes the analysis reads, as plain lists."""

    doc: Tokens
    idxs: list[int]
    lowers: list[str]
    lemmas: list[str]


_NUMBER_WORDS = frozenset({"NUM", "num"})  # the lexicon loader lowercases phrases


def _split(word: str) -> list[str]:
    """A phrase word as tokens: a word of letters is one; anything else is cut as the tokenizer
    cuts text ("we're", "#1")."""
    return [word] if word.isalpha() else [t.text for t in tokenize(word)]


class ClaimAnalyzer:
    """Builds the matchers for one lexicon once; analyses many documents, from any thread."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self._lock = threading.Lock()
        self._built = False

    # -- building -----------------------------------------------------------------------

    def _build(self) -> None:
        table = dict(lemma_table())
        table.update(self.lexicon.lemma_overrides)
        self.table = table
        self.words = self.lexicon.word_sets
        self.patterns = PatternIndex()
        for kind, phrases in self.lexicon.effects.items():
            self._add(f"effect:{kind}", phrases)
        for cue, phrases in self.lexicon.cues.items():
            self._add(f"cue:{cue}", phrases)
        self._add("exception", self.lexicon.exceptions)
        # Outcomes share the index: one pass over a block's tokens finds everything.
        for term in self.lexicon.outcomes:
            label = "outcome:ailment" if term in self.lexicon.ailments else "outcome"
            self.patterns.add_lemmas(label, self._term_lemmas(term))
        self._built = True

    def _add(self, label: str, phrases: Iterable[str]) -> None:
        # Function words are matched as written: "could" is a hedge, "can" (its lemma) is not.
        exact = label in ("cue:hedge", "cue:restrict", "cue:negation")
        cue = label.startswith("cue:")
        for phrase in phrases:
            pattern = compile_phrase(
                phrase, lambda text: self._element(text.lower(), exact, cue), _split, _NUMBER_WORDS
            )
            if pattern:
                self.patterns.add(label, pattern)

    def _element(self, low: str, exact: bool, cue: bool) -> Element:
        lemma = self._lemma(low)
        if exact or (cue and lemma != low and low.endswith("ing")):
            # A cue's "-ing" word is an adjective: "leading" is not "can lead to", "shocking" is
            # not "shock".
            return word_is(low)
        if lemma != low and low.endswith(("est", "er")):
            # Degree matters: "safest" is not "safe", "healthier" not "healthy". But "lower" and
            # "better" are verbs too: "lowers cortisol".
            return word_is(low, low + "s", low + "ed", low + "ing")
        if lemma != low:
            # The table is not always consistent ("lower" -> "low", "lowers" -> "lower"): a token
            # matches on either form.
            return lemma_is(lemma, low)
        return lemma_is(lemma)

    def _lemma(self, lower: str) -> str:
        lower = lower.replace("’", "'")
        return self.table.get(lower, lower)

    def _term_lemmas(self, term: str) -> tuple[str, ...]:
        """A vocabulary term as the lemmas of its tokens. Most terms are plain words, split at
        spaces as the tokenizer would split them; the rest go through the tokenizer."""
        if _PLAIN_TERM.fullmatch(term):
            return tuple(self._lemma(w) for w in term.split())
        return tuple(self._tokens(term).lemmas)

    def _tokens(self, text: str) -> _Tokens:
        return self._read(tokenize(text))

    def _tokens_between(self, text: str, lo: int, hi: int) -> _Tokens:
        return self._read(Tokens(text, tokens_between(text, lo, hi)))

    def _read(self, doc: Tokens) -> _Tokens:
        # Built by map() in C, with `_lemma` inlined: a word with no curly apostrophe (all of
        # them when the text has none) is its own key in the table.
        lowers = list(map(str.lower, map(_TEXT, doc)))
        get = self.table.get
        if "’" in doc.source:
            lemmas = [get(w, w) if "’" not in w else self._lemma(w) for w in lowers]
        else:
            lemmas = list(map(get, lowers, lowers))
        return _Tokens(doc=doc, idxs=list(map(_IDX, doc)), lowers=lowers, lemmas=lemmas)

    def _match(self, toks: _Tokens) -> list[_Hit]:
        """Effect, cue and outcome matches, in token positions of `toks`. Whitespace makes no
        token, so "miracle  cure" and a hard-wrapped "get\\nrid of" match as one phrase."""
        tokens = list(zip(toks.lemmas, toks.lowers, strict=True))
        hits: list[_Hit] = []
        outcomes: list[_Hit] = []
        for label, s, e in self.patterns.find(tokens):
            if label.startswith("outcome"):
                outcomes.append(_Hit("outcome", s, e, label == "outcome:ailment"))
            else:
                hits.append(_Hit(label, s, e))
        hits += outcomes
        hits += [_Hit("exception", s, e) for s, e in _organisation_names(toks.doc, self.words["organisation-words"])]
        return hits

    # -- analysing ----------------------------------------------------------------------

    def build(self) -> None:
        """Build the matchers now (they take a moment): a linter does this before its first file."""
        with self._lock:
            if not self._built:
                self._build()

    def analyze(self, doc: Document, promotional: bool = False) -> DocumentClaims:
        # Once built, the matchers are only read: threads analyse documents side by side.
        self.build()
        return self._analyze(doc, promotional)

    def _analyze(self, document: Document, promotional: bool) -> DocumentClaims:
        # Sentences are judged as soon as the page is known to be about health (three sentences
        # naming a condition), and then let go with their tokens: a long document keeps its
        # claims, not every token (a 10 MB article held about 1 GB before).
        pending: list[_Sentence] = []
        judged: list[_Judged] = []
        outcome_sentences = 0
        about_health: bool | None = None
        calls = stories = prices = 0
        report_lead = False

        def judge(sent: _Sentence, health: bool) -> None:
            sent.about_health = health
            cats = sent.judge()
            if cats or sent.weak:
                judged.append(_Judged.of(sent, cats))

        for block in document.blocks:
            if block.kind is BlockKind.LIST_ITEM:
                reported = report_lead
            else:
                reported = False
                # The lead-in ends with a colon: a cheap test before the case-insensitive scan.
                report_lead = (
                    block.text.rstrip().endswith(":")
                    and bool(_REPORT_LEAD.search(block.text))
                    and not _HARM_LEAD.search(block.text)
                )
            if block.in_references or not block.text.strip():
                continue
            story = _may_sign(block.text) and bool(_SIGNED_QUOTE.search(block.text))
            stories += story
            prices += _prices(block.text)
            text = tame(block.text)
            spans = block.sentence_spans()
            facts: tuple[bool, bool, bool, list[bool]] | None = None
            sentence_starts: Sequence[int] = ()
            for lo, hi, first, last in _parts(text, spans):
                toks = self._tokens(text) if hi - lo == len(text) else self._tokens_between(text, lo, hi)
                hits = self._match(toks)
                if not hits and not reported:
                    continue  # a sentence with no match makes no claim
                if facts is None:
                    facts = (
                        story or _names_person(block.text),
                        self._in_myth_section(document, block),
                        self._in_benefit_list(document, block),
                        [],  # whether the block cites: shared by its sentences, filled on first use
                    )
                told, refuting_section, listed, block_cited = facts
                starts = toks.idxs
                by_sentence: dict[int, list[_Hit]] = defaultdict(list)
                # Each hit goes to the sentence its first token is in.
                if not sentence_starts:
                    sentence_starts = span_starts(spans)
                for h in hits:
                    by_sentence[
                        max(bisect.bisect_right(sentence_starts, starts[h.start], first, last) - 1, first)
                    ].append(h)
                for i in range(first, last):
                    if i not in by_sentence and not reported:
                        continue
                    s0, s1 = spans[i]
                    t0 = bisect.bisect_left(starts, s0)
                    t1 = bisect.bisect_left(starts, s1)
                    if t1 - t0 < 1:
                        continue
                    sent = _Sentence(
                        toks,
                        block,
                        s0,
                        s1,
                        t0,
                        t1,
                        by_sentence[i],
                        refuting_section,
                        told,
                        listed,
                        block_cited,
                        self.words,
                        reported,
                    )
                    calls += bool(sent.cue("call-to-action"))
                    outcome_sentences += bool(sent._by.get("outcome"))
                    if about_health is None:
                        pending.append(sent)
                        if outcome_sentences >= 3:
                            about_health = True
                            for waiting in pending:
                                judge(waiting, True)
                            pending = []
                    else:
                        judge(sent, about_health)
        for waiting in pending:
            judge(waiting, False)
        strong = sum(1 for j in judged if j.cats and j.stance == "asserted" and j.strength == "fact" and j.strong)
        own_claims = sum(1 for j in judged if j.cats and j.own and j.stance == "asserted")
        words = max(document.word_count(), 1)
        claims_count = sum(1 for j in judged if j.cats)
        reasons = []
        if words < _SHORT_WORDS:
            # A snippet (a draft paragraph, an editor selection) shows no register of its own:
            # every sentence is judged as if it were selling.
            reasons.append(f"too short to tell ({words} words): each sentence judged on its own")
        if promotional:
            reasons.append("selling copy")
        if own_claims >= 3 or (own_claims >= 2 and (strong >= 1 or calls >= 1)):
            reasons.append(f"{own_claims} claims in the seller's own voice")
        if stories >= 2 and claims_count >= 3:
            reasons.append(f"{stories} signed customer quotes")
        if prices and claims_count >= 3 and (stories or calls or own_claims):
            reasons.append("a price")
        if calls >= 2 and claims_count >= 3:
            reasons.append(f"{calls} calls to buy or book")
        benefits = sum(1 for j in judged if "benefit" in j.cats and j.stance == "asserted")
        title = document.title
        if benefits >= 3 and _lists_benefits(title):
            reasons.append(f"a page listing benefits ({benefits} benefit claims)")
        if strong >= 3 and strong * 1000 / words >= 4:
            reasons.append(f"{strong} strong claims")
        # Not a signal: a count of claims with no figure or source. NHS pages state settled facts
        # plainly too; tried at 6 claims and 8 per 1,000 words, it raised careful-page findings on
        # the corpus from 0.21 to 5.5 per 1,000 words.
        register: Register = "promotional" if reasons else "plain"
        # A snippet read as selling only for want of context ("Ice and painkillers may ease the
        # pain" in a short note) keeps its "may": a bare modal counts against a benefit only in
        # copy that shows it sells.
        snippet = words < _SHORT_WORDS and len(reasons) == 1
        out = DocumentClaims(register=register, register_reason="; ".join(reasons))
        # Each judged sentence let go as its claim is made: they are not held beside all claims.
        judged.reverse()
        while judged:
            claim = judged.pop().claim(register, modal_only=not snippet)
            if claim is not None:
                out.claims.append(claim)
        return out

    @staticmethod
    def _in_benefit_list(document: Document, block: Block) -> bool:
        """A heading or list item of a "Benefits" section, or a short heading of its own.

        Selling pages list what a product does as bare phrases ("Stronger bones", "Weight loss");
        the layout, not a verb, makes them claims.
        """
        if block.kind not in (BlockKind.HEADING, BlockKind.LIST_ITEM, BlockKind.TABLE_CELL):
            return False
        if block.section < 0 or (block.is_heading and _WEIGHED_TITLE.search(block.text)):
            # "Side Effects of Apple Cider Vinegar" under "9 Benefits of...": a section that
            # weighs, not one more benefit.
            return False
        section = document.sections[block.section]
        if section.heading == block.index:
            if section.parent < 0:
                return False
            section = document.sections[section.parent]
        return bool(_BENEFIT_HEADING.search(document.blocks[section.heading].text))

    @staticmethod
    def _in_myth_section(document: Document, block: Block) -> bool:
        if block.is_heading and _MYTH_HEADING.search(block.text):
            return True
        if block.section < 0:
            return False
        section = document.sections[block.section]
        heading = document.blocks[section.heading]
        return bool(_MYTH_HEADING.search(heading.text))


_NO_HITS: list[_Hit] = []
_NO_TRIGGERS: tuple[tuple[Category, Part], ...] = ()


@dataclass(frozen=True, slots=True)
class _Judged:
    """What the register decision and the claims need from a judged sentence, without its
    tokens: what its claim holds in either register, worked out while the tokens were there.
    The claim itself is made only for the document's register, once that is known (`claim`):
    made for both, a 10 MB paragraph's claims of the register not taken were about 10 MB at
    the peak of its analysis."""

    cats: tuple[Category, ...]
    stance: Stance
    strength: Strength
    strong: bool
    own: bool
    plain: tuple[Category, ...] | None
    promotional: tuple[Category, ...] | None
    """The claim's categories in either register (None: no claim there)."""
    block: int
    s0: int
    s1: int
    text: str
    serious: bool
    modal_only: bool
    parts: _ClaimParts | None
    triggers: tuple[tuple[Category, Part], ...]
    """The categories (of either register) with a trigger of their own (`_Sentence._kept_trigger`),
    and that trigger."""

    @classmethod
    def of(cls, sent: _Sentence, cats: tuple[Category, ...]) -> _Judged:
        plain = sent.categories(cats, "plain")
        promotional = sent.categories(cats, "promotional")
        parts = None if plain is None and promotional is None else sent._parts or sent._claim_parts()
        either = (plain or ()) + (promotional or ())
        found = [(c, sent._kept_trigger(c)) for c in CATEGORIES if c in either]
        triggers = tuple((c, t) for c, t in found if t is not None) or _NO_TRIGGERS
        return cls(
            cats,
            sent.stance,
            sent.strength,
            sent.strong,
            bool(sent.own),
            plain,
            promotional,
            sent.block.index,
            sent.s0,
            sent.s1,
            sent.text,
            sent.serious,
            sent.modal_only,
            parts,
            triggers,
        )

    def claim(self, register: Register, modal_only: bool = True) -> Claim | None:
        """The claim in `register` (`modal_only=False`: never marked as softened by a bare modal)."""
        ordered = self.promotional if register == "promotional" else self.plain
        if ordered is None or self.parts is None:
            return None
        main = ordered[0]
        parts = self.parts
        effect = parts.effect
        lead = parts.lead
        whole = Part(self.text[lead:], self.s0 + lead, self.s1, main)
        own = dict(self.triggers)
        triggers = tuple((c, own.get(c) or effect or whole) for c in ordered)
        trigger = triggers[0][1]
        return Claim(
            block=self.block,
            start=self.s0,
            end=self.s1,
            text=self.text,
            category=main,
            categories=ordered,
            actor=parts.actor,
            effect=effect,
            outcome=parts.outcome,
            strength=self.strength,
            stance=self.stance,
            qualities=parts.qualities,
            quantified=parts.quantified,
            cited=parts.cited,
            serious=self.serious,
            modal_only=self.modal_only and modal_only,
            register=register,
            trigger=trigger,
            triggers=triggers,
        )


_BARE_HEDGES = frozenset({"may", "might", "could", "possibly", "possible", "perhaps", "potentially", "potential"})
"""Hedges that soften a claim without saying for whom, how much or how sure."""

_PEOPLE = frozenset(
    {"people", "person", "patient", "patients", "adult", "adults", "child", "children", "woman", "women", "man", "men"}
    | {"everyone", "user", "users"}
)
"""Words that make a restrictor a share of people."""

_SHARES = frozenset({"some", "most", "many", "few", "several"})
"""Words that, before a word of `_PEOPLE`, make a share of people."""

_TEXT = operator.attrgetter("text")
_IDX = operator.attrgetter("idx")


PART = 50_000
"""Characters of a long block's text analysed at a time: its sentences are taken in runs of
about this length, each run tokenised and matched on its own and let go once judged, so a 10 MB
paragraph is never held as tokens whole. No real paragraph is this long; a phrase is matched
within a run (never across two), which only such a block could notice."""


def _parts(text: str, spans: Sequence[tuple[int, int]], size: int = PART) -> Iterator[tuple[int, int, int, int]]:
    """(lo, hi, first, last): the text range and the sentences (`spans[first:last]`) of each run
    of whole sentences of about `size` characters; a run ends where whitespace comes before the
    next sentence, so it is tokenised as the whole text is. One run for a text up to `size`."""
    lo = first = 0
    if len(text) > size:
        for i in range(1, len(spans)):
            start = spans[i][0]
            if start - lo >= size and text[start - 1].isspace():
                yield lo, start, first, i
                lo, first = start, i
    yield lo, len(text), first, len(spans)


def _organisation_names(doc: Tokens, names: frozenset[str]) -> list[tuple[int, int]]:
    """Token spans of names like "Natural Cure Labs", "Purpose Healing Center" or
    "Breakthrough Therapy Designation": two or more capitalised words before an organisation
    word. A claim word inside a name is the name, not a claim."""
    spans: list[tuple[int, int]] = []
    if names.isdisjoint(map(_TEXT, doc)):
        return spans  # most blocks name no organisation word: one set test, no loop
    run = 0  # capitalised words in a row before the current token
    for i in range(len(doc)):
        text = doc[i].text
        if text in names and run >= 2:
            spans.append((i - run, i + 1))
        if text[:1].isupper() and text[:1].isalpha():
            run += 1
        else:
            run = 0
    return spans


_START_END = operator.attrgetter("start", "end")


class _ClaimParts(NamedTuple):
    """The parts of a sentence's claim that do not depend on the document's register."""

    effect: Part | None
    outcome: Part | None
    actor: Part | None
    qualities: tuple[str, ...]
    cited: bool
    quantified: bool
    lead: int
    """Offset in the sentence of its first letter or digit: where the whole-sentence part starts."""


class _Sentence:
    """One sentence's tokens and matches, and the judgement over them."""

    def __init__(
        self,
        toks: _Tokens,
        block: Block,
        s0: int,
        s1: int,
        t0: int,
        t1: int,
        hits: list[_Hit],
        refuting_section: bool,
        story: bool,
        listed: bool,
        block_cited: list[bool],
        words: dict[str, frozenset[str]],
        reported_item: bool,
    ) -> None:
        self.words = words  # the lexicon's closed word classes
        self.reported_item = reported_item  # an item in a list of what people say happened to them
        self.story = story
        self.lemmas = toks.lemmas
        self.lowers = toks.lowers
        self.block_cited = block_cited  # shared by the block's sentences, filled on first use
        self.about_health = False
        self.effect: tuple[_Hit, _Hit] | None = None
        self.listed = listed
        self.doc = toks.doc
        self.block = block
        self.s0, self.s1, self.t0, self.t1 = s0, s1, t0, t1
        exceptions = [h for h in hits if h.label == "exception"]
        self.hits = [
            h
            for h in hits
            if h.label != "exception" and not any(e.start <= h.start and h.end <= e.end for e in exceptions)
        ]
        self.text = block.text[s0:s1]
        self.refuting_section = refuting_section
        self._by: dict[str, list[_Hit]] = defaultdict(list)
        for h in self.hits:
            # Judging pairs hits within a sentence; a bound per label keeps a crafted sentence of
            # thousands of trigger words linear (no real sentence has 32 effects or outcomes).
            if len(self._by[h.label]) < _MAX_HITS_PER_LABEL:
                self._by[h.label].append(h)
        # "A leading provider", "the most trusted brand": praise of the company, not of a
        # treatment's effect (press-release boilerplate). Dropped here, like the words inside a
        # name, so that no part of the analysis (strength, triggers, qualities) sees it.
        if "cue:superlative" in self._by:
            self._by["cue:superlative"] = [h for h in self._by["cue:superlative"] if not self._about_company(h)]
        self.hits = sorted((h for hits in self._by.values() for h in hits), key=_START_END)
        # The cues by name (without "cue:"): judging asks for them hundreds of thousands of times.
        self._cues = {label[4:]: found for label, found in self._by.items() if label.startswith("cue:")}
        self.stance: Stance = "asserted"
        self.strength: Strength = "fact"
        self.serious = False
        self.modal_only = False
        self._parts: _ClaimParts | None = None
        self._triggers: dict[Category, Part | None] = {}

    @property
    def own(self) -> list[_Hit]:
        """The seller's voice: "we", "our clinic". Not the "our" of everyone's body ("our immune
        system", "our bones"), which patient information uses too."""
        outcome_starts = {o.start for o in self._by.get("outcome", [])}
        return [h for h in self.cue("own") if h.end not in outcome_starts]

    def cue(self, name: str) -> list[_Hit]:
        """The sentence's hits of cue `name` (to be read only: most are one shared empty list)."""
        return self._cues.get(name, _NO_HITS)

    def _negated_at(self, start: int) -> bool:
        """A negation earlier in the same clause (NegEx-style scope, at most 8 tokens back)."""
        doc = self.doc
        i = start - 1
        while i >= max(self.t0, start - 8):
            low = doc[i].lower_
            if low in _CLAUSE_BREAKS:
                return False
            if low in _NEGATIONS or low.endswith(("n't", "n’t")):
                # "Don't let joint pain steal another year": a warning, not a denial.
                return doc[i + 1].lower_ != "let" if i + 1 < start else True
            i -= 1
        return False

    @property
    def cited(self) -> bool:
        """A source in the block: a link, or a citation in its text (searched once per block)."""
        if not self.block_cited:
            self.block_cited.append(bool(self.block.links) or bool(CITATION.search(self.block.text)))
        return self.block_cited[0]

    def _past(self, i: int) -> bool:
        """The verb at `i` is past or perfect: "healed", "had healed", "was reduced"."""
        low = self.doc[i].lower_
        before = self.doc[i - 1].lower_ if i > self.t0 else ""
        # "Had a 12 percent lower risk": the past verb may stand a few words before the effect.
        for k in range(i - 1, max(self.t0, i - 5) - 1, -1):
            word = self.doc[k].lower_
            if word in _CLAUSE_BREAKS:
                break
            if word in ("had", "was", "were", "did"):
                return True
        return low.endswith("ed") and before not in ("be", "is", "are", "get", "gets", "been", "being")

    def _first_person(self, i: int) -> bool:
        """A first-person pronoun, not the "I" of a name like "CBT-I" or "Type I"."""
        tok = self.doc[i]
        if tok.lower_.replace("’", "'") not in _FIRST_PERSON:
            return False
        if tok.text == "I" and i > 0:
            prev = self.doc[i - 1]
            glued = not prev.whitespace_ and prev.text not in ('"', "“", "‘", "'", "(", "[", "*", "_")
            if glued or prev.lower_ in ("type", "stage", "grade", "class", "phase"):
                return False
        return True

    def _about_company(self, h: _Hit) -> bool:
        return any(self.lemmas[k] in self.words["company-nouns"] for k in range(h.end, min(h.end + 3, self.t1)))

    def _only(self, hits: list[_Hit]) -> bool:
        """Whether `hits` cover every word of the sentence: a line that is nothing but a label
        ("Verified Purchase" under a review) tells no story of its own."""
        covered = {k for h in hits for k in range(h.start, h.end)}
        return bool(hits) and all(k in covered or not self.doc[k].text[:1].isalnum() for k in range(self.t0, self.t1))

    def _found(self, i: int) -> bool:
        """A study's finding told as such: "a trial found a small reduction in..."."""
        for k in range(i - 1, max(self.t0, i - 4) - 1, -1):
            if self.doc[k].lower_ in _CLAUSE_BREAKS:
                return False
            if self.doc[k].lower_ in ("found", "showed", "reported", "observed", "saw", "recorded"):
                return True
        return False

    def _deterministic(self, e: _Hit) -> bool:
        """A cause told as mechanism ("feeds", "is behind"), not a risk ("increases the chance
        of developing melanoma"), and in the present, not a study's past result."""
        if self._past(e.start) or self._raises(e) or self._hedged_at(e.start, self._hedges()):
            return False
        window = range(e.start, min(e.end + 4, self.t1))
        return not any(self.lemmas[k] in ("risk", "chance", "likelihood", "odds") for k in window)

    def _conceded(self, h: _Hit) -> bool:
        """Doubt given up later in the sentence: "I was sceptical, but these actually work"."""
        return any(self.doc[k].lower_ in ("but", "yet") for k in range(h.end, self.t1))

    def _interrogative(self) -> bool:
        """A question proper ("Is there a cure for IBS?"), not a headline that asserts with a
        question mark ("A fountain of youth for ageing muscles?")."""
        first = next((k for k in range(self.t0, self.t1) if self.doc[k].text[:1].isalnum()), self.t0)
        openers = self.words["question-openers"]
        return self.lemmas[first] in openers or self.doc[first].lower_ in openers

    def _signature(self) -> bool:
        """A short line that starts with a dash: who said the quote above it."""
        if self.t1 - self.t0 > 10:
            return False
        # The dash may end the quote's sentence instead: '..." – Hannah T., verified buyer'.
        return self.doc[self.t0].text in _DASHES or ends_before(self.block.text, self.s0, _DASHES)

    def _pronoun(self, i: int) -> bool:
        return self._first_person(i) or self.doc[i].lower_ in ("he", "she", "he's", "she's", "they")

    def _quoted(self, start: int) -> bool:
        """Inside quotation marks: someone else's words, reported."""
        before = self.block.text[self.s0 : self.doc[start].idx]
        straight = before.count('"') % 2 == 1
        curly = before.count("“") > before.count("”")
        return straight or curly

    def _purpose(self, start: int) -> bool:
        """'to relieve pain', 'how to treat': a purpose or instruction, not an achieved effect."""
        if start <= self.t0:
            # An imperative at the start of a heading or list item ("Relieve pain fast") is
            # still a promise; a sentence that starts with the verb in a paragraph is advice.
            return False
        prev = self.doc[start - 1].lower_
        if prev == "to":
            before = self.lemmas[start - 2] if start - 2 >= self.t0 else ""
            return before not in self.words["purpose-keepers"]
        if prev in ("how", "ways"):
            return True
        # "specialises in treating", "dedicated to helping": what a service does, not a result.
        return prev in ("in", "on", "of") and self.doc[start].lower_.endswith("ing")

    def _listed_denial(self, h: _Hit) -> bool:
        """A cue that starts with a negation and follows a list joiner: the third "no" of "no
        scars, no stitches and no hospital stay"."""
        return self.lowers[h.start] in _NEGATIONS and h.start > self.t0 and self.lowers[h.start - 1] in _LIST_JOINERS

    def _product_purpose(self, e: _Hit) -> bool:
        """'HCG to protect fertility', 'a serum to calm redness': what a thing is for, which in
        selling copy is what it promises. Not a wish ("trying to manage symptoms") or an
        approach ("a path to healing")."""
        k = e.start - 1
        if k - 1 < self.t0 or self.doc[k].lower_ != "to" or self.doc[e.start].lower_.endswith("ing"):
            return False
        return self.lemmas[k - 1] not in self.words["purpose-seekers"] and not self._instruction(k)

    def _instruction(self, to: int) -> bool:
        """Advice on how to use something ("Take one capsule with food to reduce the chance of an
        upset stomach", "Speak to your GP if you are using it to manage a long-term condition"):
        it opens with an instruction verb, not about the seller's own product ("Take our gummies
        to melt away anxiety" sells), or speaks to the reader's case before the purpose."""
        if self.lemmas[self.t0] in self.words["instruction-verbs"] and not self.own:
            return True
        lowers = self.lowers
        return any(lowers[i] == "if" and lowers[i + 1] == "you" for i in range(self.t0, to - 1))

    def _raises(self, effect: _Hit) -> bool:
        return any(h.start == effect.start for h in self.cue("raise"))

    def _outcome_near(self, effect: _Hit) -> _Hit | None:
        best: _Hit | None = None
        for o in self._by.get("outcome", []):
            if effect.start < o.start and o.end < effect.end:
                return o  # the object inside the effect's own words: "keep dementia at bay"
            if o.start < effect.end and effect.start < o.end:
                continue  # the same words
            gap = max(o.start - effect.end, effect.start - o.end, 0)
            if (o.start >= effect.start and gap <= 12) or (o.end <= effect.start and gap <= 6):
                best_gap = None if best is None else max(best.start - effect.end, effect.start - best.end, 0)
                if (
                    best is None
                    or best_gap is None
                    or gap < best_gap
                    or (gap == best_gap and o.end - o.start > best.end - best.start)
                ):
                    best = o
        return best

    def _hedges(self) -> list[_Hit]:
        # "Couldn't believe" is astonishment, not a hedge: a hedge word inside another cue's
        # phrase is that cue's.
        # So is the "could" of "you could be facing surgery": the threat is the claim.
        others = [
            h for name in ("testimonial-change", "fear", "fear-strong") for h in self.cue(name) if h.end - h.start > 1
        ]
        hedges = [h for h in self.cue("hedge") if not any(o.start <= h.start < o.end for o in others)]
        if not self.cue("scope"):
            hedges += self.cue("restrict")
        return hedges

    def _hedged_at(self, i: int, hedges: list[_Hit]) -> bool:
        """A hedge in the same clause as token `i`: shortly before it, or just after ("results vary")."""
        for h in hedges:
            if h.start < i:
                if i - h.end <= 10 and not any(self.doc[k].lower_ in _CLAUSE_BREAKS for k in range(h.end, i)):
                    return True
            # A trailing restrictor qualifies the clause before it, comma or not: "the effects
            # reverse quickly, often within days".
            elif h.start - i <= 8 and not any(self.doc[k].lower_ in _HARD_BREAKS for k in range(i + 1, h.start)):
                return True
        return False

    def _strength(self, pairs: list[tuple[_Hit, _Hit]], cats: list[Category], hedges: list[_Hit]) -> Strength:
        """Hedged when every core of the claim is hedged (by one of the sentence's `hedges`) in
        its own clause.

        A hedge scopes over its clause, not the sentence: in "the most thorough way to find out
        whether mould is behind your symptoms" the superlative stands, unhedged.
        """
        if not hedges:
            return "fact"
        cores = [e.start for e, _ in pairs]
        # "Some people feel mild soreness": "some people" says how often, it does not soften the
        # reassurance; only a hedge proper ("may", "might") does.
        frequency_only = [h for h in hedges if h.label == "cue:hedge"]
        minimisers: list[int] = []
        for cat in cats:
            for name in _CATEGORY_CUES[cat]:
                found = [h.start for h in self.cue(name) if not self._negated_at(h.start)]
                (minimisers if cat == "safety" else cores).extend(found)
        if not cores and not minimisers:
            return "hedged"
        hedged = all(self._hedged_at(c, hedges) for c in cores)
        return "hedged" if hedged and all(self._hedged_at(c, frequency_only) for c in minimisers) else "fact"

    def _passive_practice(self, e: _Hit) -> bool:
        """How a condition is dealt with, told in the passive ("PTSD has traditionally been
        treated with talk therapy", "autism is usually managed with"): practice, not a promise."""
        if e.end - e.start != 1 or self.lemmas[e.start] not in ("treat", "manage", "control"):
            return False
        for k in range(e.start - 1, max(self.t0, e.start - 3) - 1, -1):
            if self.lemmas[k] == "be":
                # "Can be treated with our injections" promises what can be done.
                return k == self.t0 or self.doc[k - 1].lower_ not in ("can", "could", "will", "may", "might")
            if not self.doc[k].text.isalpha():
                return False
        return False

    def _study_says(self, general: list[_Hit]) -> bool:
        """A study or its researchers credited with a cause ("walks cut cancer risk, study finds",
        "a new study suggests it could protect you from cancer"): whatever the design, the
        sentence turns a result into cause and effect in people (Sumner et al. 2014)."""
        return bool(self.cue("study-claim")) and any(e.label != "effect:cause" for e in general)

    def _serious(self) -> bool:
        """The claimed effect helps against a serious disease: "may help prevent cancer" is hedged
        but not proportionate."""
        if self.effect is None or self.effect[0].label == "effect:cause":
            return False
        o = self.effect[1]
        return any(h.start < o.end and o.start < h.end for h in self.cue("serious"))

    def _bare_benefit(self, gains: list[_Hit]) -> bool:
        """A benefit promised without a verb: an improvement word right before an outcome
        ("deeper, more restful sleep") or an outcome in a benefits list."""
        outcomes = self._by.get("outcome", [])
        if not outcomes:
            return False
        for g in gains:
            o = next((o for o in outcomes if 0 <= o.start - g.end <= 2), None)
            # "Increased risk", "more pain": more ill health is a harm, not a promise.
            if o is not None and not (o.ailment and self.lemmas[g.start] in self.words["more-words"]):
                self.effect = self.effect or (_Hit("effect:benefit", g.start, g.end), o)
                return True
        if self._for_outcome(outcomes) is not None:
            return True
        if self.block.kind in _SHORT_LINE_KINDS and _lists_benefits(self.text):
            # "Top Benefits of Alkaline Water", "5 Reasons to Try Cupping" as a heading.
            return True
        return self.listed and not self._negated_at(outcomes[0].start)

    def _for_outcome(self, outcomes: list[_Hit]) -> _Hit | None:
        """A short title, heading or list item naming a product for a condition: "CBD for
        anxiety", "Tart cherry for calmer evenings". Not a service or a page section
        ("Treatment for knee pain", "Support for carers"), which says what is offered."""
        if self.block.kind not in _SHORT_LINE_KINDS or self.t1 - self.t0 > 12:
            return None
        doc = self.doc
        treatments = {h.start for h in self.cue("treatment")}
        for o in outcomes:
            k = o.start - 1
            if k <= self.t0 or doc[k].lower_ != "for":
                continue
            before = k - 1
            if (
                before in treatments
                or self.lemmas[before] in self.words["service-nouns"]
                or not doc[before].text[:1].isalnum()
            ):
                continue
            self.effect = self.effect or (_Hit("effect:benefit", k, k + 1), o)
            return o
        return None

    def judge(self) -> tuple[Category, ...]:
        """The categories of claim this sentence makes (empty: none), and its stance and strength."""
        text = self.text.rstrip()
        if self.refuting_section or any(not self._conceded(h) for h in self.cue("refute")):
            self.stance = "refuted"
        elif text.endswith("?") and not self.cue("rhetorical") and self._interrogative():
            self.stance = "questioned"
        cats: list[Category] = []
        self.weak: list[Category] = []
        self.reported = False
        self.effect = None
        natural_course = bool(self.cue("natural-course"))
        effects = [h for h in self.hits if h.label.startswith("effect:")]
        pairs = []
        self.purposes: list[tuple[_Hit, _Hit]] = []
        for e in effects:
            if self._negated_at(e.start):
                continue
            if self._purpose(e.start):
                po = self._outcome_near(e) if self._product_purpose(e) else None
                if po is not None and po.start > e.start:
                    self.purposes.append((e, po))
                continue
            if natural_course and not e.label.endswith(":cause"):
                continue
            o = self._outcome_near(e)
            if (
                o is not None
                and o.end == e.start
                and self.lemmas[e.start] in self.words["service-effects"]
                and e.end - e.start == 1
            ):
                continue
            if self._passive_practice(e):
                continue
            if o is not None:
                if e.label == "effect:benefit" and o.ailment and self._raises(e):
                    # "Increases the chance of developing melanoma": raising ill health is a harm.
                    e = _Hit("effect:cause", e.start, e.end)
                pairs.append((e, o))
        kinds = {e.label.split(":", 1)[1] for e, _ in pairs}
        if pairs:
            order = {"cure": 0, "prevent": 1, "benefit": 2, "cause": 3}
            pairs.sort(key=lambda p: (order[p[0].label.split(":", 1)[1]], p[0].start))
            self.effect = pairs[0]
        claimy = bool(pairs)
        health = (
            claimy
            or bool(self._by.get("outcome"))
            or bool(self.cue("treatment"))
            or bool(self.cue("cure-strong"))
            or bool(self.cue("hype-strong"))
        )
        # Association wording ("linked to", "people who drank") reports a study honestly; a causal
        # verb over such evidence is what overclaims.
        weak_evidence = bool(self.cue("weak-study"))

        # Each cue's hits outside a negation, worked out once: the tests below ask again and again.
        lives: dict[str, list[_Hit]] = {}

        def live(name: str) -> list[_Hit]:
            found = lives.get(name)
            if found is None:
                # A cue that is itself a denial ("no hospital stay") is not undone by the "no" of
                # the list it stands in ("no scars, no stitches and no hospital stay"); a denial
                # denied ("no surgery is without risk") still is.
                found = lives[name] = [
                    h for h in self.cue(name) if self._listed_denial(h) or not self._negated_at(h.start)
                ]
            return found

        strong_hype = live("hype-strong")
        # "Dramatically" is hype about a treatment's benefit, not about a harm ("dramatically
        # increases the chance of developing melanoma").
        if strong_hype or (live("hype") and kinds & {"cure", "prevent", "benefit"}):
            cats.append("hype")
            self.reported = all(self._quoted(h.start) for h in strong_hype) if strong_hype else False
        hype_ends = {h.end for h in strong_hype}
        # "miracle cure" is hype language, reported once (CLM001), not a second cure claim.
        strong_cure = (
            any(not self._purpose(h.start) and h.start not in hype_ends for h in live("cure-strong"))
            and not natural_course
        )
        if (("cure" in kinds) and not (strong_hype and not strong_cure)) or strong_cure:
            cats.append("cure")
        self.strong_cure = strong_cure
        # Scare quotes ('"detox" and alkalising') hold a word at a distance: not the writer's claim.
        self.cure_quoted = strong_cure and all(self._quoted(h.start) for h in live("cure-strong"))
        if live("absolute") and health:
            cats.append("absolute")
        if live("scope") and claimy:
            self.weak.append("absolute")
        if live("superlative") or live("comparison"):
            if health:
                cats.append("superlative")
            elif self.about_health:
                self.weak.append("superlative")
        risks_named = bool(self.cue("risk-named"))
        if live("safety-strong") and not risks_named:
            cats.append("safety")
        if live("evidence"):
            cats.append("evidence")
        # "Shown to help over 80% of children": the appeal is about an effect even when no
        # condition is named.
        if live("evidence-weak") and (
            health or claimy or self.about_health or any(not self._negated_at(e.start) for e in effects)
        ):
            self.weak.append("evidence")
        if live("authority") and (health or self.about_health):
            self.weak.append("authority")
        study_words = bool(self.cue("study-context"))
        association = bool(self.cue("association"))
        # A result told in the past ("more ulcers had healed in people who had HBOT") reports what
        # a study saw; the overclaim is the general present ("coffee prevents dementia").
        general = [e for e, _ in pairs if not self._past(e.start) and not self._found(e.start)]
        if (
            general
            and (weak_evidence or (association and study_words) or self._study_says(general))
            and not self.cue("association-wording")
            and {e.label.split(":", 1)[1] for e in general} & {"cause", "prevent", "benefit", "cure"}
        ):
            cats.append("causal")
        elif any(e.label == "effect:cause" and o.ailment and self._deterministic(e) for e, o in pairs):
            # "Sugar feeds cancer", "toxins are behind your fatigue": a cause of disease asserted
            # as settled fact; in selling copy it sets up the product as the answer.
            self.weak.append("causal")
        # Most sentences hold no first-person word at all: one set test rules them out.
        first = not _FIRST_PERSON_WORDS.isdisjoint(self.lowers[self.t0 : self.t1]) and any(
            self._first_person(i) for i in range(self.t0, self.t1)
        )
        # "It gave me a second chance at life": a result told about oneself. "Me" counts here
        # only, beside a result cue, because pronunciation guides are full of "me".
        # ("I'm", "I can" alone only count inside a signed quote.)
        told = any(not self._first_person(h.start) for h in self.cue("testimonial-result")) and (
            first or "me" in self.lowers[self.t0 : self.t1]
        )
        honest = bool(self.cue("testimonial-honest"))
        # "Real Results", "Customer reviews 4.8 ★", "— Marcus, verified buyer": a label or a
        # signature for the testimonials, not one of them.
        reports = self.cue("testimonial-report")
        label = self.block.kind in (BlockKind.HEADING, BlockKind.TITLE) or self._signature() or self._only(reports)
        reported = bool(reports) and not (label and not claimy)
        if not honest and (
            (first and (claimy or self.cue("testimonial-change") or live("hype-strong")))
            or told
            or (reported and (health or self.own))
        ):
            cats.append("testimonial")
        elif reported and self.about_health and not honest:
            self.weak.append("testimonial")
        # The story's set-up ("I've had eczema since I was a baby") is not yet proof of anything;
        # a first-person sentence counts once something in it changed or worked.
        acted = bool(effects) or bool(self.cue("testimonial-change"))
        if first and health and acted and not honest and "testimonial" not in cats:
            self.weak.append("testimonial")
        # In a signed customer quote, the sentence that tells what changed is the proof offered.
        # "I'm" or "she's" tells a result only outside the story's set-up ("I'm 34 and I was
        # dreading going bald", "I'd hated my teeth since I was a teenager").
        results = [
            h for h in self.cue("testimonial-result") if not self.cue("story-setup") or not self._pronoun(h.start)
        ]
        if self.story and (acted or results) and not honest and "testimonial" not in cats:
            cats.append("testimonial")
        hedges = self._hedges()
        if live("nature-strong") or (live("tradition") and health):
            cats.append("nature")
        if live("nature") and (claimy or health):
            self.weak.append("nature")
        if live("fear-strong"):
            cats.append("fear")
        if live("fear") and health and not claimy:
            self.weak.append("fear")
        # Naming the risks keeps reassurance honest ("generally safe, but injections carry risks
        # including infection"), unless the reassurance shrinks the very harm it names ("mild
        # nausea", "a little bruising").
        shrunk = any(
            0 <= o.start - h.end <= 1 for h in live("safety") for o in self._by.get("outcome", []) if o.ailment
        )
        if live("safety") and (claimy or self.own or health or self.about_health) and (shrunk or not risks_named):
            self.weak.append("safety")
        if claimy and kinds & {"benefit", "prevent", "cure"}:
            cats.append("benefit")
        elif self._bare_benefit(live("gain")):
            # "Stronger bones", "CBD for anxiety", a "Benefits" list: a promise made by layout and
            # adjectives, not a verb; judged only in selling copy.
            self.weak.append("benefit")
        elif self.purposes and not hedges:
            self.effect = self.effect or self.purposes[0]
            self.weak.append("benefit")
        elif live("felt-change"):
            # "Most clients walk out feeling less stiff": a result promised as an experience.
            self.weak.append("benefit")
            if first and not honest:
                self.weak.append("testimonial")
        if self.reported_item and not cats and not self.weak and not honest and self.stance == "asserted":
            # "After treatment, parents have reported:" then "More eye contact": an item that
            # promises nothing by itself is one of the stories offered as proof, in selling copy.
            self.weak.append("testimonial")
        self.strength = self._strength(pairs, cats + self.weak, hedges)
        self.serious = self._serious()
        self.modal_only = (
            self.strength == "hedged"
            and bool(hedges)
            and all(h.end - h.start == 1 and self.lowers[h.start] in _BARE_HEDGES for h in hedges)
        )
        self.strong = bool(
            strong_hype
            or strong_cure
            or live("safety-strong")
            or live("nature-strong")
            or live("fear-strong")
            or live("evidence")
            or "testimonial" in cats
        )
        return tuple(dict.fromkeys(cats))

    def categories(self, cats: tuple[Category, ...], register: Register) -> tuple[Category, ...] | None:
        """The categories of the sentence's claim in `register`, in precedence order (None: it
        makes no claim there)."""
        all_cats = list(cats)
        if register == "plain" and self.reported:
            all_cats = [c for c in all_cats if c != "hype"]
        if register == "plain" and (not self.strong_cure or self.cure_quoted):
            # In writing that does not sell, "kills cancer cells" or "helps the skin heal" describes
            # how a treatment works; only cure words themselves ("cures", "reverses") are claims.
            all_cats = [c for c in all_cats if c != "cure"]
        if register == "plain" and "safety" in all_cats and self._share_of_people():
            # "Some people have no side effects at all": in writing that does not sell, a share
            # of people spared a harm is how often it happens, not reassurance ("statins are
            # usually completely safe" still reassures).
            all_cats = [c for c in all_cats if c != "safety"]
        if register == "promotional":
            all_cats += [c for c in self.weak if c not in all_cats]
        if not all_cats:
            return None
        return _shared(tuple(c for c in CATEGORIES if c in all_cats))

    def _share_of_people(self) -> bool:
        """A share of people ("some people", "most patients who take statins"), not of time or
        chance ("usually", "often"). Read off the words: the lexicon's exceptions hide "most
        people" from the restrictor cues (it is no superlative either)."""
        lowers = self.lowers
        return any(
            lowers[i] in _SHARES and lowers[i + 1] in _PEOPLE for i in range(self.t0, min(self.t1, len(lowers)) - 1)
        )

    def _claim_parts(self) -> _ClaimParts:
        """What the sentence's claim holds in either register, worked out once: the analysis
        builds its claim for both registers before it knows the document's."""
        doc = self.doc

        def part(h: _Hit | None, kind: str = "") -> Part | None:
            if h is None:
                return None
            span = doc[h.start : h.end]
            return Part(_word_text(span.text), span.start_char, span.end_char, kind)

        effect = outcome = None
        if self.effect is not None:
            # Interned: each claim's effect kind was a string of its own.
            effect = part(self.effect[0], sys.intern(self.effect[0].label.split(":", 1)[1]))
            outcome = part(self.effect[1], "outcome")
        actor = part(self.own[0], "own") if self.own else None
        # QUALITIES' own strings, not fresh pieces of the labels: every claim shares them.
        found = {h.label.split(":", 1)[1].removesuffix("-strong") for h in self.hits if h.label.startswith("cue:")}
        qualities = sorted(_QUALITY[q] for q in found if q in _QUALITY)
        cited = self.cited
        ceilings = {h.end for h in self.cue("ceiling")}
        quantified = any(h.start not in ceilings for h in self.cue("quantity"))
        lead = next((i for i, ch in enumerate(self.text) if ch.isalnum()), 0)
        self._parts = _ClaimParts(effect, outcome, actor, _shared(tuple(qualities)), cited, quantified, lead)
        return self._parts

    def _kept_trigger(self, main: Category) -> Part | None:
        """`_trigger(main)`, worked out once per category (both registers ask)."""
        if main not in self._triggers:
            self._triggers[main] = self._trigger(main)
        return self._triggers[main]

    def _trigger(self, main: Category) -> Part | None:
        if main == "testimonial" and self.story:
            # In a signed quote the proof is the quoted words, not the signature ("verified buyer").
            return None
        for name in _CATEGORY_CUES[main]:
            for h in self.cue(name):
                if not self._negated_at(h.start):
                    span = self.doc[h.start : h.end]
                    return Part(_word_text(span.text), span.start_char, span.end_char, name)
        if main in ("cure", "benefit", "causal") and self.effect is not None:
            e, o = self.effect
            lo, hi = min(e.start, o.start), max(e.end, o.end)
            span = self.doc[lo:hi]
            return Part(_word_text(span.text), span.start_char, span.end_char, main)
        return None


_ANALYZERS: dict[Path, ClaimAnalyzer] = {}
_ANALYZERS_LOCK = threading.Lock()


def analyzer_for(lexicon_path: Path) -> ClaimAnalyzer:
    """One analyzer per lexicon for the process: its matchers take a moment to build."""
    with _ANALYZERS_LOCK:
        found = _ANALYZERS.get(lexicon_path)
        if found is None:
            found = _ANALYZERS[lexicon_path] = ClaimAnalyzer(load_lexicon(lexicon_path))
        return found


def cached_claims(notes: dict[Any, Any], lexicon_path: Path) -> DocumentClaims | None:
    """The analysis already kept in a document's `notes`, if any."""
    found = notes.get(("claims", lexicon_path))
    return found if isinstance(found, DocumentClaims) else None


def document_claims(doc: Document, notes: dict[Any, Any], lexicon_path: Path, promotional: bool) -> DocumentClaims:
    """The claim analysis of `doc`, computed once per document and lexicon and kept in `notes`
    (the per-document notes every rule of the document shares)."""
    found = cached_claims(notes, lexicon_path)
    if found is None:
        found = notes[("claims", lexicon_path)] = analyzer_for(lexicon_path).analyze(doc, promotional)
    return found


__all__ = ["ClaimAnalyzer", "DocumentClaims", "analyzer_for", "cached_claims", "document_claims"]
