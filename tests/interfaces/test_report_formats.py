"""Machine-readable output formats, checked against reports built by hand."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import jsonschema
import pytest
from conftest import SHARED

import medlint
from medlint.findings import FileResult, Finding, InputError, Report, RuleInfo, Severity
from medlint.report import github, gitlab, junit, sarif, statistics

SARIF_SCHEMA = SHARED / "schemas" / "sarif-schema-2.1.0.json"

TITLE = "# Über Diabetes\r\n"
BODY = (
    "Patients must take 5 mg, twice daily: no exceptions.\r\n"
    "The naïve approach is utilized by 100% of clinics.\r\n"
    "Consult your doctor.\r\n"
    "Consult your doctor.\r\n"
)
TEXT = TITLE + BODY
PATH = "docs/über diabetes.md"
ODD_PATH = "notes/a,b:c%d.md"
ODD_TEXT = "Take 2 pills, now.\n"
CLEAN_PATH = "docs/clean.md"


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset; lines end at "\\n"."""
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def make(
    text: str,
    path: str,
    code: str,
    needle: str,
    *,
    nth: int = 0,
    severity: Severity = Severity.WARNING,
    message: str | None = None,
    suggestion: str | None = None,
    pack: str = "readability",
    scope: str = "span",
) -> Finding:
    """A finding on the `nth` occurrence of `needle`, positions computed from `text`."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    end = start + len(needle)
    line, column = line_col(text, start)
    end_line, end_column = line_col(text, end)
    return Finding(
        path=path,
        code=code,
        name=f"rule-{code.lower()}",
        pack=pack,
        severity=severity,
        message=message or f"{code} fires on {needle!r}",
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        start_offset=start,
        end_offset=end,
        match=None if scope == "document" else needle,
        suggestion=suggestion,
        scope=scope,  # type: ignore[arg-type]
        context=" ".join(text[max(0, start - 30) : end + 30].split()),
    )


def findings_for(text: str, plain_word: str = "utilized") -> list[Finding]:
    return [
        make(
            text,
            PATH,
            "MD100",
            "# Über Diabetes",
            scope="document",
            severity=Severity.INFO,
            message="No summary section",
            pack="completeness",
        ),
        make(
            text,
            PATH,
            "CL200",
            "5 mg, twice daily",
            severity=Severity.ERROR,
            message='Dose "5 mg": check, then cite',
            pack="claims",
        ),
        make(text, PATH, "RD001", plain_word, suggestion="used", message="Plain words: 100% clearer,\nand shorter"),
        make(text, PATH, "RD002", "naïve", severity=Severity.INFO),
        # Crosses a CRLF line end.
        make(text, PATH, "RD003", "no exceptions.\r\nThe naïve"),
        make(text, PATH, "RD004", "doctor", nth=0),
        make(text, PATH, "RD004", "doctor", nth=1),
    ]


RULES = (
    RuleInfo(
        "CL200",
        "rule-cl200",
        "claims",
        Severity.ERROR,
        "Doses need a source",
        "Readers act on doses.",
        "https://example.org/rules/CL200",
    ),
    RuleInfo("RD001", "rule-rd001", "readability", Severity.WARNING, "Prefer plain words", "", ""),
)


def build_report(text: str = TEXT) -> Report:
    findings = [*findings_for(text), make(ODD_TEXT, ODD_PATH, "RD001", "now", severity=Severity.INFO)]
    files = (
        FileResult(PATH, words=len(text.split()), format="markdown"),
        FileResult(ODD_PATH, words=4, format="markdown"),
        FileResult(CLEAN_PATH, words=3, format="markdown"),
    )
    sources = {PATH: text, ODD_PATH: ODD_TEXT, CLEAN_PATH: "All is well.\n"}
    errors = (InputError("broken.md", "cannot decode: invalid UTF-8 at byte 3"),)
    return Report(tuple(findings), files, errors, RULES, sources)


def test_factory_positions_follow_the_text() -> None:
    # The expectations below trust the factory, so check it against hand-counted values.
    f = make(TEXT, PATH, "X", "utilized")
    assert (f.line, f.column, f.end_line, f.end_column) == (3, 23, 3, 31)
    crossing = make(TEXT, PATH, "X", "no exceptions.\r\nThe naïve")
    assert (crossing.line, crossing.end_line, crossing.end_column) == (2, 3, 10)


# --- SARIF ---------------------------------------------------------------------------


@pytest.mark.skipif(not SARIF_SCHEMA.is_file(), reason="the SARIF schema is in ../shared/schemas, not present")
def test_sarif_validates_against_the_official_schema() -> None:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    assert schema["$schema"].startswith("http://json-schema.org/draft-04/")
    doc = json.loads(sarif.render(build_report()))
    jsonschema.Draft4Validator(schema).validate(doc)
    assert doc["version"] == "2.1.0"


def test_sarif_results_carry_the_findings_positions_and_rules() -> None:
    report = build_report()
    run = json.loads(sarif.render(report))["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "medlint"
    assert driver["version"] == medlint.__version__
    assert run["columnKind"] == "unicodeCodePoints"
    results = run["results"]
    assert len(results) == len(report.findings)
    levels = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
    for f, result in zip(report.findings, results, strict=True):
        assert result["ruleId"] == f.code
        assert driver["rules"][result["ruleIndex"]]["id"] == f.code
        assert result["level"] == levels[f.severity]
        assert f.message in result["message"]["text"]
        if f.suggestion:
            assert f.suggestion in result["message"]["text"]
        location = result["locations"][0]["physicalLocation"]
        region = location["region"]
        assert (region["startLine"], region["startColumn"], region["endLine"], region["endColumn"]) == (
            f.line,
            f.column,
            f.end_line,
            f.end_column,
        )
    assert results[1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "docs/%C3%BCber%20diabetes.md"
    fingerprints = [r["partialFingerprints"]["medlintFingerprint/v1"] for r in results]
    assert len(set(fingerprints)) == len(fingerprints)


def test_sarif_rule_metadata_comes_from_rule_info() -> None:
    rules = {r["id"]: r for r in json.loads(sarif.render(build_report()))["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["CL200"]["shortDescription"]["text"] == "Doses need a source"
    assert rules["CL200"]["fullDescription"]["text"] == "Readers act on doses."
    assert rules["CL200"]["helpUri"] == "https://example.org/rules/CL200"
    assert rules["CL200"]["defaultConfiguration"]["level"] == "error"
    assert "helpUri" not in rules["RD001"]  # empty help_uri must not become an invalid URI
    # Rules without RuleInfo are still described, so every ruleIndex is valid.
    assert {"MD100", "RD002", "RD003", "RD004"} <= rules.keys()


def test_sarif_reports_input_errors_as_notifications() -> None:
    invocation = json.loads(sarif.render(build_report()))["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    notes = invocation["toolExecutionNotifications"]
    assert [n["message"]["text"] for n in notes] == ["cannot decode: invalid UTF-8 at byte 3"]


# --- GitHub --------------------------------------------------------------------------

COMMAND = re.compile(r"^::(?P<kind>error|warning|notice) (?P<props>[^:]*)::(?P<message>.*)$")


def unescape(value: str) -> str:
    for escaped, raw in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        value = value.replace(escaped, raw)
    return value


def test_github_commands_match_the_findings() -> None:
    report = build_report()
    lines = github.render(report).splitlines()
    assert len(lines) == len(report.findings) + len(report.errors)
    # The files that could not be linted come first (they matter most when GitHub cuts off).
    assert [line.startswith("::error file=broken.md,") for line in lines[: len(report.errors)]] == [True]
    kinds = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
    for f, line in zip(report.findings, lines[len(report.errors) :], strict=True):
        m = COMMAND.match(line)
        assert m, line
        assert m["kind"] == kinds[f.severity]
        props = dict(p.split("=", 1) for p in m["props"].split(","))
        assert unescape(props["file"]) == f.path
        assert [int(props[k]) for k in ("line", "col", "endLine", "endColumn")] == [
            f.line,
            f.column,
            f.end_line,
            f.end_column,
        ]
        assert unescape(props["title"]) == f"{f.code} {f.name}"
        assert unescape(m["message"]).startswith(f.message)


def test_github_escapes_data_and_properties() -> None:
    lines = github.render(build_report()).splitlines()
    odd = next(line for line in lines if "now" in line)
    assert "file=notes/a%2Cb%3Ac%25d.md," in odd
    rd001 = next(line for line in lines if "RD001" in line and "docs/" in line)
    # The message's newline and percent sign are escaped, its comma is left alone.
    assert rd001.endswith("::Plain words: 100%25 clearer,%0Aand shorter (suggestion: used)")


def _many(warnings: int, errors: int, infos: int, broken: int = 0) -> Report:
    lines = [f"Line {i} says utilized here." for i in range(warnings + errors + infos)]
    text = "\n".join(lines) + "\n"
    severities = [Severity.WARNING] * warnings + [Severity.ERROR] * errors + [Severity.INFO] * infos
    findings = tuple(
        make(text, PATH, "RD001", "utilized", nth=i, severity=sev, message=f"message {i}")
        for i, sev in enumerate(severities)
    )
    failed = tuple(InputError(f"broken{i}.md", "cannot read") for i in range(broken))
    return Report(findings, (FileResult(PATH, words=4 * len(lines), format="markdown"),), failed, RULES, {PATH: text})


def test_github_annotates_ten_per_level_and_logs_the_rest() -> None:
    report = _many(warnings=25, errors=3, infos=12, broken=2)
    lines = github.render(report).splitlines()
    commands = [COMMAND.match(line) for line in lines if line.startswith("::")]
    assert all(commands)
    kinds = [m["kind"] for m in commands if m is not None]
    # 10 warnings; 3 + 2 errors; 9 notices and the summary notice, which comes first.
    assert (kinds.count("warning"), kinds.count("error"), kinds.count("notice")) == (10, 5, 10)
    summary = commands[0]
    assert summary is not None and summary["kind"] == "notice"
    assert "title=medlint%3A 18 more not annotated" in summary["props"]
    assert "24 of 42 are annotated" in unescape(summary["message"]) and "SARIF" in summary["message"]
    logged = [line for line in lines if not line.startswith("::")]
    assert logged[0] == "medlint: 18 not annotated:"
    # Every finding is in the output once: annotated, or on a log line of its own.
    annotated = [unescape(m["message"]) for m in commands[1:] if m is not None and "broken" not in m["props"]]
    in_log = [line for line in logged[1:]]
    assert len(annotated) + len(in_log) == len(report.findings)
    for f in report.findings:
        as_log = f"  {PATH}:{f.line}:{f.column}: RD001 {f.name} [{f.severity.label}] {f.message}"
        assert (f.message in annotated) != any(line.startswith(as_log) for line in in_log), f.message


def test_github_within_the_limits_has_no_summary() -> None:
    report = _many(warnings=10, errors=10, infos=10)
    lines = github.render(report).splitlines()
    assert len(lines) == 30 and all(COMMAND.match(line) for line in lines)
    assert not any("not annotated" in line for line in lines)


# --- GitLab --------------------------------------------------------------------------


def test_gitlab_issues_have_the_documented_fields() -> None:
    report = build_report()
    issues = json.loads(gitlab.render(report))
    assert len(issues) == len(report.findings)
    severities = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}
    for f, issue in zip(report.findings, issues, strict=True):
        assert f.message in issue["description"]
        assert issue["check_name"] == f.code
        assert issue["severity"] == severities[f.severity]
        assert issue["location"]["path"] == f.path
        assert issue["location"]["lines"]["begin"] == f.line
        assert isinstance(issue["fingerprint"], str) and issue["fingerprint"]
    fingerprints = [i["fingerprint"] for i in issues]
    assert len(set(fingerprints)) == len(fingerprints), "duplicate doctor findings need distinct fingerprints"


def test_gitlab_fingerprints_survive_inserted_lines() -> None:
    shifted_text = TITLE + "A new first paragraph.\r\n\r\nAnother one.\r\n" + BODY
    before = json.loads(gitlab.render(build_report(TEXT)))
    after = json.loads(gitlab.render(build_report(shifted_text)))
    assert [i["location"]["lines"]["begin"] for i in after][1:4] != [i["location"]["lines"]["begin"] for i in before][
        1:4
    ]
    assert [i["fingerprint"] for i in after] == [i["fingerprint"] for i in before]


def test_gitlab_fingerprint_changes_when_the_text_does() -> None:
    edited = TEXT.replace("utilized", "employed")
    report = build_report(TEXT)
    changed = findings_for(edited, plain_word="employed")
    before = json.loads(gitlab.render(report))
    after = json.loads(gitlab.render(Report(tuple(changed), report.files, (), (), {PATH: edited})))

    def by_code(issues: list[dict[str, str]]) -> dict[str, str]:
        return {i["check_name"]: i["fingerprint"] for i in issues}

    assert by_code(before)["RD001"] != by_code(after)["RD001"]
    assert by_code(before)["CL200"] == by_code(after)["CL200"]


# --- JUnit ---------------------------------------------------------------------------


def test_junit_has_one_suite_per_file_and_one_failure_per_finding() -> None:
    report = build_report()
    root = ET.fromstring(junit.render(report))
    assert root.tag == "testsuites"
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert set(suites) == {PATH, ODD_PATH, CLEAN_PATH, "broken.md"}
    main = suites[PATH]
    failures = main.findall("testcase/failure")
    assert len(failures) == len(findings_for(TEXT)) == int(main.get("failures", "-1"))
    assert [(x.get("type"), x.get("message")) for x in failures] == [(f.code, f.message) for f in findings_for(TEXT)]
    clean = suites[CLEAN_PATH].findall("testcase")
    assert len(clean) == 1 and not list(clean[0])
    assert suites["broken.md"].find("testcase/error") is not None
    assert int(root.get("failures", "-1")) == len(report.findings)
    assert int(root.get("tests", "-1")) == len(report.findings) + 1 + 1


def test_junit_survives_control_characters() -> None:
    f = make("a\x0cb\n", "x.md", "RD009", "b", message="form\x0cfeed & <tag>")
    root = ET.fromstring(junit.render(Report((f,), (), ())))
    message = root.find("testsuite/testcase/failure").get("message")  # type: ignore[union-attr]
    assert message == "form\ufffdfeed & <tag>"


# --- statistics ----------------------------------------------------------------------


def test_statistics_counts_per_rule() -> None:
    report = build_report()
    rows = statistics.statistics_json(report)
    # RD001 twice (one per file), RD004 twice, the rest once; ties ordered by code.
    assert [(r["code"], r["count"]) for r in rows] == [
        ("RD001", 2),
        ("RD004", 2),
        ("CL200", 1),
        ("MD100", 1),
        ("RD002", 1),
        ("RD003", 1),
    ]
    assert rows[0]["severity"] == "warning"  # the worst of warning and info
    lines = statistics.render(report).splitlines()
    assert len(lines) == len(rows)
    assert lines[0].split() == ["2", "RD001", "rule-rd001", "warning"]
    assert statistics.render(Report((), (), ())) == ""


@pytest.mark.parametrize("module", [github, gitlab, junit, sarif, statistics])
def test_empty_report_renders(module: object) -> None:
    out = module.render(Report((), (), ()))  # type: ignore[attr-defined]
    assert isinstance(out, str)


def test_html_grade_chart_draws_the_audience_target() -> None:
    from medlint.findings import FileResult, Report, SectionGrade
    from medlint.report import html

    def report(target: float | None) -> str:
        grades = (
            SectionGrade(None, 1, "flesch-kincaid", 11.5, 300, target),
            SectionGrade("Risks", 5, "flesch-kincaid", 7.0, 80, target),
        )
        files = (FileResult("a.md", 380, "markdown", grades=grades),)
        return html.render(Report((), files, (), (), {"a.md": "# A\n\ntext\n"}))

    with_target = report(8.0)
    assert 'class="target"' in with_target and "target 8<" in with_target
    assert 'class="target"' not in report(None)


@pytest.mark.parametrize("pretty", [False, True])
def test_the_json_report_written_in_pieces_is_json_dumps_of_the_whole(pretty: bool) -> None:
    from medlint.engine import Linter
    from medlint.report import json_chunks, render_chunks

    linter = Linter()
    texts = {
        "a.md": "# Über Diabetes\n\nThis miracle cure heals diabetes in days. Buy now!\n",
        "b.md": "# Back pain\n\nSee your GP if the pain lasts. It is “naïve” to wait.\n",
    }
    outcomes = [linter.lint_text(text, path=path) for path, text in texts.items()]
    full = Report(
        tuple(f for o in outcomes for f in o.findings),
        tuple(o.file for o in outcomes if o.file is not None),
        (InputError("c.md", "empty file, nothing to lint"),),
    )
    assert full.claims_ran and full.claims() and full.findings
    for report in (full, Report((), (), ())):
        expected = json.dumps(report.to_json(), indent=2 if pretty else None, ensure_ascii=False) + "\n"
        assert "".join(json_chunks(report, pretty=pretty)) == expected
        assert "".join(render_chunks(report, "json", pretty=pretty)) == expected


def test_an_entry_with_a_long_list_is_written_an_item_at_a_time_as_json_dumps_writes_it() -> None:
    from medlint.report import _LONG_LIST, _compact_pieces

    grades = [{"heading": f"Über {i} “x”", "line": i, "value": i / 7, "target": None} for i in range(_LONG_LIST + 2)]
    entries = [
        {"path": "a.md", "words": 3, "grades": grades, "scorecard": {"criteria": [1, 2.5, True]}},
        {"grades": grades},
        {"path": "b.md", "grades": grades[:3]},
        {},
        [1, 2],
    ]
    for entry in entries:
        pieces = list(_compact_pieces(entry))
        assert "".join(pieces) == json.dumps(entry, ensure_ascii=False)
    assert len(list(_compact_pieces(entries[0]))) > _LONG_LIST
