"""An HTML page's own metadata, as the front matter fields the completeness rules read.

A page exported from a CMS carries its author and dates in `<meta>` tags (Dublin Core, Open
Graph article tags, Highwire citation tags) or in schema.org JSON-LD, where health pages also
state `lastReviewed` and `reviewedBy` (schema.org MedicalWebPage). Without this, every such
page would be told it has no date and no author although its reader's browser shows both.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

# <meta name|property|itemprop> (lowercased) -> front matter field.
META_FIELDS: dict[str, str] = {
    **dict.fromkeys(
        (
            "author",
            "article:author",
            "dc.creator",
            "dcterms.creator",
            "citation_author",
            "byl",
            "parsely-author",
            "sailthru.author",
            "creator",
        ),
        "author",
    ),
    **dict.fromkeys(
        (
            "article:published_time",
            "datepublished",
            "dc.date",
            "dc.date.issued",
            "dc.date.created",
            "dcterms.issued",
            "dcterms.created",
            "dcterms.date",
            "citation_publication_date",
            "citation_date",
            "date",
            "pubdate",
            "publish-date",
            "publish_date",
            "sailthru.date",
            "parsely-pub-date",
        ),
        "published",
    ),
    **dict.fromkeys(
        (
            "article:modified_time",
            "og:updated_time",
            "datemodified",
            "dc.date.modified",
            "dcterms.modified",
            "last-modified",
            "lastmod",
            "revised",
        ),
        "updated",
    ),
    **dict.fromkeys(("lastreviewed", "last-reviewed", "dc.date.reviewed"), "last_reviewed"),
    **dict.fromkeys(("reviewedby", "reviewed-by"), "reviewed_by"),
}

# schema.org properties -> front matter field.
JSON_LD_FIELDS: dict[str, str] = {
    "author": "author",
    "creator": "author",
    "datePublished": "published",
    "dateCreated": "published",
    "dateModified": "updated",
    "lastReviewed": "last_reviewed",
    "reviewedBy": "reviewed_by",
}


def meta_field(attrs: list[tuple[str, str | None]], in_head: bool) -> tuple[str, str] | None:
    """(field, value) for a `<meta>` tag that states an author or a date, else None. Microdata
    (`itemprop`) counts in the head only: in the body it may describe a review or a comment."""
    values = {k.lower(): (v or "").strip() for k, v in attrs}
    content = values.get("content", "")
    if not content:
        return None
    for attr in ("name", "property", "http-equiv", *(("itemprop",) if in_head else ())):
        field = META_FIELDS.get(values.get(attr, "").lower())
        if field is not None:
            return field, content
    return None


def json_ld_fields(text: str) -> list[tuple[str, str]]:
    """(field, value) pairs from one JSON-LD script; none for text that is not JSON or is
    nested beyond reason (the page's own mistake, in a script no reader sees)."""
    try:
        return [
            (field, value)
            for node in _page_nodes(json.loads(text))
            for prop, field in JSON_LD_FIELDS.items()
            if (value := _text(node.get(prop)))
        ]
    except (ValueError, RecursionError):
        return []


# Where the page itself is described: the top level, a `@graph`, and a page's main entity.
# Not `citation`, `review`, `comment` and the like, whose authors and dates are someone else's.
_PAGE_KEYS = ("@graph", "mainEntity", "mainEntityOfPage")


def _page_nodes(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _page_nodes(item)
    elif isinstance(data, dict):
        yield data
        for key in _PAGE_KEYS:
            yield from _page_nodes(data.get(key))


def _text(value: Any, depth: int = 0) -> str:
    """A person, organisation or date as text: a string, a `name`, or a list of them."""
    if isinstance(value, str):
        return value.strip()
    if depth > 3:
        return ""
    if isinstance(value, dict):
        return _text(value.get("name"), depth + 1)
    if isinstance(value, list):
        return ", ".join(t for t in (_text(v, depth + 1) for v in value) if t)
    return ""
