"""Trained sentence models: how likely a sentence is to meet a scorecard criterion.

A criterion such as "alternatives compared" is met by sentences worded in more ways than any
pattern list covers: patterns written from one set of articles matched their own wording and
missed most new wording (kappa 0.33 on never-read sets against 0.84 on the sets they were
written from). A small linear model over a sentence's lemmas and lemma pairs, trained on the
project's labelled articles and passages (`scripts/train_sentence_models.py`), carries further.

Each model is a JSON file in `medlint/data/models/`: the weight of every feature, a bias, the
threshold chosen by cross-validation when it was trained, and its provenance (what it was
trained on, and the cross-validated agreement). Features are words as `medlint.tokens` cuts
them, lowercased and lemmatised, numbers as `NUM`, and each adjacent pair; then the same with
each word of a known class replaced by the class (`TREATMENT`, `SYMPTOM`, `CONDITION`), so that
"doctors usually prescribe colchicine" and "doctors usually prescribe statins" read alike though
only one was ever seen. The same function makes them when training and when linting, so the two
never drift apart.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from itertools import pairwise
from pathlib import Path
from typing import Any

from medlint.claims.lexicon import read_terms
from medlint.document import BlockKind, Document
from medlint.resources import builtin_rules_dir
from medlint.tokens import lemma, like_num, tokenize

MODELS = "data/models"
# A drug by its generic name's stem ("orvelimab", "atorvastatin"), a procedure by its suffix.
_TREATMENT_STEM = re.compile(
    r"[a-z]+(?:mab|tinib|nib|pril|sartan|statin|olol|dipine|prazole|gliflozin|glutide|xaban|triptan|gepant|"
    r"oxetine|vir|cillin|mycin|floxacin|cycline|parin|dronate|olone|isone|caine|afil|lukast|setron|tidine|"
    r"gliptin|glitazone|limus|fenac|profen|coxib|conazole|azepam|azolam|semide|thiazide|ectomy|plasty|otomy|"
    r"oscopy|ostomy)"
)


def _one_word_terms(path: Path) -> frozenset[str]:
    return frozenset(t for t in read_terms(path) if " " not in t)


@cache
def word_classes() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """One-word treatments (`medlint/data/models/treatments.txt`), symptoms and conditions (the
    claims pack's outcome vocabulary)."""
    outcomes = builtin_rules_dir() / "claims" / "data" / "outcomes"
    shipped = Path(str(resources.files("medlint").joinpath(f"{MODELS}/treatments.txt")))
    return (
        _one_word_terms(shipped),
        _one_word_terms(outcomes / "symptoms.txt"),
        _one_word_terms(outcomes / "conditions.txt"),
    )


def _word_class(word: str) -> str:
    treatments, symptoms, conditions = word_classes()
    # A plural the lemma table does not know ("nsaids", "ssris").
    if word not in treatments and word.endswith("s") and word[:-1] in treatments:
        word = word[:-1]
    if word in treatments or _TREATMENT_STEM.fullmatch(word):
        return "TREATMENT"
    if word in symptoms:
        return "SYMPTOM"
    if word in conditions:
        return "CONDITION"
    return word


def with_lead(lead: str | None, item: str) -> str:
    """What a model reads for a list item: the item after the sentence that leads into it with a
    colon ("Common side effects include:" then "- nausea"), else the item alone."""
    return f"{lead} {item}" if lead else item


# The body blocks that can lead into a list (list items themselves carry the lead on).
_LEADING = (BlockKind.PARAGRAPH, BlockKind.QUOTE, BlockKind.TABLE_CELL)


def list_leads(doc: Document) -> dict[int, str]:
    """For each list item that a body paragraph ending in a colon leads into, that paragraph's
    last sentence, by the item's block index. One pass, for linting and training alike; any
    other block (a heading) ends the lead."""
    leads: dict[int, str] = {}
    lead: str | None = None
    for block in doc.blocks:
        if block.kind is BlockKind.LIST_ITEM:
            if lead:
                leads[block.index] = lead
        elif block.kind in _LEADING:
            text = block.text
            lead = None
            if text.rstrip().endswith(":"):
                sentences = [t for s, e in block.sentence_spans() if len(t := text[s:e].strip()) > 3]
                lead = sentences[-1] if sentences else None
        else:
            lead = None
    return leads


def feature_inputs() -> str:
    """A digest of everything features are made from besides the code: the lemma table and the
    word-class lists. A model trained on other inputs reads different features: stale."""
    digest = hashlib.sha256()
    digest.update(resources.files("medlint").joinpath("data/en_lemma_lookup.json.gz").read_bytes())
    for terms in word_classes():
        digest.update("\n".join(sorted(terms)).encode())
    return digest.hexdigest()[:16]


def features(text: str) -> set[str]:
    """A sentence's features: its lemmas (numbers as `NUM`) and each adjacent pair of them, and
    both again with each word of a known class replaced by its class."""
    words = [
        "NUM" if like_num(lower) else lemma(lower)
        for lower in (t.text.lower() for t in tokenize(text))
        if any(c.isalnum() for c in lower)
    ]
    classed = [_word_class(w) for w in words]
    found = set(words)
    found.update(f"{a} {b}" for a, b in pairwise(words))
    found.update(classed)
    found.update(f"{a} {b}" for a, b in pairwise(classed))
    return found


@lru_cache(maxsize=256)
def _read_features(text: str) -> set[str]:
    """`features(text)`, remembered for the last texts: each criterion with a model reads the
    same sentences (three of them, one after the other). The set is the one first made, so it
    is summed in the same order every time; it is only read."""
    return features(text)


def forget_features() -> None:
    """Empty the remembered features (see `_read_features`)."""
    _read_features.cache_clear()


@dataclass(frozen=True)
class SentenceModel:
    name: str
    weights: dict[str, float]
    bias: float
    threshold: float
    """The probability at or above which a sentence meets the criterion."""
    about: dict[str, Any]
    """Provenance: what it was trained on and how well it did in cross-validation."""

    def probability(self, text: str) -> float:
        weights = self.weights
        z = self.bias + sum(weights.get(f, 0.0) for f in _read_features(text))
        # Clamped: exp of a large negative number overflows.
        return 1.0 / (1.0 + math.exp(-max(min(z, 50.0), -50.0)))


class ModelError(Exception):
    """A named sentence model that is not shipped, or a file that is not one."""


def available() -> list[str]:
    folder = resources.files("medlint").joinpath(MODELS)
    return sorted(p.name[: -len(".json")] for p in folder.iterdir() if p.name.endswith(".json"))


@cache
def load(name: str) -> SentenceModel:
    """The shipped model `name` (read once per process)."""
    path = resources.files("medlint").joinpath(f"{MODELS}/{name}.json")
    if not path.is_file():
        known = ", ".join(available()) or "none"
        raise ModelError(f"no sentence model {name!r} (shipped: {known})")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return SentenceModel(
            name=name,
            weights={str(k): float(v) for k, v in data["weights"].items()},
            bias=float(data["bias"]),
            threshold=float(data["threshold"]),
            about=dict(data["about"]),
        )
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ModelError(f"sentence model {name!r} is not a model file: {exc}") from exc
