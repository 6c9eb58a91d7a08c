"""The Python API: lint text or paths and get typed, immutable results.

`run(RunOptions(...))` does everything the command line does (stdin, fixes, `diff_base`,
`baseline`, the fail level); `lint_text` and `lint_paths` are the short ways in."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from medlint.config import Settings, load_config_file, settings_from_table
from medlint.criteria import Scorecard
from medlint.engine import Linter
from medlint.findings import Finding, InputError, Report
from medlint.fix import attach_fixes
from medlint.session import RunOptions, Session, run

__all__ = ["Linter", "RunOptions", "Scorer", "Session", "lint_paths", "lint_text", "run", "score_paths"]


def _settings(config: Settings | Mapping[str, Any] | str | Path | None) -> Settings:
    if config is None:
        return Settings()
    if isinstance(config, Settings):
        return config
    if isinstance(config, (str, Path)):
        return load_config_file(Path(config))
    return settings_from_table(config, "config", Path.cwd(), None)


_DEFAULT: Linter | None = None


def lint_text(
    text: str,
    *,
    path: str | None = None,
    format: str | None = None,
    config: Settings | Mapping[str, Any] | str | Path | None = None,
    snippet: bool = False,
) -> tuple[Finding, ...]:
    """Lint a string. `format` is "markdown", "html" or "text" (default: from `path`, else Markdown).

    `config` is a Settings, a `[tool.medlint]`-shaped mapping, or a path to a config file.
    With `snippet`, the text is a passage (a sentence, a paragraph), not an article: checks of
    the whole article (what it leaves out, its reading grade) are left out, so "no sources, no
    date" is not said of a sentence.
    The default linter is built once and reused. A crash in medlint, or an `nlp-model` that is
    not installed, raises rather than returning no findings.
    """
    global _DEFAULT
    if config is None:
        if _DEFAULT is None:
            _DEFAULT = Linter()
        linter = _DEFAULT
    else:
        linter = Linter(_settings(config))
    outcome = linter.lint_text(text, path=path, format=format, contain=False)
    findings = attach_fixes(outcome.findings, outcome.source, {r.code: r for r in linter.rules})
    if snippet:
        findings = tuple(f for f in findings if not _whole_article(f))
    return findings


WHOLE_ARTICLE = frozenset({"RDB001", "RDB002"})
"""Span-free judgements of a whole text beside the completeness pack: document and section grades."""


def _whole_article(f: Finding) -> bool:
    return f.scope == "document" or f.pack == "completeness" or f.code in WHOLE_ARTICLE


def lint_paths(
    paths: Iterable[str | Path],
    *,
    config: Settings | Mapping[str, Any] | str | Path | None = None,
    claims: bool = False,
    jobs: int | None = 1,
    cache: bool = False,
    cache_dir: str | Path | None = None,
) -> Report:
    """Lint files and directories; each file uses the nearest config unless `config` is given.

    With `claims`, every file's claims register (`FileResult.claims`, `Report.claims()`) is
    filled even when no claim rule is selected. `jobs` processes lint files side by side (None:
    the cores available; the report is the same); `cache` reuses the results of unchanged files
    from the results cache (in `cache_dir`, default as for the command line). Both are off
    unless asked here, so a program that calls this gets no processes and no files it did not
    ask for; `run(RunOptions(...))` has the command line's defaults.
    """
    return run(
        RunOptions(
            paths=tuple(paths),
            config=_settings(config) if config is not None else None,
            claims=claims,
            jobs=jobs,
            cache=cache,
            cache_dir=cache_dir,
        )
    )


class Scorer:
    """Scorecards of texts (`medlint score` in Python): runs only the rules that judge a
    criterion, loaded once for many texts.

        card = Scorer().score_text(text, "draft.md")
        card.result("harms").verdict  # 'satisfactory' | 'not_satisfactory' | 'not_applicable'
    """

    def __init__(self, config: Settings | Mapping[str, Any] | str | Path | None = None) -> None:
        self.linter = Linter(_settings(config), criteria_only=True)

    def score_text(self, text: str, path: str = "<text>", format: str | None = None) -> Scorecard:
        """The card of one text; raises ValueError when it has none (empty text, or no
        criterion rule selected by the configuration)."""
        outcome = self.linter.lint_text(text, path=path, format=format, contain=False)
        card = outcome.file.scorecard if outcome.file is not None else None
        if card is None:
            why = outcome.errors[0].message if outcome.errors else "no rule that judges a criterion is selected"
            raise ValueError(f"{path}: no scorecard: {why}")
        return card


def score_paths(
    paths: Iterable[str | Path], *, config: Settings | Mapping[str, Any] | str | Path | None = None
) -> tuple[list[Scorecard], list[InputError]]:
    """Scorecards for files and directories (each file with the nearest configuration unless
    `config` is given), and one error per file that could not be read."""
    report = run(
        RunOptions(paths=tuple(paths), config=_settings(config) if config is not None else None, criteria_only=True)
    )
    return [f.scorecard for f in report.files if f.scorecard is not None], list(report.errors)
