"""The contract between rule data and matching code.

A rule file names a kind in `check.kind`; the rest of `check` are the kind's parameters, a
frozen dataclass per kind (`Kind.Params`) whose fields say each parameter's type, default and
validator (`param`). One loader (`load_params`) validates them when rules load (unknown or
ill-typed parameters are rule-pack errors with file and line), and the JSON Schema for rule
files is generated from the same dataclasses. Per document, a kind yields hits in prose
coordinates; the engine maps hits to source positions.
"""

from __future__ import annotations

import copy
import dataclasses
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Generic, TypeVar

from medlint.analysis.readability import GradedProse
from medlint.document import BlockKind, Document
from medlint.findings import SectionGrade, Severity
from medlint.matching import RegexList, compiled


class ParamError(ValueError):
    """A bad `check` parameter; `key` names it so the loader can report its line."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key


@dataclass(frozen=True, slots=True)
class Hit:
    """A match in one block (`block` index, prose offsets) or, with block None, a document finding.

    `anchor` optionally points a document-level finding at a block (a thin section's heading)
    instead of the title.
    """

    block: int | None
    start: int = 0
    end: int = 0
    values: Mapping[str, object] = field(default_factory=dict)
    suggestion: str | None = None
    severity: Severity | None = None
    message: str | None = None
    bump: int = 0
    """Raise the severity this many levels (an intensifier stacked on a claim), up to error."""


@dataclass(frozen=True, slots=True)
class Judgement:
    """A rule's verdict on its scorecard criterion for one document, and why.

    `evidence` points at what decided it: the sentence that satisfies the criterion, or the one
    that fails it (a sensational phrase); a document-level Hit (block None) when nothing can be
    pointed at (the criterion fails because something is missing).
    """

    verdict: str
    reason: str
    evidence: tuple[Hit, ...] = ()


@dataclass(slots=True)
class Analysis:
    """One document's analysis that several rules read (and the report shows), worked out once
    by the first rule that needs it. Made fresh for each document: never shared between
    documents, so a linter used from several threads never mixes two documents' results."""

    readability: GradedProse | None = None
    """The document's scored prose, per section (reading-grade rules)."""
    grades: list[SectionGrade] = field(default_factory=list)
    """The reading grade of the document and of each section, for the report."""
    claims: dict[Any, Any] = field(default_factory=dict)
    """The claim analysis of the document, one per lexicon (`medlint.claims.analyze` keeps it)."""
    word_tokens: dict[int, Any] = field(default_factory=dict)
    """Each block's word tokens, read by both word-list rules (substitution kind)."""
    cues_found: dict[object, Any] = field(default_factory=dict)
    """Each criterion rule's cues, a list with a slot per block, keyed by the rule's kind (and
    the part of them matched on the block's tokens, by the kind and "matched")."""
    kinds: tuple[Any, ...] = ()
    """The kinds of the rules that run on the document, in order (the linter sets it): a rule
    may do for the others what they will ask of the same block, while it has the block's
    working data (see `CriterionKind._matched`)."""
    dates: list[Sequence[re.Match[str]]] | None = None
    """Each block's date-like matches (date-currency rules)."""
    by_rule: dict[tuple[object, Any], Any] = field(default_factory=dict)
    """A rule's own work on the document, kept for its later calls (`find`, then the scorecard's
    `judge`), keyed by (the rule's kind object, what the rule names)."""

    long_document: bool = False
    """Past `medlint.engine.allocator.LONG_TEXT` characters (the linter sets it): working data
    that no report shows is let go as well (see `drop`)."""

    def drop(self, name: str) -> None:
        """Let go of the working data `name` (a field that `Kind.SHARES` names); `grades`, the
        claims and `by_rule` hold what the report and the scorecard read, and are kept."""
        if name in ("word_tokens", "cues_found"):
            setattr(self, name, {})
        elif name in ("readability", "dates"):
            setattr(self, name, None)
        elif name == "claim_triggers":
            # The claims stay; in a long document, the words their rules pointed at go.
            if self.long_document:
                from medlint.claims.register import let_go_of_triggers

                for found in self.claims.values():
                    let_go_of_triggers(found)
        else:
            raise ValueError(f"not working data that may be let go: {name!r}")


@dataclass(frozen=True, slots=True)
class RuleContext:
    """What a kind may read besides the document: settings, the article's type and the
    document's shared analysis."""

    settings: Any
    """The `medlint.config.Settings` in force for this file."""
    doc_type: Any = None
    """The `medlint.analysis.classify.DocType` of this document."""
    analysis: Analysis = field(default_factory=Analysis)
    """What rules share about this document (see `Analysis`)."""


Validator = Callable[[Any], Any]

SCHEMA_ATTRIBUTE = "json_schema"
"""A validator may carry the JSON Schema of the values it accepts under this attribute; the
rule-file schema is generated from it (else from the parameter's type)."""


def with_schema(validator: Validator, schema: dict[str, Any]) -> Validator:
    """`validator`, marked with the JSON Schema of what it accepts."""
    setattr(validator, SCHEMA_ATTRIBUTE, schema)
    return validator


_STRINGS = {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}


def _type_name(t: type | tuple[type, ...]) -> str:
    if isinstance(t, tuple):
        return " or ".join(x.__name__ for x in t)
    return t.__name__


_JSON_TYPES = {bool: "boolean", int: "integer", float: "number", str: "string", list: "array", dict: "object"}


def typed(t: type | tuple[type, ...]) -> Validator:
    def check(value: Any) -> Any:
        if isinstance(value, bool) and t in (int, float):
            raise ValueError(f"expected {_type_name(t)}, got a boolean")
        if t is float and isinstance(value, int):
            return float(value)
        if not isinstance(value, t):
            raise ValueError(f"expected {_type_name(t)}, got {type(value).__name__}")
        return value

    types = sorted({_JSON_TYPES[x] for x in (t if isinstance(t, tuple) else (t,)) if x in _JSON_TYPES})
    return with_schema(check, {"type": types[0] if len(types) == 1 else types})


def string_list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError("expected a list of strings")
    return list(value)


with_schema(string_list, _STRINGS)


BODY = (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.QUOTE, BlockKind.TABLE_CELL)
PLACES: dict[str, tuple[BlockKind, ...]] = {"title": (BlockKind.TITLE,), "heading": (BlockKind.HEADING,), "body": BODY}
"""What a rule's `where` may name, and the blocks each name stands for (unless the kind says
otherwise in `Kind.PLACES`)."""


def names_from(options: Iterable[str], what: str, allow_empty: bool = False) -> Validator:
    """A validator for a list of names, each one of `options` (a string is a list of one).

    The list must not be empty unless `allow_empty`: an empty `stance` would silence a rule
    without saying so, while an empty `unless` plainly means "no exceptions".
    """
    allowed = tuple(options)

    def check(value: Any) -> list[str]:
        items = string_list(value)
        if not items and not allow_empty:
            raise ValueError(f"expected at least one {what} ({', '.join(allowed)})")
        bad = [i for i in items if i not in allowed]
        if bad:
            raise ValueError(f"unknown {what} {bad[0]!r} (known: {', '.join(allowed)})")
        return items

    name = {"type": "string", "enum": list(allowed)}
    many = {"type": "array", "items": name, **({} if allow_empty else {"minItems": 1})}
    return with_schema(check, {"anyOf": [name, many]})


def block_kinds(where: Iterable[str], table: Mapping[str, tuple[BlockKind, ...]] = PLACES) -> tuple[BlockKind, ...]:
    """The blocks that the places named in `where` stand for in `table`. A tuple: `in` on a
    few enum members is faster than on a set, whose lookup calls Enum's Python `__hash__`."""
    return tuple(dict.fromkeys(k for w in where for k in table[w]))


def regex_list(value: Any) -> RegexList:
    out = RegexList()
    for item in string_list(value):
        try:
            out.append(compiled(item, re.IGNORECASE))
        except re.error as exc:
            raise ValueError(f"bad regular expression {item!r}: {exc}") from None
    return out


with_schema(
    regex_list,
    {
        "anyOf": [
            {"type": "string", "format": "regex"},
            {"type": "array", "items": {"type": "string", "format": "regex"}},
        ]
    },
)


def choice(*options: str) -> Validator:
    def check(value: Any) -> Any:
        if value not in options:
            raise ValueError(f"expected one of {', '.join(options)}, got {value!r}")
        return value

    return with_schema(check, {"enum": list(options)})


def param(
    default: Any = None,
    check: Validator | None = None,
    *,
    key: str | None = None,
    required: bool = False,
    doc: str | None = None,
) -> Any:
    """A kind parameter: a dataclass field whose `check` validates and converts the value from
    the rule file, spelt `key` there when that is not the field's name ("plain-severity"), and
    described by `doc` in the JSON Schema for rule files (what editors show on hover). A mutable
    default (a list, a table) is copied for each rule."""
    metadata = {"check": check, "key": key, "doc": doc}
    if required:
        return field(metadata=metadata)
    if isinstance(default, list | dict | set):
        return field(default_factory=lambda: copy.deepcopy(default), metadata=metadata)
    return field(default=default, metadata=metadata)


# Parameter dataclasses skip __eq__ and __repr__: nothing compares or prints them, and each
# generated method costs a kind's import a millisecond or two at every cold start.
@dataclass(frozen=True, kw_only=True, eq=False, repr=False)
class NoParams:
    """The parameters of a kind that takes none."""


P = TypeVar("P")


def param_key(f: dataclasses.Field[Any]) -> str:
    """How the rule file spells the parameter of field `f`."""
    key = f.metadata.get("key")
    return key if isinstance(key, str) else f.name


def load_params(params_class: type[P], raw: Mapping[str, Any], kind: str) -> P:
    """The validated parameters of a rule of kind `kind` from its `check` table: every key
    known, every value checked by its field's validator, defaults for the rest."""
    fields = {param_key(f): f for f in dataclasses.fields(params_class)}  # type: ignore[arg-type]
    unknown = set(raw) - set(fields) - {"kind"}
    if unknown:
        key = sorted(unknown)[0]
        raise ParamError(key, f"unknown parameter {key!r} for kind {kind!r} (known: {', '.join(sorted(fields))})")
    values: dict[str, Any] = {}
    for key, f in fields.items():
        if key in raw:
            check = f.metadata.get("check")
            try:
                values[f.name] = check(raw[key]) if check is not None else raw[key]
            except ValueError as exc:
                raise ParamError(key, f"parameter {key!r}: {exc}") from None
        elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            raise ParamError("kind", f"kind {kind!r} needs parameter {key!r}")
    return params_class(**values)


class Kind(Generic[P]):
    """Base for rule kinds. Subclasses name their parameters' dataclass in `Params` (fields made
    with `param`) and implement `find`; `self.p` holds the validated parameters."""

    name: ClassVar[str]
    Params: ClassVar[type[Any]] = NoParams
    """A frozen dataclass: one field per parameter (see `param`)."""
    JUDGES_WORDING: ClassVar[bool] = True
    """Its span findings judge the writer's words, so none are reported in a references list
    (a cited title is not the article's wording). Kinds that point at what a document lacks,
    or at a statement wherever it stands, set this to False."""
    NEEDS: ClassVar[frozenset[str]] = frozenset()
    """NLP layers the kind reads: "sentences" is the only one the blank pipeline provides."""
    SHARES: ClassVar[frozenset[str]] = frozenset()
    """The fields of `Analysis` the kind fills and reads: once no rule left to run on a
    document shares one, the linter lets it go (`Analysis.drop`), so a long document never
    holds every kind's working data at once. Each is a cache: a rule that asks again (a
    scorecard verdict) refills it."""
    WHERE: ClassVar[tuple[str, ...] | None] = None
    """The places a rule of this kind reads unless its `where` says otherwise (title, heading,
    body). None: the kind reads the document its own way, and its rules take no `where`."""
    PLACES: ClassVar[Mapping[str, tuple[BlockKind, ...]]] = PLACES
    """What each place of `where` stands for, for this kind."""

    def __init__(self, params: Mapping[str, Any], pack_dir: Path, where: Sequence[str] | None = None) -> None:
        """`params`: the rule's `check` table; `where`: the rule's places, already checked
        against `PLACES` by the rule loader (None: the kind's `WHERE`)."""
        self.pack_dir = pack_dir
        self.p: P = load_params(self.Params, params, self.name)
        self.block_kinds: tuple[BlockKind, ...] = block_kinds(
            (self.WHERE or ()) if where is None else where, self.PLACES
        )
        """The blocks the rule reads (see `WHERE`)."""
        self.setup()

    def setup(self) -> None:
        """Compile what `find` needs, once per rule (not per document)."""

    def prepare(self) -> None:
        """Load costly data `find` will need that setup leaves lazy (tables shared by several
        rules, a hyphenator): a linter does it once, before its first file (and a pool before
        it forks, so that its workers share it); `find` must work without it."""

    def find(self, doc: Document, ctx: RuleContext) -> Iterator[Hit]:
        raise NotImplementedError

    @property
    def criterion(self) -> str | None:
        """The scorecard criterion this rule judges (a `criterion` parameter), if any."""
        value = getattr(self.p, "criterion", None)
        return value if isinstance(value, str) else None

    def judge(self, doc: Document, ctx: RuleContext) -> Judgement | None:
        """The rule's verdict on its criterion for `doc` (None: the kind gives none)."""
        return None
