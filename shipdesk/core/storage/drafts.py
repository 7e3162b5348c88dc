"""Drafts: the declaration being edited, saved as the user types, and the history of events.

A draft is the declaration file's JSON (so unknown keys and typed text survive). The codec is
handed in (the file format belongs to ``exchange``, above storage). Counter clerks must not keep
customer data longer than needed: ``purge_older_than`` deletes drafts (and their history) not
touched for a number of days, ``delete`` removes one at once (after printing, or when the
counter moves on to the next customer) and ``delete_all`` every draft and every history row.
The user database overwrites what it deletes (``secure_delete``); the caller checkpoints the
write-ahead log afterwards (``UserDatabase.checkpoint``) so no copy stays in the log either.
"""

from __future__ import annotations

import builtins
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from shipdesk.core.model import Declaration
from shipdesk.core.storage.db import UserDatabase, now_iso

Dumps = Callable[[Declaration], str]
Loads = Callable[[str, str], Declaration]  # (text, source) -> declaration


@dataclass(frozen=True)
class DraftInfo:
    id: str
    title: str
    updated_at: str


@dataclass(frozen=True)
class DraftOverview:
    """A stored draft as the history lists it: when it was made and last changed, and when a
    PDF of it was last made ('' when never)."""

    id: str
    title: str
    created_at: str
    updated_at: str
    printed_at: str


def draft_title(decl: Declaration) -> str:
    who = decl.recipient.name.strip() or decl.recipient.company.strip() or "(no recipient)"
    dest = decl.recipient.country.strip()
    n = len(decl.real_items())
    return f"{who} → {dest or '?'}, {n} item{'s' if n != 1 else ''}"


class DraftStore:
    """Drafts and their history in the user database."""

    def __init__(self, db: UserDatabase, dumps: Dumps, loads: Loads) -> None:
        self.db = db
        self._dumps = dumps
        self._loads = loads

    def new_id(self) -> str:
        return uuid.uuid4().hex

    def save(self, draft_id: str, decl: Declaration) -> None:
        now = now_iso()
        data = self._dumps(decl)
        with self.db.write() as c:
            c.execute(
                "INSERT INTO drafts (id, title, data, created_at, updated_at) VALUES (?,?,?,?,?) "
                "ON CONFLICT(id) DO UPDATE SET title=excluded.title, data=excluded.data, "
                "updated_at=excluded.updated_at",
                (draft_id, draft_title(decl), data, now, now),
            )

    def load(self, draft_id: str) -> Declaration | None:
        row = (
            self.db.connection()
            .execute("SELECT data FROM drafts WHERE id = ?", (draft_id,))
            .fetchone()
        )
        if row is None:
            return None
        return self._loads(row[0], f"draft {draft_id}")

    def list(self, limit: int = 50) -> builtins.list[DraftInfo]:
        rows = (
            self.db.connection()
            .execute(
                # newest first; saved within the same second (the times' resolution), the
                # later row first
                "SELECT id, title, updated_at FROM drafts "
                "ORDER BY updated_at DESC, rowid DESC LIMIT ?",
                (limit,),
            )
            .fetchall()
        )
        return [DraftInfo(r[0], r[1], r[2]) for r in rows]

    def overview(self, limit: int = 500) -> builtins.list[DraftOverview]:
        """The newest ``limit`` drafts with the time of their last PDF (history event
        ``rendered``), newest change first."""
        rows = (
            self.db.connection()
            .execute(
                "SELECT d.id, d.title, d.created_at, d.updated_at, "
                "COALESCE((SELECT MAX(h.at) FROM history h "
                "WHERE h.draft_id = d.id AND h.event = 'rendered'), '') "
                "FROM drafts d ORDER BY d.updated_at DESC, d.rowid DESC LIMIT ?",
                (limit,),
            )
            .fetchall()
        )
        return [DraftOverview(r[0], r[1], r[2], r[3], r[4]) for r in rows]

    def latest(self) -> DraftInfo | None:
        items = self.list(1)
        return items[0] if items else None

    def delete(self, draft_id: str) -> int:
        """Delete a draft and its history; returns 1 when there was such a draft, else 0."""
        with self.db.write() as c:
            n = c.execute("DELETE FROM drafts WHERE id = ?", (draft_id,)).rowcount
            c.execute("DELETE FROM history WHERE draft_id = ?", (draft_id,))
        return n

    def purge_older_than(self, days: int) -> int:
        """Delete drafts not updated for ``days`` days (0: all). Returns how many went."""
        cutoff = (datetime.now(UTC) - timedelta(days=days)).isoformat(timespec="seconds")
        with self.db.write() as c:
            ids = [
                r[0]
                for r in c.execute(
                    "SELECT id FROM drafts WHERE updated_at <= ?", (cutoff,)
                ).fetchall()
            ]
            for i in ids:
                c.execute("DELETE FROM drafts WHERE id = ?", (i,))
                c.execute("DELETE FROM history WHERE draft_id = ?", (i,))
        return len(ids)

    def delete_all(self) -> int:
        """Delete every draft and the whole history; returns how many drafts went."""
        with self.db.write() as c:
            n = c.execute("DELETE FROM drafts").rowcount
            c.execute("DELETE FROM history")
        return n

    def log(self, draft_id: str, event: str, detail: str = "") -> None:
        with self.db.write() as c:
            c.execute(
                "INSERT INTO history (draft_id, at, event, detail) VALUES (?,?,?,?)",
                (draft_id, now_iso(), event, detail),
            )

    def history(self, draft_id: str) -> builtins.list[tuple[str, str, str]]:
        rows = (
            self.db.connection()
            .execute(
                "SELECT at, event, detail FROM history WHERE draft_id = ? ORDER BY id",
                (draft_id,),
            )
            .fetchall()
        )
        return [(r[0], r[1], r[2]) for r in rows]
