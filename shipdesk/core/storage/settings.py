"""User settings: kept in the ``settings`` table as JSON values, read as one typed value.

:class:`SqliteSettings` is the repository (``get``/``put`` by key); :class:`Settings` is what the
rest of the program reads, built once by :func:`Settings.from_repository` and handed around in
the workspace, so no module reaches into the database to learn a preference.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Any, Protocol

from shipdesk.core.money import is_currency
from shipdesk.core.storage.db import UserDatabase
from shipdesk.core.units import WEIGHT_UNITS

DEFAULTS: dict[str, Any] = {
    "operator": "upu",  # operator profile id (resources/operators/)
    "sender": None,  # default sender party as a dict (kept by storage/senders.py)
    "senders": None,  # the saved senders (storage/senders.py); None: only "sender"
    "ui_language": "",  # empty: follow the system
    "document_language": "en",  # invoice free text language
    "paper": "a4",
    "channel": "post",
    "keep_drafts_days": 30,  # with keep_drafts "days": drafts untouched this long are purged
    "keep_drafts": None,  # "nothing" | "printed" | "days"; None: from keep_drafts_days
    "counter_layout": False,  # large type, one column, plain-words screening answer
    "packaging_kg": None,  # packaging allowance for imports (decimal text), None: none
    "backups_kept": 7,  # daily backups of the user database kept; 0 takes none
    "currency": "EUR",  # ISO 4217 code of a new declaration
    "weight_unit": "kg",  # what weights are shown and typed in (the model keeps kg)
    "printer": "",  # the printer chosen for printing; empty: the system's default
    "theme": "system",  # "system" | "light" | "dark"
}


KEEP_DRAFTS = ("nothing", "printed", "days")
"""How long a draft is kept: not past quitting, until its documents are made, for
``keep_drafts_days`` days."""


THEMES = ("system", "light", "dark")
"""The window's colours: the system's palette, or ShipDesk's light or dark palette."""

PAPER_SIZES = ("a4", "letter", "label-4x6", "a6")
"""The paper and label sizes documents are drawn on (``documents.layout.PAPERS``)."""


class _Source(Protocol):
    def get(self, key: str) -> Any: ...


@dataclass(frozen=True)
class Settings:
    """The user's settings, typed; damaged values fall back to the defaults."""

    operator: str = "upu"
    sender: dict[str, Any] | None = None
    ui_language: str = ""
    document_language: str = "en"
    paper: str = "a4"
    channel: str = "post"
    keep_drafts_days: int = 30
    packaging_kg: str | None = None
    keep_drafts: str = "days"
    counter_layout: bool = False
    backups_kept: int = 7
    currency: str = "EUR"
    weight_unit: str = "kg"
    printer: str = ""
    theme: str = "system"

    @classmethod
    def from_repository(cls, repo: _Source) -> Settings:
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = repo.get(f.name)
            default = DEFAULTS[f.name]
            if f.name == "sender":
                values[f.name] = dict(raw) if isinstance(raw, dict) else None
            elif f.name == "packaging_kg":
                values[f.name] = None if raw is None or raw == "" else str(raw)
            elif f.name in ("keep_drafts_days", "backups_kept"):
                ok = isinstance(raw, int) and not isinstance(raw, bool)
                values[f.name] = raw if ok and (f.name != "backups_kept" or raw >= 0) else default
            elif f.name == "keep_drafts":
                # before the choice existed, 0 days meant "delete after printing"
                implied = "printed" if values["keep_drafts_days"] <= 0 else "days"
                values[f.name] = raw if raw in KEEP_DRAFTS else implied
            elif f.name == "counter_layout":
                values[f.name] = raw if isinstance(raw, bool) else False
            elif f.name in _CHOICES:
                values[f.name] = raw if _CHOICES[f.name](raw) else default
            else:
                values[f.name] = str(raw) if raw is not None else default
        return cls(**values)


_CHOICES: dict[str, Callable[[Any], bool]] = {  # a damaged or unknown value: the default
    "currency": lambda v: isinstance(v, str) and is_currency(v),
    "weight_unit": lambda v: v in WEIGHT_UNITS,
    "theme": lambda v: v in THEMES,
    "paper": lambda v: v in PAPER_SIZES,
    "printer": lambda v: isinstance(v, str),
}


class SqliteSettings:
    """The ``settings`` table: one JSON value per key."""

    def __init__(self, db: UserDatabase) -> None:
        self.db = db

    def get(self, key: str) -> Any:
        row = (
            self.db.connection()
            .execute("SELECT value FROM settings WHERE key = ?", (key,))
            .fetchone()
        )
        if row is None:
            return DEFAULTS.get(key)
        try:
            return json.loads(row[0])
        except json.JSONDecodeError:
            return DEFAULTS.get(key)

    def put(self, key: str, value: Any) -> None:
        with self.db.write() as c:
            c.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, json.dumps(value)),
            )
