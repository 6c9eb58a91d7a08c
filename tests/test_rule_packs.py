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
