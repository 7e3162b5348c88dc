"""The one way to run work off the GUI thread.

``run_async(fn, on_done, on_error)`` runs ``fn()`` on the global QThreadPool and delivers the
result (or the exception) back on the GUI thread through a queued signal. Tests may switch to
synchronous mode with ``set_synchronous(True)`` so they stay deterministic.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from shipdesk.core import pacing

log = logging.getLogger("shipdesk.gui.workers")

T = TypeVar("T")

_synchronous = False
_live: set[_Relay] = set()


def set_synchronous(value: bool) -> None:
    global _synchronous
    _synchronous = value


class _Relay(QObject):
    done = Signal(object)
    failed = Signal(object, str)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], object], relay: _Relay):
        super().__init__()
        self.fn = fn
        self.relay = relay
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            with pacing.paced_work():  # it steps aside while the window's thread is busy
                pacing.step_aside()  # nor does it start in the middle of the window's turn
                result = self.fn()
        except BaseException as exc:  # delivered to the GUI thread, never lost
            self.relay.failed.emit(exc, traceback.format_exc())
        else:
            self.relay.done.emit(result)


def run_async(
    fn: Callable[[], T],
    on_done: Callable[[T], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
) -> None:
    """Run fn in the pool; call on_done(result) or on_error(exc) on the GUI thread."""
    if _synchronous:
        try:
            result = fn()
        except Exception as exc:
            log.exception("background task failed")
            if on_error:
                on_error(exc)
            return
        if on_done:
            on_done(result)
        return
    relay = _Relay()
    _live.add(relay)

    def _finish_ok(result: T) -> None:
        _live.discard(relay)
        if on_done:
            on_done(result)

    def _finish_err(exc: BaseException, tb: str) -> None:
        _live.discard(relay)
        log.error("background task failed\n%s", tb)
        if on_error:
            on_error(exc)

    relay.done.connect(_finish_ok)
    relay.failed.connect(_finish_err)
    QThreadPool.globalInstance().start(_Task(fn, relay))


def wait_all(msecs: int = 10_000) -> bool:
    """Wait for running tasks (on quit and in tests)."""
    pacing.foreground_idle()  # the window waits for them: they need not step aside for it
    return QThreadPool.globalInstance().waitForDone(msecs)
