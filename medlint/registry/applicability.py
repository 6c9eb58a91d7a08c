"""Which documents a rule is for, and which of their blocks it reads: the rule file's top-level
`types`, `promotional`, `exposures`, `preclinical`, `diets`, `announcements`,
`business_events`, `audiences` and `where`.

    types: [treatment, news]     # article types (medlint.analysis.classify); default: every type
    promotional: also            # also: selling copy of any type too; only: selling copy only
    exposures: false             # not news about an exposure ("people who drank coffee")
    preclinical: false           # not news about work in animals or cells
    diets: false                 # not news about a change in what people eat (a diet)
    announcements: false         # not a press release announcing a launch (title or lede)
    business_events: false       # not a release about an award, a website... naming no health intervention
    audiences: [patient, general]  # the audience settings it is for; default: every audience
    where: [heading, body]       # the blocks it reads (title, heading, body); default: the kind's

One loader checks these keys for every kind (`load_applicability`), the JSON Schema for rule
files is generated from `Applicability`, and the engine asks `why_not` once per document: a
rule that is not for the document is not run at all, and a scorecard criterion it judges reads
"not applicable" with the reason. `where` is the one key a kind reads itself (as
`Kind.block_kinds`), since a kind that looks for something missing reads the blocks it may
be in; a kind that takes no `where` (its `Kind.WHERE` is None) rejects the key.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from medlint.analysis.classify import DocType
from medlint.config import AUDIENCES
from medlint.kinds import Kind
from medlint.kinds.base import PLACES, ParamError, choice, load_params, names_from, param, typed
from medlint.kinds.common import doc_types

PROMOTIONAL = ("also", "only")
"""`promotional: also`: selling copy of any type too; `only`: only selling copy."""


@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class Applicability:
    """A rule's applicability keys, validated. The defaults make a rule apply everywhere."""

    types: list[str] = param([], doc_types, doc="The article types the rule is for (default: every type).")
    promotional: str | None = param(
        None,
        choice(*PROMOTIONAL),
        doc="Selling copy: 'also' applies the rule to selling copy of any type too, 'only' to selling copy only.",
    )
    exposures: bool = param(
        True, typed(bool), doc="false: not asked of news about an exposure (what people eat, drink or do)."
    )
    preclinical: bool = param(
        True, typed(bool), doc="false: not asked of news about work in animals or cells, with no study in people."
    )
    diets: bool = param(
        True,
        typed(bool),
        doc="false: not asked of news about a change in what people eat (a diet, an eating pattern), "
        "with nothing bought.",
    )
    announcements: bool = param(
        True, typed(bool), doc="false: not asked of a press release whose title or lede announces a launch."
    )
    business_events: bool = param(
        True,
        typed(bool),
        doc="false: not asked of a press release about a business event (an award, a website) "
        "that names no health intervention.",
    )
    audiences: list[str] = param(
        [],
        names_from(AUDIENCES, "audience"),
        doc="The audience settings the rule is for (default: every audience).",
    )
    where: list[str] | None = param(
        None,
        names_from(PLACES, "place"),
        doc="The blocks the rule reads: title, heading, body (default: the kind's; not every kind takes it).",
    )

    def why_not(self, doc_type: DocType, audience: str) -> str | None:
        """Why the rule is not for this document and audience setting, or None when it is."""
        if self.audiences and audience not in self.audiences:
            return f"not for the {audience} audience"
        if doc_type.exposure and not self.exposures:
            return f"not asked of news about an exposure ({doc_type.exposure}), not an intervention"
        if doc_type.preclinical and not self.preclinical:
            return f"not asked of news about work in animals or cells ({doc_type.preclinical})"
        if doc_type.diet and not self.diets:
            return f"not asked of news about a change in what people eat ({doc_type.diet}), with nothing to buy"
        if doc_type.business and not self.business_events:
            return (
                f"not asked of a press release about a business event ({doc_type.business}) "
                "that names no health intervention"
            )
        if doc_type.announcement and not self.announcements:
            return f"not asked of a press release that announces ({doc_type.announcement})"
        if self.promotional == "only" and not doc_type.promotional:
            return f"not asked of a {doc_type.type} page that is not selling copy"
        if self.types and doc_type.type not in self.types and not (self.promotional == "also" and doc_type.promotional):
            return f"not asked of a {doc_type.type} page"
        return None

    def describe(self) -> list[str]:
        """The conditions in words, one per line, for the rule's documentation page (none when
        the rule applies to every document and audience)."""
        lines = []
        if self.types:
            types = ", ".join(self.types)
            lines.append(
                f"Article types: {types}" + (", and selling copy of any type" if self.promotional == "also" else "")
            )
        if self.promotional == "only":
            lines.append("Only selling copy (press releases, product and clinic pages)")
        if not self.exposures:
            lines.append("Not news about an exposure (what people eat, drink or do), which offers no intervention")
        if not self.preclinical:
            lines.append("Not news about work in animals or cells, with no study in people")
        if not self.diets:
            lines.append("Not news about a change in what people eat (a diet, an eating pattern), with nothing to buy")
        if not self.announcements:
            lines.append("Not a press release whose title announces a launch or an opening")
        if not self.business_events:
            lines.append(
                "Not a press release about a business event (an award, a website) that names no health intervention"
            )
        if self.audiences:
            lines.append(f"Audience settings: {', '.join(self.audiences)}")
        return lines


KEYS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(Applicability))
"""The rule file's applicability keys, top-level next to `code` and `check`."""

EVERYWHERE = Applicability()
"""A rule with no applicability keys."""


def load_applicability(
    data: Mapping[str, Any], kind: type[Kind[Any]], base: Applicability = EVERYWHERE
) -> Applicability:
    """The applicability keys in `data` (a rule file, or a rule's options in the configuration)
    over `base`; a bad value is a `ParamError` naming its key. `where` must name places that
    `kind` reads."""
    given = {key: data[key] for key in KEYS if key in data}
    if not given:
        return base
    if "where" in given:
        if kind.WHERE is None:
            raise ParamError("where", f"kind {kind.name!r} reads the whole document: its rules take no 'where'")
        if kind.PLACES is not PLACES:
            try:
                names_from(kind.PLACES, "place")(given["where"])
            except ValueError as exc:
                raise ParamError("where", f"'where': {exc}") from None
    loaded = load_params(Applicability, given, kind.name)
    return dataclasses.replace(base, **{key: getattr(loaded, key) for key in given})


__all__ = ["EVERYWHERE", "KEYS", "PROMOTIONAL", "Applicability", "load_applicability"]
