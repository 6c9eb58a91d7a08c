from __future__ import annotations

from pathlib import Path

import pytest

from medlint.config import Settings
from medlint.engine import Linter
from medlint.prose import _URL

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "back-injections.txt"


@pytest.fixture(autouse=True)
def _own_results_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test (and every medlint it starts) gets an empty results cache of its own: no test
    reads results another test left, and none writes to the user's cache folder."""
    monkeypatch.setenv("MEDLINT_CACHE_DIR", str(tmp_path_factory.mktemp("medlint-cache")))


@pytest.fixture(scope="session")
def all_rules_linter() -> Linter:
    """Every rule, including those off by default, built once for the session."""
    return Linter(Settings(extend_select=("ALL",)))


@pytest.fixture(scope="session")
def default_linter() -> Linter:
    return Linter(Settings())


def span_text_matches(source: str, start: int, end: int, match: str) -> bool:
    """The source between two offsets is the matched prose, allowing only markup between words.

    Markup is what a parser removes: emphasis markers, link brackets and destinations, entity
    spellings, line breaks, container prefixes (`>`, list bullets) and inline code, which a
    sentence-long span may contain.
    """
    import html
    import re

    raw = source[start:end]
    raw = re.sub(r"`[^`\n]+`", " ", raw)  # inline code: parsers leave it out of the prose
    raw = _URL.sub(" ", raw)  # URLs: masked as spaces in the prose, so a paragraph-long span holds them
    raw = re.sub(r"\]\((?:[^()]|\([^()]*\))*\)", "", raw)  # link destinations
    raw = re.sub(r"<[a-zA-Z/!][^>]*>", " ", raw)  # tags, not entity-escaped brackets
    markup = r"[*_`\[\]<>|\\]"

    def norm(s: str) -> str:
        return " ".join(re.sub(markup, "", html.unescape(s)).split())

    return norm(raw) == norm(match)
