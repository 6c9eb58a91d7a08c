"""The typed API: py.typed ships, result and error types are exported, severities print as names."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

import medlint


def test_py_typed_marks_the_package() -> None:
    assert (ROOT / "medlint" / "py.typed").is_file()


def test_exports_resolve_to_their_types() -> None:
    for name in medlint.__all__:
        assert getattr(medlint, name) is not None, name
    from medlint.config import ConfigError
    from medlint.findings import Fix, InputError, Report
    from medlint.registry.rules import RulePackError

    assert (medlint.Report, medlint.InputError, medlint.Fix) == (Report, InputError, Fix)
    assert (medlint.ConfigError, medlint.RulePackError) == (ConfigError, RulePackError)
    assert set(dir(medlint)) >= {"Finding", "Severity", "lint_text", "Linter"}
    with pytest.raises(AttributeError):
        _ = medlint.NoSuchThing  # type: ignore[attr-defined]


def test_severity_prints_as_its_name_and_still_orders() -> None:
    sev = medlint.Severity.WARNING
    assert str(sev) == "warning" and f"{sev}" == "warning" and f"[{sev:>8}]" == "[ warning]"
    assert medlint.Severity.ERROR > sev > medlint.Severity.INFO
    assert int(sev) == 2 and medlint.Severity.parse("Warning") is sev
    (finding,) = medlint.lint_text("This miracle cure works.", config={"select": ["CLM001"]})
    assert f"{finding.severity}" == "warning"


def test_a_config_error_is_raised_as_the_exported_type() -> None:
    with pytest.raises(medlint.ConfigError, match="selec"):
        medlint.lint_text("text", config={"selec": ["CLM"]})


@pytest.mark.slow  # about 17 s: mypy reads spaCy's stubs
def test_typed_client_code_passes_mypy_strict(tmp_path: Path) -> None:
    pytest.importorskip("mypy")
    client = tmp_path / "client.py"
    client.write_text(
        "from __future__ import annotations\n"
        "import medlint\n"
        "\n"
        "def worst(text: str) -> medlint.Severity | None:\n"
        "    findings: tuple[medlint.Finding, ...] = medlint.lint_text(text)\n"
        "    fixes: list[medlint.Fix] = [f.fix for f in findings if f.fix is not None]\n"
        "    assert all(isinstance(e, medlint.Edit) for fx in fixes for e in fx.edits)\n"
        "    return max((f.severity for f in findings), default=None)\n"
        "\n"
        "def errors(paths: list[str]) -> list[medlint.InputError]:\n"
        "    try:\n"
        "        report: medlint.Report = medlint.lint_paths(paths)\n"
        "    except (medlint.ConfigError, medlint.RulePackError):\n"
        "        return []\n"
        "    return list(report.errors)\n"
        "\n"
        "bad: int = medlint.lint_text('x')\n"  # a deliberate type error mypy must see
    )
    run = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--follow-imports=silent", str(client)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=600,
    )
    errors = [line for line in run.stdout.splitlines() if ": error:" in line]
    # Exactly the deliberate error: medlint's types are seen (not Any), and nothing else fails.
    assert len(errors) == 1 and "client.py:17:" in errors[0] and "tuple[Finding, ...]" in errors[0], run.stdout


def test_a_snippet_gets_no_whole_article_findings() -> None:
    text = "This miracle cure works for everyone."
    whole = medlint.lint_text(text)
    assert any(f.pack == "completeness" or f.scope == "document" for f in whole)
    snippet = medlint.lint_text(text, snippet=True)
    assert snippet and all(f.scope == "span" and f.pack != "completeness" for f in snippet)
    assert {f.code for f in snippet} == {f.code for f in whole if f.scope == "span" and f.pack != "completeness"}
