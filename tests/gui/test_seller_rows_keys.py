"""A seller's long list of items by keyboard, at a person's speed (20-120 ms a key): open the
items step, go down the rows, duplicate one, then the documents."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from shipdesk.core.services import declarations
from shipdesk.gui.models.items_model import COLUMN_KEYS
from tests.gui.test_seller_keys import Person

Mod = Qt.KeyboardModifier


def _settle(qtbot, w) -> None:
    """The check and the draft save the last key scheduled, done now: left to their timers they
    would fire in the next test, on a window already deleted."""
    w.session.check_now()
    w.session.flush()
    qtbot.wait(20)


def _complete(sample_path, n: int = 40):
    """The sample declaration grown to ``n`` complete items, each told apart by its text."""
    decl = declarations.load(sample_path)
    base = list(decl.items)
    while len(decl.items) < n:
        src = base[len(decl.items) % len(base)]
        decl.items.append(src.__class__(**{k: getattr(src, k) for k in COLUMN_KEYS}))
        decl.items[-1].description = f"{src.description} ({len(decl.items)})"
    return decl


def test_the_rows_of_a_complete_list_are_reached_with_the_arrows(qtbot, window, sample_path):
    """With every item complete, opening the items step put the focus on Next; the Down keys
    meant for the rows took it to the step list, which moved to the Review step, and Ctrl+D
    then only came back. The focus now lands in the table."""
    w = window
    w.session.load(_complete(sample_path))
    w.go_to_step(0)
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=2000)
    table = w.items_page.table
    wanted = w.session.decl.items[4].description
    person = Person(seed=4).key(Qt.Key.Key_3, Mod.ControlModifier)
    person.then(lambda: None)  # the step opens in the turn after the key
    for _ in range(4):
        person.key(Qt.Key.Key_Down)
    person.then(lambda: None)
    person.run(qtbot)
    assert w.stack.currentIndex() == 2, w.stack.currentIndex()
    assert table.hasFocus() and table.currentIndex().row() == 4, table.currentIndex().row()
    person = Person(seed=5).key(Qt.Key.Key_D, Mod.ControlModifier)
    person.run(qtbot)
    items = w.session.decl.items
    assert len(items) == 41 and [i.description for i in items[4:6]] == [wanted, wanted]
    assert table.currentIndex().row() == 5 and w.stack.currentIndex() == 2
    _settle(qtbot, w)


def test_ctrl_z_takes_back_a_duplicated_row_and_a_cell(qtbot, window, sample_path):
    """At a person's speed: Ctrl+D duplicates the row, Ctrl+Z takes it back; a value typed
    into a cell and committed is taken back by Ctrl+Z too, while Ctrl+Z inside the cell being
    typed undoes the typing there (the editor's own), not an item change. Before, Ctrl+Z did
    nothing outside a text being typed."""
    w = window
    decl = _complete(sample_path)
    before = [(i.description, i.value) for i in decl.items]
    w.session.load(decl)
    w.go_to_step(2)
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=2000)
    table = w.items_page.table
    value = COLUMN_KEYS.index("value")
    table.setCurrentIndex(table.model().index(4, value))
    table.setFocus()
    person = Person(seed=6).key(Qt.Key.Key_D, Mod.ControlModifier)
    person.then(lambda: None)
    person.then(lambda: _expect(len(w.session.decl.items) == 41, "not duplicated"))
    person.key(Qt.Key.Key_Z, Mod.ControlModifier).then(lambda: None)
    person.run(qtbot)
    assert [(i.description, i.value) for i in w.session.decl.items] == before
    assert w.stack.currentIndex() == 2 and table.hasFocus()
    row = 4
    table.setCurrentIndex(table.model().index(row, value))
    old = w.session.decl.items[row].value
    person = Person(seed=7).text("99.99").key(Qt.Key.Key_Return)
    person.then(lambda: _expect(w.session.decl.items[row].value == "99.99", "not committed"))
    person.key(Qt.Key.Key_Up).text("7").key(Qt.Key.Key_Z, Mod.ControlModifier)
    person.key(Qt.Key.Key_Escape).then(lambda: None)
    person.then(lambda: _expect(w.session.decl.items[row].value == "99.99", "editor undo"))
    person.key(Qt.Key.Key_Z, Mod.ControlModifier).then(lambda: None)
    person.run(qtbot)
    assert w.session.decl.items[row].value == old
    assert [(i.description, i.value) for i in w.session.decl.items] == before
    _settle(qtbot, w)


def _expect(ok: bool, what: str) -> None:
    assert ok, what
