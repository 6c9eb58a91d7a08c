"""The JSON Schema of a rule file, generated from what the loader checks: the top-level keys
(`RULE_KEYS`, which the loader also reads for its required and allowed keys), the
applicability keys (`medlint.registry.applicability.Applicability`) and each kind's
parameters dataclass (`Kind.Params`). `scripts/generate_docs.py` writes it to
schema/rule.schema.json for editors; a test fails when that file is stale."""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from typing import Any

from medlint.findings import Severity
from medlint.kinds import KIND_MODULES, kind_class
from medlint.kinds.base import PLACES, SCHEMA_ATTRIBUTE, param_key
from medlint.matching import RegexList
from medlint.parse import FORMATS as INPUT_FORMATS
from medlint.registry.applicability import Applicability

SCHEMA_ID = "https://raw.githubusercontent.com/medlint/medlint/main/schema/rule.schema.json"

CODE_RE = re.compile(r"^[A-Z]{2,4}[0-9]{3}$")
NAME_RE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)+$")
PACK_RE = re.compile(r"^[a-z][a-z0-9-]*$")

_TEXT = {"type": "string", "minLength": 1}
_STRING_LIST = {"type": "array", "items": {"type": "string"}}
_EXAMPLES = {
    "type": "array",
    "minItems": 1,
    "items": {
        "anyOf": [
            {"type": "string"},
            {
                "type": "object",
                "required": ["text"],
                "properties": {
                    "text": {"type": "string"},
                    "format": {"enum": list(INPUT_FORMATS)},
                    "path": {"type": "string"},
                },
                "additionalProperties": False,
            },
        ]
    },
}

RULE_KEYS: dict[str, tuple[bool, dict[str, Any]]] = {
    "code": (
        True,
        {"type": "string", "pattern": CODE_RE.pattern, "description": "Pack prefix + 3 digits."},
    ),
    "name": (True, {"type": "string", "pattern": NAME_RE.pattern, "description": "Kebab-case: the problem."}),
    "severity": (True, {"enum": [s.label for s in sorted(Severity, reverse=True)]}),
    "summary": (True, _TEXT),
    "message": (True, {**_TEXT, "description": "A template: {match}, {suggestion} and the kind's values."}),
    "why": (True, _TEXT),
    "sources": (
        True,
        {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["title"],
                "properties": {"title": _TEXT, "url": {"type": "string", "pattern": "^https?://"}},
                "additionalProperties": False,
            },
        },
    ),
    "check": (True, {"type": "object", "description": "The rule's kind and its parameters."}),
    "examples": (
        True,
        {
            "type": "object",
            "required": ["bad", "good"],
            "properties": {"bad": _EXAMPLES, "good": _EXAMPLES},
            "additionalProperties": False,
        },
    ),
    "pack": (False, {"type": "string", "pattern": PACK_RE.pattern}),
    "suggestion": (False, {"type": "string"}),
    "aliases": (False, _STRING_LIST),
    "limit": (False, {"type": "integer", "minimum": 1}),
    "enabled": (False, {"type": "boolean"}),
    "tags": (False, _STRING_LIST),
}
"""Each top-level key of a rule file: whether it is required, and the schema of its value."""

_SCALARS: dict[Any, dict[str, Any]] = {
    bool: {"type": "boolean"},
    int: {"type": "integer"},
    float: {"type": "number"},
    str: {"type": "string"},
    Severity: {"enum": [s.label for s in sorted(Severity, reverse=True)]},
    RegexList: {"type": "array", "items": {"type": "string", "format": "regex"}},
    re.Pattern: {"type": "string", "format": "regex"},
}


def type_schema(hint: Any) -> dict[str, Any]:
    """The JSON Schema of a parameter's declared type (when its validator carries none)."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (types.UnionType, typing.Union):
        options = [type_schema(a) for a in args if a is not type(None)]
        if type(None) in args:
            options.append({"type": "null"})
        return options[0] if len(options) == 1 else {"anyOf": options}
    if origin is list:
        item = type_schema(args[0]) if args else {}
        many = {"type": "array", "items": item}
        return {"anyOf": [item, many]} if item == {"type": "string"} else many  # one string is a list of one
    if origin is dict:
        return {"type": "object", "additionalProperties": type_schema(args[1]) if len(args) == 2 else {}}
    if origin is re.Pattern:
        return _SCALARS[re.Pattern]
    if hint in _SCALARS:
        return _SCALARS[hint]
    if dataclasses.is_dataclass(hint) or hint is dict:
        return {"type": "object"}
    return {}


def params_schema(params_class: type[Any]) -> dict[str, Any]:
    """The schema of a kind's `check` table, from its parameters dataclass."""
    hints = typing.get_type_hints(params_class)
    properties: dict[str, Any] = {}
    required = ["kind"]
    for f in dataclasses.fields(params_class):
        check = f.metadata.get("check")
        schema = dict(getattr(check, SCHEMA_ATTRIBUTE, None) or type_schema(hints[f.name]))
        if f.metadata.get("doc"):
            schema["description"] = f.metadata["doc"]
        if f.default is not dataclasses.MISSING and f.default is not None:
            schema["default"] = f.default
        elif f.default_factory is not dataclasses.MISSING:
            schema["default"] = f.default_factory()
        elif f.default is dataclasses.MISSING:
            required.append(param_key(f))
        properties[param_key(f)] = schema
    return {"required": required, "properties": properties}


def where_schema() -> list[dict[str, Any]]:
    """What `where` may name for each kind: nothing for a kind that takes none, the places
    of a kind whose places differ from the usual three."""
    out = []
    for name in sorted(KIND_MODULES):
        cls = kind_class(name)
        if cls.WHERE is not None and cls.PLACES is PLACES:
            continue
        places = list(cls.PLACES)
        allowed: Any = False
        if cls.WHERE is not None:
            one = {"type": "string", "enum": places}
            allowed = {"anyOf": [one, {"type": "array", "items": one, "minItems": 1}]}
        out.append(
            {
                "if": {
                    "required": ["check"],
                    "properties": {"check": {"required": ["kind"], "properties": {"kind": {"const": name}}}},
                },
                "then": {"properties": {"where": allowed}},
            }
        )
    return out


def check_schema() -> dict[str, Any]:
    """`check`: a `kind` and that kind's parameters, nothing else."""
    kinds = sorted(KIND_MODULES)
    branches = []
    for name in kinds:
        params = params_schema(kind_class(name).Params)
        branches.append(
            {
                "if": {"properties": {"kind": {"const": name}}, "required": ["kind"]},
                "then": {
                    "required": params["required"],
                    "properties": {"kind": {"const": name}, **params["properties"]},
                    "additionalProperties": False,
                },
            }
        )
    return {
        "type": "object",
        "description": "The rule's kind and its parameters.",
        "required": ["kind"],
        "properties": {"kind": {"enum": kinds}},
        "allOf": branches,
    }


def rule_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a rule file."""
    properties = {key: schema for key, (_, schema) in RULE_KEYS.items()}
    properties["check"] = check_schema()
    properties.update(params_schema(Applicability)["properties"])
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "medlint rule",
        "description": "One rule of a medlint rule pack (rules/<pack>/<CODE>-<name>.yml). Generated; do not edit.",
        "type": "object",
        "required": [key for key, (needed, _) in RULE_KEYS.items() if needed],
        "properties": properties,
        "additionalProperties": False,
        "allOf": where_schema(),
    }


__all__ = ["CODE_RE", "NAME_RE", "PACK_RE", "RULE_KEYS", "SCHEMA_ID", "rule_schema"]
