"""Laying out the steps not shown yet, in the idle turns after the window is shown.

A page of a stack is laid out when it is first shown: every widget gets its pending move and
resize events and its layout works out the geometry at the window's size, and only then is
the page painted. For the items step (the table, its delegates, the HS search and the flags)
that was 5-7 ms of the window's thread on top of the 7-9 ms of painting, all in the turn that
opens the step, while the HS search that opening starts ran on the pool
(docs/benchmarks.md, "Typing latency"). Done ahead of time, in short slices while nobody
types, opening the step only paints. A resize of the window lays them out again once it
settles (``MainWindow``), or the first opening after it paid the layout again.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

from PySide6.QtCore import QRect, QTimer
from PySide6.QtGui import QPixmap, QRegion
from PySide6.QtWidgets import QStackedWidget, QWidget

# Idle turns go on with the next step while under this budget; one step (a page's layout, at
# most about 2.5 ms for the items step; one widget's paint, under 2 ms) may end past it.
SLICE_S = 0.002


def _lay_out(page: QWidget, rect: QRect) -> None:
    """Lay ``page`` out at ``rect`` while it stays hidden: a paint of one pixel makes Qt send
    the pending move and resize events and activate every layout below it, as showing does;
    that paint sizes a hidden page to its hint, so the geometry is set once more after it."""
    page.setGeometry(rect)
    page.render(QPixmap(1, 1), sourceRegion=QRegion(0, 0, 1, 1))
    page.setGeometry(rect)


def _paint_leaves(page: QWidget) -> Iterator[bool]:
    """Paint each widget without children once, off screen (fonts, icons and the delegates'
    first paint), one widget a step."""
    for child in page.findChildren(QWidget):
        if child.isWindow() or child.isHidden():
            continue
        if any(isinstance(grandchild, QWidget) for grandchild in child.children()):
            continue
        child.render(QPixmap(max(child.width(), 1), max(child.height(), 1)))
        yield False


def _steps(stack: QStackedWidget, order: list[int], paint: bool) -> Iterator[bool]:
    """The work, a step at a time; True: the next step is heavy, let it start a slice."""
    for index in order:
        page = stack.widget(index)
        current = stack.currentWidget()
        if page is None or current is None or page is current:
            continue
        yield True
        _lay_out(page, current.geometry())
        yield False
        for step in _paint_leaves(page) if paint else iter(()):
            if page.isVisible():  # opened meanwhile: shown and painted already
                break
            yield step
        if not page.isVisible():
            page.setGeometry(current.geometry())  # as the stack will show it
        yield False


def prepare_hidden_pages(
    stack: QStackedWidget,
    order: list[int],
    done: Callable[[], None] | None = None,
    *,
    paint: bool = True,
) -> QTimer:
    """Lay out and paint once, in slices of about ``SLICE_S`` in idle turns of the event
    loop, the pages of ``stack`` at ``order`` that are not shown. Returns the timer driving it
    (stopped when done; ``done`` is called then). ``paint=False`` only lays them out (again,
    after the window was resized: their widgets were painted once already)."""
    work = _steps(stack, order, paint)
    timer = QTimer(stack)
    timer.setSingleShot(True)
    timer.setInterval(0)

    def run_slice() -> None:
        start = time.perf_counter()
        for heavy_next in work:
            spent = time.perf_counter() - start
            if spent >= SLICE_S or (heavy_next and spent > 0.0005):
                timer.start()
                return
        if done is not None:
            done()

    timer.timeout.connect(run_slice)
    timer.start()
    return timer
