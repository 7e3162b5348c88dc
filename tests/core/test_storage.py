"""User database: migrations, WAL, drafts saved and purged, settings."""

from __future__ import annotations

from pathlib import Path

import pytest

from shipdesk.core.errors import DataError
from shipdesk.core.model import Declaration, Item
from shipdesk.core.paths import folders, resource, user_db_path
from shipdesk.core.storage import db, settings
from shipdesk.core.storage.drafts import DraftStore


def test_folders_follow_shipdesk_home(shipdesk_home: Path) -> None:
    f = folders()
    for p in (f.data, f.config, f.cache, f.logs):
        assert p.is_dir() and shipdesk_home in p.parents
    assert user_db_path().parent == f.data


def test_resources_are_found() -> None:
    assert resource("samples", "sample.shipdesk.json").is_file()


def test_new_database_is_migrated_and_in_wal_mode() -> None:
    conn = db.connect()
    assert db.schema_version(conn) == db.LATEST
    assert conn.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal"
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"drafts", "history", "catalogue", "settings", "mappings", "schema_version"} <= tables


def test_migrations_apply_once_and_forward(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "u.sqlite3"
    conn = db.connect(path)
    conn.close()
    extra = (db.LATEST + 1, "test step", ["CREATE TABLE t_extra (x INTEGER)"])
    monkeypatch.setattr(db, "MIGRATIONS", [*db.MIGRATIONS, extra])
    monkeypatch.setattr(db, "LATEST", extra[0])
    conn = db.connect(path)
    assert db.schema_version(conn) == extra[0]
    rows = conn.execute("SELECT version FROM schema_version ORDER BY version").fetchall()
    assert [r[0] for r in rows] == list(range(1, extra[0] + 1))


def test_newer_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "u.sqlite3"
    conn = db.connect(path)
    conn.execute("INSERT INTO schema_version (version, applied_at) VALUES (999, 'x')")
    conn.commit()
    conn.close()
    with pytest.raises(DataError, match="newer ShipDesk"):
        db.connect(path)


def test_corrupt_database_gets_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(DataError, match="cannot open the user database"):
        db.connect(path)


def test_drafts_save_load_list_and_delete() -> None:
    store = DraftStore()
    d = Declaration(items=[Item(description="Cotton T-shirt", value="about 12")])
    d.recipient.name, d.recipient.country = "Ana", "ES"
    store.save("d1", d)
    assert store.load("d1") == d
    assert store.latest().title == "Ana → ES, 1 item"
    d.items.append(Item(description="Scarf"))
    store.save("d1", d)
    assert len(store.load("d1").items) == 2
    store.log("d1", "rendered", "cn23")
    assert store.history("d1")[0][1] == "rendered"
    store.delete("d1")
    assert store.load("d1") is None and store.history("d1") == []


def test_purge_removes_old_drafts_only() -> None:
    store = DraftStore()
    store.save("old", Declaration())
    store.save("new", Declaration())
    store.conn.execute("UPDATE drafts SET updated_at = '2020-01-01T00:00:00+00:00' WHERE id='old'")
    store.conn.commit()
    assert store.purge_older_than(30) == 1
    assert [i.id for i in store.list()] == ["new"]
    assert store.purge_older_than(0) == 1
    assert store.list() == []


def test_settings_defaults_and_round_trip() -> None:
    assert settings.get("operator") == "upu"
    settings.put("operator", "royal_mail")
    settings.put("sender", {"name": "A", "country": "DE"})
    assert settings.get("operator") == "royal_mail"
    assert settings.get("sender") == {"name": "A", "country": "DE"}


def test_two_connections_share_the_database() -> None:
    a, b = db.connect(), db.connect()
    assert a is not b
    settings.put("paper", "letter", a)
    assert settings.get("paper", b) == "letter"
    settings.put("paper", "a4", b)
    assert settings.get("paper", a) == "a4"
