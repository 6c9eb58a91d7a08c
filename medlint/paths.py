"""File names made safe to print: every output (text, JSON, CI logs, baselines) shows a path
through `safe_path`, so a name with control characters or bytes that are not UTF-8 cannot act
on a terminal or break a format."""

from __future__ import annotations

import re

# Lone surrogates (the bytes of a file name that is not UTF-8, as Python keeps them), C0 and C1
# control characters, DEL, and the bidirectional overrides that can make a name read backwards.
UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _escape(ch: str) -> str:
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def safe_path(path: str) -> str:
    """`path` as text every output can hold and no terminal or CI log acts on: bytes that were
    not UTF-8 become `\\xff`, control characters `\\x1b`, bidi overrides `\\u202e`."""
    return UNSAFE.sub(lambda m: _escape(m.group()), path) if UNSAFE.search(path) else path


def path_bytes(path: str) -> bytes:
    """The file name's own bytes (for a URI that names exactly that file)."""
    try:
        return path.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return path.encode("utf-8", "surrogatepass")
