"""Hostile input: each defect of issue 15 as a regression test.

Time bounds are CPU seconds (`time.process_time`), generous enough for a slow CI machine and
still far below what the defects took (minutes to hours), so a regression shows as a failure,
not a stuck suite.
"""

from __future__ import annotations

import time

import pytest

from medlint.document import MAX_TITLE
from medlint.engine import Linter
from medlint.parse import parse_document

CLAIM = "# Knee pain\n\nThis miracle cure works.\n"


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter()


def _alias_bomb(field: str) -> str:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]")
    return "---\n" + "\n".join(lines) + f"\n{field}: *a9\n---\n"


@pytest.mark.parametrize("field", ["title", "date", "author", "type"])
def test_a_yaml_alias_bomb_in_front_matter_is_refused_fast(linter: Linter, field: str) -> None:
    head = _alias_bomb(field)
    assert len(head.encode()) < 800  # 9**10 strings once expanded
    text = head + "Some text here. This miracle cure works.\n"
    t0 = time.process_time()
    outcome = linter.lint_text(text, path="bomb.md")
    assert time.process_time() - t0 < 2
    (error,) = outcome.errors
    assert error.message.startswith("front matter not read") and "aliases" in error.message
    assert "\n" not in error.message
    # The article itself is still linted, at its place.
    assert any(f.code == "CLM001" and text[f.start_offset : f.end_offset] == "miracle" for f in outcome.findings)


def test_front_matter_aliases_that_stay_small_still_work(linter: Linter) -> None:
    text = "---\ndate: &d 2024-05-01\nlast_reviewed: *d\nauthor: &a Jane Smith\nreviewed_by: [*a]\n---\n" + CLAIM
    doc, problem = parse_document(text, path="a.md")
    assert problem is None
    assert doc.front_matter["last_reviewed"] == doc.front_matter["date"]
    assert doc.front_matter["reviewed_by"] == ["Jane Smith"]


@pytest.mark.parametrize("value", ["[a, b]", "{x: 1}", "true", "null", "[]"])
def test_a_title_that_is_not_a_scalar_is_no_title(value: str) -> None:
    doc, problem = parse_document(f"---\ntitle: {value}\n---\nSome text.\n", path="a.md")
    assert problem is None
    assert doc.title == ""


def test_a_front_matter_title_is_capped_and_computed_once() -> None:
    doc, _ = parse_document("---\ntitle: " + "Long " * 100_000 + "\n---\nSome text.\n", path="a.md")
    title = doc.title
    assert 0 < len(title) <= MAX_TITLE and title.startswith("Long Long")
    assert doc.title is title


def test_a_number_or_date_title_reads_as_text() -> None:
    doc, _ = parse_document("---\ntitle: 2024-05-01\n---\nSome text.\n", path="a.md")
    assert doc.title == "2024-05-01"


def test_front_matter_nested_beyond_the_limit_is_refused(linter: Linter) -> None:
    value = "[" * 30 + "x" + "]" * 30
    outcome = linter.lint_text(f"---\nauthor: {value}\n---\n{CLAIM}", path="a.md")
    (error,) = outcome.errors
    assert error.message.startswith("front matter not read") and "nested" in error.message
