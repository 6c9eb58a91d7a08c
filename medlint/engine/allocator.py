"""Large freed blocks go back to the operating system at once (glibc's malloc, Linux).

glibc serves a request of 128 KB or more from a mapping of its own, unmapped when freed, but
each time it unmaps one it raises that threshold to the freed block's size (up to 32 MB). After
a 10 MB file's bytes have been decoded and let go, every block under 10 MB comes from the heap
instead, and a freed heap block stays resident: it can serve later `malloc` calls, but not
Python's small objects, which live in arenas of their own. So the large working data of a long
document (a joined text, a block's tokens) kept its pages after it was let go, and the process
grew by the same again when the next stage made its objects. A fixed threshold (which also
turns the raising off) returns those blocks as they are freed: a 10 MB article's peak was about
11 MB lower (see README, "Long and hostile input").

Set only for a long text (`LONG_TEXT`): for an ordinary article the dynamic threshold never
rises far, and importing `ctypes` would cost a cold start about 2 ms for nothing.
"""

from __future__ import annotations

import sys

LONG_TEXT = 1_000_000
"""Characters of a text from which the threshold is fixed (the size at which the parser and the
sentence splitter read a text in pieces)."""

MMAP_THRESHOLD = 128 * 1024
"""Blocks of this size or more are mapped and unmapped on their own: glibc's starting value, no
longer raised. (It was 4 MB for a while: at 128 KB a one-million-character paragraph's claim
analysis spent minutes in `mmap`/`munmap`, because it copied the text before every short
sentence, a block of up to the paragraph's size each time. Without that copy, 128 KB costs it
nothing measurable, and the 10 MB article peaks about 5 MB lower than at 4 MB.)"""

_M_MMAP_THRESHOLD = -3  # <malloc.h>
_fixed: bool | None = None


def return_large_blocks() -> bool:
    """Fix glibc's mmap threshold at `MMAP_THRESHOLD` (once per process); True when it is set,
    False where there is no glibc `mallopt` (another C library, another system)."""
    global _fixed
    if _fixed is None:
        _fixed = _set_threshold(MMAP_THRESHOLD)
    return _fixed


def _set_threshold(size: int) -> bool:
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    # musl and others export a `mallopt` that does nothing and returns 0.
    return bool(mallopt(_M_MMAP_THRESHOLD, size))


__all__ = ["LONG_TEXT", "MMAP_THRESHOLD", "return_large_blocks"]
