"""`suppression`: rules whose findings the engine itself makes (unused or unknown suppressions)."""

from __future__ import annotations

from collections.abc import Iterator

from medlint.document import Document
from medlint.kinds.base import Hit, Kind, NoParams, RuleContext


class EngineKind(Kind[NoParams]):
    name = "suppression"

    def find(self, doc: Document, ctx: RuleContext) -> Iterator[Hit]:
        return iter(())
