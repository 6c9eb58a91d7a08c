"""`medlint server`: the Language Server Protocol over stdio, with pygls.

- Diagnostics when a Markdown, HTML or plain-text document is opened, and after each change
  once typing pauses (`DEBOUNCE` seconds); only the document that changed is linted again. A
  result that arrives after a newer edit is dropped.
- Quick fixes (`quickfix` code actions) from the findings' fixes, safe ones preferred, and a
  `source.fixAll.medlint` action that applies every safe fix of the document.
- Hover over a finding shows its message and the rule's documentation (`medlint explain`).
- Configuration is read as on the command line (the nearest `.medlint.toml` or `pyproject.toml`
  above the document) and read again, with every open document linted again, when a
  configuration file is saved or changes on disk, or the client's settings change. A broken
  configuration is shown once as a message, not as diagnostics.

Linting runs on one worker thread, so the server answers while it lints and one `Linter` is
never used by two threads at once.
"""

from __future__ import annotations

import asyncio
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from medlint.api import Session
from medlint.config import ConfigError
from medlint.findings import Finding, Severity
from medlint.fix import attach_fixes
from medlint.parse import EXTENSIONS
from medlint.registry.rules import RulePackError
from medlint.version import __version__

DEBOUNCE = 0.3
"""Seconds of quiet after a change before the document is linted again."""
CONFIG_NAMES = (".medlint.toml", "pyproject.toml")
FIX_ALL = "source.fixAll.medlint"
_LANGUAGES = {"markdown": "markdown", "html": "html", "plaintext": "text"}
_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class Result:
    """The findings of one version of a document, and the text they were found in."""

    version: int | None
    text: str
    findings: tuple[Finding, ...]


class MedlintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("medlint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.session = Session()
        self.results: dict[str, Result] = {}
        self.pending: dict[str, asyncio.Task[None]] = {}
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="medlint-lint")
        self.reported: set[str] = set()
        self.lint_count = 0
        """Documents linted (tests check that only changed documents are linted again)."""


server = MedlintServer()


# -- positions ------------------------------------------------------------------------------


def _lines(text: str) -> list[str]:
    return _LINE_BREAK.split(text)


def _units(ls: MedlintServer) -> str:
    encoding = ls.workspace.position_encoding if ls.workspace is not None else None
    return str(encoding or types.PositionEncodingKind.Utf16)


def _to_client(ls: MedlintServer, lines: list[str], line: int, column: int) -> types.Position:
    """1-based line and column in code points -> an LSP position in the negotiated units."""
    row = max(0, line - 1)
    text = lines[row] if row < len(lines) else ""
    before = text[: max(0, column - 1)]
    units = _units(ls)
    if units == types.PositionEncodingKind.Utf32:
        n = len(before)
    elif units == types.PositionEncodingKind.Utf8:
        n = len(before.encode("utf-8"))
    else:
        n = len(before.encode("utf-16-le")) // 2
    return types.Position(line=row, character=n)


def _from_client(ls: MedlintServer, lines: list[str], pos: types.Position) -> tuple[int, int]:
    """An LSP position -> 1-based line and column in code points."""
    text = lines[pos.line] if pos.line < len(lines) else ""
    units, count, column = _units(ls), 0, 0
    for ch in text:
        if count >= pos.character:
            break
        if units == types.PositionEncodingKind.Utf32:
            count += 1
        elif units == types.PositionEncodingKind.Utf8:
            count += len(ch.encode("utf-8"))
        else:
            count += 2 if ord(ch) > 0xFFFF else 1
        column += 1
    return pos.line + 1, column + 1


def _range(ls: MedlintServer, lines: list[str], line: int, column: int, end_line: int, end_column: int) -> types.Range:
    return types.Range(_to_client(ls, lines, line, column), _to_client(ls, lines, end_line, end_column))


# -- linting --------------------------------------------------------------------------------


def _articles(session: Session, path: str) -> set[str]:
    """The article extensions for `path`: medlint's and its configuration's `extensions`."""
    try:
        return {*EXTENSIONS, *session.settings_for(Path(path).absolute()).extensions}
    except ConfigError:
        return set(EXTENSIONS)  # reported when the document is linted


def _path_and_format(session: Session, uri: str, language_id: str | None) -> tuple[str, str | None]:
    """The file's path, and the format to parse it as: None (by its extension, as `medlint
    check` would) for an article extension, else the editor's language."""
    path = to_fs_path(uri) or uri
    if Path(path).suffix.lower() in _articles(session, path):
        return path, None
    return path, _LANGUAGES.get(language_id or "", "markdown")


def _wanted(session: Session, uri: str, language_id: str | None) -> bool:
    path = to_fs_path(uri) or uri
    return Path(path).suffix.lower() in _articles(session, path) or (language_id or "") in _LANGUAGES


def _lint(ls: MedlintServer, uri: str, text: str, language_id: str | None) -> tuple[Finding, ...]:
    """Runs on the lint thread."""
    path, fmt = _path_and_format(ls.session, uri, language_id)
    linter = ls.session.linter_for(Path(path).absolute())
    outcome = linter.lint_text(text, path=path, format=fmt)
    ls.lint_count += 1
    return attach_fixes(outcome.findings, outcome.source, {r.code: r for r in linter.rules})


def _diagnostic(ls: MedlintServer, lines: list[str], f: Finding) -> types.Diagnostic:
    message = f.message + (f"\nSuggestion: {f.suggestion}" if f.suggestion and f.fix is None else "")
    rule = ls.session.rule(f.code)
    info = rule.info() if rule is not None else None
    return types.Diagnostic(
        range=_range(ls, lines, f.line, f.column, f.end_line, f.end_column),
        message=message,
        severity=_SEVERITY[f.severity],
        code=f.code,
        code_description=types.CodeDescription(href=info.help_uri) if info is not None and info.help_uri else None,
        source="medlint",
        data={"name": f.name, "fix": f.fix.to_json() if f.fix else None},
    )


def _publish(ls: MedlintServer, uri: str, diagnostics: list[types.Diagnostic], version: int | None) -> None:
    ls.text_document_publish_diagnostics(
        types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version)
    )


async def _lint_later(ls: MedlintServer, uri: str, delay: float) -> None:
    await asyncio.sleep(delay)
    doc = ls.workspace.get_text_document(uri)
    version, text = doc.version, doc.source
    loop = asyncio.get_running_loop()
    try:
        findings = await loop.run_in_executor(ls.executor, _lint, ls, uri, text, doc.language_id)
    except (ConfigError, RulePackError) as exc:
        message = str(exc)
        if message not in ls.reported:  # once, not on every keystroke
            ls.reported.add(message)
            ls.window_show_message(types.ShowMessageParams(types.MessageType.Error, f"medlint: {message}"))
        _publish(ls, uri, [], version)
        return
    current = ls.workspace.text_documents.get(uri)
    if current is None or current.version != version:
        return  # closed or edited meanwhile: a newer run publishes
    ls.results[uri] = Result(version, text, findings)
    lines = _lines(text)
    _publish(ls, uri, [_diagnostic(ls, lines, f) for f in findings], version)


def schedule(ls: MedlintServer, uri: str, delay: float) -> None:
    old = ls.pending.pop(uri, None)
    if old is not None:
        old.cancel()
    ls.pending[uri] = asyncio.ensure_future(_lint_later(ls, uri, delay))


def _reload(ls: MedlintServer) -> None:
    ls.session = Session()
    ls.reported.clear()
    for uri, doc in ls.workspace.text_documents.items():
        if _wanted(ls.session, uri, doc.language_id):
            schedule(ls, uri, 0)


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: MedlintServer, params: types.DidOpenTextDocumentParams) -> None:
    if _wanted(ls.session, params.text_document.uri, params.text_document.language_id):
        schedule(ls, params.text_document.uri, 0)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: MedlintServer, params: types.DidChangeTextDocumentParams) -> None:
    doc = ls.workspace.get_text_document(params.text_document.uri)
    if _wanted(ls.session, doc.uri, doc.language_id):
        schedule(ls, doc.uri, DEBOUNCE)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: MedlintServer, params: types.DidSaveTextDocumentParams) -> None:
    if Path(to_fs_path(params.text_document.uri) or "").name in CONFIG_NAMES:
        _reload(ls)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: MedlintServer, params: types.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    task = ls.pending.pop(uri, None)
    if task is not None:
        task.cancel()
    ls.results.pop(uri, None)
    _publish(ls, uri, [], None)


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def did_change_watched_files(ls: MedlintServer, params: types.DidChangeWatchedFilesParams) -> None:
    if any(Path(to_fs_path(c.uri) or "").name in CONFIG_NAMES for c in params.changes):
        _reload(ls)


@server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
def did_change_configuration(ls: MedlintServer, params: types.DidChangeConfigurationParams) -> None:
    _reload(ls)


def _edit(ls: MedlintServer, lines: list[str], f: Finding) -> list[types.TextEdit]:
    assert f.fix is not None
    return [
        types.TextEdit(range=_range(ls, lines, e.line, e.column, e.end_line, e.end_column), new_text=e.content)
        for e in f.fix.edits
    ]


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL], resolve_provider=False),
)
def code_action(ls: MedlintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    uri = params.text_document.uri
    result = ls.results.get(uri)
    doc = ls.workspace.text_documents.get(uri)
    if result is None or doc is None or doc.version != result.version:
        return []  # findings of an older text: their ranges no longer hold
    lines = _lines(result.text)
    start = _from_client(ls, lines, params.range.start)
    end = _from_client(ls, lines, params.range.end)
    only = params.context.only
    actions: list[types.CodeAction] = []
    if only is None or types.CodeActionKind.QuickFix in only:
        for f in result.findings:
            if f.fix is None or (f.end_line, f.end_column) < start or (f.line, f.column) > end:
                continue
            actions.append(
                types.CodeAction(
                    title=f"{f.fix.message} ({f.code})" + ("" if f.fix.applicability == "safe" else " [unsafe]"),
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[_diagnostic(ls, lines, f)],
                    edit=types.WorkspaceEdit(changes={uri: _edit(ls, lines, f)}),
                    is_preferred=f.fix.applicability == "safe",
                )
            )
    safe = [f for f in result.findings if f.fix is not None and f.fix.applicability == "safe"]
    wants_all = only is not None and any(k in (FIX_ALL, types.CodeActionKind.SourceFixAll) for k in only)
    if safe and (wants_all or only is None):
        edits = [e for f in safe for e in _edit(ls, lines, f)]
        actions.append(
            types.CodeAction(
                title=f"medlint: apply {len(safe)} safe fix{'es' * (len(safe) != 1)}",
                kind=FIX_ALL,
                edit=types.WorkspaceEdit(changes={uri: edits}),
            )
        )
    return actions


@server.feature(types.TEXT_DOCUMENT_HOVER)
def hover(ls: MedlintServer, params: types.HoverParams) -> types.Hover | None:
    from medlint.registry.docs import rule_markdown

    uri = params.text_document.uri
    result = ls.results.get(uri)
    if result is None:
        return None
    lines = _lines(result.text)
    at = _from_client(ls, lines, params.position)
    hits = [
        f
        for f in result.findings
        if f.scope == "span" and (f.line, f.column) <= at < (f.end_line, max(f.end_column, f.column + 1))
    ]
    if not hits:
        return None
    parts = []
    for f in hits:
        rule = ls.session.rule(f.code)
        doc = rule_markdown(rule) if rule is not None else ""
        parts.append(f"**{f.code} {f.name}**: {f.message}\n\n{doc}")
    f = hits[0]
    return types.Hover(
        contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)),
        range=_range(ls, lines, f.line, f.column, f.end_line, f.end_column),
    )


def main() -> int:
    server.start_io()
    return 0
