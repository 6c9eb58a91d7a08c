"""What several kinds share, so that no kind imports another: which articles a rule is for
(`types`, selling copy only), positive counts, and whether a front-matter value is filled in."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from medlint.analysis.classify import DOC_TYPES
from medlint.kinds.base import RuleContext, names_from, param, typed

doc_types = names_from(DOC_TYPES, "document type")


def positive_int(value: Any) -> int:
    n: int = typed(int)(value)
    if n < 1:
        raise ValueError("expected a positive integer")
    return n


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class AppliesParams:
    """The parameters that say which articles a completeness rule is meant for."""

    types: list[str] = param([], doc_types)
    """Article types the rule is for (none: every type)."""
    only_promotional: bool = param(False, typed(bool))
    """Only selling copy."""
    exposures: bool = param(True, typed(bool))
    """Also study news about an exposure ("people who drank coffee"); false: not asked of it."""
    announcements: bool = param(True, typed(bool))
    """Also a press release whose title announces a launch; false: not asked of it."""


def not_applicable_reason(params: AppliesParams, ctx: RuleContext) -> str:
    """Why `applies` said no, for a scorecard's reader."""
    dt = ctx.doc_type
    exposure = getattr(dt, "exposure", None)
    if exposure and not params.exposures:
        return f"not asked of news about an exposure ({exposure})"
    announcement = getattr(dt, "announcement", None)
    if announcement and not params.announcements:
        return f"not asked of a press release that announces ({announcement})"
    kind = dt.type if dt is not None else "article"
    return f"not asked of a {kind} page" + (" that is not selling copy" if params.only_promotional else "")


def applies(params: AppliesParams, ctx: RuleContext) -> bool:
    """The rule is meant for this kind of article (no doc type known: apply everywhere)."""
    dt = ctx.doc_type
    if dt is None:
        return not params.only_promotional
    if params.types and dt.type not in params.types:
        return False
    if getattr(dt, "exposure", None) and not params.exposures:
        return False  # study news about what people eat or do: nothing is offered to weigh
    if getattr(dt, "announcement", None) and not params.announcements:
        return False
    return bool(dt.promotional) or not params.only_promotional


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
