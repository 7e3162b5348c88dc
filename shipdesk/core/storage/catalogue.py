"""The user's confirmed classifications (description -> HS code), in the user database.

Every time a user picks a code for an item description the pair is remembered; the tariff
search offers these first for the same or similar descriptions. The folded form of the
description (``norm``) is computed by the caller (the tariff search owns that folding), so that
storage stays below the tariff layer.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from shipdesk.core import hscode
from shipdesk.core.errors import InputError
from shipdesk.core.storage.db import UserDatabase, now_iso


@dataclass(frozen=True)
class CatalogueEntry:
    id: int
    description: str
    norm: str
    hs_code: str
    uses: int
    updated_at: str


def _entry(row: sqlite3.Row) -> CatalogueEntry:
    return CatalogueEntry(
        int(row["id"]),
        row["description"],
        row["norm"],
        row["hs_code"],
        int(row["uses"]),
        row["updated_at"],
    )


class SqliteCatalogue:
    """The ``catalogue`` table."""

    def __init__(self, db: UserDatabase) -> None:
        self.db = db

    @property
    def location(self) -> str:
        return self.db.location

    def remember(self, description: str, norm: str, hs_code: str) -> CatalogueEntry:
        """Record that ``description`` was classified as ``hs_code`` (6 to 10 digits)."""
        code = hscode.digits(hs_code)
        if not norm:
            raise InputError(
                "an item description is needed to remember a classification",
                location="description",
            )
        if not 6 <= len(code) <= 10:
            raise InputError(f"{hs_code!r} is not an HS code of 6 to 10 digits", location="hs_code")
        now = now_iso()
        with self.db.write() as c:
            c.execute(
                "INSERT INTO catalogue (description, norm, hs_code, uses, created_at, updated_at) "
                "VALUES (?, ?, ?, 1, ?, ?) ON CONFLICT (norm, hs_code) DO UPDATE SET "
                "uses = uses + 1, updated_at = excluded.updated_at, "
                "description = excluded.description",
                (description.strip(), norm, code, now, now),
            )
            row = c.execute(
                "SELECT * FROM catalogue WHERE norm = ? AND hs_code = ?", (norm, code)
            ).fetchone()
        return _entry(row)

    def entries(self) -> list[CatalogueEntry]:
        """All confirmed classifications, most used first."""
        rows = (
            self.db.connection()
            .execute("SELECT * FROM catalogue ORDER BY uses DESC, updated_at DESC")
            .fetchall()
        )
        return [_entry(r) for r in rows]

    def lookup(self, norm: str) -> list[CatalogueEntry]:
        """Entries recorded for exactly this folded description."""
        rows = (
            self.db.connection()
            .execute(
                "SELECT * FROM catalogue WHERE norm = ? ORDER BY uses DESC, updated_at DESC",
                (norm,),
            )
            .fetchall()
        )
        return [_entry(r) for r in rows]

    def forget(self, entry_id: int) -> bool:
        with self.db.write() as c:
            cur = c.execute("DELETE FROM catalogue WHERE id = ?", (entry_id,))
        return cur.rowcount > 0

    def signature(self) -> tuple[int, str]:
        """(row count, latest change): cheap way to tell whether the catalogue changed."""
        row = (
            self.db.connection()
            .execute("SELECT count(*), coalesce(max(updated_at), '') FROM catalogue")
            .fetchone()
        )
        return int(row[0]), str(row[1])
