"""User database: one object per open workspace, WAL, busy timeout, schema version, migrations.

Every migration is a list of SQL statements applied in one transaction; ``schema_version``
records each applied step with its date. A database written by a newer ShipDesk (a version
above the highest known step) is refused rather than altered.

:class:`UserDatabase` is the only way the application reaches the file: it migrates once when it
is opened, hands each thread its own connection (SQLite connections must not be shared by two
threads at once), sends every write through one lock (one write lane, so a worker thread and
the GUI never fight for the write lock inside SQLite) and closes every connection it opened.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from shipdesk.core.errors import DataError

Migration = tuple[int, str, list[str]]

# Append only. Never edit a step that has shipped: add a new one.
MIGRATIONS: list[Migration] = [
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
            "CREATE INDEX catalogue_norm ON catalogue(norm)",
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
    (
        3,
        "address book: which addresses the user saved on purpose",
        ["ALTER TABLE address_book ADD COLUMN saved INTEGER NOT NULL DEFAULT 0"],
    ),
]

LATEST = MIGRATIONS[-1][0]
DB_NAME = "shipdesk.sqlite3"


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def schema_version(conn: sqlite3.Connection) -> int:
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_version ("
        "version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL, note TEXT NOT NULL DEFAULT '')"
    )
    row = conn.execute("SELECT MAX(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def migrate(
    conn: sqlite3.Connection,
    migrations: Sequence[Migration] | None = None,
    what: str = "user database",
) -> int:
    """Apply pending migrations; return the schema version reached.

    ``migrations`` defaults to the user database's steps (read at call time, so a test can add
    a step); the national tariff store passes its own.
    """
    steps = MIGRATIONS if migrations is None else migrations
    latest = steps[-1][0] if steps else 0
    current = schema_version(conn)
    if current > latest:
        raise DataError(
            f"the {what} is from a newer ShipDesk (schema {current}, this one knows "
            f"up to {latest}); use the newer version or another SHIPDESK_HOME"
        )
    for version, note, statements in steps:
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


def open_connection(
    path: Path, what: str = "user database", *, wal: bool = True
) -> sqlite3.Connection:
    """A configured connection (rows by name, WAL unless told not, busy timeout); no
    migrations."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn: sqlite3.Connection | None = None
    try:
        conn = sqlite3.connect(path, timeout=5.0, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        if wal:
            conn.execute("PRAGMA journal_mode=WAL")
        else:  # a file whose mtime tells readers it changed (no write-ahead log beside it)
            conn.execute("PRAGMA schema_version").fetchone()
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA busy_timeout=5000")
    except sqlite3.DatabaseError as exc:
        if conn is not None:
            conn.close()
        raise DataError(f"{path}: cannot open the {what} ({exc})") from None
    return conn


class UserDatabase:
    """The user's database file: migrated once at open, a connection per thread, one write lane.

    Use it as a context manager or call :meth:`close`; every connection it handed out is closed
    then (a connection left open keeps the WAL file and leaks a ResourceWarning).
    """

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._local = threading.local()
        self._opened: list[sqlite3.Connection] = []
        self._guard = threading.Lock()
        self._write_lock = threading.RLock()
        self._closed = False
        conn = self.connection()
        try:
            with self._write_lock:
                self.version = migrate(conn)
        except sqlite3.DatabaseError as exc:
            self.close()
            raise DataError(f"{self.path}: cannot open the user database ({exc})") from None
        except BaseException:
            self.close()
            raise

    @property
    def location(self) -> str:
        return str(self.path)

    def connection(self) -> sqlite3.Connection:
        """This thread's connection (opened on first use)."""
        if self._closed:
            raise DataError(f"{self.path}: the user database is closed")
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = open_connection(self.path)
            # deleted customer data is overwritten, not just unlinked from the b-tree
            conn.execute("PRAGMA secure_delete=ON")
            self._local.conn = conn
            with self._guard:
                self._opened.append(conn)
        return conn

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One transaction on the single write lane: committed on success, rolled back on error."""
        conn = self.connection()
        with self._write_lock, conn:
            yield conn

    def checkpoint(self) -> bool:
        """Copy the write-ahead log into the database file and cut the log to nothing, so rows
        deleted before (overwritten in place, ``secure_delete``) are kept by no file. False when
        a reader still using an old snapshot kept the log from being cut."""
        with self._write_lock:
            row = self.connection().execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        return row is not None and int(row[0]) == 0

    def close(self) -> None:
        """Close every connection this object opened (safe to call twice)."""
        self._closed = True
        with self._guard:
            opened, self._opened = self._opened, []
        for conn in opened:
            conn.close()
        self._local = threading.local()

    @property
    def closed(self) -> bool:
        return self._closed

    def __enter__(self) -> UserDatabase:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
