"""What kind of article a document is, and why medlint thinks so."""

from __future__ import annotations

from dataclasses import dataclass

from medlint.document import Document

DOC_TYPES = ("treatment", "condition", "news", "recipe", "other")


@dataclass(frozen=True, slots=True)
class DocType:
    type: str
    reason: str
    promotional: bool = False


def classify(doc: Document) -> DocType:
    declared = doc.front_matter.get("type")
    if isinstance(declared, str) and declared.strip().lower() in DOC_TYPES:
        return DocType(declared.strip().lower(), "front matter 'type'")
    return DocType("other", "no front matter 'type' and no inference yet")
