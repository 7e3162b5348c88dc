"""Addresses used before, to fill a party in a few keystrokes.

Sellers ship to the same customers again; a recipient is remembered when its documents are
printed. Whether anything may be kept (a postal counter keeps nothing) is the caller's decision,
taken from the settings: the address-book service does not call ``remember`` unless drafts are
kept for a number of days, and ``forget_all`` empties the book.

An address the user saved on purpose (``saved=True``) is told apart from one remembered on the
way: ``forget_unsaved`` deletes every address nobody asked to keep (the counter's "Next
customer"), the saved ones stay.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from shipdesk.core.model import PARTY_FIELDS, Party
from shipdesk.core.storage.db import UserDatabase, now_iso


@dataclass(frozen=True)
class Entry:
    id: int
    label: str
    party: Party
    role: str = ""
    saved: bool = False


def label_for(party: Party) -> str:
    who = party.name.strip() or party.company.strip()
    where = ", ".join(p for p in (party.city.strip(), party.country.strip()) if p)
    return f"{who} ({where})" if where else who


def _key(party: Party) -> str:
    return "|".join(getattr(party, f).strip().casefold() for f in ("name", "company", "street"))


def party_from_json(text: str) -> Party:
    """A stored address back as a Party (fields this version does not know go to ``extra``)."""
    data: Any = json.loads(text)
    if not isinstance(data, dict):
        return Party()
    fields = {f: "" if data[f] is None else str(data[f]) for f in PARTY_FIELDS if f in data}
    extra = {k: v for k, v in data.items() if k not in PARTY_FIELDS}
    return Party(**fields, extra=extra)


class AddressBook:
    """The ``address_book`` table."""

    def __init__(self, db: UserDatabase) -> None:
        self.db = db

    def remember(self, role: str, party: Party, *, saved: bool = False) -> bool:
        """Store or refresh an address; returns False when there is nothing to keep.

        ``saved``: the user asked to keep it; an address once saved stays saved when it is
        remembered again on the way."""
        if not (party.name.strip() or party.company.strip()):
            return False
        data = json.dumps({f: getattr(party, f) for f in PARTY_FIELDS}, ensure_ascii=False)
        key = _key(party)
        with self.db.write() as c:
            rows = c.execute("SELECT id, data FROM address_book WHERE role = ?", (role,)).fetchall()
            for row in rows:
                if _key(party_from_json(row[1])) == key:
                    c.execute(
                        "UPDATE address_book SET data = ?, label = ?, updated_at = ?, "
                        "saved = MAX(saved, ?) WHERE id = ?",
                        (data, label_for(party), now_iso(), int(saved), row[0]),
                    )
                    return True
            c.execute(
                "INSERT INTO address_book (role, data, label, updated_at, saved) "
                "VALUES (?,?,?,?,?)",
                (role, data, label_for(party), now_iso(), int(saved)),
            )
        return True

    def search(self, role: str, text: str = "", limit: int = 20) -> list[Entry]:
        like = f"%{text.strip()}%"
        rows = (
            self.db.connection()
            .execute(
                "SELECT id, label, data FROM address_book WHERE role = ? AND label LIKE ? "
                "ORDER BY updated_at DESC LIMIT ?",
                (role, like, limit),
            )
            .fetchall()
        )
        return [Entry(r[0], r[1], party_from_json(r[2])) for r in rows]

    def entries(self, text: str = "", limit: int = 500) -> list[Entry]:
        """Every address of every role whose label or fields contain ``text``, newest first
        (for the address-book manager)."""
        like = f"%{text.strip()}%"
        rows = (
            self.db.connection()
            .execute(
                "SELECT id, label, data, role, saved FROM address_book "
                "WHERE label LIKE ? OR data LIKE ? ORDER BY updated_at DESC LIMIT ?",
                (like, like, limit),
            )
            .fetchall()
        )
        return [Entry(r[0], r[1], party_from_json(r[2]), r[3], bool(r[4])) for r in rows]

    def update(self, entry_id: int, party: Party) -> bool:
        """Replace one address by what the user edited; it counts as saved on purpose from
        then on. False when there is no such entry or the party has no name or company."""
        if not (party.name.strip() or party.company.strip()):
            return False
        data = json.dumps({f: getattr(party, f) for f in PARTY_FIELDS}, ensure_ascii=False)
        with self.db.write() as c:
            n = c.execute(
                "UPDATE address_book SET data = ?, label = ?, updated_at = ?, saved = 1 "
                "WHERE id = ?",
                (data, label_for(party), now_iso(), entry_id),
            ).rowcount
        return n > 0

    def delete(self, entry_id: int) -> bool:
        with self.db.write() as c:
            return c.execute("DELETE FROM address_book WHERE id = ?", (entry_id,)).rowcount > 0

    def forget_all(self) -> int:
        with self.db.write() as c:
            return c.execute("DELETE FROM address_book").rowcount

    def forget_unsaved(self) -> int:
        """Delete every address the user did not save on purpose; returns how many went."""
        with self.db.write() as c:
            return c.execute("DELETE FROM address_book WHERE saved = 0").rowcount
