"""--format-input applies to files, and `rules` / `explain` know the configuration's own packs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from medlint.cli import main

PACK = "name: house-style\nprefix: HSE\ntitle: House style\n"
RULE = """\
code: HSE001
name: superfood-marketing
severity: warning
summary: Calls a food a superfood.
message: "'{match}' is marketing, not nutrition."
why: No food is super.
sources:
  - title: House style guide
    url: https://example.com/style
check:
  kind: phrase
  terms: [superfood]
examples:
  bad: ["Kale is a superfood."]
  good: ["Kale is a vegetable."]
"""


def test_format_input_applies_to_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "page.txt"
    page.write_text("<html><body><h1>Back pain</h1><p>This miracle injection works.</p></body></html>\n")
    main(["check", str(page), "--select", "CLM001", "--format", "json"])
    as_text = json.loads(capsys.readouterr().out)
    main(["check", str(page), "--select", "CLM001", "--format", "json", "--format-input", "html"])
    as_html = json.loads(capsys.readouterr().out)
    assert as_text["files"][0]["format"] == "text" and as_html["files"][0]["format"] == "html"
    (finding,) = as_html["findings"]
    assert finding["match"] == "miracle" and finding["column"] == page.read_text().index("miracle") + 1


def test_rules_and_explain_show_custom_rules(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    pack = tmp_path / "style" / "house"
    pack.mkdir(parents=True)
    (pack / "pack.yml").write_text(PACK)
    (pack / "HSE001-superfood-marketing.yml").write_text(RULE)
    (tmp_path / ".medlint.toml").write_text('rule-packs = ["style"]\n')
    monkeypatch.chdir(tmp_path)
    assert main(["rules"]) == 0
    out = capsys.readouterr().out
    assert any(line.split()[:3] == ["HSE001", "superfood-marketing", "house-style"] for line in out.splitlines())
    assert "CLM001" in out
    assert main(["explain", "superfood-marketing"]) == 0
    assert "HSE001" in capsys.readouterr().out
    # Elsewhere, without that configuration, the rule is unknown.
    monkeypatch.chdir(tmp_path.parent)
    assert main(["explain", "HSE001", "--config", str(tmp_path / ".medlint.toml")]) == 0
    capsys.readouterr()


def test_rules_with_a_broken_configuration_is_one_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".medlint.toml").write_text('rule-packs = ["missing"]\n')
    monkeypatch.chdir(tmp_path)
    assert main(["rules"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "missing" in err and "Traceback" not in err
