"""`claim`: select health claims by what the claim analysis says about them.

    where: [title, heading, body]    # top-level rule key: the blocks read (the default)
    check:
      kind: claim
      categories: [benefit]          # the sentence's main category (see medlint.claims.model)
      stance: [asserted]             # asserted | negated | questioned | refuted
      strength: [fact]               # fact | hedged
      register: [promotional, plain] # the document's register: selling copy or not
      unless: [quantified, cited]    # a figure or a source in reach makes the claim acceptable;
                                     # proportionate: hedged beyond a bare modal ("may help
                                     # some people"), and not about a serious disease
      plain-severity: info           # the severity when the document is not selling (default: the rule's)
      only-main: false               # true: only when this is the sentence's main category
      lexicon: data/lexicon.yml      # the claim vocabulary, relative to the pack

A rule reads like the policy it enforces: "a benefit claim, stated as fact, in selling copy,
with no figure and no source". The analysis runs once per document and lexicon, shared by every
claim rule.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from medlint.claims import analyze as analysis
from medlint.claims.analyze import DocumentClaims, analyzer_for
from medlint.claims.lexicon import LexiconError
from medlint.claims.model import CATEGORIES, REGISTERS, STANCES, STRENGTHS
from medlint.document import Document
from medlint.findings import Severity
from medlint.kinds.base import Hit, Kind, ParamError, RuleContext, names_from, param, typed
from medlint.resources import builtin_rules_dir


def document_claims(doc: Document, ctx: RuleContext, lexicon_path: Path) -> DocumentClaims:
    """The claim analysis of `doc` for this rule context, shared by every claim rule."""
    promotional = bool(getattr(ctx.doc_type, "promotional", False))
    return analysis.document_claims(doc, ctx.analysis.claims, lexicon_path, promotional)


def _severity(value: Any) -> Severity:
    try:
        return Severity.parse(str(value))
    except ValueError as exc:
        raise ValueError(str(exc)) from None


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class ClaimParams:
    categories: list[str] | None = param(None, names_from(CATEGORIES, "category"))
    stance: list[str] = param(["asserted"], names_from(STANCES, "stance"))
    strength: list[str] = param(["fact"], names_from(STRENGTHS, "strength"))
    register: list[str] = param(list(REGISTERS), names_from(REGISTERS, "register"))
    unless: list[str] = param([], names_from(("quantified", "cited", "proportionate"), "support", allow_empty=True))
    plain_severity: Severity | None = param(None, _severity, key="plain-severity")
    only_main: bool = param(False, typed(bool), key="only-main")
    lexicon: str = param("data/lexicon.yml", typed(str))


class ClaimKind(Kind[ClaimParams]):
    name = "claim"
    Params = ClaimParams
    NEEDS = frozenset({"sentences"})
    SHARES = frozenset({"claim_triggers"})
    WHERE = ("title", "heading", "body")

    def setup(self) -> None:
        if not self.p.categories:
            raise ParamError("kind", "a claim rule needs 'categories'")
        self.categories: list[str] = self.p.categories
        # A custom pack may keep its own vocabulary; otherwise its claim rules read the built-in one.
        own = self.pack_dir / self.p.lexicon
        shared = builtin_rules_dir() / "claims" / self.p.lexicon
        found = next((p for p in (own, shared) if p.is_file()), None)
        if found is None:
            raise ParamError(
                "lexicon", f"parameter 'lexicon': no file {self.p.lexicon!r} in the pack or the claims pack"
            )
        self.lexicon_path = found.resolve()

    def prepare(self) -> None:
        try:
            analyzer_for(self.lexicon_path).build()
        except LexiconError:
            return

    def find(self, doc: Document, ctx: RuleContext) -> Iterator[Hit]:
        p = self.p
        for claim in document_claims(doc, ctx, self.lexicon_path).claims:
            chosen = [c for c in claim.categories if c in self.categories]
            if not chosen or (p.only_main and claim.category not in self.categories):
                continue
            if claim.stance not in p.stance:
                continue
            if claim.strength not in p.strength or claim.register not in p.register:
                continue
            if ("quantified" in p.unless and claim.quantified) or ("cited" in p.unless and claim.cited):
                continue
            if "proportionate" in p.unless and claim.strength == "hedged" and not (claim.serious or claim.modal_only):
                continue
            if doc.blocks[claim.block].kind not in self.block_kinds:
                continue
            trig = claim.trigger_for(chosen[0])
            start, end = (trig.start, trig.end) if trig is not None else (claim.start, claim.end)
            values = {
                "category": chosen[0],
                "effect": claim.effect.text if claim.effect else "",
                "outcome": claim.outcome.text if claim.outcome else "",
                "sentence": claim.text,
            }
            severity = p.plain_severity if claim.register == "plain" else None
            yield Hit(claim.block, start, end, values=values, severity=severity)
