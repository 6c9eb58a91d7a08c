"""Matching primitives shared by classification and the rule kinds: many regular expressions
read as one ("any of these"), with literal prefilters derived from the patterns so that text
without a trigger word costs a few substring tests."""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, cast


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


_MAX_SPELLINGS = 64
"""At most this many literal strings stand for one stretch of a pattern in `literal_hints`."""


def _shortest(spellings: set[str]) -> frozenset[str]:
    """The lowercase strings, without those that hold another of them ("side effects" holds
    "side effect"): a text holding one of the originals holds one of these."""
    low = {x.lower() for x in spellings}
    return frozenset(x for x in low if not any(y != x and y in x for y in low))


HINTS_TABLE = Path(__file__).resolve().parent / "data" / "literal_hints.json"
"""The literal hints of the built-in rule packs' patterns, worked out ahead of time (see
`literal_hints`): `scripts/generate_docs.py` writes it, and its check fails when it is stale."""

_HINTS: dict[str, frozenset[str] | None] = {}
"""Every pattern asked about in this process, and its hints."""
_KNOWN: dict[str, frozenset[str] | None] | None = None
_RECORDERS: list[set[str]] = []


def _known_hints() -> dict[str, frozenset[str] | None]:
    global _KNOWN
    if _KNOWN is None:
        try:
            table = json.loads(HINTS_TABLE.read_bytes())["hints"]
        except (OSError, ValueError, KeyError, TypeError):
            table = {}  # not shipped (a broken install): every pattern is derived, as before
        _KNOWN = {p: None if h is None else frozenset(h) for p, h in table.items()}
    return _KNOWN


def literal_hints(pattern: str) -> frozenset[str] | None:
    """Lowercase strings of which every match of `pattern` contains at least one, or None.

    A cheap prefilter: when none of them occurs in a text (plain substring tests), the regex
    cannot match there and need not run. Derived from the parsed pattern, so rule authors
    write ordinary regular expressions and never maintain trigger words by hand.

    Parsing the built-in packs' few hundred patterns was about a seventh of a cold start, so
    their hints are read from a table made when the packs change (`HINTS_TABLE`), and every
    answer is remembered (a list's patterns are asked about by its prefilters and by itself).
    A pattern the table lacks, such as a user's, is derived here: the table saves time and
    cannot change a finding, since it holds what `derive_literal_hints` gives.
    """
    for asked in _RECORDERS:
        asked.add(pattern)
    try:
        return _HINTS[pattern]
    except KeyError:
        pass
    known = _known_hints()
    hints = known[pattern] if pattern in known else derive_literal_hints(pattern)
    _HINTS[pattern] = hints
    return hints


@contextlib.contextmanager
def recording_hints() -> Iterator[set[str]]:
    """The patterns `literal_hints` is asked about inside the block (for the table's maker)."""
    asked: set[str] = set()
    _RECORDERS.append(asked)
    try:
        yield asked
    finally:
        _RECORDERS.remove(asked)


def derive_literal_hints(pattern: str) -> frozenset[str] | None:
    """`literal_hints` worked out from the parsed pattern."""
    from re import _constants as c  # type: ignore[attr-defined]
    from re import _parser  # type: ignore[attr-defined]

    def strings(op: Any, av: Any) -> set[str] | None:
        """Every string the item can match, when it matches only a few literal strings
        ("e?", "(?:y|ies)", "[sz]"); else None."""
        if op is c.LITERAL:
            return {chr(av)}
        if op is c.IN and len(av) <= _MAX_SPELLINGS and all(o is c.LITERAL for o, _ in av):
            return {chr(v) for _, v in av}
        if op is c.SUBPATTERN:
            return spelled(av[-1])
        if op is c.BRANCH:
            out: set[str] = set()
            for branch in av[1]:
                found = spelled(branch)
                if found is None:
                    return None
                out |= found
            return out if len(out) <= _MAX_SPELLINGS else None
        if op is c.MAX_REPEAT and av[1] == 1 and av[0] in (0, 1):
            found = spelled(av[2])
            return None if found is None else found | {""} if av[0] == 0 else found
        return None

    def spelled(items: Any) -> set[str] | None:
        out = {""}
        for op, av in items:
            found = strings(op, av)
            if found is None or len(out) * len(found) > _MAX_SPELLINGS:
                return None
            out = {a + b for a in out for b in found}
        return out

    def seq(items: Any) -> frozenset[str] | None:
        best: frozenset[str] | None = None
        # The strings the items since the last break can spell: a run of literals, widened by
        # optional letters and small alternations ("ag(?:e)?ing" spells "aging" or "ageing").
        run = {""}
        candidates: list[frozenset[str]] = []
        for op, av in items:
            found = strings(op, av)
            if found is not None and len(run) * len(found) <= _MAX_SPELLINGS:
                run = {a + b for a in run for b in found}
                continue
            if run != {""}:
                candidates.append(_shortest(run))
            run = {""}
            if found is not None:  # too many spellings together: a fresh run from this item
                run = found
                continue
            found_set = node(op, av)
            if found_set is not None:
                candidates.append(found_set)
        if run != {""}:
            candidates.append(_shortest(run))
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
        self.longest = len(ordered[0]) if ordered else 0

    def may_match(self, lowered: str, start: int = 0, end: int | None = None) -> bool:
        if self.always:
            return True
        if self.regex is None:
            return False
        return self.regex.search(lowered, start, len(lowered) if end is None else end) is not None

    def may_match_text(self, text: str) -> bool:
        """`may_match(lowered(text))`; a long text (`LONG_LOWER`) is lowercased and tested a
        piece at a time, each with the last `longest - 1` characters of the one before it, so
        that no literal can fall between two, and never lowercased whole."""
        if self.always:
            return True
        if self.regex is None:
            return False
        if len(text) <= LONG_LOWER or not _by_pieces(text):
            return self.regex.search(lowered(text)) is not None
        overlap = max(self.longest - 1, 0)
        search = self.regex.search
        return any(
            search(_lower_piece(text[max(i - overlap, 0) : i + _PIECE])) is not None
            for i in range(0, len(text), _PIECE)
        )


_LOWERED: tuple[str, str, bool] = ("", "", True)


_PIECE = 65_536


def _lower(text: str) -> str:
    """`text.lower()`, a piece at a time for a long text: for text that is not ASCII, Python
    lowercases into a scratch buffer of 12 bytes a character (110 MB for the joined body of a
    10 MB article). Only a capital sigma lowercases by its neighbours (to a final sigma at the
    end of a word); elsewhere each character lowercases alone, so the pieces are the whole."""
    if len(text) <= _PIECE or text.isascii() or "\u03a3" in text:
        return text.lower()
    return "".join(text[i : i + _PIECE].lower() for i in range(0, len(text), _PIECE))


LONG_LOWER = 1_000_000
"""Characters from which a text is not lowercased whole for the literal tests (nor remembered):
a 10 MB paragraph's lowercase is another 20 MB, which was held beside its claims. Each test
lowercases what it reads: pieces of the text (`Prefilter.may_match_text`), or the span asked
about (`RegexList.search_any`)."""


def _by_pieces(text: str) -> bool:
    """Whether `text` is long enough to be lowercased a piece at a time for the literal tests.
    Not with a capital sigma, which lowercases by its neighbours (see `_lower`)."""
    return len(text) > LONG_LOWER and "\u03a3" not in text


def _lower_piece(piece: str) -> str:
    """What `lowered` gives for this stretch of a text without a capital sigma: each
    character lowercases alone there, to one character or (then kept as it is) to two."""
    low = piece.lower()
    return low if len(low) == len(piece) else _per_character(piece)


def _per_character(text: str) -> str:
    """`text` lowercased character by character, each character that lowercases to two kept."""
    return "".join(ch if len(lo := ch.lower()) != 1 else lo for ch in text)


def _lowered(text: str) -> tuple[str, bool]:
    """`lowered(text)`, and whether it is the true lowercase (False when some character, such as
    "İ", lowercases to two and was kept as it is so that offsets still line up)."""
    global _LOWERED
    last = _LOWERED
    if last[0] is text:
        return last[1], last[2]
    if _by_pieces(text):
        # Not remembered (see `LONG_LOWER`): the caller holds it while it reads it.
        low = _lower(text)
        if len(low) == len(text):
            return low, True
        return "".join(_per_character(text[i : i + _PIECE]) for i in range(0, len(text), _PIECE)), False
    low = _lower(text)
    exact = len(low) == len(text)
    if not exact:
        # Lowercase the rest character by character: literal tests must not see "MIRACLE" in
        # capitals because a Turkish place name elsewhere in the block changed its length. A
        # piece at a time: a list of every character of a 10 MB text took about 100 MB.
        low = "".join(_per_character(text[i : i + _PIECE]) for i in range(0, len(text), _PIECE))
    _LOWERED = (text, low, exact)
    return low, exact


def forget_lowered() -> None:
    """Let go of the last text lowercased and its lowercase (see `_lowered`)."""
    global _LOWERED
    _LOWERED = ("", "", True)


def lowered(text: str) -> str:
    """`text.lower()`, remembered for the last text (kinds test many spans of one block).

    The triple is read and replaced whole, so a thread never gets another text's lowercase."""
    return _lowered(text)[0]


def lowered_and_exact(text: str) -> tuple[str, bool]:
    """`lowered(text)`, and whether that is `text.lower()` itself: False when some character
    lowercases to two (and was kept as it is, see `_lowered`)."""
    return _lowered(text)


class _DeferredPattern:
    """A pattern of the built-in packs, compiled on first use (see `compiled`): a cold start
    lints one article, and most patterns never get past their literal hints there. The first
    use sets the compiled pattern's methods and attributes on the object, so later calls cost
    what a compiled pattern's do. Pickled or copied, it is the compiled pattern."""

    def __init__(self, pattern: str, flags: int) -> None:
        self.pattern = pattern
        self._flags = flags

    def _compiled(self) -> re.Pattern[str]:
        rx = re.compile(self.pattern, self._flags)
        for name in ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "scanner"):
            setattr(self, name, getattr(rx, name))
        self.flags, self.groups, self.groupindex = rx.flags, rx.groups, rx.groupindex
        return rx

    def __getattr__(self, name: str) -> Any:  # not set yet: the first use
        if name.startswith("_") or name == "pattern":
            raise AttributeError(name)
        return getattr(self._compiled(), name)

    def __reduce__(self) -> tuple[Any, tuple[str, int]]:
        return re.compile, (self.pattern, self._flags)


def compiled(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(pattern, flags)`, put off until the pattern is first used when it is one of
    the built-in packs' (in the hints table, so known to compile); any other pattern is
    compiled now, so that a user's bad pattern is reported when the rules load."""
    if pattern in _known_hints():
        return cast(re.Pattern[str], _DeferredPattern(pattern, flags))
    return re.compile(pattern, flags)


class RegexList(list[re.Pattern[str]]):
    """Patterns read as "any of these"; `.any` is one combined regex for a fast first test.

    What the tests need is built on first use, each part only when it is needed: the literal
    hints (all `candidates` needs), the prefilters of `search_any`, and the combined regex,
    which `search_any` compiles only once some text gets past the prefilters (a cold start
    lints one article, on which many lists never do)."""

    _any: re.Pattern[str] | None = None
    _prefilter: Prefilter | None = None
    _hints: list[frozenset[str] | None] | None = None
    _unhinted: list[re.Pattern[str]] | None = None
    _hinted_prefilter: Prefilter | None = None

    @property
    def any(self) -> re.Pattern[str]:
        if self._any is None:
            self._any = alternation([(f"p{i}", p.pattern) for i, p in enumerate(self)])
        return self._any

    def _literal_hints(self) -> list[frozenset[str] | None]:
        """Each pattern's literal hints (see `literal_hints`)."""
        if self._hints is None:
            self._hints = [literal_hints(p.pattern) for p in self]
        return self._hints

    def _prefilters(self) -> tuple[Prefilter, Prefilter, list[re.Pattern[str]]]:
        """The literal prefilters: of all patterns, and of those that have literals, beside the
        list of those that have none."""
        if self._prefilter is None or self._hinted_prefilter is None or self._unhinted is None:
            pairs = list(zip(self, self._literal_hints(), strict=True))
            self._unhinted = [rx for rx, hints in pairs if hints is None]
            self._hinted_prefilter = Prefilter([rx.pattern for rx, hints in pairs if hints is not None])
            self._prefilter = Prefilter([p.pattern for p in self])
        return self._prefilter, self._hinted_prefilter, self._unhinted

    def search_any(self, text: str, start: int = 0, end: int | None = None) -> bool:
        """True when some pattern matches in text[start:end] (a quick filter before finer checks)."""
        if not self:
            return False
        prefilter, hinted_prefilter, unhinted = self._prefilters()
        end = len(text) if end is None else end
        if _by_pieces(text):
            # A span of a long text: only the span is lowercased (see `LONG_LOWER`), as
            # `_lowered` lowercases the whole text (each character alone). Where the span
            # lowercases exactly but the whole does not, the literals are tested where the
            # whole would have run the alternation: both give whether some pattern matches.
            piece = text[start:end]
            low = piece.lower()
            exact = len(low) == len(piece)
            if not exact:
                low = _per_character(piece)
            lo, hi = 0, len(piece)
        else:
            low, exact = _lowered(text)
            lo, hi = start, end
        if not prefilter.always:
            if not prefilter.may_match(low, lo, hi):
                return False
            return self.any.search(text, start, end) is not None
        # Some patterns have no literal to test for (a capitalised name). When none of the other
        # patterns' literals occurs, only those can match, and each alone is a far faster scan
        # than the alternation of all (which loses each pattern's own first-character skip).
        if not exact or hinted_prefilter.may_match(low, lo, hi):
            return self.any.search(text, start, end) is not None
        return any(p.search(text, start, end) is not None for p in unhinted)

    def candidates(self, text: str) -> list[re.Pattern[str]]:
        """The patterns, in order, that may match somewhere in `text`: those with a literal of
        theirs in it (see `literal_hints`). A caller that wants each pattern's own match (not
        just "any") runs only these, with no `search_any` first: a pattern none of whose
        literals occurs cannot match, so that test would only repeat the work."""
        hints = self._literal_hints()
        low, exact = _lowered(text)
        if not exact:  # some character lowercases to two: the literals cannot be tested for
            return list(self) if self.search_any(text) else []
        return [rx for rx, found in zip(self, hints, strict=True) if found is None or any(h in low for h in found)]

    def candidates_joined(self, texts: Sequence[str], sep: str = " ") -> list[re.Pattern[str]]:
        """`candidates(sep.join(texts))`, without lowercasing the joined text: a literal that
        does not hold `sep` occurs in the joined text only inside one of the texts, so each text
        is lowercased and tested on its own (a 10 MB article's body, joined and lowercased, took
        two copies of 20 MB at once)."""
        hints = self._literal_hints()
        # A space ends the context in which a capital sigma is lowercased (see `_lower`), so
        # each text lowercases alone as it does inside the joined text.
        if sep != " " or any(found is not None and any(sep in h for h in found) for found in hints):
            return self.candidates(sep.join(texts))
        missing = {i: found for i, found in enumerate(hints) if found is not None}
        for text in texts:
            if not missing:
                break
            low = _lower(text)
            if len(low) != len(text):  # see `candidates`: the literals cannot be tested for
                return self.candidates(sep.join(texts))
            for i in [i for i, found in missing.items() if any(h in low for h in found)]:
                del missing[i]
        return [rx for i, rx in enumerate(self) if i not in missing]


__all__ = [
    "HINTS_TABLE",
    "Prefilter",
    "RegexList",
    "alternation",
    "compiled",
    "derive_literal_hints",
    "forget_lowered",
    "literal_hints",
    "lowered",
    "lowered_and_exact",
    "recording_hints",
]
