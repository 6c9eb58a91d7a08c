"""`abbreviation`: an acronym whose first use in the body is not spelled out.

    audiences: [patient, general]           # top-level rule key: for these audiences only
    check:
      kind: abbreviation
      list: lists/known-abbreviations.yml   # `abbreviations: [...]`: every reader knows these
      known: [NHS]                          # inline additions

An acronym is a whole token of capitals (digits and `&` allowed inside, "COVID-19", "A&E"),
with at least two capital letters, optionally followed by a plural "s" ("NSAIDs"). Only the
first use in the body (paragraphs, list items, quotes, table cells) is judged; headings are
skipped because a heading often names what the paragraph below then spells out. The first
use is fine when:

- it stands in parentheses after its expansion, "urinary tract infection (UTI)", or is
  followed by one (up to two words later): "COPD (chronic obstructive pulmonary disease)",
  "CT scan (computerised tomography)";
- "UTI stands for", "UTI, short for", "UTI, or urinary ..." follows;
- for acronyms of three or more letters, words whose initials spell it ("Accident and
  Emergency", "non-steroidal anti-inflammatory drug") come earlier in the document or in the
  same sentence;
- the document defines it in Markdown's abbreviation syntax (`*[A&E]: Accident and Emergency`);
- a naming phrase or an apposition introduces it: "dual energy X-ray absorptiometry, also
  called a DXA or DEXA scan", "gastro-oesophageal reflux disease, or GORD".

Not acronyms: Roman numerals after "stage", "type", "grade"... (with a sub-stage letter:
"stage IIIB"); capitalised English words of five or more letters ("WARNING") and short
function words written in capitals for emphasis ("do NOT", "boil AND filter"); words in a
sentence that is mostly capitals (shouting); a time zone after a clock time ("9:00 ET"); a US
state after its city ("Gainesville, FL").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from medlint.document import Document
from medlint.kinds import context
from medlint.kinds.base import BODY, Hit, Kind, ParamError, RuleContext, param, string_list
from medlint.yamlload import YamlError, load_yaml

_ACRONYM = re.compile(
    r"(?=[A-Z])(?<![\w&.’'/-])(?P<abbr>[A-Z](?:[A-Z0-9&]*[A-Z0-9])?(?:-\d+)?)(?P<plural>s|[’']s)?(?![\w&-]|[’'][a-z])"
)
_ABBR_DEF = re.compile(r"^\*\[(?P<abbr>[^\]]+)\]:\s*\S")
_ROMAN = re.compile(r"[IVXLCDM]+|[IV]+[A-C]")
_ROMAN_CUE = re.compile(
    r"\b(?:stage|stages|type|types|grade|grades|class|phase|part|level|step|chapter|section|"
    r"schedule|category|factor|and|or|to)\s*$",
    re.IGNORECASE,
)
# "..., also called a DXA or DEXA scan", "reflux disease, or GORD": the words before name it.
_NAMED_BEFORE = re.compile(
    r"(?:\b(?:called|known\s+as|termed|abbreviated(?:\s+(?:as|to))?)|\w,\s*or)\s+(?:(?:an?|the)\s+)?"
    r"(?-i:[A-Z][A-Z0-9&-]+\s+or\s+)?$",
    re.IGNORECASE,
)
_CLOCK_BEFORE = re.compile(r"\d:\d\d\s*(?:[ap]\.?m\.?\s*)?$", re.IGNORECASE)
# A US state after its city in a dateline or address ("GAINESVILLE, FL", "Vancouver, WA").
_PLACE_BEFORE = re.compile(r"\b[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+){0,2},\s*$")
_US_STATES = frozenset(
    "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK "
    "OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC".split()
)
# Short English words that writers put in capitals for emphasis ("do NOT"); longer ones are
# found in the pronouncing dictionary. Words that are also common health acronyms are left out
# (ALL: acute lymphoblastic leukaemia; IT, ACE, GUM).
_EMPHASIS = frozenset(
    (
        "AND OR NOT NO DO DON DOES DID WILL WON MUST ONLY ANY IS ARE BE BUT IF THE TO OF ON AT IN YOU "
        "NOW CAN MAY ALSO EVEN VERY EACH SAME HAS HAVE WAS THIS THAT WITH FOR FROM STOP CALL SEE GET "
        "KEEP TAKE NEED WHEN"
    ).split()
)
_IN_PARENS_AFTER_TEXT = re.compile(r"\w[^()]*\(\s*(?:or\s+|also\s+called\s+|called\s+)?$", re.IGNORECASE)
_PAREN_AFTER = re.compile(r"^(?:s|[’']s)?\s*(?P<words>(?:[\w’'-]+\s+){0,2}?)\(")
_STANDS_FOR = re.compile(
    r"^(?:s|[’']s)?\s*(?:,\s*(?:or|short\s+for|which\s+(?:stands|is\s+short)\s+for)\b|"
    r"\s+(?:stands|is\s+short)\s+for\b|\s+means\b)",
    re.IGNORECASE,
)
_GLUE = frozenset("with and or to of in for by that which from into than as is are was".split())
_JOINERS = r"(?:[\s-]+(?:and|of|the|for|in|on|to|with|&|by)\b)*[\s-]+"


def load_known(path: Path) -> list[str]:
    try:
        data = load_yaml(path, track_lines=False)
    except (OSError, YamlError) as exc:
        raise ParamError("list", f"cannot read abbreviation list {path}: {exc}") from None
    items = data.get("abbreviations") if isinstance(data, dict) else None
    if not isinstance(items, list) or not all(isinstance(i, str | int) for i in items):
        raise ParamError("list", f"{path}:1: an abbreviation list needs 'abbreviations: [...]' of strings")
    return [str(i) for i in items]


_CUE_WINDOW = 60


def _shouting(sentence: str) -> bool:
    """Mostly capitals: words in it are emphasis, not acronyms."""
    words = re.findall(r"[A-Za-z]{2,}", sentence)
    return len(words) >= 3 and sum(w.isupper() for w in words) * 2 >= len(words)


_MAX_EXPANDED = 12
"""Longer capitalised words are not looked for as initials (a 99,000-letter word made a regex
of 99,000 groups: half a minute)."""


@functools.lru_cache(maxsize=4096)
def expansion_regex(abbr: str) -> re.Pattern[str] | None:
    """Words whose initials spell `abbr` ("A&E" -> "Accident and Emergency"); None under 3 letters
    or over _MAX_EXPANDED."""
    letters = [c for c in abbr if c.isalpha()]
    if not 3 <= len(letters) <= _MAX_EXPANDED:
        return None
    body = _JOINERS.join(rf"{c}[\w’']*" for c in letters)
    return re.compile(rf"\b{body}\b", re.IGNORECASE)


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class AbbreviationParams:
    lists: list[str] = param([], string_list, key="list")
    """Files of known abbreviations, relative to the pack."""
    known: list[str] = param([], string_list)


class AbbreviationKind(Kind[AbbreviationParams]):
    name = "abbreviation"
    Params = AbbreviationParams
    NEEDS = frozenset({"sentences"})

    def setup(self) -> None:
        known: list[str] = []
        for name in self.p.lists:
            known.extend(load_known(self.pack_dir / name))
        self.known = frozenset(known) | frozenset(self.p.known)

    def prepare(self) -> None:
        from medlint.analysis.readability import pronunciations

        pronunciations()  # asked of long capitalised words (see _not_an_acronym)

    def find(self, doc: Document, ctx: RuleContext) -> Iterator[Hit]:
        defined = {m.group("abbr") for b in doc.blocks if (m := _ABBR_DEF.match(b.text))}
        seen: set[str] = set()
        earlier: list[str] = []
        shouting: dict[tuple[int, int, int], bool] = {}
        for block in doc.blocks:
            text = block.text
            if block.kind in BODY and not _ABBR_DEF.match(text):
                for m in _ACRONYM.finditer(text):
                    abbr = m.group("abbr")
                    if sum(c.isupper() for c in abbr) < 2 or abbr in seen:
                        continue
                    if abbr in self.known or abbr + (m.group("plural") or "") in self.known:
                        continue
                    sent = context.sentence_of(block, m.start())
                    if self._not_an_acronym(text, sent, m):
                        continue
                    key = (block.index, *sent)
                    if key not in shouting:  # a shouted sentence is asked once per capitalised word
                        shouting[key] = _shouting(text[sent[0] : sent[1]])
                    if shouting[key]:
                        continue
                    seen.add(abbr)
                    if abbr in defined or self._spelled_out(text, sent, m, earlier):
                        continue
                    yield Hit(block.index, m.start(), m.start() + len(abbr), values={"abbreviation": abbr})
            earlier.append(text)

    @staticmethod
    def _not_an_acronym(text: str, sent: tuple[int, int], m: re.Match[str]) -> bool:
        abbr = m.group("abbr")
        # The cues are a few words long; a bounded window keeps a long sentence linear.
        before = text[max(sent[0], m.start() - _CUE_WINDOW) : m.start()]
        if _ROMAN.fullmatch(abbr) and _ROMAN_CUE.search(before):
            return True
        if abbr in _EMPHASIS or _CLOCK_BEFORE.search(before):
            return True
        if abbr in _US_STATES and _PLACE_BEFORE.search(before):
            return True
        if len(abbr) >= 5 and abbr.isalpha():
            from medlint.analysis.readability import pronunciations

            if abbr.lower() in pronunciations():
                return True
        return False

    @staticmethod
    def _spelled_out(text: str, sent: tuple[int, int], m: re.Match[str], earlier: list[str]) -> bool:
        before = text[sent[0] : m.start()]
        after = text[m.end() : sent[1]]
        if _IN_PARENS_AFTER_TEXT.search(before) or _NAMED_BEFORE.search(before) or _STANDS_FOR.match(after):
            return True
        paren = _PAREN_AFTER.match(after)
        if paren and not any(w.lower() in _GLUE for w in paren.group("words").split()):
            return True
        rx = expansion_regex(m.group("abbr"))
        if rx is None:
            return False
        return any(rx.search(t) for t in earlier) or bool(rx.search(text, 0, sent[1]))
