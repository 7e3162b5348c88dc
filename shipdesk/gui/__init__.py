"""The desktop face of ShipDesk (PySide6). Thin: every decision is made in shipdesk.core."""

from __future__ import annotations

import sys

# Under Python 3.10/3.11, shiboken6 6.12.0 gives back one reference too many to None on every
# call of a Qt method that returns nothing (setText, setToolTip, QTimer.start...) and to True on
# every signal emitted from Python. After some ten thousand calls (about 1,700 typed keys with
# the live checks) a count reaches zero and the interpreter aborts: the window vanishes with the
# customer's typing. From Python 3.12 these objects are immortal; before it, a huge count keeps
# them alive for any session's lifetime.
SINGLETON_MARGIN = 1 << 48


def keep_singletons_alive() -> None:
    if sys.version_info >= (3, 12):
        return
    import ctypes

    for obj in (None, True, False):
        count = ctypes.c_ssize_t.from_address(id(obj))  # ob_refcnt, first field of an object
        if count.value < SINGLETON_MARGIN // 2:
            count.value += SINGLETON_MARGIN


keep_singletons_alive()
