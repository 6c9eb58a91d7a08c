"""A rule's documentation page, generated from its rule file: `medlint explain` and the editor's
hover show it; `scripts/generate_docs.py` writes it to docs/rules/ (a maintainer script, not
part of the wheel)."""

from __future__ import annotations

from medlint.registry.rules import Rule


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
    applies = rule.applicability.describe()
    places = rule.applicability.where or rule.kind.WHERE
    if places:
        applies.append(f"Reads: {', '.join(places)}")
    if applies:
        lines += ["", "## Applies to", ""]
        lines += [f"- {line}" for line in applies]
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
