"""The window's thread is marked busy for each turn of its event loop and idle while it waits
for events, so work on the pool steps aside during its turns (gui/app.py, core/pacing.py)."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QEventLoop, QTimer

from shipdesk.core import pacing
from shipdesk.gui import app as gui_app
from shipdesk.gui import workers


@pytest.fixture
def long_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pacing, "MAX_STEP_ASIDE_S", 30.0)


def test_busy_inside_a_turn_and_work_goes_on_while_the_loop_waits(qtbot, long_waits) -> None:
    gui_app.pace_the_pool()
    assert pacing.paced()
    inside: list[bool] = []
    QTimer.singleShot(0, lambda: inside.append(pacing.foreground_is_busy()))
    started, done = threading.Event(), threading.Event()

    def work() -> None:
        started.wait(30)
        with pacing.paced_work():
            pacing.step_aside()  # goes on only while the window's loop waits for events
        done.set()

    threading.Thread(target=work, daemon=True).start()
    loop = QEventLoop()
    poll = QTimer(interval=5)
    poll.timeout.connect(lambda: loop.quit() if done.is_set() else started.set())
    poll.start()
    QTimer.singleShot(20_000, loop.quit)  # a failure, not a hang
    loop.exec()
    poll.stop()
    assert inside == [True]
    assert done.is_set()


def test_the_pacing_is_undone(qtbot, long_waits) -> None:
    gui_app.pace_the_pool()
    gui_app.stop_pacing_the_pool()
    assert not pacing.paced()
    QTimer.singleShot(0, lambda: None)
    qtbot.wait(10)
    assert not pacing.foreground_is_busy()


def test_the_pools_tasks_are_paced_work_and_the_window_thread_is_not(qtbot) -> None:
    workers.set_synchronous(False)
    got: list[bool] = []
    workers.run_async(pacing.in_paced_work, got.append)
    qtbot.waitUntil(lambda: bool(got), timeout=10_000)
    assert got == [True] and not pacing.in_paced_work()
