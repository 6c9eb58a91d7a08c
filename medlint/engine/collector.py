"""Python's cyclic garbage collector kept off what a document's lint did not make.

The built rules are tens of thousands of long-lived objects (compiled patterns, the claim
lexicon's index, tables), and the collections set off while a document was linted walked them
again and again: about 4% of the CPU over the corpus, for nothing (linting the corpus leaves no
cyclic garbage for the collector to find). Cycles made while a document is linted are still
collected as usual.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

_LOCK = threading.Lock()
_DEPTH = 0
"""Blocks open now, in any thread: objects are set aside by the first and handed back by the
last. (Counted here, not asked of `gc`: `gc.get_freeze_count` walks every object set aside.)"""
_SET_ASIDE = False


@contextlib.contextmanager
def settled() -> Iterator[None]:
    """Inside the block, collections pass over only the objects made in it: those alive on entry
    (the rules, and whatever else the process holds) are set aside (`gc.freeze`) and handed back
    to the collector on exit (`gc.unfreeze`), so nothing is kept from it for good. Blocks may
    nest and overlap in threads. When a host has set objects aside itself (before it forks),
    the collector is left as it is."""
    global _DEPTH, _SET_ASIDE
    with _LOCK:
        if _DEPTH == 0:
            _SET_ASIDE = gc.get_freeze_count() == 0
            if _SET_ASIDE:
                gc.freeze()
        _DEPTH += 1
    try:
        yield
    finally:
        with _LOCK:
            _DEPTH -= 1
            if _DEPTH == 0 and _SET_ASIDE:
                gc.unfreeze()
                _SET_ASIDE = False


__all__ = ["settled"]
