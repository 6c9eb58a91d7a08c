"""Counts per rule, like `ruff --statistics`: which rules fire most across the run."""

from __future__ import annotations

from typing import Any

from medlint.findings import Report


def statistics_json(report: Report) -> list[dict[str, Any]]:
    """One entry per rule code, most frequent first, ties broken by code."""
    rows: dict[str, dict[str, Any]] = {}
    for f in report.findings:
        row = rows.setdefault(
            f.code,
            {"code": f.code, "name": f.name, "pack": f.pack, "severity": f.severity, "count": 0},
        )
        row["count"] += 1
        # A rule's severity can be configured per file; report the worst one seen.
        row["severity"] = max(row["severity"], f.severity)
    ordered = sorted(rows.values(), key=lambda r: (-r["count"], r["code"]))
    return [{**row, "severity": row["severity"].label} for row in ordered]


def render(report: Report) -> str:
    rows = statistics_json(report)
    if not rows:
        return ""
    count_width = max(len(str(r["count"])) for r in rows)
    code_width = max(len(r["code"]) for r in rows)
    name_width = max(len(r["name"]) for r in rows)
    return "".join(
        f"{r['count']:>{count_width}}  {r['code']:<{code_width}}  {r['name']:<{name_width}}  {r['severity']}\n"
        for r in rows
    )
