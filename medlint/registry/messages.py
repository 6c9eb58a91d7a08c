"""Rule messages are templates: `{match}`, `{suggestion}` and the values a kind reports."""

from __future__ import annotations

from typing import Any


class _Values(dict[str, Any]):
    """Message values that leave an unknown placeholder visible instead of raising, so a typo
    in a rule's message shows in the output (and the rule's examples test catches it)."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def fill(template: str, values: dict[str, Any]) -> str:
    return template.format_map(_Values(values))
