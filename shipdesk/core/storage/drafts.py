"""Drafts: the declaration being edited, saved as the user types, and the history of events.

A draft is the declaration file's JSON (so unknown keys and typed text survive). Counter clerks
must not keep customer data longer than needed: ``purge_older_than`` deletes drafts (and their
history) not touched for a number of days, and ``delete`` removes one at once after printing.
"""

from __future__ import annotations

import builtins
import sqlite3
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from shipdesk.core.exchange.declaration_json import dumps, loads
from shipdesk.core.model import Declaration
from shipdesk.core.storage.db import connect, now_iso


@dataclass(frozen=True)
class DraftInfo:
    id: str
    title: str
    updated_at: str


def draft_title(decl: Declaration) -> str:
    who = decl.recipient.name.strip() or decl.recipient.company.strip() or "(no recipient)"
    dest = decl.recipient.country.strip()
    n = len(decl.real_items())
    return f"{who} → {dest or '?'}, {n} item{'s' if n != 1 else ''}"


class DraftStore:
    def __init__(self, conn: sqlite3.Connection | None = None):
        self.conn = conn or connect()

    def new_id(self) -> str:
        return uuid.uuid4().hex

    def save(self, draft_id: str, decl: Declaration) -> None:
        now = now_iso()
        with self.conn:
            self.conn.execute(
                "INSERT INTO drafts (id, title, data, created_at, updated_at) VALUES (?,?,?,?,?) "
                "ON CONFLICT(id) DO UPDATE SET title=excluded.title, data=excluded.data, "
                "updated_at=excluded.updated_at",
                (draft_id, draft_title(decl), dumps(decl), now, now),
            )

    def load(self, draft_id: str) -> Declaration | None:
        row = self.conn.execute("SELECT data FROM drafts WHERE id = ?", (draft_id,)).fetchone()
        if row is None:
            return None
        return loads(row[0], source=f"draft {draft_id}")

    def list(self, limit: int = 50) -> list[DraftInfo]:
        rows = self.conn.execute(
            "SELECT id, title, updated_at FROM drafts ORDER BY updated_at DESC LIMIT ?", (limit,)
        ).fetchall()
        return [DraftInfo(r[0], r[1], r[2]) for r in rows]

    def latest(self) -> DraftInfo | None:
        items = self.list(1)
        return items[0] if items else None

    def delete(self, draft_id: str) -> None:
        with self.conn:
            self.conn.execute("DELETE FROM drafts WHERE id = ?", (draft_id,))
            self.conn.execute("DELETE FROM history WHERE draft_id = ?", (draft_id,))

    def purge_older_than(self, days: int) -> int:
        """Delete drafts not updated for ``days`` days (0: all). Returns how many went."""
        cutoff = (datetime.now(UTC) - timedelta(days=days)).isoformat(timespec="seconds")
        with self.conn:
            ids = [
                r[0]
                for r in self.conn.execute(
                    "SELECT id FROM drafts WHERE updated_at <= ?", (cutoff,)
                ).fetchall()
            ]
            for i in ids:
                self.conn.execute("DELETE FROM drafts WHERE id = ?", (i,))
                self.conn.execute("DELETE FROM history WHERE draft_id = ?", (i,))
        return len(ids)

    def log(self, draft_id: str, event: str, detail: str = "") -> None:
        with self.conn:
            self.conn.execute(
                "INSERT INTO history (draft_id, at, event, detail) VALUES (?,?,?,?)",
                (draft_id, now_iso(), event, detail),
            )

    def history(self, draft_id: str) -> builtins.list[tuple[str, str, str]]:
        rows = self.conn.execute(
            "SELECT at, event, detail FROM history WHERE draft_id = ? ORDER BY id", (draft_id,)
        ).fetchall()
        return [(r[0], r[1], r[2]) for r in rows]
