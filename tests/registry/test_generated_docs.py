"""Generated documentation is current: a rule change without `python scripts/generate_docs.py`
fails here (and in `.ci/run`, which runs the script's --check)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from types import ModuleType

from conftest import ROOT


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("generate_docs", ROOT / "scripts" / "generate_docs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GENERATE = _generator()


def test_generated_docs_are_current() -> None:
    assert GENERATE.stale(GENERATE.generated()) == []


def test_the_check_sees_a_stale_page_a_stale_hints_table_and_a_page_of_no_rule() -> None:
    files = GENERATE.generated()
    page = GENERATE.RULE_PAGES / "RDB003.md"
    files[page] += "\nedited by hand\n"
    orphan = next(p for p in files if p.parent == GENERATE.RULE_PAGES and p != page)
    del files[orphan]
    files[GENERATE.HINTS_TABLE] = files[GENERATE.HINTS_TABLE].replace("null", '["edited"]', 1)
    assert GENERATE.stale(files) == [
        f"stale {page.relative_to(ROOT)}",
        f"stale {GENERATE.HINTS_TABLE.relative_to(ROOT)}",
        f"{orphan.relative_to(ROOT)} documents no rule",
    ]


def test_the_check_command_exits_zero_on_this_tree() -> None:
    proc = subprocess.run(
        [sys.executable, "scripts/generate_docs.py", "--check"], cwd=ROOT, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr


def test_readme_commands_are_what_ci_runs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    test_command = next(line.strip() for line in ci.splitlines() if "pytest" in line)
    assert f"\n{test_command}\n" in readme


def test_readme_configuration_example_is_valid() -> None:
    import re
    import tomllib
    from pathlib import Path

    from medlint.config import settings_from_table
    from medlint.engine import Linter

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```toml\n(\[tool\.medlint\].*?)```", readme, re.DOTALL)
    assert block is not None
    table = tomllib.loads(block.group(1))["tool"]["medlint"]
    settings = settings_from_table(table, "README", Path.cwd(), None)
    assert settings.rules["RDB003"] == {"max_words": 30}
    # Everything but the example pack directory and model (which do not exist here) builds.
    runnable = {k: v for k, v in table.items() if k not in ("rule-packs", "nlp-model")}
    Linter(settings_from_table(runnable, "README", Path.cwd(), None))
