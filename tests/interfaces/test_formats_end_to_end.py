"""Every output format from the real CLI, on the seed article and on our own fixtures.

One `medlint check` of the fixture directory and the seed runs once per format, and every
expectation comes from the JSON report of that run: the other formats must say the same
thing at the same positions. The HTML report (about a hundred findings over nine files) is
then opened in headless Chromium, skipped when absent, to check that each highlighted span
holds the source text between the finding's positions.

The screenshot in examples/seed-report.png was taken from the same page:
    medlint check ../shared/seed/back-injections.txt --format html -o /tmp/seed-report.html
    chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir=/tmp/p \\
        --window-size=1400,2450 --screenshot=examples/seed-report.png file:///tmp/seed-report.html
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

import pytest
from conftest import ROOT, SEED, SHARED, span_text_matches

from medlint.cli import main

SARIF_SCHEMA = SHARED / "schemas" / "sarif-schema-2.1.0.json"
# The fixtures relative, as a CI job would pass them (SARIF then has relative URIs), the
# seed absolute (file: URIs). The seed is outside the repository and may be absent.
PATHS = ("tests/fixtures", *([str(SEED)] if SEED.is_file() else []))
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

Finding = dict[str, Any]
Run = Callable[..., str]


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    """`run(*args)` is the report `medlint check PATHS *args` writes, cached per args."""
    out_dir = tmp_path_factory.mktemp("formats")
    cache: dict[tuple[str, ...], str] = {}

    def _run(*args: str) -> str:
        if args not in cache:
            out = out_dir / f"{len(cache)}.out"
            with pytest.MonkeyPatch.context() as mp:
                mp.chdir(ROOT)
                code = main(["check", *PATHS, "--no-source", "-o", str(out), *args])
            assert code == 1, f"{args}: exit {code}, expected 1 (findings)"
            cache[args] = out.read_text(encoding="utf-8")
        return cache[args]

    return _run


def findings_of(run: Run) -> list[Finding]:
    report = json.loads(run("--format", "json"))
    assert report["errors"] == []
    findings: list[Finding] = report["findings"]
    assert findings, "the JSON report has no findings to compare with"
    return findings


def source_of(path: str) -> str:
    """The text the positions count in: decoded characters, BOM dropped, CR kept."""
    return (ROOT / path).read_bytes().decode("utf-8-sig")


def span_text(text: str, f: Finding) -> str:
    """Source text between a finding's 1-based (line, column) and its exclusive end; a line
    ends with CRLF, LF or a lone CR."""
    starts = [0] + [m.end() for m in re.finditer(r"\r\n?|\n", text)]
    start = starts[f["line"] - 1] + f["column"] - 1
    end = starts[f["end_line"] - 1] + f["end_column"] - 1
    return text[start:end]


# --- the JSON report itself ---------------------------------------------------------------


def test_run_covers_every_input_format_and_the_seed(run: Run) -> None:
    report = json.loads(run("--format", "json"))
    assert {f["format"] for f in report["files"]} == {"markdown", "html", "text"}
    paths = Counter(f["path"] for f in report["findings"])
    assert sum(p.startswith("tests/fixtures/") for p in paths) >= 5
    if not SEED.is_file():
        pytest.skip(f"seed article not found at {SEED}: only the fixtures were checked")
    assert paths[str(SEED)] >= 10


def test_json_positions_are_well_formed(run: Run) -> None:
    for f in findings_of(run):
        assert f["line"] >= 1 and f["column"] >= 1, f
        assert (f["end_line"], f["end_column"]) >= (f["line"], f["column"]), f
        if f["scope"] == "span" and f["match"]:
            # The matched prose sits at those positions, markup aside.
            raw = span_text(source_of(f["path"]), f)
            assert span_text_matches(raw, 0, len(raw), f["match"]), (f["code"], raw, f["match"])


def test_text_format_positions(run: Run) -> None:
    findings = findings_of(run)
    # Span findings head a block each; document findings are listed once per file, without one.
    heads = re.findall(r"^(.+?):(\d+):(\d+): ([A-Z]+\d+) [a-z0-9-]+ \[(\w+)\] ", run(), re.MULTILINE)
    assert [(p, int(line), int(col), code, sev) for p, line, col, code, sev in heads] == [
        (f["path"], f["line"], f["column"], f["code"], f["severity"]) for f in findings if f["scope"] == "span"
    ]


# --- SARIF --------------------------------------------------------------------------------


def test_sarif_is_valid_and_matches_json(run: Run) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    if not SARIF_SCHEMA.is_file():
        pytest.skip(f"SARIF schema not found at {SARIF_SCHEMA}")
    findings = findings_of(run)
    sarif = json.loads(run("--format", "sarif"))
    jsonschema.validate(sarif, json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))

    (sarif_run,) = sarif["runs"]
    assert sarif["version"] == "2.1.0"
    rules = sarif_run["tool"]["driver"]["rules"]
    results = sarif_run["results"]
    assert len(results) == len(findings)
    levels = {"error": "error", "warning": "warning", "info": "note"}
    for result, f in zip(results, findings, strict=True):
        assert result["ruleId"] == f["code"]
        rule = rules[result["ruleIndex"]]
        assert rule["id"] == f["code"] and rule["name"] == f["name"]
        assert rule["help"]["text"] and rule["helpUri"].startswith("https://")
        assert result["level"] == levels[f["severity"]]
        assert result["message"]["text"].startswith(f["message"])
        (location,) = result["locations"]
        uri = location["physicalLocation"]["artifactLocation"]["uri"]
        parsed = urlparse(uri)
        if Path(f["path"]).is_absolute():
            assert parsed.scheme == "file", uri
        else:
            assert not parsed.scheme and not uri.startswith("/"), uri
        assert unquote(parsed.path) == f["path"]
        region = location["physicalLocation"]["region"]
        assert (region["startLine"], region["startColumn"], region["endLine"], region["endColumn"]) == (
            f["line"],
            f["column"],
            f["end_line"],
            f["end_column"],
        )
        if f["match"] is not None:
            assert region["snippet"]["text"] == f["match"]
    fingerprints = [r["partialFingerprints"]["medlintFingerprint/v1"] for r in results]
    assert len(set(fingerprints)) == len(fingerprints)


# --- GitHub workflow commands -------------------------------------------------------------

COMMAND = re.compile(r"^::(error|warning|notice) ([^:]*)::(.*)$")


def unescape(text: str) -> str:
    # The inverse of GitHub's escaping (actions/toolkit), "%25" last so "%253A" stays "%3A".
    for escaped, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(escaped, char)
    return text


def test_github_commands_match_json(run: Run) -> None:
    findings = findings_of(run)
    lines = run("--format", "github").splitlines()
    commands = {"error": "error", "warning": "warning", "info": "notice"}
    # GitHub shows 10 annotations per level and step: the first 10 of each level are
    # annotated, and the rest are log lines under a summary notice (which takes one notice).
    per_level = {level: sum(f["severity"] == level for f in findings) for level in commands}
    summary = any(n > 10 for n in per_level.values())
    room = {"error": 10, "warning": 10, "info": 9 if summary else 10}
    annotated, logged = [], []
    for f in findings:
        if room[f["severity"]]:
            room[f["severity"]] -= 1
            annotated.append(f)
        else:
            logged.append(f)
    if summary:
        assert lines[0].startswith(f"::notice title=medlint%3A {len(logged)} more not annotated::"), lines[0]
        lines = lines[1:]
        log = lines[len(annotated) :]
        assert log[0] == f"medlint: {len(logged)} not annotated:"
        assert len(log) == len(logged) + 1
        for line, f in zip(log[1:], logged, strict=True):
            assert line.startswith(f"  {f['path']}:{f['line']}:{f['column']}: {f['code']} {f['name']} "), line
        lines = lines[: len(annotated)]
    assert len(lines) == len(annotated)
    for line, f in zip(lines, annotated, strict=True):
        parsed = COMMAND.match(line)
        assert parsed, line
        kind, props, message = parsed.groups()
        properties = dict(item.split("=", 1) for item in props.split(","))
        properties = {key: unescape(value) for key, value in properties.items()}
        assert kind == commands[f["severity"]]
        assert properties["file"] == f["path"]
        got = tuple(int(properties[k]) for k in ("line", "col", "endLine", "endColumn"))
        assert got == (f["line"], f["column"], f["end_line"], f["end_column"])
        assert properties["title"] == f"{f['code']} {f['name']}"
        assert unescape(message).startswith(f["message"])


# --- GitLab Code Quality ------------------------------------------------------------------

GITLAB_ORDER = ["info", "minor", "major", "critical", "blocker"]
GITLAB_SEVERITIES = set(GITLAB_ORDER)


def test_gitlab_report_has_the_documented_fields(run: Run) -> None:
    findings = findings_of(run)
    issues = json.loads(run("--format", "gitlab"))
    assert isinstance(issues, list) and len(issues) == len(findings)
    for issue, f in zip(issues, findings, strict=True):
        assert isinstance(issue["description"], str) and f["message"] in issue["description"]
        assert issue["check_name"] == f["code"]
        assert isinstance(issue["fingerprint"], str) and issue["fingerprint"]
        assert issue["severity"] in GITLAB_SEVERITIES
        assert issue["location"]["path"] == f["path"]
        assert issue["location"]["lines"]["begin"] == f["line"]
        assert issue["location"]["lines"].get("end", f["line"]) >= f["line"]
    # One GitLab severity per medlint severity, in the same order: errors outrank warnings.
    mapped: dict[str, set[str]] = {}
    for issue, f in zip(issues, findings, strict=True):
        mapped.setdefault(f["severity"], set()).add(issue["severity"])
    assert all(len(v) == 1 for v in mapped.values()), mapped
    ours = sorted(mapped, key=["info", "warning", "error"].index)
    theirs = [GITLAB_ORDER.index(next(iter(mapped[s]))) for s in ours]
    assert theirs == sorted(set(theirs)), mapped
    fingerprints = [i["fingerprint"] for i in issues]
    assert len(set(fingerprints)) == len(fingerprints)


# --- JUnit --------------------------------------------------------------------------------


def test_junit_has_one_failure_per_finding(run: Run) -> None:
    findings = findings_of(run)
    root = ET.fromstring(run("--format", "junit"))
    assert root.tag == "testsuites"
    failures = root.findall("./testsuite/testcase/failure")
    assert len(failures) == len(findings) == int(root.get("failures", "-1"))
    per_path = Counter(f["path"] for f in findings)
    for suite in root.findall("testsuite"):
        assert int(suite.get("failures", "-1")) == per_path.get(suite.get("name", ""), 0)
    got = [
        (suite.get("name"), failure.get("type"), failure.get("message"))
        for suite in root.findall("testsuite")
        for failure in suite.findall("testcase/failure")
    ]
    assert Counter(got) == Counter((f["path"], f["code"], f["message"]) for f in findings)
    names = Counter(case.get("name", "") for case in root.iter("testcase") if case.find("failure") is not None)
    for f in findings:
        assert any(name.startswith(f["code"]) and name.endswith(f" at {f['line']}:{f['column']}") for name in names), f


# --- --statistics -------------------------------------------------------------------------


def test_statistics_count_the_json_findings(run: Run) -> None:
    findings = findings_of(run)
    rows = [line.split() for line in run("--statistics").splitlines()]
    counts = {code: int(count) for count, code, *_ in rows}
    assert counts == Counter(f["code"] for f in findings)
    names = {row[1]: row[2] for row in rows}
    assert names == {f["code"]: f["name"] for f in findings}
    assert [int(r[0]) for r in rows] == sorted((int(r[0]) for r in rows), reverse=True)


# --- HTML in a browser --------------------------------------------------------------------

CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>')
PROBE = """
<script>
const out = [];
for (const section of document.querySelectorAll("section.file")) {
  const path = section.querySelector("h2").textContent;
  const groups = new Map();
  for (const m of section.querySelectorAll("mark[data-finding]")) {
    if (!groups.has(m.dataset.finding)) groups.set(m.dataset.finding, []);
    groups.get(m.dataset.finding).push(m);
  }
  for (const marks of groups.values()) {
    const m = marks[0];
    out.push({path, code: m.dataset.code, line: +m.dataset.line, column: +m.dataset.column,
              end_line: +m.dataset.endLine, end_column: +m.dataset.endColumn,
              text: marks.map(x => x.textContent).join(""),
              gutter: m.closest(".l") ? +m.closest(".l").dataset.n : null,
              visible: m.getBoundingClientRect().width > 0 || m.textContent === ""});
  }
  out.push({path, listed: section.querySelectorAll("aside.list li").length,
            whole: section.querySelectorAll(".box li").length});
}
const pre = document.createElement("pre");
pre.id = "probe";
pre.textContent = JSON.stringify({out, resources: performance.getEntriesByType("resource").length});
document.body.appendChild(pre);
</script>
"""


@pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed: apt-get install chromium")
def test_html_highlights_sit_at_the_json_positions(run: Run, tmp_path: Path) -> None:
    assert CHROMIUM is not None
    findings = findings_of(run)
    page = run("--format", "html")
    assert CSP_META.search(page)
    # The page's policy forbids scripts, so the probe copy drops it.
    probe = tmp_path / "probe.html"
    probe.write_text(CSP_META.sub("", page).replace("</body>", PROBE + "</body>"), encoding="utf-8")
    proc = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--window-size=1400,2400",
            "--dump-dom",
            probe.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    found = re.search(r'<pre id="probe">(.*?)</pre>', proc.stdout, re.DOTALL)
    assert found, f"no probe output from chromium: {proc.stderr[-2000:]}"
    data = json.loads(html.unescape(found.group(1)))
    assert data["resources"] == 0

    marks = [o for o in data["out"] if "code" in o]
    spans = [f for f in findings if f["scope"] == "span"]
    key = ("path", "code", "line", "column", "end_line", "end_column")
    assert Counter(tuple(m[k] for k in key) for m in marks) == Counter(tuple(f[k] for k in key) for f in spans)
    for m in marks:
        assert m["text"] == span_text(source_of(m["path"]), m), m
        assert m["gutter"] == m["line"], m
        assert m["visible"], m
    for summary in (o for o in data["out"] if "listed" in o):
        mine = [f for f in findings if f["path"] == summary["path"]]
        assert summary["listed"] == sum(f["scope"] == "span" for f in mine)
        assert summary["whole"] == sum(f["scope"] == "document" for f in mine)
