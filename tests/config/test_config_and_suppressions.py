"""Configuration (selection, severities, options, discovery) and inline suppressions."""

from __future__ import annotations

from pathlib import Path

import pytest

from medlint.api import lint_paths, lint_text
from medlint.config import ConfigError, Settings, find_config_file, load_config_file, settings_from_table
from medlint.engine import Linter
from medlint.findings import Severity
from medlint.registry.rules import load_packs
from medlint.registry.selection import select_rules

RULES = load_packs()
CLAIM = "This miracle treatment offers a beacon of hope.\n"


def codes(text: str, **table: object) -> list[str]:
    return [f.code for f in lint_text(text, config=table or None)]


def enabled(**table: object) -> set[str]:
    return {r.code for r in select_rules(RULES, settings_from_table(table, "test", Path.cwd(), None))}


def test_select_by_code_prefix_pack_and_name() -> None:
    assert enabled(select=["CLM001"]) == {"CLM001"}
    assert enabled(select=["CLM"]) == {r.code for r in RULES if r.code.startswith("CLM") and True}
    assert enabled(select=["claims"]) == {r.code for r in RULES if r.pack == "claims"}
    assert enabled(select=["life-changing-framing"]) == {"CLM001"}  # a retired name is an alias


def test_more_specific_entry_wins_over_broader_one() -> None:
    assert enabled(select=["CLM"], ignore=["CLM001"]) == {r.code for r in RULES if r.pack == "claims"} - {"CLM001"}
    # A code beats a pack: ignoring the pack but selecting one of its rules keeps that rule.
    assert "CLM002" in enabled(ignore=["claims"], **{"extend-select": ["CLM002"]})
    assert "CLM001" not in enabled(ignore=["claims"], **{"extend-select": ["CLM002"]})


def test_severity_override_and_fail_level() -> None:
    findings = lint_text(CLAIM, config={"select": ["CLM001"], "severity": {"miracle-cure-language": "error"}})
    assert [f.severity for f in findings] == [Severity.ERROR]
    assert settings_from_table({"fail-level": "info"}, "t", Path.cwd(), None).fail_level is Severity.INFO


def test_per_rule_options_override_check_parameters() -> None:
    text = "Our cream reduces wrinkles by 40%.\n"
    assert "CLM008" not in codes(text, select=["CLM008"])  # a figure makes the benefit claim acceptable
    assert "CLM008" in codes(text, select=["CLM008"], rules={"CLM008": {"unless": []}})


def test_bad_per_rule_option_is_a_clear_error() -> None:
    with pytest.raises(Exception, match="unknown parameter 'negatoin'"):
        Linter(settings_from_table({"rules": {"CLM001": {"negatoin": False}}}, "t", Path.cwd(), None))


def test_unknown_config_key_is_an_error_with_a_hint(tmp_path: Path) -> None:
    cfg = tmp_path / ".medlint.toml"
    cfg.write_text('selct = ["CLM"]\n')
    with pytest.raises(ConfigError, match=r"unknown key 'selct' \(did you mean 'select'\?\)"):
        load_config_file(cfg)
    with pytest.raises(ConfigError, match="severity"):
        settings_from_table({"severity": {"CLM001": "loud"}}, "t", tmp_path, None)
    bad = tmp_path / "pyproject.toml"
    bad.write_text("[tool.medlint\nselect = 1\n")
    with pytest.raises(ConfigError, match="invalid TOML"):
        load_config_file(bad)


def test_nearest_config_file_wins(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.medlint]\nignore = ["CLM001"]\n')
    sub = tmp_path / "articles" / "deep"
    sub.mkdir(parents=True)
    (sub / "a.md").write_text(CLAIM)
    assert find_config_file(sub / "a.md") == tmp_path / "pyproject.toml"
    report = lint_paths([sub])
    found = {f.code for f in report.findings}
    assert "CLM001" not in found and found  # only the ignored rule is silent
    (tmp_path / "articles" / ".medlint.toml").write_text('select = ["CLM001"]\n')
    report = lint_paths([sub])
    assert {f.code for f in report.findings} == {"CLM001"}


def test_per_file_ignores_match_globs(tmp_path: Path) -> None:
    (tmp_path / ".medlint.toml").write_text('[per-file-ignores]\n"drafts/*.md" = ["claims"]\n')
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "a.md").write_text(CLAIM)
    (tmp_path / "b.md").write_text(CLAIM)
    report = lint_paths([tmp_path])
    paths = {Path(f.path).name for f in report.findings if f.pack == "claims"}
    assert paths == {"b.md"}


def test_excludes_are_gitignore_style(tmp_path: Path) -> None:
    (tmp_path / ".medlint.toml").write_text('exclude = ["vendor/", "*.draft.md"]\n')
    for name in ("vendor/x.md", "a.draft.md", "keep.md", "node_modules/y.md", "notes.rst"):
        p = tmp_path / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(CLAIM)
    report = lint_paths([tmp_path])
    assert {Path(f.path).name for f in report.files} == {"keep.md"}


# -- suppressions --------------------------------------------------------------------------


def test_disable_next_line_and_line() -> None:
    text = "<!-- medlint-disable-next-line CLM001 -->\nA miracle.\n\nA miracle. <!-- medlint-disable-line miracle-cure-language -->\n\nA miracle.\n"
    found = [(f.code, f.line) for f in lint_text(text, config={"select": ["CLM001", "MED"]})]
    assert found == [("CLM001", 6)]


def test_disable_enable_range_and_file() -> None:
    text = "A miracle.\n\n<!-- medlint-disable CLM001 -->\n\nA miracle.\n\nAnother miracle.\n\n<!-- medlint-enable CLM001 -->\n\nA miracle.\n"
    lines = [f.line for f in lint_text(text, config={"select": ["CLM001", "MED"]})]
    assert lines == [1, 11]
    whole = "<!-- medlint-disable-file CLM001 -->\n\nA miracle.\n\nA miracle.\n"
    assert lint_text(whole, config={"select": ["CLM001", "MED"]}) == ()


def test_suppression_without_codes_covers_all_rules() -> None:
    text = "<!-- medlint-disable-next-line -->\nA miracle and a beacon of hope.\n"
    assert lint_text(text, config={"select": ["CLM", "MED"]}) == ()


def test_unused_and_unknown_suppressions_are_reported() -> None:
    text = "<!-- medlint-disable-next-line CLM001 -->\nPlain text.\n\n<!-- medlint-disable-line CLM999 -->\n"
    found = {(f.code, f.line) for f in lint_text(text, config={"select": ["CLM", "MED"]})}
    assert found == {("MED001", 1), ("MED002", 4)}


def test_suppressions_in_html_and_text_files() -> None:
    html = "<p>A miracle.</p>\n<!-- medlint-disable-next-line CLM001 -->\n<p>A miracle.</p>\n"
    assert [f.line for f in lint_text(html, format="html", config={"select": ["CLM001", "MED"]})] == [1]
    text = "Intro line here.\n\n<!-- medlint-disable-next-line CLM001 -->\nA miracle.\n"
    assert lint_text(text, format="text", config={"select": ["CLM001", "MED"]}) == ()


def test_findings_are_immutable_and_settings_reusable() -> None:
    linter = Linter(Settings(select=("CLM001",)))
    first = linter.lint_text(CLAIM).findings
    second = linter.lint_text(CLAIM).findings
    assert first == second and first
    with pytest.raises(AttributeError):
        first[0].line = 3  # type: ignore[misc]
