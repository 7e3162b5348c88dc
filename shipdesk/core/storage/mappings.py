"""Saved column mappings, by name, in the user database.

The repository keeps each mapping as the JSON object ``exchange.mapping`` writes; reading it
back into a ``ColumnMapping`` (and checking it) is done there, above storage.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from shipdesk.core.errors import DataError
from shipdesk.core.storage.db import UserDatabase, now_iso


class SqliteMappings:
    """The ``mappings`` table."""

    def __init__(self, db: UserDatabase) -> None:
        self.db = db

    def save(self, name: str, data: Mapping[str, Any]) -> None:
        with self.db.write() as c:
            c.execute(
                "INSERT INTO mappings (name, data, updated_at) VALUES (?, ?, ?) "
                "ON CONFLICT(name) DO UPDATE SET data = excluded.data, "
                "updated_at = excluded.updated_at",
                (name, json.dumps(dict(data), ensure_ascii=False), now_iso()),
            )

    def names(self) -> list[str]:
        c = self.db.connection()
        return [r[0] for r in c.execute("SELECT name FROM mappings ORDER BY name COLLATE NOCASE")]

    def load(self, name: str) -> dict[str, Any] | None:
        row = (
            self.db.connection()
            .execute("SELECT data FROM mappings WHERE name = ?", (name,))
            .fetchone()
        )
        if row is None:
            return None
        try:
            data = json.loads(row[0])
        except json.JSONDecodeError:
            data = None
        if not isinstance(data, dict):
            raise DataError(f"saved mapping {name!r} is damaged; save it again")
        return data

    def delete(self, name: str) -> None:
        with self.db.write() as c:
            c.execute("DELETE FROM mappings WHERE name = ?", (name,))
