"""Ctrl+J (Go > Shipment details) takes the keyboard to the shipment field to fix."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from shipdesk.core.services import declarations
from tests.gui.test_typing import press


def test_ctrl_j_lands_on_a_shipment_field_with_an_error_not_only_on_a_missing_one(
    qtbot, window, sample_path
) -> None:
    """A seller's 40 items weighed more than the gross weight typed before; Documents said
    to fix the error, and Ctrl+J put the focus on the category, not on the gross weight."""
    w = window
    decl = declarations.load(sample_path)
    decl.gross_weight_kg = "0.010"  # below the items' net weights: an error, not missing
    w.session.load(decl)
    w.session.check_now()
    gross = w.items_page.editors["gross_weight_kg"]
    assert any(p.level == "error" for p in w.session.validation.for_field("gross_weight_kg"))
    w.go_to_step(4)
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=2000)
    press(Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    assert w.stack.currentIndex() == 2
    assert QApplication.focusWidget() is gross


def test_ctrl_j_still_lands_on_the_category_when_nothing_is_to_fix(
    qtbot, window, sample_path
) -> None:
    w = window
    w.session.load(declarations.load(sample_path))
    w.session.check_now()
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=2000)
    press(Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is w.items_page.category
