"""The claim vocabulary, loaded from a pack's `data/lexicon.yml` and `data/outcomes/*.txt`.

Entries are phrases read on lemmas (see the YAML's header); this module only reads and checks
them. `medlint.claims.analyze` turns them into spaCy matchers.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from medlint.yamlload import YamlError, load_yaml

EFFECT_KINDS = ("cure", "prevent", "benefit", "cause")
WORD_SETS = (
    "question-openers",
    "purpose-keepers",
    "purpose-seekers",
    "instruction-verbs",
    "company-nouns",
    "organisation-words",
    "more-words",
    "service-effects",
    "service-nouns",
)
"""The closed word classes the analysis reads (`word-sets:` in the YAML); every one is required."""
_CASED_SETS = frozenset({"organisation-words"})


class LexiconError(Exception):
    """A broken lexicon file; the message names the file."""


@dataclass(frozen=True)
class Lexicon:
    path: Path
    lemma_overrides: dict[str, str]
    effects: dict[str, tuple[str, ...]]
    outcomes: tuple[str, ...]
    ailments: frozenset[str]
    """The outcomes that are ill health (conditions and symptoms, not `body.txt`'s functions):
    raising one is a harm, not a benefit."""
    cues: dict[str, tuple[str, ...]]
    exceptions: tuple[str, ...]
    word_sets: dict[str, frozenset[str]]


def _phrases(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
        raise LexiconError(f"{where}: expected a list of phrases")
    return tuple(str(v).strip().lower() for v in value if str(v).strip())


def read_terms(path: Path) -> list[str]:
    """A term list: one lowercase term per line, `#` lines are comments."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line.lower())
    return out


@functools.lru_cache(maxsize=8)
def load_lexicon(path: Path) -> Lexicon:
    """The lexicon at `path` (cached per path: every claim rule of a pack shares it)."""
    try:
        data = load_yaml(path, track_lines=False)
    except (OSError, YamlError) as exc:
        raise LexiconError(f"{path}: cannot read the claim lexicon: {exc}") from None
    if not isinstance(data, dict):
        raise LexiconError(f"{path}: expected a mapping")
    effects_raw = data.get("effects") or {}
    if not isinstance(effects_raw, dict) or set(effects_raw) - set(EFFECT_KINDS):
        raise LexiconError(f"{path}: effects: expected a mapping of {', '.join(EFFECT_KINDS)}")
    effects = {k: _phrases(v, f"{path}: effects.{k}") for k, v in effects_raw.items()}
    cues_raw = data.get("cues") or {}
    if not isinstance(cues_raw, dict):
        raise LexiconError(f"{path}: cues: expected a mapping")
    cues = {str(k): _phrases(v, f"{path}: cues.{k}") for k, v in cues_raw.items()}
    overrides = data.get("lemma-overrides") or {}
    if not isinstance(overrides, dict):
        raise LexiconError(f"{path}: lemma-overrides: expected a mapping")
    outcomes = list(_phrases(data.get("outcome-words") or [], f"{path}: outcome-words"))
    ailments = set(_phrases(data.get("ailment-words") or [], f"{path}: ailment-words"))
    outcomes.extend(ailments)
    folder = path.parent / "outcomes"
    if folder.is_dir():
        for txt in sorted(folder.glob("*.txt")):
            terms = read_terms(txt)
            outcomes.extend(terms)
            if txt.name != "body.txt":
                ailments.update(terms)
    sets_raw = data.get("word-sets") or {}
    if not isinstance(sets_raw, dict) or set(WORD_SETS) - set(sets_raw):
        missing = ", ".join(sorted(set(WORD_SETS) - set(sets_raw if isinstance(sets_raw, dict) else {})))
        raise LexiconError(f"{path}: word-sets: expected a mapping with {missing}")
    word_sets: dict[str, frozenset[str]] = {}
    for name in WORD_SETS:
        words = sets_raw[name]
        if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
            raise LexiconError(f"{path}: word-sets.{name}: expected a list of words")
        word_sets[name] = frozenset(w.strip() if name in _CASED_SETS else w.strip().lower() for w in words)
    return Lexicon(
        path=path,
        lemma_overrides={str(k).lower(): str(v).lower() for k, v in overrides.items()},
        effects=effects,
        outcomes=tuple(dict.fromkeys(outcomes)),
        ailments=frozenset(ailments),
        cues=cues,
        exceptions=_phrases(data.get("exceptions") or [], f"{path}: exceptions"),
        word_sets=word_sets,
    )
