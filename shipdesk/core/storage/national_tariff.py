"""Imported national tariffs (8 to 10 digit lines), kept in ``national_tariffs.sqlite3``.

The store is a second SQLite file beside the user database (it can be large and is rebuilt
from files, so it is kept apart from the user's own records). It has a schema version like the
user database: step 1 describes the layout earlier versions created without one, with
``IF NOT EXISTS``, so an existing store is adopted as it is.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from shipdesk.core.errors import DataError
from shipdesk.core.storage.db import Migration, migrate, now_iso, open_connection

DB_NAME = "national_tariffs.sqlite3"

# Append only. Never edit a step that has shipped: add a new one.
MIGRATIONS: list[Migration] = [
    (
        1,
        "national tariffs and their lines",
        [
            "CREATE TABLE IF NOT EXISTS tariffs (source TEXT PRIMARY KEY, kind TEXT NOT NULL, "
            "file TEXT NOT NULL, imported_at TEXT NOT NULL, lines INTEGER NOT NULL)",
            "CREATE TABLE IF NOT EXISTS lines (source TEXT NOT NULL, code TEXT NOT NULL, "
            "hs6 TEXT NOT NULL, description TEXT NOT NULL, PRIMARY KEY (source, code))",
            "CREATE INDEX IF NOT EXISTS lines_hs6 ON lines(hs6)",
        ],
    ),
    (
        2,
        "the duty rate of each line as the tariff file writes it",
        ["ALTER TABLE lines ADD COLUMN duty TEXT NOT NULL DEFAULT ''"],
    ),
]
LATEST = MIGRATIONS[-1][0]
_WHAT = "national tariff store"


@dataclass(frozen=True)
class NationalLine:
    code: str
    description: str  # the line's text with its parents below the HS subheading
    source: str
    duty: str = ""  # the duty rate as the file writes it ("5.3%", "Free"); "" when not given


@dataclass(frozen=True)
class TariffInfo:
    source: str
    kind: str
    file: str
    imported_at: str
    lines: int


class SqliteNationalTariffs:
    """The national tariff store. It is used rarely (an import, a search miss), so each call
    opens a connection and closes it again; the schema is brought up to date once."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._migrated = False
        self._lock = threading.Lock()

    @property
    def location(self) -> str:
        return str(self.path)

    def _connect(self) -> sqlite3.Connection:
        con = open_connection(self.path, _WHAT, wal=False)
        try:
            with self._lock:
                if not self._migrated:
                    migrate(con, MIGRATIONS, _WHAT)
                    self._migrated = True
        except sqlite3.DatabaseError as exc:
            con.close()
            raise DataError(f"{self.path}: cannot open the {_WHAT} ({exc})") from None
        except BaseException:
            con.close()
            raise
        return con

    def stamp(self) -> tuple[str, int, int] | None:
        """(path, mtime, size) of the store file, None when nothing was imported yet."""
        try:
            st = self.path.stat()
        except OSError:
            return None
        return (str(self.path), st.st_mtime_ns, st.st_size)

    def list_tariffs(self) -> list[TariffInfo]:
        if not self.path.exists():
            return []
        con = self._connect()
        try:
            rows = con.execute("SELECT * FROM tariffs ORDER BY source").fetchall()
        finally:
            con.close()
        return [
            TariffInfo(r["source"], r["kind"], r["file"], r["imported_at"], r["lines"])
            for r in rows
        ]

    def all_lines(self) -> list[NationalLine]:
        if not self.path.exists():
            return []
        con = self._connect()
        try:
            rows = con.execute(
                "SELECT source, code, hs6, description, duty FROM lines ORDER BY code"
            ).fetchall()
        finally:
            con.close()
        return [NationalLine(r["code"], r["description"], r["source"], r["duty"]) for r in rows]

    def replace_source(
        self, source: str, kind: str, file: str, lines: Sequence[tuple[str, ...]]
    ) -> None:
        """Store one tariff's lines ((code, description) or (code, description, duty)),
        replacing an earlier import."""
        con = self._connect()
        try:
            with con:
                con.execute("DELETE FROM lines WHERE source = ?", (source,))
                con.executemany(
                    "INSERT INTO lines (source, code, hs6, description, duty) "
                    "VALUES (?, ?, ?, ?, ?)",
                    [(source, t[0], t[0][:6], t[1], t[2] if len(t) > 2 else "") for t in lines],
                )
                con.execute(
                    "INSERT OR REPLACE INTO tariffs VALUES (?, ?, ?, ?, ?)",
                    (source, kind, file, now_iso(), len(lines)),
                )
        finally:
            con.close()

    def rebuild(self) -> int:
        """Re-derive the HS6 link of every stored line and rebuild the store's indexes."""
        con = self._connect()
        try:
            with con:
                con.execute("UPDATE lines SET hs6 = substr(code, 1, 6)")
                con.execute("DELETE FROM lines WHERE length(code) < 8")
                con.execute("REINDEX lines")
                con.execute(
                    "UPDATE tariffs SET lines = "
                    "(SELECT count(*) FROM lines WHERE lines.source = tariffs.source)"
                )
            n = con.execute("SELECT count(*) FROM lines").fetchone()[0]
            con.execute("VACUUM")
        finally:
            con.close()
        return int(n)

    def remove(self, source: str) -> bool:
        con = self._connect()
        try:
            with con:
                con.execute("DELETE FROM lines WHERE source = ?", (source,))
                cur = con.execute("DELETE FROM tariffs WHERE source = ?", (source,))
        finally:
            con.close()
        return cur.rowcount > 0
