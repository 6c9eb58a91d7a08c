"""Layers import one way: a module may import its own layer and the layers below it, never one
above. The order is data, here; the package layout shows it (a folder per layer, or top-level
modules named here). Every import counts: at module level, inside a function, or under
`if TYPE_CHECKING`.

Post-processing of one document (suppressions, per-file ignores, dedupe) is a library the
engine calls, so it sits below the engine; a run's filters (baseline, changed lines) live
beside it and the session applies them."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("base", ("medlint.version", "medlint.resources", "medlint.yamlload", "medlint.paths")),
    ("text and positions", ("medlint.prose", "medlint.document", "medlint.tokens", "medlint.sentences")),
    ("parsing", ("medlint.parse",)),
    ("matching primitives", ("medlint.matching",)),
    ("analysis", ("medlint.analysis", "medlint.claims")),
    ("results and settings", ("medlint.findings", "medlint.config", "medlint.criteria")),
    ("rule kinds", ("medlint.kinds",)),
    ("registry and selection", ("medlint.registry",)),
    ("post-processing", ("medlint.post",)),
    ("engine", ("medlint.engine",)),
    ("session", ("medlint.session", "medlint.discover", "medlint.fix")),
    (
        "interfaces",
        ("medlint.api", "medlint.cli", "medlint.server", "medlint.scorecard", "medlint.report", "medlint.dask"),
    ),
    ("package", ("medlint", "medlint.__main__")),
)
"""Bottom to top. A module belongs to the layer of its longest matching prefix (the package
itself, `medlint`, only to the top layer: it re-exports the API lazily)."""


def layer_of(module: str) -> int:
    best, found = -1, -1
    for index, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            below = module.startswith(prefix + ".") and prefix != "medlint"
            if (module == prefix or below) and len(prefix) > best:
                best, found = len(prefix), index
    assert found >= 0, f"{module} is in no layer: add it to LAYERS"
    return found


def imported(module: str, source: str, is_package: bool = False) -> set[str]:
    """The medlint modules `source` (the text of `module`) imports, wherever the import stands."""
    out: set[str] = set()
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            out |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1] + ([base] if base else []))
            out.add(base)
            # `from medlint.x import y` may import the submodule medlint.x.y
            out |= {f"{base}.{alias.name}" for alias in node.names if _is_module(f"{base}.{alias.name}")}
    return {m for m in out if m == "medlint" or m.startswith("medlint.")}


def _is_module(name: str) -> bool:
    path = ROOT.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def upward_imports(module: str, source: str, is_package: bool = False) -> list[str]:
    here = layer_of(module)
    return [
        f"{module} ({LAYERS[here][0]}) imports {target} ({LAYERS[layer_of(target)][0]})"
        for target in sorted(imported(module, source, is_package))
        if layer_of(target) > here
    ]


def modules() -> dict[str, Path]:
    out = {}
    for path in sorted((ROOT / "medlint").rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


def test_no_module_imports_a_layer_above_its_own() -> None:
    problems = []
    for name, path in modules().items():
        problems += upward_imports(name, path.read_text(encoding="utf-8"), path.name == "__init__.py")
    assert problems == []


def test_every_module_is_in_a_layer() -> None:
    for name in modules():
        layer_of(name)
    try:
        layer_of("medlint.new_module")
    except AssertionError:
        pass
    else:
        raise AssertionError("a module named in no layer must fail, not fall into the package's")


def test_the_check_catches_an_upward_import() -> None:
    # Kinds below the engine: a kind that reaches for the engine is caught, at module level,
    # in a function or under TYPE_CHECKING, absolute or relative.
    for source in (
        "from medlint.engine import Linter\n",
        "def f():\n    import medlint.session\n",
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from medlint.post import suppressions\n",
        "from ..engine import linter\n",
        "from medlint import api\n",
    ):
        assert upward_imports("medlint.kinds.phrase", source), source
    assert upward_imports("medlint.kinds.phrase", "from medlint.document import Document\n") == []
