"""The contract between rule data and matching code.

A rule file names a kind in `check.kind`; the kind validates the rest of `check` when rules
load (unknown or ill-typed parameters are rule-pack errors with file and line) and, per
document, yields hits in prose coordinates. The engine maps hits to source positions.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from medlint.config import AUDIENCES
from medlint.document import BlockKind, Document
from medlint.findings import Severity


class ParamError(ValueError):
    """A bad `check` parameter; `key` names it so the loader can report its line."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key


@dataclass(frozen=True, slots=True)
class Hit:
    """A match in one block (`block` index, prose offsets) or, with block None, a document finding.

    `anchor` optionally points a document-level finding at a block (a thin section's heading)
    instead of the title.
    """

    block: int | None
    start: int = 0
    end: int = 0
    values: Mapping[str, object] = field(default_factory=dict)
    suggestion: str | None = None
    severity: Severity | None = None
    message: str | None = None
    bump: int = 0
    """Raise the severity this many levels (an intensifier stacked on a claim), up to error."""


VERDICTS = ("satisfactory", "not_satisfactory", "not_applicable")
"""A criterion's verdicts, as HealthNewsReview's reviewers gave them."""


@dataclass(frozen=True, slots=True)
class Judgement:
    """A rule's verdict on its scorecard criterion for one document, and why.

    `evidence` points at what decided it: the sentence that satisfies the criterion, or the one
    that fails it (a sensational phrase); a document-level Hit (block None) when nothing can be
    pointed at (the criterion fails because something is missing).
    """

    verdict: str
    reason: str
    evidence: tuple[Hit, ...] = ()


@dataclass(frozen=True, slots=True)
class RuleContext:
    """What a kind may read besides the document: settings and shared services."""

    settings: Any
    """The `medlint.config.Settings` in force for this file."""
    doc_type: Any = None
    """The `medlint.classify.DocType` of this document."""
    notes: dict[str, Any] = field(default_factory=dict)
    """Per-document results a kind shares with the report (e.g. section grades)."""


Validator = Callable[[Any], Any]


def _type_name(t: type | tuple[type, ...]) -> str:
    if isinstance(t, tuple):
        return " or ".join(x.__name__ for x in t)
    return t.__name__


def typed(t: type | tuple[type, ...]) -> Validator:
    def check(value: Any) -> Any:
        if isinstance(value, bool) and t in (int, float):
            raise ValueError(f"expected {_type_name(t)}, got a boolean")
        if t is float and isinstance(value, int):
            return float(value)
        if not isinstance(value, t):
            raise ValueError(f"expected {_type_name(t)}, got {type(value).__name__}")
        return value

    return check


def string_list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError("expected a list of strings")
    return list(value)


def _top_level_branch(rx: str) -> bool:
    """Whether `rx` has a `|` outside any group or character class."""
    depth, i, in_class = 0, 0, False
    while i < len(rx):
        ch = rx[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            if rx[i + 1 : i + 2] == "]":
                i += 1
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            return True
        i += 1
    return False


def alternation(parts: list[tuple[str, str]]) -> re.Pattern[str]:
    """One case-insensitive regex of named alternatives `(?P<name>rx)`.

    Python's re cannot skip ahead to a possible first character of a case-insensitive
    alternation, so it tries every alternative at every position. Alternatives that start at
    a word boundary share one leading `\\b`: inside a word the whole alternation then fails
    after a single check, which makes matching several times faster.
    """
    bounded, free = [], []
    for name, rx in parts:
        if rx.startswith("\\b") and not _top_level_branch(rx):
            bounded.append(f"(?P<{name}>{rx[2:]})")
        else:
            free.append(f"(?P<{name}>{rx})")
    alternatives = ([f"\\b(?:{'|'.join(bounded)})"] if bounded else []) + free
    return re.compile("|".join(alternatives), re.IGNORECASE)


def literal_hints(pattern: str) -> frozenset[str] | None:
    """Lowercase strings of which every match of `pattern` contains at least one, or None.

    A cheap prefilter: when none of them occurs in a text (plain substring tests), the regex
    cannot match there and need not run. Derived from the parsed pattern, so rule authors
    write ordinary regular expressions and never maintain trigger words by hand.
    """
    from re import _constants as c  # type: ignore[attr-defined]
    from re import _parser  # type: ignore[attr-defined]

    def seq(items: Any) -> frozenset[str] | None:
        best: frozenset[str] | None = None
        run: list[str] = []
        candidates: list[frozenset[str]] = []
        for op, av in items:
            if op is c.LITERAL:
                run.append(chr(av))
                continue
            if run:
                candidates.append(frozenset({"".join(run).lower()}))
                run = []
            found = node(op, av)
            if found is not None:
                candidates.append(found)
        if run:
            candidates.append(frozenset({"".join(run).lower()}))
        for cand in candidates:
            # Prefer the set whose shortest string is longest: it rejects the most text.
            if min(len(x) for x in cand) >= 3 and (best is None or min(map(len, cand)) > min(map(len, best))):
                best = cand
        return best

    def node(op: Any, av: Any) -> frozenset[str] | None:
        if op is c.SUBPATTERN:
            return seq(av[-1])
        if op is c.BRANCH:
            out: set[str] = set()
            for branch in av[1]:
                found = seq(branch)
                if found is None:
                    return None
                out |= found
            return frozenset(out)
        if op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] >= 1:
            return seq(av[2])
        return None

    try:
        return seq(_parser.parse(pattern, re.IGNORECASE))
    except Exception:
        return None


class Prefilter:
    """Substring tests that rule out a text before a slow case-insensitive regex runs."""

    def __init__(self, patterns: list[str]) -> None:
        hints: set[str] = set()
        self.always = False
        for p in patterns:
            found = literal_hints(p)
            if found is None:
                self.always = True
                break
            hints |= found
        # Case-sensitive literals let re skip ahead by first character, unlike the rules' own
        # case-insensitive patterns; the text is lowercased instead.
        ordered = sorted(hints, key=len, reverse=True)
        self.regex = re.compile("|".join(re.escape(h) for h in ordered)) if ordered else None

    def may_match(self, lowered: str, start: int = 0, end: int | None = None) -> bool:
        if self.always:
            return True
        if self.regex is None:
            return False
        return self.regex.search(lowered, start, len(lowered) if end is None else end) is not None


_LOWERED: tuple[str, str] = ("", "")


def lowered(text: str) -> str:
    """`text.lower()`, remembered for the last text (kinds test many spans of one block)."""
    global _LOWERED
    if _LOWERED[0] is not text:
        low = text.lower()
        # Rare characters change length when lowercased; offsets must still line up.
        _LOWERED = (text, low if len(low) == len(text) else text)
    return _LOWERED[1]


class RegexList(list[re.Pattern[str]]):
    """Patterns read as "any of these"; `.any` is one combined regex for a fast first test."""

    _any: re.Pattern[str] | None = None
    _prefilter: Prefilter | None = None

    @property
    def any(self) -> re.Pattern[str]:
        if self._any is None:
            self._any = alternation([(f"p{i}", p.pattern) for i, p in enumerate(self)])
            self._prefilter = Prefilter([p.pattern for p in self])
        return self._any

    def search_any(self, text: str, start: int = 0, end: int | None = None) -> bool:
        """True when some pattern matches in text[start:end] (a quick filter before finer checks)."""
        if not self:
            return False
        rx = self.any
        end = len(text) if end is None else end
        assert self._prefilter is not None
        if not self._prefilter.may_match(lowered(text), start, end):
            return False
        return rx.search(text, start, end) is not None


BODY = (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.QUOTE, BlockKind.TABLE_CELL)
WHERE: dict[str, tuple[BlockKind, ...]] = {"title": (BlockKind.TITLE,), "heading": (BlockKind.HEADING,), "body": BODY}
"""What a `where:` parameter may name, and the blocks each name stands for."""


def names_from(options: Iterable[str], what: str, allow_empty: bool = False) -> Validator:
    """A validator for a list of names, each one of `options` (a string is a list of one).

    The list must not be empty unless `allow_empty`: an empty `stance` would silence a rule
    without saying so, while an empty `unless` plainly means "no exceptions".
    """
    allowed = tuple(options)

    def check(value: Any) -> list[str]:
        items = string_list(value)
        if not items and not allow_empty:
            raise ValueError(f"expected at least one {what} ({', '.join(allowed)})")
        bad = [i for i in items if i not in allowed]
        if bad:
            raise ValueError(f"unknown {what} {bad[0]!r} (known: {', '.join(allowed)})")
        return items

    return check


where_list = names_from(WHERE, "place")
AUDIENCE_LIST = names_from(AUDIENCES, "audience")


def block_kinds(where: Iterable[str], table: Mapping[str, tuple[BlockKind, ...]] = WHERE) -> tuple[BlockKind, ...]:
    return tuple(k for w in where for k in table[w])


def regex_list(value: Any) -> RegexList:
    out = RegexList()
    for item in string_list(value):
        try:
            out.append(re.compile(item, re.IGNORECASE))
        except re.error as exc:
            raise ValueError(f"bad regular expression {item!r}: {exc}") from None
    return out


def choice(*options: str) -> Validator:
    def check(value: Any) -> Any:
        if value not in options:
            raise ValueError(f"expected one of {', '.join(options)}, got {value!r}")
        return value

    return check


class Kind:
    """Base for rule kinds. Subclasses declare PARAMS and implement `find`."""

    name: ClassVar[str]
    PARAMS: ClassVar[dict[str, tuple[Validator, Any]]] = {}
    """Parameter name -> (validator, default). A default of `REQUIRED` makes it mandatory."""
    JUDGES_WORDING: ClassVar[bool] = True
    """Its span findings judge the writer's words, so none are reported in a references list
    (a cited title is not the article's wording). Kinds that point at what a document lacks,
    or at a statement wherever it stands, set this to False."""
    NEEDS: ClassVar[frozenset[str]] = frozenset()
    """NLP layers the kind reads: "sentences" is the only one the blank pipeline provides."""

    def __init__(self, params: Mapping[str, Any], pack_dir: Path) -> None:
        self.pack_dir = pack_dir
        unknown = set(params) - set(self.PARAMS) - {"kind"}
        if unknown:
            key = sorted(unknown)[0]
            raise ParamError(
                key, f"unknown parameter {key!r} for kind {self.name!r} (known: {', '.join(sorted(self.PARAMS))})"
            )
        self.params: dict[str, Any] = {}
        for key, (validate, default) in self.PARAMS.items():
            if key in params:
                try:
                    self.params[key] = validate(params[key])
                except ValueError as exc:
                    raise ParamError(key, f"parameter {key!r}: {exc}") from None
            elif default is REQUIRED:
                raise ParamError("kind", f"kind {self.name!r} needs parameter {key!r}")
            else:
                self.params[key] = default
        self.setup()

    def setup(self) -> None:
        """Compile what `find` needs, once per rule (not per document)."""

    def prepare(self) -> None:
        """Load costly data `find` will need that setup leaves lazy (tables shared by several
        rules, a hyphenator). The engine calls this while the sentence worker is still busy,
        where a cold start is idle anyway; `find` must work without it."""

    def prepare_document(self, doc: Document, ctx: RuleContext) -> None:
        """Work on `doc` that needs no sentences, kept in `ctx.notes` for `find`. The engine
        calls this while the sentence worker splits the document's sentences (so it costs no
        wall time there); `find` must do the work itself when it was not done."""

    def find(self, doc: Document, ctx: RuleContext) -> Iterator[Hit]:
        raise NotImplementedError

    @property
    def criterion(self) -> str | None:
        """The scorecard criterion this rule judges (a `criterion` parameter), if any."""
        value = self.params.get("criterion")
        return value if isinstance(value, str) else None

    def judge(self, doc: Document, ctx: RuleContext) -> Judgement | None:
        """The rule's verdict on its criterion for `doc` (None: the kind gives none)."""
        return None


class _Required:
    def __repr__(self) -> str:
        return "REQUIRED"


REQUIRED: Any = _Required()
