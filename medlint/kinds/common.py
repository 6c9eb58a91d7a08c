"""What several kinds share, so that no kind imports another: article-type names, positive
counts, and whether a front-matter value is filled in."""

from __future__ import annotations

from typing import Any

from medlint.analysis.classify import DOC_TYPES
from medlint.kinds.base import names_from, typed

doc_types = names_from(DOC_TYPES, "document type")
"""A validator for a list of article types (`medlint.analysis.classify.DOC_TYPES`)."""


def positive_int(value: Any) -> int:
    n: int = typed(int)(value)
    if n < 1:
        raise ValueError("expected a positive integer")
    return n


def filled(value: Any, depth: int = 0) -> bool:
    """Whether a front-matter value says something (not empty, not only blanks)."""
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if depth > 5:  # a YAML alias can make a list that holds itself: `author: &a [*a]`
        return False
    if isinstance(value, dict):
        return any(filled(v, depth + 1) for v in value.values())
    if isinstance(value, (list, tuple)):
        return any(filled(v, depth + 1) for v in value)
    return True
