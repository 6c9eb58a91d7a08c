"""Fixes: structured edits apart from advice, --fix / --unsafe-fixes / --diff, JSON and SARIF."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SEED, SHARED

import medlint
from medlint.cli import main
from medlint.findings import Edit
from medlint.fix import apply_edits, match_case

WORDY = (
    "# Using your inhaler\n"
    "\n"
    "Utilize the inhaler twice a day. Stop eating six hours prior to the test.\n"
    "\n"
    "You can utilize a spacer too; numerous people find it helps, and it gives sufficient medicine.\n"
)
# What --fix must make of it: the first "Utilize" keeps its capital; the second use of
# "utilize" is only reported once the first is gone, so it is fixed in a second round.
WORDY_FIXED = (
    "# Using your inhaler\n"
    "\n"
    "Use the inhaler twice a day. Stop eating six hours before the test.\n"
    "\n"
    "You can use a spacer too; many people find it helps, and it gives enough medicine.\n"
)
SELECT = ["--select", "RDB008", "--color", "never"]


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_a_word_swap_carries_a_safe_fix_apart_from_its_advice() -> None:
    text = "Stop eating six hours prior to the operation.\n"
    (f,) = medlint.lint_text(text, config={"select": ["RDB008"]})
    assert f.suggestion == "before"
    assert f.fix is not None and f.fix.applicability == "safe"
    (edit,) = f.fix.edits
    start = text.index("prior to")
    assert (edit.start_offset, edit.end_offset, edit.content) == (start, start + len("prior to"), "before")
    assert (edit.line, edit.column, edit.end_line, edit.end_column) == (1, start + 1, 1, start + 9)


@pytest.mark.parametrize(
    "text",
    [
        "The nurse utilized the inhaler twice a day.\n",  # an inflection: "the nurse use the"
        "Stop eating six hours prior **to** the operation.\n",  # markup inside the span
    ],
)
def test_no_fix_where_the_swap_is_not_certain(text: str) -> None:
    findings = medlint.lint_text(text, config={"select": ["RDB008"]})
    assert findings, "the rule still reports the word"
    assert all(f.fix is None for f in findings)


def test_an_article_before_the_swap_is_part_of_the_edit() -> None:
    text = "Your doctor may prescribe an analgesic for the pain.\n"
    (f,) = medlint.lint_text(text, config={"select": ["RDB006"]})
    assert f.fix is not None
    (edit,) = f.fix.edits
    start = text.index("an analgesic")
    assert (edit.content, edit.start_offset, edit.column) == ("a painkiller", start, start + 1)
    assert apply_edits(text, [edit])[0] == "Your doctor may prescribe a painkiller for the pain.\n"
    (f,) = medlint.lint_text("An analgesic can help.\n", config={"select": ["RDB006"]})
    assert f.fix is not None and f.fix.edits[0].content == "A painkiller"


@pytest.mark.parametrize(
    "text",
    [
        "Take an oral and herbal supplement.\n",  # "an by mouth and herbal supplement"
        "Many asymptomatic people never know.\n",  # "without symptoms people"
        'The leaflet says "give the oral vaccine twice".\n',  # a quotation is not reworded
    ],
)
def test_no_swap_that_breaks_the_sentence(text: str) -> None:
    findings = medlint.lint_text(text, config={"select": ["RDB006"]})
    assert findings, "the rule still reports the word"
    assert all(f.fix is None for f in findings)


def test_a_phrase_swap_where_nothing_follows_and_amounts_keep_their_fix() -> None:
    (f,) = medlint.lint_text("He was asymptomatic.\n", config={"select": ["RDB006"]})
    assert f.fix is not None and f.fix.edits[0].content == "without symptoms"
    (f,) = medlint.lint_text("It lasts approximately 20 minutes.\n", config={"select": ["RDB008"]})
    assert f.fix is not None and f.fix.edits[0].content == "about"
    (f,) = medlint.lint_text("Take a sufficient dose.\n", config={"select": ["RDB008"]})
    assert f.fix is None, "'a enough dose' and 'an enough dose' are both wrong"


def test_case_is_kept() -> None:
    assert match_case("use", "Utilize") == "Use"
    assert match_case("before", "PRIOR TO") == "BEFORE"
    assert match_case("use", "utilize") == "use"


def test_edits_apply_from_the_end_and_overlaps_wait() -> None:
    edits = [Edit("B", 4, 7, 1, 5, 1, 8), Edit("A", 0, 3, 1, 1, 1, 4), Edit("X", 5, 9, 1, 6, 1, 10)]
    assert apply_edits("abc def ghi", edits) == ("A B ghi", 2)


def test_fix_writes_the_file_and_a_second_run_finds_none(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "inhaler.md"
    f.write_text(WORDY)
    code, out, _ = run(["check", str(f), *SELECT, "--fix"], capsys)
    assert f.read_text() == WORDY_FIXED
    assert code == 0 and "RDB008" not in out.split("Found")[0]
    code, out, _ = run(["check", str(f), *SELECT], capsys)
    assert code == 0 and "No findings" in out


def test_diff_prints_the_edits_and_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "inhaler.md"
    f.write_text(WORDY)
    code, out, err = run(["check", str(f), *SELECT, "--diff"], capsys)
    assert code == 1
    assert f.read_text() == WORDY
    removed = [line[1:] for line in out.splitlines() if line.startswith("-") and not line.startswith("---")]
    added = [line[1:] for line in out.splitlines() if line.startswith("+") and not line.startswith("+++")]
    assert removed == [WORDY.splitlines()[2], WORDY.splitlines()[4]]
    assert added == [WORDY_FIXED.splitlines()[2], WORDY_FIXED.splitlines()[4]]
    assert "would fix 5 findings in 1 file" in err
    # After fixing, --diff has nothing to say and exits 0.
    run(["check", str(f), *SELECT, "--fix"], capsys)
    code, out, _ = run(["check", str(f), *SELECT, "--diff"], capsys)
    assert (code, out) == (0, "")


def test_nothing_is_written_without_fix(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "inhaler.md"
    f.write_text(WORDY)
    before = f.stat().st_mtime_ns
    for fmt in ("text", "json", "sarif"):
        run(["check", str(f), *SELECT, "--format", fmt], capsys)
    assert f.read_text() == WORDY and f.stat().st_mtime_ns == before


def test_fix_keeps_bom_and_crlf_line_endings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "inhaler.md"
    f.write_bytes(b"\xef\xbb\xbf" + WORDY.replace("\n", "\r\n").encode())
    run(["check", str(f), *SELECT, "--fix"], capsys)
    assert f.read_bytes() == b"\xef\xbb\xbf" + WORDY_FIXED.replace("\n", "\r\n").encode()


def test_fix_keeps_non_ascii_text_around_the_edit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "café.md"
    f.write_text("# Café ☕ notes\n\nÀ la clinique 🏥, utilize the inhaler — twice.\n", encoding="utf-8")
    run(["check", str(f), *SELECT, "--fix"], capsys)
    assert f.read_text(encoding="utf-8") == "# Café ☕ notes\n\nÀ la clinique 🏥, use the inhaler — twice.\n"


def test_unsafe_fixes_only_when_asked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "gp.md"
    text = "# Seeing a doctor\n\nAsk your physician before you stop any tablets.\n"
    f.write_text(text)
    args = ["check", str(f), "--select", "RDB006", "--color", "never"]
    code, out, _ = run([*args, "--fix"], capsys)
    assert code == 0  # RDB006 is info: reported, not failing the check
    assert f.read_text() == text and "RDB006" in out
    run([*args, "--fix", "--unsafe-fixes"], capsys)
    assert f.read_text() == "# Seeing a doctor\n\nAsk your doctor before you stop any tablets.\n"


def test_json_and_sarif_carry_the_fix(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "op.md"
    text = "# Before the operation\n\nStop eating six hours prior to the operation.\n"
    f.write_text(text)
    _, out, _ = run(["check", str(f), *SELECT, "--format", "json"], capsys)
    (finding,) = json.loads(out)["findings"]
    col = text.splitlines()[2].index("prior") + 1
    assert finding["suggestion"] == "before"
    assert finding["fix"] == {
        "applicability": "safe",
        "message": "Replace 'prior to' with 'before'",
        "edits": [{"content": "before", "line": 3, "column": col, "end_line": 3, "end_column": col + 8}],
    }
    _, out, _ = run(["check", str(f), *SELECT, "--format", "sarif"], capsys)
    sarif = json.loads(out)
    (result,) = sarif["runs"][0]["results"]
    (fix,) = result["fixes"]
    (change,) = fix["artifactChanges"]
    (rep,) = change["replacements"]
    assert rep == {
        "deletedRegion": {"startLine": 3, "startColumn": col, "endLine": 3, "endColumn": col + 8},
        "insertedContent": {"text": "before"},
    }
    assert change["artifactLocation"]["uri"] == result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    schema = SHARED / "schemas" / "sarif-schema-2.1.0.json"
    if schema.is_file():
        import jsonschema

        jsonschema.validate(sarif, json.loads(schema.read_text()))


def test_findings_without_a_fix_say_so_in_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "a.md"
    f.write_text("# Back pain\n\nThis miracle injection offers a beacon of hope.\n")
    _, out, _ = run(["check", str(f), "--select", "CLM001", "--format", "json"], capsys)
    (finding,) = json.loads(out)["findings"]
    assert finding["fix"] is None and finding["suggestion"]


@pytest.mark.skipif(not SEED.is_file(), reason="the seed article lives in ../shared, absent here")
def test_fix_on_the_seed_converges(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "seed.txt"
    original = SEED.read_text(encoding="utf-8")
    f.write_text(original, encoding="utf-8")
    _, out, _ = run(["check", str(f), "--format", "json"], capsys)
    safe = [x for x in json.loads(out)["findings"] if x["fix"] and x["fix"]["applicability"] == "safe"]
    assert {x["match"] for x in safe} >= {"numerous", "sufficient", "alleviate"}
    run(["check", str(f), "--fix"], capsys)
    fixed = f.read_text(encoding="utf-8")
    for x in safe:
        assert x["fix"]["message"] and x["fix"]["edits"][0]["content"] in fixed
    assert "numerous treatment options" not in fixed and "many treatment options" in fixed
    _, out, _ = run(["check", str(f), "--format", "json"], capsys)
    left = json.loads(out)["findings"]
    assert not [x for x in left if x["fix"] and x["fix"]["applicability"] == "safe"]
    assert len(fixed.splitlines()) == len(original.splitlines())
