"""Progress reporting and cancellation for long work (batch import, rendering many PDFs)."""

from __future__ import annotations

import threading
from collections.abc import Callable

ProgressCallback = Callable[[int, int, str], None]
"""Called as ``progress(done, total, message)``; ``total`` may be 0 when unknown."""


class Cancelled(Exception):
    """Raised inside long work when its CancelToken was cancelled."""


class CancelToken:
    """Thread-safe flag a GUI sets and a worker checks between steps."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise Cancelled()


def no_progress(done: int, total: int, message: str) -> None:
    """A ProgressCallback that ignores everything."""
