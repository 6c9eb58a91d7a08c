"""The claims register: `medlint claims`, the `claims` array of the check JSON, the HTML table
and the JSON Schema. Expected positions are computed from the article strings, never from a run."""

from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path
from typing import Any, get_args

import jsonschema
import pytest
from conftest import ROOT

from medlint.claims import analyze
from medlint.claims.model import CATEGORIES, REGISTERS, STANCES, STRENGTHS, Verdict
from medlint.cli import main
from medlint.config import Settings
from medlint.engine import Linter
from medlint.report.claims import shorten

SCHEMA_PATH = ROOT / "docs" / "claims-register.schema.json"

CURE = "Our injections cure knee pain."
NEGATED = "There is no cure for IBS."
QUESTION = "Can this tea cure IBS?"
ARTICLE = f"# Knee pain\n\nKnee pain is common. {CURE} {NEGATED}\n\n{QUESTION}\n"


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def position(text: str, needle: str) -> tuple[int, int, int, int]:
    """1-based (line, column, end_line, end_column) of `needle` in `text`; lines end at "\\n"."""
    start = text.index(needle)
    end = start + len(needle)

    def line_col(offset: int) -> tuple[int, int]:
        return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1

    return (*line_col(start), *line_col(end))


def source_span(text: str, item: dict[str, Any]) -> str:
    """The source between an object's (line, column) and its exclusive (end_line, end_column)."""
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    start = starts[item["line"] - 1] + item["column"] - 1
    end = starts[item["end_line"] - 1] + item["end_column"] - 1
    return text[start:end]


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(data)
    return data


def claim_validator(schema: dict[str, Any]) -> jsonschema.Draft202012Validator:
    """A validator for one claim object (`$defs/claim`), its references resolved in the schema."""
    return jsonschema.Draft202012Validator({"$ref": "#/$defs/claim", "$defs": schema["$defs"]})


@pytest.fixture()
def article(tmp_path: Path) -> Path:
    path = tmp_path / "knee.md"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


# --- medlint claims -----------------------------------------------------------------------


def test_register_lists_the_asserted_claim_at_its_sentence(article: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["claims", str(article), "--format", "json"], capsys)
    assert code == 0, err
    data = json.loads(out)
    assert data["errors"] == []
    (file,) = data["files"]
    assert file["path"] == str(article)
    (claim,) = file["claims"]
    line, column, end_line, end_column = position(ARTICLE, CURE)
    assert (claim["line"], claim["column"], claim["end_line"], claim["end_column"]) == (
        line,
        column,
        end_line,
        end_column,
    )
    assert (line, column) == (3, len("Knee pain is common. ") + 1)
    assert claim["path"] == str(article)
    assert claim["text"] == CURE
    assert claim["category"] == "cure" and "cure" in claim["categories"]
    assert claim["stance"] == "asserted" and claim["strength"] == "fact"
    assert claim["effect"]["text"] == "cure"
    # A cure claim with neither a figure nor a source is an overclaim.
    assert (claim["quantified"], claim["cited"], claim["verdict"]) == (False, False, "overclaim")


def test_only_asserted_claims_unless_all(article: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(["claims", str(article), "--format", "json"], capsys)
    default = json.loads(out)["files"][0]["claims"]
    assert [c["text"] for c in default] == [CURE]

    code, out, _ = run(["claims", str(article), "--format", "json", "--all"], capsys)
    assert code == 0
    every = json.loads(out)["files"][0]["claims"]
    by_text = {c["text"]: c for c in every}
    assert by_text[CURE]["stance"] == "asserted"
    assert by_text[QUESTION]["stance"] == "questioned"
    assert (by_text[QUESTION]["line"], by_text[QUESTION]["column"]) == position(ARTICLE, QUESTION)[:2]
    if NEGATED in by_text:  # whether "no cure" is a claim at all is the analysis's call
        assert by_text[NEGATED]["stance"] != "asserted"
    # In text order.
    assert [(c["line"], c["column"]) for c in every] == sorted((c["line"], c["column"]) for c in every)


def test_text_register_quotes_each_claim_and_marks_the_unasserted(
    article: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    line, column, _, _ = position(ARTICLE, CURE)
    code, out, _ = run(["claims", str(article)], capsys)
    assert code == 0
    assert out.startswith(f"{article}: 1 claim (")
    entry = re.search(rf"^  {line}:{column} +overclaim +cure\b.*$", out, re.MULTILINE)
    assert entry, out
    assert f"\u201c{CURE}\u201d" in out
    assert "support: no figure, no source" in out
    assert "stance: asserted" in out
    assert QUESTION not in out and "[questioned]" not in out
    assert out.rstrip().endswith("1 claim in 1 file; asserted: 1 overclaim.")

    _, out_all, _ = run(["claims", str(article), "--all"], capsys)
    q_line, q_column, _, _ = position(ARTICLE, QUESTION)
    assert re.search(rf"^  {q_line}:{q_column} +\[questioned\] +cure\b", out_all, re.MULTILINE), out_all
    assert f"\u201c{QUESTION}\u201d" in out_all
    assert "verdict if asserted: overclaim" in out_all
    assert "not asserted)" in out_all.splitlines()[-1]


def test_long_sentences_are_shortened_at_a_word() -> None:
    assert shorten("word " * 40, width=20) == "word word word word\u2026"
    assert shorten("a  b\n c") == "a b c"
    short = "Our injections cure knee pain."
    assert shorten(short, width=len(short)) == short
    assert shorten("abcdefghij klmnopqrst uvw", width=15) == "abcdefghij\u2026"


def test_register_runs_when_no_claim_rule_is_selected(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / ".medlint.toml").write_text('select = ["RDB"]\n', encoding="utf-8")
    path = tmp_path / "knee.md"
    path.write_text(ARTICLE, encoding="utf-8")
    code, out, err = run(["claims", str(tmp_path), "--format", "json"], capsys)
    assert code == 0, err
    (file,) = json.loads(out)["files"]
    assert [c["text"] for c in file["claims"]] == [CURE]
    # ... while check with those rules runs no claim analysis and has no claims array.
    _, out, _ = run(["check", str(tmp_path), "--format", "json"], capsys)
    assert "claims" not in json.loads(out)


def test_register_reads_stdin_with_a_filename(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    page = f"<html><body><h1>Knee pain</h1>\n<p>Knee pain is common.\n{CURE}</p></body></html>\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(page.encode())))
    code, out, _ = run(["claims", "-", "--stdin-filename", "page.html", "--format", "json"], capsys)
    assert code == 0
    (file,) = json.loads(out)["files"]
    assert file["path"] == "page.html"
    (claim,) = file["claims"]
    assert (claim["path"], claim["text"]) == ("page.html", CURE)
    assert (claim["line"], claim["column"], claim["end_line"], claim["end_column"]) == position(page, CURE)


def test_input_errors_exit_2_and_other_files_are_still_listed(
    article: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "missing.md"
    code, out, _ = run(["claims", str(article), str(missing), "--format", "json"], capsys)
    assert code == 2
    data = json.loads(out)
    assert [f["path"] for f in data["files"]] == [str(article)]
    assert [e["path"] for e in data["errors"]] == [str(missing)]
    code, out, _ = run(["claims", str(article), str(missing)], capsys)
    assert code == 2 and f"{missing}: error: no such file or directory" in out
    assert run(["claims", "--format", "xml", str(article)], capsys)[0] == 2


def test_register_writes_to_an_output_file(article: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "out" / "register.json"
    target.parent.mkdir()
    code, out, _ = run(["claims", str(article), "--format", "json", "-o", str(target)], capsys)
    assert code == 0 and out == ""
    assert [c["text"] for c in json.loads(target.read_text(encoding="utf-8"))["files"][0]["claims"]] == [CURE]


# --- the schema -----------------------------------------------------------------------------


def test_register_json_validates_against_the_schema(
    schema: dict[str, Any], article: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "missing.md"
    _, out, _ = run(["claims", "--all", "--format", "json", str(ROOT / "examples"), str(article), str(missing)], capsys)
    data = json.loads(out)
    jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)
    assert len(data["files"]) >= 5 and sum(len(f["claims"]) for f in data["files"]) >= 5
    assert data["errors"]

    # The schema is not vacuous: a claim that lost a field, or has an unknown verdict, fails.
    broken = json.loads(out)
    claim = next(c for f in broken["files"] for c in f["claims"])
    del claim["verdict"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema, cls=jsonschema.Draft202012Validator)
    claim["verdict"] = "plausible"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema, cls=jsonschema.Draft202012Validator)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**data, "extra": 1}, schema, cls=jsonschema.Draft202012Validator)


def test_schema_enums_match_the_claim_model(schema: dict[str, Any]) -> None:
    defs = schema["$defs"]
    props = defs["claim"]["properties"]
    assert tuple(defs["category"]["enum"]) == CATEGORIES
    assert tuple(defs["register"]["enum"]) == REGISTERS
    assert tuple(props["stance"]["enum"]) == STANCES
    assert tuple(props["strength"]["enum"]) == STRENGTHS
    assert tuple(props["verdict"]["enum"]) == get_args(Verdict)


# --- medlint check --format json ------------------------------------------------------------


def test_check_json_has_the_claims_array_with_exact_positions(
    schema: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Characters, not bytes, count in columns; CR stays at the end of its line; markup inside
    # the sentence and a soft line break are part of its source span.
    sentence_source = "Our injections **cure**\r\nknee pain."
    text = f"# Über knee pain\r\n\r\nKnée pain is common. {sentence_source}\r\n"
    path = tmp_path / "crlf.md"
    path.write_bytes(text.encode("utf-8"))
    code, out, _ = run(["check", str(path), "--format", "json"], capsys)
    assert code == 1
    data = json.loads(out)
    assert set(data) == {"version", "findings", "files", "errors", "claims"}
    (claim,) = data["claims"]
    assert (claim["line"], claim["column"], claim["end_line"], claim["end_column"]) == position(text, sentence_source)
    assert (claim["line"], claim["column"]) == (3, len("Knée pain is common. ") + 1)
    assert source_span(text, claim).startswith("Our injections")
    assert source_span(text, claim) == sentence_source
    assert claim["text"] == "Our injections cure knee pain."
    assert (claim["path"], claim["category"], claim["stance"], claim["verdict"]) == (
        str(path),
        "cure",
        "asserted",
        "overclaim",
    )
    claim_validator(schema).validate(claim)
    # The claim finding and the register agree on where the sentence is.
    cure_findings = [f for f in data["findings"] if f["match"] == "cure"]
    assert cure_findings and all(f["line"] == 3 for f in cure_findings)


def test_check_json_lists_asserted_claims_only(article: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(["check", str(article), "--format", "json"], capsys)
    claims = json.loads(out)["claims"]
    assert [(c["text"], c["stance"]) for c in claims] == [(CURE, "asserted")]


def test_check_and_register_share_one_analysis_per_document(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = analyze.ClaimAnalyzer.analyze

    def counted(self: analyze.ClaimAnalyzer, doc: Any, promotional: bool = False) -> analyze.DocumentClaims:
        calls.append(doc.path)
        return real(self, doc, promotional)

    monkeypatch.setattr(analyze.ClaimAnalyzer, "analyze", counted)
    outcome = Linter(Settings()).lint_text(ARTICLE, path="a.md")
    assert calls == ["a.md"]  # every claim rule and the register: one analysis
    assert outcome.file is not None and outcome.file.claims is not None
    assert [c.claim.text for c in outcome.file.claims.shown()] == [CURE]

    calls.clear()
    outcome = Linter(Settings(select=("RDB",)), claims=True).lint_text(ARTICLE, path="b.md")
    assert calls == ["b.md"]
    assert outcome.file is not None and outcome.file.claims is not None
    assert {c.claim.text for c in outcome.file.claims.shown(include_all=True)} >= {CURE, QUESTION}

    calls.clear()
    outcome = Linter(Settings(select=("RDB",))).lint_text(ARTICLE, path="c.md")
    assert calls == [] and outcome.file is not None and outcome.file.claims is None


# --- the HTML report ------------------------------------------------------------------------


def test_html_report_has_an_escaped_claims_register(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    script = "<script>alert(1)</script>"
    sentence = f"Our injections cure knee pain {script} for good."
    path = tmp_path / "x.txt"
    path.write_text(f"Knee pain\n\nKnee pain is common. {sentence}\n", encoding="utf-8")
    target = tmp_path / "report.html"
    run(["check", str(path), "--format", "html", "-o", str(target)], capsys)
    page = target.read_text(encoding="utf-8")
    assert "<script" not in page.lower()
    block = re.search(r'<div class="claims"><h3>Claims register</h3>.*?</table></div>', page)
    assert block, page[-2000:]
    table = block.group(0)
    assert "<th>Claim</th><th>Category</th><th>Support</th><th>Verdict</th>" in table
    rows = re.findall(r"<tr><td class=\"n\">(.*?)</tr>", table)
    assert len(rows) == 1
    line, column, _, _ = position(path.read_text(encoding="utf-8"), sentence)
    assert f'<a href="#f0-L{line}">{line}:{column}</a>' in rows[0]
    escaped = "Our injections cure knee pain &lt;script&gt;alert(1)&lt;/script&gt; for good."
    assert f'<td class="claim">{escaped}</td>' in rows[0]
    assert "<td>no figure, no source</td>" in rows[0]
    assert '<td class="v-overclaim">overclaim</td>' in rows[0]
    assert re.search(r"<td>cure(<br>|</td>)", rows[0])


def test_html_report_has_no_register_without_the_analysis(
    article: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "report.html"
    run(["check", str(article), "--select", "RDB", "--format", "html", "-o", str(target)], capsys)
    assert "Claims register" not in target.read_text(encoding="utf-8")
