""" "Save as product" over a product code the catalogue has: the desk replaced the product
without a word. Now it asks (replace / keep both with a new code / cancel), each answer by
keyboard, at a person's speed (20-120 ms a key)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from shipdesk.core.model import Item
from shipdesk.core.services import imports
from shipdesk.core.storage.products import Product
from tests.gui.test_seller_keys import Person

Mod = Qt.KeyboardModifier
SHIFT_CTRL = Mod.ControlModifier | Mod.ShiftModifier
OLD = Product(sku="MUG-1", name="Stoneware mug", description="Stoneware mug", hs_code="691200")


def _question() -> QMessageBox | None:
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
    return found[0] if found and found[0].isVisible() else None


def _save_with_keys(qtbot, w, answer: tuple[Qt.Key, Qt.KeyboardModifier] | None) -> Person:
    w.ws.products.save([OLD])
    w.session.decl.items[:] = [
        Item(description="Porcelain mug", quantity="1", net_weight_kg="0.3", hs_code="691110")
    ]
    w.session.load(w.session.decl)
    w.go_to_step(2)
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=2000)
    w.items_page.table.setFocus()
    w.items_page.table.setCurrentIndex(w.items_page.model.index(0, 0))
    person = Person(seed=31).key(Qt.Key.Key_R, SHIFT_CTRL)  # save the item as a product
    person.wait_for(lambda: QApplication.activeModalWidget() is not None)
    person.text("MUG-1").key(Qt.Key.Key_Return)
    if answer is not None:
        person.wait_for(lambda: _question() is not None)
        person.key(*answer)
        person.wait_for(lambda: _question() is None)
    return person


def test_keep_both_saves_the_item_under_a_new_code(qtbot, window):
    person = _save_with_keys(qtbot, window, (Qt.Key.Key_K, Mod.AltModifier))
    person.run(qtbot)
    old = window.ws.products.get("MUG-1")
    new = window.ws.products.get("MUG-1-2")
    assert old is not None and old.description == "Stoneware mug" and old.hs_code == "691200"
    assert new is not None and new.description == "Porcelain mug" and new.hs_code == "691110"


def test_replace_replaces_the_product(qtbot, window):
    person = _save_with_keys(qtbot, window, (Qt.Key.Key_R, Mod.AltModifier))
    person.run(qtbot)
    stored = window.ws.products.get("MUG-1")
    assert stored is not None and stored.description == "Porcelain mug"
    assert window.ws.products.count() == 1


def test_escape_keeps_the_catalogue_as_it_was(qtbot, window):
    person = _save_with_keys(qtbot, window, (Qt.Key.Key_Escape, Mod.NoModifier))
    person.run(qtbot)
    stored = window.ws.products.get("MUG-1")
    assert stored is not None and stored.description == "Stoneware mug"
    assert window.ws.products.count() == 1


def test_a_new_code_is_saved_without_a_question(qtbot, window):
    window.ws.products.save([OLD])
    window.session.decl.items[:] = [Item(description="Porcelain mug", quantity="1")]
    window.save_item_as_product(0, imports.free_sku(window.ws, "MUG-1"))
    assert window.ws.products.get("MUG-1-2") is not None
    assert imports.free_sku(window.ws, "MUG-1") == "MUG-1-3"
    assert imports.free_sku(window.ws, "CUP-9") == "CUP-9"
