"""Rule packs: YAML files under `rules/<pack>/`, one rule per file, validated when loaded."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from medlint.findings import RuleInfo, Severity
from medlint.kinds import Kind, ParamError, kind_class
from medlint.registry.schema import CODE_RE, NAME_RE, PACK_RE, RULE_KEYS
from medlint.resources import builtin_rules_dir
from medlint.yamlload import LineDict, YamlError, load_yaml

__all__ = ["Rule", "RulePackError", "builtin_rules_dir", "load_packs"]

DOCS_URL = "https://github.com/medlint/medlint/blob/main/docs/rules/{code}.md"

# The keys a rule file has, as the JSON Schema for rule files states them (one table for both).
_REQUIRED = tuple(key for key, (required, _) in RULE_KEYS.items() if required)
_OPTIONAL = tuple(key for key, (required, _) in RULE_KEYS.items() if not required)
_PACK_KEYS = ("name", "prefix", "title", "description")


class RulePackError(Exception):
    """A broken rule file or pack; the message starts with `path:line:`."""


@dataclass(frozen=True)
class Example:
    text: str
    format: str = "markdown"
    path: str | None = None


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    pack: str
    severity: Severity
    summary: str
    message: str
    why: str
    sources: tuple[Mapping[str, str], ...]
    check: Mapping[str, Any]
    bad: tuple[Example, ...]
    good: tuple[Example, ...]
    path: Path
    suggestion: str | None = None
    aliases: tuple[str, ...] = ()
    limit: int | None = None
    enabled: bool = True
    tags: tuple[str, ...] = ()
    kind: Kind[Any] = field(repr=False, compare=False, default=None)  # type: ignore[arg-type]

    @property
    def kind_name(self) -> str:
        return str(self.check["kind"])

    def info(self) -> RuleInfo:
        return RuleInfo(
            self.code, self.name, self.pack, self.severity, self.summary, self.why, DOCS_URL.format(code=self.code)
        )

    def with_kind(self, params: Mapping[str, Any]) -> Rule:
        """A copy whose kind is rebuilt with per-rule options from the configuration."""
        from dataclasses import replace

        merged = {**self.check, **params}
        return replace(self, check=merged, kind=kind_class(self.kind_name)(merged, self.path.parent))


def load_packs(extra_dirs: Iterable[Path] = ()) -> list[Rule]:
    """Built-in packs plus user pack directories (each either a pack or a folder of packs)."""
    rules: list[Rule] = []
    dirs = [builtin_rules_dir(), *extra_dirs]
    for base in dirs:
        if not base.is_dir():
            raise RulePackError(f"{base}:1: rule pack directory does not exist")
        if (base / "pack.yml").is_file():
            rules.extend(load_pack(base))
        else:
            for sub in sorted(p for p in base.iterdir() if (p / "pack.yml").is_file()):
                rules.extend(load_pack(sub))
    _check_unique(rules)
    return rules


def _check_unique(rules: list[Rule]) -> None:
    seen: dict[str, Rule] = {}
    for rule in rules:
        for ident in (rule.code, rule.name, *rule.aliases):
            other = seen.get(ident)
            if other is not None:
                raise RulePackError(f"{rule.path}:1: {ident!r} is already used by {other.path}")
            seen[ident] = rule


def load_pack(directory: Path) -> list[Rule]:
    meta_path = directory / "pack.yml"
    meta = _load_mapping(meta_path)
    _reject_unknown(meta, meta_path, _PACK_KEYS, ("name", "prefix"))
    pack = str(meta["name"])
    prefix = str(meta["prefix"])
    if not PACK_RE.match(pack):
        raise RulePackError(f"{meta_path}:{meta.line_of('name')}: pack name {pack!r} must be lowercase kebab-case")
    rules = []
    for path in sorted(directory.glob("*.yml")):
        if path.name != "pack.yml":
            rules.append(load_rule(path, pack, prefix))
    return rules


def _load_mapping(path: Path) -> LineDict:
    try:
        data = load_yaml(path)
    except YamlError as exc:
        raise RulePackError(str(exc)) from None
    if not isinstance(data, LineDict):
        raise RulePackError(f"{path}:1: expected a YAML mapping")
    return data


def _reject_unknown(data: LineDict, path: Path, allowed: Iterable[str], required: Iterable[str]) -> None:
    allowed = tuple(allowed)
    for key in data:
        if key not in allowed:
            raise RulePackError(f"{path}:{data.line_of(key)}: unknown key {key!r} (allowed: {', '.join(allowed)})")
    for key in required:
        if key not in data:
            raise RulePackError(f"{path}:{data.line}: missing required key {key!r}")


def load_rule(path: Path, pack: str, prefix: str) -> Rule:
    data = _load_mapping(path)
    _reject_unknown(data, path, _REQUIRED + _OPTIONAL, _REQUIRED)

    def fail(key: str, message: str) -> RulePackError:
        return RulePackError(f"{path}:{data.line_of(key)}: {message}")

    code, name = str(data["code"]), str(data["name"])
    if not CODE_RE.match(code) or not code.startswith(prefix):
        raise fail("code", f"code {code!r} must be {prefix} followed by three digits")
    if not NAME_RE.match(name):
        raise fail("name", f"name {name!r} must be kebab-case with at least two words")
    if name.startswith(("avoid-", "use-", "no-")):
        raise fail("name", f"name {name!r} must describe the problem, not the advice")
    if data.get("pack", pack) != pack:
        raise fail("pack", f"pack {data['pack']!r} does not match the pack directory {pack!r}")
    try:
        severity = Severity.parse(str(data["severity"]))
    except ValueError as exc:
        raise fail("severity", str(exc)) from None
    for key in ("summary", "message", "why"):
        if not isinstance(data[key], str) or not data[key].strip():
            raise fail(key, f"{key!r} must be a non-empty string")
    sources = data["sources"]
    if not isinstance(sources, list) or not sources:
        raise fail("sources", "'sources' must list at least one source")
    for src in sources:
        if not isinstance(src, LineDict) or set(src) - {"title", "url"} or not src.get("title"):
            raise fail("sources", "each source needs a 'title' (and a 'url' where one exists), nothing else")
        if "url" in src and not str(src["url"]).startswith(("http://", "https://")):
            raise RulePackError(f"{path}:{src.line_of('url')}: source url must start with http(s)://")
    check = data["check"]
    if not isinstance(check, LineDict) or "kind" not in check:
        raise fail("check", "'check' must be a mapping with a 'kind'")
    try:
        kind = kind_class(str(check["kind"]))(check, path.parent)
    except ParamError as exc:
        raise RulePackError(f"{path}:{check.line_of(exc.key)}: {exc}") from None
    bad, good = _examples(data, path)
    limit = data.get("limit")
    if limit is not None and (not isinstance(limit, int) or isinstance(limit, bool) or limit < 1):
        raise fail("limit", "'limit' must be a positive integer")
    return Rule(
        code=code,
        name=name,
        pack=pack,
        severity=severity,
        summary=data["summary"].strip(),
        message=data["message"].strip(),
        why=data["why"].strip(),
        sources=tuple({"title": str(s["title"]), "url": str(s.get("url", ""))} for s in sources),
        check=dict(check),
        bad=bad,
        good=good,
        path=path,
        suggestion=data.get("suggestion"),
        aliases=tuple(data.get("aliases", ())),
        limit=limit,
        enabled=bool(data.get("enabled", True)),
        tags=tuple(data.get("tags", ())),
        kind=kind,
    )


def _examples(data: LineDict, path: Path) -> tuple[tuple[Example, ...], tuple[Example, ...]]:
    ex = data["examples"]
    if not isinstance(ex, LineDict) or set(ex) - {"bad", "good"} or not ex.get("bad") or not ex.get("good"):
        raise RulePackError(f"{path}:{data.line_of('examples')}: 'examples' needs non-empty 'bad' and 'good' lists")
    out: list[tuple[Example, ...]] = []
    for key in ("bad", "good"):
        items = []
        for item in ex[key]:
            if isinstance(item, str):
                items.append(Example(item))
            elif isinstance(item, LineDict) and "text" in item and not set(item) - {"text", "format", "path"}:
                items.append(Example(str(item["text"]), str(item.get("format", "markdown")), item.get("path")))
            else:
                raise RulePackError(
                    f"{path}:{ex.line_of(key)}: each example is a string or a mapping "
                    "with 'text' and optional 'format' and 'path'"
                )
        out.append(tuple(items))
    return out[0], out[1]
