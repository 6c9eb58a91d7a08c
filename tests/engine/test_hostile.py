"""Hostile input: each defect of issue 15 as a regression test.

Time bounds are CPU seconds (`time.process_time`), generous enough for a slow CI machine and
still far below what the defects took (minutes to hours), so a regression shows as a failure,
not a stuck suite.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from medlint.cli import main
from medlint.config import Settings
from medlint.document import MAX_TITLE
from medlint.engine import BudgetExceeded, Linter
from medlint.parse import parse_document

CLAIM = "# Knee pain\n\nThis miracle cure works.\n"


@pytest.fixture(scope="module")
def linter() -> Linter:
    """A linter that has linted once (loading spaCy and the rules' data is not the input's doing)."""
    linter = Linter()
    linter.lint_text(CLAIM, path="warm.md")
    return linter


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


# -- time budgets --------------------------------------------------------------------

BACKTRACKING_RULE = r"""code: ACM001
name: exclaimed-words
severity: warning
summary: Words shouted with an exclamation mark.
message: "'{match}' is shouted."
why: |
  Our editors agreed that exclamation marks after runs of words make articles sound like
  advertising copy, and readers have told us so in our surveys for several years now.
sources:
  - title: "Acme Health house style guide"
    url: "https://example.org/style"
check:
  kind: phrase
  patterns: ['(?:\w+\s?)+!']
examples:
  bad: ["Buy now!"]
  good: ["Ask your doctor about this pill."]
"""
# Fifty letters after a '!': the pattern tries every way to split them into words, 2**50.
BACKTRACKING_ARTICLE = "# Pills\n\nHi! This pill helps " + "a" * 50 + ".\n\nThis miracle cure works.\n"


def _acme_pack(root: Path) -> Path:
    pack = root / "acme"
    pack.mkdir(parents=True)
    (pack / "pack.yml").write_text("name: acme\nprefix: ACM\n")
    (pack / "ACM001-exclaimed-words.yml").write_text(BACKTRACKING_RULE)
    return pack


@pytest.mark.slow
def test_a_rule_packs_backtracking_regex_is_stopped_and_named(tmp_path: Path) -> None:
    linter = Linter(Settings(rule_packs=(_acme_pack(tmp_path),)))
    for first in (True, False):
        t0 = time.process_time()
        outcome = linter.lint_text(BACKTRACKING_ARTICLE, path="a.md")
        spent = time.process_time() - t0
        # A rule's first run may build what its kind builds once; later runs get the normal budget.
        assert spent < (Linter.FIRST_RUN_BUDGET + 2 if first else 2)
        (error,) = outcome.errors
        assert error.message.startswith("rule ACM001 (exclaimed-words) stopped after") and "\n" not in error.message
        # The other rules ran: the miracle is still found at its place.
        assert any(f.code == "CLM001" and f.match == "miracle" for f in outcome.findings)
        assert not any(f.code == "ACM001" for f in outcome.findings)


def test_the_command_line_reports_a_stopped_rule_with_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _acme_pack(tmp_path / "style")
    (tmp_path / ".medlint.toml").write_text('rule-packs = ["style"]\n')
    article = tmp_path / "a.md"
    article.write_text(BACKTRACKING_ARTICLE)
    assert main(["check", str(article), "--format", "json"]) == 2
    data = json.loads(capsys.readouterr().out)
    assert [e["message"].split(" stopped")[0] for e in data["errors"]] == ["rule ACM001 (exclaimed-words)"]
    assert any(f["code"] == "CLM001" for f in data["findings"])


def test_a_file_past_its_budget_is_reported_not_linted() -> None:
    linter = Linter()
    linter.lint_text(CLAIM, path="warm.md")
    linter.FILE_BUDGET = (0.01, 0.0)  # type: ignore[misc]
    text = "# Knee pain\n\n" + "Patients improve after treatment, and the miracle cure works. " * 3000
    t0 = time.process_time()
    outcome = linter.lint_text(text, path="big.md")
    assert time.process_time() - t0 < 2
    (error,) = outcome.errors
    assert error.message.startswith("not linted: stopped after 0.0 s of CPU") and not outcome.findings
    with pytest.raises(BudgetExceeded, match=r"big\.md: not linted"):
        linter.lint_text(text, path="big.md", contain=False)
    # The linter is still usable, and within budget again the file lints.
    linter.FILE_BUDGET = Linter.FILE_BUDGET  # type: ignore[misc]
    assert not linter.lint_text(CLAIM, path="a.md").errors


def test_budgets_leave_no_timer_running() -> None:
    import signal

    Linter().lint_text(CLAIM, path="a.md")
    assert signal.getitimer(signal.ITIMER_PROF) == (0.0, 0.0)


# -- one-line errors with exit 2 -----------------------------------------------------------


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("x = " + "[" * 3000 + "]" * 3000, "invalid TOML: nested too deeply"),
        ("x = " + "{a = " * 3000 + "}" * 3000, "invalid TOML: nested too deeply"),
        ('exclude = ["[z-a]"]', "exclude: invalid pattern '[z-a]'"),
        ('extend-exclude = ["docs/[9-0]*.md"]', "extend-exclude: invalid pattern"),
    ],
)
def test_a_broken_configuration_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], config: str, message: str
) -> None:
    (tmp_path / ".medlint.toml").write_text(config + "\n")
    (tmp_path / "a.md").write_text(CLAIM)
    assert main(["check", str(tmp_path)]) == 2
    out, err = capsys.readouterr()
    assert message in out + err and "Traceback" not in out + err
    assert len([line for line in (out + err).splitlines() if message in line]) == 1


def test_a_baseline_nested_too_deeply_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    baseline = tmp_path / "b.json"
    baseline.write_text('{"version": 1, "findings": ' + "[" * 100_000 + "]" * 100_000 + "}")
    (tmp_path / "a.md").write_text(CLAIM)
    assert main(["check", str(tmp_path / "a.md"), "--baseline", str(baseline)]) == 2
    out, err = capsys.readouterr()
    assert "nested too deeply" in out + err and "Traceback" not in out + err


def test_max_file_size_applies_to_stdin(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io
    import sys

    (tmp_path / ".medlint.toml").write_text("max-file-size = 100\n")
    stream = io.BytesIO((CLAIM * 100).encode())
    monkeypatch.setattr(sys, "stdin", type("In", (), {"buffer": stream})())
    assert main(["check", "-", "--stdin-filename", str(tmp_path / "a.md")]) == 2
    out, err = capsys.readouterr()
    assert "above max-file-size" in out + err
    assert stream.tell() <= 101  # not read past the limit


# -- linear time ---------------------------------------------------------------------------


def _cpu(linter: Linter, text: str, path: str = "a.md") -> tuple[float, object]:
    t0 = time.process_time()
    outcome = linter.lint_text(text, path=path)
    return time.process_time() - t0, outcome


def test_a_99000_letter_capitalised_word_is_quick(linter: Linter) -> None:
    text = "# Knee pain\n\nThe " + "A" * 99_000 + " test. This miracle cure works.\n"
    spent, outcome = _cpu(linter, text)
    assert spent < 2
    assert not outcome.errors  # type: ignore[attr-defined]
    assert any(f.code == "CLM001" for f in outcome.findings)  # type: ignore[attr-defined]


@pytest.mark.parametrize("run", ["[", "![", "[a"])
def test_sixty_thousand_brackets_are_quick(linter: Linter, run: str) -> None:
    text = run * (60_000 // len(run)) + "\n\nThis miracle cure works.\n"
    spent, outcome = _cpu(linter, text)
    assert spent < 2
    assert not outcome.errors  # type: ignore[attr-defined]
    start = text.index("miracle")
    assert any(f.code == "CLM001" and f.start_offset == start for f in outcome.findings)  # type: ignore[attr-defined]


def test_a_long_acronym_is_still_not_expanded_from_initials_beyond_the_cap() -> None:
    from medlint.kinds.abbreviation import expansion_regex

    assert expansion_regex("NICE") is not None
    assert expansion_regex("A" * 13) is None


PHRASE_RULE = r"""code: ACM002
name: hype-words
severity: warning
summary: Hype words our house style bans.
message: "'{match}' is hype."
why: |
  Our editors agreed that these words promise more than evidence can show, and readers have
  told us that they make articles sound like advertising copy in several surveys.
sources:
  - title: "Acme Health house style guide"
    url: "https://example.org/style"
check:
  kind: phrase
  terms: [miracle, cures, works, studies show]
  hedges: true
  citation: paragraph
  exceptions: ['miracle\s+of\s+birth']
  unless: ['\d+\s*%']
examples:
  bad: ["This miracle pill helps."]
  good: ["Ask your doctor about this pill."]
"""


@pytest.fixture(scope="module")
def phrase_linter(tmp_path_factory: pytest.TempPathFactory) -> Linter:
    pack = tmp_path_factory.mktemp("packs") / "acme"
    pack.mkdir()
    (pack / "pack.yml").write_text("name: acme\nprefix: ACM\n")
    (pack / "ACM002-hype-words.yml").write_text(PHRASE_RULE)
    linter = Linter(Settings(rule_packs=(pack,), select=("acme",)))
    linter.lint_text(CLAIM, path="warm.md")
    return linter


@pytest.mark.parametrize(
    "unit",
    ["It may be that this cures but ", "no miracle ", "studies show and ", "This miracle cure works forever, but "],
)
def test_a_phrase_rule_judges_a_60kb_sentence_in_linear_time(phrase_linter: Linter, unit: str) -> None:
    """Each match's cues are read in a bounded window, matches per block are capped: these
    took minutes (cubic: sentence-wide work for every rejected candidate)."""
    text = "# T\n\n" + unit * (60_000 // len(unit)) + "works.\n"
    spent, outcome = _cpu(phrase_linter, text)
    assert spent < 2
    assert not outcome.errors  # type: ignore[attr-defined]


def test_a_phrase_rule_still_reads_cues_near_the_match(phrase_linter: Linter) -> None:
    far = "x " * 2000
    found = phrase_linter.lint_text(f"# T\n\nIt may help, {far} and this miracle works.\n", path="a.md").findings
    assert {f.match for f in found} == {"miracle", "works"}  # the hedge is too far away to count
    near = phrase_linter.lint_text("# T\n\nThis miracle may help some people.\n", path="a.md").findings
    assert not near


def test_spans_never_start_or_end_on_whitespace(tmp_path: Path) -> None:
    pack = tmp_path / "acme"
    pack.mkdir()
    (pack / "pack.yml").write_text("name: acme\nprefix: ACM\n")
    rule = PHRASE_RULE.replace("terms: [miracle, cures, works, studies show]", r"patterns: ['\s+miracle\s+']")
    (pack / "ACM002-hype-words.yml").write_text(rule)
    linter = Linter(Settings(rule_packs=(pack,), select=("acme",)))
    text = "# T\n\nThis  miracle\n cure works.\n"
    (finding,) = linter.lint_text(text, path="a.md").findings
    assert text[finding.start_offset : finding.end_offset] == "miracle" and finding.match == "miracle"
    assert (finding.line, finding.column, finding.end_column) == (3, 7, 14)


# -- found by the fuzzer -----------------------------------------------------------------------


def test_a_blank_html_title_neither_crashes_nor_steals_a_paragraph() -> None:
    doc, _ = parse_document("<title><span></p>", path="a.html", fmt="html")  # IndexError before
    assert doc.blocks == [] and doc.title_block is None
    doc, _ = parse_document("<title> </title><p>Some text here.</p><p>Second.</p>", path="a.html", fmt="html")
    assert [(b.kind.value, b.text) for b in doc.blocks] == [("paragraph", "Some text here."), ("paragraph", "Second.")]
    assert doc.title_block is None and [b.index for b in doc.blocks] == [0, 1]
