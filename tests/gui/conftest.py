"""GUI tests: one QApplication, offscreen, background work run synchronously."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")


@pytest.fixture(autouse=True)
def synchronous_workers():
    from shipdesk.gui import workers

    workers.set_synchronous(True)
    yield
    workers.set_synchronous(False)


@pytest.fixture
def window(qtbot, workspace):
    from shipdesk.gui.main_window import MainWindow

    w = MainWindow(workspace)
    qtbot.addWidget(w)
    w.session.load(w.default_declaration())
    w.show()
    return w


@pytest.fixture(autouse=True)
def unpaced_after_each_test():
    """A test that launched the app leaves no pacing of the pool behind (gui/app.py)."""
    yield
    from shipdesk.gui import app as gui_app

    gui_app.stop_pacing_the_pool()
