"""Fixes: structured edits for findings that have one, and applying them to text and files.

A rule offers fixes through its kind. Today that is the word-list kind (`substitution`) with
`fix: safe` or `fix: unsafe`: a match is replaced by the entry's `plain` alternative when

- the match is the entry's own term (or the same word in another spelling, `utilise` for
  `utilize`), not an inflection (`utilized`, `modifications`): swapping in the bare
  alternative there would break the sentence;
- `plain` is one alternative (not "tummy or belly"), words only, at most one word longer than
  the term (a definition such as "affecting the whole body" is advice, not a swap);
- the source between the match's ends is the matched text itself (no markup inside, as in
  `prior **to**`), up to line breaks and spaces between words;
- the sentence stays grammatical: a phrase that opens with a preposition ("by mouth", "after
  surgery") is no swap for a word that describes the next one ("an oral and herbal supplement",
  "postoperative pain"), and "a" or "an" before the match becomes the one the new word needs
  ("an analgesic" -> "a painkiller"), within the same edit.

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

# Words that open a phrase which cannot describe a noun ("by mouth", "after surgery"). Words that
# are also adverbs of amount ("about 20", "around 20", "over 20") are left out.
_PREPOSITIONS = frozenset("after at before by during for from in into of on through to under with without".split())
# Words that take no article: "a sufficient dose" -> "enough dose" is no English either way.
_NO_ARTICLE = frozenset("enough many much most more some several few fewer less all each every both".split())
_WORD_FOLLOWS = re.compile(r"[ \t]*[A-Za-z0-9]")
_ARTICLE_BEFORE = re.compile(r"(?<![\w'’-])(an?|AN?)([ \t]+)$", re.IGNORECASE)
# Words written with a vowel letter that take "a" ("a unit", "a one-off"), or with "h" that take "an".
_A_BEFORE_VOWEL = re.compile(r"(?:uni|use|usu|uti|ure|uri|eu|ew|one\b|once)", re.IGNORECASE)
_AN_BEFORE_H = re.compile(r"(?:hour|honest|honou?r|heir)", re.IGNORECASE)
# Initialisms read letter by letter: "an MRI scan", "a CT scan".
_AN_LETTERS = frozenset("AEFHILMNORSX")
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


def _article_for(phrase: str) -> str:
    """ "a" or "an", as spoken before `phrase`."""
    word = phrase.split()[0] if phrase.split() else phrase
    letters = word.rstrip(".,")
    if len(letters) > 1 and letters.isupper():
        return "an" if letters[0] in _AN_LETTERS else "a"
    if _A_BEFORE_VOWEL.match(word):
        return "a"
    if _AN_BEFORE_H.match(word):
        return "an"
    return "an" if word[:1].lower() in "aeiou" else "a"


def _describes_next_word(term: str, plain: str, source: str, end: int) -> bool:
    """`plain` is a prepositional phrase, the term is not, and a word follows the match: the
    term describes that word ("oral medicine"), where "by mouth medicine" is no English."""
    plain_words = plain.lower().split()
    term_words = term.lower().split()
    if not plain_words or plain_words[0] not in _PREPOSITIONS:
        return False
    if term_words and (term_words[0] in _PREPOSITIONS or term_words[-1] in _PREPOSITIONS):
        return False  # a phrase for a phrase: "prior to" -> "before"
    return _WORD_FOLLOWS.match(source, end) is not None


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
    if (finding.suggestion or "").lower() != plain.lower():
        return None  # the rule advises something else here (a quotation, a form's own word)
    if _describes_next_word(finding.match, plain, source, finding.end_offset):
        return None
    content = match_case(plain, finding.match.strip())
    start, column, replaced = finding.start_offset, finding.column, " ".join(finding.match.split())
    article = _ARTICLE_BEFORE.search(source, max(0, start - 8), start)
    if article and content.split()[0].lower() in _NO_ARTICLE:
        return None
    if article and article.group(1).lower() != _article_for(content):
        # "an analgesic" -> "a painkiller": the article is part of the edit (same line, so the
        # column moves back by its length).
        said = article.group(1)
        content = f"{match_case(_article_for(content), said)}{article.group(2)}{content}"
        replaced = f"{said}{article.group(2)}{replaced}"
        column -= start - article.start()
        start = article.start()
    edit = Edit(
        content,
        start,
        finding.end_offset,
        finding.line,
        column,
        finding.end_line,
        finding.end_column,
    )
    return Fix(mode, f"Replace '{replaced}' with '{content}'", (edit,))


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
