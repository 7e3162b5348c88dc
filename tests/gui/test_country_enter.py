"""Enter in a country box or an origin cell, typed at a person's speed: while countries are
offered it takes the highlighted one, else the first ("ger" + Enter is Germany); with none
offered the text stays as typed and is flagged."""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from shipdesk.gui.models.items_model import COLUMN_KEYS

# (typed, the code Enter stores)
OFFERED = [("ger", "DE"), ("us", "US"), ("united k", "GB"), ("Fra", "FR"), ("deutschl", "DE")]


def _typed(text: str, seed: int) -> None:
    """Key by key into the focused widget, 20-120 ms apart, as a person types."""
    rng = random.Random(seed)
    for ch in text:
        QTest.qWait(rng.randint(20, 120))
        target = QApplication.focusWidget()
        assert target is not None
        QTest.keyClick(target, ch)


def _enter() -> None:
    # A key goes to the open list first, as the window system delivers it.
    target: QWidget | None = QApplication.activePopupWidget() or QApplication.focusWidget()
    assert target is not None
    QTest.keyClick(target, Qt.Key.Key_Return)
    QTest.qWait(20)  # an items cell commits in the next turn (a queued call of its delegate)


def _country_box(window, role: str):
    window.go_to_step(0 if role == "sender" else 1)
    page = window.sender_page if role == "sender" else window.recipient_page
    box = page.form.editors["country"]
    box.setFocus(Qt.FocusReason.TabFocusReason)
    box.lineEdit().clear()
    return box


@pytest.mark.parametrize("role", ["sender", "recipient"])
@pytest.mark.parametrize(("typed", "code"), OFFERED)
def test_enter_in_a_country_box_takes_the_first_country_offered(
    qtbot, window, role: str, typed: str, code: str
) -> None:
    window.activateWindow()
    box = _country_box(window, role)
    _typed(typed, seed=len(typed))
    qtbot.waitUntil(lambda: box.completer().popup().isVisible(), timeout=2000)
    _enter()
    party = getattr(window.session.decl, role)
    assert party.country == code
    assert box.currentText().startswith(f"{code} – ")
    assert not box.completer().popup().isVisible()


@pytest.mark.parametrize("role", ["sender", "recipient"])
def test_enter_takes_the_highlighted_country(qtbot, window, role: str) -> None:
    window.activateWindow()
    box = _country_box(window, role)
    _typed("ger", seed=3)
    popup = box.completer().popup()
    qtbot.waitUntil(popup.isVisible, timeout=2000)
    shown = [popup.model().index(r, 0).data() for r in range(popup.model().rowCount())]
    assert len(shown) > 1 and shown[0].startswith("DE – ")
    QTest.keyClick(popup, Qt.Key.Key_Down)
    QTest.keyClick(popup, Qt.Key.Key_Down)  # the second country offered
    second = shown[1].split(" – ")[0]
    _enter()
    assert getattr(window.session.decl, role).country == second


@pytest.mark.parametrize("role", ["sender", "recipient"])
def test_with_nothing_offered_the_text_stays_as_typed_and_is_flagged(
    qtbot, window, role: str
) -> None:
    window.activateWindow()
    box = _country_box(window, role)
    _typed("Qzxland", seed=5)
    QTest.qWait(50)
    assert box.completer().completionModel().rowCount() == 0
    _enter()
    assert getattr(window.session.decl, role).country == "Qzxland"
    assert box.currentText() == "Qzxland"
    window.go_to_step(3)  # past the step: its problems are shown
    window.go_to_step(0 if role == "sender" else 1)
    assert box.property("problem")


def _origin_cell(window, row: int):
    window.go_to_step(2)
    table = window.items_page.table
    table.setFocus(Qt.FocusReason.TabFocusReason)
    table.setCurrentIndex(window.items_page.model.index(row, COLUMN_KEYS.index("origin_country")))
    return table


@pytest.mark.parametrize(("typed", "code"), OFFERED)
def test_enter_in_an_origin_cell_takes_the_first_country_offered(
    qtbot, window, typed: str, code: str
) -> None:
    window.activateWindow()
    window.items_page.model.setData(window.items_page.model.index(0, 0), "Cotton T-shirt")
    _origin_cell(window, 0)
    _typed(typed, seed=len(typed))
    editor = QApplication.focusWidget()
    assert editor is not None and editor.completer() is not None
    qtbot.waitUntil(lambda: editor.completer().popup().isVisible(), timeout=2000)
    _enter()
    assert window.session.decl.items[0].origin_country == code


def test_an_origin_with_nothing_offered_stays_as_typed(qtbot, window) -> None:
    window.activateWindow()
    window.items_page.model.setData(window.items_page.model.index(0, 0), "Cotton T-shirt")
    _origin_cell(window, 0)
    _typed("QZ9", seed=9)
    _enter()
    assert window.session.decl.items[0].origin_country == "QZ9"
