"""Every import is declared: what medlint imports is in its dependencies (the server's in the
`lsp` extra), and what the tests import is in the `test` extra, so a clean install works."""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
import tomllib
from pathlib import Path

from conftest import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
# Modules that live in a package's data, not an import name pip knows.
LOCAL = {"medlint", "conftest", "test_fuzz", "test_hostile"}


def _name(requirement: str) -> str:
    return re.split(r"[\s<>=!~;\[@]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def _declared(*extras: str) -> set[str]:
    names = {_name(r) for r in PYPROJECT["dependencies"]}
    for extra in extras:
        names |= {_name(r) for r in PYPROJECT["optional-dependencies"][extra]}
    return names


def _imports(files: list[Path]) -> dict[str, Path]:
    found: dict[str, Path] = {}
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and top not in LOCAL and not top.startswith("test_"):
                    found.setdefault(top, path)
    return found


def _undeclared(files: list[Path], declared: set[str]) -> list[str]:
    distributions = importlib.metadata.packages_distributions()
    missing = []
    for module, path in sorted(_imports(files).items()):
        # Not installed here (an extra this environment lacks): its distribution is its name.
        owners = {d.lower().replace("_", "-") for d in distributions.get(module, [module])}
        if not owners & declared:
            missing.append(f"{module} ({', '.join(sorted(owners))}) imported by {path.relative_to(ROOT)}")
    return missing


# Modules that need an extra, and the extra.
EXTRAS = {"server.py": "lsp", "dask.py": "dask"}


def test_medlint_imports_only_what_it_declares() -> None:
    modules = list((ROOT / "medlint").rglob("*.py"))
    core = [p for p in modules if p.parent != ROOT / "medlint" or p.name not in EXTRAS]
    assert _undeclared(core, _declared()) == []
    for name, extra in EXTRAS.items():
        if (ROOT / "medlint" / name).is_file():
            assert _undeclared([ROOT / "medlint" / name], _declared(extra)) == []


def test_the_tests_import_only_what_the_test_extra_declares() -> None:
    files = [*(ROOT / "tests").glob("*.py"), *(ROOT / "scripts").glob("*.py")]
    assert _undeclared(files, _declared("test")) == []
