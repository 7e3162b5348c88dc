"""Copies of the user database (the automatic backups) forget what the database forgot.

A backup taken this morning still holds the customer served at noon. After a purge,
:func:`forget_in_copies` deletes from every copy in a folder the drafts, history rows and
address-book entries the open database no longer has (matched by their keys, which a SQLite
online backup keeps), overwriting them (``secure_delete``) and vacuuming the copy so no free
page keeps an older version. Everything else in a copy (settings, products, catalogue,
mappings, the drafts and addresses still in use) stays restorable.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from shipdesk.core.storage.db import UserDatabase

# (table, key column): the tables that hold customer data.
CUSTOMER_TABLES = (("drafts", "id"), ("history", "id"), ("address_book", "id"))


def forget_in_copies(db: UserDatabase, folder: Path) -> list[Path]:
    """Make every ShipDesk database copy (``*.sqlite3``) in ``folder`` forget the customer rows
    ``db`` no longer has; returns the copies changed. A file that is not such a copy, or that
    cannot be opened or written, is left as it is (it is reported by the backup checks)."""
    try:
        copies = sorted(p for p in folder.glob("*.sqlite3") if p.is_file() and not p.is_symlink())
    except OSError:
        return []
    if not copies:
        return []
    live = db.connection()
    keep = {
        table: [row[0] for row in live.execute(f"SELECT {key} FROM {table}")]
        for table, key in CUSTOMER_TABLES
    }
    changed: list[Path] = []
    for path in copies:
        try:
            if _forget(path, keep):
                changed.append(path)
        except sqlite3.Error:
            continue
    return changed


def _forget(path: Path, keep: dict[str, list[object]]) -> bool:
    conn = sqlite3.connect(path)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not {t for t, _ in CUSTOMER_TABLES} <= tables:
            return False  # not a copy of the user database
        conn.execute("PRAGMA secure_delete=ON")
        deleted = 0
        with conn:
            for table, key in CUSTOMER_TABLES:
                conn.execute("CREATE TEMP TABLE IF NOT EXISTS keep_keys (k)")
                conn.execute("DELETE FROM keep_keys")
                conn.executemany("INSERT INTO keep_keys VALUES (?)", [(k,) for k in keep[table]])
                deleted += conn.execute(
                    f"DELETE FROM {table} WHERE {key} NOT IN (SELECT k FROM keep_keys)"
                ).rowcount
            conn.execute("DROP TABLE keep_keys")
        if deleted:
            conn.execute("VACUUM")  # no free page of the copy keeps an older version
        return deleted > 0
    finally:
        conn.close()
