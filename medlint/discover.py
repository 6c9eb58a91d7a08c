"""Which files `medlint check PATH...` reads: articles, not a repository's own files.

A folder walk keeps files with an article extension (`.md .markdown .mdown .html .htm .txt
.text`), or matching `include` when it is set, and skips:

- tool and build folders (`DEFAULT_EXCLUDES`: `.git`, `node_modules`, `_site`...), always;
- what `.gitignore` files ignore (each applies below its own folder, the deepest decides, as
  in git; `.git/info/exclude` too);
- known non-article files (`NON_ARTICLE_NAMES`: README, LICENSE, CHANGELOG, requirements...)
  and folders (`.github`), unless an `include` pattern names them;
- the configuration's `exclude` and `extend-exclude` patterns.

A file named on the command line is always read, unless `force-exclude` is on (as in the
pre-commit hook, which names every changed file): then the same rules apply to it, except
`.gitignore` (a tracked file was committed on purpose).
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Callable, Collection, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from medlint.parse import EXTENSIONS

if TYPE_CHECKING:
    import pathspec

DEFAULT_EXCLUDES = (
    ".git",
    ".hg",
    ".svn",
    ".venv",
    "venv",
    ".tox",
    ".nox",
    "node_modules",
    "__pycache__",
    ".mypy_cache",
    ".pytest_cache",
    ".ruff_cache",
    "site-packages",
    "_build",
    "build",
    "dist",
    ".pre-commit-cache",
    "_site",
    ".jekyll-cache",
    ".docusaurus",
    ".next",
    ".nuxt",
    ".svelte-kit",
    ".cache",
    "htmlcov",
)
"""Folder names never walked into: version control, environments, caches and built sites."""

NON_ARTICLE_NAMES = (
    "readme",
    "license",
    "licence",
    "copying",
    "notice",
    "changelog",
    "changes",
    "history",
    "news",
    "contributing",
    "code_of_conduct",
    "code-of-conduct",
    "security",
    "support",
    "authors",
    "contributors",
    "maintainers",
    "codeowners",
    "citation",
    "governance",
    "funding",
    "todo",
    "pull_request_template",
    "issue_template",
    "release_notes",
    "release-notes",
)
"""Repository files, matched case-insensitively on the name before its first dot
(`README.md`, `LICENSE.txt`, `readme.de.md`, `CHANGELOG`)."""

NON_ARTICLE_GLOBS = (
    "requirements*.txt",
    "constraints*.txt",
    "robots.txt",
    "humans.txt",
    "ads.txt",
    "llms.txt",
    "license-*",
    "licence-*",
)
"""Lowercase file-name globs of other non-article files."""

NON_ARTICLE_DIRS = (".github", ".gitlab", ".circleci", "licenses", "licences")
"""Lowercase folder names holding repository files (issue templates, licence texts)."""


def is_non_article(path: Path) -> bool:
    """A repository file, not an article, by its name or a folder it sits in. `path` is
    relative to the project (folders above it, where the project happens to live, do not count)."""
    name = path.name.lower()
    if name.split(".", 1)[0] in NON_ARTICLE_NAMES:
        return True
    if any(fnmatch.fnmatchcase(name, g) for g in NON_ARTICLE_GLOBS):
        return True
    return any(part.lower() in NON_ARTICLE_DIRS for part in path.parent.parts)


def _project_relative(path: Path, root: Path) -> Path:
    """`path` relative to the configuration's folder, else just its name."""
    try:
        return path.resolve().relative_to(root.resolve())
    except ValueError:
        return Path(path.name)


def _spec(patterns: Sequence[str]) -> pathspec.GitIgnoreSpec | None:
    if not patterns:
        return None
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(patterns)


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


class Excluder:
    """The configuration's `include` and `exclude` patterns (gitignore-style, via pathspec),
    relative to the configuration's directory, its `extensions`, and the built-in non-article
    names."""

    def __init__(
        self,
        patterns: Sequence[str],
        root: Path,
        include: Sequence[str] = (),
        extensions: Collection[str] = (),
    ) -> None:
        self.root = root
        self.spec = _spec(patterns)
        self.include = _spec(include)
        self.extensions = frozenset(EXTENSIONS) | frozenset(extensions)

    def excluded(self, path: Path) -> bool:
        """Matched by an `exclude` pattern (a folder also by its name with a slash)."""
        if self.spec is None:
            return False
        rel = _relative(path, self.root)
        return self.spec.match_file(rel) or (path.is_dir() and self.spec.match_file(rel + "/"))

    def included(self, path: Path) -> bool | None:
        """Whether `include` names the file; None when there is no `include`."""
        if self.include is None:
            return None
        return self.include.match_file(_relative(path, self.root))

    def wanted(self, path: Path) -> bool:
        """Whether a file is an article to lint: by `include` (else by extension), not a
        non-article name unless `include` names it, and not excluded."""
        return self.unwanted(path) is None

    def unwanted(self, path: Path) -> str | None:
        """Why a file is not an article to lint (for `--verbose`), or None when it is one."""
        named = self.included(path)
        if named is None:
            if path.suffix.lower() not in self.extensions:
                return "not an article extension (see `extensions` in the configuration)"
            if is_non_article(_project_relative(path, self.root)):
                return "a repository file, not an article (README, LICENSE...; `include` can name it)"
        elif not named:
            return "not matched by `include`"
        return "matched by `exclude`" if self.excluded(path) else None


class GitIgnore:
    """The `.gitignore` files that apply to a walk: those of the folder and its parents up to
    the repository's top (with `.git/info/exclude`), and those met on the way down."""

    def __init__(self, directory: Path) -> None:
        self.specs: dict[Path, pathspec.GitIgnoreSpec] = {}
        self.read: set[Path] = set()
        start = directory.resolve()
        top = next((d for d in (start, *start.parents) if (d / ".git").exists()), None)
        if top is not None:
            self._load(top, top / ".git" / "info" / "exclude")
            for d in reversed((start, *start.parents)):
                if d == top or top in d.parents:
                    self.add(d)
        else:
            self.add(start)

    def _load(self, base: Path, file: Path) -> None:
        try:
            lines = file.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            return
        spec = _spec(lines)
        if spec is not None:
            old = self.specs.get(base)
            self.specs[base] = spec if old is None else old + spec

    def add(self, directory: Path) -> None:
        """Read `directory/.gitignore`, if there is one (once)."""
        resolved = directory.resolve()
        if resolved in self.read:
            return
        self.read.add(resolved)
        gitignore = directory / ".gitignore"
        if gitignore.is_file():
            self._load(resolved, gitignore)

    def ignored(self, path: Path, is_dir: bool) -> bool:
        if not self.specs:
            return False
        resolved = path.resolve()
        # The deepest .gitignore with an opinion decides (a `!pattern` there re-includes).
        for base in sorted(
            (b for b in self.specs if b == resolved.parent or b in resolved.parents),
            key=lambda b: len(b.parts),
            reverse=True,
        ):
            rel = resolved.relative_to(base).as_posix() + ("/" if is_dir else "")
            result = self.specs[base].check_file(rel)
            if result.include is not None:
                return bool(result.include)
        return False


Report = Callable[[Path, str], None]
"""Told of a path the walk leaves out, with why (a skipped file or folder; a folder that
cannot be read)."""


def _ignore(path: Path, why: str) -> None:
    pass


def walk(
    directory: Path, excluder: Excluder, skipped: Report = _ignore, unreadable: Report = _ignore
) -> Iterator[Path]:
    """The articles under `directory`, in order. Each file or folder left out is told to
    `skipped` with the reason (a folder once, not each file in it); a folder that cannot be
    listed is told to `unreadable` (the walk goes on with the others)."""

    def failed(exc: OSError) -> None:
        unreadable(Path(exc.filename) if exc.filename else directory, f"cannot read folder: {exc.strerror or exc}")

    gitignore = GitIgnore(directory)
    for root, dirs, files in os.walk(directory, onerror=failed):
        here = Path(root)
        gitignore.add(here)
        kept = []
        for d in sorted(dirs):
            folder = here / d
            if d in DEFAULT_EXCLUDES:
                skipped(folder, "a tool or build folder")
            elif d.lower() in NON_ARTICLE_DIRS and excluder.include is None:
                skipped(folder, "a repository folder, not articles (`include` can name it)")
            elif gitignore.ignored(folder, True):
                skipped(folder, "ignored by .gitignore")
            elif excluder.excluded(folder):
                skipped(folder, "matched by `exclude`")
            else:
                kept.append(d)
        dirs[:] = kept
        for name in sorted(files):
            path = here / name
            why = excluder.unwanted(path)
            if why is None and gitignore.ignored(path, False):
                why = "ignored by .gitignore"
            if why is None and path.exists() and not path.is_file():
                why = "not a regular file (a FIFO or device could block forever)"
            if why is None:
                yield path
            else:
                skipped(path, why)
