"""The command line: formats, exit codes, stdin, rules and explain, and bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from medlint.cli import main

CLAIM = "# Back pain\n\nThis miracle injection offers a beacon of hope.\n"


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_text_format_shows_location_caret_and_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "a.md"
    f.write_text(CLAIM)
    code, out, _ = run(["check", str(f), "--select", "CLM001", "--color", "never"], capsys)
    assert code == 1
    line3 = CLAIM.split("\n")[2]
    col = line3.index("miracle") + 1
    assert f"{f}:3:{col}: CLM001 miracle-cure-language [warning]" in out
    assert "    | " + " " * (col - 1) + "^" * len("miracle") in out
    assert out.splitlines()[-2] == "Found 1 finding (1 warning) in 1 file."
    assert "\x1b[" not in out


def test_json_contract(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "a.md"
    f.write_text(CLAIM)
    code, out, _ = run(["check", str(f), "--format", "json"], capsys)
    data = json.loads(out)
    assert code == 1
    # "claims": the claims register, present because the claim rules ran (tests/claims/test_claims_register.py).
    assert set(data) == {"version", "findings", "files", "errors", "claims"}
    for finding in data["findings"]:
        for key in (
            "path",
            "code",
            "name",
            "pack",
            "severity",
            "message",
            "line",
            "column",
            "end_line",
            "end_column",
            "match",
            "suggestion",
            "scope",
        ):
            assert key in finding
        assert finding["severity"] in ("error", "warning", "info")
        assert finding["scope"] in ("span", "document")
        assert (finding["match"] is None) == (finding["scope"] == "document")
    assert data["files"][0]["path"] == str(f) and data["files"][0]["words"] == 10
    assert data["errors"] == []


def test_exit_codes_and_fail_level(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    clean = tmp_path / "clean.md"
    clean.write_text("# Note\n\nWalking helps many people stay well.\n")
    assert run(["check", str(clean), "--select", "CLM"], capsys)[0] == 0
    bad = tmp_path / "bad.md"
    bad.write_text(CLAIM)
    assert run(["check", str(bad), "--select", "CLM001", "--fail-level", "error"], capsys)[0] == 0
    assert run(["check", str(bad), "--select", "CLM001"], capsys)[0] == 1
    assert run(["check", "--no-such-flag"], capsys)[0] == 2


def test_stdin_with_filename(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"<p>A miracle cure.</p>")))
    code, out, _ = run(
        ["check", "-", "--stdin-filename", "page.html", "--select", "CLM001", "--format", "json"], capsys
    )
    data = json.loads(out)
    assert code == 1
    assert data["findings"][0]["path"] == "page.html"
    assert data["findings"][0]["column"] == len("<p>A ") + 1


def test_rules_and_explain(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["rules", "--format", "json"], capsys)
    rules = json.loads(out)
    assert code == 0 and {"CLM001", "MED001"} <= {r["code"] for r in rules}
    code, out, _ = run(["explain", "miracle-cure-language"], capsys)
    assert code == 0 and out.startswith("# CLM001 `miracle-cure-language`") and "## Why it matters" in out
    assert run(["explain", "NOPE999"], capsys)[0] == 2


def test_bad_inputs_give_one_line_errors_and_others_still_lint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "good.md").write_text(CLAIM)
    (tmp_path / "binary.md").write_bytes(b"\x00\x01\x02PNG\x00")
    (tmp_path / "latin1.txt").write_bytes("caf\xe9 miracle".encode("latin-1"))
    (tmp_path / "empty.md").write_text("")
    (tmp_path / "huge.md").write_text(("A plain sentence about walking. " * 40 + "\n\n") * 9000)  # ~11 MB
    unreadable = tmp_path / "secret.md"
    unreadable.write_text(CLAIM)
    unreadable.chmod(0)
    before = {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()}
    code, out, err = run(["check", str(tmp_path), str(tmp_path / "missing.md"), "--format", "json"], capsys)
    data = json.loads(out)
    assert code == 2
    errors = {Path(e["path"]).name: e["message"] for e in data["errors"]}
    assert "binary" in errors["binary.md"]
    assert "UTF-8" in errors["latin1.txt"]
    assert "max-file-size" in errors["huge.md"]
    assert "no such file" in errors["missing.md"]
    assert errors["empty.md"] == "empty file, nothing to lint"
    if os.geteuid() != 0:  # root can read a chmod-0 file
        assert "cannot read" in errors["secret.md"]
    assert all("\n" not in m for m in errors.values())
    linted = {Path(f["path"]).name for f in data["files"]}
    assert "good.md" in linted and "empty.md" not in linted
    assert any(Path(f["path"]).name == "good.md" for f in data["findings"])
    assert "Traceback" not in err
    assert {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()} == before  # nothing written
    unreadable.chmod(0o644)


def test_python_dash_m_and_console_script() -> None:
    proc = subprocess.run([sys.executable, "-m", "medlint", "--version"], capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stdout.startswith("medlint ")


def test_a_crashing_rule_is_an_error_line_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from medlint.kinds.claim import ClaimKind

    def boom(self: ClaimKind, doc: object, ctx: object) -> object:
        raise RuntimeError("kaboom")

    monkeypatch.setattr(ClaimKind, "find", boom)
    for name in ("a.md", "b.md"):
        (tmp_path / name).write_text(CLAIM)
    code, out, err = run(["check", str(tmp_path), "--format", "json", "--select", "CLM001,CMP"], capsys)
    data = json.loads(out)
    assert code == 2
    assert [Path(e["path"]).name for e in data["errors"]] == ["a.md", "b.md"]
    assert all("internal error in rule CLM001" in e["message"] and "kaboom" in e["message"] for e in data["errors"])
    assert any(f["code"].startswith("CMP") for f in data["findings"])  # the other rules still ran
    assert "Traceback" not in err


def test_a_parser_crash_costs_only_its_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import medlint.parse.html as html_parser

    def boom(doc: object, body_start: int) -> None:
        raise IndexError("kaboom")

    monkeypatch.setattr(html_parser, "parse_html", boom)
    (tmp_path / "a.html").write_text(f"<p>{CLAIM}</p>")
    (tmp_path / "b.md").write_text(CLAIM)
    code, out, err = run(["check", str(tmp_path), "--format", "json", "--select", "CLM001"], capsys)
    data = json.loads(out)
    assert code == 2
    (error,) = data["errors"]
    assert Path(error["path"]).name == "a.html"
    assert "internal error, file not linted (IndexError: kaboom)" in error["message"]
    assert "\n" not in error["message"]
    assert [Path(f["path"]).name for f in data["findings"]] == ["b.md"]
    assert "Traceback" not in err


def test_a_missing_nlp_model_is_a_config_error_not_an_internal_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import medlint
    from medlint.analysis.nlp import PipelineError

    (tmp_path / "pyproject.toml").write_text('[tool.medlint]\nnlp-model = "medlint_no_such_model"\n')
    for name in ("a.md", "b.md"):
        (tmp_path / name).write_text(CLAIM)
    code, out, err = run(["check", str(tmp_path), "--format", "json"], capsys)
    data = json.loads(out)
    assert code == 2
    assert [Path(e["path"]).name for e in data["errors"]] == ["a.md", "b.md"]
    for e in data["errors"]:
        assert "nlp-model 'medlint_no_such_model' is not installed" in e["message"]
        assert "internal error" not in e["message"] and "\n" not in e["message"]
    assert "Traceback" not in err
    # The Python API raises instead of returning no findings.
    with pytest.raises(PipelineError, match="not installed"):
        medlint.lint_text(CLAIM, config={"nlp-model": "medlint_no_such_model"})
