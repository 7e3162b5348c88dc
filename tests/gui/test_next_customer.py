"""Counter mode, through the real window: after "Next customer" nothing of the customer is left.

The test fills a declaration as a clerk does, makes the PDF, opens it in the system viewer, saves
it, then presses Next customer and searches every file ShipDesk writes (database with its
write-ahead log and shared memory, backups, data, cache, config, logs, the temporary folder) for
the customer's name, street, e-mail and phone, as UTF-8, UTF-16 and JSON-escaped text. It also
walks the window's widgets: no page may still show them.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QDesktopServices, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QLabel, QLineEdit, QMessageBox

from shipdesk.core.logs import log_file
from shipdesk.core.services import declarations, records
from tests.customer_search import hits
from tests.gui.test_flow import _type_party

SENDER = {
    "name": "Quirinus Zäbelthorpe",
    "street": "Wendelstiege 417b",
    "postcode": "10115",
    "city": "Berlin",
    "country": "DE",
    "phone": "+49 30 98765432",
    "email": "q.zabelthorpe@example.org",
}
RECIPIENT = {
    "name": "Philomena Dravitch",
    "street": "8812 Quillback Hollow Rd",
    "postcode": "94043",
    "city": "Mountain View",
    "region": "CA",
    "country": "US",
    "phone": "+1 650 555 0199",
    "email": "p.dravitch@example.net",
}
SECRETS = [p[k] for p in (SENDER, RECIPIENT) for k in ("name", "street", "phone", "email")]
ITEMS = [
    ("Smartphone, used", "1", "0.200", "150.00", "851713", "CN"),
    ("T-shirt, cotton, knitted", "1", "0.150", "15.00", "610910", "PT"),
]


def _files(folders: list[Path]) -> list[Path]:
    out: list[Path] = []
    for folder in folders:
        if folder.is_dir():
            out += [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    return out


def _hits(files: list[Path]) -> list[tuple[str, str]]:
    return hits(files, SECRETS)


@pytest.fixture(autouse=True)
def confirm(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Answers Yes to "delete what was typed anyway?" and records that it was asked."""
    asked: list[str] = []

    def question(parent, title, text, *args):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return asked


@pytest.fixture(autouse=True)
def temp_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The system's temporary folder, pointed at a folder of the test (TMPDIR)."""
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    monkeypatch.setenv("TMPDIR", str(tmp))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp))
    return tmp


@pytest.fixture
def app_log() -> Iterator[Path]:
    """Everything ShipDesk logs, down to debug, into the app's log file."""
    path = log_file()
    handler = logging.FileHandler(path, encoding="utf-8")
    logger = logging.getLogger("shipdesk")
    old = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    yield path
    logger.removeHandler(handler)
    logger.setLevel(old)
    handler.close()


def _shown_texts(window) -> list[str]:
    texts: list[str] = []
    for w in window.findChildren(QLineEdit):
        texts.append(w.text())
    for w in window.findChildren(QLabel):
        texts.append(w.text())
    for w in window.findChildren(QComboBox):
        texts.append(w.currentText())
    for view in window.findChildren(QAbstractItemView):
        model = view.model()
        if model is None:
            continue
        try:
            columns = model.columnCount(QModelIndex())
        except TypeError:  # a list model keeps columnCount to itself: one column
            columns = 1
        for r in range(model.rowCount(QModelIndex())):
            for c in range(columns):
                texts.append(str(model.data(model.index(r, c), Qt.ItemDataRole.DisplayRole)))
    return texts


def test_next_customer_leaves_nothing_of_the_customer(
    qtbot, window, temp_dir: Path, app_log: Path, tmp_path: Path, monkeypatch, confirm
) -> None:
    w, ws = window, window.ws
    opened: list[str] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url) or True)
    )
    _type_party(qtbot, w.sender_page, SENDER)
    w.next_btn.click()
    _type_party(qtbot, w.recipient_page, RECIPIENT)
    w.next_btn.click()
    model = w.items_page.model
    for row, values in enumerate(ITEMS):
        for col, value in enumerate(values):
            assert model.setData(model.index(row, col), value)
    for key, text in (("gross_weight_kg", "0.500"), ("postal_charges", "9.00")):
        w.items_page.editors[key].clear()
        qtbot.keyClicks(w.items_page.editors[key], text)
    w.next_btn.click()  # review
    w.next_btn.click()  # documents
    page = w.documents_page
    page.form.setCurrentIndex(page.form.findData("cn23"))
    page.create_btn.click()
    assert page.pdf is not None, page.status.text()
    viewer_copy = page.preview.open_external()
    assert viewer_copy is not None and viewer_copy.parent == records.preview_folder(ws)
    assert opened
    out = tmp_path / "out"  # the user's own folder: the PDF saved there is theirs to keep
    page.save_pdf(out / "cn23.pdf")
    killed = out / ".cn23-old.pdf.shipdesk-k1ll3d_0.tmp"  # a save killed an hour ago
    killed.write_bytes(page.pdf)
    an_hour_ago = time.time() - 3600
    os.utime(killed, (an_hour_ago, an_hour_ago))
    logging.getLogger("shipdesk.test").debug("flow done")
    backup = records.backups_folder(ws) / "shipdesk-20261204-120000.sqlite3"
    backup.parent.mkdir(parents=True, exist_ok=True)
    dest = sqlite3.connect(backup)  # the day's automatic backup, taken while the customer was here
    ws.db.connection().backup(dest)
    dest.close()

    folders = ws.folders
    searched = [folders.data, folders.config, folders.cache, folders.logs, temp_dir]
    db_files = [ws.db.path, Path(f"{ws.db.path}-wal"), Path(f"{ws.db.path}-shm")]
    assert _hits(_files(searched)), "the search must find the customer before Next customer"
    assert records.find_addresses(ws, "recipient"), "remembered on the way after the PDF"

    page.next_customer_btn.click()

    assert confirm == [], "a printed customer goes without a question"
    assert w.next_customer_action.shortcut() == QKeySequence("Ctrl+Shift+N")
    assert w.stack.currentIndex() == 0
    backups = records.backups_folder(ws)
    files = sorted(set(_files([*searched, backups]) + [p for p in db_files if p.is_file()]))
    assert app_log in files and ws.db.path in files and backup in files
    assert _hits(files) == []
    assert [p for p in files if p.read_bytes().startswith(b"%PDF")] == []
    assert sorted(p.name for p in out.iterdir()) == ["cn23.pdf"]
    assert records.find_addresses(ws, "recipient") == []
    assert declarations.list_drafts(ws) == []
    # every page is empty: nothing of the customer is shown, nothing can be printed
    shown = "\n".join(_shown_texts(w))
    assert [s for s in SECRETS if s in shown] == []
    assert page.pdf is None and page.preview.page_count() == 0
    assert not page.preview._print.isEnabled() and not page.preview._save.isEnabled()
    assert not w.recipient_page.find_edit.isVisibleTo(w.recipient_page)


def test_next_customer_drops_a_pdf_still_being_made(
    qtbot, window, monkeypatch, sample_path: Path
) -> None:
    from shipdesk.gui import workers

    pending = []
    monkeypatch.setattr(workers, "run_async", lambda fn, ok, err: pending.append((fn, ok)))
    window.session.load(declarations.load(sample_path))
    window.go_to_step(4)
    window.documents_page.create_pdf()
    assert pending, window.documents_page.status.text()
    window.next_customer_action.trigger()
    fn, ok = pending[0]
    ok(fn())  # the render ends after the customer left
    assert window.documents_page.pdf is None
    assert window.documents_page.preview.page_count() == 0


def kept_until_printed(window, sample_path: Path) -> str:
    """The sample declaration in the window, saved as a draft kept until it is printed; its
    draft id."""
    records.update_settings(window.ws, keep_drafts="printed")
    window.session.load(declarations.load(sample_path))
    window.session.touch()
    window.session.flush()
    return window.session.draft_id


def test_keep_until_printed_in_the_window(qtbot, window, sample_path: Path) -> None:
    from shipdesk.gui.app import restore_or_new
    from shipdesk.gui.main_window import MainWindow

    ws = window.ws
    draft = kept_until_printed(window, sample_path)
    assert declarations.load_draft(ws, draft) is not None
    window.go_to_step(4)
    window.documents_page.create_btn.click()
    assert window.documents_page.pdf is not None, window.documents_page.status.text()
    assert declarations.load_draft(ws, draft) is None
    assert declarations.history(ws, draft) == []
    assert records.find_addresses(ws, "recipient") == []  # nothing remembered on the way
    w2 = MainWindow(ws)
    qtbot.addWidget(w2)
    restore_or_new(w2)
    assert w2.session.decl.recipient.name == ""


def test_keep_nothing_no_draft_survives_closing_the_window(qtbot, window) -> None:
    ws = window.ws
    records.update_settings(ws, keep_drafts="nothing")
    qtbot.keyClicks(window.recipient_page.form.editors["name"], "Walk In")
    window.session.flush()
    assert declarations.list_drafts(ws)
    window.close()
    assert declarations.list_drafts(ws) == []


def test_keep_for_days_draft_survives_closing_the_window(qtbot, window) -> None:
    ws = window.ws
    qtbot.keyClicks(window.recipient_page.form.editors["name"], "Seller Customer")
    window.close()
    assert [d.title.split(" →")[0] for d in declarations.list_drafts(ws)] == ["Seller Customer"]


def test_an_address_saved_on_purpose_survives_the_next_customer(qtbot, window) -> None:
    page = window.recipient_page
    _type_party(qtbot, page, {"name": "Regular Shop Ltd", "city": "Leeds", "country": "GB"})
    assert page.save_address()
    window.next_customer_action.trigger()
    assert page.find_edit.isVisibleTo(page)
    assert page.use_saved("Regular Shop Ltd (Leeds, GB)")


def test_a_stray_next_customer_before_the_pdf_asks_first(qtbot, window, monkeypatch) -> None:
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a: QMessageBox.StandardButton.No)
    )
    qtbot.keyClicks(window.recipient_page.form.editors["name"], "Walk In")
    window.session.flush()
    assert not window.next_customer()
    assert window.session.decl.recipient.name == "Walk In"
    assert declarations.list_drafts(window.ws)
