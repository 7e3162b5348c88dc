"""History and address-book dialogs: what they list, and that every action reaches storage."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from shipdesk.core.model import Declaration, Item, Party
from shipdesk.core.services import Workspace, declarations, records
from shipdesk.gui.dialogs.address_book import AddressBookDialog
from shipdesk.gui.dialogs.history import HistoryDialog


def _keep(ws: Workspace, name: str, country: str, item: str) -> str:
    i = declarations.new_draft_id(ws)
    decl = Declaration(
        sender=Party(name="Sam Sender", street="Hauptstr. 1", city="Berlin", country="DE"),
        recipient=Party(name=name, street="1 Main St", city="Town", country=country),
        items=[Item(description=item, quantity="1", value="20", net_weight_kg="0.2")],
    )
    declarations.save_draft(ws, i, decl)
    return i


def _column(dlg: HistoryDialog, col: int) -> list[str]:
    return [dlg.table.item(r, col).text() for r in range(dlg.table.rowCount())]


def _inside_party_form(w: QWidget) -> bool:
    from shipdesk.gui.widgets.party_form import PartyForm

    p = w.parentWidget()
    while p is not None:
        if isinstance(p, PartyForm):
            return True
        p = p.parentWidget()
    return False


def _unnamed(root: QWidget) -> list[str]:
    """Focusable controls of the dialog itself without an accessible name (the shared party
    form is the recipient page's, checked with it)."""
    from PySide6.QtCore import Qt

    return [
        w.objectName() or type(w).__name__
        for w in root.findChildren(QWidget)
        if w.focusPolicy() != Qt.FocusPolicy.NoFocus
        and w.isVisibleTo(root)
        and not w.accessibleName()
        and type(w).__name__ not in ("QScrollBar", "QHeaderView", "QSplitterHandle")
        and not w.objectName().startswith("qt_")
        and not _inside_party_form(w)
    ]


def test_search_and_status_filter_the_list(qtbot, workspace):
    _keep(workspace, "Zoë Müller", "US", "Wool scarf")
    printed = _keep(workspace, "John Smith", "GB", "Smartphone")
    declarations.log_event(workspace, printed, "rendered", "cn23")
    dlg = HistoryDialog(workspace)
    qtbot.addWidget(dlg)
    assert sorted(_column(dlg, 0)) == ["John Smith", "Zoë Müller"]
    qtbot.keyClicks(dlg.search, "zoe")
    assert _column(dlg, 0) == ["Zoë Müller"]
    assert _column(dlg, 3) == ["Wool scarf"]
    dlg.search.clear()
    dlg.status.setCurrentIndex(dlg.status.findData("printed"))
    assert _column(dlg, 0) == ["John Smith"]
    assert _column(dlg, 4) == ["printed"]
    dlg.status.setCurrentIndex(dlg.status.findData("draft"))
    assert _column(dlg, 0) == ["Zoë Müller"]


def test_typing_a_search_reads_no_draft_again(qtbot, workspace, monkeypatch):
    for i in range(30):
        _keep(workspace, f"Customer {i}", "US", "Book")
    dlg = HistoryDialog(workspace)
    qtbot.addWidget(dlg)
    reads: list[str] = []
    load = workspace.drafts.load
    monkeypatch.setattr(workspace.drafts, "load", lambda i: reads.append(i) or load(i))
    qtbot.keyClicks(dlg.search, "customer 2")
    assert set(_column(dlg, 0)) == {f"Customer {i}" for i in range(30) if "2" in str(i)}
    assert reads == []


def test_open_loads_the_declaration_into_the_window(qtbot, window):
    ws = window.ws
    kept = _keep(ws, "Ana García", "US", "Book")
    dlg = window.history_dialog()  # the window owns it; it is deleted when closed
    assert dlg.select(kept)
    dlg.open_selected()
    assert window.session.draft_id == kept
    assert window.session.decl.recipient.name == "Ana García"
    assert window.stack.currentIndex() == 3
    assert not dlg.isVisible()


def test_duplicate_creates_a_new_draft_with_a_new_id(qtbot, workspace):
    kept = _keep(workspace, "Ana García", "US", "Book")
    dlg = HistoryDialog(workspace)
    qtbot.addWidget(dlg)
    dlg.select(kept)
    new_id = dlg.duplicate_selected()
    assert new_id and new_id != kept
    assert dlg.selected_id() == new_id
    copy = declarations.load_draft(workspace, new_id)
    assert copy is not None and copy.recipient.name == "Ana García"
    assert dlg.table.rowCount() == 2


def test_delete_removes_it_from_storage(qtbot, workspace, monkeypatch):
    kept = _keep(workspace, "Ana García", "US", "Book")
    other = _keep(workspace, "John Smith", "GB", "Smartphone")
    dlg = HistoryDialog(workspace)
    qtbot.addWidget(dlg)
    dlg.select(kept)
    monkeypatch.setattr(dlg, "confirm", lambda _text: False)
    assert not dlg.delete_selected()
    assert declarations.load_draft(workspace, kept) is not None
    monkeypatch.setattr(dlg, "confirm", lambda _text: True)
    assert dlg.delete_selected()
    assert declarations.load_draft(workspace, kept) is None
    assert declarations.load_draft(workspace, other) is not None
    assert _column(dlg, 0) == ["John Smith"]


def test_deleting_the_open_declaration_lets_the_window_go_of_it(qtbot, window, monkeypatch):
    kept = _keep(window.ws, "Ana García", "US", "Book")
    assert window.open_draft(kept)
    dlg = window.history_dialog()  # the window owns it; it is deleted when closed
    dlg.select(kept)
    monkeypatch.setattr(dlg, "confirm", lambda _text: True)
    dlg.delete_selected()
    window.session.flush()
    assert window.session.draft_id != kept
    assert declarations.load_draft(window.ws, kept) is None


def test_reprint_and_export_write_files(qtbot, workspace, tmp_path: Path):
    kept = _keep(workspace, "Ana García", "US", "Book")
    dlg = HistoryDialog(workspace)
    qtbot.addWidget(dlg)
    assert dlg.reprint_to(kept, tmp_path / "again.pdf")
    assert (tmp_path / "again.pdf").read_bytes().startswith(b"%PDF")
    assert _column(dlg, 4) == ["printed"]
    assert dlg.export_to(kept, tmp_path / "a.shipdesk.json")
    assert declarations.load(tmp_path / "a.shipdesk.json").recipient.name == "Ana García"
    assert not dlg.export_to("gone", tmp_path / "b.shipdesk.json")
    assert dlg.message.text().startswith("✖")


def test_menu_entries_have_shortcuts(window):
    assert window.history_action.shortcut().toString() == "Ctrl+H"
    assert window.address_book_action.shortcut().toString() == "Ctrl+Shift+A"
    menus = {a.text() for m in window.menuBar().actions() for a in m.menu().actions()}
    assert {window.history_action.text(), window.address_book_action.text()} <= menus


def test_every_control_has_an_accessible_name(qtbot, workspace):
    _keep(workspace, "Ana García", "US", "Book")
    records.save_address(workspace, "recipient", Party(name="Bo Li", city="Lima", country="PE"))
    for dlg in (HistoryDialog(workspace), AddressBookDialog(workspace)):
        qtbot.addWidget(dlg)
        dlg.show()
        assert _unnamed(dlg) == []


def test_address_book_edit_and_delete_persist(qtbot, workspace, monkeypatch):
    records.save_address(workspace, "sender", Party(name="Sam Sender", city="Berlin"))
    records.save_address(workspace, "recipient", Party(name="Bo Li", city="Lima", country="PE"))
    dlg = AddressBookDialog(workspace)
    qtbot.addWidget(dlg)
    assert dlg.table.rowCount() == 2
    qtbot.keyClicks(dlg.search, "lima")
    assert dlg.table.rowCount() == 1
    assert dlg.current is not None and dlg.current.party.name == "Bo Li"
    city = dlg.form_for["recipient"].editors["city"]
    city.clear()
    qtbot.keyClicks(city, "Cusco")
    assert dlg.save_current()
    [bo] = records.address_entries(workspace, "Bo Li")
    assert bo.party.city == "Cusco" and bo.saved
    dlg.search.clear()
    sam = next(e for e in dlg.entries if e.role == "sender")
    assert dlg.select_entry(sam.id)
    monkeypatch.setattr(dlg, "confirm", lambda _text: True)
    assert dlg.delete_selected()
    assert [e.party.name for e in records.address_entries(workspace)] == ["Bo Li"]
    assert dlg.table.rowCount() == 1


def test_closed_dialogs_keep_no_customer_in_a_widget(window):
    import shiboken6
    from PySide6.QtCore import QCoreApplication, QEvent

    _keep(window.ws, "Ana García", "US", "Book")
    opened = [window.history_dialog(), window.address_book_dialog()]
    for dlg in opened:
        dlg.reject()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not any(shiboken6.isValid(d) for d in opened)


def test_a_declaration_opened_and_printed_unchanged_is_in_the_history(
    qtbot, window, sample_path: Path
) -> None:
    """A seller opens a declaration file and prints it as it is: the History lists it as
    printed, so it can be found and printed again (it was printed but listed nowhere)."""
    records.update_settings(window.ws, keep_drafts="days")
    assert window.open_path(sample_path)
    window.go_to_step(4)
    window.documents_page.create_pdf()
    qtbot.waitUntil(lambda: window.documents_page.pdf is not None, timeout=10000)
    kept = declarations.kept_declarations(window.ws)
    assert [(e.draft_id, e.status) for e in kept] == [(window.session.draft_id, "printed")]
    dlg = HistoryDialog(window.ws, window)
    qtbot.addWidget(dlg)
    dlg.search.setText(declarations.load(sample_path).recipient.name.split()[0])
    assert dlg.selected_id() == window.session.draft_id and dlg.reprint_btn.isEnabled()
