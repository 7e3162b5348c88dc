"""Nothing typed is lost while the background checks run (real timers, 20 ms a key).

The re-check that follows each edit used to repaint the whole items table, and Qt then put the
stored value back into the cell being edited: "0.25" became "25" and a quantity "2" became
"12". These tests type as a person does, key by key into whatever has the focus, while the
checks keep running, and compare what was typed with what is stored, saved and printed.
"""

from __future__ import annotations

import io
import re

import pdfplumber
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QTableView

from shipdesk.core.model import Category, Declaration, Item
from shipdesk.core.services import declarations
from shipdesk.gui.models.items_model import COLUMN_KEYS, ItemsTableModel
from shipdesk.gui.widgets.cell_editor import KeepTypingDelegate

KEY_MS = 20

SENDER = {
    "name": "Mary Jones",
    "company": "Jones Crafts LLC",
    "street": "742 Evergreen Terrace",
    "postcode": "97403",
    "city": "Eugene",
    "region": "OR",
    "country": "US",
    "phone": "+1 541 555 0199",
    "email": "mary@example.com",
    "tax_id": "EIN 12-3456789",
}
RECIPIENT = {
    "name": "Claire Dubois",
    "company": "Atelier Dubois",
    "street": "12 rue de Rivoli",
    "postcode": "75004",
    "city": "Paris",
    "region": "",
    "country": "FR",
    "phone": "+33 1 42 76 40 40",
    "email": "claire@example.fr",
    "tax_id": "FR40303265045",
}
ITEMS = [
    ("Cotton T-shirt, knitted", "2", "0.25", "24.50", "610910", "US"),
    ("Wooden pencils, graphite", "450", "0.450", "18.00", "960910", "PT"),
]
SHIPMENT = {
    "category_explanation": "Exhibition stock",
    "gross_weight_kg": "0.950",
    "postal_charges": "12.40",
    "item_id": "RR473124829DE",
    "invoice_number": "INV-77",
    "licence_numbers": "LIC-778",
    "certificate_numbers": "CERT-55",
    "importer_reference": "IMPREF-9",
    "ioss_number": "IM2500000001",
    "comments": "Handle with care",
    "date": "2026-12-04",
    "itn": "X20261127123456",
}


def type_text(text: str, delay: int = KEY_MS) -> None:
    """Type ``text`` key by key into whatever has the focus, as a person does."""
    for ch in text:
        QTest.qWait(delay)
        target = QApplication.focusWidget()
        assert target is not None, "nothing has the keyboard focus"
        QTest.keyClicks(target, ch)


def press(key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    QTest.qWait(KEY_MS)
    target = QApplication.focusWidget()
    assert target is not None
    QTest.keyClick(target, key, modifier)  # no delay inside: Tab may delete the target


def checks_running(window, every_ms: int = 30) -> QTimer:
    """Keep the session's re-check firing while the test types (as it does after each edit)."""
    timer = QTimer(window)
    timer.setInterval(every_ms)
    timer.timeout.connect(window.session.check_now)
    timer.start()
    return timer


def focus(qtbot, widget) -> None:
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(widget.hasFocus, timeout=2000)


def type_row(qtbot, table, row: int, values: tuple[str, ...]) -> None:
    """Select the row's first cell and type every cell, Tab between cells, Enter at the end."""
    table.setCurrentIndex(table.model().index(row, 0))
    focus(qtbot, table)
    for col, text in enumerate(values):
        type_text(text)
        press(Qt.Key.Key_Tab if col < len(values) - 1 else Qt.Key.Key_Return)
    QTest.qWait(KEY_MS)  # Enter commits through the event queue


def test_typing_in_the_items_table_survives_the_recheck(qtbot, window) -> None:
    w = window
    w.go_to_step(2)
    checks_running(w)
    type_row(qtbot, w.items_page.table, 0, ("Cotton T-shirt", "2", "0.25", "12.50"))
    qtbot.wait(300)
    item = w.session.decl.items[0]
    assert (item.description, item.quantity, item.net_weight_kg, item.value) == (
        "Cotton T-shirt",
        "2",
        "0.25",
        "12.50",
    )


def test_an_open_editor_keeps_its_text_when_its_cell_is_marked(qtbot) -> None:
    """A re-check that marks the very cell being edited must not put the old value back."""
    decl = Declaration(items=[Item(description="Mug", value="5")])
    model = ItemsTableModel(decl)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.setItemDelegate(KeepTypingDelegate(view))
    view.show()
    idx = model.index(0, COLUMN_KEYS.index("value"))
    view.setCurrentIndex(idx)
    view.edit(idx)
    editor = view.viewport().findChild(QLineEdit)
    assert editor is not None and editor.text() == "5"
    editor.selectAll()
    QTest.keyClicks(editor, "18.0", delay=KEY_MS)

    class P:
        level, field, message = "error", "items[0].value", "too low"

    model.set_checks([P()], {0: "restricted"})  # type: ignore[list-item]
    assert editor.text() == "18.0"
    QTest.keyClicks(editor, "0", delay=KEY_MS)
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: decl.items[0].value != "5", timeout=2000)  # committed queued
    assert decl.items[0].value == "18.00"


def test_set_checks_repaints_only_the_cells_that_changed(qtbot) -> None:
    decl = Declaration(items=[Item(description="Mug"), Item(description="Pen")])
    model = ItemsTableModel(decl)
    seen: list[tuple[int, int, int, int, list]] = []
    model.dataChanged.connect(
        lambda a, b, roles: seen.append((a.row(), a.column(), b.row(), b.column(), list(roles)))
    )
    resets: list[bool] = []
    model.modelAboutToBeReset.connect(lambda: resets.append(True))

    class P:
        level, field, message = "error", "items[1].value", "missing"

    model.set_checks([P()], {})  # type: ignore[list-item]
    col = COLUMN_KEYS.index("value")
    assert [s[:4] for s in seen] == [(1, col, 1, col)]
    assert Qt.ItemDataRole.EditRole not in seen[0][4]
    seen.clear()
    model.set_checks([P()], {})  # type: ignore[list-item]
    assert seen == []  # nothing changed, nothing repainted
    model.set_checks([], {0: "restricted"})
    assert sorted(s[:2] for s in seen) == [(0, 0), (1, col)]
    assert resets == []


def printed(text: str, value: str) -> bool:
    """``value`` printed whole: not as part of a longer number or word."""
    return re.search(rf"(?<![\w.]){re.escape(value)}(?![\w])", text) is not None


def test_every_field_and_cell_typed_is_stored_saved_and_printed(qtbot, window) -> None:
    w = window
    ws = w.ws
    checks_running(w)
    for step, page, values in ((0, w.sender_page, SENDER), (1, w.recipient_page, RECIPIENT)):
        w.go_to_step(step)
        for key, text in values.items():
            if not text:
                continue
            focus(qtbot, page.form.editors[key])
            press(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
            type_text(text)
    w.go_to_step(2)
    page = w.items_page
    for row, values in enumerate(ITEMS):
        type_row(qtbot, page.table, row, values)
    page.category.setCurrentIndex(page.category.findData(Category.OTHER))
    for key, text in SHIPMENT.items():
        focus(qtbot, page.editors[key])
        press(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        type_text(text)
    focus(qtbot, page.currency)
    press(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text("EUR")
    focus(qtbot, page.table)
    qtbot.wait(400)  # the last re-check and the draft save run with real timers

    def check(decl: Declaration, where: str) -> None:
        for role, values in (("sender", SENDER), ("recipient", RECIPIENT)):
            party = getattr(decl, role)
            got = {k: getattr(party, k) for k in values}
            assert got == values, f"{where}: {role}"
        got_items = [tuple(getattr(it, k) for k in COLUMN_KEYS) for it in decl.items]
        assert got_items == ITEMS, where
        got_ship = {
            "category_explanation": decl.category_explanation,
            "gross_weight_kg": decl.gross_weight_kg,
            "postal_charges": decl.postal_charges,
            "item_id": decl.item_id,
            "invoice_number": decl.invoice_number,
            "licence_numbers": ", ".join(decl.licence_numbers),
            "certificate_numbers": ", ".join(decl.certificate_numbers),
            "importer_reference": decl.importer_reference,
            "ioss_number": decl.ioss_number,
            "comments": decl.comments,
            "date": decl.date,
            "itn": decl.extra.get("itn"),
        }
        assert got_ship == SHIPMENT, where
        assert decl.category == Category.OTHER and decl.currency == "EUR", where

    check(w.session.decl, "model")
    w.session.flush()
    draft = declarations.load_draft(ws, w.session.draft_id)
    assert draft is not None
    check(draft, "draft")

    w.go_to_step(4)
    docs = w.documents_page
    docs.form.setCurrentIndex(docs.form.findData("all"))
    docs.create_btn.click()
    qtbot.waitUntil(lambda: docs.pdf is not None or "✖" in docs.status.text(), timeout=10_000)
    problems = w.session.validation.problems if w.session.validation else []
    assert docs.pdf is not None, (docs.status.text(), problems)
    with pdfplumber.open(io.BytesIO(docs.pdf)) as pdf:
        text = "\n".join(p.extract_text() or "" for p in pdf.pages)
    expected = [v for k, v in {**SENDER, **RECIPIENT}.items() if v and k not in ("city", "country")]
    expected += ["EUGENE, OR 97403", "75004 PARIS", "UNITED STATES (US)", "FRANCE (FR)"]
    # The ITN and the IOSS number go to the carrier's electronic data, not on these forms.
    expected += [v for k, v in SHIPMENT.items() if k not in ("itn", "ioss_number")]
    # Items as the invoice prints them: every cell of the row on one line, weights to 3 places.
    expected += [
        "1 Cotton T-shirt, knitted 610910 US 2 12.25 24.50 0.250",
        "2 Wooden pencils, graphite 960910 PT 450 0.04 18.00 0.450",
    ]
    missing = [v for v in expected if not printed(text, v)]
    assert missing == [], (missing, text)
