"""Rule documentation generated from the rule files: `medlint explain` and docs/rules/*.md."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from medlint.rules import Rule


def _fence(text: str) -> str:
    return "```\n" + text.rstrip("\n") + "\n```"


def rule_markdown(rule: Rule) -> str:
    lines = [
        f"# {rule.code} `{rule.name}`",
        "",
        f"**Pack:** {rule.pack} · **Severity:** {rule.severity.label} · **Kind:** `{rule.kind_name}`"
        + (f" · **Aliases:** {', '.join(rule.aliases)}" if rule.aliases else "")
        + ("" if rule.enabled else " · **Off by default** (enable with `extend-select`)"),
        "",
        "## What it flags",
        "",
        rule.summary,
        "",
        "## Why it matters",
        "",
        rule.why,
        "",
        "### Sources",
        "",
    ]
    for src in rule.sources:
        lines.append(f"- [{src['title']}]({src['url']})" if src.get("url") else f"- {src['title']}")
    lines += ["", "## Examples", "", "Flagged:", ""]
    for ex in rule.bad:
        lines += [_fence(ex.text), ""]
    lines += ["Not flagged:", ""]
    for ex in rule.good:
        lines += [_fence(ex.text), ""]
    if rule.suggestion:
        lines += ["## What to write instead", "", rule.suggestion, ""]
    options = {k: v for k, v in rule.check.items() if k != "kind" and isinstance(v, (int, float, str, bool))}
    if options:
        lines += ["## Options", "", "Set in `[tool.medlint.rules." + rule.code + "]`:", ""]
        lines += [f"- `{k.replace('_', '-')}` = `{v}`" for k, v in options.items()]
        lines.append("")
    lines += [
        "## How to suppress",
        "",
        f"- One line: `<!-- medlint-disable-next-line {rule.code} -->` on the line before.",
        f"- A passage: `<!-- medlint-disable {rule.code} -->` ... `<!-- medlint-enable {rule.code} -->`.",
        f"- A file: `<!-- medlint-disable-file {rule.code} -->`, or `per-file-ignores` in the config.",
        f'- Everywhere: `ignore = ["{rule.code}"]` in `[tool.medlint]`.',
        "",
    ]
    return "\n".join(lines)


def rules_index(rules: Iterable[Rule]) -> str:
    rows = ["| code | name | pack | severity | summary |", "|---|---|---|---|---|"]
    for r in rules:
        link = f"[{r.code}](docs/rules/{r.code}.md)"
        rows.append(f"| {link} | `{r.name}` | {r.pack} | {r.severity.label} | {r.summary} |")
    return "\n".join(rows) + "\n"


def write_docs(rules: Iterable[Rule], directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for rule in rules:
        path = directory / f"{rule.code}.md"
        path.write_text(rule_markdown(rule), encoding="utf-8")
        written.append(path)
    return written


README_START, README_END = "<!-- rules:start -->", "<!-- rules:end -->"


def readme_with_rules(readme: str, rules: Iterable[Rule]) -> str:
    """The README with its generated rule table replaced (between the two markers)."""
    head, _, rest = readme.partition(README_START)
    _, _, tail = rest.partition(README_END)
    return f"{head}{README_START}\n{rules_index(rules)}{README_END}{tail}"


def main() -> None:
    """Regenerate docs/rules/*.md and the README's rule table from the rule files."""
    from medlint.rules import load_packs

    root = Path(__file__).resolve().parent.parent
    rules = sorted(load_packs(), key=lambda r: r.code)
    directory = root / "docs" / "rules"
    for stale in directory.glob("*.md"):
        stale.unlink()
    write_docs(rules, directory)
    readme = root / "README.md"
    readme.write_text(readme_with_rules(readme.read_text(encoding="utf-8"), rules), encoding="utf-8")
    print(f"wrote {len(rules)} rule pages to {directory} and the README's rule table")


if __name__ == "__main__":
    main()
