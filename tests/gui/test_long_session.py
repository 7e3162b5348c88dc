"""A long day at the counter must not abort the interpreter (shiboken6 6.12 reference counts)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel

import shipdesk.gui  # noqa: F401  (keeps None, True and False alive on Python < 3.12)

CALLS = 60_000  # more than a fresh interpreter holds references to None or True


class _Emitter(QObject):
    fired = Signal(bool)


def test_many_qt_calls_and_signals_do_not_use_up_none_or_true(qtbot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    emitter = _Emitter()
    got: list[bool] = []
    emitter.fired.connect(got.append)
    for i in range(CALLS):
        label.setText("x" if i % 2 else "")  # returns nothing: None comes back
        emitter.fired.emit(i % 2 == 0)  # emit returns True
    assert len(got) == CALLS
    for obj in (None, True, False):
        assert sys.getrefcount(obj) > CALLS, obj
