"""SARIF 2.1.0, the format GitHub code scanning and most IDE viewers read."""

from __future__ import annotations

import json
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any
from urllib.parse import quote

from medlint.findings import Finding, Report, RuleInfo, Severity
from medlint.post.baseline import occurrence_fingerprints
from medlint.report import path_bytes
from medlint.version import __version__

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://github.com/medlint/medlint"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _uri(path: str) -> str:
    """A URI of the file's own bytes: a name that is not UTF-8 is percent-encoded exactly."""
    posix = path.replace("\\", "/")
    if PurePosixPath(posix).is_absolute() or PureWindowsPath(path).is_absolute():
        return "file://" + ("" if posix.startswith("/") else "/") + quote(path_bytes(posix), safe="/:")
    return quote(path_bytes(posix))


def _rule(rule: RuleInfo) -> dict[str, Any]:
    descriptor: dict[str, Any] = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary or rule.name},
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        "properties": {"pack": rule.pack, "tags": [rule.pack]},
    }
    if rule.why:
        descriptor["fullDescription"] = {"text": rule.why}
        descriptor["help"] = {"text": rule.why}
    if rule.help_uri:
        descriptor["helpUri"] = rule.help_uri
    return descriptor


def _region(finding: Finding) -> dict[str, Any] | None:
    if finding.line < 1:
        return None
    region: dict[str, Any] = {"startLine": finding.line}
    if finding.column >= 1:
        region["startColumn"] = finding.column
    if finding.end_line >= finding.line:
        region["endLine"] = finding.end_line
        if finding.end_column >= 1:
            region["endColumn"] = finding.end_column
    if finding.match:
        region["snippet"] = {"text": finding.match}
    return region


def _result(finding: Finding, rule_index: int, fingerprint: str) -> dict[str, Any]:
    text = finding.message
    if finding.suggestion:
        text += f" Suggestion: {finding.suggestion}"
    physical: dict[str, Any] = {"artifactLocation": {"uri": _uri(finding.path)}}
    region = _region(finding)
    if region is not None:
        physical["region"] = region
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": rule_index,
        "level": _LEVEL[finding.severity],
        "message": {"text": text},
        "locations": [{"physicalLocation": physical}],
        "partialFingerprints": {"medlintFingerprint/v1": fingerprint},
        "properties": {"scope": finding.scope, "pack": finding.pack},
    }
    if finding.fix is not None:
        result["fixes"] = [_fix(finding)]
    return result


def _fix(finding: Finding) -> dict[str, Any]:
    assert finding.fix is not None
    replacements = [
        {
            "deletedRegion": {
                "startLine": e.line,
                "startColumn": e.column,
                "endLine": e.end_line,
                "endColumn": e.end_column,
            },
            "insertedContent": {"text": e.content},
        }
        for e in finding.fix.edits
    ]
    return {
        "description": {"text": finding.fix.message},
        "artifactChanges": [{"artifactLocation": {"uri": _uri(finding.path)}, "replacements": replacements}],
        "properties": {"applicability": finding.fix.applicability},
    }


def to_sarif(report: Report) -> dict[str, Any]:
    rules = list(report.rules)
    index = {rule.code: i for i, rule in enumerate(rules)}
    for f in report.findings:
        # Every result needs a valid ruleIndex, even for a rule the caller did not describe.
        if f.code not in index:
            index[f.code] = len(rules)
            rules.append(RuleInfo(f.code, f.name, f.pack, f.severity, f.name, "", ""))
    fingerprints = occurrence_fingerprints(report.findings, report.sources)
    driver: dict[str, Any] = {
        "name": "medlint",
        "informationUri": INFORMATION_URI,
        "version": __version__,
        "rules": [_rule(rule) for rule in rules],
    }
    notifications = [
        {
            "level": "error",
            "message": {"text": e.message},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(e.path)}}}],
        }
        for e in report.errors
    ]
    run: dict[str, Any] = {
        "tool": {"driver": driver},
        # Our columns count characters (code points); SARIF's default is UTF-16 units.
        "columnKind": "unicodeCodePoints",
        "invocations": [{"executionSuccessful": not report.errors, "toolExecutionNotifications": notifications}],
        "results": [_result(f, index[f.code], fp) for f, fp in zip(report.findings, fingerprints, strict=True)],
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render(report: Report) -> str:
    return json.dumps(to_sarif(report), indent=2, ensure_ascii=False) + "\n"
