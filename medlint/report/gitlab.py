"""GitLab Code Quality (a subset of the Code Climate issue format) for merge requests."""

from __future__ import annotations

import json
import os
from typing import Any

from medlint.findings import Report, Severity
from medlint.post.baseline import occurrence_fingerprints

# GitLab knows info, minor, major, critical and blocker; medlint has no worse than "error".
_SEVERITY = {Severity.INFO: "info", Severity.WARNING: "minor", Severity.ERROR: "major"}


def to_gitlab(report: Report) -> list[dict[str, Any]]:
    fingerprints = occurrence_fingerprints(report.findings, report.sources)
    issues = []
    for finding, fingerprint in zip(report.findings, fingerprints, strict=True):
        description = f"{finding.code} {finding.name}: {finding.message}"
        if finding.suggestion:
            description += f" (suggestion: {finding.suggestion})"
        issues.append(
            {
                "type": "issue",
                "description": description,
                "check_name": finding.code,
                "categories": ["Style"],
                # GitLab matches issues between the base and the merge request by
                # fingerprint, so it must survive lines moving and be unique per issue.
                "fingerprint": fingerprint,
                "severity": _SEVERITY[finding.severity],
                "location": {
                    "path": finding.path.replace("\\", "/") if os.sep == "\\" else finding.path,
                    "lines": {"begin": finding.line, "end": max(finding.line, finding.end_line)},
                },
            }
        )
    return issues


def render(report: Report) -> str:
    return json.dumps(to_gitlab(report), indent=2, ensure_ascii=False) + "\n"
