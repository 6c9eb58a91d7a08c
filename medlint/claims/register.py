"""The claims register: every claim of a document, located in the source, with its support.

Medical, legal and regulatory reviewers build this table by hand (the "substantiation table"):
each claim, where it is, what kind of claim it is, whether a figure and a source back it, and
what has to change. Here it comes from the claim analysis the `claim` rules already run
(`medlint.claims.analyze.document_claims`), so `medlint check` and `medlint claims` share it: the
analysis runs once per document and lexicon.

Positions are those of the claim's sentence: 1-based lines and columns counting characters,
the end one past the last character, as for findings.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from medlint.claims.analyze import DocumentClaims, cached_claims, document_claims
from medlint.claims.model import Claim, Register
from medlint.document import Document


@dataclass(frozen=True, slots=True)
class LocatedClaim:
    """One claim with its place in the source file."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    start_offset: int
    end_offset: int
    """The sentence, in source offsets (end exclusive)."""
    claim: Claim

    @property
    def asserted(self) -> bool:
        return self.claim.stance == "asserted"

    def to_json(self) -> dict[str, Any]:
        """The register's claim object (docs/claims-register.schema.json, `$defs/claim`)."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            **self.claim.as_json(),
        }


@dataclass(frozen=True, slots=True)
class FileClaims:
    """The claims register of one file: all its claims, whatever their stance, in text order."""

    path: str
    register: Register
    """The document's register: "promotional" (selling copy) or "plain"."""
    register_reason: str
    claims: tuple[LocatedClaim, ...]

    def shown(self, include_all: bool = False) -> tuple[LocatedClaim, ...]:
        """The asserted claims, or every claim with `include_all`."""
        return self.claims if include_all else tuple(c for c in self.claims if c.asserted)

    def to_json(self, include_all: bool = False) -> dict[str, Any]:
        return {
            "path": self.path,
            "register": self.register,
            "register_reason": self.register_reason,
            "claims": [c.to_json() for c in self.shown(include_all)],
        }


def support(claim: Claim) -> str:
    """What backs the claim, for people: "no figure, no source", "figure, source"..."""
    figure = "figure" if claim.quantified else "no figure"
    source = "source" if claim.cited else "no source"
    return f"{figure}, {source}"


def collect(doc: Document, notes: dict[Any, Any], promotional: bool, lexicon: Path, *, run: bool) -> FileClaims | None:
    """The register of `doc` from the analysis the claim rules cached in `notes`; when they did
    not run on it, None, unless `run` asks for the analysis anyway (`medlint claims`)."""
    if not run and cached_claims(notes, lexicon) is None:
        return None
    found = document_claims(doc, notes, lexicon, promotional)
    return FileClaims(doc.path, found.register, found.register_reason, locate(doc, found.claims))


def let_go_of_triggers(found: object) -> None:
    """Drop, in place, the words that showed each claim's categories (`Claim.trigger`,
    `Claim.triggers`) from a document's claim analysis (`DocumentClaims`): only the claim rules
    point their findings at them, and the engine calls this after the last of those has run.
    The register, the report and the criteria read the rest of each claim. (A 10 MB article's
    23,000 claims held about 6 MB of such parts to the end.)"""
    if not isinstance(found, DocumentClaims):
        return
    claims = found.claims
    for i, claim in enumerate(claims):
        if claim.trigger is not None or claim.triggers:
            claims[i] = dataclasses.replace(claim, trigger=None, triggers=())


def locate(doc: Document, claims: Iterable[Claim]) -> tuple[LocatedClaim, ...]:
    """Each claim's sentence in source offsets, lines and columns, sorted by position."""
    out = []
    # Claims share the int objects of equal lines and columns (most claims of a paragraph are
    # on its line; the end is mostly on the start's line): 32 bytes each, 23,000 claims.
    numbers: dict[int, int] = {}
    one = numbers.setdefault
    for claim in claims:
        prose = doc.blocks[claim.block].prose
        start, end = prose.source_start(claim.start), prose.source_end(claim.end)
        line, column = doc.lines.line_col(start)
        end_line, end_column = doc.lines.line_col(end)
        out.append(
            LocatedClaim(
                doc.path,
                one(line, line),
                one(column, column),
                one(end_line, end_line),
                one(end_column, end_column),
                start,
                end,
                claim,
            )
        )
    out.sort(key=lambda c: (c.start_offset, c.end_offset))
    return tuple(out)


__all__ = ["FileClaims", "LocatedClaim", "collect", "let_go_of_triggers", "locate", "support"]
