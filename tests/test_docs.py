"""Generated documentation is current: a rule change without `python -m medlint.docs` fails here."""

from __future__ import annotations

from conftest import ROOT

from medlint.docs import readme_with_rules, rule_markdown
from medlint.rules import load_packs

RULES = sorted(load_packs(), key=lambda r: r.code)


def test_rule_pages_are_current() -> None:
    directory = ROOT / "docs" / "rules"
    for rule in RULES:
        page = directory / f"{rule.code}.md"
        assert page.exists(), f"missing {page}; run python -m medlint.docs"
        assert page.read_text(encoding="utf-8") == rule_markdown(rule), f"stale {page}; run python -m medlint.docs"
    extra = {p.stem for p in directory.glob("*.md")} - {r.code for r in RULES}
    assert not extra, f"pages for rules that no longer exist: {extra}"


def test_readme_rule_table_is_current() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme == readme_with_rules(readme, RULES), "README rule table is stale; run python -m medlint.docs"


def test_readme_commands_are_what_ci_runs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    test_command = next(line.strip() for line in ci.splitlines() if "pytest" in line)
    assert f"\n{test_command}\n" in readme


def test_readme_configuration_example_is_valid() -> None:
    import re
    import tomllib
    from pathlib import Path

    from medlint.config import settings_from_table
    from medlint.engine import Linter

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```toml\n(\[tool\.medlint\].*?)```", readme, re.DOTALL)
    assert block is not None
    table = tomllib.loads(block.group(1))["tool"]["medlint"]
    settings = settings_from_table(table, "README", Path.cwd(), None)
    assert settings.rules["RDB003"] == {"max_words": 30}
    # Everything but the example pack directory and model (which do not exist here) builds.
    runnable = {k: v for k, v in table.items() if k not in ("rule-packs", "nlp-model")}
    Linter(settings_from_table(runnable, "README", Path.cwd(), None))
