"""Baselines: remember today's findings so that only new ones fail a run.

A finding is identified by what it is about (path, rule, matched text and the words
around it), never by where it is: inserting a paragraph above a known problem must not
make it "new". Identical findings are counted, so a baseline holding two copies of a
problem absorbs two and reports the third.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from medlint.findings import Finding, Report
from medlint.paths import safe_path

BASELINE_VERSION = 1
_CONTEXT_CHARS = 30
_WHITESPACE = re.compile(r"\s+")


def _normalize(text: str) -> str:
    # Collapsing whitespace keeps fingerprints when a file is re-wrapped or its
    # line endings change from CRLF to LF.
    return _WHITESPACE.sub(" ", text).strip()


def _local_context(text: str, start: int, end: int) -> str:
    """Up to 30 characters either side of the match, without crossing a line end, so
    that editing or inserting neighbouring lines leaves it unchanged."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    return text[max(line_start, start - _CONTEXT_CHARS) : min(line_end, end + _CONTEXT_CHARS)]


def fingerprint(finding: Finding, source_text: str | None = None) -> str:
    """A location-independent identity for `finding` (32 hex characters).

    Made of the path, the rule code, the matched text and the text around it on the
    same line. With `source_text` (the decoded file) the surroundings are read from it;
    without, the finding's own `match` and `context` are used. Document findings are
    identified by path and rule alone: they point at the title, which says nothing
    about the problem.
    """
    match, context = "", ""
    if finding.scope == "span":
        start, end = finding.start_offset, finding.end_offset
        if source_text is not None and 0 <= start <= end <= len(source_text):
            match, context = source_text[start:end], _local_context(source_text, start, end)
        else:
            match, context = finding.match or "", finding.context
    parts = (
        "medlint-fingerprint-v1",
        finding.path.replace("\\", "/").removeprefix("./"),
        finding.code,
        finding.scope,
        _normalize(match),
        _normalize(context),
    )
    # surrogatepass: a file name that is not UTF-8 hashes as its own bytes' escapes, never fails.
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _position_order(findings: Sequence[Finding]) -> list[int]:
    return sorted(
        range(len(findings)),
        key=lambda i: (findings[i].path, findings[i].start_offset, findings[i].end_offset, i),
    )


def occurrence_fingerprints(findings: Sequence[Finding], sources: Mapping[str, str]) -> tuple[str, ...]:
    """Fingerprints made unique by numbering repeats in file order, for formats such as
    GitLab Code Quality that need one distinct id per finding. Returned in input order."""
    plain = [fingerprint(f, sources.get(f.path)) for f in findings]
    seen: Counter[str] = Counter()
    result = [""] * len(findings)
    for i in _position_order(findings):
        n = seen[plain[i]]
        seen[plain[i]] += 1
        result[i] = plain[i] if n == 0 else f"{plain[i]}-{n}"
    return tuple(result)


def write_baseline(report: Report, path: str | Path) -> None:
    entries = [
        {
            "path": safe_path(f.path),
            "code": f.code,
            "fingerprint": fingerprint(f, report.sources.get(f.path)),
            "line": f.line,
            "match": f.match,
        }
        for f in report.findings
    ]
    entries.sort(key=lambda e: (e["path"], e["line"], e["code"], e["fingerprint"]))
    data = {"version": BASELINE_VERSION, "findings": entries}
    Path(path).write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def load_baseline(path: str | Path) -> Counter[str]:
    """The baseline's fingerprints with their multiplicities."""
    try:
        data: Any = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ValueError(f"cannot read baseline {path}: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        reason = str(exc).splitlines()[0]
        raise ValueError(f"baseline {safe_path(str(path))} is not valid JSON: {reason}") from None
    except RecursionError:
        raise ValueError(f"baseline {safe_path(str(path))} is nested too deeply to be a medlint baseline") from None
    entries = data.get("findings") if isinstance(data, dict) else None
    if not isinstance(entries, list) or data.get("version") != BASELINE_VERSION:
        raise ValueError(
            f"baseline {path} is not a medlint baseline (expected an object with "
            f'"version": {BASELINE_VERSION} and a "findings" list)'
        )
    counts: Counter[str] = Counter()
    for index, entry in enumerate(entries):
        fp = entry.get("fingerprint") if isinstance(entry, dict) else None
        if not isinstance(fp, str) or not fp:
            raise ValueError(f'baseline {path}: finding #{index + 1} has no "fingerprint"')
        counts[fp] += 1
    return counts


def filter_new(findings: Iterable[Finding], baseline: Counter[str], sources: Mapping[str, str]) -> tuple[Finding, ...]:
    """Findings not absorbed by `baseline`, in input order.

    When a baseline entry has more current copies than it recorded, the copies that come
    first in the file are treated as old and the later ones as new.
    """
    items = list(findings)
    remaining = Counter(baseline)
    new = [False] * len(items)
    for i in _position_order(items):
        fp = fingerprint(items[i], sources.get(items[i].path))
        if remaining[fp] > 0:
            remaining[fp] -= 1
        else:
            new[i] = True
    return tuple(f for f, is_new in zip(items, new, strict=True) if is_new)
