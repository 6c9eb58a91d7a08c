"""CPU-time budgets for a file and for each rule on it: hostile input or a rule pack's
catastrophic regular expression is stopped and reported, never hangs the run."""

from __future__ import annotations

import contextlib
import signal
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

_T = TypeVar("_T")


class BudgetExceeded(Exception):
    """A file or a rule ran past its CPU time budget (the API raises this; the command line
    reports it as a one-line error)."""


class _Overtime(BaseException):
    """Raised by the CPU timer inside whatever was running; a BaseException so that no
    `except Exception` on the way (a rule's, a library's) can swallow it."""

    def __init__(self, token: object) -> None:
        super().__init__("time budget exceeded")
        self.token = token


class _Budgets:
    """Nested CPU-time deadlines (a file's, a rule's inside it) on one SIGPROF interval timer.

    The linear-time work is the real guard; this is the safety net for what is not (a rule
    pack's catastrophic regular expression, a bug): Python's regex engine checks for signals
    as it backtracks, so the timer stops it mid-match. The deadlines are process CPU time, as
    the timer counts it. Only in the main thread of a platform with `setitimer`, and only when
    nothing else (a profiler) owns SIGPROF; elsewhere the budgets are off.
    """

    def __init__(self) -> None:
        self.stack: list[tuple[float, object]] = []
        self.paused: frozenset[object] = frozenset()

    def _handler(self, signum: int, frame: Any) -> None:
        now = time.process_time()
        for deadline, token in self.stack:  # the outermost expired budget wins
            if deadline <= now and token not in self.paused:
                raise _Overtime(token)
        self._arm()

    def _usable(self) -> bool:
        if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
            return False
        current = signal.getsignal(signal.SIGPROF)
        if current == self._handler:
            return True
        if current not in (signal.SIG_DFL, signal.SIG_IGN, None):
            return False  # someone else's (a profiler)
        signal.signal(signal.SIGPROF, self._handler)  # stays: a no-op while no budget runs
        return True

    def _arm(self) -> None:
        live = [d for d, t in self.stack if t not in self.paused]
        if live:
            signal.setitimer(signal.ITIMER_PROF, max(min(live) - time.process_time(), 0.001))
        else:
            signal.setitimer(signal.ITIMER_PROF, 0)

    def _settle(self, change: Callable[[], None]) -> None:
        """Apply a change of the deadlines; the timer may fire in the middle, so the change is
        idempotent and retried. An outer deadline that passed meanwhile fires right after."""
        while True:
            try:
                change()
                self._arm()
                return
            except _Overtime:
                continue

    @contextlib.contextmanager
    def limit(self, seconds: float) -> Iterator[object | None]:
        """Run the body under a deadline `seconds` of CPU from now; yields the token that an
        `_Overtime` raised for this deadline carries (None when budgets are off)."""
        if not self._usable():
            yield None
            return
        token = object()
        entry = (time.process_time() + seconds, token)

        def push() -> None:
            if entry not in self.stack:
                self.stack = [*self.stack, entry]

        def pop() -> None:
            self.stack = [e for e in self.stack if e[1] is not token]

        self._settle(push)
        try:
            yield token
        finally:
            self._settle(pop)

    @contextlib.contextmanager
    def exempt(self) -> Iterator[None]:
        """CPU time spent in the body (one-off loading of shared data) counts against none of
        the deadlines already running; budgets set inside it still apply."""
        outer = frozenset(t for _, t in self.stack) - self.paused
        if not outer:
            yield
            return
        start = time.process_time()
        self.paused = self.paused | outer
        try:
            yield
        finally:
            spent = time.process_time() - start

            def resume() -> None:
                self.stack = [(d + spent, t) if t in outer else (d, t) for d, t in self.stack]
                self.paused = self.paused - outer

            if self.paused & outer:
                self._settle(resume)


BUDGETS = _Budgets()
"""The process's one CPU timer (SIGPROF is per process)."""


def budget(base: float, per_mb: float, size: int) -> float:
    return base + per_mb * size / 1_000_000


def within(seconds: float, run: Callable[[], _T]) -> _T:
    """`run()`, or BudgetExceeded once it has used `seconds` of CPU."""
    token: object | None = None
    try:
        with BUDGETS.limit(seconds) as token:
            return run()
    except _Overtime as exc:
        if token is None or exc.token is not token:
            raise  # an outer budget's: the file's, while a rule ran
        raise BudgetExceeded(seconds) from None
