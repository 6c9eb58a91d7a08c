"""Which lines changed since a git ref, to report only findings on new or edited text."""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from medlint.findings import Finding

# None means "every line": the file is new to git, so all of it counts as changed.
ChangedLines = dict[str, set[int] | None]

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")
_ESCAPES = {
    b'\\"': b'"',
    b"\\\\": b"\\",
    b"\\t": b"\t",
    b"\\n": b"\n",
    b"\\a": b"\a",
    b"\\b": b"\b",
    b"\\f": b"\f",
    b"\\r": b"\r",
    b"\\v": b"\v",
}
_ESCAPE = re.compile(rb'\\(?:[0-7]{3}|["\\tnabfrv])')


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ, GIT_LITERAL_PATHSPECS="1", LC_ALL="C")
    try:
        return subprocess.run(
            ["git", "-c", "core.quotePath=false", *args],
            cwd=cwd,
            env=env,
            capture_output=True,
            check=False,
        )
    except FileNotFoundError:
        raise ValueError("cannot compute changed lines: git is not installed") from None


def _first_line(data: bytes) -> str:
    lines = data.decode("utf-8", "replace").strip().splitlines()
    return lines[0] if lines else "unknown error"


def _unquote(name: bytes) -> bytes:
    """Undo git's C-style quoting of unusual file names ("a\\"b.md", "\\303\\251.md")."""
    if not (name.startswith(b'"') and name.endswith(b'"')):
        return name

    def replace(m: re.Match[bytes]) -> bytes:
        token = m.group(0)
        return bytes([int(token[1:], 8)]) if len(token) == 4 else _ESCAPES[token]

    return _ESCAPE.sub(replace, name[1:-1])


def _parse_diff(diff: bytes, top: Path) -> ChangedLines:
    changed: ChangedLines = {}
    current: str | None = None
    in_header = False  # a body line "+++ x" is an added line "++ x", not a file name
    for raw in diff.split(b"\n"):
        if raw.startswith(b"diff --git "):
            current, in_header = None, True
        elif in_header and raw.startswith(b"+++ "):
            # git appends a tab to names containing spaces, for the benefit of patch(1).
            name = _unquote(raw[4:].rstrip(b"\t"))
            if name != b"/dev/null":  # a deleted file has nothing left to lint
                current = str((top / os.fsdecode(name[2:])).resolve())
                changed.setdefault(current, set())
        elif raw.startswith(b"@@ "):
            in_header = False
            m = _HUNK.match(raw.decode("ascii", "replace"))
            lines = changed.get(current) if current is not None else None
            if m is not None and lines is not None:
                start, count = int(m.group(1)), int(m.group(2) or "1")
                # count == 0 is a pure deletion: no line of the new file changed.
                lines.update(range(start, start + count))
    return changed


def changed_lines(base_ref: str, paths: Iterable[str | Path], cwd: str | Path) -> ChangedLines:
    """Lines of the working tree that differ from `base_ref`, keyed by resolved path.

    Files that did not change are absent. Untracked files (not ignored ones) map to None,
    meaning every line is new. `paths` limits the diff; empty means the whole repository.
    Raises ValueError with a one-line message when this is not a git repository or the
    ref is unknown.
    """
    where = Path(cwd)
    top_run = _git(["rev-parse", "--show-toplevel"], where)
    if top_run.returncode != 0:
        raise ValueError(f"cannot compute changed lines: {where} is not inside a git repository")
    top = Path(os.fsdecode(top_run.stdout.rstrip(b"\n")))
    if base_ref.startswith("-"):
        raise ValueError(f"unknown git revision {base_ref!r}")
    ref_run = _git(["rev-parse", "--verify", "--quiet", f"{base_ref}^{{commit}}"], where)
    if ref_run.returncode != 0:
        raise ValueError(f"unknown git revision {base_ref!r}")
    pathspec = ["--", *(str(where / p) for p in paths)]
    diff = _git(
        [
            "diff",
            "--unified=0",
            "--no-color",
            "--no-ext-diff",
            "--no-renames",
            "--no-relative",
            "--src-prefix=a/",
            "--dst-prefix=b/",
            ref_run.stdout.decode().strip(),
            *pathspec,
        ],
        where,
    )
    if diff.returncode != 0:
        raise ValueError(f"git diff against {base_ref!r} failed: {_first_line(diff.stderr)}")
    changed = _parse_diff(diff.stdout, top)
    untracked = _git(["ls-files", "--others", "--exclude-standard", "--full-name", "-z", *pathspec], where)
    if untracked.returncode != 0:
        raise ValueError(f"git ls-files failed: {_first_line(untracked.stderr)}")
    for name in filter(None, untracked.stdout.split(b"\0")):
        changed[str((top / os.fsdecode(name)).resolve())] = None
    for path, lines in changed.items():
        if lines:
            changed[path] = _in_medlint_lines(Path(path), lines)
    return changed


def _in_medlint_lines(path: Path, git_lines: set[int]) -> set[int]:
    """git's line numbers (lines end at LF) as medlint's (CRLF, LF or a lone CR): they differ
    only in a file with lone CRs, where one git line holds several of medlint's."""
    try:
        data = path.read_bytes()
    except OSError:
        return git_lines
    if not re.search(rb"\r(?!\n)", data):
        return git_lines
    ours_of: dict[int, set[int]] = {1: {1}}
    git, ours = 1, 1
    for i, byte in enumerate(data):
        if byte == 0x0A:  # LF: a git line; a medlint line too unless it ends a CRLF
            git += 1
            if not (i and data[i - 1] == 0x0D):
                ours += 1
        elif byte == 0x0D:
            ours += 1
        else:
            continue
        ours_of.setdefault(git, set()).add(ours)
    return {n for line in git_lines for n in ours_of.get(line, {line})}


def _last_line(finding: Finding) -> int:
    # The end is exclusive: a span ending at column 1 stops before that line starts.
    if finding.end_line > finding.line and finding.end_column <= 1:
        return finding.end_line - 1
    return max(finding.line, finding.end_line)


def filter_changed(
    findings: Iterable[Finding],
    changed: Mapping[str, set[int] | None],
    path_resolver: Callable[[str], str],
) -> tuple[Finding, ...]:
    """Keep span findings touching a changed line, and document findings of changed files.

    `path_resolver` turns a finding's path into the key used by `changed` (normally
    `lambda p: str(Path(p).resolve())`).
    """
    kept = []
    for finding in findings:
        key = path_resolver(finding.path)
        if key not in changed:
            continue
        lines = changed[key]
        if lines is None:
            kept.append(finding)
        elif finding.scope == "document":
            if lines:
                kept.append(finding)
        elif any(n in lines for n in range(finding.line, _last_line(finding) + 1)):
            kept.append(finding)
    return tuple(kept)
