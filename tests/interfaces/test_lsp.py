"""`medlint server` end to end: a real LSP client (pygls) drives the server over stdio."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pygls")
from lsprotocol import types
from pygls.lsp.client import LanguageClient

TEXT = "# Before the operation\n\nStop eating six hours prior to the test. 🏥 A miracle cure.\n"


class Client:
    def __init__(self) -> None:
        self.lsp = LanguageClient("medlint-test", "1")
        self.diagnostics: asyncio.Queue[types.PublishDiagnosticsParams] = asyncio.Queue()
        self.messages: list[str] = []

        @self.lsp.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def publish(params: types.PublishDiagnosticsParams) -> None:
            self.diagnostics.put_nowait(params)

        @self.lsp.feature(types.WINDOW_SHOW_MESSAGE)
        def show(params: types.ShowMessageParams) -> None:
            self.messages.append(params.message)

    async def next_diagnostics(self, uri: str, timeout: float = 60) -> types.PublishDiagnosticsParams:
        while True:
            params = await asyncio.wait_for(self.diagnostics.get(), timeout)
            if params.uri == uri:
                return params


def apply(text: str, edits: list[types.TextEdit]) -> str:
    """Apply LSP edits (UTF-16 positions) to a text, from the end."""
    lines = text.split("\n")

    def offset(pos: types.Position) -> int:
        before = sum(len(line) + 1 for line in lines[: pos.line])
        line, units, col = lines[pos.line], 0, 0
        while units < pos.character:
            units += 2 if ord(line[col]) > 0xFFFF else 1
            col += 1
        return before + col

    for e in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[: offset(e.range.start)] + e.new_text + text[offset(e.range.end) :]
    return text


def by_code(params: types.PublishDiagnosticsParams) -> dict[Any, types.Diagnostic]:
    return {d.code: d for d in params.diagnostics}


def run(coro: Any) -> Any:
    return asyncio.run(asyncio.wait_for(coro, 240))


async def close(client: Client) -> None:
    """Stop the client; end the server if it did not exit (a failed test sent no exit)."""
    server = getattr(client.lsp, "_server", None)
    if server is not None and server.returncode is None:
        try:
            await asyncio.wait_for(server.wait(), 5)
        except TimeoutError:
            server.kill()
    await asyncio.wait_for(client.lsp.stop(), 30)


async def ask(request: Any, timeout: float = 60) -> Any:
    """A request's answer, or a TimeoutError that says which request hung."""
    return await asyncio.wait_for(request, timeout)


async def session(tmp_path: Path) -> None:
    (tmp_path / ".medlint.toml").write_text('select = ["RDB008", "CLM001"]\n')
    doc = tmp_path / "op.md"
    doc.write_text(TEXT)
    uri = doc.as_uri()
    client = Client()
    await client.lsp.start_io(sys.executable, "-m", "medlint", "server")
    try:
        await ask(
            client.lsp.initialize_async(
                types.InitializeParams(capabilities=types.ClientCapabilities(), root_uri=tmp_path.as_uri())
            )
        )
        client.lsp.initialized(types.InitializedParams())
        client.lsp.text_document_did_open(
            types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "markdown", 1, TEXT))
        )
        first = await client.next_diagnostics(uri)
        found = by_code(first)
        assert set(found) == {"RDB008", "CLM001"}
        line = TEXT.split("\n")[2]
        prior = line.index("prior")
        assert found["RDB008"].range == types.Range(
            types.Position(2, prior), types.Position(2, prior + len("prior to"))
        )
        assert found["RDB008"].severity == types.DiagnosticSeverity.Information and found["RDB008"].source == "medlint"
        # After the emoji (two UTF-16 units, one character), LSP columns are one more than characters.
        miracle = line.index("miracle")
        assert found["CLM001"].range.start == types.Position(2, miracle + 1)
        assert found["CLM001"].range.end == types.Position(2, miracle + 1 + len("miracle"))

        # Hover over the finding shows the rule's documentation.
        hover = await ask(
            client.lsp.text_document_hover_async(
                types.HoverParams(types.TextDocumentIdentifier(uri), types.Position(2, prior + 2))
            )
        )
        assert hover is not None and isinstance(hover.contents, types.MarkupContent)
        assert "RDB008 wordy-complex-word" in hover.contents.value and "PEMAT" in hover.contents.value
        nothing = await ask(
            client.lsp.text_document_hover_async(
                types.HoverParams(types.TextDocumentIdentifier(uri), types.Position(0, 3))
            )
        )
        assert nothing is None

        # The quick fix for the wordy phrase.
        actions = await ask(
            client.lsp.text_document_code_action_async(
                types.CodeActionParams(
                    types.TextDocumentIdentifier(uri),
                    found["RDB008"].range,
                    types.CodeActionContext(diagnostics=[found["RDB008"]]),
                )
            )
        )
        quick = [
            a for a in actions or [] if isinstance(a, types.CodeAction) and a.kind == types.CodeActionKind.QuickFix
        ]
        assert len(quick) == 1 and quick[0].is_preferred
        assert quick[0].title == "Replace 'prior to' with 'before' (RDB008)"
        assert quick[0].edit is not None and quick[0].edit.changes is not None
        fixed = apply(TEXT, list(quick[0].edit.changes[uri]))
        assert fixed == TEXT.replace("prior to", "before")

        # The client applies it; the server lints the changed document again.
        client.lsp.text_document_did_change(
            types.DidChangeTextDocumentParams(
                types.VersionedTextDocumentIdentifier(version=2, uri=uri),
                [types.TextDocumentContentChangeWholeDocument(text=fixed)],
            )
        )
        second = await client.next_diagnostics(uri)
        assert second.version == 2 and set(by_code(second)) == {"CLM001"}

        # A configuration change on disk: CLM001 is no longer selected.
        (tmp_path / ".medlint.toml").write_text('select = ["RDB008"]\n')
        client.lsp.workspace_did_change_watched_files(
            types.DidChangeWatchedFilesParams(
                [types.FileEvent((tmp_path / ".medlint.toml").as_uri(), types.FileChangeType.Changed)]
            )
        )
        third = await client.next_diagnostics(uri)
        assert not third.diagnostics

        # A broken configuration is a message, once, not a crash.
        (tmp_path / ".medlint.toml").write_text('selec = ["RDB008"]\n')
        client.lsp.workspace_did_change_watched_files(
            types.DidChangeWatchedFilesParams(
                [types.FileEvent((tmp_path / ".medlint.toml").as_uri(), types.FileChangeType.Changed)]
            )
        )
        assert not (await client.next_diagnostics(uri)).diagnostics
        assert len(client.messages) == 1 and "unknown key 'selec'" in client.messages[0]
        await ask(client.lsp.shutdown_async(None))
        client.lsp.exit(None)
    finally:
        await close(client)


async def debounce(tmp_path: Path) -> None:
    """Several quick edits to one document give one lint of the last text; a second open
    document is not linted again."""
    (tmp_path / ".medlint.toml").write_text('select = ["CLM001"]\n')
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    for p in (a, b):
        p.write_text("# Note\n\nA miracle.\n")
    client = Client()
    await client.lsp.start_io(sys.executable, "-m", "medlint", "server")
    try:
        await ask(client.lsp.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities())))
        client.lsp.initialized(types.InitializedParams())
        for p in (a, b):
            client.lsp.text_document_did_open(
                types.DidOpenTextDocumentParams(types.TextDocumentItem(p.as_uri(), "markdown", 1, p.read_text()))
            )
        got = {(await client.next_diagnostics(u)).uri for u in (a.as_uri(), b.as_uri())}
        assert got == {a.as_uri(), b.as_uri()}
        text = "# Note\n\nA miracle."
        for version in range(2, 7):  # typing: five changes well inside the debounce window
            text += " A miracle."
            client.lsp.text_document_did_change(
                types.DidChangeTextDocumentParams(
                    types.VersionedTextDocumentIdentifier(version=version, uri=a.as_uri()),
                    [types.TextDocumentContentChangeWholeDocument(text=text + "\n")],
                )
            )
        result = await client.next_diagnostics(a.as_uri())
        assert result.version == 6 and len(result.diagnostics) == 6
        await asyncio.sleep(1.0)
        assert client.diagnostics.empty()  # no diagnostics for b, nor for the older versions of a
        await ask(client.lsp.shutdown_async(None))
        client.lsp.exit(None)
    finally:
        await close(client)


@pytest.mark.slow  # about 17 s each: a server process that loads spaCy, several lint rounds
def test_lsp_session_end_to_end(tmp_path: Path) -> None:
    run(session(tmp_path))


@pytest.mark.slow
def test_lsp_debounces_and_lints_only_changed_documents(tmp_path: Path) -> None:
    run(debounce(tmp_path))


def test_the_server_lints_the_extensions_the_configuration_maps(tmp_path: Path) -> None:
    """A .php page is an article where `extensions` says so, parsed as the mapped format
    (the editor calls its language "php", which medlint does not know)."""
    from medlint.server import _path_and_format, _wanted
    from medlint.session import Session

    site = tmp_path / "site"
    site.mkdir()
    (site / ".medlint.toml").write_text('extensions = { php = "html" }\n')
    page, other = (site / "page.php").as_uri(), (tmp_path / "page.php").as_uri()
    session = Session()
    assert _wanted(session, page, "php") and not _wanted(session, other, "php")
    assert _path_and_format(session, page, "php") == (str(site / "page.php"), None)
    assert _wanted(session, (tmp_path / "a.md").as_uri(), "markdown")
