"""GitHub Actions workflow commands, which GitHub shows as annotations on the diff.

GitHub shows at most 10 annotations of each level (error, warning, notice) per step, and drops
the rest without a word. So medlint writes 10 of each level as workflow commands, the files it
could not lint first, then every other finding as a plain log line (`path:line:col: CODE name
[severity] message`, never starting with `::`), and, when some are left out, one notice
(taking one of the 10) saying how many and where to find them: the step's log and the SARIF
upload. See `ANNOTATIONS_PER_LEVEL`.
"""

from __future__ import annotations

import re

from medlint.findings import Finding, InputError, Report, Severity
from medlint.report.text import escape

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


ANNOTATIONS_PER_LEVEL = 10
"""What GitHub shows of each annotation level in one step (and 50 in a job); the rest are lost."""


def _error(error: InputError) -> str:
    return _command("error", {"file": error.path, "title": "medlint: cannot lint file"}, error.message)


def _log_line(finding: Finding) -> str:
    """A finding GitHub will not annotate, as a log line: escaped as the text format escapes,
    and indented, so that no line starts with `::` (a workflow command)."""
    message = finding.message + (f" (suggestion: {finding.suggestion})" if finding.suggestion else "")
    return (
        f"  {escape(finding.path)}:{finding.line}:{finding.column}: {finding.code} {finding.name} "
        f"[{finding.severity.label}] {escape(message)}"
    )


def render(report: Report) -> str:
    per_level = dict.fromkeys(_COMMAND.values(), 0)
    per_level["error"] = len(report.errors)
    for f in report.findings:
        per_level[_COMMAND[f.severity]] += 1
    room = dict.fromkeys(_COMMAND.values(), ANNOTATIONS_PER_LEVEL)
    if any(n > ANNOTATIONS_PER_LEVEL for n in per_level.values()):
        room["notice"] -= 1  # the summary takes one notice
    commands: list[str] = []
    logged: list[str] = []
    for error in report.errors:  # first: a file that was not linted matters most
        if room["error"]:
            room["error"] -= 1
            commands.append(_error(error))
        else:
            logged.append(f"  {escape(error.path)}: error: {escape(error.message)}")
    for f in report.findings:
        kind = _COMMAND[f.severity]
        if room[kind]:
            room[kind] -= 1
            commands.append(_annotation(f))
        else:
            logged.append(_log_line(f))
    if not logged:
        return "".join(line + "\n" for line in commands)
    n, total = len(logged), len(report.findings) + len(report.errors)
    summary = _command(
        "notice",
        {"title": f"medlint: {n} more not annotated"},
        f"GitHub shows {ANNOTATIONS_PER_LEVEL} annotations of each level per step: {total - n} of {total} are "
        f"annotated. The other {n} are listed in this step's log, and every finding is in the SARIF report "
        "(code scanning).",
    )
    return "".join(line + "\n" for line in [summary, *commands, f"medlint: {n} not annotated:", *logged])
