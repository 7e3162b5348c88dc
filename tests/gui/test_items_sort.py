"""Sorting the items table by a column, by keyboard and by a click on the column's title, at a
person's speed (20-120 ms a key). The table could not be sorted at all; now the rows shown are
sorted while the declaration keeps its items in their order, until the user asks to keep the
order shown, and Undo stays right in either case."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu

from shipdesk.core.model import Item
from shipdesk.gui.models.items_model import COLUMN_KEYS, ItemsTableModel
from tests.gui.test_seller_keys import Person

Mod = Qt.KeyboardModifier
SHIFT_CTRL = Mod.ControlModifier | Mod.ShiftModifier
VALUE = COLUMN_KEYS.index("value")
DESCRIPTION = COLUMN_KEYS.index("description")
STORED = [  # description, value: typed in this order
    ("Wool socks", "12.50"),
    ("Ceramic mug", "8"),
    ("Leather wallet", "45"),
    ("Cotton tote bag", "9.90"),
]


def _items() -> list[Item]:
    return [
        Item(
            description=d,
            quantity="1",
            net_weight_kg="0.2",
            value=v,
            hs_code="",
            origin_country="DE",
        )
        for d, v in STORED
    ]


def _shown(page) -> list[str]:
    model = page.model
    return [
        str(model.data(model.index(r, DESCRIPTION), Qt.ItemDataRole.EditRole))
        for r in range(model.rowCount() - 1)
    ]


def _stored(window) -> list[str]:
    return [i.description for i in window.session.decl.items]


def _settle(qtbot, w) -> None:
    w.session.check_now()
    w.session.flush()
    qtbot.wait(20)


def _open_items(qtbot, w) -> None:
    w.session.decl.items[:] = _items()
    w.session.load(w.session.decl)
    w.go_to_step(2)
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=2000)
    w.items_page.table.setFocus()
    w.items_page.table.setCurrentIndex(w.items_page.model.index(0, DESCRIPTION))


def test_the_keyboard_sorts_the_rows_shown_and_the_items_keep_their_order(qtbot, window):
    w = window
    page = w.items_page
    _open_items(qtbot, w)
    person = Person(seed=11)
    for _ in range(VALUE):
        person.key(Qt.Key.Key_Right)
    person.key(Qt.Key.Key_Down, SHIFT_CTRL)  # by value, largest first
    person.run(qtbot)
    assert _shown(page) == ["Leather wallet", "Wool socks", "Cotton tote bag", "Ceramic mug"]
    assert _stored(w) == [d for d, _v in STORED]  # nothing reordered
    # The row headers keep the items' numbers.
    numbers = [page.model.headerData(r, Qt.Orientation.Vertical, 0) for r in range(4)]
    assert numbers == ["3", "1", "4", "2"]

    # A value typed into the second row shown goes to that item, which stays where it is.
    page.table.setCurrentIndex(page.model.index(1, VALUE))
    person = Person(seed=12).key(Qt.Key.Key_F2)
    person.key(Qt.Key.Key_A, Mod.ControlModifier).text("3").key(Qt.Key.Key_Return)
    person.run(qtbot)
    assert w.session.decl.items[0].value == "3"  # the wool socks
    assert _shown(page) == ["Leather wallet", "Wool socks", "Cotton tote bag", "Ceramic mug"]

    # Ctrl+Z takes the value back, on the same item.
    Person(seed=13).key(Qt.Key.Key_Z, Mod.ControlModifier).run(qtbot)
    assert w.session.decl.items[0].value == "12.50"
    assert _stored(w) == [d for d, _v in STORED]

    # Ascending, then back to the order typed.
    person = Person(seed=14).key(Qt.Key.Key_Up, SHIFT_CTRL)
    person.then(lambda: None)
    person.run(qtbot)
    assert _shown(page) == ["Ceramic mug", "Cotton tote bag", "Wool socks", "Leather wallet"]
    Person(seed=15).key(Qt.Key.Key_T, SHIFT_CTRL).run(qtbot)
    assert _shown(page) == [d for d, _v in STORED]
    assert page.table.horizontalHeader().sortIndicatorSection() == -1
    _settle(qtbot, w)


def test_the_order_shown_is_kept_only_when_asked_and_undo_takes_it_back(qtbot, window):
    w = window
    page = w.items_page
    _open_items(qtbot, w)
    person = Person(seed=21).key(Qt.Key.Key_Up, SHIFT_CTRL)  # by description, A to Z
    person.key(Qt.Key.Key_M, SHIFT_CTRL)  # keep this order
    person.run(qtbot)
    alphabetical = ["Ceramic mug", "Cotton tote bag", "Leather wallet", "Wool socks"]
    assert _stored(w) == alphabetical
    assert _shown(page) == alphabetical
    assert page.table.horizontalHeader().sortIndicatorSection() == -1
    Person(seed=22).key(Qt.Key.Key_Z, Mod.ControlModifier).run(qtbot)
    assert _stored(w) == [d for d, _v in STORED]
    assert _shown(page) == [d for d, _v in STORED]
    _settle(qtbot, w)


def test_a_click_on_a_column_title_sorts_and_a_third_click_shows_the_order_typed(qtbot, window):
    w = window
    page = w.items_page
    _open_items(qtbot, w)
    header = page.table.horizontalHeader()
    x = header.sectionViewportPosition(VALUE) + header.sectionSize(VALUE) // 2
    point = header.rect().center()
    point.setX(x)
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, Mod.NoModifier, point)
    assert _shown(page) == ["Ceramic mug", "Cotton tote bag", "Wool socks", "Leather wallet"]
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, Mod.NoModifier, point)
    assert _shown(page) == ["Leather wallet", "Wool socks", "Cotton tote bag", "Ceramic mug"]
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, Mod.NoModifier, point)
    assert _shown(page) == [d for d, _v in STORED]
    assert _stored(w) == [d for d, _v in STORED]
    _settle(qtbot, w)


def test_the_sort_actions_are_in_the_items_menu_with_their_keys(window):
    menus = {m.title().replace("&", ""): m for m in window.menuBar().findChildren(QMenu)}
    listed = {a.objectName(): a.shortcut().toString() for a in menus["Items"].actions()}
    assert listed["sortItems"] == "Ctrl+Shift+Up"
    assert listed["sortItemsDescending"] == "Ctrl+Shift+Down"
    assert listed["storedOrder"] == "Ctrl+Shift+T"
    assert listed["reorderItems"] == "Ctrl+Shift+M"


def test_rows_typed_duplicated_or_removed_while_sorted_go_to_the_right_items():
    m = ItemsTableModel()
    m.decl.items[:] = _items()
    m.sort(VALUE, Qt.SortOrder.DescendingOrder)  # wallet, socks, tote, mug
    assert m.duplicate_row(1)  # the socks, copied after them
    assert [i.description for i in m.decl.items] == [
        "Wool socks",
        "Wool socks",
        "Ceramic mug",
        "Leather wallet",
        "Cotton tote bag",
    ]
    assert m.item_row(2) == 1 and m.view_row(1) == 2
    assert m.remove_row(0)  # the wallet
    assert "Leather wallet" not in [i.description for i in m.decl.items]
    m.setData(m.index(m.rowCount() - 1, DESCRIPTION), "Brass bell")  # typed in the entry row
    assert m.decl.items[-1].description == "Brass bell"
    assert m.data(m.index(m.rowCount() - 2, DESCRIPTION), Qt.ItemDataRole.EditRole) == (
        "Brass bell"
    )
    while m.undo():
        pass
    assert [i.description for i in m.decl.items] == [d for d, _v in STORED]
