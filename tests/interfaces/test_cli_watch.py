"""`medlint check --watch` lints again the files that change, and only those."""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path

GOOD = "# Note\n\nWalking helps many people.\n"
BAD = "# Note\n\nThis miracle cure works.\n"


def test_watch_lints_changed_files_again(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(GOOD)
    (tmp_path / "b.md").write_text(GOOD)
    env = {**os.environ, "MEDLINT_WATCH_INTERVAL": "0.1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "medlint", "check", str(tmp_path), "--watch", "--select", "CLM001", "--color", "never"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,  # one pipe: the report (flushed) comes before "watching", in order
        text=True,
        env=env,
    )
    lines: queue.Queue[str] = queue.Queue()

    def pump(stream: object) -> None:
        for line in stream:  # type: ignore[attr-defined]
            lines.put(line.rstrip("\n"))

    threading.Thread(target=pump, args=(proc.stdout,), daemon=True).start()

    def wait_for(text: str, timeout: float = 60) -> list[str]:
        seen, end = [], time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                line = lines.get(timeout=0.5)
            except queue.Empty:
                continue
            seen.append(line)
            if text in line:
                return seen
        raise AssertionError(f"{text!r} never came; got {seen}")

    try:
        first = wait_for("watching for changes")
        assert "No findings in 2 files." in first
        time.sleep(0.3)
        (tmp_path / "b.md").write_text(BAD)
        second = wait_for("Found 1 finding")
        assert "1 changed file" in "\n".join(second)
        assert any(line.startswith(f"{tmp_path / 'b.md'}:3:6: CLM001") for line in second)
        assert not any("a.md" in line for line in second)  # a.md did not change: not linted again
        (tmp_path / "b.md").write_text(GOOD)
        third = wait_for("No findings in 1 file.")
        assert "1 changed file" in "\n".join(third)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
