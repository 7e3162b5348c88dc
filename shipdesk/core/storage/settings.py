"""Typed access to user settings kept in the ``settings`` table as JSON values."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from shipdesk.core.storage.db import connect

DEFAULTS: dict[str, Any] = {
    "operator": "upu",  # operator profile id (resources/operators/)
    "sender": None,  # default sender party as a dict
    "ui_language": "",  # empty: follow the system
    "document_language": "en",  # invoice free text language
    "paper": "a4",
    "channel": "post",
    "keep_drafts_days": 30,  # counter mode sets this low; 0 keeps nothing after printing
}


def get(key: str, conn: sqlite3.Connection | None = None) -> Any:
    c = conn or connect()
    row = c.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    if row is None:
        return DEFAULTS.get(key)
    try:
        return json.loads(row[0])
    except json.JSONDecodeError:
        return DEFAULTS.get(key)


def put(key: str, value: Any, conn: sqlite3.Connection | None = None) -> None:
    c = conn or connect()
    with c:
        c.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, json.dumps(value)),
        )
