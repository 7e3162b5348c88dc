"""The steps not shown are laid out in idle turns after the window is shown, so opening one
only paints it (docs/benchmarks.md, "Typing latency")."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget


class _Geometry(QObject):
    """Counts the move and resize events the widgets of one page receive."""

    def __init__(self, page: QWidget) -> None:
        super().__init__()
        self.page = page
        self.count = 0

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Move, QEvent.Type.Resize) and (
            obj is self.page or (isinstance(obj, QWidget) and self.page.isAncestorOf(obj))
        ):
            self.count += 1
        return False


def _open_items_step(qtbot, window) -> int:
    """Open the items step; how many move and resize events its widgets got meanwhile."""
    page = window.stack.widget(2)
    counter = _Geometry(page)
    app = QApplication.instance()
    app.installEventFilter(counter)
    try:
        window.go_to_step(2)
        qtbot.waitUntil(lambda: page.isVisible())
        for _ in range(5):
            app.processEvents()
    finally:
        app.removeEventFilter(counter)
    return counter.count


def test_opening_a_step_laid_out_in_idle_turns_only_paints_it(qtbot, window) -> None:
    window.resize(1280, 720)
    qtbot.waitUntil(lambda: window.stack.currentWidget().width() > 0)
    done: list[bool] = []
    timer = window.prepare_steps()
    timer.timeout.connect(lambda: done.append(not timer.isActive()))
    qtbot.waitUntil(lambda: any(done), timeout=5000)
    items = window.stack.widget(2)
    assert not items.isVisible()
    assert items.geometry() == window.stack.currentWidget().geometry()
    table = window.items_page.table
    assert table.width() > window.width() // 2  # laid out at the window's size while hidden
    assert _open_items_step(qtbot, window) == 0


def test_without_it_the_first_opening_lays_the_step_out(qtbot, window) -> None:
    """The measure of the test above can fail: unprepared, the page's widgets are moved and
    resized as the step opens."""
    window.resize(1280, 720)
    qtbot.waitUntil(lambda: window.stack.currentWidget().width() > 0)
    assert _open_items_step(qtbot, window) > 50
