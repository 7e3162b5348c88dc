"""Background work that steps aside while the foreground thread is busy.

Python runs one thread at a time (the interpreter lock). An HS search or a check on a worker
thread and the window's thread take turns at it: each time the window's thread comes back
from Qt into Python (an event filter, a slot, a model's ``data``: dozens of times in one turn
of its event loop) it may wait for the worker to give the lock up, so a turn of 6 ms of work
could take 15-20 ms while a search ran (docs/benchmarks.md, "Typing latency").

The thread that serves a person says when it starts a turn and when it waits for events
again (:func:`foreground_busy`, :func:`foreground_idle`); long work on other threads calls
:func:`step_aside` between its steps (each step well under 2 ms), which waits, without the
lock, while the foreground is busy. A wait ends after ``MAX_STEP_ASIDE_S`` at the latest, and
the work then goes on unpaced for as long again, so it always gets at least half of the time
even when the foreground never goes idle (it waits for this very work, say). Only work run
inside :func:`paced_work` steps aside (the GUI's thread pool runs every task so), and nothing
is paced until :func:`set_foreground` names the thread: the command line, the start-up
warm-up (the window may wait for what it loads) and work run on the foreground thread itself
never wait.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = [
    "MAX_STEP_ASIDE_S",
    "foreground_busy",
    "foreground_idle",
    "foreground_is_busy",
    "in_paced_work",
    "paced",
    "paced_work",
    "set_foreground",
    "step_aside",
    "waited",
]

# A turn of the window's loop is meant to stay under 16 ms; one that is still busy after this
# is an unusual one (a dialog opening, a PDF made), and the work goes on beside it.
MAX_STEP_ASIDE_S = 0.025

_idle = threading.Event()
_idle.set()
_foreground: int | None = None
_local = threading.local()  # per thread: .work (inside paced_work), .until (unpaced until)
_stats_lock = threading.Lock()
_waits = [0, 0.0]  # how many times work stepped aside, and for how long in all (seconds)


def set_foreground(thread_id: int | None) -> None:
    """Pace the other threads' work around ``thread_id`` (``threading.get_ident()``); None
    stops the pacing."""
    global _foreground
    _foreground = thread_id
    _idle.set()


def paced() -> bool:
    """Whether a foreground thread is named."""
    return _foreground is not None


def foreground_busy() -> None:
    """The foreground thread started a turn of work."""
    if _foreground is not None and _idle.is_set():
        _idle.clear()


def foreground_idle() -> None:
    """The foreground thread waits for events again (or for the work of other threads)."""
    if not _idle.is_set():
        _idle.set()


def foreground_is_busy() -> bool:
    """Whether work that steps aside now would wait."""
    return _foreground is not None and not _idle.is_set()


@contextmanager
def paced_work() -> Iterator[None]:
    """Run the work of the ``with`` block on this thread as work that steps aside."""
    before = getattr(_local, "work", False)
    _local.work = True
    try:
        yield
    finally:
        _local.work = before


def in_paced_work() -> bool:
    """Whether this thread runs paced work now."""
    return bool(getattr(_local, "work", False))


def step_aside() -> None:
    """Between two steps of long work: while the foreground thread is busy, wait (without
    the interpreter lock) until it is idle again, ``MAX_STEP_ASIDE_S`` at most; after a wait
    that lasted that long, go on unpaced for as long. Returns at once when nothing is paced,
    outside :func:`paced_work`, and while the foreground is idle."""
    if _idle.is_set() or _foreground is None or not getattr(_local, "work", False):
        return
    if threading.get_ident() == _foreground:
        return
    start = time.monotonic()
    if start < getattr(_local, "until", 0.0):
        return
    limit = MAX_STEP_ASIDE_S
    if not _idle.wait(limit):
        _local.until = time.monotonic() + limit
    with _stats_lock:
        _waits[0] += 1
        _waits[1] += time.monotonic() - start


def waited() -> tuple[int, float]:
    """How many times work stepped aside so far, and for how many seconds in all."""
    with _stats_lock:
        return int(_waits[0]), float(_waits[1])
