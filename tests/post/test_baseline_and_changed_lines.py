"""Baselines (only new findings fail) and --diff-base (only findings on changed lines)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from medlint.findings import Finding, Report, Severity
from medlint.post.baseline import filter_new, fingerprint, load_baseline, write_baseline
from medlint.post.changed_lines import changed_lines, filter_changed

PATH = "guide.md"
TEXT = (
    "# Aspirin\n"
    "\n"
    "Aspirin is utilized for pain.\n"
    "It cures headaches in all patients.\n"
    "Ask a pharmacist. Ask a pharmacist.\n"
)


def make(text: str, code: str, needle: str, nth: int = 0, path: str = PATH, scope: str = "span") -> Finding:
    """A finding on the `nth` occurrence of `needle`, positions computed from `text`."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    end = start + len(needle)

    def line_col(offset: int) -> tuple[int, int]:
        return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1

    (line, column), (end_line, end_column) = line_col(start), line_col(end)
    return Finding(
        path=path,
        code=code,
        name=code.lower(),
        pack="test",
        severity=Severity.WARNING,
        message=f"{code} on {needle}",
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        start_offset=start,
        end_offset=end,
        match=None if scope == "document" else needle,
        scope=scope,  # type: ignore[arg-type]
        context=" ".join(text[max(0, start - 30) : end + 30].split()),
    )


def old_findings(text: str, utilized: int | None = 0) -> list[Finding]:
    """The findings of TEXT, located in `text`; `utilized` picks which occurrence of
    that word is the old finding (None when it was fixed)."""
    return [
        make(text, "DOC1", "# Aspirin", scope="document"),
        *([make(text, "PL1", "utilized", utilized)] if utilized is not None else []),
        make(text, "CL1", "cures"),
        make(text, "CL2", "all patients"),
        make(text, "ASK", "pharmacist", 0),
        make(text, "ASK", "pharmacist", 1),
    ]


# --- baseline ------------------------------------------------------------------------


def test_fingerprint_ignores_line_numbers_but_not_text() -> None:
    shifted = TEXT.replace("\n\n", "\n\nA new paragraph.\n\nAnd another.\n\n", 1)
    before, after = make(TEXT, "PL1", "utilized"), make(shifted, "PL1", "utilized")
    assert after.line == before.line + 4
    assert fingerprint(before, TEXT) == fingerprint(after, shifted)
    reworded = TEXT.replace("for pain", "for fever")
    assert fingerprint(make(reworded, "PL1", "utilized"), reworded) != fingerprint(before, TEXT)
    assert fingerprint(make(TEXT, "PL2", "utilized"), TEXT) != fingerprint(before, TEXT)
    assert fingerprint(make(TEXT, "PL1", "utilized", path="other.md"), TEXT) != fingerprint(before, TEXT)


def test_baseline_round_trip_keeps_shifted_findings_and_reports_new_ones(tmp_path: Path) -> None:
    baseline_file = tmp_path / "baseline.json"
    write_baseline(Report(tuple(old_findings(TEXT)), (), (), (), {PATH: TEXT}), baseline_file)
    data = json.loads(baseline_file.read_text(encoding="utf-8"))
    assert data["version"] == 1
    assert len(data["findings"]) == len(old_findings(TEXT))
    assert {"path", "code", "fingerprint", "line", "match"} <= data["findings"][0].keys()

    # Lines inserted above every finding, and one new problem in the inserted text.
    new_text = TEXT.replace("\n\n", "\n\nAspirin is utilized widely.\n\n", 1)
    current = [*old_findings(new_text, utilized=1), make(new_text, "PL1", "utilized", 0)]
    assert current[1].line == old_findings(TEXT)[1].line + 2
    new = filter_new(current, load_baseline(baseline_file), {PATH: new_text})
    assert [(f.code, f.line, f.match) for f in new] == [("PL1", 3, "utilized")]


def test_baseline_counts_identical_findings(tmp_path: Path) -> None:
    baseline_file = tmp_path / "baseline.json"
    write_baseline(Report(tuple(old_findings(TEXT)), (), (), (), {PATH: TEXT}), baseline_file)
    known = load_baseline(baseline_file)
    ask = fingerprint(make(TEXT, "ASK", "pharmacist", 0), TEXT)
    assert ask == fingerprint(make(TEXT, "ASK", "pharmacist", 1), TEXT)
    assert known[ask] == 2

    # A third identical sentence: two copies are absorbed, the last one is new.
    text = TEXT + "Ask a pharmacist. Ask a pharmacist.\n"
    current = [make(text, "ASK", "pharmacist", n) for n in range(4)]
    new = filter_new(current, known, {PATH: text})
    assert [f.start_offset for f in new] == [current[2].start_offset, current[3].start_offset]


def test_baseline_file_is_sorted_and_stable(tmp_path: Path) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    findings = old_findings(TEXT)
    write_baseline(Report(tuple(findings), (), (), (), {PATH: TEXT}), first)
    write_baseline(Report(tuple(reversed(findings)), (), (), (), {PATH: TEXT}), second)
    assert first.read_bytes() == second.read_bytes()
    lines = [e["line"] for e in json.loads(first.read_text(encoding="utf-8"))["findings"]]
    assert lines == sorted(lines)


def test_fixed_findings_leave_nothing_new(tmp_path: Path) -> None:
    baseline_file = tmp_path / "baseline.json"
    write_baseline(Report(tuple(old_findings(TEXT)), (), (), (), {PATH: TEXT}), baseline_file)
    fixed = TEXT.replace("utilized", "used")
    current = old_findings(fixed, utilized=None)
    assert filter_new(current, load_baseline(baseline_file), {PATH: fixed}) == ()


@pytest.mark.parametrize(
    "content",
    [
        "",
        "not json",
        "[]",
        '{"version": 2, "findings": []}',
        '{"version": 1}',
        '{"version": 1, "findings": [{"path": "a.md"}]}',
    ],
)
def test_broken_baseline_raises_one_line_value_error(tmp_path: Path, content: str) -> None:
    path = tmp_path / "bad-baseline.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad-baseline\.json") as info:
        load_baseline(path)
    assert "\n" not in str(info.value)


def test_missing_baseline_raises_value_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"nowhere\.json"):
        load_baseline(tmp_path / "nowhere.json")


def test_load_baseline_returns_counts(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    entries = [{"path": "a", "code": "X", "fingerprint": fp, "line": 1, "match": None} for fp in "aab"]
    path.write_text(json.dumps({"version": 1, "findings": entries}), encoding="utf-8")
    assert load_baseline(path) == Counter({"a": 2, "b": 1})


# --- changed lines -------------------------------------------------------------------

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git not installed")


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q")
    git(root, "config", "user.name", "Test")
    git(root, "config", "user.email", "test@example.org")
    git(root, "config", "commit.gpgsign", "false")
    (root / "docs").mkdir()
    (root / "docs" / "a.md").write_text("".join(f"line {n}\n" for n in range(1, 11)), encoding="utf-8")
    (root / "docs" / "same.md").write_text("unchanged\n", encoding="utf-8")
    (root / "docs" / "gone.md").write_text("deleted soon\n", encoding="utf-8")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "base")
    return root


@needs_git
def test_changed_lines_reports_edited_and_inserted_lines(repo: Path) -> None:
    lines = [f"line {n}\n" for n in range(1, 11)]
    lines[1] = "line 2 edited\n"  # line 2 modified
    lines[6:6] = ["new A\n", "new B\n"]  # inserted, become lines 7 and 8
    del lines[-1]  # old line 10 removed: no line of the new file changed
    (repo / "docs" / "a.md").write_text("".join(lines), encoding="utf-8")
    (repo / "docs" / "gone.md").unlink()
    (repo / "docs" / "new.md").write_text("brand new\n", encoding="utf-8")

    changed = changed_lines("HEAD", ["docs"], repo)
    a = str((repo / "docs" / "a.md").resolve())
    assert changed[a] == {2, 7, 8}
    assert changed[str((repo / "docs" / "new.md").resolve())] is None
    assert str((repo / "docs" / "same.md").resolve()) not in changed
    assert str((repo / "docs" / "gone.md").resolve()) not in changed


@needs_git
def test_changed_lines_limits_to_paths_and_works_from_a_subdirectory(repo: Path) -> None:
    (repo / "docs" / "a.md").write_text("changed\n", encoding="utf-8")
    (repo / "docs" / "same.md").write_text("unchanged\nplus one\n", encoding="utf-8")
    changed = changed_lines("HEAD", ["same.md"], repo / "docs")
    assert changed == {str((repo / "docs" / "same.md").resolve()): {2}}


@needs_git
def test_changed_lines_handles_unusual_file_names(repo: Path) -> None:
    name = 'größe "2" ,x.md'
    (repo / name).write_text("one\n", encoding="utf-8")
    git(repo, "add", name)
    git(repo, "commit", "-q", "-m", "odd name")
    (repo / name).write_text("one\ntwo\n", encoding="utf-8")
    assert changed_lines("HEAD", [name], repo) == {str((repo / name).resolve()): {2}}


@needs_git
def test_changed_lines_against_an_older_commit_includes_committed_changes(repo: Path) -> None:
    (repo / "docs" / "same.md").write_text("first\nsecond\n", encoding="utf-8")
    git(repo, "commit", "-q", "-am", "edit")
    changed = changed_lines("HEAD~1", [], repo)
    assert changed == {str((repo / "docs" / "same.md").resolve()): {1, 2}}


@needs_git
@pytest.mark.parametrize(
    ("eol", "expected"),
    [
        ("\r\n", {4}),  # no lone CR: git's lines are medlint's
        # git ends lines at LF only, medlint (like markdown-it and editors) also at a lone CR. A
        # file of lone CRs is one line to git: every medlint line of it counts as changed.
        ("\r", {1, 2, 3, 4, 5, 6}),
        # With "\n\r" git's new line 4 is "\rinserted": to medlint an empty line 5 (ended by the
        # CR) and line 6, "inserted". ("Title\n\r\n\r": the first "\r\n" is one CRLF break.)
        ("\n\r", {5, 6}),
    ],
)
def test_changed_lines_count_lines_as_medlint_does_with_lone_cr(repo: Path, eol: str, expected: set[int]) -> None:
    path = repo / "docs" / "mac.txt"
    path.write_bytes(eol.join(["Title", "", "first", "second", ""]).encode())
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "cr")
    path.write_bytes(eol.join(["Title", "", "first", "inserted", "second", ""]).encode())
    changed = changed_lines("HEAD", ["docs"], repo)[str(path.resolve())]
    assert changed == expected
    lines = re.split(r"\r\n?|\n", path.read_bytes().decode())
    assert {n for n, text in enumerate(lines, 1) if text == "inserted"} <= changed


@needs_git
def test_changed_lines_rejects_unknown_refs_and_non_repositories(repo: Path, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="no-such-branch") as info:
        changed_lines("no-such-branch", [], repo)
    assert "\n" not in str(info.value)
    outside = tmp_path / "plain"
    outside.mkdir()
    with pytest.raises(ValueError, match="not inside a git repository"):
        changed_lines("HEAD", [], outside)


def test_filter_changed_keeps_findings_on_changed_lines() -> None:
    text = "# T\nalpha beta\ngamma\ndelta epsilon\n"
    span_on_2 = make(text, "A", "beta")
    span_on_4 = make(text, "B", "delta")
    across_3_4 = make(text, "C", "gamma\ndelta")
    ends_at_line_start = make(text, "D", "beta\n")  # ends at column 1 of line 3: only line 2
    document = make(text, "E", "# T", scope="document")
    findings = [span_on_2, span_on_4, across_3_4, ends_at_line_start, document]
    assert (ends_at_line_start.end_line, ends_at_line_start.end_column) == (3, 1)

    def resolve(path: str) -> str:
        return "/abs/" + path

    kept = filter_changed(findings, {"/abs/" + PATH: {3}}, resolve)
    assert [f.code for f in kept] == ["C", "E"]
    assert filter_changed(findings, {"/abs/" + PATH: None}, resolve) == tuple(findings)
    assert filter_changed(findings, {"/abs/other.md": None}, resolve) == ()
    assert filter_changed(findings, {"/abs/" + PATH: set()}, resolve) == ()
