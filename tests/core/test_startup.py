"""Start-up: nothing on disk locks the user out (damaged or newer database, broken drafts,
read-only folder, a database locked by another program), and the daily backups."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from shipdesk.core.model import Declaration
from shipdesk.core.paths import folders
from shipdesk.core.services import declarations, open_workspace, records, startup
from shipdesk.core.services.workspace import DataFolderError
from shipdesk.core.storage import db
from shipdesk.core.storage.db import DB_NAME, DatabaseBusy, DatabaseDamaged, UserDatabase
from tests.permissions import no_write_access

DAY = datetime(2026, 12, 4, 9, 30, tzinfo=UTC)


def _db_path() -> Path:
    return folders().data / DB_NAME


def _decl(name: str) -> Declaration:
    d = Declaration()
    d.recipient.name, d.recipient.country = name, "US"
    return d


def _save_drafts(*names: str) -> None:
    """Drafts saved one after the other, the last one newest."""
    with open_workspace() as ws:
        for i, name in enumerate(names):
            declarations.save_draft(ws, f"d{i}", _decl(name))
            with ws.db.write() as c:
                c.execute(
                    "UPDATE drafts SET updated_at = ? WHERE id = ?", (f"2026-12-0{i + 1}", f"d{i}")
                )


def _set_draft_data(draft_id: str, data: str) -> None:
    with open_workspace() as ws, ws.db.write() as c:
        c.execute("UPDATE drafts SET data = ? WHERE id = ?", (data, draft_id))


# -- a damaged or newer database -------------------------------------------------------------
def test_a_file_that_is_not_a_database_is_set_aside_and_a_fresh_one_opened() -> None:
    path = _db_path()
    garbage = b"this is not a database" * 100
    path.write_bytes(garbage)
    wal = path.with_name(path.name + "-wal")
    wal.write_bytes(b"log" * 100)  # never replayed into the fresh file: it moves along
    ws, report = startup.start(now=DAY)
    with ws:
        assert report.set_aside is not None and report.needs_attention
        moved = report.set_aside.moved_to
        assert report.set_aside.reason == "damaged" and report.set_aside.original == path
        assert (
            moved.parent == path.parent and moved.name == "shipdesk.damaged-20261204-093000.sqlite3"
        )
        assert moved.read_bytes() == garbage  # kept as it was, for support
        assert moved.with_name(moved.name + "-wal").read_bytes() == b"log" * 100
        declarations.save_draft(ws, "new", _decl("Ann"))  # the fresh database works
        assert ws.db.path == path
    assert report.backup_taken is None  # the empty fresh database is not worth a backup


def _malformed(path: Path) -> None:
    """A real database whose table pages are overwritten in the middle: it opens, but SQLite
    finds it malformed."""
    with UserDatabase(path) as udb, udb.write() as c:
        for i in range(400):
            c.execute(
                "INSERT INTO catalogue (description, norm, hs_code, created_at, updated_at) "
                "VALUES (?, ?, '610910', 'x', 'x')",
                (f"item {i} " * 20, f"item {i}"),
            )
    data = bytearray(path.read_bytes())
    page = 4096
    for p in range(3, len(data) // page - 1, 2):
        data[p * page + 8 : p * page + 400] = b"\xa5" * 392
    path.write_bytes(bytes(data))


def test_a_malformed_database_fails_the_integrity_check_and_is_set_aside() -> None:
    path = _db_path()
    _malformed(path)
    with pytest.raises(DatabaseDamaged, match=str(path)):
        UserDatabase(path, check=True)
    ws, report = startup.start(now=DAY)
    with ws:
        assert report.set_aside is not None and report.set_aside.reason == "damaged"
        assert report.set_aside.moved_to.is_file()
        assert db.quick_check(ws.db.connection()) == []


def test_a_database_from_a_newer_shipdesk_is_set_aside() -> None:
    path = _db_path()
    with UserDatabase(path) as udb, udb.write() as c:
        c.execute("INSERT INTO schema_version (version, applied_at) VALUES (999, 'x')")
    ws, report = startup.start(now=DAY)
    with ws:
        aside = report.set_aside
        assert aside is not None and aside.reason == "newer" and "schema 999" in aside.detail
        assert aside.moved_to.name == "shipdesk.newer-20261204-093000.sqlite3"
        with sqlite3.connect(aside.moved_to) as old:
            assert old.execute("SELECT MAX(version) FROM schema_version").fetchone()[0] == 999
        assert db.schema_version(ws.db.connection()) == db.LATEST


def test_the_command_line_names_a_damaged_database_and_leaves_it_alone() -> None:
    path = _db_path()
    path.write_bytes(b"x" * 5000)
    with pytest.raises(DatabaseDamaged, match=f"{path}: the user database is damaged"):
        open_workspace()
    assert path.read_bytes() == b"x" * 5000


# -- backups ---------------------------------------------------------------------------------
def test_one_backup_a_day_and_only_the_newest_kept(workspace) -> None:
    records.update_settings(workspace, backups_kept=2)
    declarations.save_draft(workspace, "d", _decl("Ann"))
    workspace.close()
    taken = []
    for day in range(4):
        for hour in (0, 5):  # a second start on the same day takes no second copy
            ws, report = startup.start(now=DAY + timedelta(days=day, hours=hour))
            ws.close()
            taken.append(report.backup_taken)
    assert all(t is not None for t in taken[0::2]) and taken[1::2] == [None] * 4
    kept = [b.path for b in report.backups]
    assert kept == [taken[6], taken[4]]
    with sqlite3.connect(kept[0]) as copy:
        assert copy.execute("SELECT count(*) FROM drafts").fetchone()[0] == 1
        assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def test_no_backups_when_switched_off(workspace) -> None:
    records.update_settings(workspace, backups_kept=0)
    workspace.close()
    ws, report = startup.start(now=DAY)
    ws.close()
    assert report.backup_taken is None and report.backups == ()


def test_a_counter_keeping_no_customer_data_keeps_no_drafts_in_its_backups(workspace) -> None:
    records.update_settings(workspace, keep_drafts="printed")
    declarations.save_draft(workspace, "d", _decl("Customer Name"))
    workspace.close()
    ws, report = startup.start(now=DAY)
    ws.close()
    assert report.backup_taken is not None
    assert b"Customer Name" not in report.backup_taken.read_bytes()
    with sqlite3.connect(report.backup_taken) as copy:
        assert copy.execute("SELECT count(*) FROM drafts").fetchone()[0] == 0


def test_restore_a_backup_after_the_database_was_set_aside() -> None:
    _save_drafts("Backed Up")
    ws, first = startup.start(now=DAY)
    ws.close()
    assert first.backup_taken is not None
    _db_path().write_bytes(b"garbage" * 1000)
    ws, report = startup.start(now=DAY + timedelta(days=1))
    with ws:
        assert report.set_aside is not None and report.resumed.declaration is None
        assert [b.path for b in report.backups] == [first.backup_taken]
        before = startup.restore_backup(ws, first.backup_taken)
        assert before.name.endswith("-before-restore.sqlite3") and before.is_file()
        resumed = declarations.resume_report(ws)
        assert resumed.declaration is not None
        assert resumed.declaration.recipient.name == "Backed Up"
        assert db.schema_version(ws.db.connection()) == db.LATEST


def test_a_damaged_backup_is_refused_naming_it(workspace, tmp_path: Path) -> None:
    bad = tmp_path / "shipdesk-20261201-000000.sqlite3"
    bad.write_bytes(b"nope" * 1000)
    with pytest.raises(Exception, match=str(bad)):
        startup.restore_backup(workspace, bad)


# -- drafts that cannot be read --------------------------------------------------------------
@pytest.mark.parametrize(
    "data",
    [
        '{"format": "shipdesk.declaration/1", "recipient": {"name": "Br',  # cut short
        json.dumps({"format": "shipdesk.declaration/1", "items": "not a list"}),
        json.dumps({"format": "shipdesk.declaration/99", "items": []}),
    ],
    ids=["truncated", "wrong-shape", "newer-version"],
)
def test_an_unreadable_newest_draft_is_skipped_reported_and_kept(data: str) -> None:
    _save_drafts("Older Good", "Newest")
    _set_draft_data("d1", data)
    ws, report = startup.start(now=DAY)
    with ws:
        resumed = report.resumed
        assert resumed.declaration is not None
        assert resumed.declaration.recipient.name == "Older Good" and resumed.draft_id == "d0"
        [skipped] = resumed.skipped
        assert skipped.id == "d1" and skipped.title.startswith("Newest") and skipped.reason
        assert report.needs_attention
        row = ws.db.connection().execute("SELECT data FROM drafts WHERE id='d1'").fetchone()
        assert row[0] == data  # kept untouched, for support


def test_no_readable_draft_opens_an_empty_declaration() -> None:
    _save_drafts("Only")
    _set_draft_data("d0", "{")
    ws, report = startup.start(now=DAY)
    ws.close()
    assert report.resumed.declaration is None and len(report.resumed.skipped) == 1


# -- folders and locks -----------------------------------------------------------------------
def test_a_read_only_data_folder_is_named(shipdesk_home: Path) -> None:
    data = folders().data
    with no_write_access(data):
        with pytest.raises(DataFolderError) as err:
            startup.start(now=DAY)
        assert err.value.folder == data and str(data) in str(err.value)
        with pytest.raises(DataFolderError, match="cannot write to the data folder"):
            open_workspace()


def test_folders_that_cannot_be_created_are_named(shipdesk_home: Path) -> None:
    assert list(shipdesk_home.iterdir()) == []
    with no_write_access(shipdesk_home), pytest.raises(DataFolderError) as err:
        startup.start(now=DAY)
    assert err.value.folder.parent == shipdesk_home


def test_a_read_only_database_file_is_named_not_set_aside(workspace) -> None:
    workspace.close()
    path = _db_path()
    with no_write_access(path), pytest.raises(db.DatabaseUnavailable, match=str(path)):
        startup.start(now=DAY)
    assert path.is_file() and not list(path.parent.glob("shipdesk.*-*.sqlite3"))


@pytest.fixture
def locked(workspace, monkeypatch: pytest.MonkeyPatch):
    """Another program holds the write lock of the user database (readers go on)."""
    monkeypatch.setattr(db, "BUSY_TIMEOUT_S", 0.2)
    workspace.close()
    other = sqlite3.connect(_db_path(), isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    yield
    other.execute("ROLLBACK")
    other.close()


@pytest.fixture
def locked_exclusively(workspace, monkeypatch: pytest.MonkeyPatch):
    """Another program switched the database out of WAL and holds it exclusively: even
    opening it must wait."""
    monkeypatch.setattr(db, "BUSY_TIMEOUT_S", 0.2)
    workspace.close()
    other = sqlite3.connect(_db_path(), isolation_level=None)
    other.execute("PRAGMA journal_mode=DELETE")
    other.execute("BEGIN EXCLUSIVE")
    yield
    other.execute("ROLLBACK")
    other.close()


def test_a_write_to_a_locked_database_says_who_holds_it(locked) -> None:
    with open_workspace() as ws, pytest.raises(DatabaseBusy) as err:
        declarations.save_draft(ws, "d", _decl("Ann"))
    assert str(err.value).startswith(f"the database {_db_path()} is in use by another ShipDesk")


def test_start_next_to_a_long_writer_is_busy(locked) -> None:
    with pytest.raises(DatabaseBusy, match="in use by another ShipDesk"):
        startup.start(now=DAY)


def test_start_with_an_exclusively_held_database_is_busy_not_damaged(locked_exclusively) -> None:
    with pytest.raises(DatabaseBusy, match="in use by another ShipDesk"):
        startup.start(now=DAY)
    assert not list(_db_path().parent.glob("shipdesk.*-*.sqlite3"))


def test_setting_a_database_aside_leaves_the_backups_whole() -> None:
    """The fresh database has no drafts: the start must not make the backups forget theirs
    (a purge makes the copies forget what the database no longer has)."""
    _save_drafts("In The Backup")
    ws, first = startup.start(now=DAY)
    ws.close()
    assert first.backup_taken is not None
    _db_path().write_bytes(b"garbage" * 1000)
    ws, report = startup.start(now=DAY + timedelta(days=1))
    ws.close()
    assert report.set_aside is not None
    with sqlite3.connect(first.backup_taken) as copy:
        assert copy.execute("SELECT count(*) FROM drafts").fetchone()[0] == 1
