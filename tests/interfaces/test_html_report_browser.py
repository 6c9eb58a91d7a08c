"""The HTML report, checked as a browser sees it.

Static checks always run. The browser checks open the page in headless Chromium and let
an injected script compare every highlighted finding with the source text; they are
skipped when Chromium is not installed (`apt-get install chromium`).
"""

from __future__ import annotations

import html
import json
import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from medlint.findings import FileResult, Finding, Report, RuleInfo, SectionGrade, Severity
from medlint.report.html import render

PATH = "articles/café.md"
TEXT = (
    "# Café au lait & <diabetes>\n"
    "\n"
    "Metformin is utilized by 90% of patients, and it \u201ccures\u201d type 2 diabetes.\r\n"
    "Side effects are rare and mild; consult your doctor\n"
    "if symptoms persist.\n"
    "Emoji \U0001f48a dose: 500 mg.\n"
    "\n"
    "## Risks\n"
    "Lactic acidosis is very rare.\n"
)
OTHER_PATH = "articles/empty.md"
OTHER_TEXT = "Nothing to see.\n"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>')


def make(
    needle: str,
    code: str,
    severity: Severity,
    *,
    length: int | None = None,
    message: str | None = None,
    suggestion: str | None = None,
    scope: str = "span",
) -> Finding:
    """A finding on `needle` in TEXT (or `length` characters of it), positions computed here."""
    start = TEXT.index(needle)
    end = start + (len(needle) if length is None else length)

    def line_col(offset: int) -> tuple[int, int]:
        return TEXT.count("\n", 0, offset) + 1, offset - (TEXT.rfind("\n", 0, offset) + 1) + 1

    (line, column), (end_line, end_column) = line_col(start), line_col(end)
    return Finding(
        path=PATH,
        code=code,
        name=f"rule-{code.lower()}",
        pack="claims" if code.startswith("CL") else "readability",
        severity=severity,
        message=message or f"{code} about {TEXT[start:end]!r}",
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        start_offset=start,
        end_offset=end,
        match=None if scope == "document" else TEXT[start:end],
        suggestion=suggestion,
        scope=scope,  # type: ignore[arg-type]
    )


FINDINGS = (
    make(
        "# Café",
        "CM001",
        Severity.WARNING,
        length=len("# Café au lait & <diabetes>"),
        scope="document",
        message="No risks section <b>before</b> the summary",
    ),
    make(
        "utilized",
        "RD001",
        Severity.WARNING,
        suggestion="used",
        message='Prefer plain words: <script>alert("x")</script> & more',
    ),
    # Three overlapping findings: one inside another, one crossing its end and a CRLF line end.
    make("\u201ccures\u201d type 2 diabetes", "CL001", Severity.ERROR, message="Overclaim: \u201ccures\u201d"),
    make("cures", "CL002", Severity.INFO),
    make("type 2 diabetes.\r\nSide effects", "RD002", Severity.WARNING),
    make("consult your doctor\nif symptoms persist.", "RD003", Severity.INFO),
    make("\U0001f48a dose", "RD004", Severity.WARNING, suggestion="pill dose"),
    make("; consult", "RD005", Severity.INFO, length=0, message="Zero-length: insert a full stop"),
    make("Lactic acidosis is very rare.\n", "RD006", Severity.INFO),  # ends with the line break
)
REPORT = Report(
    findings=FINDINGS,
    files=(
        FileResult(
            PATH,
            words=len(TEXT.split()),
            format="markdown",
            doc_type="drug-info",
            doc_type_reason="title names a drug",
            grades=(
                SectionGrade(None, 1, "flesch-kincaid", 9.4, 40),
                SectionGrade("Café au lait & <diabetes>", 1, "flesch-kincaid", 11.2, 30),
                SectionGrade("Risks", 8, "flesch-kincaid", 6.1, 10),
            ),
        ),
        FileResult(OTHER_PATH, words=3, format="markdown"),
    ),
    errors=(),
    rules=(
        RuleInfo(
            "CL001",
            "rule-cl001",
            "claims",
            Severity.ERROR,
            "Overclaims",
            "Readers trust them.",
            "https://example.org/CL001",
        ),
    ),
    sources={PATH: TEXT, OTHER_PATH: OTHER_TEXT},
)


def test_fixture_positions() -> None:
    # Hand-checked anchors for the factory that the browser expectations rely on.
    utilized = FINDINGS[1]
    assert (utilized.line, utilized.column, utilized.end_column) == (3, 14, 22)
    crossing = FINDINGS[4]
    assert (crossing.line, crossing.end_line, crossing.end_column) == (3, 4, 13)


# --- static checks -------------------------------------------------------------------


def test_page_is_self_contained() -> None:
    page = render(REPORT)
    assert CSP_META.search(page), "the page forbids fetching anything"
    assert not re.search(
        r"""\b(?:src|href|action|poster|srcset|data|xlink:href)\s*=\s*["']?\s*(?:[a-z]+:)?//""", page, re.IGNORECASE
    )
    assert not re.search(r"""\bhref\s*=\s*(?!["']?#)""", page), "every link is an in-page anchor"
    assert "@import" not in page and "url(" not in page
    assert "<script" not in page.lower() and "<link" not in page.lower()


def test_text_is_escaped() -> None:
    page = render(REPORT)
    assert "<script>alert" not in page and "<b>before</b>" not in page and "<diabetes>" not in page
    assert html.escape('<script>alert("x")</script>') in page
    assert "No risks section &lt;b&gt;before&lt;/b&gt; the summary" in page


def test_sections_summaries_and_chart() -> None:
    page = render(REPORT)
    assert page.count('<section class="file"') == 2
    assert "drug-info" in page and f"{len(TEXT.split())} words" in page
    assert page.count("<svg") == 1 and page.count('<rect class="bar') == 3
    assert "No findings" not in page
    empty = render(Report((), (FileResult(OTHER_PATH, 3, "markdown"),), (), (), {OTHER_PATH: OTHER_TEXT}))
    assert "No findings" in empty and "<svg" not in empty and "<mark" not in empty


# --- in the browser ------------------------------------------------------------------

CHECK_SCRIPT = """
<script>
const expected = %s;
const results = [];
for (const f of expected) {
  const sel = `mark[data-code="${f.code}"][data-start="${f.start}"][data-end="${f.end}"]`;
  const marks = [...document.querySelectorAll(sel)];
  const first = marks[0];
  const line = first ? first.closest(".l") : null;
  results.push({
    code: f.code,
    count: marks.length,
    text: marks.map(m => m.textContent).join(""),
    attrs: marks.map(m => [m.dataset.line, m.dataset.column, m.dataset.endLine, m.dataset.endColumn].join(",")),
    gutterLine: line ? line.dataset.n : null,
    anchored: !!(first && first.id && document.querySelector(`a[href="#${first.id}"]`)),
  });
}
const lines = [...document.querySelectorAll(".src")].map(src =>
  [...src.querySelectorAll(".l")].map(l => l.textContent).join(""));
const heights = [...document.querySelectorAll(".src .l")].slice(0, 9).map(l =>
  l.getBoundingClientRect().height / parseFloat(getComputedStyle(l).lineHeight));
const out = document.createElement("pre");
out.id = "medlint-test-results";
out.textContent = JSON.stringify({results, sources: lines, heights,
  resources: performance.getEntriesByType("resource").length});
document.body.appendChild(out);
</script>
"""


def chromium(*args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    return subprocess.run(
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
            "--hide-scrollbars",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


@pytest.fixture
def browser() -> None:
    if CHROMIUM is None:
        pytest.skip("chromium not installed: apt-get install chromium")


@pytest.mark.slow  # a headless chromium
@pytest.mark.usefixtures("browser")
def test_every_finding_is_highlighted_exactly_in_the_browser(tmp_path: Path) -> None:
    page = render(REPORT)
    assert CSP_META.search(page)
    expected = [{"code": f.code, "start": f.start_offset, "end": f.end_offset} for f in FINDINGS if f.scope == "span"]
    # The page's policy forbids scripts, so the test copy drops it to run its checks.
    probe = CSP_META.sub("", page).replace("</body>", CHECK_SCRIPT % json.dumps(expected) + "</body>")
    probe_file = tmp_path / "probe.html"
    probe_file.write_text(probe, encoding="utf-8")
    run = chromium(
        f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1280,2000", "--dump-dom", probe_file.as_uri()
    )
    found = re.search(r'<pre id="medlint-test-results">(.*?)</pre>', run.stdout, re.DOTALL)
    assert found, f"no results from chromium: {run.stderr[-2000:]}"
    data = json.loads(html.unescape(found.group(1)))

    spans = [f for f in FINDINGS if f.scope == "span"]
    assert len(data["results"]) == len(spans)
    for f, got in zip(spans, data["results"], strict=True):
        assert got["count"] >= 1, f"{f.code} has no mark"
        assert got["text"] == TEXT[f.start_offset : f.end_offset], f.code
        position = f"{f.line},{f.column},{f.end_line},{f.end_column}"
        assert set(got["attrs"]) == {position}, f.code
        assert got["gutterLine"] == str(f.line), f.code
        assert got["anchored"], f"{f.code} is not linked from the findings list"
    # Overlaps split marks but never drop or repeat source text.
    assert data["sources"] == [TEXT, OTHER_TEXT]
    # One line box per short line: line ends add no blank lines, empty lines keep their height.
    assert all(0.9 < h < 1.1 for h in data["heights"]), data["heights"]
    assert data["resources"] == 0


def png_pixels(path: Path) -> tuple[int, int, bytes]:
    """Width, height and the raw (filtered) scanlines of a PNG, using only the stdlib."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width, height = 8, b"", 0, 0
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height = struct.unpack(">II", body[:8])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    return width, height, zlib.decompress(idat)


@pytest.mark.slow  # a headless chromium
@pytest.mark.usefixtures("browser")
def test_screenshot_is_not_blank(tmp_path: Path) -> None:
    page_file = tmp_path / "report.html"
    page_file.write_text(render(REPORT), encoding="utf-8")
    shot = tmp_path / "report.png"
    run = chromium(
        f"--user-data-dir={tmp_path / 'profile'}", f"--screenshot={shot}", "--window-size=1280,2000", page_file.as_uri()
    )
    assert shot.exists(), run.stderr[-2000:]
    width, height, pixels = png_pixels(shot)
    assert (width, height) == (1280, 2000)
    # A blank or failed page compresses to almost nothing and has few distinct bytes.
    assert shot.stat().st_size > 20_000
    assert len(set(pixels)) > 64
