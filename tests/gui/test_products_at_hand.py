"""Choosing a product while typing an item, and saving an item as a product, in the window."""

from __future__ import annotations

import pytest

from shipdesk.core.model import Item
from shipdesk.core.storage.products import Product
from shipdesk.gui.dialogs.products import ProductPickerDialog
from tests.core.test_products_at_hand import SCARF


@pytest.fixture
def win(window):
    """The window; its pending draft save and check run before the next test (a timer left
    running would fire into that test's event loop after this window is gone)."""
    yield window
    window.session.flush()
    window.session.check_now()


def test_picker_searches_and_returns_the_selected_product(qtbot, workspace):
    workspace.products.save([SCARF, Product(sku="MUG", description="Ceramic mug")])
    dlg = ProductPickerDialog(workspace)
    qtbot.addWidget(dlg)
    assert dlg.table.rowCount() == 2
    qtbot.keyClicks(dlg.search, "wool")
    assert dlg.table.rowCount() == 1
    assert dlg.chosen() == SCARF
    dlg.search.setText("nothing like it")
    assert dlg.chosen() is None and not dlg.ok_button.isEnabled()
    for w in (dlg.search, dlg.table, dlg.ok_button):
        assert w.accessibleName()


def test_using_a_product_fills_the_current_item(win):
    window = win
    window.session.decl.items = [Item(description="", quantity="2")]
    window.items_page.reload()
    window.go_to_step(2)
    window.items_page.table.setCurrentIndex(window.items_page.model.index(0, 0))
    assert window.use_product(SCARF) == 0
    item = window.session.decl.items[0]
    assert (item.description, item.net_weight_kg, item.hs_code, item.origin_country) == (
        "Knitted wool scarf",
        "0.3",
        "611710",
        "IT",
    )
    assert item.quantity == "2"
    model = window.items_page.model
    assert model.data(model.index(0, 0)) == "Knitted wool scarf"


def test_save_item_as_product_from_the_window(win):
    window = win
    window.session.decl.items = [
        Item(description="Ceramic mug", quantity="1", net_weight_kg="0.35", hs_code="691200")
    ]
    p = window.save_item_as_product(0, "MUG-1")
    assert p is not None
    stored = window.ws.products.get("mug-1")
    assert stored is not None and stored.hs_code == "691200" and stored.net_weight_kg == "0.35"
    window.session.decl.items = [Item(quantity="1")]
    assert window.save_item_as_product(0) is None
    assert window.ws.products.count() == 1
