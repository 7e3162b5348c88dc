"""User database: one object per open workspace, WAL, busy timeout, schema version, migrations.

Every migration is a list of SQL statements applied in one transaction; ``schema_version``
records each applied step with its date. A database written by a newer ShipDesk (a version
above the highest known step) is refused rather than altered (:class:`DatabaseTooNew`).

What SQLite reports is sorted into errors that say what happened to the file: damaged
(:class:`DatabaseDamaged`: not a database, malformed, a failed ``PRAGMA quick_check``), in use by
another program for longer than the busy timeout (:class:`DatabaseBusy`), or not readable or
writable (:class:`DatabaseUnavailable`: permissions, a read-only folder, a full disk). Each names
the file; only a damaged or newer file may be set aside (:func:`set_aside`), never one that is
merely locked or unreadable.

:class:`UserDatabase` is the only way the application reaches the file: it migrates once when it
is opened, hands each thread its own connection (SQLite connections must not be shared by two
threads at once), sends every write through one lock (one write lane, so a worker thread and
the GUI never fight for the write lock inside SQLite) and closes every connection it opened.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from shipdesk.core.closing import Closing
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

# How long a statement waits for another program's lock before giving up (seconds).
BUSY_TIMEOUT_S = 5.0
# The files SQLite keeps beside a database; they belong to it and move with it.
COMPANIONS = ("-wal", "-shm", "-journal")


class DatabaseDamaged(DataError):
    """The file is not a database, or SQLite finds it malformed."""

    def __init__(self, path: Path, detail: str, what: str = "user database") -> None:
        self.path = path
        self.detail = detail
        super().__init__(f"{path}: the {what} is damaged ({detail})")


class DatabaseTooNew(DataError):
    """Written by a newer ShipDesk: a schema version above the highest step known here."""

    def __init__(self, path: Path | None, version: int, latest: int, what: str) -> None:
        self.path = path
        self.version = version
        self.latest = latest
        where = f"{path}: " if path is not None else ""
        super().__init__(
            f"{where}the {what} is from a newer ShipDesk (schema {version}, this one knows "
            f"up to {latest}); use the newer version or another SHIPDESK_HOME"
        )


class DatabaseBusy(DataError):
    """Another program kept the database locked for longer than the busy timeout."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(
            f"the database {path} is in use by another ShipDesk (still locked after "
            f"{BUSY_TIMEOUT_S:g} s); close the other one and try again"
        )


class DatabaseUnavailable(DataError):
    """The file cannot be read or written: permissions, a read-only folder, a full disk."""

    def __init__(self, path: Path, detail: str, what: str = "user database") -> None:
        self.path = path
        self.detail = detail
        super().__init__(f"{path}: cannot open the {what} ({detail})")


def _errorname(exc: sqlite3.Error) -> str:
    return getattr(exc, "sqlite_errorname", "") or ""


def is_busy(exc: sqlite3.Error) -> bool:
    """Whether SQLite gave up waiting for another connection's lock."""
    name = _errorname(exc)
    if name:
        return name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED"))
    return "locked" in str(exc) or "busy" in str(exc)


def is_damage(exc: sqlite3.Error) -> bool:
    """Whether SQLite says the file itself is broken (not locked, not forbidden)."""
    name = _errorname(exc)
    if name:
        return name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB"))
    text = str(exc)
    return "not a database" in text or "malformed" in text


def database_error(exc: sqlite3.Error, path: Path, what: str = "user database") -> DataError:
    """The error that says what happened to ``path``, for what SQLite raised."""
    if is_busy(exc):
        return DatabaseBusy(path)
    if is_damage(exc):
        return DatabaseDamaged(path, str(exc), what)
    return DatabaseUnavailable(path, str(exc), what)


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
        raise DatabaseTooNew(None, current, latest, what)
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
    migrations. Failures are :func:`database_error`'s kinds, naming ``path``."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseUnavailable(path, exc.strerror or str(exc), what) from None
    conn: sqlite3.Connection | None = None
    try:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_S * 1000)}")
        if wal:
            conn.execute("PRAGMA journal_mode=WAL")
        else:  # a file whose mtime tells readers it changed (no write-ahead log beside it)
            conn.execute("PRAGMA schema_version").fetchone()
        conn.execute("PRAGMA foreign_keys=ON")
    except sqlite3.Error as exc:
        if conn is not None:
            conn.close()
        raise database_error(exc, path, what) from None
    return conn


def quick_check(conn: sqlite3.Connection, limit: int = 3) -> list[str]:
    """What ``PRAGMA quick_check`` finds wrong (empty: the file is sound). It reads every page
    but skips the index-content comparisons of a full integrity check."""
    rows = conn.execute(f"PRAGMA quick_check({int(limit)})").fetchall()
    found = [str(r[0]) for r in rows]
    return [] if found == ["ok"] else found


def inspect(path: Path) -> None:
    """Check an existing database file before it is opened for writing: ``PRAGMA quick_check``
    and the schema version, on a read-only connection, so a damaged file (and the write-ahead
    log beside it) is left exactly as found. Raises :class:`DatabaseDamaged`,
    :class:`DatabaseTooNew`, :class:`DatabaseBusy` or :class:`DatabaseUnavailable`."""
    if not path.exists():
        return
    try:
        conn = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S
        )
    except sqlite3.Error as exc:
        raise database_error(exc, path) from None
    try:
        conn.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_S * 1000)}")
        problems = quick_check(conn)
        if problems:
            raise DatabaseDamaged(path, "; ".join(problems))
        known = conn.execute(
            "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='schema_version'"
        ).fetchone()[0]
        if known:
            version = int(
                conn.execute("SELECT MAX(version) FROM schema_version").fetchone()[0] or 0
            )
            if version > LATEST:
                raise DatabaseTooNew(path, version, LATEST, "user database")
    except sqlite3.Error as exc:
        raise database_error(exc, path) from None
    finally:
        conn.close()


def set_aside(path: Path, label: str, now: datetime | None = None) -> Path:
    """Rename a database that cannot be used (and the files SQLite keeps beside it) to
    ``<stem>.<label>-<UTC time><suffix>`` in the same folder, so it is kept for support and a
    fresh one can take its name. Returns the new path of the database file.

    The write-ahead log moves too: left behind, it could be replayed into the fresh file."""
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.{label}-{stamp}{path.suffix}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.stem}.{label}-{stamp}-{n}{path.suffix}")
    for suffix in COMPANIONS:
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            os.replace(companion, target.with_name(target.name + suffix))
    os.replace(path, target)
    return target


class UserDatabase(Closing):
    """The user's database file: migrated once at open, a connection per thread, one write lane.

    Use it as a context manager or call :meth:`close`; every connection it handed out is closed
    then (a connection left open keeps the WAL file and leaks a ResourceWarning).
    """

    def __init__(self, path: Path | str, *, check: bool = False) -> None:
        """Open and migrate ``path``. With ``check``, :func:`inspect` it first (a damaged file
        raises :class:`DatabaseDamaged` before anything is written to it) and take the write
        lock once, so a file that can only be read is reported at once."""
        self.path = Path(path)
        self._local = threading.local()
        self._opened: list[sqlite3.Connection] = []
        self._guard = threading.Lock()
        self._write_lock = threading.RLock()
        self._closed = False
        try:
            if check:
                inspect(self.path)
            conn = self.connection()
            with self._write_lock:
                self.version = migrate(conn)
            if check:  # a file opened read-only (permissions) must say so now, not at a save
                with self._write_lock:
                    conn.execute("BEGIN IMMEDIATE")
                    try:
                        conn.execute(
                            "INSERT INTO schema_version (version, applied_at, note) "
                            "VALUES (-1, '', 'write test, rolled back')"
                        )
                    finally:
                        conn.execute("ROLLBACK")
        except DatabaseTooNew as exc:
            self.close()
            raise DatabaseTooNew(self.path, exc.version, exc.latest, "user database") from None
        except sqlite3.Error as exc:
            self.close()
            raise database_error(exc, self.path) from None
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
        """One transaction on the single write lane: committed on success, rolled back on error.
        A lock another program holds past the busy timeout is :class:`DatabaseBusy`."""
        conn = self.connection()
        try:
            with self._write_lock, conn:
                yield conn
        except sqlite3.OperationalError as exc:
            if is_busy(exc):
                raise DatabaseBusy(self.path) from None
            raise

    def copy_from(self, source: sqlite3.Connection) -> None:
        """Replace the whole content of this database with ``source``'s (SQLite's online
        backup API, on the write lane), then bring it up to this version's schema."""
        conn = self.connection()
        with self._write_lock:
            try:
                source.backup(conn)
                self.version = migrate(conn)
            except sqlite3.Error as exc:
                raise database_error(exc, self.path) from None

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
