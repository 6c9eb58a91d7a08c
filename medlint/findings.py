"""Typed, immutable results: findings, per-file summaries, input errors and the whole report."""

from __future__ import annotations

import enum
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from medlint.version import __version__

if TYPE_CHECKING:
    from medlint.claims.register import FileClaims, LocatedClaim
    from medlint.criteria import Scorecard

Scope = Literal["span", "document"]
Applicability = Literal["safe", "unsafe"]
"""`safe`: applied by `medlint check --fix`; `unsafe`: only with `--unsafe-fixes` too."""


class Severity(enum.IntEnum):
    """Ordered so that `severity >= fail_level` reads naturally."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls[value.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {value!r} (expected one of: error, warning, info)") from None

    @property
    def label(self) -> str:
        return self.name.lower()

    def __str__(self) -> str:
        """The name a user writes in configuration ("warning"), not the number behind it."""
        return self.label

    def __format__(self, spec: str) -> str:
        return format(self.label, spec)


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the source between two places with `content` (empty: delete).

    Offsets index the decoded text of the file (after a byte-order mark), the positions a
    finding carries: lines and columns 1-based in characters, the end one past the last.
    """

    content: str
    start_offset: int
    end_offset: int
    line: int
    column: int
    end_line: int
    end_column: int

    def to_json(self) -> dict[str, Any]:
        return {
            "content": self.content,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
        }


@dataclass(frozen=True, slots=True)
class Fix:
    """A change that resolves a finding, apart from its advice (`Finding.suggestion`)."""

    applicability: Applicability
    message: str
    """What the fix does, e.g. "Replace 'utilize' with 'use'"."""
    edits: tuple[Edit, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "applicability": self.applicability,
            "message": self.message,
            "edits": [e.to_json() for e in self.edits],
        }


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem at one place. Lines and columns are 1-based and count characters.

    `end_line`/`end_column` point one past the last character, like an editor selection,
    so a one-character match has `end_column == column + 1`.
    """

    path: str
    code: str
    name: str
    pack: str
    severity: Severity
    message: str
    line: int
    column: int
    end_line: int
    end_column: int
    start_offset: int
    end_offset: int
    match: str | None
    suggestion: str | None = None
    scope: Scope = "span"
    context: str = ""
    fix: Fix | None = None
    """An applicable edit (`medlint check --fix`), when the rule has one for this match."""

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "code": self.code,
            "name": self.name,
            "pack": self.pack,
            "severity": self.severity.label,
            "message": self.message,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "match": self.match,
            "suggestion": self.suggestion,
            "scope": self.scope,
            "context": self.context,
            "fix": self.fix.to_json() if self.fix else None,
        }


@dataclass(frozen=True, slots=True)
class FileResult:
    """What medlint learnt about one linted file beside its findings."""

    path: str
    words: int
    format: str
    doc_type: str = "other"
    doc_type_reason: str = ""
    grades: tuple[SectionGrade, ...] = ()
    claims: FileClaims | None = None
    """The claims register of the file; None when the claim analysis did not run on it."""
    scorecard: Scorecard | None = None
    """Each review criterion's verdict; None when no rule judging a criterion was selected."""

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "path": self.path,
            "words": self.words,
            "format": self.format,
            "type": self.doc_type,
            "type_reason": self.doc_type_reason,
            "grades": [g.to_json() for g in self.grades],
        }
        if self.scorecard is not None:
            out["scorecard"] = self.scorecard.summary_json()
        return out


@dataclass(frozen=True, slots=True)
class SectionGrade:
    """Reading grade of one section (or the whole document when `heading` is None)."""

    heading: str | None
    line: int
    metric: str
    value: float | None
    words: int
    target: float | None = None
    """The audience's target on this metric (None: no target, e.g. professional readers)."""

    def to_json(self) -> dict[str, Any]:
        return {
            "heading": self.heading,
            "line": self.line,
            "metric": self.metric,
            "value": self.value,
            "words": self.words,
            "target": self.target,
        }


@dataclass(frozen=True, slots=True)
class InputError:
    """A file (or the configuration) that could not be linted, in one line."""

    path: str
    message: str

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "message": self.message}


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """What reporters need to describe a rule (SARIF rules, help links, docs)."""

    code: str
    name: str
    pack: str
    severity: Severity
    summary: str
    why: str
    help_uri: str


@dataclass(frozen=True)
class Report:
    findings: tuple[Finding, ...]
    files: tuple[FileResult, ...]
    errors: tuple[InputError, ...]
    rules: tuple[RuleInfo, ...] = ()
    sources: dict[str, str] = field(default_factory=dict)
    """Decoded text of each linted file, keyed by path, for reporters that show context."""
    fixed: int = 0
    """Findings fixed in the files by `medlint check --fix` before this report was made."""
    diffs: dict[str, str] = field(default_factory=dict)
    """With `--fix` or `--diff`: a unified diff of each file the fixes change."""
    fail_level: Severity = Severity.WARNING
    """The run's fail level: findings at or above it fail the run (see `failed`)."""
    skipped: tuple[tuple[str, str], ...] = ()
    """Each file or folder a folder walk left out on purpose, with why (`--verbose` prints them)."""

    criteria_failures: tuple[str, ...] = ()
    """Why files fail their configuration's scorecard gates (`fail-criteria`, `min-score`), one
    line each ("a.md: scorecard: criterion 'harms' is not satisfactory")."""

    @property
    def failed(self) -> bool:
        """Whether any finding is at or above the fail level, or a file fails a scorecard gate
        (the command line then exits 1)."""
        return bool(self.criteria_failures) or any(f.severity >= self.fail_level for f in self.findings)

    @property
    def claims_ran(self) -> bool:
        """Whether the claim analysis ran on any file of the report."""
        return any(f.claims is not None for f in self.files)

    def claims(self, include_all: bool = False) -> tuple[LocatedClaim, ...]:
        """The claims register of every file, in file order: asserted claims, or all of them."""
        return tuple(c for f in self.files if f.claims is not None for c in f.claims.shown(include_all))

    def to_json(self) -> dict[str, Any]:
        return {key: value if isinstance(value, str) else list(value) for key, value in self.json_fields()}

    def json_fields(self) -> Iterator[tuple[str, str | Iterator[dict[str, Any]]]]:
        """The fields of the JSON report in order, each list an entry at a time: a report
        can be written out without being built whole (the claims register of a 10 MB
        article is 22,000 entries, 70 MB as dictionaries and text)."""
        yield "version", __version__
        yield "findings", (f.to_json() for f in self.findings)
        yield "files", (f.to_json() for f in self.files)
        yield "errors", (e.to_json() for e in self.errors)
        if self.claims_ran:
            yield "claims", (c.to_json() for c in self.claims())
