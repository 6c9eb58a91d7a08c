"""Output formats. Each module has `render(report) -> str`; imported only when chosen."""

from __future__ import annotations

import importlib

from medlint.findings import Report

FORMATS = ("text", "json", "github", "sarif", "gitlab", "junit", "html")


def render(report: Report, fmt: str, *, color: bool = False, show_source: bool = True, pretty: bool = True) -> str:
    if fmt == "text":
        from medlint.report.text import render_text

        return render_text(report, color=color, show_source=show_source)
    if fmt == "json":
        import json

        # Indented for a person at a terminal; compact for tools (json's C encoder is only
        # used without indentation, which matters for reports of thousands of findings).
        return json.dumps(report.to_json(), indent=2 if pretty else None, ensure_ascii=False) + "\n"
    if fmt not in FORMATS:
        raise ValueError(f"unknown output format {fmt!r} (expected one of: {', '.join(FORMATS)})")
    module = importlib.import_module(f"medlint.report.{fmt}")
    out: str = module.render(report)
    return out
