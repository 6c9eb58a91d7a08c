"""User rule packs: added from config with no Python, and broken ones named by file and line."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from medlint.cli import main
from medlint.registry.rules import RulePackError, load_packs

GOOD_RULE = """\
code: ACM001
name: house-style-banned-word
severity: warning
summary: A word our house style bans.
message: "'{match}' is banned by our style guide."
why: |
  Our editors agreed not to call any treatment a "wonder" because it promises more than evidence
  can show, and readers have told us it makes articles sound like advertising copy.
sources:
  - title: "Acme Health house style guide"
    url: "https://example.org/style"
check:
  kind: phrase
  terms: [wonder]
examples:
  bad: ["This wonder pill helps."]
  good: ["Ask your doctor about this pill."]
"""


def make_pack(root: Path, rule_text: str, name: str = "ACM001-house-style-banned-word.yml") -> Path:
    pack = root / "acme"
    pack.mkdir(parents=True, exist_ok=True)
    (pack / "pack.yml").write_text("name: acme\nprefix: ACM\n")
    (pack / name).write_text(rule_text)
    return pack


def test_a_user_pack_adds_rules_without_python(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_pack(tmp_path / "style", GOOD_RULE)
    (tmp_path / ".medlint.toml").write_text('rule-packs = ["style"]\nselect = ["acme"]\n')
    (tmp_path / "a.md").write_text("# Pills\n\nThis wonder pill helps.\n")
    assert main(["check", str(tmp_path / "a.md"), "--format", "json"]) == 1
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert [(f["code"], f["line"], f["column"], f["match"]) for f in findings] == [("ACM001", 3, 6, "wonder")]


@pytest.mark.parametrize(
    ("change", "line", "message"),
    [
        (("severity: warning", "severity: warning\nseverty: info"), 4, "unknown key 'severty'"),
        (("  terms: [wonder]", "  terms: [wonder]\n  negatoin: true"), 15, "unknown parameter 'negatoin'"),
        (("  terms: [wonder]", "  patterns: ['(unclosed']"), 14, "bad regular expression"),
        # YAML notices an unclosed flow sequence on the line after it opens.
        (("summary: A word our house style bans.", "summary: [unclosed"), 5, "invalid YAML"),
        (("code: ACM001", "code: XYZ001"), 1, "must be ACM followed by three digits"),
        (("name: house-style-banned-word", "name: avoid-wonder"), 2, "must describe the problem"),
    ],
)
def test_broken_rules_name_file_and_line(tmp_path: Path, change: tuple[str, str], line: int, message: str) -> None:
    pack = make_pack(tmp_path, GOOD_RULE.replace(*change))
    with pytest.raises(RulePackError) as info:
        load_packs([pack])
    text = str(info.value)
    assert text.startswith(f"{pack / 'ACM001-house-style-banned-word.yml'}:{line}:"), text
    assert message in text
    assert "\n" not in text


def test_broken_pack_is_a_one_line_error_in_the_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_pack(tmp_path / "style", GOOD_RULE.replace("severity: warning", "severity: loud"))
    (tmp_path / ".medlint.toml").write_text('rule-packs = ["style"]\n')
    (tmp_path / "a.md").write_text("# Pills\n\nText.\n")
    code = main(["check", str(tmp_path / "a.md"), "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 2
    assert len(data["errors"]) == 1
    assert "ACM001-house-style-banned-word.yml:3:" in data["errors"][0]["message"]
    assert "unknown severity" in textwrap.shorten(data["errors"][0]["message"], 500)


def _rule(code: str, name: str, term: str) -> str:
    return GOOD_RULE.replace("wonder", term).replace("ACM001", code).replace("house-style-banned-word", name)


@pytest.mark.parametrize("layout", ["folder-of-packs", "the-pack-itself"])
def test_a_pack_without_pack_yml_is_found_and_listed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, layout: str
) -> None:
    pack = tmp_path / "style" / "house-style"
    pack.mkdir(parents=True)
    (pack / "HSE001.yml").write_text(_rule("HSE001", "wonder-pill-wording", "wonder"))
    packs = "style" if layout == "folder-of-packs" else "style/house-style"
    (tmp_path / ".medlint.toml").write_text(f'rule-packs = ["{packs}"]\n')
    (tmp_path / "a.md").write_text("# Pills\n\nThis wonder pill helps.\n")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "a.md", "--select", "HSE", "--format", "json"]) == 1
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert [(f["code"], f["pack"], f["line"], f["column"]) for f in findings] == [("HSE001", "house-style", 3, 6)]
    assert main(["rules"]) == 0
    listed = [line.split()[:3] for line in capsys.readouterr().out.splitlines()]
    assert ["HSE001", "wonder-pill-wording", "house-style"] in listed
    assert main(["explain", "wonder-pill-wording"]) == 0
    assert "HSE001" in capsys.readouterr().out


def test_a_pack_folder_with_no_rules_is_an_error_not_silence(tmp_path: Path) -> None:
    (tmp_path / "empty" / "notes").mkdir(parents=True)
    (tmp_path / "empty" / "notes" / "README.md").write_text("not a rule\n")
    with pytest.raises(RulePackError) as info:
        load_packs([tmp_path / "empty"])
    assert str(info.value) == f"{tmp_path / 'empty'}:1: no rule files (*.yml) here or in its subfolders"


def test_every_pack_problem_is_reported_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    style = tmp_path / "style"
    make_pack(style, GOOD_RULE.replace("severity: warning", "severity: loud"))  # acme/ACM001: bad severity
    (style / "acme" / "ACM002.yml").write_text(_rule("ACM002", "avoid-wonder", "marvel"))  # advice name
    other = style / "other-pack"
    other.mkdir()
    (other / "OTH001.yml").write_text(_rule("OTH001", "wonder-pill-wording", "wonder"))
    (other / "OTH002.yml").write_text(_rule("OTH002", "wonder-pill-wording", "marvel"))  # name used twice
    with pytest.raises(RulePackError) as info:
        load_packs([style])
    problems = info.value.problems
    assert len(problems) == 3, problems
    assert problems[0].startswith(f"{style / 'acme' / 'ACM001-house-style-banned-word.yml'}:3:")
    assert problems[1].startswith(f"{style / 'acme' / 'ACM002.yml'}:2:") and "must describe the problem" in problems[1]
    assert problems[2].startswith(f"{other / 'OTH002.yml'}:1:") and "already used by" in problems[2]

    (tmp_path / ".medlint.toml").write_text('rule-packs = ["style"]\n')
    for name in ("a.md", "b.md"):
        (tmp_path / name).write_text("# Pills\n\nText.\n")
    monkeypatch.chdir(tmp_path)
    assert main(["check", ".", "--format", "json"]) == 2
    errors = json.loads(capsys.readouterr().out)["errors"]
    # Each problem once, under the configuration that names the packs, not once per file.
    assert [e["message"] for e in errors] == [f"{p} (2 files not linted)" for p in problems]
    assert {e["path"] for e in errors} == {str(tmp_path / ".medlint.toml")}
    assert main(["rules"]) == 2
    err = capsys.readouterr().err
    assert err.splitlines() == [f"medlint: error: {p}" for p in problems]
