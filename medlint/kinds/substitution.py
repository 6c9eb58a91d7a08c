"""`substitution`: a hard word with a plain alternative (medical jargon, wordy English).

    where: [body]                  # top-level rule keys: the blocks read (body, heading, title)
    audiences: [patient, general]  # ...and the audience settings the rule is for (default: all)
    check:
      kind: substitution
      list: lists/jargon.yml       # file(s) relative to the rule's directory; entries under
                                   # `terms:` or `words:`: {term, forms?, plain, source}; a
                                   # form may carry its own plain: {form: oncology, plain: cancer care}
      terms: [{term: fluoroscopy, plain: live X-ray}]  # inline entries, same shape
                                   # in_names_before: [leukemia]: "acute leukemia" is a name
      explained: true              # a term explained at first use is fine (see below)
      first_only: true             # one finding per term: its first use
      fix: none                    # safe | unsafe: `medlint check --fix` may swap in `plain`
      quoted: report               # report | explain | skip: a use inside a direct quotation
      quoted-message: "..."        # the message of a quoted use under `explain` (no swap offered)
      familiar: [urination]        # terms or forms reported as info, with familiar-message
      misfit-message: "..."        # no swap where the plain words cannot follow "a"/"the"

Matching is case-insensitive on whole words (a hyphenated word is one word, so
"anti-inflammatory" does not contain "inflammatory"); a term's last word also matches with a
regular plural (-s, -es); at one position the longest entry wins ("pulmonary embolism" over
"embolism"); words of a phrase must follow each other with only spaces between them. A use
counts as explained, and the term is then fine everywhere, when at that use:

- a parenthesis follows it (up to two words later: "corticosteroids (steroid medicines)",
  "epidural steroid injection (an injection ...)") or it stands in one ("painkillers
  (analgesics)");
- the sentence already holds the plain alternative ("inflammation, or swelling, ..."), the
  words of a many-word one together ("the heart and the blood vessels"), not scattered;
- a definition follows or introduces it: "X, which is", "X, or", "X means", "X is a",
  "called X", "called a X", "known as X", "X who is a", or the next sentence defines it: "...
  the abdomen. The abdomen is the part of the body between ...", also when it opens the next
  paragraph;
- examples follow it ("electrolytes such as potassium", "cardiovascular events, including
  heart attack"), or it opens its line with a colon definition ("Distal pancreatectomy:
  Surgery to remove ...");
- it is a label (a heading or a line of a few words, "Echocardiography", "Cardiac MRI") over
  a paragraph that opens with it: the section that follows introduces the term; or it is
  used in the paragraph right under a heading or label that names it ("Surgical Lung Biopsy"
  over "... your doctor may do a surgical lung biopsy ..."): that section is about the term.
- it is the second name given ("a condition called multiple tumors or hyperplasia");
- it opens a list item (also one run onto a line with others after " - ") whose name a colon
  definition follows ("Transurethral resection of the prostate (TURP): A surgical ..."), or
  says what the thing does, in that sentence or the next ("Endocrine glands produce ...");
- a later entry of its list defines it ("- Biopsy: The removal of cells ..."), in its block or
  the next few before a heading.

`in_names_before` also reaches across a list of words sharing the name's head ("colon, rectal,
ovarian, or other gynecologic cancers"). `familiar` terms are reported as info (words many
readers know, on which readers of the findings split); where the everyday words cannot follow
the article before the term ("a referral": "a being sent to ..."), `misfit-message` advises
explaining it and no swap is offered.

A capitalised use inside a run of capitalised words is part of a name or title, not the
writer's word choice, and is skipped: "the Food and Drug Administration", "British Association
of Dermatologists", a linked "Adult Acute Leukaemia Treatment" summary.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from medlint.document import Block, Document
from medlint.findings import Severity
from medlint.kinds import context
from medlint.kinds.base import (
    Hit,
    Kind,
    ParamError,
    RuleContext,
    choice,
    param,
    string_list,
    typed,
)
from medlint.yamlload import YamlError, load_yaml

_ENTRY_KEYS = {"term", "forms", "plain", "source", "note", "in_names_before"}
_LIST_KEYS = ("terms", "words")
_TOKEN = re.compile(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*")
# Split on tokens, kept: [text before the first, token, text up to the next, token, ...].
_TOKEN_SPLIT = re.compile(r"([A-Za-z0-9]+(?:-[A-Za-z0-9]+)*)")
_SMALL = frozenset("a an the of to in on for and or your you it its by with".split())
# Words between a term and a parenthesis that still make the parenthesis about the term.
_GLUE = frozenset("with and or to of in for by that which combined from into than as".split())

_PAREN_AFTER = re.compile(r"\s*(?P<words>(?:[\w’'-]+\s+){0,2}?)\(")
_PAREN_BEFORE = re.compile(
    r"\(\s*(?:or\s+|called\s+|also\s+called\s+|known\s+as\s+|also\s+known\s+as\s+)?$", re.IGNORECASE
)
_DEFINED_AFTER = re.compile(
    r"^\s*(?:,\s*(?:or|which\s+(?:is|are|means?)|meaning|also\s+called|also\s+known\s+as|a|an)\b|"
    r"\s+(?:is|are)\s+(?:a|an|the|when|where)\b|\s*,?\s+who\s+(?:is|are)\s+(?:a|an)\b|\s+means?\b|\s+refers?\s+to\b|\s*[–—:]\s*(?:a|an|the)\b|"
    # Examples explain a class: "electrolytes such as potassium", "cardiovascular events, such as
    # heart attack and stroke".
    r"(?:[\w-]+\s*)?,?\s*(?:such\s+as|including)\s+\w)",
    re.IGNORECASE,
)
_DEFINED_BEFORE = re.compile(
    r"\b(?:called|known\s+as|termed|named|the\s+word)\s*(?:(?:an?|the)\s+)?[\"“']?$", re.IGNORECASE
)
# The term as the second of two names a description is given: "two or more overactive glands, a
# condition called multiple tumors or hyperplasia".
_NAMED_OR_BEFORE = re.compile(
    r"\b(?:called|known\s+as|termed)\s+(?:(?:an?|the)\s+)?(?:[\w-]+\s+){1,3}(?:or|and)\s+$", re.IGNORECASE
)
# A list item marker inside a block whose line breaks were lost: "... tests: - Biopsy: The removal".
_ITEM_MARK = re.compile(r"(?:^|\s)[-•*–]\s+")
# The rest of an item's name, an optional bracketed short form, then a colon definition:
# "(resection) of the prostate (TURP): A surgical procedure to remove ...".
_NAME_THEN_COLON = re.compile(r"^(?:\s+[\w'’-]+){0,4}?\s*(?:\([^()]{1,40}\))?\s*:\s+\w+\s+\w+")
# What a part of the body or a kind of cell does, said right after naming it: "Endocrine glands
# produce, store, and release hormones", "Endocrine pancreas cells make several kinds of hormones".
_DOES_AFTER = re.compile(
    r"^(?:\s+[\w-]+){1,2}\s+(?:produces?|makes?|releases?|controls?|carry|carries|stores?|regulates?)\b",
    re.IGNORECASE,
)
_LIST_LOOKAHEAD = 6
"""Blocks after the term's own in which a definition-list entry for it still counts (a list of tests)."""
# A term that opens its line and a colon, then what it is: "Distal pancreatectomy: Surgery to
# remove the body and tail of the pancreas" (a definition list).
_COLON_DEFINITION = re.compile(r"^\s*:\s+\w+\s+\w+")
_ARTICLE = re.compile(r"(?:(?:the|an?)\s+)?", re.IGNORECASE)
# A plural ending, then a defining verb: "... abscesses are ...", "... means ...".
_MODIFIED = tuple(re.compile(rf"(?:(?:the|an?)\s+)?(?:[\w-]+\s+){{{k}}}", re.IGNORECASE) for k in (1, 2))
_DEFINES_AT = re.compile(r"(?:e?s)?\s+(?:is|are|means?|refers?\s+to)\b", re.IGNORECASE)
# A capitalised word (or "of", "and", "for", "the", "&" between capitalised words) right before.
_NAME_BEFORE = re.compile(r"(?-i:[A-Z][\w’'-]*)(?:\s+(?:of|and|for|the|&))?\s+$")
_NAME_AFTER = re.compile(r"\s+(?:(?:of|and|for|&)\s+)?(?-i:[A-Z][a-z])")
_NEXT_WORD = re.compile(r"[\s-]+([A-Za-z]+)")
# A word in a list of describing words that share one head noun: ", ovarian, or other
# gynecologic or abdominal cancers" after "rectal": a comma or "or"/"and" right after the term,
# then a few words up to the end of the clause.
_COORDINATED = re.compile(r"(?:\s*,\s*|\s+(?:or|and)\s+)(?P<words>[^.;:()!?\n]*)", re.IGNORECASE)
_SHARED_HEAD_WORDS = 8


@dataclass(frozen=True, slots=True)
class Entry:
    term: str
    plain: str
    source: str
    forms: tuple[str, ...]
    in_names_before: frozenset[str] = frozenset()
    """Next words that make a use part of a condition's name: "acute" in "acute myeloid
    leukemia" is the name a reader will meet again, not the writer's word choice."""
    form_plain: tuple[tuple[str, str], ...] = ()
    """(form, plain) for forms of another word class than the term, whose everyday word is
    another one: a field is not a person ("oncology" is "cancer care", not "cancer specialist")."""

    def plain_for(self, surface: str) -> str:
        """The alternative for the words as matched (a form, or its regular plural)."""
        own = dict(self.form_plain)
        if own:
            words = surface.lower().split()
            for last in _singulars(words[-1]) if words else ():
                plain = own.get(" ".join([*words[:-1], last]))
                if plain is not None:
                    return plain
        return self.plain


def _entry(item: Any, where: str) -> Entry:
    if isinstance(item, str):
        raise ValueError(f"{where}: entry {item!r} needs a 'plain' alternative")
    if not isinstance(item, dict) or "term" not in item or "plain" not in item or set(item) - _ENTRY_KEYS:
        raise ValueError(f"{where}: each entry is a mapping with 'term', 'plain' and optional 'forms' and 'source'")
    plain = item["plain"]
    if isinstance(plain, list):
        plain = " or ".join(str(p) for p in plain)
    forms = item.get("forms") or []
    names = item.get("in_names_before") or []
    if not isinstance(forms, list) or not isinstance(names, list):
        raise ValueError(f"{where}: 'forms' and 'in_names_before' of {item['term']!r} must be lists")
    surfaces: list[str] = []
    own: list[tuple[str, str]] = []
    for form in forms:
        if isinstance(form, dict):
            # A form with an everyday word of its own: {form: oncology, plain: cancer care}.
            if set(form) != {"form", "plain"}:
                raise ValueError(f"{where}: a form of {item['term']!r} is a word or a mapping with 'form' and 'plain'")
            surfaces.append(str(form["form"]))
            own.append((str(form["form"]).lower(), str(form["plain"])))
        else:
            surfaces.append(str(form))
    return Entry(
        str(item["term"]),
        str(plain),
        str(item.get("source", "")),
        tuple(surfaces),
        frozenset(str(n).lower() for n in names),
        tuple(own),
    )


def _inline(value: Any) -> list[Entry]:
    if not isinstance(value, list):
        raise ValueError("expected a list of {term, plain} entries")
    return [_entry(item, "terms") for item in value]


def load_list(path: Path) -> list[Entry]:
    """Entries of a list file (`terms:` or `words:`), with file and line in every error."""
    try:
        return _list_entries(path, track_lines=False)
    except ParamError:
        # Errors are rare: only then read the file again, remembering lines, to say where.
        return _list_entries(path, track_lines=True)


def _list_entries(path: Path, *, track_lines: bool) -> list[Entry]:
    try:
        data = load_yaml(path, track_lines=track_lines)
    except (OSError, YamlError) as exc:
        raise ParamError("list", f"cannot read word list {path}: {exc}") from None
    if not isinstance(data, dict):
        raise ParamError("list", f"{path}:1: a word list is a mapping with 'terms' or 'words'")
    key = next((k for k in _LIST_KEYS if k in data), None)
    if key is None or not isinstance(data[key], list):
        raise ParamError("list", f"{path}:1: a word list needs a 'terms' or 'words' list")
    out = []
    for item in data[key]:
        line = getattr(item, "line", 0) or getattr(data, "line_of", lambda _k: 1)(key)
        try:
            out.append(_entry(item, f"{path}:{line}"))
        except ValueError as exc:
            raise ParamError("list", str(exc)) from None
    return out


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class SubstitutionParams:
    lists: list[str] = param([], string_list, key="list")
    """Word-list files, relative to the pack."""
    terms: list[Entry] = param([], _inline)
    explained: bool = param(True, typed(bool))
    """Not reported where the sentence explains the term."""
    first_only: bool = param(True, typed(bool))
    fix: str = param("none", choice("none", "safe", "unsafe"))
    """Offer the plain word as a fix of this applicability (medlint.fix)."""
    quoted: str = param("report", choice("report", "explain", "skip"))
    """A use inside a direct quotation, which an editor cannot reword: `report` it like any
    other, `explain` (reported with `quoted-message`, no swap offered, no fix) or `skip` it (a
    later use outside the quotation is judged instead)."""
    quoted_message: str | None = param(None, typed(str), key="quoted-message")
    """The message of a use inside a quotation under `quoted: explain` (default: the rule's)."""
    familiar: list[str] = param([], string_list)
    """Terms or forms (as matched: "urination", not "urinate") that many readers know and that
    readers judging findings split on: reported as info, with `familiar-message`, not at the
    rule's severity."""
    familiar_message: str | None = param(None, typed(str), key="familiar-message")
    """The message of a `familiar` term (default: the rule's)."""
    misfit_message: str | None = param(None, typed(str), key="misfit-message")
    """The message, with no swap offered, where the everyday words cannot stand in the term's
    place: a verb phrase or a prepositional phrase after "a", "an" or "the" ("provides a
    referral" -> "provides a being sent to see a specialist"). Unset: the rule's message."""


class SubstitutionKind(Kind[SubstitutionParams]):
    name = "substitution"
    Params = SubstitutionParams
    NEEDS = frozenset({"sentences"})
    SHARES = frozenset({"word_tokens"})
    WHERE = ("body",)

    def setup(self) -> None:
        entries: list[Entry] = []
        for name in self.p.lists:
            entries.extend(load_list(self.pack_dir / name))
        entries.extend(self.p.terms)
        if not entries:
            raise ParamError("kind", "a substitution rule needs 'list' or 'terms'")
        self.entries = entries
        surface: dict[str, int] = {}
        for i, e in enumerate(entries):
            for s in (e.term, *e.forms):
                surface.setdefault(s.lower(), i)
        # First word -> (words, entry), longest first: at one position the longest entry wins.
        index: dict[str, list[tuple[tuple[str, ...], int]]] = {}
        for text, i in surface.items():
            words = tuple(text.split())
            index.setdefault(words[0], []).append((words, i))
        for candidates in index.values():
            candidates.sort(key=lambda c: -len(c[0]))
        self.index = index
        # First two words of every multi-word entry: most tokens that start one ("in", "a")
        # are followed by something else, and this rules them out without a phrase check.
        self.pairs = {words[:2] for text in surface for words in [tuple(text.split())] if len(words) > 1}
        # Every token that may start an entry: a first word, or its regular plural (the forms
        # `_singulars` takes back). Any other token is passed over without a lookup.
        self.starts = frozenset(k + suffix for k in index for suffix in ("", "s", "es"))
        self.plain_words = [_alternatives(e.plain) for e in entries]
        self.familiar = frozenset(t.lower() for t in self.p.familiar)

    def _matches(self, text: str, tokens: Tokens | None = None) -> Iterator[tuple[int, int, int]]:
        """(start, end, entry) of every entry in `text`, longest at each position, left to right.

        A dictionary lookup per word rather than one regular expression of 900 alternatives,
        which was the slowest part of the whole pack.
        """
        if tokens is None:
            tokens = Tokens(text)
        words = tokens.words
        index = self.index
        starts = self.starts
        after = 0  # words before this are inside the previous match
        for i in [i for i, w in enumerate(words) if w in starts]:
            if i < after:
                continue
            tok = words[i]
            best: tuple[int, int] | None = None  # (words used, entry)
            nxt = _singulars(words[i + 1]) if i + 1 < len(words) else ()
            phrase_here = any((tok, w) in self.pairs for w in nxt)
            for key in _singulars(tok):
                for entry_words, entry in index.get(key, ()):
                    n = len(entry_words)
                    if best is not None and n <= best[0]:
                        break
                    if n == 1 or (phrase_here and key == tok and self._phrase_at(tokens, i, entry_words)):
                        best = (n, entry)
                        break
            if best is None:
                continue
            n, entry = best
            spans = tokens.spans
            yield spans[i][0], spans[i + n - 1][1], entry
            after = i + n

    @staticmethod
    def _phrase_at(tokens: Tokens, i: int, words: tuple[str, ...]) -> bool:
        if i + len(words) > len(tokens.words):
            return False
        for k in range(1, len(words)):
            tok = tokens.words[i + k]
            if tokens.gaps[i + k - 1].strip():
                return False  # punctuation between the words: "prior, to" is not "prior to"
            last = k == len(words) - 1
            if tok != words[k] and not (last and words[k] in _singulars(tok)):
                return False
        return True

    def _block_matches(self, block: Block, ctx: RuleContext) -> list[tuple[int, int, int]]:
        # Both word-list rules (jargon, wordy words) read the same tokens of each block.
        cache: dict[int, Tokens] = ctx.analysis.word_tokens
        tokens = cache.get(block.index)
        if tokens is None:
            tokens = cache[block.index] = Tokens(block.text)
        return list(self._matches(block.text, tokens))

    def find(self, doc: Document, ctx: RuleContext) -> Iterator[Hit]:
        done: set[int] = set()
        for block in doc.blocks:
            if block.kind not in self.block_kinds:
                continue
            text = block.text
            matches = self._block_matches(block, ctx)
            quotes = _quotations(text) if self.p.quoted != "report" else []
            for start, end, i in matches:
                if self.p.first_only and i in done:
                    continue
                quoted = any(q0 <= start and end <= q1 for q0, q1 in quotes)
                if quoted and self.p.quoted == "skip":
                    continue
                sent = context.sentence_of(block, start)
                if _in_name(text, sent[0], start, end) or self._names_a_condition(text, end, i):
                    continue
                done.add(i)
                if self.p.explained and (
                    self._explained(text, sent, start, end, i)
                    or self._defined_in_next_block(doc, block, sent, text[start:end])
                    or _label_over_its_section(doc, block, sent, start, end)
                    or _under_its_own_label(doc, block, text[start:end])
                    or _defined_in_its_list(doc, block, end, text[start:end])
                ):
                    continue
                e = self.entries[i]
                plain = e.plain_for(text[start:end])
                message = self.p.quoted_message if quoted else None
                misfit = self.p.misfit_message is not None and _misfit(text, start, plain)
                if misfit and not quoted:
                    message = self.p.misfit_message
                familiar = bool(self.familiar) and (
                    e.term.lower() in self.familiar or not self.familiar.isdisjoint(_singulars(text[start:end].lower()))
                )
                if familiar:
                    message = self.p.familiar_message or message
                yield Hit(
                    block.index,
                    start,
                    end,
                    # No swap inside a quotation or where it does not fit: the fix is the
                    # suggestion (medlint.fix).
                    suggestion=None if quoted or misfit else plain,
                    values={"plain": plain, "term": e.term, "source": e.source},
                    message=message,
                    severity=Severity.INFO if familiar else None,
                )

    def _defined_in_next_block(self, doc: Document, block: Block, sent: tuple[int, int], term: str) -> bool:
        """The term ends its paragraph and the next paragraph opens by defining it: "... requires
        a kidney biopsy." then "A kidney biopsy is a procedure that ..." (a new paragraph is
        still the next sentence)."""
        if block.text[sent[1] :].strip() or block.index + 1 >= len(doc.blocks):
            return False
        nxt = doc.blocks[block.index + 1]
        if nxt.is_heading:
            return False
        return self._defined_next(nxt.text, (0, 0), term)

    def _names_a_condition(self, text: str, end: int, i: int) -> bool:
        """The next word makes the use part of a name ("acute myeloid leukemia"), also across a
        list of words that share it ("colon, rectal, ovarian, or other gynecologic cancers")."""
        names = self.entries[i].in_names_before
        if not names:
            return False
        nxt = _NEXT_WORD.match(text, end)
        if nxt and nxt.group(1).lower() in names:
            return True
        shared = _COORDINATED.match(text, end)
        if not shared:
            return False
        words = _TOKEN.findall(shared.group("words"))[:_SHARED_HEAD_WORDS]
        return any(w.lower() in names for w in words)

    def _explained(self, text: str, sent: tuple[int, int], start: int, end: int, i: int) -> bool:
        after = text[end : sent[1]]
        paren = _PAREN_AFTER.match(after)
        if paren and not any(w.lower() in _GLUE for w in paren.group("words").split()):
            return True
        before = text[sent[0] : start]
        if (
            _PAREN_BEFORE.search(before)
            or _DEFINED_BEFORE.search(before)
            or _NAMED_OR_BEFORE.search(before)
            or _DEFINED_AFTER.match(after)
        ):
            return True
        if len(before.split()) <= 2 and _COLON_DEFINITION.match(after):
            return True
        # The term opens its list item (also one run onto a line with others): a colon definition
        # after the item's name, or what the thing it names does.
        item = _item_opening(before)
        if len(item.split()) <= 2 and (_NAME_THEN_COLON.match(after) or _DOES_AFTER.match(after)):
            return True
        if self._defined_next(text, sent, text[start:end]):
            return True
        rest = (before + " " + after).lower()
        e = self.entries[i]
        # The everyday words of what was matched: a form with its own ("oncology": "cancer care")
        # is explained by those, not by the term's ("cancer specialist").
        plain_words = self.plain_words[i] if not e.form_plain else _alternatives(e.plain_for(text[start:end]))
        return any(_holds_phrase(rest, words) for words in plain_words if words)

    @staticmethod
    def _defined_next(text: str, sent: tuple[int, int], term: str) -> bool:
        """The sentence after `sent` opens by defining the term: "The abdomen is ..."."""
        nxt = text[sent[1] :].lstrip()
        n = len(term)
        term = term.lower()
        # The term, after an article if one is there ("The abdomen is") or not ("Abdomen is").
        article = _ARTICLE.match(nxt)
        for at in (article.end() if article else 0, 0):
            if nxt[at : at + n].lower() == term and (
                _DEFINES_AT.match(nxt, at + n) or _DOES_AFTER.match(nxt[at + n :])
            ):
                return True
        # ...or with up to two words before it: "A pediatric oncologist is a doctor who ...".
        for rx in _MODIFIED:
            modified = rx.match(nxt)
            if modified:
                at = modified.end()
                if nxt[at : at + n].lower() == term and _DEFINES_AT.match(nxt, at + n):
                    return True
        return False


# Words that cannot open what follows "a", "an" or "the": a verb phrase ("being sent to see a
# specialist") or a prepositional one ("by mouth") is no noun.
_NOT_AFTER_ARTICLE = frozenset(
    "being to by with without in into on at after before during for from of through under".split()
)
_ARTICLE_JUST_BEFORE = re.compile(r"(?<![\w'’-])(?:an?|the)\s+$", re.IGNORECASE)


def _misfit(text: str, start: int, plain: str) -> bool:
    """The term follows an article and its everyday words cannot: "provides a referral" would
    read "provides a being sent to see a specialist"."""
    first = plain.split()[0].lower() if plain.split() else ""
    return first in _NOT_AFTER_ARTICLE and _ARTICLE_JUST_BEFORE.search(text, max(0, start - 6), start) is not None


def _item_opening(before: str) -> str:
    """The words of `before` (a sentence up to the term) since the last list item marker in it."""
    marks = list(_ITEM_MARK.finditer(before))
    return before[marks[-1].end() :] if marks else before


def _defined_in_its_list(doc: Document, block: Block, end: int, term: str) -> bool:
    """A definition-list entry for the term follows in the same list: "... used during a biopsy
    procedure. - Transrectal MRI: ... - Biopsy: The removal of cells or tissues ...", in the
    term's block (a list run onto one line) or the next few before a heading."""
    entry = _definition_entry(term.lower())
    texts = [block.text[end:]]
    for nxt in doc.blocks[block.index + 1 : block.index + 1 + _LIST_LOOKAHEAD]:
        if nxt.is_heading:
            break
        texts.append(nxt.text)
    return any(entry.search(t) for t in texts)


@functools.lru_cache(maxsize=1024)
def _definition_entry(term: str) -> re.Pattern[str]:
    return re.compile(
        rf"(?:^|\n|[-•*–]\s+)\s*(?:[\w-]+\s+){{0,2}}?{re.escape(term)}\s*(?:\([^()]{{1,40}}\))?\s*:\s+\w+\s+\w+",
        re.IGNORECASE,
    )


_LABEL_WORDS = 4
"""A block or sentence of at most this many words is a label (a pseudo-heading)."""
_LABEL_OPENING = 12
"""Words of the block after a label in which it must name the labelled term."""


def _label_over_its_section(doc: Document, block: Block, sent: tuple[int, int], start: int, end: int) -> bool:
    """The term opens a label: a short block ("Cardiac Catheterization") whose next block
    speaks of it in its opening words, or a short sentence the next sentence explains
    ("Arrhythmia. Happens when a problem occurs with the rhythm of the heartbeat.")."""
    term = block.text[start:end].lower()
    label = block.text[sent[0] : sent[1]]
    if len(label.split()) > _LABEL_WORDS or not label.lstrip().lower().startswith(term):
        return False
    rest = block.text[sent[1] :]
    if rest.strip():
        at = sent[1] + len(rest) - len(rest.lstrip())
        following = context.sentence_of(block, at)
        return len(block.text[following[0] : following[1]].split()) > _LABEL_WORDS  # it explains the label
    if len(block.text.split()) > _LABEL_WORDS or block.index + 1 >= len(doc.blocks):
        return False
    opening = doc.blocks[block.index + 1].text.lower().split()
    return len(opening) > _LABEL_WORDS and term in " ".join(opening[:_LABEL_OPENING])


_LABEL_ABOVE_WORDS = 8
"""A heading of at most this many words (or a label, see `_LABEL_WORDS`) names a section."""


def _under_its_own_label(doc: Document, block: Block, term: str) -> bool:
    """The paragraph sits right under a heading or label that names the term ("Surgical Lung
    Biopsy" over "... your doctor may do a surgical lung biopsy. ... your doctor takes samples of
    lung tissue ..."): the section is about the term and is where the page explains it. A label
    is often a name in capitals, which is passed over, so its paragraph is judged instead."""
    if block.index == 0 or block.is_heading:
        return False
    label = doc.blocks[block.index - 1]
    words = label.text.split()
    if len(words) > (_LABEL_ABOVE_WORDS if label.is_heading else _LABEL_WORDS):
        return False
    return _word_start(term.lower()).search(label.text.lower()) is not None


# A direct quotation: text between paired quotation marks in one block, at least three words
# long, so that a word in scare quotes or a quoted name ("the so-called 'cure'") is not one.
_QUOTATION = re.compile(r'“[^“”]+”|"[^"]+"')
_QUOTED_WORDS = 3


def _quotations(text: str) -> list[tuple[int, int]]:
    """Spans of the direct quotations in a block's text."""
    if "“" not in text and '"' not in text:
        return []
    return [m.span() for m in _QUOTATION.finditer(text) if len(m.group().split()) >= _QUOTED_WORDS]


# Compiled once per word or term: the `re` module's own cache (512 patterns) turns over on a
# directory of articles and spends the time compiling again.
@functools.lru_cache(maxsize=4096)
def _word_start(word: str) -> re.Pattern[str]:
    return re.compile(rf"\b{re.escape(word)}")


class Tokens:
    """The words of a text, lowercase as the term index is keyed, what follows each word up to
    the next, and their offsets.

    Offsets are found only when asked for (a match to report): finding them for every word
    was most of the cost of the word-list rules.
    """

    __slots__ = ("_spans", "gaps", "text", "words")

    def __init__(self, text: str) -> None:
        self.text = text
        # Lowercasing ASCII keeps every character a letter or digit where it was, so the words
        # of the lowered text are the lowered words; other text is lowered word by word.
        parts = _TOKEN_SPLIT.split(text.lower() if text.isascii() else text)
        self.words: list[str] = parts[1::2] if text.isascii() else [w.lower() for w in parts[1::2]]
        self.gaps: list[str] = parts[2::2]
        """`gaps[k]`: the text between word k and word k + 1 (or the end)."""
        self._spans: list[tuple[int, int]] | None = None

    @property
    def spans(self) -> list[tuple[int, int]]:
        if self._spans is None:
            self._spans = [m.span() for m in _TOKEN.finditer(self.text)]
        return self._spans


def _in_name(text: str, sent_start: int, start: int, end: int) -> bool:
    """A capitalised match that is part of a name or title, not the first word of a sentence."""
    if not text[start].isupper():
        return False
    before = text[sent_start:start]
    if not before.strip(" \t-–—•*(\"“‘'[:"):
        return False
    return bool(_NAME_BEFORE.search(before) or _NAME_AFTER.match(text, end))


@functools.lru_cache(maxsize=65536)  # asked of every candidate word and the word after it
def _singulars(token: str) -> tuple[str, ...]:
    """The token and what it may be the regular plural of ("clinics" -> clinic, "abscesses" -> abscess)."""
    out = [token]
    if token.endswith("es"):
        out.append(token[:-2])
    if token.endswith("s"):
        out.append(token[:-1])
    return tuple(out)


_PHRASE_GAP = 2
"""Other words allowed between two words of a many-word alternative found in a sentence."""


def _holds_phrase(text: str, words: list[str]) -> bool:
    """`text` holds the alternative's content words, in order and close together ("heart and
    blood vessels" in "the heart and the blood vessels"), not scattered over the sentence
    ("cancer research ... supportive care" does not say "cancer care")."""
    if len(words) == 1:
        return _word_start(words[0]).search(text) is not None
    gap = rf"\W+(?:[\w’'-]+\W+){{0,{_PHRASE_GAP}}}?"
    return re.search(rf"\b{gap.join(re.escape(w) for w in words)}", text) is not None


def _alternatives(plain: str) -> list[list[str]]:
    """Content words of each alternative in `plain` ("tummy or belly" -> [[tummy], [belly]])."""
    out = []
    for alt in re.split(r"\s+or\s+|,|/", plain):
        words = [w for w in re.findall(r"[\w’'-]+", alt.lower()) if w not in _SMALL]
        out.append(words)
    return out
