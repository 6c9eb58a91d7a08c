"""What several kinds share, so that no kind imports another: article-type names, positive
counts, whether a front-matter value is filled in, and the link targets a document gives."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from medlint.analysis.classify import DOC_TYPES
from medlint.document import Document
from medlint.kinds.base import names_from, typed

doc_types = names_from(DOC_TYPES, "document type")
"""A validator for a list of article types (`medlint.analysis.classify.DOC_TYPES`)."""


def positive_int(value: Any) -> int:
    n: int = typed(int)(value)
    if n < 1:
        raise ValueError("expected a positive integer")
    return n


def filled(value: Any, depth: int = 0) -> bool:
    """Whether a front-matter value says something (not empty, not only blanks)."""
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if depth > 5:  # a YAML alias can make a list that holds itself: `author: &a [*a]`
        return False
    if isinstance(value, dict):
        return any(filled(v, depth + 1) for v in value.values())
    if isinstance(value, (list, tuple)):
        return any(filled(v, depth + 1) for v in value)
    return True


# A web address that names a page, not only a site: something after the host ("/doi/10.1177/...").
_PAGE_PATH = re.compile(r"^(?:[a-z][\w+.-]*://|(?![a-z][\w+.-]*://))[^/\s]+/[^/\s]", re.IGNORECASE)


def link_targets(doc: Document) -> Iterator[str]:
    """Every link target, then every web address written out in the text that names a page: a
    bare site address ("cis.nci.nih.gov", given as a contact) says where to go, not what the
    text rests on."""
    yield from doc.links
    yield from (url for url in doc.bare_urls if _PAGE_PATH.match(url))
