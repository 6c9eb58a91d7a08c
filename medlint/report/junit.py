"""JUnit XML, for CI systems that only display test results: one suite per file."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from medlint.findings import Finding, InputError, Report

# XML 1.0 cannot carry most C0 control characters, even escaped; ElementTree would
# write them through and produce a file no parser accepts.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _failure_text(finding: Finding) -> str:
    lines = [
        f"{finding.path}:{finding.line}:{finding.column}: "
        + f"{finding.code} {finding.name} [{finding.severity.label}]",
        finding.message,
    ]
    if finding.suggestion:
        lines.append(f"Suggestion: {finding.suggestion}")
    if finding.context:
        lines.append(f"Context: {finding.context}")
    return _clean("\n".join(lines))


def to_junit(report: Report) -> ET.Element:
    by_path: dict[str, tuple[list[Finding], list[InputError]]] = {r.path: ([], []) for r in report.files}
    for f in report.findings:
        by_path.setdefault(f.path, ([], []))[0].append(f)
    for e in report.errors:
        by_path.setdefault(e.path, ([], []))[1].append(e)
    root = ET.Element("testsuites", name="medlint")
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for path, (findings, errors) in by_path.items():
        suite = ET.SubElement(root, "testsuite", name=_clean(path))
        for finding in findings:
            case = ET.SubElement(
                suite,
                "testcase",
                classname=_clean(path),
                name=_clean(f"{finding.code} {finding.name} at {finding.line}:{finding.column}"),
            )
            failure = ET.SubElement(case, "failure", message=_clean(finding.message), type=finding.code)
            failure.text = _failure_text(finding)
        for error in errors:
            case = ET.SubElement(suite, "testcase", classname=_clean(path), name="read file")
            ET.SubElement(case, "error", message=_clean(error.message), type="InputError")
        if not findings and not errors:
            ET.SubElement(suite, "testcase", classname=_clean(path), name="medlint")
        counts = {"tests": max(1, len(findings) + len(errors)), "failures": len(findings), "errors": len(errors)}
        for key, value in counts.items():
            suite.set(key, str(value))
            totals[key] += value
        suite.set("skipped", "0")
    for key, value in totals.items():
        root.set(key, str(value))
    return root


def render(report: Report) -> str:
    root = to_junit(report)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
