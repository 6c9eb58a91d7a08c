"""Every rule is complete and its own examples prove it: bad examples fire, good ones stay quiet."""

from __future__ import annotations

from pathlib import Path

import pytest

from medlint.engine import Linter
from medlint.registry.rules import Rule, RulePackError, builtin_rules_dir, load_packs

RULES = load_packs()


def test_a_code_name_or_alias_used_twice_is_refused(tmp_path: Path) -> None:
    # Unique identifiers are the loader's to enforce (every RULES above passed it): a pack that
    # reuses a built-in rule's name must not load.
    source = next(r for r in RULES if r.code == "RDB003").path
    pack = tmp_path / "house"
    pack.mkdir()
    (pack / "pack.yml").write_text("name: house\nprefix: HSE\n")
    text = source.read_text(encoding="utf-8").replace("code: RDB003", "code: HSE003")
    (pack / "HSE003-long-sentence.yml").write_text(text, encoding="utf-8")
    with pytest.raises(RulePackError, match="'long-sentence' is already used by"):
        load_packs([pack])


def test_every_pack_has_rules() -> None:
    packs = {r.pack for r in RULES}
    assert {"claims", "completeness", "readability", "medlint"} <= packs


def test_rule_files_are_named_after_code_and_name() -> None:
    for rule in RULES:
        assert rule.path.name == f"{rule.code}-{rule.name}.yml", rule.path
        assert rule.path.parent.parent == builtin_rules_dir()


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_has_sources_with_urls(rule: Rule) -> None:
    assert any(s["url"].startswith("https://") or s["url"].startswith("http://") for s in rule.sources)
    assert len(rule.why.split()) >= 20, "the why should explain, not just name, the problem"


def _codes(linter: Linter, text: str, fmt: str, path: str | None) -> list[str]:
    outcome = linter.lint_text(text, format=fmt, path=path)
    return [f.code for f in outcome.findings]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_bad_examples_fire(rule: Rule, all_rules_linter: Linter) -> None:
    for ex in rule.bad:
        assert rule.code in _codes(all_rules_linter, ex.text, ex.format, ex.path), ex.text


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_good_examples_stay_quiet(rule: Rule, all_rules_linter: Linter) -> None:
    for ex in rule.good:
        assert rule.code not in _codes(all_rules_linter, ex.text, ex.format, ex.path), ex.text
