"""The window with the keyboard alone: the reference counter flow in few keys, no focus trap.

The counter flow is driven by key events only, sent to whatever has the focus (the typing
helpers of ``test_typing``). Typed data keys are not counted; every other key (Tab, Enter,
arrows, shortcuts) is a navigation key and is counted.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable

import pdfplumber
import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QTableView,
    QToolButton,
    QWidget,
)

from shipdesk.core.model import Party
from shipdesk.core.services import declarations, records
from shipdesk.gui.models.items_model import COLUMN_KEYS
from tests.gui.test_typing import press, type_text

NAV_KEY_TARGET = 25  # the reference counter flow, issue 12
Mod = Qt.KeyboardModifier
SENDER = Party(
    name="Anna Schmidt",
    street="Hauptstrasse 12",
    postcode="10115",
    city="Berlin",
    country="DE",
    phone="+49 30 1234567",
)
RECIPIENT = [  # (field, typed text), in the order the clerk types them
    ("name", "John Miller"),
    ("street", "1600 Amphitheatre Pkwy"),
    ("postcode", "94043"),
    ("city", "Mountain View"),
    ("region", "CA"),
    ("country", "US"),
]
ITEMS = [  # description, quantity, net kg, value, HS code chosen among the suggestions, origin
    ("Smartphone", "1", "0.180", "399.00", "851713", "CN"),
    ("Cotton T-shirt", "2", "0.300", "30.00", "610910", "PT"),
]
GROSS_WEIGHT = "0.650"


class Keys:
    """Presses keys on the focused widget and counts the navigation keys."""

    def __init__(self) -> None:
        self.pressed: list[str] = []

    @property
    def count(self) -> int:
        return len(self.pressed)

    def nav(self, key: Qt.Key, modifier: Mod = Mod.NoModifier) -> None:
        self.pressed.append(f"{modifier.name}+{key.name}")
        press(key, modifier)

    def tab_to(self, reached: Callable[[QWidget], bool], limit: int = 80) -> None:
        """Tab until ``reached(focus widget)``. A focus held in the items table for more Tabs
        than it has cells is a trap: the user leaves it with Ctrl+K (the HS search)."""
        in_table = 0
        for _ in range(limit):
            focus = QApplication.focusWidget()
            if focus is not None and reached(focus):
                return
            table = _items_table(focus)
            in_table = in_table + 1 if table is not None else 0
            if table is not None and in_table > table.model().rowCount() * len(COLUMN_KEYS):
                self.nav(Qt.Key.Key_K, Mod.ControlModifier)
                in_table = 0
                continue
            self.nav(Qt.Key.Key_Tab)
        raise AssertionError(f"not reached in {limit} Tabs; focus on {QApplication.focusWidget()}")


def _items_table(focus: QWidget | None) -> QTableView | None:
    while focus is not None:
        if isinstance(focus, QTableView) and focus.objectName() == "itemsTable":
            return focus
        focus = focus.parentWidget()
    return None


def _inside(widget: QWidget) -> Callable[[QWidget], bool]:
    return lambda focus: focus is widget or widget.isAncestorOf(focus)


def _cell(table, row: int, key: str) -> Callable[[QWidget], bool]:
    col = COLUMN_KEYS.index(key)

    def reached(focus: QWidget) -> bool:
        idx = table.currentIndex()
        return _inside(table)(focus) and (idx.row(), idx.column()) == (row, col)

    return reached


def _counter_layout(w) -> None:
    records.update_settings(w.ws, counter_layout=True)  # large type, one column
    w.apply_layout()


@pytest.mark.parametrize("counter", [False, True], ids=["desk", "counter"])
def test_reference_counter_flow_in_few_keys(qtbot, window, counter) -> None:
    w = window
    if counter:
        _counter_layout(w)
    records.save_sender(w.ws, SENDER)  # the counter's saved default sender
    w.new_declaration()
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=2000)
    keys = Keys()

    # 1 Sender: already there.  2 Recipient.
    keys.nav(Qt.Key.Key_Right, Mod.AltModifier)
    assert w.stack.currentIndex() == 1
    page = w.recipient_page
    for key, text in RECIPIENT:
        keys.tab_to(_inside(page.form.editors[key]))
        type_text(text, 1)
    # 3 Items
    keys.nav(Qt.Key.Key_Right, Mod.AltModifier)
    assert w.stack.currentIndex() == 2
    items = w.items_page
    table = items.table
    for row, (desc, qty, kg, value, code, origin) in enumerate(ITEMS):
        for key, text in (
            ("description", desc),
            ("quantity", qty),
            ("net_weight_kg", kg),
            ("value", value),
        ):
            keys.tab_to(_cell(table, row, key))
            type_text(text, 1)
        keys.nav(Qt.Key.Key_K, Mod.ControlModifier)  # the HS code search, seeded by the item
        hs = items.hs_search
        assert hs.edit.hasFocus()
        # the search starts once the row is painted
        qtbot.waitUntil(lambda hs=hs, code=code: code in hs.codes_shown(), timeout=5000)
        while hs.results.code_of(hs.results.currentItem())[0] != code:
            keys.nav(Qt.Key.Key_Down)
        keys.nav(Qt.Key.Key_Return)
        assert w.session.decl.items[row].hs_code == code
        keys.tab_to(_cell(table, row, "origin_country"))
        type_text(origin, 1)
    keys.nav(Qt.Key.Key_J, Mod.ControlModifier)  # Go > Shipment details: the field missing
    assert QApplication.focusWidget() is items.editors["gross_weight_kg"]
    type_text(GROSS_WEIGHT, 1)
    # 4 Review, 5 Documents
    keys.nav(Qt.Key.Key_Right, Mod.AltModifier)
    assert w.stack.currentIndex() == 3
    keys.nav(Qt.Key.Key_Right, Mod.AltModifier)
    assert w.stack.currentIndex() == 4
    docs = w.documents_page
    keys.nav(Qt.Key.Key_Return)
    pdf = docs.pdf
    assert pdf is not None, (docs.status.text(), w.session.validation.problems)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        text = "\n".join(p.extract_text() or "" for p in doc.pages)
    for expected in ["John Miller", "1600 Amphitheatre Pkwy", "MOUNTAIN VIEW, CA 94043"] + [
        v for item in ITEMS for v in (item[0], item[4])
    ]:
        assert expected in text, (expected, text)
    # Next customer
    keys.nav(Qt.Key.Key_N, Mod.ControlModifier | Mod.ShiftModifier)
    assert w.stack.currentIndex() == 0
    assert w.recipient_page.form.editors["name"].text() == ""
    print(f"counter flow: {keys.count} navigation keys: {' '.join(keys.pressed)}")
    assert keys.count <= NAV_KEY_TARGET, keys.pressed


# -- focus: no trap, reading order, where it lands -------------------------------------------------
def _shown_sample(qtbot, w, sample_path) -> None:
    """The sample declaration, with the HS question and the findings of item 1 open."""
    w.session.load(declarations.load(sample_path))
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=2000)


def _tab_walk(w, limit: int = 200) -> list[QWidget]:
    """Tab from the step list until the focus comes back to it; the widgets passed, in order
    (a widget Tab stays on, such as the items table moving from cell to cell, once)."""
    w.steps.setFocus(Qt.FocusReason.TabFocusReason)
    seen: list[QWidget] = [w.steps]
    for _ in range(limit):
        press(Qt.Key.Key_Tab)
        focus = QApplication.focusWidget()
        assert focus is not None
        if focus is w.steps:
            return seen
        if focus is not seen[-1]:
            seen.append(focus)
    raise AssertionError(f"focus trapped: Tab never came back; stuck at {seen[-5:]}")


def _name(widget: QWidget) -> str:
    return f"{type(widget).__name__} {widget.objectName() or widget.accessibleName()}"


@pytest.mark.parametrize("counter", [False, True], ids=["desk", "counter"])
def test_tab_goes_round_every_step_through_back_and_next(
    qtbot, window, sample_path, counter
) -> None:
    w = window
    if counter:
        _counter_layout(w)
    _shown_sample(qtbot, w, sample_path)
    for step in range(len(w.pages)):
        w.go_to_step(step)
        if step == 2:
            w.items_page.table.setCurrentIndex(w.items_page.model.index(0, 0))
        walk = _tab_walk(w)
        assert all(x.focusPolicy() & Qt.FocusPolicy.TabFocus for x in walk)
        for button in (w.back_btn, w.next_btn):
            if button.isEnabled():
                assert button in walk, (step, [_name(x) for x in walk])


def _assert_reading_order(step: int, walk: list[QWidget]) -> None:
    """Each control is below the one before, right of it on the same line, or at the top of
    a column to its right."""
    rects = [QRect(x.mapToGlobal(QPoint(0, 0)), x.size()) for x in walk]
    for (a, ra), (b, rb) in zip(zip(walk, rects), zip(walk[1:], rects[1:]), strict=False):
        below = rb.top() >= ra.bottom() - 4
        same_line_right = rb.top() >= ra.top() - 4 and rb.left() >= ra.left()
        next_column = rb.left() >= ra.right() - 4
        assert below or same_line_right or next_column, (step, _name(a), _name(b))


@pytest.mark.parametrize("counter", [False, True], ids=["desk", "counter"])
def test_tab_order_follows_the_reading_order(qtbot, window, sample_path, counter) -> None:
    w = window
    if counter:
        _counter_layout(w)
    _shown_sample(qtbot, w, sample_path)
    height = 3000 if counter else 1400  # tall enough that no pane scrolls: positions as read
    w.resize(1280, height)
    qtbot.waitUntil(lambda: w.height() == height)
    for step in range(len(w.pages)):
        w.go_to_step(step)
        walk = _tab_walk(w)[1:]  # from the first control of the page to Next
        _assert_reading_order(step, walk)
    # The HS question (knitted or woven?) of the T-shirt: its answers come before Back/Next.
    w.go_to_step(2)
    page = w.items_page
    page.table.setCurrentIndex(page.model.index(0, 0))
    qtbot.waitUntil(lambda: bool(page.hs_search.question_box.answer_buttons), timeout=5000)
    buttons = page.hs_search.question_box.answer_buttons
    page.hs_search.edit.setFocus(Qt.FocusReason.TabFocusReason)
    walk = [page.hs_search.edit]
    while walk[-1] is not w.back_btn and len(walk) < 60:
        press(Qt.Key.Key_Tab)
        walk.append(QApplication.focusWidget())
    assert all(b in walk for b in buttons), [_name(x) for x in walk]
    _assert_reading_order(2, walk)


def test_tab_leaves_the_items_table_from_its_last_cell(qtbot, window) -> None:
    w = window
    w.activateWindow()
    w.go_to_step(2)
    table = w.items_page.table
    model = w.items_page.model
    last = model.index(model.rowCount() - 1, model.columnCount() - 1)
    table.setCurrentIndex(last)
    table.setFocus(Qt.FocusReason.TabFocusReason)
    press(Qt.Key.Key_Tab)
    assert not _inside(table)(QApplication.focusWidget()), _name(QApplication.focusWidget())
    # Shift+Tab from the first cell leaves it backwards.
    table.setCurrentIndex(model.index(0, 0))
    table.setFocus(Qt.FocusReason.TabFocusReason)
    press(Qt.Key.Key_Backtab, Mod.ShiftModifier)
    assert not _inside(table)(QApplication.focusWidget())


def test_ctrl_tab_leaves_the_items_table_from_any_cell(qtbot, window) -> None:
    w = window
    w.activateWindow()
    w.go_to_step(2)
    table = w.items_page.table
    model = w.items_page.model
    table.setCurrentIndex(model.index(0, 0))
    table.setFocus(Qt.FocusReason.TabFocusReason)
    type_text("Mug", 1)  # an editor is open in the cell
    press(Qt.Key.Key_Tab, Mod.ControlModifier)
    assert not _inside(table)(QApplication.focusWidget()), _name(QApplication.focusWidget())
    assert w.session.decl.items[0].description == "Mug"  # committed, not lost
    table.setCurrentIndex(model.index(0, 2))  # not editing
    table.setFocus(Qt.FocusReason.TabFocusReason)
    press(Qt.Key.Key_Tab, Mod.ControlModifier)
    assert not _inside(table)(QApplication.focusWidget())
    table.setCurrentIndex(model.index(0, 2))
    table.setFocus(Qt.FocusReason.TabFocusReason)
    press(Qt.Key.Key_Backtab, Mod.ControlModifier | Mod.ShiftModifier)
    assert not _inside(table)(QApplication.focusWidget())


def test_focus_lands_on_the_first_empty_field_of_each_step(qtbot, window) -> None:
    w = window
    records.save_sender(w.ws, SENDER)
    w.new_declaration()
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=2000)
    assert QApplication.focusWidget() is w.next_btn, _name(QApplication.focusWidget())
    w.go_to_step(1)
    assert QApplication.focusWidget() is w.recipient_page.form.editors["name"]
    type_text("John Miller", 1)
    w.go_to_step(2)
    table = w.items_page.table
    assert QApplication.focusWidget() is table
    assert (table.currentIndex().row(), table.currentIndex().column()) == (0, 0)
    w.go_to_step(1)
    assert QApplication.focusWidget() is w.recipient_page.form.editors["street"]
    model = w.items_page.model
    for col, value in enumerate(ITEMS[0]):
        model.set_field(0, COLUMN_KEYS[col], value)
    model.set_field(1, "description", "Cotton T-shirt")
    w.go_to_step(2)
    assert QApplication.focusWidget() is table
    weight = COLUMN_KEYS.index("net_weight_kg")  # the quantity came as 1
    assert (table.currentIndex().row(), table.currentIndex().column()) == (1, weight)
    for col, value in enumerate(ITEMS[1]):
        model.set_field(1, COLUMN_KEYS[col], value)
    w.go_to_step(0)
    w.go_to_step(2)
    assert QApplication.focusWidget() is w.items_page.editors["gross_weight_kg"]
    w.go_to_step(4)
    assert QApplication.focusWidget() is w.documents_page.create_btn


# -- shortcuts and menus ------------------------------------------------------------------------
def _menu_actions(w) -> list[QAction]:
    out: list[QAction] = []

    def walk(actions: list[QAction]) -> None:
        for a in actions:
            if a.menu() is not None:
                walk(a.menu().actions())
            elif not a.isSeparator():
                out.append(a)

    walk(w.menuBar().actions())
    return out


def _keys(seq: QKeySequence) -> str:
    return seq.toString(QKeySequence.SequenceFormat.PortableText)


def test_every_shortcut_is_unique_and_shown_in_a_menu(qtbot, window, sample_path) -> None:
    w = window
    _shown_sample(qtbot, w, sample_path)
    in_menus = _menu_actions(w)
    assert [a.text() for a in in_menus if a.shortcut().isEmpty()] == []
    menu_keys = [_keys(s) for a in in_menus for s in a.shortcuts()]
    assert len(menu_keys) == len(set(menu_keys)), sorted(menu_keys)
    menu_ids = {id(a) for a in in_menus}
    bound: list[tuple[str, str]] = []  # (keys, what) for every shortcut of the window
    for a in w.findChildren(QAction):
        for s in a.shortcuts():
            bound.append((_keys(s), a.text()))
            assert id(a) in menu_ids, f"{a.text()!r} ({_keys(s)}) is in no menu"
    for sc in w.findChildren(QShortcut):
        bound.append((_keys(sc.key()), "QShortcut"))
        assert _keys(sc.key()) in menu_keys, f"QShortcut {_keys(sc.key())} is in no menu"
    for b in w.findChildren(QAbstractButton):
        own = b.shortcut()
        if not own.isEmpty() and own != QKeySequence.mnemonic(b.text()):
            bound.append((_keys(own), b.text()))
    dup = sorted({k for k, _what in bound if sum(1 for x, _ in bound if x == k) > 1})
    assert dup == [], [(k, what) for k, what in bound if k in dup]
    for key in ("Ctrl+K", "Ctrl+Shift+N", "Ctrl+S", "Ctrl+P", "Ctrl+Return", "Ctrl+J"):
        assert key in menu_keys, key


def _mnemonic(text: str) -> str:
    return _keys(QKeySequence.mnemonic(text))


@pytest.mark.parametrize("lang", ["en", "de", "fr", "es"])
def test_no_alt_letter_is_ambiguous_on_any_step(qtbot, workspace, sample_path, lang) -> None:
    """Alt+letter of the menus, the buttons and the field labels shown together is unique."""
    from shipdesk.core import i18n
    from shipdesk.gui.main_window import MainWindow

    i18n.set_language(lang)
    try:
        w = MainWindow(workspace)
    finally:
        i18n.set_language("en")
    qtbot.addWidget(w)
    w.show()
    _shown_sample(qtbot, w, sample_path)
    menus = [_mnemonic(a.text()) for a in w.menuBar().actions()]
    for step in range(len(w.pages)):
        w.go_to_step(step)
        keys = list(menus)
        for b in w.findChildren(QAbstractButton):
            if b.isVisibleTo(w) and not b.shortcut().isEmpty():
                keys.append(_keys(b.shortcut()))
        for lbl in w.findChildren(QLabel):
            if lbl.buddy() is not None and lbl.isVisibleTo(w):
                keys.append(_mnemonic(lbl.text()))
        keys = [k for k in keys if k.startswith("Alt+")]
        dup = sorted({k for k in keys if keys.count(k) > 1})
        assert dup == [], (lang, step, dup)


def test_tooltips_name_the_shortcut_of_what_they_do(qtbot, window, sample_path) -> None:
    """A control whose tooltip names a key does what that key does: it is the menu's action."""
    w = window
    _shown_sample(qtbot, w, sample_path)
    by_keys = {_keys(s): a for a in _menu_actions(w) for s in a.shortcuts()}
    named = 0
    for b in w.findChildren(QAbstractButton):
        found = re.search(r"\(([^()]+)\)\s*$", b.toolTip())
        if not found:
            continue
        keys = _keys(QKeySequence(found.group(1)))
        if not keys:
            continue
        named += 1
        action = by_keys.get(keys)
        assert action is not None, (b.text(), b.toolTip())
        same = isinstance(b, QToolButton) and b.defaultAction() is action
        assert same or b.toolTip() == action.toolTip(), (b.text(), b.toolTip(), action.text())
    assert named >= 3


def test_ctrl_s_saves_the_declaration_even_beside_the_pdf(qtbot, window, sample_path, tmp_path):
    w = window
    _shown_sample(qtbot, w, sample_path)
    out = tmp_path / "kept.shipdesk.json"
    w.session.path = out
    w.go_to_step(4)
    w.documents_page.create_pdf()
    assert w.documents_page.pdf is not None
    assert "Ctrl+S" in w.save_action.toolTip() and "declaration" in w.save_action.toolTip()
    press(Qt.Key.Key_S, Mod.ControlModifier)
    assert declarations.load(out).recipient.name == "John Miller"


def test_enter_on_documents_creates_the_pdf(qtbot, window, sample_path) -> None:
    w = window
    _shown_sample(qtbot, w, sample_path)
    w.go_to_step(4)
    w.documents_page.form.setFocus(Qt.FocusReason.TabFocusReason)
    press(Qt.Key.Key_Return)
    assert w.documents_page.pdf is not None, w.documents_page.status.text()


def test_ctrl_p_creates_the_pdf_and_prints_it(qtbot, window, sample_path, monkeypatch) -> None:
    from shipdesk.gui.widgets import pdf_preview

    asked: list[int] = []

    class Dialog:  # the system print dialog, cancelled
        DialogCode = pdf_preview.QPrintDialog.DialogCode

        def __init__(self, printer, parent) -> None:
            pass

        def setMinMax(self, first: int, last: int) -> None:
            pass

        def exec(self) -> int:
            asked.append(w.documents_page.preview.page_count())
            return 0

    monkeypatch.setattr(pdf_preview, "QPrintDialog", Dialog)
    w = window
    _shown_sample(qtbot, w, sample_path)
    w.go_to_step(1)
    assert "Ctrl+P" in w.print_action.toolTip()
    press(Qt.Key.Key_P, Mod.ControlModifier)
    assert w.documents_page.pdf is not None
    assert asked and asked[0] > 0
    assert w.stack.currentIndex() == 4
