"""The literal hints of the built-in rule packs, worked out ahead of time.

`medlint.matching.literal_hints` parses a pattern to find the words every match contains; for
the built-in packs' few hundred patterns that was about a seventh of a cold start. This module
makes the table of them (`HINTS_TABLE`) that `literal_hints` reads instead. The table is a
generated file: `scripts/generate_docs.py` writes it beside the rule pages, and its check (in
the test suite and `.ci/run`) fails when a rule change leaves it stale. A pattern it lacks is
derived at run time as before, so a stale table costs time, never a finding.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from medlint.analysis.classify import vocabulary
from medlint.matching import HINTS_TABLE, RegexList, derive_literal_hints, recording_hints
from medlint.registry.rules import load_packs

__all__ = ["HINTS_TABLE", "builtin_hints", "hints_json"]


def _build_lists(root: object) -> None:
    """Build every `RegexList` reachable from `root` (their hints are asked for on first use)."""
    seen: set[int] = set()
    todo: list[Any] = [root]
    while todo:
        item = todo.pop()
        if id(item) in seen or isinstance(item, str | bytes | int | float | bool) or item is None:
            continue
        seen.add(id(item))
        if isinstance(item, RegexList):
            item.candidates("")
        if isinstance(item, dict):
            todo.extend(item.values())
        elif isinstance(item, list | tuple | set | frozenset):
            todo.extend(item)
        elif dataclasses.is_dataclass(item) and not isinstance(item, type):
            todo.extend(getattr(item, f.name) for f in dataclasses.fields(item))
        elif type(item).__module__.startswith("medlint.") and hasattr(item, "__dict__"):
            todo.extend(vars(item).values())


def builtin_hints() -> dict[str, frozenset[str] | None]:
    """Each pattern the built-in packs and the type vocabulary ask `literal_hints` about, with
    its hints, derived afresh."""
    with recording_hints() as asked:
        for rule in load_packs():
            rule.kind.prepare()
            _build_lists(rule.kind)
        _build_lists(vocabulary.__wrapped__())
    return {pattern: derive_literal_hints(pattern) for pattern in sorted(asked)}


def hints_json(hints: dict[str, frozenset[str] | None]) -> str:
    """The table as written to `HINTS_TABLE`: one pattern a line, hints sorted."""
    body = {p: None if h is None else sorted(h) for p, h in sorted(hints.items())}
    lines = ",\n".join(
        f"  {json.dumps(p, ensure_ascii=False)}: {json.dumps(h, ensure_ascii=False)}" for p, h in body.items()
    )
    return '{"hints": {\n' + lines + "\n}}\n"
