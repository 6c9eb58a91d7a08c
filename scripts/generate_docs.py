"""Regenerate what is generated from the rule files and the kinds, or check that it is current.

    python scripts/generate_docs.py           # write docs/rules/*.md, the README's rule table,
                                              # schema/rule.schema.json and the table of the
                                              # patterns' literal hints (medlint/data)
    python scripts/generate_docs.py --check   # exit 1 naming each stale file; write nothing

A maintainer script: it writes into the source tree, so it is not part of the wheel. The test
suite (tests/registry/test_generated_docs.py) and `.ci/run` run the check.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from pathlib import Path

from medlint.registry.docs import rule_markdown
from medlint.registry.hints import HINTS_TABLE, builtin_hints, hints_json
from medlint.registry.rules import Rule, load_packs
from medlint.registry.schema import rule_schema

ROOT = Path(__file__).resolve().parent.parent
RULE_PAGES = ROOT / "docs" / "rules"
README = ROOT / "README.md"
RULE_SCHEMA = ROOT / "schema" / "rule.schema.json"
README_START, README_END = "<!-- rules:start -->", "<!-- rules:end -->"


def rules_index(rules: Iterable[Rule]) -> str:
    rows = ["| code | name | pack | severity | summary |", "|---|---|---|---|---|"]
    for r in rules:
        link = f"[{r.code}](docs/rules/{r.code}.md)"
        rows.append(f"| {link} | `{r.name}` | {r.pack} | {r.severity.label} | {r.summary} |")
    return "\n".join(rows) + "\n"


def readme_with_rules(readme: str, rules: Iterable[Rule]) -> str:
    """The README with its generated rule table replaced (between the two markers)."""
    head, _, rest = readme.partition(README_START)
    _, _, tail = rest.partition(README_END)
    return f"{head}{README_START}\n{rules_index(rules)}{README_END}{tail}"


def generated() -> dict[Path, str]:
    """Every generated file and the text it should have, from the built-in rule packs."""
    rules = sorted(load_packs(), key=lambda r: r.code)
    out = {RULE_PAGES / f"{rule.code}.md": rule_markdown(rule) for rule in rules}
    out[README] = readme_with_rules(README.read_text(encoding="utf-8"), rules)
    out[RULE_SCHEMA] = json.dumps(rule_schema(), indent=2, ensure_ascii=False) + "\n"
    out[HINTS_TABLE] = hints_json(builtin_hints())
    return out


def stale(files: dict[Path, str]) -> list[str]:
    """What differs from `files`: missing or changed files, and rule pages of no rule."""
    problems = []
    for path, text in files.items():
        if not path.exists():
            problems.append(f"missing {path.relative_to(ROOT)}")
        elif path.read_text(encoding="utf-8") != text:
            problems.append(f"stale {path.relative_to(ROOT)}")
    for page in sorted(RULE_PAGES.glob("*.md")):
        if page not in files:
            problems.append(f"{page.relative_to(ROOT)} documents no rule")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if any generated file is stale")
    args = parser.parse_args(argv)
    files = generated()
    if args.check:
        problems = stale(files)
        for problem in problems:
            print(f"{problem}; run python scripts/generate_docs.py", file=sys.stderr)
        return 1 if problems else 0
    RULE_PAGES.mkdir(parents=True, exist_ok=True)
    RULE_SCHEMA.parent.mkdir(parents=True, exist_ok=True)
    for page in RULE_PAGES.glob("*.md"):
        if page not in files:
            page.unlink()
    for path, text in files.items():
        path.write_text(text, encoding="utf-8")
    pages = sum(1 for path in files if path.parent == RULE_PAGES)
    print(
        f"wrote {pages} rule pages to {RULE_PAGES.relative_to(ROOT)}, the README's rule table, {RULE_SCHEMA.name} "
        f"and {HINTS_TABLE.relative_to(ROOT)}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
