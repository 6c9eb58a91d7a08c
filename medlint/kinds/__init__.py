"""Registry of rule kinds: kind name -> module, imported only when a rule uses it."""

from __future__ import annotations

import importlib
from typing import Any

from medlint.kinds.base import Hit, Kind, ParamError, RuleContext

# Each module defines one Kind subclass named in the value. Adding a kind means adding a line
# here; adding a rule never does.
KIND_MODULES: dict[str, tuple[str, str]] = {
    "phrase": ("medlint.kinds.phrase", "PhraseKind"),
    "claim": ("medlint.kinds.claim", "ClaimKind"),
    "substitution": ("medlint.kinds.substitution", "SubstitutionKind"),
    "abbreviation": ("medlint.kinds.abbreviation", "AbbreviationKind"),
    "sentence-length": ("medlint.kinds.length", "SentenceLengthKind"),
    "paragraph-length": ("medlint.kinds.length", "ParagraphLengthKind"),
    "passive-voice": ("medlint.kinds.passive", "PassiveVoiceKind"),
    "reading-grade": ("medlint.kinds.grade", "ReadingGradeKind"),
    "required-content": ("medlint.kinds.required", "RequiredContentKind"),
    "section-content": ("medlint.kinds.required", "SectionContentKind"),
    "coverage-balance": ("medlint.kinds.balance", "CoverageBalanceKind"),
    "date-currency": ("medlint.kinds.currency", "DateCurrencyKind"),
    "criterion": ("medlint.kinds.criterion", "CriterionKind"),
    "suppression": ("medlint.kinds.noop", "EngineKind"),
}

__all__ = ["KIND_MODULES", "Hit", "Kind", "ParamError", "RuleContext", "kind_class"]


def kind_class(name: str) -> type[Kind[Any]]:
    try:
        module_name, class_name = KIND_MODULES[name]
    except KeyError:
        raise ParamError("kind", f"unknown kind {name!r} (known: {', '.join(sorted(KIND_MODULES))})") from None
    cls: type[Kind[Any]] = getattr(importlib.import_module(module_name), class_name)
    return cls
