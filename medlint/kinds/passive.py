"""`passive-voice`: a passive verb with no "by" agent, so the reader cannot tell who acts.

    check:
      kind: passive-voice
      exclude: [called, known, made of]   # participles that are adjectives or naming, never
                                          # findings; "made of": only when "of" follows
      agent_words: 8             # how far after the verb a "by ..." agent may come

Rule-based, because the default pipeline has no tagger: a form of "be" (or "get"), up to two
adverbs, then a past participle: a word ending in -ed or an irregular participle from the
list below. "Will be given by your nurse" names the actor and is fine; "may be administered"
is the finding. Participles used as adjectives for a state ("is tired", "are affected",
"is swollen") or for naming ("is called", "is known as") are excluded: they hide nobody. An
exclusion of several words excludes the participle only when the rest follows it: "made of"
describes what something is ("the bone is made of..."), while "is made" alone may hide a maker.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from medlint.document import BlockKind, Document
from medlint.kinds.base import Hit, Kind, RuleContext, param, string_list, typed

_BE = r"(?:am|is|are|was|were|be|been|being|get|gets|got|getting|[’']re)"
# The first characters of _BE's words: checking one character before trying every word makes
# the scan about twice as fast (same case-insensitive matching, so the same matches).
_BE_START = r"(?=[abgiw’'])"
_ADVERB = (
    r"(?:\w+ly|not|also|often|usually|then|still|now|only|just|always|never|sometimes|first|again|"
    r"rarely|generally)"
)
_IRREGULAR = (
    "given taken done made seen shown known found told held kept left put set sent built brought "
    "bought caught taught thought paid said led fed cut hurt spread split won worn torn born drawn "
    "grown thrown blown chosen frozen spoken stolen broken woken written bitten hidden ridden driven "
    "forgotten gotten begun run stuck struck hung dug spun bound lost meant felt dealt sold laid "
    "shaken undertaken overtaken withdrawn mistaken rewritten "
).split()
_DEFAULT_EXCLUDE = (
    # naming and description
    "called named known termed titled defined labelled labeled described "
    # states of mind and body that read as adjectives
    "tired worried concerned interested scared frightened pleased surprised excited bored confused "
    "embarrassed upset married divorced dressed finished supposed used based related linked "
    "associated located situated involved affected infected exposed blocked damaged swollen inflamed "
    "injured pregnant aged advanced qualified experienced skilled trained registered licensed "
    "limited prepared determined committed allowed entitled required needed expected born "
    "covered designed intended suited unable fed lost filled constipated stressed irritated dehydrated "
    "bloated blistered crowded "
    # judgements and outcomes, not actions: "results have been mixed", "the evidence is limited"
    "mixed encouraging disappointing promising unclear unknown inconclusive established unproven"
).split()


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class PassiveVoiceParams:
    exclude: list[str] = param([], string_list)
    """Participles (or "participle next-words") that are not reported."""
    agent_words: int = param(8, typed(int))
    """Words after the participle within which a "by ..." names the actor."""


class PassiveVoiceKind(Kind[PassiveVoiceParams]):
    name = "passive-voice"
    Params = PassiveVoiceParams
    NEEDS = frozenset({"sentences"})

    def setup(self) -> None:
        irregular = "|".join(_IRREGULAR)
        self.regex = re.compile(
            rf"\b{_BE_START}{_BE}\s+(?:{_ADVERB}\s+){{0,2}}(?P<pp>[a-z]{{3,}}ed|{irregular})\b", re.IGNORECASE
        )
        self.exclude: set[str] = set()
        self.exclude_before: dict[str, list[re.Pattern[str]]] = {}
        for entry in (*_DEFAULT_EXCLUDE, *self.p.exclude):
            first, _, rest = entry.lower().strip().partition(" ")
            if rest:
                self.exclude_before.setdefault(first, []).append(
                    re.compile(r"\s+" + r"\s+".join(map(re.escape, rest.split())) + r"\b", re.IGNORECASE)
                )
            else:
                self.exclude.add(first)
        self.agent = re.compile(rf"^\W*(?:\S+\s+){{0,{max(self.p.agent_words, 0)}}}?by\b", re.IGNORECASE)

    def find(self, doc: Document, ctx: RuleContext) -> Iterator[Hit]:
        for block in doc.blocks:
            if block.kind not in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.QUOTE):
                continue
            text = block.text
            for start, end in block.sentence_spans():
                for m in self.regex.finditer(text, start, end):
                    pp = m.group("pp").lower()
                    if pp in self.exclude:
                        continue
                    if pp.endswith("eed") and pp not in ("agreed", "freed", "guaranteed"):
                        continue
                    after = text[m.end() : end]
                    if any(rx.match(after) for rx in self.exclude_before.get(pp, ())):
                        continue
                    clause = re.split(r"[;:.!?()]|,\s*(?:and|but|or|so)\b", after, maxsplit=1)[0]
                    if self.agent.search(clause):
                        continue
                    # "used to" and "supposed to" are excluded above; "is set to" means "will".
                    if pp == "set" and after.lstrip().lower().startswith("to "):
                        continue
                    yield Hit(block.index, m.start(), m.end(), values={"participle": m.group("pp")})
