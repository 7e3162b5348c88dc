"""Alt+letter in every window: no two controls shown together share one, in each language.

Each dialog the menus open (settings on each of its tabs, history, address book, products,
import with a file loaded and its report, save as product, about), the dialogs opened from a
page (browse the nomenclature, override a finding, the start-up report) and the main window
(its menu bar on each step, each menu's items) are walked; the letters of buttons, of labels
with a buddy, of group boxes and of tab titles shown at the same time must differ.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QMenu,
    QStackedWidget,
    QTabBar,
    QWidget,
)

from shipdesk.core import i18n
from shipdesk.core.paths import resource

LANGS = ["en", "de", "fr", "es"]


def _letter(text: str) -> str:
    keys = QKeySequence.mnemonic(text).toString(QKeySequence.SequenceFormat.PortableText)
    return keys[len("Alt+") :].lower() if keys.startswith("Alt+") else ""


def _shown_letters(top: QWidget) -> list[tuple[str, str]]:
    """(letter, control) for every Alt+letter active in ``top`` as it is shown now."""
    found: list[tuple[str, str]] = []

    def shown(w: QWidget) -> bool:
        return w.isVisibleTo(top) if w is not top else True

    for b in top.findChildren(QAbstractButton):
        keys = b.shortcut().toString(QKeySequence.SequenceFormat.PortableText)
        if shown(b) and keys.startswith("Alt+"):
            found.append((keys[4:].lower(), f"button {b.text()!r}"))
    for lbl in top.findChildren(QLabel):
        if lbl.buddy() is not None and shown(lbl) and _letter(lbl.text()):
            found.append((_letter(lbl.text()), f"label {lbl.text()!r}"))
    for box in top.findChildren(QGroupBox):
        if shown(box) and _letter(box.title()):
            found.append((_letter(box.title()), f"group {box.title()!r}"))
    for bar in top.findChildren(QTabBar):
        if shown(bar):
            for i in range(bar.count()):
                if _letter(bar.tabText(i)):
                    found.append((_letter(bar.tabText(i)), f"tab {bar.tabText(i)!r}"))
    menu_bar = getattr(top, "menuBar", None)
    if callable(menu_bar):
        for a in menu_bar().actions():
            if _letter(a.text()):
                found.append((_letter(a.text()), f"menu {a.text()!r}"))
    return found


def _clashes(found: list[tuple[str, str]]) -> list[str]:
    letters = [k for k, _ in found]
    return sorted(f"Alt+{k}: {what}" for k, what in found if letters.count(k) > 1)


def _every_state(top: QWidget) -> Iterator[str]:
    """Shows each page of each stacked widget of ``top`` (a tab widget holds one) in turn;
    yields the state's name."""
    yield "as opened"
    for stack in top.findChildren(QStackedWidget):
        if not stack.isVisibleTo(top):
            continue
        was = stack.currentIndex()
        for i in range(stack.count()):
            stack.setCurrentIndex(i)
            yield f"page {i} of {stack.objectName() or type(stack.parentWidget()).__name__}"
        stack.setCurrentIndex(was)


def _check_window(top: QWidget, where: str, problems: list[str]) -> None:
    for state in _every_state(top):
        QApplication.processEvents()
        clash = _clashes(_shown_letters(top))
        if clash:
            problems.append(f"{where}, {state}: {clash}")


@pytest.fixture(params=LANGS)
def lang_window(request, qtbot, workspace, sample_path) -> Iterator[tuple[str, object]]:
    from shipdesk.core.services import declarations, records
    from shipdesk.gui.main_window import MainWindow

    decl = declarations.load(sample_path)
    records.save_address(workspace, "recipient", decl.recipient)  # rows in the dialogs' lists
    records.save_sender(workspace, decl.sender)
    i18n.set_language(request.param)
    try:
        w = MainWindow(workspace)
        qtbot.addWidget(w)
        w.session.load(decl)
        w.show()
        yield request.param, w
    finally:
        i18n.set_language("en")


def _open_modal(
    trigger: Callable[[], object], inspect: Callable[[QWidget], None], what: str
) -> None:
    """Run ``trigger`` (it opens a modal dialog, with exec or open), inspect the dialog, then
    close it."""
    seen: list[QWidget] = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, look)
            return
        seen.append(dialog)
        try:
            inspect(dialog)
        finally:
            dialog.close()

    QTimer.singleShot(0, look)
    trigger()
    end = time.monotonic() + 5
    while not seen and time.monotonic() < end:  # opened with open(): the loop is still ours
        QApplication.processEvents()
        time.sleep(0.01)
    assert seen, f"{what}: no dialog opened"


def test_no_two_controls_of_a_dialog_share_an_alt_letter(lang_window) -> None:
    lang, w = lang_window
    problems: list[str] = []
    w.go_to_step(2)
    w.items_page.table.setCurrentIndex(w.items_page.model.index(0, 0))
    for action in (
        w.settings_action,
        w.history_action,
        w.address_book_action,
        w.choose_product_action,
        w.save_product_action,
        w.import_action,
    ):

        def inspect(dialog: QWidget, name: str = action.text()) -> None:
            _check_window(dialog, f"{lang} {name}", problems)

        _open_modal(action.trigger, inspect, action.text())
    _open_modal(w.about, lambda d: _check_window(d, f"{lang} about", problems), "about")
    assert not problems, "\n".join(problems)


def test_the_import_dialog_with_a_file_and_its_report(lang_window) -> None:
    from shipdesk.gui.dialogs.import_dialog import ImportDialog

    lang, w = lang_window
    problems: list[str] = []
    dlg = ImportDialog(w.ws, parent=w)
    dlg.show()
    assert dlg.load_file(resource("samples", "shopify_orders.csv"))
    _check_window(dlg, f"{lang} import, mapping", problems)
    dlg.pages.setCurrentWidget(dlg.report_page)
    _check_window(dlg, f"{lang} import, report", problems)
    dlg.reject()
    assert not problems, "\n".join(problems)


def test_the_dialogs_opened_from_the_pages(lang_window, tmp_path: Path) -> None:
    from shipdesk.core.screening.matching import Finding
    from shipdesk.core.services import startup
    from shipdesk.gui.dialogs.startup import StartupReportDialog
    from shipdesk.gui.widgets.findings import OverrideDialog
    from shipdesk.gui.widgets.hs_browse import BrowseDialog

    lang, w = lang_window
    problems: list[str] = []
    finding = Finding(
        rule="t", level="prohibited", category="c", message="Not allowed", advice="", item_index=0
    )
    db = tmp_path / "shipdesk.sqlite3"
    report = startup.StartupReport(
        set_aside=startup.SetAside(db, db.with_suffix(".damaged"), "damaged", "malformed")
    )
    for name, dlg in (
        ("browse", BrowseDialog(w, workspace=w.ws)),
        ("override", OverrideDialog(finding, w)),
        ("start-up report", StartupReportDialog(report, w)),
    ):
        dlg.show()
        _check_window(dlg, f"{lang} {name}", problems)
        dlg.reject()
    assert not problems, "\n".join(problems)


def test_the_menus_and_the_steps_of_the_main_window(lang_window) -> None:
    lang, w = lang_window
    problems: list[str] = []
    for m in w.menuBar().findChildren(QMenu):
        letters = [(_letter(a.text()), a.text()) for a in m.actions() if _letter(a.text())]
        clash = _clashes(letters)
        if clash:
            problems.append(f"{lang} menu {m.title()!r}: {clash}")
    for step in range(len(w.pages)):
        w.go_to_step(step)
        _check_window(w, f"{lang} step {step + 1}", problems)
    assert not problems, "\n".join(problems)


def test_the_saved_senders_have_an_alt_letter(lang_window) -> None:
    from shipdesk.gui.dialogs.settings import SettingsDialog

    lang, w = lang_window
    dlg = SettingsDialog(w.ws, w)
    dlg.show()
    dlg.tabs.setCurrentIndex(dlg.tabs.indexOf(dlg.senders.parentWidget()))
    labels = [lbl for lbl in dlg.findChildren(QLabel) if lbl.buddy() is dlg.senders]
    assert labels and _letter(labels[0].text()), lang
    letters = [k for k, _ in _shown_letters(dlg)]
    assert letters.count(_letter(labels[0].text())) == 1
    dlg.reject()


def test_each_address_form_of_the_address_book_gets_its_own_letters(lang_window) -> None:
    """Its sender and recipient forms are never shown together: they do not take letters
    from each other (the recipient's Name, Street and City were left without any)."""
    from shipdesk.gui.dialogs.address_book import AddressBookDialog

    lang, w = lang_window
    dlg = AddressBookDialog(w.ws, w)
    dlg.show()
    for form in dlg.form_for.values():
        dlg.forms.setCurrentWidget(form)
        without = [lbl.text() for lbl in form.labels.values() if not _letter(lbl.text())]
        assert without == [], (lang, without)
    dlg.reject()
