"""User database: connection factory, WAL, busy timeout, schema version and migrations.

Every migration is a list of SQL statements applied in one transaction; ``schema_version``
records each applied step with its date. A database written by a newer ShipDesk (a version
above the highest known step) is refused rather than altered.
"""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, datetime
from pathlib import Path

from shipdesk.core.errors import DataError
from shipdesk.core.paths import user_db_path

# Append only. Never edit a step that has shipped: add a new one.
MIGRATIONS: list[tuple[int, str, list[str]]] = [
    (
        1,
        "drafts, history, catalogue, settings, saved mappings, address book",
        [
            """CREATE TABLE drafts (
                id TEXT PRIMARY KEY,
                title TEXT NOT NULL DEFAULT '',
                data TEXT NOT NULL,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL
            )""",
            """CREATE TABLE history (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                draft_id TEXT,
                at TEXT NOT NULL,
                event TEXT NOT NULL,
                detail TEXT NOT NULL DEFAULT ''
            )""",
            """CREATE TABLE catalogue (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                description TEXT NOT NULL,
                norm TEXT NOT NULL,
                hs_code TEXT NOT NULL,
                uses INTEGER NOT NULL DEFAULT 1,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                UNIQUE (norm, hs_code)
            )""",
            "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
            """CREATE TABLE mappings (
                name TEXT PRIMARY KEY,
                data TEXT NOT NULL,
                updated_at TEXT NOT NULL
            )""",
            """CREATE TABLE address_book (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                role TEXT NOT NULL,
                data TEXT NOT NULL,
                label TEXT NOT NULL DEFAULT '',
                updated_at TEXT NOT NULL
            )""",
        ],
    ),
    (
        2,
        "product catalogue: customs facts per SKU",
        [
            """CREATE TABLE products (
                sku_key TEXT PRIMARY KEY,
                sku TEXT NOT NULL,
                name TEXT NOT NULL DEFAULT '',
                description TEXT NOT NULL DEFAULT '',
                net_weight_kg TEXT NOT NULL DEFAULT '',
                hs_code TEXT NOT NULL DEFAULT '',
                origin_country TEXT NOT NULL DEFAULT '',
                updated_at TEXT NOT NULL
            )""",
        ],
    ),
]

LATEST = MIGRATIONS[-1][0]
_lock = threading.Lock()


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def schema_version(conn: sqlite3.Connection) -> int:
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_version ("
        "version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL, note TEXT NOT NULL DEFAULT '')"
    )
    row = conn.execute("SELECT MAX(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def migrate(conn: sqlite3.Connection) -> int:
    """Apply pending migrations; return the schema version reached."""
    current = schema_version(conn)
    if current > LATEST:
        raise DataError(
            f"the user database is from a newer ShipDesk (schema {current}, this one knows "
            f"up to {LATEST}); use the newer version or another SHIPDESK_HOME"
        )
    for version, note, statements in MIGRATIONS:
        if version <= current:
            continue
        with conn:
            for sql in statements:
                conn.execute(sql)
            conn.execute(
                "INSERT INTO schema_version (version, applied_at, note) VALUES (?, ?, ?)",
                (version, now_iso(), note),
            )
        current = version
    return current


def connect(path: Path | str | None = None) -> sqlite3.Connection:
    """Open (creating and migrating as needed) the user database. One connection per thread."""
    p = Path(path) if path else user_db_path()
    p.parent.mkdir(parents=True, exist_ok=True)
    try:
        conn = sqlite3.connect(p, timeout=5.0, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA busy_timeout=5000")
        with _lock:
            migrate(conn)
    except sqlite3.DatabaseError as exc:
        raise DataError(f"{p}: cannot open the user database ({exc})") from None
    return conn
