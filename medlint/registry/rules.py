"""Rule packs: YAML files under `rules/<pack>/`, one rule per file, validated when loaded."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from medlint.findings import RuleInfo, Severity
from medlint.kinds import Kind, ParamError, kind_class
from medlint.registry.applicability import EVERYWHERE, KEYS, Applicability, load_applicability
from medlint.registry.schema import CODE_RE, NAME_RE, PACK_RE, RULE_KEYS
from medlint.resources import builtin_rules_dir
from medlint.yamlload import LineDict, YamlError, load_yaml

__all__ = ["Rule", "RulePackError", "builtin_rules_dir", "load_packs", "pack_dirs"]

DOCS_URL = "https://github.com/medlint/medlint/blob/main/docs/rules/{code}.md"

# The keys a rule file has, as the JSON Schema for rule files states them (one table for both),
# and the applicability keys.
_REQUIRED = tuple(key for key, (required, _) in RULE_KEYS.items() if required)
_OPTIONAL = tuple(key for key, (required, _) in RULE_KEYS.items() if not required) + KEYS
_PACK_KEYS = ("name", "prefix", "title", "description")


class RulePackError(Exception):
    """Broken rule files or packs: one problem per line, each starting with `path:line:`
    (every problem of every pack at once, not the first only)."""

    def __init__(self, *problems: str) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


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
    applicability: Applicability = field(repr=False, compare=False, default=EVERYWHERE)
    """Which documents the rule is for and which blocks it reads (the top-level keys)."""
    kind: Kind[Any] = field(repr=False, compare=False, default=None)  # type: ignore[arg-type]

    @property
    def kind_name(self) -> str:
        return str(self.check["kind"])

    def info(self) -> RuleInfo:
        return RuleInfo(
            self.code, self.name, self.pack, self.severity, self.summary, self.why, DOCS_URL.format(code=self.code)
        )

    def with_kind(self, options: Mapping[str, Any]) -> Rule:
        """A copy rebuilt with per-rule options from the configuration: applicability keys
        (`types`, `where`...) over the rule's own, the rest over its kind's parameters."""
        from dataclasses import replace

        cls = kind_class(self.kind_name)
        applicability = load_applicability(options, cls, self.applicability)
        merged = {**self.check, **{k: v for k, v in options.items() if k not in KEYS}}
        kind = cls(merged, self.path.parent, applicability.where)
        return replace(self, check=merged, applicability=applicability, kind=kind)


def load_packs(extra_dirs: Iterable[Path] = ()) -> list[Rule]:
    """Built-in packs plus user pack directories. A directory is a pack when it holds a
    `pack.yml` or rule files (`*.yml`) itself, else a folder of such packs. Every problem in
    every pack is gathered and raised together in one `RulePackError`."""
    rules: list[Rule] = []
    problems: list[str] = []
    for base in [builtin_rules_dir(), *extra_dirs]:
        try:
            packs = pack_dirs(base)
        except RulePackError as exc:
            problems.extend(exc.problems)
            continue
        for directory in packs:
            try:
                rules.extend(load_pack(directory))
            except RulePackError as exc:
                problems.extend(exc.problems)
    problems.extend(_duplicates(rules))
    if problems:
        raise RulePackError(*problems)
    return rules


def _has_rules(directory: Path) -> bool:
    return (directory / "pack.yml").is_file() or any(directory.glob("*.yml"))


def pack_dirs(base: Path) -> list[Path]:
    """The packs in a `rule-packs` directory: itself, or its subfolders that are packs. A
    directory with neither is an error, not silently nothing."""
    if not base.is_dir():
        raise RulePackError(f"{base}:1: rule pack directory does not exist")
    if _has_rules(base):
        return [base]
    found = sorted(p for p in base.iterdir() if p.is_dir() and _has_rules(p))
    if not found:
        raise RulePackError(f"{base}:1: no rule files (*.yml) here or in its subfolders")
    return found


def _duplicates(rules: list[Rule]) -> list[str]:
    seen: dict[str, Rule] = {}
    problems = []
    for rule in rules:
        for ident in (rule.code, rule.name, *rule.aliases):
            other = seen.get(ident)
            if other is not None:
                problems.append(f"{rule.path}:1: {ident!r} is already used by {other.path}")
            else:
                seen[ident] = rule
    return problems


def load_pack(directory: Path) -> list[Rule]:
    """One pack's rules. Without `pack.yml`, the pack is named after its folder and its rules'
    codes need only the usual shape (two to four capitals and three digits). Each broken rule
    file is one problem; all of them are raised together."""
    meta_path = directory / "pack.yml"
    if meta_path.is_file():
        meta = _load_mapping(meta_path)
        _reject_unknown(meta, meta_path, _PACK_KEYS, ("name", "prefix"))
        pack = str(meta["name"])
        prefix = str(meta["prefix"])
        if not PACK_RE.match(pack):
            raise RulePackError(f"{meta_path}:{meta.line_of('name')}: pack name {pack!r} must be lowercase kebab-case")
    else:
        pack, prefix = directory.name.lower().replace("_", "-"), ""
        if not PACK_RE.match(pack):
            raise RulePackError(
                f"{directory}:1: a pack without pack.yml is named after its folder, and {directory.name!r} "
                "is not lowercase kebab-case (rename it, or add a pack.yml with a name and a prefix)"
            )
    rules = []
    problems: list[str] = []
    for path in sorted(directory.glob("*.yml")):
        if path.name != "pack.yml":
            try:
                rules.append(load_rule(path, pack, prefix))
            except RulePackError as exc:
                problems.extend(exc.problems)
    if problems:
        raise RulePackError(*problems)
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
        shape = prefix or "two to four capital letters"
        raise fail("code", f"code {code!r} must be {shape} followed by three digits")
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
        cls = kind_class(str(check["kind"]))
    except ParamError as exc:
        raise RulePackError(f"{path}:{check.line_of(exc.key)}: {exc}") from None
    try:
        applicability = load_applicability(data, cls)
    except ParamError as exc:
        raise fail(exc.key, str(exc)) from None
    try:
        kind = cls(check, path.parent, applicability.where)
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
        applicability=applicability,
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
