"""The JSON Schema for rule files (schema/rule.schema.json, generated from RULE_KEYS and each
kind's parameters dataclass) accepts every built-in rule and rejects what the loader rejects."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from conftest import ROOT

from medlint.registry.rules import RulePackError, load_rule
from medlint.registry.schema import rule_schema

SCHEMA = json.loads((ROOT / "schema" / "rule.schema.json").read_text(encoding="utf-8"))
RULE_FILES = sorted(p for p in (ROOT / "rules").glob("*/[A-Z]*.yml"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def test_the_schema_is_a_valid_json_schema_and_current() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert json.loads(json.dumps(rule_schema())) == SCHEMA, "stale schema; run python scripts/generate_docs.py"


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.stem)
def test_every_built_in_rule_is_valid(path: Path) -> None:
    errors = [e.message for e in VALIDATOR.iter_errors(yaml.safe_load(path.read_text(encoding="utf-8")))]
    assert errors == []


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.stem)
def test_every_example_line_is_one_example(path: Path) -> None:
    # A double-quoted example broken over two lines turns the rest of the line into a YAML
    # comment: the file still loads, but one example is lost and another is cut short.
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    lines = text.split("\n")
    start = lines.index("examples:")
    listed = [line for line in lines[start:] if line.startswith("    - ")]
    assert len(listed) == len(data["examples"].get("bad", [])) + len(data["examples"].get("good", []))
    assert all(not line.startswith('    - "') or line.rstrip().endswith('"') for line in listed)


def _base() -> dict[str, Any]:
    path = ROOT / "rules" / "readability" / "RDB003-long-sentence.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict) and data["check"]["kind"] == "sentence-length"
    return data


BROKEN = {
    "unknown top-level key": lambda d: d.update(colour="red"),
    "missing message": lambda d: d.pop("message"),
    "code not a code": lambda d: d.update(code="RDB3"),
    "unknown severity": lambda d: d.update(severity="fatal"),
    "unknown kind": lambda d: d["check"].update(kind="no-such-kind"),
    "unknown parameter of the kind": lambda d: d["check"].update(max_wrods=30),
    "parameter of the wrong type": lambda d: d["check"].update(max_words="thirty"),
    "unknown place in where": lambda d: d.update(where=["footer"]),
    "a place the kind does not read": lambda d: d.update(where=["title"]),
    "applicability inside check": lambda d: d["check"].update(types=["news"]),
    "unknown article type": lambda d: d.update(types=["treatmnt"]),
    "unknown audience": lambda d: d.update(audiences=["children"]),
    "promotional not also or only": lambda d: d.update(promotional=True),
    "source without a title": lambda d: d.update(sources=[{"url": "https://example.org"}]),
    "no good examples": lambda d: d["examples"].update(good=[]),
}


@pytest.mark.parametrize("name", list(BROKEN))
def test_what_the_loader_rejects_the_schema_rejects(name: str, tmp_path: Path) -> None:
    data = copy.deepcopy(_base())
    BROKEN[name](data)
    assert list(VALIDATOR.iter_errors(data)), f"the schema accepts a rule with {name}"
    path = tmp_path / "RDB003-long-sentence.yml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(RulePackError):
        load_rule(path, "readability", "RDB")


def test_the_loader_and_the_schema_agree_on_the_unbroken_rule(tmp_path: Path) -> None:
    data = _base()
    assert not list(VALIDATOR.iter_errors(data))
    path = tmp_path / "RDB003-long-sentence.yml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    assert load_rule(path, "readability", "RDB").kind.p.max_words == data["check"]["max_words"]


def test_where_on_a_kind_that_takes_none(tmp_path: Path) -> None:
    path = ROOT / "rules" / "readability" / "RDB004-long-paragraph.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["check"]["kind"] == "paragraph-length" and not list(VALIDATOR.iter_errors(data))
    data["where"] = ["body"]
    assert list(VALIDATOR.iter_errors(data)), "the schema accepts 'where' on a paragraph-length rule"
    broken = tmp_path / path.name
    broken.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(RulePackError, match="its rules take no 'where'"):
        load_rule(broken, "readability", "RDB")
