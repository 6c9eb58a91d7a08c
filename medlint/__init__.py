"""medlint: a content-quality linter for health writing.

The public API is imported lazily so `import medlint` (and the CLI's cold start) stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from medlint.version import __version__

if TYPE_CHECKING:
    from medlint.api import Scorer, lint_paths, lint_text, score_paths
    from medlint.config import ConfigError, Settings
    from medlint.criteria import Scorecard
    from medlint.engine import FileOutcome, Linter
    from medlint.findings import (
        Applicability,
        Edit,
        FileResult,
        Finding,
        Fix,
        InputError,
        Report,
        RuleInfo,
        Scope,
        SectionGrade,
        Severity,
    )
    from medlint.registry.rules import RulePackError
    from medlint.session import RunOptions, Session, run

__all__ = [
    "Applicability",
    "ConfigError",
    "Edit",
    "FileOutcome",
    "FileResult",
    "Finding",
    "Fix",
    "InputError",
    "Linter",
    "Report",
    "RuleInfo",
    "RulePackError",
    "RunOptions",
    "Scope",
    "Scorecard",
    "Scorer",
    "SectionGrade",
    "Session",
    "Settings",
    "Severity",
    "__version__",
    "lint_paths",
    "lint_text",
    "run",
    "score_paths",
]

_HOMES = {
    "lint_text": "medlint.api",
    "lint_paths": "medlint.api",
    "Session": "medlint.session",
    "RunOptions": "medlint.session",
    "run": "medlint.session",
    "Scorer": "medlint.api",
    "score_paths": "medlint.api",
    "Scorecard": "medlint.criteria",
    "Settings": "medlint.config",
    "ConfigError": "medlint.config",
    "Linter": "medlint.engine",
    "FileOutcome": "medlint.engine",
    "RulePackError": "medlint.registry.rules",
    **{
        name: "medlint.findings"
        for name in (
            "Applicability",
            "Edit",
            "FileResult",
            "Finding",
            "Fix",
            "InputError",
            "Report",
            "RuleInfo",
            "Scope",
            "SectionGrade",
            "Severity",
        )
    },
}


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        import importlib

        return getattr(importlib.import_module(_HOMES[name]), name)
    raise AttributeError(f"module 'medlint' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
