"""Every step, with the HS question and the findings open, works in a 1280x720 window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QSize
from PySide6.QtWidgets import QApplication, QScrollArea

from shipdesk.core.services import declarations

SCREEN = QSize(1280, 720)
# Descriptions whose HS search asks a question: "sweater" asks for the main fibre with four long
# answers (the window once became 1464 px wide), "shoes" and "bag" three.
QUESTIONS = ["sweater", "shoes", "bag", "cotton shirt", "trousers"]


def _within(window, widget) -> bool:
    top_left = widget.mapTo(window, QPoint(0, 0))
    bottom_right = widget.mapTo(window, widget.rect().bottomRight())
    return window.rect().contains(top_left) and window.rect().contains(bottom_right)


def _assert_fits(window, where: str) -> None:
    for _ in range(3):  # layouts settle through posted events
        window.layout().activate()
        QApplication.processEvents()
    for size in (window.minimumSizeHint(), window.minimumSize()):
        assert size.width() <= SCREEN.width() and size.height() <= SCREEN.height(), (where, size)
    assert window.size() == SCREEN, where
    for button in (window.back_btn, window.next_btn):
        assert button.isVisible() and _within(window, button), (where, button.objectName())
    # The step scrolls when the window is smaller still; at 1280x720 it needs no scrolling.
    area = window.stack.currentWidget()
    assert isinstance(area, QScrollArea), where
    assert not area.horizontalScrollBar().isVisible(), where
    assert not area.verticalScrollBar().isVisible(), where


@pytest.fixture
def small_window(qtbot, window, sample_path):
    window.session.load(declarations.load(sample_path))
    window.resize(SCREEN)
    qtbot.waitUntil(lambda: window.size() == SCREEN)
    return window


def test_every_step_fits_1280x720(qtbot, small_window) -> None:
    w = small_window
    for step in range(len(w.pages)):
        w.go_to_step(step)
        _assert_fits(w, f"step {step}")


@pytest.mark.parametrize("description", QUESTIONS)
def test_items_step_with_a_question_open_fits_1280x720(qtbot, small_window, description) -> None:
    w = small_window
    w.go_to_step(2)
    page = w.items_page
    page.table.setCurrentIndex(page.model.index(2, 0))  # a restricted item: findings shown
    assert page.findings_view.findings()
    page.hs_search.set_text(description)
    panel = page.hs_search.question_box
    qtbot.waitUntil(panel.isVisible)
    assert panel.answer_buttons
    _assert_fits(w, description)
    for button in panel.answer_buttons:
        assert _within(w, button), (description, button.text())
        # wrapped answers are not squeezed under the list of codes below them
        assert panel.rect().contains(button.geometry()), (description, button.text())
    assert panel.height() >= panel.layout().heightForWidth(panel.width()), description
    panel.answer_buttons[0].click()  # narrowed: the next question and "Show all"
    _assert_fits(w, f"{description}, narrowed")
    w.go_to_step(3)
    _assert_fits(w, f"review after {description}")
