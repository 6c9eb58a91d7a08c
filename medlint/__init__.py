"""medlint: a content-quality linter for health writing.

The public API is imported lazily so `import medlint` (and the CLI's cold start) stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from medlint.api import lint_paths, lint_text
    from medlint.config import Settings
    from medlint.engine import Linter
    from medlint.findings import FileResult, Finding, InputError, Report, Severity

__all__ = [
    "FileResult", "Finding", "InputError", "Linter", "Report", "Settings", "Severity",
    "__version__", "lint_paths", "lint_text",
]

_HOMES = {
    "lint_text": "medlint.api", "lint_paths": "medlint.api", "Settings": "medlint.config",
    "Linter": "medlint.engine", "Finding": "medlint.findings", "FileResult": "medlint.findings",
    "InputError": "medlint.findings", "Report": "medlint.findings", "Severity": "medlint.findings",
}


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        import importlib

        return getattr(importlib.import_module(_HOMES[name]), name)
    raise AttributeError(f"module 'medlint' has no attribute {name!r}")
