"""Fixes: structured edits for findings that have one, and applying them to text and files.

A rule offers fixes through its kind. Today that is the word-list kind (`substitution`) with
`fix: safe` or `fix: unsafe`: a match is replaced by the entry's `plain` alternative when

- the match is the entry's own term (or the same word in another spelling, `utilise` for
  `utilize`), not an inflection (`utilized`, `modifications`): swapping in the bare
  alternative there would break the sentence;
- `plain` is one alternative (not "tummy or belly"), words only, at most one word longer than
  the term (a definition such as "affecting the whole body" is advice, not a swap);
- the source between the match's ends is the matched text itself (no markup inside, as in
  `prior **to**`), up to line breaks and spaces between words.

The capitalisation of the match is kept ("Utilize" -> "Use", "PRIOR TO" -> "BEFORE").

Applying: edits are applied from the end so offsets hold; overlapping edits wait for the next
round. `fix_text` lints again after each round until nothing applicable is left (ruff does the
same), so a rule that reports only a word's first use converges. Files are read as bytes and
written back with their byte-order mark and line endings untouched: only the matched
characters change.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from medlint.findings import Applicability, Edit, Finding, Fix

if TYPE_CHECKING:
    from medlint.engine import Linter
    from medlint.registry.rules import Rule

MAX_ROUNDS = 10
"""Lint-and-fix rounds before giving up on convergence (ruff uses 100; word swaps need 2-3)."""

_PLAIN_WORDS = re.compile(r"[A-Za-z][A-Za-z'’-]*(?: [A-Za-z][A-Za-z'’-]*)*")
_BRITISH = (
    (re.compile(r"is(e|es|ed|ing|ation|ations)\b"), r"iz\1"),
    (re.compile(r"ys(e|es|ed|ing)\b"), r"yz\1"),
    (re.compile(r"our\b"), "or"),
)


def _spelling_key(word: str) -> str:
    """One key for British and American spellings of a word: utilise, utilize -> utilize."""
    out = " ".join(word.lower().split())
    for rx, repl in _BRITISH:
        out = rx.sub(repl, out)
    return out


def _replacements(kind: Any) -> dict[str, str]:
    """Term (by spelling key) -> its single plain alternative, for a substitution kind."""
    cached: dict[str, str] | None = getattr(kind, "_medlint_fix_table", None)
    if cached is not None:
        return cached
    table: dict[str, str] = {}
    for entry in getattr(kind, "entries", ()):
        plain = str(entry.plain).strip()
        if not _PLAIN_WORDS.fullmatch(plain) or " or " in f" {plain} ":
            continue
        if len(plain.split()) > len(entry.term.split()) + 1:
            continue  # a definition ("affecting the whole body"), not a word to swap in
        table.setdefault(_spelling_key(entry.term), plain)
    kind._medlint_fix_table = table
    return table


def fix_mode(rule: Rule) -> Applicability | None:
    """`safe` or `unsafe` when the rule offers fixes, else None."""
    kind = rule.kind
    mode = getattr(getattr(kind, "p", None), "fix", None)
    return mode if mode in ("safe", "unsafe") else None


def match_case(replacement: str, original: str) -> str:
    """`replacement` written in the case of `original` (all capitals, first capital, or as is)."""
    letters = [c for c in original if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return replacement.upper()
    if original[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def fix_for(finding: Finding, rule: Rule, source: str) -> Fix | None:
    """The fix of one finding, or None (no fix for the rule, or none that is certain here)."""
    mode = fix_mode(rule)
    if mode is None or finding.scope != "span" or not finding.match:
        return None
    original = source[finding.start_offset : finding.end_offset]
    if original.split() != finding.match.split():
        return None  # markup between the words: replacing would break it
    plain = _replacements(rule.kind).get(_spelling_key(finding.match))
    if plain is None or plain.lower() == finding.match.lower():
        return None
    content = match_case(plain, finding.match.strip())
    edit = Edit(
        content,
        finding.start_offset,
        finding.end_offset,
        finding.line,
        finding.column,
        finding.end_line,
        finding.end_column,
    )
    return Fix(mode, f"Replace '{' '.join(finding.match.split())}' with '{content}'", (edit,))


def attach_fixes(findings: Iterable[Finding], source: str, rules: dict[str, Rule]) -> tuple[Finding, ...]:
    """`findings` with `fix` filled where their rule (looked up by code) has one."""
    out = []
    for f in findings:
        rule = rules.get(f.code)
        fix = fix_for(f, rule, source) if rule is not None and f.fix is None else None
        out.append(replace(f, fix=fix) if fix is not None else f)
    return tuple(out)


def applicable(finding: Finding, unsafe: bool) -> bool:
    return finding.fix is not None and (unsafe or finding.fix.applicability == "safe")


def apply_edits(text: str, edits: Sequence[Edit]) -> tuple[str, int]:
    """Apply non-overlapping edits (an overlapping one is left out); returns the text and how
    many were applied."""
    chosen: list[Edit] = []
    last_end = -1
    for e in sorted(edits, key=lambda e: (e.start_offset, e.end_offset)):
        if e.start_offset < last_end or not 0 <= e.start_offset <= e.end_offset <= len(text):
            continue
        chosen.append(e)
        last_end = max(e.end_offset, e.start_offset + 1)
    for e in reversed(chosen):
        text = text[: e.start_offset] + e.content + text[e.end_offset :]
    return text, len(chosen)


@dataclass(frozen=True)
class FixResult:
    text: str
    """The fixed text."""
    findings: tuple[Finding, ...]
    """The findings of the fixed text (with their fixes), from the last lint."""
    applied: int
    """Edits applied over all rounds."""


def fix_text(
    text: str,
    lint: Callable[[str], tuple[Finding, ...]],
    unsafe: bool = False,
    findings: tuple[Finding, ...] | None = None,
) -> FixResult:
    """Apply fixes to `text` and lint again until none applies. `lint` returns findings with
    fixes attached; `findings`, when given, are those of `text` already (saves one lint)."""
    current = findings if findings is not None else lint(text)
    applied = 0
    for _ in range(MAX_ROUNDS):
        edits = [e for f in current if applicable(f, unsafe) and f.fix is not None for e in f.fix.edits]
        if not edits:
            break
        new, n = apply_edits(text, edits)
        if n == 0 or new == text:
            break
        text, applied = new, applied + n
        current = lint(text)
    return FixResult(text, current, applied)


def linter_fixes(linter: Linter, path: str, fmt: str | None = None) -> Callable[[str], tuple[Finding, ...]]:
    """A `lint` function for `fix_text`: lint with `linter` as `path`, fixes attached."""
    rules = {r.code: r for r in linter.rules}

    def lint(text: str) -> tuple[Finding, ...]:
        outcome = linter.lint_text(text, path=path, format=fmt)
        return attach_fixes(outcome.findings, outcome.source, rules)

    return lint


def read_text(path: Path) -> tuple[str, bytes]:
    """A file's text as medlint reads it, and the byte-order mark it had (b"" for none)."""
    from medlint.parse import decode

    data = path.read_bytes()
    bom = b"\xef\xbb\xbf" if data.startswith(b"\xef\xbb\xbf") else b""
    return decode(data), bom


def write_text(path: Path, text: str, bom: bytes) -> None:
    """Write back exactly: the same byte-order mark, line endings as they are in `text`."""
    path.write_bytes(bom + text.encode("utf-8"))


def unified_diff(path: str, before: str, after: str) -> str:
    old, new = (path, path) if Path(path).is_absolute() else (f"a/{path}", f"b/{path}")
    lines = difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), fromfile=old, tofile=new
    )
    out = []
    for line in lines:
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


__all__ = [
    "MAX_ROUNDS",
    "FixResult",
    "applicable",
    "apply_edits",
    "attach_fixes",
    "fix_for",
    "fix_mode",
    "fix_text",
    "linter_fixes",
    "match_case",
    "read_text",
    "unified_diff",
    "write_text",
]
