"""The text format: document findings once, `CODE name`, whole multi-line spans, display-width
carets, escaping of file names and text, colour switches, one report of a broken config."""

from __future__ import annotations

from pathlib import Path

import pytest

from medlint.cli import _use_color, main
from medlint.findings import Finding, Report, Severity
from medlint.report.text import char_width, escape, render_text


def finding(
    source: str,
    start: int,
    end: int,
    *,
    code: str = "CLM001",
    scope: str = "span",
    path: str = "a.md",
    suggestion: str | None = None,
    message: str = "msg",
) -> Finding:
    def line_col(offset: int) -> tuple[int, int]:
        before = source[:offset]
        return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1

    line, col = line_col(start)
    end_line, end_col = line_col(end)
    return Finding(
        path=path,
        code=code,
        name="miracle-cure-language",
        pack="claims",
        severity=Severity.WARNING,
        message=message,
        line=line,
        column=col,
        end_line=end_line,
        end_column=end_col,
        start_offset=start,
        end_offset=end,
        match=None if scope == "document" else source[start:end],
        suggestion=suggestion,
        scope=scope,
    )  # type: ignore[arg-type]


def render(source: str, findings: list[Finding], path: str = "a.md") -> str:
    return render_text(Report(tuple(findings), (), (), (), {path: source}))


def test_document_findings_appear_once_per_file_without_an_excerpt() -> None:
    src = "# Spinal injections\n\nThey work.\n"
    doc = [finding(src, 2, 19, code=c, scope="document", suggestion=f"add {c}") for c in ("CMP007", "CMP008")]
    span = finding(src, 21, 25, code="CLM008")
    out = render(src, [*doc, span])
    lines = out.splitlines()
    assert lines[:5] == [
        "a.md: 2 findings on the whole article",
        "  CMP007 miracle-cure-language [warning] msg",
        "      = suggestion: add CMP007",
        "  CMP008 miracle-cure-language [warning] msg",
        "      = suggestion: add CMP008",
    ]
    assert out.count("# Spinal injections") == 0  # the title is not drawn for document findings
    assert lines[5] == "a.md:3:1: CLM008 miracle-cure-language [warning] msg"
    assert lines[6:8] == ["    | They work.", "    | ^^^^"]


def test_summary_and_explain_hint() -> None:
    src = "A miracle.\n"
    out = render(src, [finding(src, 2, 9)])
    assert out.splitlines()[-2:] == [
        "Found 1 finding (1 warning) in 0 files.",
        "Run `medlint explain CLM001` (or any code) for why a rule matters and how to fix it.",
    ]
    assert "medlint explain" not in render("A cure.\n", [])


def test_a_span_over_lines_is_drawn_whole() -> None:
    src = "Stop eating six hours prior\nto the operation.\n"
    start = src.index("prior")
    out = render(src, [finding(src, start, start + len("prior\nto"))])
    assert out.splitlines()[1:5] == [
        "    | Stop eating six hours prior",
        "    |                       ^^^^^",
        "    | to the operation.",
        "    | ^^",
    ]


def test_carets_follow_display_width_of_cjk_and_emoji() -> None:
    src = "頭痛 🏥 a miracle here\n"
    start = src.index("miracle")
    out = render(src, [finding(src, start, start + 7)])
    # 頭 and 痛 and 🏥 take two columns each: 2 + 2 + 1 + 2 + 1 + 2 ("a ") = 10 columns before.
    assert out.splitlines()[2] == "    | " + " " * 10 + "^" * 7
    assert [char_width(c) for c in "a頭🏥\u0301\u200d"] == [1, 2, 2, 0, 0]


def test_combining_marks_take_no_column() -> None:
    src = "cafe\u0301 miracle\n"
    start = src.index("miracle")
    assert render(src, [finding(src, start, start + 7)]).splitlines()[2] == "    |      ^^^^^^^"


def test_control_characters_and_bidi_overrides_are_escaped() -> None:
    src = "A miracle\x1b[31m cure\u202e works\x7f.\n"
    start = src.index("cure")
    out = render(src, [finding(src, start, start + 4, message="'cure\x1b]0;x\x07' is hype")])
    assert "\x1b" not in out and "\u202e" not in out and "\x7f" not in out and "\x07" not in out
    assert "    | A miracle\\x1b[31m cure<U+202E> works\\x7f." in out
    # The caret still sits under "cure": "A miracle" + the 4-character escape + "[31m ".
    assert out.splitlines()[2] == "    | " + " " * len("A miracle\\x1b[31m ") + "^^^^"
    assert "'cure\\x1b]0;x\\x07' is hype" in out
    assert escape("ok\u2066x\u2069") == "ok<U+2066>x<U+2069>"


def test_no_line_starts_with_a_workflow_command() -> None:
    path = "::error file=x::pwned.md"
    src = "::warning::miracle\n"
    out = render_text(Report((finding(src, 11, 18, path=path, message="::add-mask::x"),), (), (), (), {path: src}))
    assert all(not line.lstrip().startswith("::") for line in out.splitlines())
    assert out.startswith("./::error file=x::pwned.md:1:12:")


def test_fixes_are_shown_and_counted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "a.md"
    f.write_text("# Food\n\nStop eating six hours prior to the test.\n")
    assert main(["check", str(f), "--select", "RDB008", "--color", "never"]) == 0
    out = capsys.readouterr().out
    assert "    = fix: Replace 'prior to' with 'before'" in out
    assert "= suggestion: before" not in out  # the bare word is the fix, not advice
    assert "1 fixable with `medlint check --fix`." in out


@pytest.mark.parametrize(
    ("flag", "env", "tty", "expected"),
    [
        ("auto", {}, True, True),
        ("auto", {}, False, False),
        ("auto", {"FORCE_COLOR": "1"}, False, True),
        ("auto", {"FORCE_COLOR": "0"}, True, True),
        ("auto", {"FORCE_COLOR": "0"}, False, False),
        ("auto", {"NO_COLOR": "1"}, True, False),
        ("auto", {"NO_COLOR": ""}, True, True),
        ("never", {"FORCE_COLOR": "1"}, True, False),
        ("always", {"NO_COLOR": "1"}, False, True),
    ],
)
def test_color_switches(
    flag: str, env: dict[str, str], tty: bool, expected: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    assert _use_color(flag, tty) is expected


def test_force_color_colours_piped_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    f = tmp_path / "a.md"
    f.write_text("# Back pain\n\nThis miracle injection works.\n")
    monkeypatch.setenv("FORCE_COLOR", "1")
    main(["check", str(f), "--select", "CLM001"])
    assert "\x1b[1;33m[warning]\x1b[0m" in capsys.readouterr().out


def test_a_broken_config_is_reported_once_with_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / ".medlint.toml").write_text('selec = ["CLM"]\n')
    files = []
    for i in range(3):
        f = tmp_path / f"a{i}.md"
        f.write_text("# A\n\nThis miracle cure works.\n")
        files.append(str(f))
    code = main(["check", *files, "--color", "never"])
    out = capsys.readouterr().out
    assert code == 2
    assert out.count("unknown key 'selec'") == 1
    config = tmp_path / ".medlint.toml"
    assert f"error: {config}: unknown key 'selec' (did you mean 'select'?) (3 files not linted)" in out
    code = main(["check", str(tmp_path), "--color", "never"])
    out = capsys.readouterr().out
    assert code == 2 and out.count("unknown key 'selec'") == 1


def test_a_long_line_is_cut_to_a_window_around_the_span() -> None:
    src = "Patients improve after treatment. " * 30_000 + "This miracle cure works.\n"
    start = src.index("miracle")
    lines = render(src, [finding(src, start, start + 7)]).splitlines()
    shown, caret = lines[1], lines[2]
    assert shown.startswith("    | …") and shown.endswith("works.") and len(shown) < 120
    assert "This miracle cure works." in shown
    assert caret.index("^") == shown.index("miracle") and caret.count("^") == 7


def test_a_span_longer_than_the_window_is_cut() -> None:
    src = "word " * 200 + "\n"
    lines = render(src, [finding(src, 0, len(src) - 1)]).splitlines()
    assert len(lines[1]) <= 6 + 100 + 1 and lines[1].endswith("…")
    assert lines[2] == "    | " + "^" * 100


def test_the_readme_excerpt_is_what_medlint_prints(capsys: pytest.CaptureFixture[str]) -> None:
    """The README's "An excerpt of what it prints" is the output for the example article, line
    for line and in order ("..." marks what the excerpt leaves out)."""
    import re

    from conftest import ROOT

    from medlint.cli import main

    section = (ROOT / "README.md").read_text(encoding="utf-8").split("An excerpt of what it prints:", 1)[1]
    found = re.search(r"```text\n(.*?)```", section, re.DOTALL)
    assert found is not None
    excerpt = [line for line in found.group(1).splitlines() if line.strip() != "..."]
    assert main(["check", str(ROOT / "examples" / "back-injections-draft.md"), "--color", "never"]) == 1
    out = capsys.readouterr().out.replace(str(ROOT) + "/", "").splitlines()
    position = 0
    for line in excerpt:
        assert line in out[position:], f"not printed (or not in this order): {line}"
        position = out.index(line, position) + 1
    # Each whole-document finding is printed once: in the heading's list, never again in place.
    document = [line.split()[0] for line in out if re.match(r"  [A-Z]+\d{3} ", line)]
    heading = re.search(r": (\d+) findings on the whole article$", out[0])
    assert heading is not None and len(document) == int(heading.group(1)) == len(set(document))
