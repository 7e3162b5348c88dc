"""Addresses used before, to fill a party in a few keystrokes.

Sellers ship to the same customers again; a recipient is remembered when its documents are
printed. At a postal counter nothing may be kept: ``remember`` does nothing while
``keep_drafts_days`` is 0, and ``forget_all`` empties the book.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from shipdesk.core.exchange.declaration_json import from_dict
from shipdesk.core.model import FORMAT_ID, PARTY_FIELDS, Party
from shipdesk.core.storage import settings
from shipdesk.core.storage.db import connect, now_iso


@dataclass(frozen=True)
class Entry:
    id: int
    label: str
    party: Party


def label_for(party: Party) -> str:
    who = party.name.strip() or party.company.strip()
    where = ", ".join(p for p in (party.city.strip(), party.country.strip()) if p)
    return f"{who} ({where})" if where else who


def _key(party: Party) -> str:
    return "|".join(getattr(party, f).strip().casefold() for f in ("name", "company", "street"))


class AddressBook:
    def __init__(self, conn: sqlite3.Connection | None = None):
        self.conn = conn or connect()

    def enabled(self) -> bool:
        return settings.get("keep_drafts_days", self.conn) != 0

    def remember(self, role: str, party: Party) -> bool:
        """Store or refresh an address; returns False when nothing was kept."""
        if not self.enabled() or not (party.name.strip() or party.company.strip()):
            return False
        data = json.dumps({f: getattr(party, f) for f in PARTY_FIELDS}, ensure_ascii=False)
        key = _key(party)
        with self.conn:
            rows = self.conn.execute(
                "SELECT id, data FROM address_book WHERE role = ?", (role,)
            ).fetchall()
            for row in rows:
                old = from_dict({"format": FORMAT_ID, "sender": json.loads(row[1])}).sender
                if _key(old) == key:
                    self.conn.execute(
                        "UPDATE address_book SET data = ?, label = ?, updated_at = ? WHERE id = ?",
                        (data, label_for(party), now_iso(), row[0]),
                    )
                    return True
            self.conn.execute(
                "INSERT INTO address_book (role, data, label, updated_at) VALUES (?,?,?,?)",
                (role, data, label_for(party), now_iso()),
            )
        return True

    def search(self, role: str, text: str = "", limit: int = 20) -> list[Entry]:
        like = f"%{text.strip()}%"
        rows = self.conn.execute(
            "SELECT id, label, data FROM address_book WHERE role = ? AND label LIKE ? "
            "ORDER BY updated_at DESC LIMIT ?",
            (role, like, limit),
        ).fetchall()
        out = []
        for r in rows:
            party = from_dict({"format": FORMAT_ID, "sender": json.loads(r[2])}).sender
            out.append(Entry(r[0], r[1], party))
        return out

    def forget_all(self) -> int:
        with self.conn:
            return self.conn.execute("DELETE FROM address_book").rowcount
