"""What the claim analysis says about one sentence: a typed, serialisable description."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

Category = Literal[
    "hype",
    "cure",
    "absolute",
    "superlative",
    "safety",
    "evidence",
    "authority",
    "causal",
    "testimonial",
    "nature",
    "fear",
    "benefit",
]
CATEGORIES: tuple[Category, ...] = get_args(Category)
"""In order of precedence: a sentence's main category is the first of its categories here."""

Strength = Literal["fact", "hedged"]
Stance = Literal["asserted", "negated", "questioned", "refuted"]
Verdict = Literal["supported", "needs-figure", "needs-source", "overclaim"]
Register = Literal["promotional", "plain"]
STRENGTHS: tuple[Strength, ...] = get_args(Strength)
STANCES: tuple[Stance, ...] = get_args(Stance)
REGISTERS: tuple[Register, ...] = get_args(Register)
QUALITIES: tuple[str, ...] = (
    "scope",
    "absolute",
    "superlative",
    "comparison",
    "safety",
    "evidence",
    "authority",
    "nature",
    "tradition",
    "testimonial",
    "hype",
    "fear",
    "weak-study",
    "own",
    "serious",
)


@dataclass(frozen=True, slots=True)
class Part:
    """A piece of the claim: its words and where they are (prose offsets in the block)."""

    text: str
    start: int
    end: int
    kind: str = ""
    """For an effect: cure, prevent, benefit or cause; for a cue: the quality it shows."""


@dataclass(frozen=True, slots=True)
class Claim:
    """One sentence that makes a health claim, with the parts an editor judges."""

    block: int
    start: int
    end: int
    """The sentence, in prose offsets of `block`."""
    text: str
    category: Category
    categories: tuple[Category, ...]
    actor: Part | None
    effect: Part | None
    outcome: Part | None
    strength: Strength
    stance: Stance
    qualities: tuple[str, ...]
    quantified: bool = False
    cited: bool = False
    serious: bool = False
    """The effect is against a serious disease (cancer, dementia, heart disease...): a hedge does
    not make such a promise proportionate."""
    modal_only: bool = False
    """The claim is hedged by a modal alone ("may help with weight loss"): nothing says for whom,
    how much or how sure, so the hedge does not make it proportionate ("may help some people")."""
    register: Register = "plain"
    trigger: Part | None = None
    """The words that decided the main category: where a finding points."""
    triggers: tuple[tuple[Category, Part], ...] = ()
    """For each category, the words that show it."""

    def trigger_for(self, category: Category) -> Part | None:
        for cat, part in self.triggers:
            if cat == category:
                return part
        return self.trigger

    @property
    def verdict(self) -> Verdict:
        if self.category in ("hype", "cure", "absolute", "superlative", "safety", "testimonial", "nature", "fear"):
            return "overclaim" if not (self.cited and self.quantified) else "supported"
        if self.cited and (self.quantified or self.category in ("evidence", "authority", "causal")):
            return "supported"
        if self.category in ("evidence", "authority", "causal") and not self.cited:
            return "needs-source"
        if not self.quantified:
            return "needs-figure"
        return "needs-source" if not self.cited else "supported"

    def as_json(self) -> dict[str, object]:
        def part(p: Part | None) -> dict[str, object] | None:
            return None if p is None else {"text": p.text, "kind": p.kind}

        return {
            "text": self.text,
            "category": self.category,
            "categories": list(self.categories),
            "actor": part(self.actor),
            "effect": part(self.effect),
            "outcome": part(self.outcome),
            "strength": self.strength,
            "stance": self.stance,
            "qualities": list(self.qualities),
            "quantified": self.quantified,
            "cited": self.cited,
            "serious": self.serious,
            "register": self.register,
            "verdict": self.verdict,
        }
