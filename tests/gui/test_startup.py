"""The desktop app always starts: a damaged or newer database is set aside and named, with the
backups offered; a broken draft is skipped and reported; a read-only folder and a database
held by another ShipDesk get a dialog naming them, never a traceback."""

from __future__ import annotations

import os
import sqlite3
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox

from shipdesk.core.model import Declaration
from shipdesk.core.paths import folders
from shipdesk.core.services import declarations, open_workspace, startup
from shipdesk.core.storage import db
from shipdesk.gui import app as gui_app
from shipdesk.gui.dialogs.startup import StartProblemDialog, StartupReportDialog
from tests.permissions import no_write_access


def _db_path() -> Path:
    return folders().data / db.DB_NAME


def _save_draft(draft_id: str, name: str, updated_at: str) -> None:
    d = Declaration()
    d.recipient.name, d.recipient.country = name, "US"
    with open_workspace() as ws:
        declarations.save_draft(ws, draft_id, d)
        with ws.db.write() as c:
            c.execute("UPDATE drafts SET updated_at = ? WHERE id = ?", (updated_at, draft_id))


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[QDialog]:
    """Start-up dialogs shown, not run modally: a report is continued, a problem closed."""
    seen: list[QDialog] = []

    def report_exec(self: StartupReportDialog) -> int:
        seen.append(self)
        return QDialog.DialogCode.Rejected

    def problem_exec(self: StartProblemDialog) -> int:
        seen.append(self)
        return QMessageBox.StandardButton.Close

    monkeypatch.setattr(StartupReportDialog, "exec", report_exec)
    monkeypatch.setattr(StartProblemDialog, "exec", problem_exec)
    return seen


@pytest.fixture
def launch(qtbot: Any) -> Iterator[Callable[[], Any]]:
    opened: list[Any] = []

    def run() -> Any:
        started = gui_app.launch([], warm_up=False)
        if started is not None:
            qtbot.addWidget(started[2])
            opened.append(started)
        return started

    yield run
    for _app, ws, window in opened:
        window.close()
        ws.close()


@pytest.fixture
def launch_with_file(qtbot: Any) -> Iterator[Callable[[Path], Any]]:
    opened: list[Any] = []

    def run(path: Path) -> Any:
        started = gui_app.launch([], warm_up=False, open_file=path)
        if started is not None:
            qtbot.addWidget(started[2])
            opened.append(started)
        return started

    yield run
    for _app, ws, window in opened:
        window.close()
        ws.close()


def test_a_corrupt_database_is_set_aside_named_and_the_window_opens(shown, launch) -> None:
    path = _db_path()
    path.write_bytes(b"this is not a database" * 100)
    started = launch()
    assert started is not None
    _app, ws, window = started
    assert window.isVisible() and window.session.decl.recipient.name == ""
    [dialog] = shown
    assert isinstance(dialog, StartupReportDialog)
    moved = [p for p in path.parent.glob("shipdesk.damaged-*.sqlite3")]
    assert len(moved) == 1
    assert str(moved[0]) in dialog.message.text() and "damaged" in dialog.message.text()
    assert "no automatic backup" in " ".join(
        w.text() for w in dialog.findChildren(type(dialog.message))
    )
    declarations.save_draft(ws, "after", Declaration())  # the fresh database takes drafts


def test_a_newer_database_is_set_aside_and_a_backup_restored(
    qtbot, monkeypatch: pytest.MonkeyPatch, launch
) -> None:
    _save_draft("kept", "Backed Up", "2026-12-01")
    ws, report = startup.start()  # yesterday's start took the daily backup
    ws.close()
    assert report.backup_taken is not None
    with open_workspace() as ws, ws.db.write() as c:
        c.execute("INSERT INTO schema_version (version, applied_at) VALUES (999, 'x')")
    seen: list[StartupReportDialog] = []

    def choose_newest(self: StartupReportDialog) -> int:
        seen.append(self)
        assert self.restore_button.isEnabled() and self.backup_list.count() == 1
        self.restore_button.click()
        return self.result()

    monkeypatch.setattr(StartupReportDialog, "exec", choose_newest)
    started = launch()
    assert started is not None
    _app, ws, window = started
    [dialog] = seen
    assert "newer version of ShipDesk" in dialog.message.text()
    assert "shipdesk.newer-" in dialog.message.text()
    assert dialog.chosen_backup == report.backup_taken
    assert window.session.decl.recipient.name == "Backed Up"
    assert window.session.draft_id == "kept"
    assert "Backup restored" in window.statusBar().currentMessage()


def test_an_unreadable_newest_draft_is_skipped_and_reported(shown, launch) -> None:
    _save_draft("good", "Older Good", "2026-12-01")
    _save_draft("bad", "Newest Broken", "2026-12-02")
    with open_workspace() as ws, ws.db.write() as c:
        c.execute("UPDATE drafts SET data = '{\"format\": ' WHERE id = 'bad'")
    started = launch()
    assert started is not None
    _app, _ws, window = started
    assert window.session.decl.recipient.name == "Older Good"
    [dialog] = shown
    text = dialog.message.text()
    assert "could not be opened and was skipped" in text and "Newest Broken" in text
    assert not dialog.restore_button.isVisible()


def test_a_read_only_data_folder_gets_a_dialog_naming_it(shown, launch) -> None:
    data = folders().data
    with no_write_access(data):
        assert launch() is None
    [dialog] = shown
    assert isinstance(dialog, StartProblemDialog) and not dialog.retry_offered
    assert str(data) in dialog.text() and "cannot write to its data folder" in dialog.text()


def test_a_database_held_by_another_shipdesk_offers_retry(
    monkeypatch: pytest.MonkeyPatch, launch
) -> None:
    monkeypatch.setattr(db, "BUSY_TIMEOUT_S", 0.2)
    path = _db_path()
    with open_workspace():
        pass
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    texts: list[str] = []

    def retry_once_released(self: StartProblemDialog) -> int:
        texts.append(self.text())
        assert self.retry_offered
        other.execute("ROLLBACK")  # the other ShipDesk finished
        return QMessageBox.StandardButton.Retry

    monkeypatch.setattr(StartProblemDialog, "exec", retry_once_released)
    try:
        started = launch()
    finally:
        other.close()
    assert started is not None and started[2].isVisible()
    [text] = texts
    assert f"The database {path} is in use by another ShipDesk" in text


def test_giving_up_on_a_busy_database_opens_no_window(
    monkeypatch: pytest.MonkeyPatch, shown, launch
) -> None:
    monkeypatch.setattr(db, "BUSY_TIMEOUT_S", 0.2)
    with open_workspace():
        pass
    other = sqlite3.connect(_db_path(), isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        assert launch() is None  # main() then exits 2
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert len(shown) == 1 and shown[0].retry_offered


def test_a_draft_save_on_a_locked_database_says_so_and_keeps_the_edit(
    qtbot, window, workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(db, "BUSY_TIMEOUT_S", 0.2)
    other = sqlite3.connect(workspace.user_db_path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        window.go_to_step(1)
        qtbot.keyClicks(window.recipient_page.form.editors["name"], "Ann")
        window.session.flush()
        message = window.statusBar().currentMessage()
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert message.startswith(f"Draft not saved: the database {workspace.user_db_path} is in use")
    assert window.session.decl.recipient.name == "Ann"
    window.session.flush()
    qtbot.keyClicks(window.recipient_page.form.editors["name"], "a")
    window.session.flush()  # the next edit saves
    loaded = declarations.load_draft(workspace, window.session.draft_id)
    assert loaded is not None and loaded.recipient.name == "Anna"


def test_main_with_a_home_it_cannot_write_names_it_and_exits_2(
    shipdesk_home: Path, shown, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # main() installs its own
    with no_write_access(shipdesk_home):
        assert gui_app.main([]) == 2  # no log folder either: the start goes on to the dialog
    [dialog] = shown
    assert isinstance(dialog, StartProblemDialog)
    assert f"{shipdesk_home}{os.sep}" in dialog.text()


def test_a_declaration_given_at_start_is_opened(launch_with_file: Any, sample_path: Path) -> None:
    started = launch_with_file(sample_path)
    assert started is not None
    _app, _ws, window = started
    assert window.session.decl.recipient.name == "John Miller"
    assert window.session.path == sample_path


def test_gui_exit_when_shown_starts_the_app_and_quits_once_the_window_is_shown(
    shipdesk_home: Path,
) -> None:
    """In a process of its own, as the installers' checks run it (the app's quit must not
    leave this test process's application quitting)."""
    import subprocess

    root = Path(__file__).resolve().parents[2]
    env = dict(os.environ, PYTHONPATH=str(root), QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run(
        [sys.executable, "-m", "shipdesk", "gui", "--exit-when-shown"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("window shown at ") and "s after start)" in proc.stdout
    log = (shipdesk_home / "logs" / "shipdesk.log").read_text(encoding="utf-8")
    assert "exiting as asked" in log and "tariff lookup ready" not in log  # no warm-up


def test_the_lookup_library_is_imported_before_the_window_not_on_the_warm_up_thread(
    shipdesk_home: Path,
) -> None:
    """Importing a compiled module holds the interpreter lock for the whole import: numpy is
    imported on the window's thread before the window shows, so the background warm-up never
    stops the typing for it. In a process of its own, where nothing imported numpy before."""
    import subprocess

    root = Path(__file__).resolve().parents[2]
    env = dict(os.environ, PYTHONPATH=str(root), QT_QPA_PLATFORM="offscreen")
    probe = (
        "import sys, threading\n"
        "from shipdesk.gui import app\n"
        "seen = {}\n"
        "def fake_warm_up():\n"
        "    seen['numpy'] = 'numpy' in sys.modules\n"
        "    return threading.Thread(target=lambda: None)\n"
        "app.warm_up_lookup = fake_warm_up\n"
        "before = 'numpy' in sys.modules\n"
        "started = app.launch([])\n"
        "assert started is not None\n"
        "qapp, ws, window = started\n"
        "print(before, seen.get('numpy'))\n"
        "window.close(); ws.close()\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split()[-2:] == ["False", "True"], proc.stdout


def test_the_sentence_encoder_is_set_up_before_the_window_shows(monkeypatch, qtbot) -> None:
    """On the background warm-up thread, the encoder's set-up kept the window from the
    interpreter lock for 20-70 ms while the first keys were typed (docs/benchmarks.md,
    "Typing latency"); it is done before the window shows, the rest of the warm-up after."""
    from shipdesk.core.services import classification
    from shipdesk.gui.main_window import MainWindow

    order: list[str] = []
    monkeypatch.setattr(classification, "load_encoder", lambda: order.append("encoder"))
    monkeypatch.setattr(gui_app, "warm_up_lookup", lambda: order.append("warm-up"))
    show = MainWindow.show
    monkeypatch.setattr(MainWindow, "show", lambda self: (order.append("shown"), show(self)))
    started = gui_app.launch([], warm_up=True)
    assert started is not None
    _app, ws, window = started
    qtbot.addWidget(window)
    try:
        assert order == ["encoder", "shown", "warm-up"], order
    finally:
        window.close()
        ws.close()
