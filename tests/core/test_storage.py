"""User database: migrations, WAL, drafts saved and purged, settings, connections closed."""

from __future__ import annotations

import sqlite3
import threading
import warnings
from pathlib import Path

import pytest

from shipdesk.core.errors import DataError
from shipdesk.core.model import Declaration, Item
from shipdesk.core.paths import folders, resource
from shipdesk.core.services import Workspace, declarations, records
from shipdesk.core.storage import db
from shipdesk.core.storage.db import UserDatabase
from shipdesk.core.storage.settings import Settings, SqliteSettings


def test_folders_follow_shipdesk_home(shipdesk_home: Path, workspace: Workspace) -> None:
    f = folders()
    for p in (f.data, f.config, f.cache, f.logs):
        assert p.is_dir() and shipdesk_home in p.parents
    assert workspace.folders == f
    assert workspace.user_db_path.parent == f.data


def test_resources_are_found() -> None:
    assert resource("samples", "sample.shipdesk.json").is_file()


def test_new_database_is_migrated_and_in_wal_mode(workspace: Workspace) -> None:
    conn = workspace.db.connection()
    assert db.schema_version(conn) == db.LATEST
    assert conn.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal"
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"drafts", "history", "catalogue", "settings", "mappings", "schema_version"} <= tables


def test_migrations_apply_once_and_forward(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "u.sqlite3"
    UserDatabase(path).close()
    extra = (db.LATEST + 1, "test step", ["CREATE TABLE t_extra (x INTEGER)"])
    monkeypatch.setattr(db, "MIGRATIONS", [*db.MIGRATIONS, extra])
    monkeypatch.setattr(db, "LATEST", extra[0])
    with UserDatabase(path) as udb:
        conn = udb.connection()
        assert db.schema_version(conn) == extra[0]
        rows = conn.execute("SELECT version FROM schema_version ORDER BY version").fetchall()
        assert [r[0] for r in rows] == list(range(1, extra[0] + 1))


def test_newer_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "u.sqlite3"
    with UserDatabase(path) as udb, udb.write() as conn:
        conn.execute("INSERT INTO schema_version (version, applied_at) VALUES (999, 'x')")
    with pytest.raises(DataError, match="newer ShipDesk"):
        UserDatabase(path)


def test_corrupt_database_gets_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(DataError, match=f"{path}: the user database is damaged"):
        UserDatabase(path)


def test_drafts_save_load_list_and_delete(workspace: Workspace) -> None:
    ws = workspace
    d = Declaration(items=[Item(description="Cotton T-shirt", value="about 12")])
    d.recipient.name, d.recipient.country = "Ana", "ES"
    declarations.save_draft(ws, "d1", d)
    assert declarations.load_draft(ws, "d1") == d
    latest = declarations.latest_draft(ws)
    assert latest is not None and latest.title == "Ana → ES, 1 item"
    d.items.append(Item(description="Scarf"))
    declarations.save_draft(ws, "d1", d)
    loaded = declarations.load_draft(ws, "d1")
    assert loaded is not None and len(loaded.items) == 2
    declarations.log_event(ws, "d1", "rendered", "cn23")
    assert declarations.history(ws, "d1")[0][1] == "rendered"
    declarations.delete_draft(ws, "d1")
    assert declarations.load_draft(ws, "d1") is None and declarations.history(ws, "d1") == []


def test_purge_removes_old_drafts_only(workspace: Workspace) -> None:
    ws = workspace
    declarations.save_draft(ws, "old", Declaration())
    declarations.save_draft(ws, "new", Declaration())
    with ws.db.write() as conn:
        conn.execute("UPDATE drafts SET updated_at = '2020-01-01T00:00:00+00:00' WHERE id='old'")
    assert ws.drafts.purge_older_than(30) == 1
    assert [i.id for i in declarations.list_drafts(ws)] == ["new"]
    assert ws.drafts.purge_older_than(0) == 1
    assert declarations.list_drafts(ws) == []


def test_settings_defaults_and_round_trip(workspace: Workspace) -> None:
    assert records.settings(workspace).operator == "upu"
    records.update_settings(workspace, operator="royal_mail")
    records.update_settings(workspace, sender={"name": "A", "country": "DE"})
    assert workspace.settings.operator == "royal_mail"
    assert workspace.settings.sender == {"name": "A", "country": "DE"}
    assert workspace.operator_profile.id == "royal_mail"


def test_damaged_or_unknown_settings_fall_back(workspace: Workspace) -> None:
    records.update_settings(workspace, operator="no_such_post")
    workspace.settings_store.put("keep_drafts_days", "x")  # a hand-edited database
    workspace.refresh()
    assert workspace.settings.keep_drafts_days == Settings().keep_drafts_days
    assert workspace.operator_profile.id == "upu"


def test_a_connection_per_thread_sharing_the_database(workspace: Workspace) -> None:
    records.update_settings(workspace, paper="letter")
    seen: list[object] = []

    def read_then_write() -> None:
        conn = workspace.db.connection()
        seen.append(conn)
        seen.append(SqliteSettings(workspace.db).get("paper"))
        SqliteSettings(workspace.db).put("paper", "a4")

    t = threading.Thread(target=read_then_write)
    t.start()
    t.join()
    assert seen[1] == "letter"
    assert seen[0] is not workspace.db.connection()
    assert isinstance(seen[0], sqlite3.Connection)
    assert SqliteSettings(workspace.db).get("paper") == "a4"


def test_closing_closes_every_connection(tmp_path: Path) -> None:
    udb = UserDatabase(tmp_path / "u.sqlite3")
    conns = [udb.connection()]
    t = threading.Thread(target=lambda: conns.append(udb.connection()))
    t.start()
    t.join()
    with warnings.catch_warnings():
        warnings.simplefilter("error", ResourceWarning)
        udb.close()
        udb.close()  # twice is harmless
    for c in conns:
        with pytest.raises(sqlite3.ProgrammingError):
            c.execute("SELECT 1")
    with pytest.raises(DataError, match="closed"):
        udb.connection()


def test_existing_database_opens_without_running_migrations_again(tmp_path: Path) -> None:
    path = tmp_path / "u.sqlite3"
    UserDatabase(path).close()
    with UserDatabase(path) as udb:
        rows = udb.connection().execute("SELECT count(*) FROM schema_version").fetchone()
        assert rows[0] == db.LATEST
