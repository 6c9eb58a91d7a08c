"""Context cues shared by kinds: negation, refutation, hedging, citation, intensifiers.

Health claims are only claims in context: "there is no cure" is not a cure claim, "may help
some people" is the hedged wording writers should use, and "studies show" next to a reference
is backed. These cue lists come from DOMAIN.md (BioScope hedge cues, NegEx-style negation
triggers, HealthNewsReview intensifier examples) and are deliberately small and readable.
"""

from __future__ import annotations

import bisect
import re

from medlint.document import Block, Document

NEGATION = re.compile(
    r"\b(?:no|not|never|neither|nor|none|nothing|without|cannot|lack(?:s|ing)?|absence\s+of|"
    r"(?:is|are|was|were|do|does|did|can|could|will|would|should|has|have)n[’']t|won[’']t|can[’']t|"
    r"rather\s+than|instead\s+of|free\s+from\s+claims|difficult|unable|fail(?:s|ed)?\s+to)\b",
    re.IGNORECASE,
)
# Words that report or challenge someone else's claim: the claim is the subject, not the speech.
REFUTATION = re.compile(
    r"\b(?:(?:that|which|who|they|some\s+\w+|often)\s+(?:claim|promise|advertise|boast|say)s?\b|"
    r"claims?\s+(?:of|that|to)\b|promises?\s+(?:of|to)\b|advertis\w*|market(?:ed|s|ing)?\s+as|so-called|"
    r"beware|avoid|wary|sceptic\w*|skeptic\w*|false(?:ly)?|myths?|misleading|mislead\w*|"
    r"exaggerat\w*|hype[ds]?|overstat\w*|be\s+careful|watch\s+out|suspicious|too\s+good\s+to\s+be\s+true|"
    r"scam\w*|red\s+flags?|words?\s+like|phrases?\s+like|such\s+as\s+[\"“'‘])",
    re.IGNORECASE,
)
HEDGE = re.compile(
    r"\b(?:may|might|possibly|perhaps|likely|unlikely|appears?\s+to|seems?\s+to|suggests?|suggested|"
    r"some\s+(?:people|patients|adults|children|women|men|studies|evidence|research)|for\s+some|"
    r"in\s+some|a\s+few|one\s+(?:small\s+)?(?:study|trial)|small\s+(?:study|trial)|early\s+(?:research|results|evidence)|"
    r"limited\s+evidence|not\s+(?:yet\s+)?clear|uncertain|unclear|potentially|can\s+help|could\s+help|"
    r"helps?\s+some|in\s+(?:a|one)\s+(?:\w+\s+){0,3}(?:study|trial))\b",
    re.IGNORECASE,
)
# Frequency qualifiers are not uncertainty cues (so HEDGE leaves them out), but they do soften a
# certainty claim: "surgery usually cures it" is not a promise that it always will.
FREQUENCY = re.compile(r"\b(?:usually|typically|often|in\s+most\s+cases|not\s+always)\b", re.IGNORECASE)
CITATION = re.compile(
    r"\[\d+(?:\s*[,–-]\s*\d+)*\]|\[\^?\w+\]|\(\s*[A-Z][A-Za-z'-]+(?:\s+(?:et\s+al\.?|and\s+[A-Z][A-Za-z'-]+))?,?\s+(?:19|20)\d\d[a-z]?\s*\)|"
    r"\bet\s+al\b|\baccording\s+to\s+(?:the\s+)?[A-Z]|"
    # A footnote number glued to the end of a sentence ("...the gene variant.1 However").
    r"(?<=[a-z][.,])\d{1,2}(?=\s|$)|\bpublished\s+in\b|\bjournal\s+of\b|\b(?:Cochrane|NICE|JAMA|BMJ|Lancet|NEJM|PubMed)\b|"
    r"\b(?:a|the|one)\s+(?:\d{4}\s+)?(?:randomi[sz]ed\s+|controlled\s+|clinical\s+|systematic\s+)*"
    r"(?:trial|review|meta-analysis|study)\s+(?:of|with|in|involving|published|by|from)\s+(?:\d[\d,]*|[A-Z])",
)
INTENSIFIER = re.compile(
    r"\b(?:truly|really|dramatically|incredibly|extremely|absolutely|totally|completely|remarkably|"
    r"amazingly|hugely|tremendously|extraordinarily|radically|profoundly|massively|genuinely)\s+$",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(
    r"[;:.!?\u2013\u2014]|,\s*(?:but|however|although|though|yet)\b|\b(?:but|however|although|though|whereas)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"\S+")


def sentence_of(block: Block, offset: int) -> tuple[int, int]:
    """The sentence span holding `offset` (the whole block when sentences were not computed)."""
    spans = block.sentence_spans()
    i = bisect.bisect_right(spans, offset, key=lambda span: span[0]) - 1
    return spans[max(i, 0)]


def clause_before(text: str, sent_start: int, start: int, max_words: int = 8) -> str:
    """Up to `max_words` words before `start`, not reaching back past a clause break."""
    before = text[sent_start:start]
    last_break = None
    for m in _CLAUSE_BREAK.finditer(before):
        last_break = m
    if last_break is not None:
        before = before[last_break.end() :]
    words = _WORD.findall(before)
    return " ".join(words[-max_words:])


def is_negated(text: str, sent_start: int, start: int) -> bool:
    window = clause_before(text, sent_start, start)
    return bool(NEGATION.search(window) or REFUTATION.search(window))


def is_refuted_after(text: str, end: int, sent_end: int) -> bool:
    """'...claim a cure, but there is no evidence' style challenges after the match."""
    after = text[end:sent_end]
    return bool(re.search(r"\b(?:but|however)\b.*\b(?:no|little|not|weak|poor)\s+(?:good\s+)?evidence\b", after, re.I))


def is_hedged(text: str, sent_start: int, sent_end: int) -> bool:
    return bool(HEDGE.search(text, sent_start, sent_end) or FREQUENCY.search(text, sent_start, sent_end))


def is_cited(doc: Document, block: Block, sent: tuple[int, int], scope: str) -> bool:
    if scope == "none":
        return False
    text = block.text
    if scope == "paragraph":
        return bool(block.links) or bool(CITATION.search(text))
    if CITATION.search(text, sent[0], sent[1]):
        return True
    # A link inside the sentence: its text is prose, so its span is where the sentence is.
    return bool(block.links) and len(block.sentences or ()) <= 1


def intensifier_before(text: str, sent_start: int, start: int) -> int | None:
    """Start offset of an intensifier right before the match ("truly changing lives")."""
    m = INTENSIFIER.search(text, sent_start, start)
    return m.start() if m else None
