"""The results cache: a hit only when nothing the findings depend on has changed."""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
import os
import shutil
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from medlint.config import Settings
from medlint.engine import Linter
from medlint.engine import results_cache as cache_mod
from medlint.engine.pool import Job, lint_file, lint_files
from medlint.engine.results_cache import MAX_AGE_DAYS, ResultsCache, default_dir, from_data, loads, to_data
from medlint.resources import builtin_rules_dir

ARTICLE = """---
title: Knee injections
---

# Knee injections

This miracle treatment cures arthritis forever, and there are no side effects.
Studies show it works for everyone. Physicians utilize it daily.
"""


class Counting:
    """Counts the files each linter really lints (a cache hit lints nothing)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        real = Linter.lint_text

        def counted(linter: Linter, *args: Any, **kwargs: Any) -> Any:
            self.count += 1
            return real(linter, *args, **kwargs)

        monkeypatch.setattr(Linter, "lint_text", counted)


@pytest.fixture
def counter(monkeypatch: pytest.MonkeyPatch) -> Counting:
    return Counting(monkeypatch)


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(Settings(today="2026-01-15"))


def write(tmp_path: Path, text: str = ARTICLE, name: str = "knee.md") -> Path:
    path = tmp_path / "docs" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_second_lint_is_a_hit_with_the_same_outcome(tmp_path: Path, linter: Linter, counter: Counting) -> None:
    path = write(tmp_path)
    cache = ResultsCache(tmp_path / "cache")
    first = lint_file(linter, path, cache=cache)
    second = lint_file(linter, path, cache=cache)
    assert counter.count == 1
    assert (cache.hits, cache.stored) == (1, 1)
    assert first.findings and second == first
    assert {f.code for f in first.findings} >= {"CLM001"}


def test_changed_content_is_linted_again(tmp_path: Path, linter: Linter, counter: Counting) -> None:
    path = write(tmp_path)
    cache = ResultsCache(tmp_path / "cache")
    lint_file(linter, path, cache=cache)
    path.write_text(ARTICLE.replace("miracle", "new"), encoding="utf-8")
    outcome = lint_file(linter, path, cache=cache)
    assert counter.count == 2
    assert "miracle" not in " ".join(f.match or "" for f in outcome.findings)


def test_the_same_text_under_another_name_is_linted_for_it(tmp_path: Path, linter: Linter, counter: Counting) -> None:
    a, b = write(tmp_path, name="a.md"), write(tmp_path, name="b.md")
    cache = ResultsCache(tmp_path / "cache")
    lint_file(linter, a, cache=cache)
    outcome = lint_file(linter, b, cache=cache)
    assert counter.count == 2
    assert {f.path for f in outcome.findings} == {str(b)}


def test_input_format_is_part_of_the_key(tmp_path: Path, linter: Linter, counter: Counting) -> None:
    path = write(tmp_path)
    cache = ResultsCache(tmp_path / "cache")
    lint_file(linter, path, cache=cache)
    outcome = lint_file(linter, path, cache=cache, format="text")
    assert counter.count == 2
    assert outcome.file is not None and outcome.file.format == "text"


def test_changed_configuration_is_linted_again(tmp_path: Path, linter: Linter, counter: Counting) -> None:
    path = write(tmp_path)
    cache = ResultsCache(tmp_path / "cache")
    lint_file(linter, path, cache=cache)
    other = Linter(Settings(today="2026-01-15", ignore=("CLM001",)))
    outcome = lint_file(other, path, cache=cache)
    assert counter.count == 2
    assert "CLM001" not in {f.code for f in outcome.findings}
    # and the first configuration still finds its own entry
    lint_file(linter, path, cache=cache)
    assert counter.count == 2


def test_a_new_day_is_linted_again(tmp_path: Path, counter: Counting, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without a fixed `today`, the date is in the key: review dates go stale overnight."""
    path = write(tmp_path)
    cache = ResultsCache(tmp_path / "cache")
    linter = Linter(Settings())
    lint_file(linter, path, cache=cache)
    lint_file(linter, path, cache=cache)
    assert counter.count == 1

    class Tomorrow(dt.date):
        @classmethod
        def today(cls) -> Tomorrow:
            d = dt.date.fromordinal(dt.date.fromtimestamp(time.time()).toordinal() + 1)
            return cls(d.year, d.month, d.day)

    monkeypatch.setattr(dt, "date", Tomorrow)
    lint_file(linter, path, cache=cache)
    assert counter.count == 2


def test_changed_rule_pack_is_linted_again(tmp_path: Path, counter: Counting, monkeypatch: pytest.MonkeyPatch) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(builtin_rules_dir(), rules)
    monkeypatch.setattr("medlint.registry.rules.builtin_rules_dir", lambda: rules)
    monkeypatch.setattr("medlint.engine.pool.builtin_rules_dir", lambda: rules, raising=False)
    monkeypatch.setattr("medlint.resources.builtin_rules_dir", lambda: rules)
    path = write(tmp_path)
    cache = ResultsCache(tmp_path / "cache")
    lint_file(Linter(Settings(today="2026-01-15")), path, cache=cache)
    lint_file(Linter(Settings(today="2026-01-15")), path, cache=cache)
    assert counter.count == 1
    rule = next(rules.glob("claims/CLM001-*.yml"))
    rule.write_text(rule.read_text(encoding="utf-8").replace("severity: warning", "severity: error"), encoding="utf-8")
    outcome = lint_file(Linter(Settings(today="2026-01-15")), path, cache=cache)
    assert counter.count == 2
    assert {f.severity.label for f in outcome.findings if f.code == "CLM001"} == {"error"}


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda mp: mp.setattr(cache_mod, "__version__", "99.0.0"), id="medlint-version"),
        pytest.param(lambda mp: mp.setattr(sys, "version", sys.version + " (another build)"), id="python-version"),
        pytest.param(lambda mp: mp.setattr(cache_mod, "_library_versions", lambda: ["spacy==0.0.1"]), id="libraries"),
    ],
)
def test_changed_code_or_python_is_linted_again(
    tmp_path: Path, linter: Linter, counter: Counting, monkeypatch: pytest.MonkeyPatch, change: Any
) -> None:
    path = write(tmp_path)
    cache = ResultsCache(tmp_path / "cache")
    lint_file(linter, path, cache=cache)
    cache_mod.code_fingerprint.cache_clear()
    change(monkeypatch)
    fresh = Linter(Settings(today="2026-01-15"))  # the key is computed once per linter
    try:
        lint_file(fresh, path, cache=cache)
    finally:
        monkeypatch.undo()
        cache_mod.code_fingerprint.cache_clear()
    assert counter.count == 2


def test_medlint_source_is_part_of_the_fingerprint(monkeypatch: pytest.MonkeyPatch) -> None:
    """An edited checkout at the same version must not be served old results."""
    before = cache_mod.code_fingerprint()
    real = cache_mod._tree_digest
    monkeypatch.setattr(cache_mod, "_tree_digest", lambda root, suffixes=None: real(root, suffixes) + b"edited")
    cache_mod.code_fingerprint.cache_clear()
    try:
        assert cache_mod.code_fingerprint() != before
    finally:
        monkeypatch.undo()
        cache_mod.code_fingerprint.cache_clear()


def test_outcomes_with_errors_are_not_stored(tmp_path: Path, linter: Linter) -> None:
    path = write(tmp_path, "---\ntitle: [unclosed\n---\n\n# Title\n\nText.\n")
    cache = ResultsCache(tmp_path / "cache")
    outcome = lint_file(linter, path, cache=cache)
    assert outcome.errors
    assert cache.stored == 0
    assert not list((tmp_path / "cache").rglob("*.json"))


def test_a_corrupt_entry_is_a_miss_and_is_replaced(tmp_path: Path, linter: Linter, counter: Counting) -> None:
    path = write(tmp_path)
    cache = ResultsCache(tmp_path / "cache")
    first = lint_file(linter, path, cache=cache)
    (entry,) = (tmp_path / "cache").rglob("*.json")
    entry.write_bytes(entry.read_bytes()[:100])
    assert lint_file(linter, path, cache=cache) == first
    assert counter.count == 2
    assert lint_file(linter, path, cache=cache) == first
    assert counter.count == 2


def test_an_entry_rebuilds_only_result_types(tmp_path: Path) -> None:
    """Entries are data: a type outside the results is refused, never imported and called."""
    with pytest.raises(ValueError, match="not a result type"):
        from_data({"d": "os:system", "f": ["true"]})
    with pytest.raises(ValueError, match="not a result type"):
        from_data({"e": "subprocess:Popen", "v": "true"})
    with pytest.raises(ValueError, match="not a result type"):
        loads(b'{"outcome": {"d": 10000, "f": ["true"]}}')
    with pytest.raises(ValueError, match="not a result type"):
        loads(b'{"outcome": {"d": -1, "f": ["true"]}}')


def test_round_trip_keeps_every_field(tmp_path: Path, linter: Linter) -> None:
    outcome = Linter(Settings(today="2026-01-15"), claims=True).lint_text(ARTICLE, path="x.md")
    assert outcome.file is not None and outcome.file.claims is not None and outcome.file.claims.claims
    body = json.dumps(to_data((outcome.findings, outcome.file)))
    assert from_data(json.loads(body)) == (outcome.findings, outcome.file)
    assert loads(body.encode()) == (outcome.findings, outcome.file)


def test_cache_folder_is_tagged_and_ignored_by_git(tmp_path: Path, linter: Linter) -> None:
    lint_file(linter, write(tmp_path), cache=ResultsCache(tmp_path / "cache"))
    assert (tmp_path / "cache" / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55")
    assert (tmp_path / "cache" / ".gitignore").read_text().splitlines()[-1] == "*"


def test_default_folder_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MEDLINT_CACHE_DIR", str(tmp_path / "here"))
    assert default_dir() == tmp_path / "here"
    monkeypatch.delenv("MEDLINT_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_dir() == tmp_path / "xdg" / "medlint"


def test_an_unwritable_folder_only_misses(tmp_path: Path, linter: Linter) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    cache = ResultsCache(blocker / "cache")
    outcome = lint_file(linter, write(tmp_path), cache=cache)
    assert outcome.findings and cache.stored == 0


def test_prune_removes_old_and_least_recently_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    linter = Linter(Settings(today="2026-01-15"))
    cache = ResultsCache(tmp_path / "cache")
    paths = [write(tmp_path, ARTICLE + f"\nParagraph {i}.\n", name=f"a{i}.md") for i in range(5)]
    for p in paths:
        lint_file(linter, p, cache=cache)
    entries = sorted((tmp_path / "cache").rglob("*.json"))
    assert len(entries) == 5
    now = time.time()
    os.utime(entries[0], (now - (MAX_AGE_DAYS + 1) * 86400,) * 2)  # unused for too long
    for age, entry in enumerate(entries[1:]):
        os.utime(entry, (now - 100 * (age + 1),) * 2)
    monkeypatch.setattr(cache_mod, "MAX_ENTRIES", 2)
    assert cache.prune(force=True, now=now) == 3
    left = set((tmp_path / "cache").rglob("*.json"))
    assert left == {entries[1], entries[2]}  # the two used most recently
    # not again within PRUNE_EVERY, unless forced
    assert cache.prune(now=now + 10) == 0


def _hammer(root: str, text: str, rounds: int) -> None:
    linter = Linter(Settings(today="2026-01-15"))
    cache = ResultsCache(Path(root))
    outcome = linter.lint_text(text, path="same.md")
    for _ in range(rounds):
        cache.put("ab" + "0" * 62, text, outcome)


def test_concurrent_writers_never_leave_half_an_entry(tmp_path: Path) -> None:
    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("needs fork")
    ctx = multiprocessing.get_context("fork")
    procs = [ctx.Process(target=_hammer, args=(str(tmp_path / "c"), ARTICLE, 150)) for _ in range(3)]
    for p in procs:
        p.start()
    reader = ResultsCache(tmp_path / "c")
    seen = 0
    try:
        while any(p.is_alive() for p in procs):
            got = reader.get("ab" + "0" * 62, ARTICLE)
            if got is not None:
                seen += 1
                assert got.findings and got.file is not None
    finally:
        for p in procs:
            p.join()
    assert all(p.exitcode == 0 for p in procs)
    assert reader.get("ab" + "0" * 62, ARTICLE) is not None
    assert not list((tmp_path / "c").rglob(".tmp-*"))


def test_lint_files_keeps_input_order_and_uses_the_cache(tmp_path: Path, counter: Counting) -> None:
    linter = Linter(Settings(today="2026-01-15"))
    paths = [write(tmp_path, ARTICLE + f"\nParagraph {i}.\n", name=f"{name}.md") for i, name in enumerate("cab")]
    missing = tmp_path / "docs" / "missing.md"
    jobs = [Job(linter, p, str(p)) for p in [*paths, missing]]
    cache = ResultsCache(tmp_path / "cache")
    first = lint_files(jobs, cache=cache)
    assert [o.file.path if o.file else o.errors[0].path for o in first] == [str(p) for p in [*paths, missing]]
    assert "no such file" in first[-1].errors[0].message or "cannot read" in first[-1].errors[0].message
    assert counter.count == 3
    assert lint_files(jobs, cache=cache) == first
    assert counter.count == 3


def test_the_claims_register_is_part_of_the_key(tmp_path: Path, counter: Counting) -> None:
    """`medlint claims` runs the analysis even without claim rules: its outcome differs."""
    path = write(tmp_path)
    cache = ResultsCache(tmp_path / "cache")
    settings = Settings(today="2026-01-15", select=("readability",))
    plain = lint_file(Linter(settings), path, cache=cache)
    register = lint_file(Linter(settings, claims=True), path, cache=cache)
    assert counter.count == 2
    assert plain.file is not None and plain.file.claims is None
    assert register.file is not None and register.file.claims is not None


def _run(tmp_path: Path, **options: Any) -> tuple[Any, Any]:
    """One run over two articles: its report and its session."""
    from medlint.session import RunOptions, Session

    write(tmp_path)
    write(tmp_path, ARTICLE.replace("Knee", "Hip"), "hip.md")
    opts = RunOptions(paths=(str(tmp_path / "docs"),), config=Settings(today="2026-01-15"), **options)
    session = Session.for_options(opts)
    return session.lint_all(opts.paths), session


def test_a_run_the_cache_answers_in_full_loads_no_rule(tmp_path: Path) -> None:
    """The second run finds every file in the cache: it does not load the rule packs, and its
    report (rules included) is the first one's."""
    first, _ = _run(tmp_path, cache_dir=tmp_path / "cache", jobs=1)
    second, session = _run(tmp_path, cache_dir=tmp_path / "cache", jobs=1)
    assert [linter.built for linter in session._linters.values()] == [False]
    assert second == first
    assert second.rules and {r.code for r in second.rules} >= {"CLM001"}
    assert any(f.fix is not None for f in first.findings)  # fixes are stored with the findings


def test_a_missing_rules_entry_loads_the_rules(tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    first, _ = _run(tmp_path, cache_dir=cache_dir, jobs=1)
    for entry in cache_dir.rglob("*.rules.json"):
        entry.unlink()
    again, session = _run(tmp_path, cache_dir=cache_dir, jobs=1)
    assert again == first
    assert [linter.built for linter in session._linters.values()] == [True]


def test_command_line_selectors_are_checked_on_a_full_hit(tmp_path: Path) -> None:
    options: dict[str, Any] = {"cache_dir": tmp_path / "cache", "jobs": 1, "select": ("CLM", "NOPE999")}
    first, _ = _run(tmp_path, **options)
    second, _ = _run(tmp_path, **options)
    assert any("'NOPE999' names no rule" in e.message for e in second.errors)
    assert second == first
