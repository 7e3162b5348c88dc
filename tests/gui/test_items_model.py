"""The items table model is a thin adapter over Declaration.items, tested with no view."""

from __future__ import annotations

from types import SimpleNamespace

from PySide6.QtCore import Qt

from shipdesk.core.model import Declaration, Item, parse_item_path
from shipdesk.gui.models.items_model import ItemsTableModel


def test_entry_row_appends_items(qtbot) -> None:
    d = Declaration()
    m = ItemsTableModel(d)
    assert m.rowCount() == 1
    assert m.setData(m.index(0, 0), "Leather wallet")
    assert m.rowCount() == 2 and d.items[0].description == "Leather wallet"
    assert not m.setData(m.index(1, 0), "  ")  # blank entry row stays blank
    m.setData(m.index(0, 4), "4202.31")
    m.setData(m.index(0, 5), " it ")
    assert d.items[0].hs_code == "420231" and d.items[0].origin_country == "IT"


def test_remove_and_duplicate(qtbot) -> None:
    d = Declaration(items=[Item(description="A", extra={"sku": "1"}), Item(description="B")])
    m = ItemsTableModel(d)
    assert m.duplicate_row(0)
    assert [i.description for i in d.items] == ["A", "A", "B"]
    assert d.items[1].extra == {"sku": "1"} and d.items[1] is not d.items[0]
    assert m.remove_row(1) and m.rowCount() == 3
    assert not m.remove_row(5)


def test_problems_and_flags_are_marked_in_text(qtbot) -> None:
    d = Declaration(items=[Item(description="Power bank", value="20")])
    m = ItemsTableModel(d)
    p = SimpleNamespace(level="error", field="items[0].value", message="too low")
    m.set_checks([p], {0: "prohibited"})
    assert m.data(m.index(0, 3), Qt.ItemDataRole.DisplayRole).endswith("✖")
    # the level in words of the interface language, not the data's key
    assert m.data(m.index(0, 3), Qt.ItemDataRole.ToolTipRole) == "Error: too low"
    from shipdesk.core import i18n

    try:
        i18n.set_language("de")
        assert m.data(m.index(0, 3), Qt.ItemDataRole.ToolTipRole) == "Fehler: too low"
    finally:
        i18n.set_language("en")
    assert m.data(m.index(0, 0), Qt.ItemDataRole.DisplayRole).startswith("[Prohibited] ")
    assert not m.data(m.index(0, 0), Qt.ItemDataRole.DecorationRole).isNull()


def test_the_table_names_a_finding_with_the_word_the_findings_list_uses(qtbot) -> None:
    """A restricted item is not "Beschränkt" in the table and "Eingeschränkt" beside it."""
    from shipdesk.core import i18n
    from shipdesk.core.services import declarations

    m = ItemsTableModel(Declaration(items=[Item(description="iPhone 15", value="20")]))
    m.set_checks([], {0: "restricted"})
    for lang in ("de", "fr", "es"):
        try:
            i18n.set_language(lang)
            word = declarations.level_word("restricted", lang)
            shown = m.data(m.index(0, 0), Qt.ItemDataRole.DisplayRole)
            assert shown.startswith(f"[{word}] "), shown
        finally:
            i18n.set_language("en")


def test_parse_item_path() -> None:
    assert parse_item_path("items[2].hs_code") == (2, "hs_code")
    assert parse_item_path("items[0]") == (0, "")
    assert parse_item_path("recipient.name") == (None, "")


def test_undo_takes_back_each_item_change_newest_first(qtbot) -> None:
    """A seller who duplicated, removed or edited a row by mistake presses Ctrl+Z; before,
    nothing took a change to the items back."""
    from shipdesk.gui.models import items_model

    d = Declaration(items=[Item(description="A", value="1"), Item(description="B")])
    items = d.items
    m = ItemsTableModel(d)
    edits: list[int] = []
    m.edited.connect(lambda: edits.append(1))
    assert not m.can_undo() and not m.undo()
    m.duplicate_row(0)
    m.setData(m.index(1, 3), "2.50")
    m.setData(m.index(1, 3), "2.50")  # the same text again: nothing to take back
    m.remove_row(2)
    m.setData(m.index(2, 0), "C")  # the entry row: a new item
    assert [(i.description, i.value) for i in d.items] == [("A", "1"), ("A", "2.50"), ("C", "")]
    seen = []
    while m.undo():
        seen.append([(i.description, i.value) for i in d.items])
    assert seen == [
        [("A", "1"), ("A", "2.50")],
        [("A", "1"), ("A", "2.50"), ("B", "")],
        [("A", "1"), ("A", "1"), ("B", "")],
        [("A", "1"), ("B", "")],
    ]
    assert d.items is items and m.rowCount() == 3 and len(edits) == 9
    m.duplicate_row(0)
    m.set_declaration(Declaration(items=[Item(description="next customer")]))
    assert not m.can_undo()  # another customer's changes are never taken back into this one
    for n in range(items_model.UNDO_STEPS + 5):
        m.setData(m.index(0, 1), str(n + 2))
    undone = 0
    while m.undo():
        undone += 1
    assert undone == items_model.UNDO_STEPS and m.decl.items[0].quantity == "6"  # 105 edits
