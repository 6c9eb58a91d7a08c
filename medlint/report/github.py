"""GitHub Actions workflow commands, which GitHub shows as annotations on the diff."""

from __future__ import annotations

import re

from medlint.findings import Finding, Report, Severity

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


# Other control characters, DEL and bidi overrides: shown as \\xNN rather than acted on by a
# terminal or CI log viewer (an article's ESC sequences reach messages through quoted text).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def escape_data(text: str) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return _CONTROL.sub(
        lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) <= 0xFF else f"\\u{ord(m.group()):04x}", text
    )


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _command(kind: str, properties: dict[str, object], message: str) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{kind} {props}::{escape_data(message)}"


def _annotation(finding: Finding) -> str:
    message = finding.message
    if finding.suggestion:
        message += f" (suggestion: {finding.suggestion})"
    # The positions are the finding's own numbers, the same ones the text format prints.
    # GitHub documents endColumn loosely (it reads like the last column, inclusive), but
    # keeping one convention across formats matters more than a one-character difference
    # in how far GitHub underlines, and GitHub ignores columns on multi-line spans anyway.
    properties: dict[str, object] = {
        "file": finding.path,
        "line": finding.line,
        "col": finding.column,
        "endLine": finding.end_line,
        "endColumn": finding.end_column,
        "title": f"{finding.code} {finding.name}",
    }
    return _command(_COMMAND[finding.severity], properties, message)


def render(report: Report) -> str:
    lines = [_annotation(f) for f in report.findings]
    lines += [
        _command("error", {"file": e.path, "title": "medlint: cannot lint file"}, e.message) for e in report.errors
    ]
    return "".join(line + "\n" for line in lines)
