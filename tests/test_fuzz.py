"""Property-based fuzzing: structure-aware Markdown, HTML and text, and mutated fixtures.

For every generated article: no exception (the API raises on any internal error), every span
finding starts and ends on text inside the source with line and column matching its offsets,
CPU time within a generous linear bound, and nothing written anywhere. A short run is part of
the default suite; `python scripts/fuzz.py` runs the same properties for as long as asked.
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from medlint.engine import Linter

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = sorted(
    p
    for folder in (ROOT / "examples", ROOT / "tests" / "fixtures")
    for p in folder.rglob("*")
    if p.suffix in (".md", ".html", ".txt") and p.is_file()
)
SHORT_EXAMPLES = int(os.environ.get("MEDLINT_FUZZ_EXAMPLES", "15"))

# -- words and inline text ------------------------------------------------------------------

WORDS = (
    "miracle cure cures works forever guaranteed studies show doctors recommend no side effects "
    "completely safe natural may might some people not never without risk pain knee back injection "
    "treatment trial study patients NHS NICE COPD MRI AB A&E e.g. Dr. i.e. 3 50% 2020 (Smith, 2020) "
    "[1] et al. but however although breakthrough revolutionary clinically proven 100% effective"
).split()
ODD = [
    "\t",
    "\u00a0",
    "\u2028",
    "\u200b",
    "\u202e",
    "\x1b[2J",
    "\x07",
    "\x7f",
    "\r",
    "\r\n",
    "\ufeff",
    "é",
    "ß",
    "İ",
    "ﬁ",
    "𝔪",
    "😀",
    "\u0301",
    "&amp;",
    "&#x27;",
    "&nbsp;",
    "\\",
    "`",
    "*",
    "_",
    "~",
    "|",
    "<",
    ">",
    "[",
    "]",
    "(",
    ")",
    "!",
    "#",
    "---",
    "...",
    "—",
    "“",
    "”",
    "’",
    "http://example.org/a_(b)",
    "a@b.co",
    "<!--",
    "-->",
]


class Draw(Protocol):
    """What the generators ask for: hypothesis answers in the test suite (and shrinks a failure
    to a small reproducer), a seeded random.Random in the long run of scripts/fuzz.py."""

    def integer(self, lo: int, hi: int) -> int: ...
    def choice(self, options: Sequence[str]) -> str: ...
    def text(self, max_size: int) -> str: ...


class HypothesisDraw:
    def __init__(self, draw: st.DrawFn) -> None:
        self.draw = draw

    def integer(self, lo: int, hi: int) -> int:
        return self.draw(st.integers(lo, hi))

    def choice(self, options: Sequence[str]) -> str:
        return self.draw(st.sampled_from(options))

    def text(self, max_size: int) -> str:
        return self.draw(st.text(min_size=1, max_size=max_size))


class RandomDraw:
    # Mostly ASCII, some Latin-1 and general Unicode, a few surrogates and controls.
    _RANGES = (
        (0x20, 0x7E),
        (0x20, 0x7E),
        (0x00, 0x1F),
        (0xA0, 0x2FF),
        (0x300, 0x36F),
        (0x2000, 0x206F),
        (0x4E00, 0x4E80),
        (0x1F600, 0x1F64F),
        (0xD800, 0xDFFF),
        (0xFFF0, 0xFFFF),
    )

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def integer(self, lo: int, hi: int) -> int:
        return self.rng.randint(lo, hi)

    def choice(self, options: Sequence[str]) -> str:
        return self.rng.choice(options)

    def text(self, max_size: int) -> str:
        out = []
        for _ in range(self.rng.randint(1, max_size)):
            lo, hi = self.rng.choice(self._RANGES)
            out.append(chr(self.rng.randint(lo, hi)))
        return "".join(out)


def word(d: Draw) -> str:
    kind = d.integer(0, 5)
    if kind < 3:
        return d.choice(WORDS)
    return d.choice(ODD) if kind < 5 else d.text(8)


def inline(d: Draw, depth: int = 0) -> str:
    parts = []
    for _ in range(d.integer(1, 12)):
        kind = d.integer(0, 9)
        if kind < 5 or depth > 2:
            parts.append(word(d))
        elif kind == 5:
            mark = d.choice(["*", "**", "_", "__", "~~", "`"])
            parts.append(mark + inline(d, depth + 1) + mark)
        elif kind == 6:
            parts.append(f"[{inline(d, depth + 1)}]({d.choice(['http://x.org', 'a.md', '', '<u v>'])})")
        elif kind == 7:
            parts.append(f"<{d.choice(['b', 'i', 'span', 'a href=x', 'br/'])}>")
        elif kind == 8:
            parts.append(
                d.choice(
                    [
                        "<!-- medlint-disable CLM001 -->",
                        "<!-- medlint-disable-line -->",
                        "<!-- medlint-disable-next-line RDB -->",
                        "<!-- x",
                    ]
                )
            )
        else:
            parts.append(d.choice([".", ",", ";", ":", "?", "!", " - "]))
    return d.choice([" ", " ", " ", "  ", "\n", "\t"]).join(parts)


# -- documents -----------------------------------------------------------------------------


def front_matter(d: Draw) -> str:
    fields = []
    for _ in range(d.integer(0, 5)):
        key = d.choice(["title", "author", "date", "last_reviewed", "type", "reviewed_by", "x"])
        value = d.choice(
            [
                "Knee pain",
                "2024-01-01",
                "2020-02-30",
                "[a, b]",
                "{a: 1}",
                "&a [x, *a]",
                "*nope",
                "'",
                "",
                "null",
                "!!binary aGk=",
                "[[[[[[[[[[[[[[[[[[[[[[x]]]]]]]]]]]]]]]]]]]]]",
                "&b [1, 2]",
                "treatment",
            ]
        )
        fields.append(f"{key}: {value}")
    return "---\n" + "\n".join(fields) + "\n---"


def html_fragment(d: Draw) -> str:
    parts = []
    for _ in range(d.integer(1, 8)):
        tag = d.choice(["p", "h1", "h2", "li", "blockquote", "td", "script", "style", "div", "title", "a"])
        close = d.choice([f"</{tag}>", "", "</p>"])
        parts.append(f"<{tag}>{inline(d)}{close}")
        if d.integer(0, 5) == 0:
            parts.append(
                d.choice(
                    [
                        "<!-- c -->",
                        "<!--",
                        '<meta name="author" content="Dr X">',
                        "<br>",
                        "&amp;",
                        "&#0;",
                        "</ul>",
                        '<script type="application/ld+json">{"datePublished": "2024-01-01"}</script>',
                        "<![CDATA[x]]>",
                    ]
                )
            )
    return "".join(parts)


def markdown(d: Draw) -> str:
    blocks = []
    if d.integer(0, 1):
        blocks.append(front_matter(d))
    for _ in range(d.integer(1, 10)):
        kind = d.integer(0, 9)
        body = inline(d)
        if kind == 0:
            blocks.append("#" * d.integer(1, 7) + " " + body)
        elif kind == 1:
            blocks.append("\n".join("  " * i + d.choice(["- ", "* ", "1. "]) + body for i in range(d.integer(1, 30))))
        elif kind == 2:
            blocks.append("> " * d.integer(1, 25) + body)
        elif kind == 3:
            blocks.append("| a | b |\n|---|---|\n| " + body.replace("\n", " ") + " | x |")
        elif kind == 4:
            blocks.append("```\n" + body + "\n```" * d.integer(0, 1))
        elif kind == 5:
            blocks.append(html_fragment(d))
        elif kind == 6:
            blocks.append(d.choice(["[", "![", "*", "<", "`", "AB ", "a.", "(", "> "]) * d.integer(1, 400))
        else:
            blocks.append(body)
    return d.choice(["\n\n", "\n", "\r\n\r\n", "\n\n\n"]).join(blocks) + d.choice(["", "\n"])


def html_page(d: Draw) -> str:
    head = d.choice(["", "<!doctype html><html><head><title>T</title></head><body>", "<html><body>"])
    return head + html_fragment(d) + d.choice(["", "</body></html>"])


def text_doc(d: Draw) -> str:
    lines = [inline(d) for _ in range(d.integer(1, 12))]
    head = front_matter(d) + "\n" if d.integer(0, 4) == 0 else ""
    return head + d.choice(["\n", "\n\n", "\r\n"]).join(lines)


def mutated_fixture(d: Draw) -> tuple[str, str]:
    path = FIXTURES[d.integer(0, len(FIXTURES) - 1)]
    text = path.read_text(encoding="utf-8")
    for _ in range(d.integer(1, 6)):
        if not text:
            break
        i = d.integer(0, len(text))
        j = d.integer(i, min(len(text), i + 200))
        op = d.integer(0, 3)
        if op == 0:
            text = text[:i] + (word(d) if d.integer(0, 1) else inline(d)) + text[i:]
        elif op == 1:
            text = text[:i] + text[j:]
        elif op == 2:
            text = text[:j] + text[i:j] * d.integer(1, 20) + text[j:]
        else:
            text = text[:i] + text[j:] + text[i:j]
    return "a" + path.suffix, text


GENERATORS: dict[str, Callable[[Draw], tuple[str, str]]] = {
    "markdown": lambda d: ("a.md", markdown(d)),
    "html": lambda d: ("a.html", html_page(d)),
    "text": lambda d: ("a.txt", text_doc(d)),
    "mutated": mutated_fixture,
}


def strategy(kind: str) -> st.SearchStrategy[tuple[str, str]]:
    generate = GENERATORS[kind]
    return st.composite(lambda draw: generate(HypothesisDraw(draw)))()


# -- the properties --------------------------------------------------------------------------


def line_col(source: str, offset: int) -> tuple[int, int]:
    line = source.count("\n", 0, offset) + 1
    return line, offset - (source.rfind("\n", 0, offset) + 1) + 1


def check_document(linter: Linter, path: str, text: str) -> float:
    """Lint `text` through the API and check every property; returns the CPU seconds taken."""
    t0 = time.process_time()
    outcome = linter.lint_text(text, path=path, contain=False)  # raises on any internal error
    spent = time.process_time() - t0
    source = outcome.source
    for f in outcome.findings:
        assert 0 <= f.start_offset <= f.end_offset <= len(source), f
        assert (f.line, f.column) == line_col(source, f.start_offset), f
        assert (f.end_line, f.end_column) == line_col(source, f.end_offset), f
        if f.scope == "span" and f.end_offset > f.start_offset:
            assert not source[f.start_offset].isspace(), f
            assert not source[f.end_offset - 1].isspace(), f
            assert f.match and not f.match[0].isspace() and not f.match[-1].isspace(), f
    for e in outcome.errors:
        assert "\n" not in e.message and "internal error" not in e.message, e
    # Generous, and linear in the size: minutes-long inputs fail it, slow machines do not.
    assert spent < 3.0 + 200e-6 * len(text), (spent, len(text))
    return spent


@pytest.fixture(scope="module")
def linter() -> Linter:
    linter = Linter()
    linter.lint_text("# Knee pain\n\nThis miracle cure works.\n", path="warm.md")
    return linter


@pytest.fixture(autouse=True)
def _in_an_empty_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def _nothing_written(folder: Path) -> None:
    assert list(folder.iterdir()) == []


SHORT = settings(
    max_examples=SHORT_EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large],
    database=None,
)


@pytest.mark.parametrize("kind", sorted(GENERATORS))
def test_fuzzed_documents_lint_cleanly(linter: Linter, tmp_path: Path, kind: str) -> None:
    @SHORT
    @given(strategy(kind))
    def run(doc: tuple[str, str]) -> None:
        check_document(linter, *doc)

    run()
    _nothing_written(tmp_path)


@pytest.mark.slow
@SHORT
@given(strategy("markdown"))
def test_time_grows_linearly_with_size(linter: Linter, doc: tuple[str, str]) -> None:
    """Sixteen copies of an article take about sixteen times as long, not 256."""
    text = doc[1]
    if len(text) < 200:
        text = text * (200 // max(len(text), 1) + 1)
    base = min(check_document(linter, "a.md", text) for _ in range(2))
    big = check_document(linter, "a.md", "\n\n".join([text] * 16))
    assert big < 16 * 4 * base + 0.5, (base, big, len(text))


def test_a_linted_file_is_left_byte_identical(linter: Linter, tmp_path: Path) -> None:
    for fixture in FIXTURES:
        copy = tmp_path / fixture.name
        copy.write_bytes(fixture.read_bytes())
        linter.lint_path(copy)
        assert copy.read_bytes() == fixture.read_bytes()
