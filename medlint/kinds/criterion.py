"""`criterion`: one review criterion (HealthNewsReview's ten, or a patient-information item),
judged satisfactory, not satisfactory or not applicable for a document, with its evidence.

    types: [treatment, news]          # top-level rule keys: the article types it applies to
    promotional: also                 # (others: not applicable), any selling copy too,
    exposures: false                  # not news about an exposure (coffee drinkers)
    where: [heading, body]            # blocks read for cues (the default)
    check:
      kind: criterion
      criterion: harms                # the scorecard id the verdict is filed under
      when: [efficacy]                # applies only when one of these cues occurs in the text...
      always-types: [news]            # ...except for these types, where it always applies
      when-register: [promotional]    # applies only when the claim analysis reads the text as
                                      # selling copy (again except for `always-types`)
                                      #    (not a press release about its issuer's event)
      cues:                           # named phrase lists matched on lemmas (medlint.kinds.cues)
        harm-name: [nausea, bloating, "allergic reaction"]
        harm-verb: [cause, "may experience", "side effect"]
      patterns:                       # named cues written as regular expressions
        money: ['[$£€]\\s?\\d']
      satisfied-by:                   # a sentence holding every cue of one list satisfies it
        - [harm-verb, harm-name]
      unless: [minimised, comparator] # a sentence holding one of these does not count
      strict-when: [regulated]        # when a sentence holds one of these cues anywhere...
      strict-satisfied-by: [[status]] # ...only these lists satisfy it (not `satisfied-by`, headings)
      strict-reason: "names {cue} but not its status"  # the verdict's reason then ({cue}: the cue's words)
      strict-types: [news]            # for these article types the strict lists always apply
      strict-types-reason: "..."      # ...and the verdict's reason then
      strict-unless: [minimised]      # what keeps a sentence from counting then (default: `unless`)
      headings: ['\\bside effects\\b']  # a section under such a heading, with some text, satisfies it
      model: harms                    # a trained sentence model (medlint/data/models): a sentence it
                                      # scores at or above its threshold satisfies it, unless it
                                      # holds an `unless` cue or `claims-unless` claim (instead of
                                      # `satisfied-by`)
      front-matter: [author]          # a filled front matter field satisfies it
      links: ['pubmed']               # a link whose target matches satisfies it
      self-source: false              # selling copy that names itself as its source satisfies it...
      self-source-unless: [research]  # ...unless a sentence holds one of these cues (studies it leans on)
      self-source-own: [own-trial]    # ...not counting sentences with these (its own named trial)
      claims-unless:                  # a sentence holding such a claim does not count
        - {categories: [safety]}      # ("no known side effects": reassurance, not a harm)
      fails-if:                       # "avoid" criteria: a sentence with every cue of one list fails it
        - [prevalence, alarm]
      claims-fail:                    # ...and so does a claim like this
        - {categories: [hype]}
      claims-fail-unless: [personal]  # ...unless its sentence holds one of these cues
      vetoed-by:                      # a sentence with every cue of one list fails it, whatever
        - [unnamed-sponsor]           # else satisfies it ("contains sponsored content")
      not-subject: [specific]         # patterns naming one treatment: the first in the title is the
                                      # article's own subject, and no pattern hit naming it counts

A criterion the document fails is a finding: at the offending sentence for an "avoid" criterion
(sensational language, disease-mongering), at the title for something missing. The verdict,
its reason and the sentence that decided it feed the scorecard (`medlint scorecard`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from medlint.analysis.classify import promotional_cues
from medlint.analysis.sentence_model import ModelError, SentenceModel, list_leads, with_lead
from medlint.analysis.sentence_model import load as load_model
from medlint.document import BlockKind, Document, span_starts
from medlint.kinds.base import (
    BODY,
    Hit,
    Judgement,
    Kind,
    ParamError,
    RuleContext,
    param,
    regex_list,
    string_list,
    typed,
)
from medlint.kinds.common import doc_types, filled, link_targets
from medlint.kinds.cues import MATCH_WINDOW, CombinedCues, CueMatcher, PackedCues, find_each, find_each_packed
from medlint.kinds.cues import tokens as cue_tokens
from medlint.matching import Prefilter, RegexList
from medlint.resources import builtin_rules_dir

REGISTER_MIN_WORDS = 120
"""Words below which the claim analysis cannot tell a text's register and judges every sentence
as if it were selling (medlint.claims.analyze, "too short to tell"): `when-register` and the
seller's own voice do not read it then."""
_NO_CUES: tuple[tuple[str, int, int], ...] = ()

_CLAIM_KEYS = {"categories", "qualities", "register", "strength", "stance", "quantified", "promotional"}
# Selling copy that speaks for itself: first-person sellers ("our clinic", "we offer").
_FIRST_PERSON = re.compile(r"\b(?:our|we|we're|we’re|us)\b", re.IGNORECASE)


def _named_lists(value: Any) -> dict[str, list[str]]:
    if not isinstance(value, dict):
        raise ValueError("expected a mapping of cue names to lists of phrases")
    out = {}
    for name, items in value.items():
        if not isinstance(name, str) or not re.fullmatch(r"[a-z][a-z0-9-]*", name):
            raise ValueError(f"cue name {name!r} must be lowercase words joined by hyphens")
        out[name] = string_list(items)
        if not out[name]:
            raise ValueError(f"cue {name!r} has no phrases")
    return out


def _named_regexes(value: Any) -> dict[str, list[re.Pattern[str]]]:
    return {name: regex_list(items) for name, items in _named_lists(value).items()}


def _cue_sets(value: Any) -> list[list[str]]:
    if not isinstance(value, list) or not all(isinstance(v, list) and v for v in value):
        raise ValueError("expected a list of non-empty lists of cue names")
    return [string_list(v) for v in value]


def _claim_filters(value: Any) -> list[dict[str, Any]]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise ValueError(
            "expected a list of mappings (categories, qualities, register, strength, stance, quantified, promotional)"
        )
    for item in value:
        bad = set(item) - _CLAIM_KEYS
        if bad:
            raise ValueError(f"unknown key {sorted(bad)[0]!r} (known: {', '.join(sorted(_CLAIM_KEYS))})")
    return list(value)


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class CriterionParams:
    criterion: str | None = param(None, typed(str))
    when: list[str] = param([], string_list)
    always_types: list[str] = param([], doc_types, key="always-types")
    when_register: list[str] = param([], string_list, key="when-register")
    cues: dict[str, list[str]] = param({}, _named_lists)
    patterns: dict[str, list[re.Pattern[str]]] = param({}, _named_regexes)
    satisfied_by: list[list[str]] = param([], _cue_sets, key="satisfied-by")
    unless: list[str] = param([], string_list)
    strict_when: list[str] = param([], string_list, key="strict-when")
    strict_satisfied_by: list[list[str]] = param([], _cue_sets, key="strict-satisfied-by")
    strict_reason: str = param(
        "names {cue} but not its status (approved, off-label, in trials)", typed(str), key="strict-reason"
    )
    strict_types: list[str] = param([], doc_types, key="strict-types")
    strict_types_reason: str = param("not found", typed(str), key="strict-types-reason")
    strict_unless: list[str] | None = param(None, string_list, key="strict-unless")
    headings: RegexList = param([], regex_list)
    model: str | None = param(None, typed(str))
    front_matter: list[str] = param([], string_list, key="front-matter")
    links: RegexList = param([], regex_list)
    self_source: bool = param(False, typed(bool), key="self-source")
    self_source_unless: list[str] = param([], string_list, key="self-source-unless")
    self_source_own: list[str] = param([], string_list, key="self-source-own")
    claims_unless: list[dict[str, Any]] = param([], _claim_filters, key="claims-unless")
    fails_if: list[list[str]] = param([], _cue_sets, key="fails-if")
    claims_fail: list[dict[str, Any]] = param([], _claim_filters, key="claims-fail")
    claims_fail_unless: list[str] = param([], string_list, key="claims-fail-unless")
    not_subject: list[str] = param([], string_list, key="not-subject")
    vetoed_by: list[list[str]] = param([], _cue_sets, key="vetoed-by")


class CriterionKind(Kind[CriterionParams]):
    name = "criterion"
    JUDGES_WORDING = False
    Params = CriterionParams
    NEEDS = frozenset({"sentences"})
    SHARES = frozenset({"cues_found"})
    WHERE = ("heading", "body")

    def setup(self) -> None:
        p = self.p
        if not p.criterion:
            raise ParamError("kind", "a criterion rule needs 'criterion' (the scorecard id it judges)")
        known = set(p.cues) | set(p.patterns)
        clash = set(p.cues) & set(p.patterns)
        if clash:
            raise ParamError("patterns", f"cue {sorted(clash)[0]!r} is both in 'cues' and in 'patterns'")
        for key, groups in (
            ("satisfied-by", p.satisfied_by),
            ("fails-if", p.fails_if),
            ("strict-satisfied-by", p.strict_satisfied_by),
            ("vetoed-by", p.vetoed_by),
        ):
            for group in groups:
                for name in group:
                    if name not in known:
                        raise ParamError(key, f"parameter {key!r}: unknown cue {name!r}")
        if bool(p.strict_when or p.strict_types) != bool(p.strict_satisfied_by):
            raise ParamError("strict-when", "'strict-when' or 'strict-types' and 'strict-satisfied-by' go together")
        for key, names in (
            ("when", p.when),
            ("unless", p.unless),
            ("self-source-unless", p.self_source_unless),
            ("self-source-own", p.self_source_own),
            ("claims-fail-unless", p.claims_fail_unless),
            ("strict-when", p.strict_when),
            ("strict-unless", p.strict_unless or []),
            ("not-subject", p.not_subject),
        ):
            for name in names:
                if name not in known:
                    raise ParamError(key, f"parameter {key!r}: unknown cue {name!r}")
        self.avoid = bool(p.fails_if or p.claims_fail)
        if self.avoid and (p.satisfied_by or p.headings):
            raise ParamError(
                "fails-if",
                "a criterion either fails on what it finds ('fails-if', 'claims-fail') "
                "or is satisfied by it ('satisfied-by', 'headings'...), not both",
            )
        if self.avoid and p.vetoed_by:
            raise ParamError("vetoed-by", "'vetoed-by' is for a criterion that something satisfies")
        if not self.avoid and not (
            p.satisfied_by or p.headings or p.front_matter or p.links or p.self_source or p.model
        ):
            raise ParamError("kind", "a criterion rule needs what satisfies it or what fails it")
        self.model: SentenceModel | None = None
        if p.model:
            if self.avoid or p.satisfied_by:
                raise ParamError(
                    "model",
                    "a sentence 'model' judges the sentences itself: "
                    "not with 'satisfied-by' or for what fails a criterion",
                )
            try:
                self.model = load_model(p.model)
            except ModelError as exc:
                raise ParamError("model", str(exc)) from exc
        for name in p.not_subject:
            if name not in p.patterns:
                raise ParamError("not-subject", f"parameter 'not-subject': {name!r} is not in 'patterns'")
        # Each list of cue names as a set, made once: every sentence is tested against them.
        self.satisfied_by = [frozenset(g) for g in p.satisfied_by]
        self.fails_if = [frozenset(g) for g in p.fails_if]
        self.vetoed_by = [frozenset(g) for g in p.vetoed_by]
        self.strict_satisfied_by = [frozenset(g) for g in p.strict_satisfied_by]
        self.matcher = CueMatcher(p.cues)
        self.combined: dict[tuple[CriterionKind, ...], CombinedCues] = {}
        """Indexes of this rule's cues with other rules' (see `_combined`)."""
        # Each pattern behind the literals it cannot match without: most blocks hold none of
        # them, and a substring search is far cheaper than the pattern's own.
        self.prefilters = [(name, [(rx, Prefilter([rx.pattern])) for rx in rxs]) for name, rxs in p.patterns.items()]
        # All those literals in one scan: about half of the blocks hold none of any pattern's,
        # and then no pattern with literals needs its own scan (those without run anyway).
        hinted = [rx.pattern for _, pairs in self.prefilters for rx, prefilter in pairs if not prefilter.always]
        self.any_literal = Prefilter(hinted) if hinted else None
        self.lexicon_path: Path | None = None
        if self.avoid and p.claims_unless:
            raise ParamError("claims-unless", "'claims-unless' is for a criterion that something satisfies")
        if p.claims_fail or p.claims_unless or p.when_register:
            self.lexicon_path = (builtin_rules_dir() / "claims" / "data" / "lexicon.yml").resolve()

    # -- reading the document ------------------------------------------------------------

    def _sentences(self, doc: Document, ctx: RuleContext) -> Iterator[tuple[int, int, int, set[str]]]:
        """(block, start, end, cue names) for each sentence of the blocks the rule reads.

        A list item is read together with the paragraph that leads into it ("Side effects
        include:" then "- nausea"), as one statement."""
        lead: set[str] = set()
        for block in doc.blocks:
            if block.kind not in self.block_kinds:
                lead = set()
                continue
            found = self._cues(doc, ctx, block.index)
            spans = block.sentence_spans() if block.kind is not BlockKind.LIST_ITEM else [(0, len(block.text))]
            last: set[str] = set()
            # Each cue goes to the sentences it overlaps, found by bisection: a paragraph of
            # 30,000 sentences must not scan every cue once per sentence.
            starts = span_starts(spans)
            # Only the sentences that hold a cue get a set here (an empty set for each of a
            # 10 MB paragraph's sentences took about 17 MB at once).
            by_span: dict[int, set[str]] = {}
            for n, a, b in found:
                first = max(bisect.bisect_right(starts, a) - 1, 0)
                for k in range(first, len(spans)):
                    s, e = spans[k]
                    if s >= b:
                        break
                    if a < e and s < b:
                        by_span.setdefault(k, set()).add(n)
            for k, (s, e) in enumerate(spans):
                names = by_span.pop(k, None) or set()
                if block.kind is BlockKind.LIST_ITEM:
                    names |= lead
                last = names
                yield block.index, s, e, names
            if block.kind is not BlockKind.LIST_ITEM:
                text = block.text.rstrip()
                lead = last if text.endswith(":") else set()

    def _cues(self, doc: Document, ctx: RuleContext, index: int) -> Sequence[tuple[str, int, int]]:
        """The rule's cues in block `index`, found once per document (judging reads them twice
        when a `when` condition is checked first). Kept in one list per rule, a slot per block,
        and most blocks share one empty tuple: a key and a list for each block and rule took
        about 3 MB per MB of text."""
        slots = self._slots(doc, ctx, self)
        found = slots[index]
        if found is None:
            found = slots[index] = self._find_cues(doc, ctx, index) or _NO_CUES
        return found

    def _slots(self, doc: Document, ctx: RuleContext, key: object) -> list[Sequence[tuple[str, int, int]] | None]:
        by_block: list[Sequence[tuple[str, int, int]] | None] | None = ctx.analysis.cues_found.get(key)
        if by_block is None:
            by_block = ctx.analysis.cues_found[key] = [None] * len(doc.blocks)
        return by_block

    SHARE_TOKENS_CHARS: ClassVar[int] = 1_000_000
    """Documents up to this long keep every block's tokens until the last criterion rule."""

    def _matched(self, doc: Document, ctx: RuleContext, index: int) -> Sequence[tuple[str, int, int]]:
        """The rule's named cues (`cues`, matched on the block's tokens) in block `index`,
        found with those of each criterion rule still to run on the document that reads the
        block (`Analysis.kinds`): the block is tokenised and looked up once for all of them
        (in one index of their cues, `CombinedCues`; in a document over `SHARE_TOKENS_CHARS`, a
        window at a time and its tokens let go at once). Each rule's matches are the same
        whichever rule asks first."""
        mine = self._slots(doc, ctx, (self, "matched"))
        if mine[index] is None:
            block = doc.blocks[index]
            todo = [(kind, slots) for kind, slots in self._readers(doc, ctx, block.kind) if slots[index] is None]
            matches: Sequence[Sequence[tuple[str, int, int]]]
            if len(doc.source) <= self.SHARE_TOKENS_CHARS:
                # A short document's block is looked up once for all those rules, in one index
                # of their cues (see `CombinedCues`).
                matches = _combined(tuple(k for k, _ in todo)).find(cue_tokens(block.text))
            elif len(block.text) <= MATCH_WINDOW:
                matches = find_each(block.text, [k.matcher for k, _ in todo])
            else:
                # A long block a window at a time (see `find_each`), the matches kept packed
                # (a short block's few are smaller as a list).
                matches = find_each_packed(block.text, [k.matcher for k, _ in todo])
            for (_, slots), hits in zip(todo, matches, strict=True):
                slots[index] = hits or _NO_CUES
        found = mine[index]
        return found if found is not None else _NO_CUES

    def _readers(
        self, doc: Document, ctx: RuleContext, kind: BlockKind
    ) -> list[tuple[CriterionKind, list[Sequence[tuple[str, int, int]] | None]]]:
        """This rule, then each other criterion rule with cues still to run on the document
        that reads blocks of `kind`, with its slots of matches: worked out once per document
        (each block asked it again)."""
        key = (self, "readers", kind)
        found: list[tuple[CriterionKind, list[Sequence[tuple[str, int, int]] | None]]] | None
        found = ctx.analysis.cues_found.get(key)
        if found is None:
            found = []
            for other in (self, *ctx.analysis.kinds):
                if not isinstance(other, CriterionKind) or not other.p.cues:
                    continue
                if other is not self and kind not in other.block_kinds:
                    continue
                if all(other is not k for k, _ in found):
                    found.append((other, other._slots(doc, ctx, (other, "matched"))))
            ctx.analysis.cues_found[key] = found
        return found

    def _find_cues(self, doc: Document, ctx: RuleContext, index: int) -> Sequence[tuple[str, int, int]]:
        text = doc.blocks[index].text
        matched = self._matched(doc, ctx, index) if self.p.cues else _NO_CUES
        # A long block's stay packed (see `PackedCues`).
        out: list[tuple[str, int, int]] | PackedCues = (
            PackedCues(matched) if isinstance(matched, PackedCues) else list(matched)
        )
        # Tested on the text, not on `lowered(text)`: a long block is not lowercased whole.
        some_literal = self.any_literal is not None and self.any_literal.may_match_text(text)
        subject = self._subject(doc, ctx) if self.p.not_subject else None
        for name, rxs in self.prefilters:
            for rx, prefilter in rxs:
                if (some_literal or prefilter.always) and prefilter.may_match_text(text):
                    out.extend(
                        (name, m.start(), m.end())
                        for m in rx.finditer(text)
                        if m.end() > m.start() and not (subject and _is_subject(text, m, subject))
                    )
        return out

    def _subject(self, doc: Document, ctx: RuleContext) -> str:
        """What the article is about, as the first `not-subject` hit in its title names it
        ("Orvelimab" in "... Phase 3 Trial of Orvelimab"), or "" when the title names none. A
        sentence naming only that is about the article's own treatment, however it is compared
        ("34% of orvelimab patients versus 9% on placebo"). Only a treatment's own name is a
        subject: "open surgery" is another option beside "robotic prostate surgery"."""
        key = (self, "subject")
        found: str | None = ctx.analysis.by_rule.get(key)
        if found is None:
            title = doc.title
            first: tuple[int, str] | None = None
            for name in self.p.not_subject:
                for rx in self.p.patterns[name]:
                    m = rx.search(title)
                    if m and m.end() > m.start() and (first is None or m.start() < first[0]):
                        first = (m.start(), _term(m[0]))
            found = ctx.analysis.by_rule[key] = first[1] if first else ""
        return found

    def _claims(self, doc: Document, ctx: RuleContext) -> list[Any]:
        if self.lexicon_path is None:
            return []
        from medlint.claims.analyze import document_claims

        promotional = bool(getattr(ctx.doc_type, "promotional", False))
        return list(document_claims(doc, ctx.analysis.claims, self.lexicon_path, promotional).claims)

    @staticmethod
    def _claim_matches(claim: Any, filters: list[dict[str, Any]], promotional: bool = False) -> bool:
        """Whether the claim fits one filter; `promotional: true` asks for selling copy as
        medlint.analysis.classify sees the document (not the claim analysis's own register)."""
        for f in filters:
            if "promotional" in f and bool(f["promotional"]) != promotional:
                continue
            if "categories" in f and not set(claim.categories) & set(f["categories"]):
                continue
            if "qualities" in f and not set(claim.qualities) & set(f["qualities"]):
                continue
            if "register" in f and claim.register not in f["register"]:
                continue
            if "strength" in f and claim.strength not in f["strength"]:
                continue
            if claim.stance not in f.get("stance", ["asserted"]):
                continue
            if "quantified" in f and bool(claim.quantified) != bool(f["quantified"]):
                continue
            return True
        return False

    # -- the verdict ---------------------------------------------------------------------

    def _applies(self, doc: Document, ctx: RuleContext) -> str | None:
        """Why the criterion does not apply, or None when it does: nothing in the article calls
        for it (`when`). Whether the rule is for this kind of article at all (`types`...) the
        engine decided before running it."""
        p = self.p
        kind = ctx.doc_type.type if ctx.doc_type is not None else None
        # A press release about an event of its issuer is news, but not a study report: what is
        # asked of every study report is asked of it only when its cues occur.
        always = kind in p.always_types and not getattr(ctx.doc_type, "release", None)
        if p.when and not always:
            wanted = set(p.when)
            if not any(names & wanted for _, _, _, names in self._sentences(doc, ctx)):
                return "nothing in the article calls for it"
        if (
            p.when_register
            and kind not in p.always_types
            and not _promotional(ctx)
            and self._register(doc, ctx) not in p.when_register
        ):
            return f"the claim analysis does not read it as {' or '.join(p.when_register)} copy"
        return None

    def _register(self, doc: Document, ctx: RuleContext) -> str:
        """The claim analysis's register for the document: promotional (a seller's voice, prices,
        calls to buy) or plain. A text too short for the analysis to tell is plain here."""
        if self.lexicon_path is None or doc.word_count() < REGISTER_MIN_WORDS:
            return "plain"
        from medlint.claims.analyze import document_claims

        return str(document_claims(doc, ctx.analysis.claims, self.lexicon_path, _promotional(ctx)).register)

    def judge(self, doc: Document, ctx: RuleContext) -> Judgement:
        """The verdict, worked out once per document (`find` and the scorecard both ask)."""
        key = (self, "judgement")
        found: Judgement | None = ctx.analysis.by_rule.get(key)
        if found is None:
            found = ctx.analysis.by_rule[key] = self._judge(doc, ctx)
        return found

    def _judge(self, doc: Document, ctx: RuleContext) -> Judgement:
        why_not = self._applies(doc, ctx)
        if why_not is not None:
            return Judgement("not_applicable", why_not)
        return self._judge_avoid(doc, ctx) if self.avoid else self._judge_require(doc, ctx)

    def _judge_avoid(self, doc: Document, ctx: RuleContext) -> Judgement:
        p = self.p
        unless = set(p.unless)
        claims_unless = set(p.claims_fail_unless)
        bad: list[Hit] = []
        # Looked up by position, not scanned: a 10 MB page has tens of thousands of sentences.
        taken = _Intervals()  # what is already reported
        spared = _Intervals()  # sentences holding a `claims-fail-unless` cue
        for index, s, e, names in self._sentences(doc, ctx):
            if names & claims_unless:
                spared.add(index, s, e)
            if names & unless:
                continue
            if _meets(self.fails_if, names):
                hit = Hit(index, *_trim(doc.blocks[index].text, s, e))
                bad.append(hit)
                taken.add(index, hit.start, hit.end)
        if p.claims_fail:
            for claim in self._claims(doc, ctx):
                if taken.overlaps(claim.block, claim.start, claim.end) or spared.overlaps(
                    claim.block, claim.start, claim.end
                ):
                    continue
                if doc.blocks[claim.block].kind in self.block_kinds and self._claim_matches(
                    claim, p.claims_fail, _promotional(ctx)
                ):
                    hit = Hit(claim.block, *_trim(doc.blocks[claim.block].text, claim.start, claim.end))
                    bad.append(hit)
                    taken.add(claim.block, hit.start, hit.end)
        if bad:
            bad.sort(key=lambda h: (h.block or 0, h.start))
            return Judgement("not_satisfactory", f"{len(bad)} sentence{'s' if len(bad) > 1 else ''} found", tuple(bad))
        return Judgement("satisfactory", "none found")

    def _judge_require(self, doc: Document, ctx: RuleContext) -> Judgement:
        p = self.p
        veto = self._vetoed(doc, ctx)
        if veto is not None:
            return Judgement("not_satisfactory", "the text hides whose interest it serves", (veto,))
        fm = doc.front_matter
        for key in p.front_matter:
            if filled(fm.get(key.lower())):
                return Judgement("satisfactory", f"front matter '{key}'")
        for link in link_targets(doc):
            if any(rx.search(link) for rx in p.links):
                return Judgement("satisfactory", f"links to {link}")
        leans: Hit | None = None
        if p.self_source and self._self_source(doc, ctx, self._register(doc, ctx) == "promotional"):
            leans = self._leans_on(doc, ctx, set(p.self_source_unless), set(p.self_source_own))
            if leans is None:
                return Judgement("satisfactory", "the seller's own page or release: it names itself as the source")
        strict = self._strict(doc, ctx)
        if strict is not None:
            return self._judge_strict(doc, ctx, self.p.strict_reason.replace("{cue}", repr(strict)))
        if ctx.doc_type is not None and ctx.doc_type.type in p.strict_types:
            return self._judge_strict(doc, ctx, p.strict_types_reason)
        if p.headings:
            for section in doc.sections:
                head = doc.blocks[section.heading]
                if head.kind is not BlockKind.HEADING or not any(rx.search(head.text) for rx in p.headings):
                    continue
                if any(b.kind in BODY for b in doc.blocks[section.start : section.end]):
                    return Judgement("satisfactory", f"section '{head.text}'", (Hit(head.index, 0, len(head.text)),))
        if self.model is not None:
            judged = self._judge_by_model(doc, ctx, self.model)
            if judged.verdict == "satisfactory" or leans is None:
                return judged
        else:
            found = self._found(doc, ctx)
            if found is not None:
                return Judgement("satisfactory", "found", (found,))
        if leans is not None:
            return Judgement(
                "not_satisfactory",
                "a seller's release leaning on studies or a sponsor it does not name",
                (leans,),
            )
        return Judgement("not_satisfactory", "not found")

    def _found(self, doc: Document, ctx: RuleContext) -> Hit | None:
        """The first sentence that holds every cue of one `satisfied-by` list and none of `unless`."""
        unless = set(self.p.unless)
        vetoes = self._claim_vetoes(doc, ctx)
        for index, s, e, names in self._sentences(doc, ctx):
            if names & unless or vetoes.overlaps(index, s, e):
                continue
            if _meets(self.satisfied_by, names):
                return Hit(index, *_trim(doc.blocks[index].text, s, e))
        return None

    def _judge_by_model(self, doc: Document, ctx: RuleContext, model: SentenceModel) -> Judgement:
        """Satisfied by the first sentence the model scores at or above its threshold, of those
        that hold no `unless` cue and no `claims-unless` claim (the model reads words, and these
        say what a sentence is not: a placebo is no alternative, a benefit figure no harm).

        Read as the model was trained: body blocks' sentences, a list item whole after the
        sentence that leads into it with a colon (see scripts/train_sentence_models.py)."""
        unless = set(self.p.unless)
        vetoes = self._claim_vetoes(doc, ctx)
        leads = list_leads(doc)
        best = 0.0
        for index, start, end, names in self._sentences(doc, ctx):
            block = doc.blocks[index]
            if block.kind not in BODY or names & unless or vetoes.overlaps(index, start, end):
                continue
            text = block.text[start:end]
            if block.kind is BlockKind.LIST_ITEM:
                text = with_lead(leads.get(index), text)
            score = model.probability(text)
            if score >= model.threshold:
                hit = Hit(index, *_trim(block.text, start, end))
                return Judgement("satisfactory", f"found (model '{model.name}': {score:.2f})", (hit,))
            best = max(best, score)
        return Judgement(
            "not_satisfactory",
            f"not found (model '{model.name}': no sentence reaches {model.threshold}; the best scores {best:.2f})",
        )

    def _vetoed(self, doc: Document, ctx: RuleContext) -> Hit | None:
        """The first sentence that fails the article whatever else satisfies it (`vetoed-by`):
        "This post contains sponsored content" names no sponsor, and a disclosure link elsewhere
        does not undo that."""
        if not self.p.vetoed_by:
            return None
        for index, s, e, names in self._sentences(doc, ctx):
            if _meets(self.vetoed_by, names):
                return Hit(index, *_trim(doc.blocks[index].text, s, e))
        return None

    def _strict(self, doc: Document, ctx: RuleContext) -> str | None:
        """The text of the first `strict-when` cue (a regulated drug or device named), or None."""
        wanted = set(self.p.strict_when)
        if not wanted:
            return None
        for block in doc.blocks:
            if block.kind not in self.block_kinds:
                continue
            for name, a, b in self._cues(doc, ctx, block.index):
                if name in wanted:
                    return " ".join(block.text[a:b].split())
        return None

    def _judge_strict(self, doc: Document, ctx: RuleContext, reason: str) -> Judgement:
        """Only `strict-satisfied-by` satisfies: for a prescription drug or a device, where to
        get it is not enough without its regulatory status; in a report of a study, its design is
        not enough without its limits. What keeps a sentence from counting may differ
        (`strict-unless`): a trial that reports no adverse events has reported its harms, where
        a product page that says so reassures."""
        unless = set(self.p.unless if self.p.strict_unless is None else self.p.strict_unless)
        for index, s, e, names in self._sentences(doc, ctx):
            if names & unless:
                continue
            if _meets(self.strict_satisfied_by, names):
                return Judgement("satisfactory", "found", (Hit(index, *_trim(doc.blocks[index].text, s, e)),))
        return Judgement("not_satisfactory", reason)

    def _claim_vetoes(self, doc: Document, ctx: RuleContext) -> _Intervals:
        """Where the claims that keep a sentence from counting (`claims-unless`) are."""
        vetoes = _Intervals()
        for at, start, end in self._claims_unless(doc, ctx):
            vetoes.add(at, start, end)
        return vetoes

    def _claims_unless(self, doc: Document, ctx: RuleContext) -> list[tuple[int, int, int]]:
        """(block, start, end) of the claims that keep a sentence from counting (`claims-unless`):
        "no known side effects" names side effects only to deny them."""
        if not self.p.claims_unless:
            return []
        promotional = _promotional(ctx)
        return [
            (c.block, c.start, c.end)
            for c in self._claims(doc, ctx)
            if self._claim_matches(c, self.p.claims_unless, promotional)
        ]

    def _leans_on(self, doc: Document, ctx: RuleContext, cues: set[str], own: set[str]) -> Hit | None:
        """The first sentence holding one of `cues` (the studies a seller's release leans on, an
        unnamed sponsor: then being the seller is not enough, the release owes whose they are),
        unless the release names its own trial (`own`) anywhere."""
        if not cues:
            return None
        first: Hit | None = None
        for index, s, e, names in self._sentences(doc, ctx):
            if names & own:
                # Once a release names its own trial, "the study" it goes on about is that trial.
                return None
            if first is None and names & cues:
                first = Hit(index, *_trim(doc.blocks[index].text, s, e))
        return first

    @staticmethod
    def _self_source(doc: Document, ctx: RuleContext, selling: bool = False) -> bool:
        """Selling copy that plainly comes from the seller: a wire-service press release (its
        issuer is its source by definition), company boilerplate ("About Cardiora"), or a
        clinic or shop speaking in the first person ("our capsules", "we"). `selling`: the
        claim analysis reads it as selling copy even where the type classifier did not."""
        if not (selling or getattr(ctx.doc_type, "promotional", False)):
            return False
        known = getattr(ctx.doc_type, "cues", None)
        cues = promotional_cues(doc) if known is None else known
        if "press release" in cues or "company boilerplate" in cues or "our clinic" in cues:
            return True
        body = " ".join(b.text for b in doc.blocks if b.kind in BODY)
        return _FIRST_PERSON.search(body) is not None

    def find(self, doc: Document, ctx: RuleContext) -> Iterator[Hit]:
        j = self.judge(doc, ctx)
        if j.verdict != "not_satisfactory":
            return
        values = {"type": ctx.doc_type.type if ctx.doc_type else "article", "criterion": self.p.criterion}
        if self.avoid:
            for hit in j.evidence:
                yield Hit(hit.block, hit.start, hit.end, values={**values, "sentence": _text(doc, hit)})
        else:
            yield Hit(None, values=values)


_COMBINED_MAX = 16


def _combined(kinds: tuple[CriterionKind, ...]) -> CombinedCues:
    """One index of the cues of `kinds`, built once per set of rules and kept by the first of
    them, the rule that asked (a document's type decides which criterion rules run, and a
    block's kind which of them read it: a few sets in all)."""
    kept = kinds[0].combined
    found = kept.get(kinds)
    if found is None:
        if len(kept) >= _COMBINED_MAX:
            kept.clear()
        found = kept[kinds] = CombinedCues([k.matcher for k in kinds])
    return found


class _Intervals:
    """Spans per block, merged where they overlap and kept sorted, for overlap tests by
    bisection."""

    def __init__(self) -> None:
        self._by_block: dict[int, tuple[list[int], list[int]]] = {}

    def add(self, block: int | None, start: int, end: int) -> None:
        starts, ends = self._by_block.setdefault(block or 0, ([], []))
        first = bisect.bisect_right(ends, start)  # the first span ending after `start`
        last = bisect.bisect_left(starts, end)  # one past the last span starting before `end`
        if first < last:  # overlapping spans become one
            start, end = min(start, starts[first]), max(end, ends[last - 1])
        starts[first:last] = [start]
        ends[first:last] = [end]

    def overlaps(self, block: int | None, start: int, end: int) -> bool:
        found = self._by_block.get(block or 0)
        if found is None:
            return False
        starts, ends = found
        at = bisect.bisect_right(ends, start)
        return at < len(starts) and starts[at] < end


def _meets(groups: list[frozenset[str]], names: set[str]) -> bool:
    """Whether a sentence's cue names hold every cue of one of `groups`."""
    return any(group <= names for group in groups)


def _promotional(ctx: RuleContext) -> bool:
    return bool(getattr(ctx.doc_type, "promotional", False))


# A variant set against the article's own treatment: "compared to traditional TMS" in a release
# about deep TMS names another option, though by the same name.
_VARIANT = re.compile(
    r"\b(?:traditional|conventional|standard|older|regular|existing|original|classic|open|usual|current|"
    r"earlier|first[- ]generation|older[- ]style)\s+$",
    re.IGNORECASE,
)


def _is_subject(text: str, m: re.Match[str], subject: str) -> bool:
    """Whether the hit names the article's own treatment (`subject`), not a variant of it."""
    return _term(m[0]) == subject and not _VARIANT.search(text, max(m.start() - 40, 0), m.start())


def _term(text: str) -> str:
    """A treatment's name for comparison: lowercased, one space, no plural ending ("injections"
    is "injection"); an initialism keeps its last letter ("TMS")."""
    words = " ".join(text.split())
    plural = words.endswith("s") and not words.endswith(("ss", "S"))
    return (words[:-1] if plural else words).lower()


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _text(doc: Document, hit: Hit) -> str:
    if hit.block is None:
        return ""
    return doc.blocks[hit.block].text[hit.start : hit.end]
