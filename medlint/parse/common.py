"""What every format shares: decoding bytes, front matter, comments."""

from __future__ import annotations

import re
from typing import Any

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


def split_front_matter(source: str) -> tuple[dict[str, Any], int, str | None]:
    """Return (fields, offset just past the front matter, error message or None)."""
    m = _FRONT_MATTER.match(source)
    if not m:
        return {}, 0, None
    try:
        data = yaml.safe_load(m.group(1) or "")
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "invalid YAML"
        return {}, m.end(), f"front matter is not valid YAML{where}: {problem}"
    except (ValueError, RecursionError) as exc:  # values YAML parses but cannot build: 2020-02-30
        reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        return {}, m.end(), f"front matter has a value that cannot be read ({reason})"
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return {}, m.end(), "front matter must be a YAML mapping of fields"
    return {str(k).lower(): v for k, v in data.items()}, m.end(), None
