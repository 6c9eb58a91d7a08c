"""Settings: defaults < `.medlint.toml` or `[tool.medlint]` in pyproject.toml < command line.

The nearest configuration file above a linted file wins (no merging of several files), as in
ruff; relative paths and globs in it are relative to its directory.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from medlint.criteria import parse_criteria
from medlint.findings import Severity

AUDIENCES = ("patient", "general", "professional")


class ConfigError(Exception):
    """Broken configuration; the message names the file and the key."""


@dataclass(frozen=True)
class Settings:
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    per_file_ignores: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    severity: Mapping[str, Severity] = field(default_factory=dict)
    rules: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    fail_level: Severity = Severity.WARNING
    fail_criteria: tuple[str, ...] = ()
    """Scorecard criteria (ids of medlint.criteria) that fail a run when not satisfactory."""
    min_score: float | None = None
    """A run fails when an article's share of satisfactory criteria is below this (0 to 1)."""
    include: tuple[str, ...] = ()
    """gitignore-style patterns: when set, a folder walk lints only files matching one."""
    exclude: tuple[str, ...] = ()
    extend_exclude: tuple[str, ...] = ()
    force_exclude: bool = False
    """Apply the excludes to files named on the command line too (as pre-commit names them)."""
    extensions: Mapping[str, str] = field(default_factory=dict)
    """More article extensions, or other formats for known ones: ".php" -> "html"."""
    rule_packs: tuple[Path, ...] = ()
    audience: str = "patient"
    nlp_model: str | None = None
    max_file_size: int = 10 * 1024 * 1024
    today: str | None = None
    source: Path | None = None
    """The file these settings came from (None: defaults)."""
    root: Path = field(default_factory=Path.cwd)

    def merged(self, **overrides: Any) -> Settings:
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})


def _str_tuple(value: Any, key: str, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: '{key}' must be a list of strings")
    return tuple(value)


def _severity(value: Any, key: str, where: str) -> Severity:
    try:
        return Severity.parse(str(value))
    except ValueError as exc:
        raise ConfigError(f"{where}: '{key}': {exc}") from None


def _min_score(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
        raise ConfigError(f"{where}: 'min-score' must be a number from 0 to 1 (the share of satisfactory criteria)")
    return float(value)


_KEYS = (
    "select",
    "ignore",
    "extend-select",
    "per-file-ignores",
    "severity",
    "rules",
    "fail-level",
    "fail-criteria",
    "min-score",
    "include",
    "exclude",
    "extend-exclude",
    "force-exclude",
    "extensions",
    "rule-packs",
    "audience",
    "nlp-model",
    "max-file-size",
    "today",
)


def _check_pattern(pattern: str, key: str, where: str) -> None:
    import pathspec

    try:
        pathspec.GitIgnoreSpec.from_lines([pattern])
    except (ValueError, re.error) as exc:  # a bad pattern, or one whose regex is bad ("[z-a]")
        raise ConfigError(f"{where}: {key}: invalid pattern '{pattern}' ({exc})") from None


_EXTENSION = re.compile(r"^\.?[A-Za-z0-9][A-Za-z0-9_+-]*$")


def _extensions(value: Any, where: str) -> dict[str, str]:
    """`extensions = { php = "html", njk = "html" }`: file extensions (with or without the dot)
    to the format medlint parses them as."""
    from medlint.parse import FORMATS

    if not isinstance(value, dict):
        raise ConfigError(f"{where}: 'extensions' must be a table of extension = \"markdown|html|text\"")
    out = {}
    for ext, fmt in value.items():
        if not _EXTENSION.match(ext):
            raise ConfigError(f"{where}: extensions: '{ext}' is not a file extension (e.g. php or .njk)")
        if fmt not in FORMATS:
            raise ConfigError(f"{where}: extensions.{ext}: {fmt!r} is not a format ({', '.join(FORMATS)})")
        out["." + ext.lstrip(".").lower()] = fmt
    return out


def settings_from_table(table: Mapping[str, Any], where: str, root: Path, source: Path | None) -> Settings:
    """Validate a `[tool.medlint]`-shaped table; unknown keys are errors with a hint."""
    for key in table:
        if key not in _KEYS:
            close = difflib.get_close_matches(key, _KEYS, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else f" (known keys: {', '.join(_KEYS)})"
            raise ConfigError(f"{where}: unknown key '{key}'{hint}")
    out: dict[str, Any] = {"source": source, "root": root}
    if "select" in table:
        out["select"] = _str_tuple(table["select"], "select", where)
    for key in ("ignore", "extend-select", "include", "exclude", "extend-exclude"):
        if key in table:
            out[key.replace("-", "_")] = _str_tuple(table[key], key, where)
    for key in ("include", "exclude", "extend-exclude"):
        for pattern in out.get(key.replace("-", "_"), ()):
            _check_pattern(pattern, key, where)
    if "per-file-ignores" in table:
        pfi = table["per-file-ignores"]
        if not isinstance(pfi, dict):
            raise ConfigError(f"{where}: 'per-file-ignores' must be a table of glob = [codes]")
        out["per_file_ignores"] = {g: _str_tuple(v, f"per-file-ignores.{g}", where) for g, v in pfi.items()}
    if "severity" in table:
        sev = table["severity"]
        if not isinstance(sev, dict):
            raise ConfigError(f"{where}: 'severity' must be a table of code = \"error|warning|info\"")
        out["severity"] = {k: _severity(v, f"severity.{k}", where) for k, v in sev.items()}
    if "rules" in table:
        rules = table["rules"]
        if not isinstance(rules, dict) or not all(isinstance(v, dict) for v in rules.values()):
            raise ConfigError(
                f"{where}: 'rules' must hold one table of options per rule, e.g. [tool.medlint.rules.RDB002]"
            )
        out["rules"] = {k: {o.replace("-", "_"): x for o, x in v.items()} for k, v in rules.items()}
    if "fail-level" in table:
        out["fail_level"] = _severity(table["fail-level"], "fail-level", where)
    if "fail-criteria" in table:
        try:
            out["fail_criteria"] = parse_criteria(_str_tuple(table["fail-criteria"], "fail-criteria", where))
        except ValueError as exc:
            raise ConfigError(f"{where}: 'fail-criteria': {exc}") from None
    if "min-score" in table:
        out["min_score"] = _min_score(table["min-score"], where)
    if "rule-packs" in table:
        out["rule_packs"] = tuple((root / p).resolve() for p in _str_tuple(table["rule-packs"], "rule-packs", where))
    if "audience" in table:
        if table["audience"] not in AUDIENCES:
            raise ConfigError(f"{where}: 'audience' must be one of {', '.join(AUDIENCES)}")
        out["audience"] = table["audience"]
    if "nlp-model" in table:
        if not isinstance(table["nlp-model"], str):
            raise ConfigError(f"{where}: 'nlp-model' must be the name of an installed spaCy package")
        out["nlp_model"] = table["nlp-model"]
    if "max-file-size" in table:
        size = table["max-file-size"]
        if not isinstance(size, int) or isinstance(size, bool) or size <= 0:
            raise ConfigError(f"{where}: 'max-file-size' must be a positive number of bytes")
        out["max_file_size"] = size
    if "force-exclude" in table:
        if not isinstance(table["force-exclude"], bool):
            raise ConfigError(f"{where}: 'force-exclude' must be true or false")
        out["force_exclude"] = table["force-exclude"]
    if "extensions" in table:
        out["extensions"] = _extensions(table["extensions"], where)
    if "today" in table:
        out["today"] = str(table["today"])
    return Settings(**out)


def load_config_file(path: Path) -> Settings:
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text (TOML files must be UTF-8)") from None
    except RecursionError:  # tomllib recurses once per nested array or inline table
        raise ConfigError(f"{path}: invalid TOML: nested too deeply") from None
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        table = tool.get("medlint", {}) if isinstance(tool, dict) else {}
        where = f"{path} [tool.medlint]"
    else:
        table = data
        where = str(path)
    if not isinstance(table, dict):
        raise ConfigError(
            f"{where}: must be a table of settings ([tool.medlint] or top-level keys), "
            f"not {type(table).__name__ if not isinstance(table, list) else 'an array'}"
        )
    return settings_from_table(table, where, path.parent.resolve(), path.resolve())


def find_config_file(start: Path) -> Path | None:
    """The nearest `.medlint.toml`, or `pyproject.toml` with a [tool.medlint] table, upwards."""
    directory = start if start.is_dir() else start.parent
    for d in [directory.resolve(), *directory.resolve().parents]:
        candidate = d / ".medlint.toml"
        if candidate.is_file():
            return candidate
        pyproject = d / "pyproject.toml"
        if pyproject.is_file() and _has_medlint_table(pyproject):
            return pyproject
    return None


def _has_medlint_table(path: Path) -> bool:
    # Bytes: a pyproject that is not UTF-8 but has the table is found, and then reported.
    try:
        data = path.read_bytes()
    except OSError:
        return False
    return b"[tool.medlint" in data or b"[[tool.medlint" in data
