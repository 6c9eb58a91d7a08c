"""More bad input, found by fuzzing: each is a one-line error or is linted, never a crash or a hang."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from medlint.api import Session
from medlint.engine import Linter
from medlint.parse import decode
from medlint.parse.common import InputProblem

CLAIM = "# Back pain\n\nThis miracle injection offers a beacon of hope.\n"


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter()


def test_nul_anywhere_is_binary_and_utf16_is_named() -> None:
    with pytest.raises(InputProblem, match="binary"):
        decode(b"# T\n\n" + b"x " * 5000 + b"\n\nThe miracle\x00 cure.\n")
    for bom in ("utf-16-le", "utf-16-be"):
        data = ("\ufeff" + CLAIM).encode(bom)
        with pytest.raises(InputProblem, match="UTF-16 text, not linted; re-save the file as UTF-8"):
            decode(data)


def test_fifos_in_folders_are_skipped_and_named_streams_are_bounded(tmp_path: Path, linter: Linter) -> None:
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    (tmp_path / "a.md").write_text(CLAIM)
    report = Session().lint([tmp_path])  # reading the FIFO would block forever
    assert not report.errors
    assert {Path(f.path).name for f in report.findings} == {"a.md"}
    if Path("/dev/zero").exists():  # named on purpose: read, but never more than the limit
        (error,) = linter.lint_path(Path("/dev/zero")).errors
        assert error.message == "stream goes on, above max-file-size (10 MiB); not linted"
    (error,) = linter.lint_path(tmp_path).errors
    assert error.message == "a directory, not linted"


def test_a_named_pipe_is_read(tmp_path: Path, linter: Linter) -> None:
    # `medlint check <(cat draft.md)` and /dev/stdin are pipes named on purpose.
    import threading

    fifo = tmp_path / "draft.md"
    os.mkfifo(fifo)
    writer = threading.Thread(target=fifo.write_text, args=(CLAIM,))
    writer.start()
    outcome = linter.lint_path(fifo)
    writer.join()
    assert not outcome.errors and any(f.code == "CLM001" for f in outcome.findings)


def test_size_limit_message_uses_the_units_of_the_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.md"
    big.write_bytes(b"a" * (10 * 1024 * 1024 + 20))
    (error,) = Linter().lint_path(big).errors
    assert error.message == "file is 10.0 MiB, above max-file-size (10 MiB); not linted"


def test_looping_symlink_is_named(tmp_path: Path) -> None:
    loop = tmp_path / "loop.md"
    loop.symlink_to(loop)
    report = Session().lint([loop])
    assert [e.message for e in report.errors] == ["a broken or looping symbolic link"]


@pytest.mark.parametrize(
    ("front", "reason"),
    [
        ("date: 2020-02-30", "day is out of range"),
        ("x: !!int 0x", "cannot be read"),
        ("author: " + "[" * 1000 + "]" * 1000, "cannot be read"),
    ],
)
def test_front_matter_values_yaml_cannot_build(linter: Linter, front: str, reason: str) -> None:
    outcome = linter.lint_text(f"---\n{front}\n---\n{CLAIM}", path="a.md")
    (error,) = outcome.errors
    assert error.message.startswith("front matter has a value that cannot be read") and reason in error.message
    assert any(f.code == "CLM001" for f in outcome.findings)  # the article is still linted


def test_self_referencing_front_matter(linter: Linter) -> None:
    outcome = linter.lint_text(f"---\nauthor: &a [*a]\n---\n{CLAIM}", path="a.md")
    assert not outcome.errors
    assert "CMP010" in {f.code for f in outcome.findings}  # a list of itself names nobody


@pytest.mark.slow
def test_a_paragraph_over_a_million_characters(linter: Linter) -> None:
    text = "# T\n\n" + "Patients improve after treatment. " * 30_000 + "This miracle cure works.\n"
    outcome = linter.lint_text(text, path="a.md")
    assert not outcome.errors
    assert any(f.code == "CLM001" and f.start_offset == text.index("miracle") for f in outcome.findings)


def test_lone_surrogates_from_the_api_are_linted() -> None:
    import medlint

    text = "# T\n\nThis miracle \ud800 cure works.\n"
    findings = medlint.lint_text(text, path="a.md")
    assert any(f.code == "CLM001" and f.start_offset == text.index("miracle") for f in findings)


def test_bogus_marked_section_in_an_html_page(linter: Linter) -> None:
    # Python 3.11's HTMLParser raises on "<![foo"; browsers read it as a bogus comment.
    text = "<h1>Knee pain</h1><![foo bar]><p>This miracle cure works.</p>\n"
    outcome = linter.lint_text(text, path="a.html")
    assert not outcome.errors
    assert any(f.code == "CLM001" and f.start_offset == text.index("miracle") for f in outcome.findings)


@pytest.mark.parametrize(
    ("text", "path"),
    [
        ("Intro text here.\n\n<div>\n<!-- miracle cure\n</div>", "x.md"),
        ("Intro text here.\n\n<!-- miracle cure", "x.md"),
        ("<p>Intro text.</p><!-- miracle cure", "x.html"),
    ],
)
def test_an_unclosed_comment_hides_the_rest(linter: Linter, text: str, path: str) -> None:
    # A browser shows nothing after an unclosed "<!--".
    outcome = linter.lint_text(text, path=path)
    assert not outcome.errors and outcome.file is not None
    assert not [f for f in outcome.findings if f.code == "CLM001"]
    shown = linter.lint_text(text.replace("<!-- ", ""), path=path).findings  # the claim is there to find
    assert [f for f in shown if f.code == "CLM001"]
