"""What every format shares: decoding bytes, front matter, comments."""

from __future__ import annotations

import re
import stat
from pathlib import Path
from typing import Any, NamedTuple

import yaml

COMMENT_RE = re.compile(r"<!--(.*?)-->", re.DOTALL)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)


class InputProblem(Exception):
    """A file medlint cannot lint; the message is one line for the user."""


def decode(data: bytes) -> str:
    """UTF-8 (with or without a BOM) or a clear error; never a silent guess."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise InputProblem("UTF-16 text, not linted; re-save the file as UTF-8")
    if b"\x00" in data:  # anywhere: markdown-it would turn it into U+FFFD and drop its text
        raise InputProblem("binary file (contains NUL bytes), not linted")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputProblem(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); re-save the file as UTF-8"
        ) from None
    return text[1:] if text.startswith("\ufeff") else text


def size_text(n: int) -> str:
    """Bytes for people: "10.0 MiB" (the default limit is 10 MiB), "512 bytes"."""
    for unit, scale in (("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}" if n % scale else f"{n // scale} {unit}"
    return f"{n} bytes"


def read_file(path: Path, limit: int) -> str:
    """A file's decoded text; InputProblem (a directory, above `limit` bytes, not UTF-8) or
    OSError. A regular file over `limit` is not read; a stream (a pipe, /dev/stdin named on
    purpose) is read no further than the limit allows."""
    info = path.stat()
    if stat.S_ISDIR(info.st_mode):
        raise InputProblem("a directory, not linted")
    if stat.S_ISREG(info.st_mode):
        size = info.st_size
        data = path.read_bytes() if size <= limit else b""
    else:
        with path.open("rb") as fh:
            data = fh.read(limit + 1)
        size = len(data)
    if size > limit:
        what = f"file is {size_text(size)}" if stat.S_ISREG(info.st_mode) else "stream goes on"
        raise InputProblem(f"{what}, above max-file-size ({size_text(limit)}); not linted")
    return decode(data)


MAX_TITLE_SCAN = 64 * 1024
"""Front matter longer than this gives no title block: a title is a line near the top of a few
fields, and hostile front matter keeps only its capped `Document.title`."""


class FrontMatter(NamedTuple):
    fields: dict[str, Any]
    end: int
    """Offset just past the front matter (0: none)."""
    problem: str | None
    title: tuple[str, int] | None = None
    """The `title` and the offset in the source where its text starts, when the YAML value is the
    source text character for character: a plain or quoted scalar on one line with no escapes.
    Otherwise None (a folded or escaped title has no exact position to point at)."""


def split_front_matter(source: str) -> FrontMatter:
    """The front matter's fields, where it ends, what is wrong with it, and its title's place."""
    m = _FRONT_MATTER.match(source)
    if not m:
        return FrontMatter({}, 0, None)
    raw = m.group(1) or ""
    try:
        if len(raw) > 2 * MAX_FM_VALUES and _holds_too_many(raw):
            return FrontMatter({}, m.end(), f"front matter not read: it holds more than {MAX_FM_VALUES:,} values")
        # yaml.safe_load in two steps, so the title's node (and its position) is kept.
        loader = yaml.SafeLoader(raw)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "invalid YAML"
        return FrontMatter({}, m.end(), f"front matter is not valid YAML{where}: {problem}")
    except (ValueError, RecursionError) as exc:  # values YAML parses but cannot build: 2020-02-30
        reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        return FrontMatter({}, m.end(), f"front matter has a value that cannot be read ({reason})")
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return FrontMatter({}, m.end(), "front matter must be a YAML mapping of fields")
    try:
        plain = _plain(data, _Budget(len(raw)), 0)
    except _TooBig as exc:
        return FrontMatter({}, m.end(), f"front matter not read: {exc}")
    assert isinstance(plain, dict)
    fields = {k.lower(): v for k, v in plain.items()}
    title = None
    if isinstance(fields.get("title"), str) and isinstance(node, yaml.MappingNode) and len(raw) <= MAX_TITLE_SCAN:
        title = _title_at(node, raw, m.start(1))
    return FrontMatter(fields, m.end(), None, title)


_NODE_EVENTS = (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent)


def _holds_too_many(raw: str) -> bool:
    """Whether the YAML text holds more than MAX_FM_VALUES values before any alias is expanded
    (so more after, see `_plain`): read as a stream of events and stopped there, not built
    into a node graph first (100,000 keys took 185 MB and ten seconds to refuse)."""
    loader = yaml.SafeLoader(raw)
    try:
        count = 0
        while loader.check_event():
            if isinstance(loader.get_event(), _NODE_EVENTS):  # type: ignore[no-untyped-call]
                count += 1
                if count > MAX_FM_VALUES:
                    return True
        return False
    finally:
        loader.dispose()


def _title_at(root: yaml.MappingNode, raw: str, base: int) -> tuple[str, int] | None:
    """See FrontMatter.title; `base` is where `raw` starts in the source."""
    for key, value in root.value:
        if not (isinstance(key, yaml.ScalarNode) and str(key.value).lower() == "title"):
            continue
        if not isinstance(value, yaml.ScalarNode) or value.style not in (None, "'", '"'):
            return None
        s0, s1 = value.start_mark.index, value.end_mark.index
        if value.style is not None:
            s0, s1 = s0 + 1, s1 - 1
        text = raw[s0:s1]
        if text != value.value or "\n" in text or not text.strip():
            return None
        return text, base + s0
    return None


MAX_FM_VALUES = 5_000
"""Values (scalars, lists, mappings) front matter may hold once YAML aliases are expanded."""
MAX_FM_DEPTH = 20
MAX_FM_EXTRA_CHARS = 100_000
"""Characters of text aliases may add beyond the front matter's own length."""


class _TooBig(Exception):
    pass


class _Budget:
    def __init__(self, raw_length: int) -> None:
        self.values = MAX_FM_VALUES
        self.chars = raw_length + MAX_FM_EXTRA_CHARS

    def spend(self, chars: int = 0) -> None:
        self.values -= 1
        self.chars -= chars
        if self.values < 0:
            raise _TooBig(f"it holds more than {MAX_FM_VALUES:,} values once YAML aliases are expanded")
        if self.chars < 0:
            raise _TooBig("YAML aliases expand it to far more text than the file holds")


def _plain(value: Any, budget: _Budget, depth: int, inside: frozenset[int] = frozenset()) -> Any:
    """A tree copy of loaded YAML (aliases expanded, each counted), within `budget`.

    YAML aliases let a few hundred bytes name billions of strings (`a: &a [x, x]`, `b: &b
    [*a, *a]`...): the loader shares them, but anything that walks or prints a value (a title,
    a date's label) would expand them. Front matter is data of a few fields, so it is bounded
    here, once: a bomb is refused in microseconds. A list that holds itself (`a: &a [*a]`)
    holds nothing in the copy.
    """
    if depth > MAX_FM_DEPTH:
        raise _TooBig(f"it is nested more than {MAX_FM_DEPTH} levels deep")
    if isinstance(value, dict | list | tuple | set):
        if id(value) in inside:
            return None
        budget.spend()
        inner = inside | {id(value)}
        if isinstance(value, dict):
            return {
                str(_plain(k, budget, depth + 1, inner)): _plain(v, budget, depth + 1, inner) for k, v in value.items()
            }
        return [_plain(v, budget, depth + 1, inner) for v in value]
    if isinstance(value, str | bytes):
        budget.spend(len(value))
        return value
    budget.spend(8)
    return value
