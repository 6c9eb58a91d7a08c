"""Which files `medlint check PATH...` reads: named files always, directories by extension."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from medlint.parse import EXTENSIONS

DEFAULT_EXCLUDES = (
    ".git", ".hg", ".svn", ".venv", "venv", ".tox", ".nox", "node_modules", "__pycache__",
    ".mypy_cache", ".pytest_cache", ".ruff_cache", "site-packages", "_build", "build", "dist",
    ".pre-commit-cache",
)


class Excluder:
    """gitignore-style patterns (via pathspec), relative to the configuration's directory."""

    def __init__(self, patterns: Sequence[str], root: Path) -> None:
        self.root = root
        self.spec = None
        if patterns:
            import pathspec

            self.spec = pathspec.GitIgnoreSpec.from_lines(patterns)

    def excluded(self, path: Path) -> bool:
        if self.spec is None:
            return False
        try:
            rel = path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            rel = path.as_posix()
        return self.spec.match_file(rel) or (path.is_dir() and self.spec.match_file(rel + "/"))


def walk(directory: Path, excluder: Excluder) -> Iterator[Path]:
    for root, dirs, files in os.walk(directory):
        here = Path(root)
        dirs[:] = sorted(d for d in dirs if d not in DEFAULT_EXCLUDES and not excluder.excluded(here / d))
        for name in sorted(files):
            path = here / name
            if path.suffix.lower() in EXTENSIONS and not excluder.excluded(path):
                if path.exists() and not path.is_file():
                    continue  # a FIFO or device met in a folder: reading it could block forever
                yield path
