"""Weights in the unit of the settings: the items table and the gross weight show and take
ounces (or g, lb), the declaration, its draft and its file keep kilograms."""

from __future__ import annotations

from PySide6.QtCore import Qt

from shipdesk.core.model import Declaration, Item
from shipdesk.core.services import declarations, records
from shipdesk.gui.models.items_model import COLUMN_KEYS, ItemsTableModel

WEIGHT = COLUMN_KEYS.index("net_weight_kg")


def test_the_items_table_shows_and_takes_ounces(qtbot) -> None:
    d = Declaration(items=[Item(description="Mug", net_weight_kg="0.454")])
    m = ItemsTableModel(d)
    m.set_weight_unit("oz")
    assert m.headerData(WEIGHT, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) == (
        "Net oz"
    )
    assert m.data(m.index(0, WEIGHT), Qt.ItemDataRole.EditRole) == "16"
    assert m.setData(m.index(0, WEIGHT), "8")
    assert d.items[0].net_weight_kg == "0.227"
    assert m.setData(m.index(0, WEIGHT), "1 lb")  # another unit typed with its word
    assert d.items[0].net_weight_kg == "0.454"
    assert m.data(m.index(0, WEIGHT), Qt.ItemDataRole.DisplayRole) == "16"
    assert m.setData(m.index(0, WEIGHT), "a lot")  # kept as typed, validation names it
    assert d.items[0].net_weight_kg == "a lot"


def test_kilograms_typed_in_kg_are_kept_exactly(qtbot) -> None:
    d = Declaration(items=[Item(description="Mug")])
    m = ItemsTableModel(d)
    assert m.setData(m.index(0, WEIGHT), "0,2505")
    assert d.items[0].net_weight_kg == "0,2505"
    assert m.setData(m.index(0, WEIGHT), "16 oz")
    assert d.items[0].net_weight_kg == "0.454"


def test_the_window_uses_the_unit_of_the_settings(qtbot, workspace, tmp_path) -> None:
    from shipdesk.gui.main_window import MainWindow

    records.update_settings(workspace, weight_unit="oz")
    w = MainWindow(workspace)
    qtbot.addWidget(w)
    w.session.load(w.default_declaration())
    page = w.items_page
    page.model.setData(page.model.index(0, 0), "Ceramic mug")
    page.model.setData(page.model.index(0, WEIGHT), "16")
    gross = page.editors["gross_weight_kg"]
    gross.setText("20")
    gross.textEdited.emit("20")
    decl = w.session.decl
    assert (decl.items[0].net_weight_kg, decl.gross_weight_kg) == ("0.454", "0.567")
    assert "(oz)" in page._labels["gross_weight_kg"].text()
    assert "net 16 oz" in page.totals.text()
    # the file keeps kilograms
    path = tmp_path / "mug.shipdesk.json"
    declarations.save(path, decl)
    again = declarations.load(path)
    assert (again.items[0].net_weight_kg, again.gross_weight_kg) == ("0.454", "0.567")
    # back to kilograms: the same values, shown as kept
    records.update_settings(workspace, weight_unit="kg")
    w.apply_layout()
    assert gross.text() == "0.567"
    assert page.model.data(page.model.index(0, WEIGHT), Qt.ItemDataRole.EditRole) == "0.454"
