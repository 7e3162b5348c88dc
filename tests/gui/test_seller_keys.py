"""The seller's day by keyboard only, at a person's speed (20-120 ms a key), in the real window:
import a spreadsheet, find the History, duplicate, print again, export; and the settings. The
dialogs that wait (``exec``) get their keys from timers, as a person's keys arrive while they
are open."""

from __future__ import annotations

import csv
import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QWidget

from shipdesk.core.model import Party
from shipdesk.core.services import declarations, records
from shipdesk.gui.dialogs.history import HistoryDialog
from shipdesk.gui.dialogs.import_dialog import ImportDialog

Mod = Qt.KeyboardModifier
D = TypeVar("D", bound=QDialog)
SHEETS = Path(__file__).resolve().parent.parent / "data" / "sheets"


def _target() -> QWidget:
    """Where a key goes: the open popup, or the widget with the focus inside it (a combo's
    list in its frame), else the focus widget."""
    popup = QApplication.activePopupWidget()
    focus = QApplication.focusWidget()
    if popup is not None and (focus is None or not popup.isAncestorOf(focus)):
        return popup
    assert focus is not None, "nothing has the keyboard focus"
    return focus


class Person:
    """Keys one after another, 20-120 ms apart, each from a timer: a dialog that waits in its
    own loop (``exec``) gets them as it would from the keyboard."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.steps: list[Callable[[], object]] = []
        self.done = False
        self.error: BaseException | None = None
        self.keys = 0

    def key(self, key: Qt.Key, mod: Qt.KeyboardModifier = Mod.NoModifier) -> Person:
        def press() -> None:
            QTest.keyClick(_target(), key, mod)
            self.keys += 1

        self.steps.append(press)
        return self

    def text(self, text: str) -> Person:
        for ch in text:
            self.steps.append(lambda ch=ch: QTest.keyClicks(_target(), ch))
        return self

    def then(self, check: Callable[[], object]) -> Person:
        self.steps.append(check)
        return self

    def wait_for(self, ready: Callable[[], bool], timeout_s: float = 15.0) -> Person:
        since: list[float] = []

        def check() -> tuple[str, Callable[[], bool]]:
            since.append(since[0] if since else time.monotonic())
            if time.monotonic() - since[0] > timeout_s:
                raise AssertionError(f"still waiting after {timeout_s} s (step {len(self.steps)})")
            return ("wait", ready)

        self.steps.append(check)
        return self

    def run(self, qtbot, timeout_ms: int = 30000) -> None:
        pending = list(self.steps)

        def next_step() -> None:
            if self.error is not None:
                return
            if not pending:
                self.done = True
                return
            step = pending.pop(0)
            # The next key is due whether or not this one returns at once: a key that opens a
            # dialog returns only when the dialog closes.
            QTimer.singleShot(self.rng.randint(20, 120), next_step)
            try:
                out = step()
            except BaseException as exc:  # reported in the test, not lost in a timer
                self.error = exc
                while (modal := QApplication.activeModalWidget()) is not None:
                    modal.close()  # a dialog waiting in its own loop lets the test go on
                return
            if isinstance(out, tuple) and out and out[0] == "wait" and not out[1]():
                pending.insert(0, step)  # not yet: looked at again by the next timer

        QTimer.singleShot(self.rng.randint(20, 120), next_step)
        qtbot.waitUntil(lambda: self.done or self.error is not None, timeout=timeout_ms)
        if self.error is not None:
            raise self.error


def _open(kind: type[D]) -> D:
    """The one dialog of ``kind`` open now."""
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
    assert len(found) == 1, f"{kind.__name__} is not open"
    return found[0]


def _alt(button) -> Qt.Key:
    text = button.text()
    return Qt.Key(ord(text[text.index("&") + 1].upper()))


def test_a_seller_imports_a_spreadsheet_by_keyboard(qtbot, window, monkeypatch, tmp_path) -> None:
    """Ctrl+I, Enter (Choose file…; the file dialog gives the sheet as Enter there does),
    Enter (Import), Escape. The dialog opened with the focus on its read-only file field, where
    Enter pressed the disabled Import and nothing happened."""
    sheet = SHEETS / "shopify_orders.csv"
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(sheet), ""))
    out = tmp_path / "out"
    shown: list[ImportDialog] = []

    def opened() -> None:
        dlg = _open(ImportDialog)
        dlg.mapping_page.out_edit.setText(str(out))  # where the test looks for the results
        shown.append(dlg)

    window.activateWindow()
    person = Person(seed=3)
    person.key(Qt.Key.Key_I, Mod.ControlModifier).then(opened)
    person.key(Qt.Key.Key_Return)  # Choose file…
    person.wait_for(lambda: shown[0].path == sheet)
    person.key(Qt.Key.Key_Return)  # Import
    person.wait_for(lambda: shown[0].state in ("done", "failed"))
    person.then(lambda: shown.append(shown[0]) if shown[0].state == "done" else None)
    person.key(Qt.Key.Key_Escape)
    person.run(qtbot)
    assert len(shown) == 2, shown[0].progress_label.text()
    assert sorted(p.name for p in out.glob("*.shipdesk.json")) == [
        "1001.shipdesk.json",
        "1002.shipdesk.json",
        "1003.shipdesk.json",
    ]
    assert person.keys == 4


def test_the_history_by_keyboard(qtbot, window, monkeypatch, tmp_path, sample_path) -> None:
    """Ctrl+H, a name, Alt+D (duplicate), Down (the other of the two), Alt+E (export), Escape.
    The arrows did nothing in the search box; a keyboard had to Tab into the list first."""
    kept = declarations.new_draft_id(window.ws)
    declarations.save_draft(window.ws, kept, declarations.load(sample_path))  # John Miller
    target = tmp_path / "exported.shipdesk.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    dialogs: list[HistoryDialog] = []

    def opened() -> None:
        dlg = _open(HistoryDialog)
        dialogs.append(dlg)

    def alt(name: str) -> Callable[[], None]:
        def press() -> None:
            QTest.keyClick(_target(), _alt(getattr(dialogs[0], name)), Mod.AltModifier)

        return press

    copies: list[str] = []
    window.activateWindow()
    person = Person(seed=5)
    person.key(Qt.Key.Key_H, Mod.ControlModifier).then(opened)
    person.wait_for(lambda: dialogs[0].search.hasFocus())
    person.text("mill")
    person.then(alt("duplicate_btn"))
    person.wait_for(lambda: dialogs[0].table.rowCount() == 2)
    person.then(lambda: copies.append(dialogs[0].selected_id() or ""))  # the copy, listed first
    person.key(Qt.Key.Key_Down)
    person.then(lambda: copies.append(dialogs[0].selected_id() or ""))
    person.then(alt("export_btn"))
    person.wait_for(target.is_file)
    person.key(Qt.Key.Key_Escape)
    person.run(qtbot)
    assert copies[0] not in ("", kept)
    assert copies[1] == kept
    assert declarations.load(target).recipient.name == "John Miller"
    listed = [e.draft_id for e in declarations.kept_declarations(window.ws)]
    assert sorted(listed) == sorted([kept, copies[0]])


def test_the_settings_by_keyboard(qtbot, window) -> None:
    """Ctrl+, then Tab from the first field to the weight unit, "l" (pounds), Enter: kept, and
    the items table shows pounds."""
    from shipdesk.gui.dialogs.settings import SettingsDialog

    window.activateWindow()
    person = Person(seed=9)
    person.key(Qt.Key.Key_Comma, Mod.ControlModifier)
    person.then(lambda: _open(SettingsDialog))
    person.wait_for(lambda: _target().objectName() == "operatorChoice")  # the first field
    while_tab = ["channelChoice", "currencyChoice", "weightUnit"]
    for name in while_tab:
        person.key(Qt.Key.Key_Tab)
        person.wait_for(lambda name=name: _target().objectName() == name)
    person.text("l")
    person.key(Qt.Key.Key_Return)
    person.run(qtbot)
    assert records.settings(window.ws).weight_unit == "lb"
    assert "lb" in str(window.items_page.model.headerData(2, Qt.Orientation.Horizontal, 0))


def test_each_settings_page_starts_on_its_first_field(qtbot, window) -> None:
    """Ctrl+, opens on the first field of the first page, not on the row of page tabs (a Tab
    was lost there before anything could be chosen); Ctrl+Tab goes page by page, each on its
    first field: the second saved sender made the default (Down, Alt+letter), the dark theme
    chosen by its letter, Enter keeps both."""
    from shipdesk.gui.dialogs.settings import SettingsDialog

    records.save_sender(window.ws, Party(name="First Shop", city="Berlin", country="DE"))
    records.save_sender(
        window.ws, Party(name="Second Shop", city="Lyon", country="FR"), default=False
    )
    listed = [s.id for s in records.saved_senders(window.ws)]
    window.activateWindow()
    dialogs: list[SettingsDialog] = []
    on: list[str] = []

    def opened() -> None:
        dlg = _open(SettingsDialog)
        dialogs.append(dlg)

    def note() -> None:
        on.append(_target().objectName())

    def make_default() -> None:
        QTest.keyClick(_target(), _alt(dialogs[0].default_btn), Mod.AltModifier)

    person = Person(seed=12)
    person.key(Qt.Key.Key_Comma, Mod.ControlModifier).then(opened)
    person.wait_for(lambda: dialogs[0].isVisible()).then(note)
    for _page in range(3):
        person.key(Qt.Key.Key_Tab, Mod.ControlModifier).then(note)
    person.key(Qt.Key.Key_Tab)  # Appearance: language, then the theme
    person.text("d")
    person.key(Qt.Key.Key_Tab, Mod.ControlModifier).then(note)  # back to General
    person.key(Qt.Key.Key_Tab, Mod.ControlModifier)  # Senders
    person.key(Qt.Key.Key_Home).key(Qt.Key.Key_Down).then(make_default)  # the second listed
    person.key(Qt.Key.Key_Return)
    person.run(qtbot)
    assert on == ["operatorChoice", "savedSenders", "paperDefault", "uiLanguage", "operatorChoice"]
    assert records.settings(window.ws).theme == "dark"
    assert [s.id for s in records.saved_senders(window.ws) if s.default] == [listed[1]]


def test_a_hostile_sheet_is_mapped_by_keys_and_the_table_is_one_tab_stop(
    qtbot, window, monkeypatch, tmp_path
) -> None:
    """A sheet of 260 columns with a 5,000-character header, two columns of the same name, an
    empty name, a formula and markup loads; in the mapping table the field is found by typing
    its name, Enter opens its list of columns, a letter and Enter choose one, and one Tab
    leaves the table. Tab used to go round the table's fields and their lists forever (400 Tabs
    never left it), and Enter in the table pressed Import."""
    header = ["Order ID", "Name", "Name", "", '=HYPERLINK("http://x")', "Ship " + "to " * 1700]
    header += ["<b>Desc</b>", "Currency", "Price"] + [f"Extra {i}" for i in range(251)]
    row = ["1001", "Anna " + "X" * 5000, "dup", "", "=cmd|' /C calc'!A0", "Street\nLine 2"]
    row += ["Mug <script>", "EUR", "12.50"] + ["v"] * 251
    sheet = tmp_path / "hostile.csv"
    with sheet.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([header, row, row])
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(sheet), ""))
    shown: list[ImportDialog] = []
    on: list[str] = []
    mapped: list[dict[str, list[str]]] = []
    ready: list[bool] = []

    def opened() -> None:
        dlg = _open(ImportDialog)
        dlg.setProperty("quiet", True)
        shown.append(dlg)

    window.activateWindow()
    person = Person(seed=21)
    person.key(Qt.Key.Key_I, Mod.ControlModifier).then(opened)
    person.key(Qt.Key.Key_Return)  # Choose file…
    person.wait_for(lambda: shown[0].path == sheet)
    for _stop in range(5):  # mapping, weights, decimals, dates, the table
        person.key(Qt.Key.Key_Tab)
    person.wait_for(lambda: _target() is shown[0].mapping_page.table)
    person.text("item desc")
    person.key(Qt.Key.Key_Return)
    person.wait_for(lambda: QApplication.activePopupWidget() is not None)
    person.text("<")
    person.key(Qt.Key.Key_Return)
    person.wait_for(lambda: QApplication.activePopupWidget() is None)
    person.key(Qt.Key.Key_Tab).then(lambda: on.append(_target().objectName()))
    person.then(lambda: mapped.append(shown[0].current_mapping().columns))
    person.then(lambda: ready.append(shown[0].run_button.isEnabled()))
    person.key(Qt.Key.Key_Escape)
    person.run(qtbot)
    assert mapped[0].get("item.description") == ["<b>Desc</b>"]
    assert on == ["mappingName"]
    assert ready == [True]
    assert shown[0].state == "idle"  # nothing imported by the keys in the table


def test_an_address_edited_in_the_address_book_is_never_lost(qtbot, window) -> None:
    """Ctrl+Shift+A, Tab to the list, Tab to the name, End, " Jr", Shift+Tab, Down, then a
    search typed, then Escape: the typed name is kept. Moving to another address, typing a
    search or closing put the address back as it was, without a word."""
    from shipdesk.gui.dialogs.address_book import AddressBookDialog

    for name, city in (("Olivia Bennett", "London"), ("Kenji Sato", "Tokyo")):
        records.save_address(window.ws, "recipient", Party(name=name, city=city, country="GB"))
    dialogs: list[AddressBookDialog] = []
    names: list[str] = []

    def opened() -> None:
        dlg = _open(AddressBookDialog)
        dialogs.append(dlg)

    window.activateWindow()
    person = Person(seed=33)
    person.key(Qt.Key.Key_A, Mod.ControlModifier | Mod.ShiftModifier).then(opened)
    person.wait_for(lambda: dialogs[0].search.hasFocus())
    person.key(Qt.Key.Key_Tab).key(Qt.Key.Key_Tab)  # the list, the name
    person.then(lambda: names.append(dialogs[0].party.name))
    person.key(Qt.Key.Key_End).text(" Jr")
    person.key(Qt.Key.Key_Tab, Mod.ShiftModifier).key(Qt.Key.Key_Down)  # another address
    person.key(Qt.Key.Key_Up).key(Qt.Key.Key_Tab)  # back, to its name
    person.key(Qt.Key.Key_End).text(" II")
    person.key(Qt.Key.Key_Tab, Mod.ShiftModifier).key(Qt.Key.Key_Tab, Mod.ShiftModifier)
    person.text("e")  # a search typed with the address edited
    person.key(Qt.Key.Key_Escape)
    person.run(qtbot)
    kept = {e.party.name for e in records.address_entries(window.ws)}
    assert f"{names[0]} Jr II" in kept, kept


def test_an_address_left_without_a_name_is_said_not_dropped(qtbot, window) -> None:
    """The name wiped (Ctrl+A, Delete) on an address without a company: Down stays on it and
    says why, the first Escape keeps the dialog open, the second leaves it; the address is as
    it was."""
    from shipdesk.gui.dialogs.address_book import AddressBookDialog

    for name in ("Olivia Bennett", "Kenji Sato"):
        records.save_address(window.ws, "recipient", Party(name=name, city="York", country="GB"))
    dialogs: list[AddressBookDialog] = []
    seen: list[tuple[str, str, bool]] = []

    def opened() -> None:
        dlg = _open(AddressBookDialog)
        dialogs.append(dlg)

    def note() -> None:
        d = dialogs[0]
        seen.append((d.current.party.name if d.current else "", d.message.text(), d.isVisible()))

    window.activateWindow()
    person = Person(seed=34)
    person.key(Qt.Key.Key_A, Mod.ControlModifier | Mod.ShiftModifier).then(opened)
    person.wait_for(lambda: dialogs[0].search.hasFocus())
    person.key(Qt.Key.Key_Tab).key(Qt.Key.Key_Tab)  # the list, the name
    person.key(Qt.Key.Key_A, Mod.ControlModifier).key(Qt.Key.Key_Delete)
    person.key(Qt.Key.Key_Tab, Mod.ShiftModifier).key(Qt.Key.Key_Down).then(note)
    person.key(Qt.Key.Key_Escape).then(note)
    person.key(Qt.Key.Key_Escape)
    person.run(qtbot)
    first = seen[0][0]
    assert first in ("Olivia Bennett", "Kenji Sato")
    assert seen[0][1] == seen[1][1] == "✖ An address needs a name or a company."
    assert seen[1][0] == first and seen[1][2]  # still on it, still open
    open_now = QApplication.topLevelWidgets()
    assert not [w for w in open_now if isinstance(w, AddressBookDialog) and w.isVisible()]
    assert {e.party.name for e in records.address_entries(window.ws)} == {
        "Olivia Bennett",
        "Kenji Sato",
    }


def test_ctrl_tab_turns_the_settings_page_from_anywhere_in_the_dialog(qtbot, window) -> None:
    """From OK (or the row of page tabs), Ctrl+Tab and Ctrl+Shift+Tab turn the page and land on
    its first field; from the buttons below the pages they did nothing, and on the tabs the
    focus stayed there."""
    from shipdesk.gui.dialogs.settings import SettingsDialog

    window.activateWindow()
    dialogs: list[SettingsDialog] = []
    on: list[tuple[int, str]] = []

    def opened() -> None:
        dlg = _open(SettingsDialog)
        dialogs.append(dlg)

    def note() -> None:
        on.append((dialogs[0].tabs.currentIndex(), _target().objectName()))

    def to_ok() -> None:
        QTest.keyClick(_target(), Qt.Key.Key_Tab, Mod.ShiftModifier)
        QTest.keyClick(_target(), Qt.Key.Key_Tab, Mod.ShiftModifier)  # Cancel, then OK

    person = Person(seed=14)
    person.key(Qt.Key.Key_Comma, Mod.ControlModifier).then(opened)
    person.wait_for(lambda: dialogs[0].isVisible())
    person.key(Qt.Key.Key_Tab, Mod.ShiftModifier)  # the buttons below the pages
    person.then(note).key(Qt.Key.Key_Tab, Mod.ControlModifier).then(note)
    person.then(to_ok).key(Qt.Key.Key_Tab, Mod.ControlModifier | Mod.ShiftModifier).then(note)
    person.key(Qt.Key.Key_Escape)
    person.run(qtbot)
    assert on[1] == (1, "savedSenders")
    assert on[2] == (0, "operatorChoice")
