"""The user's own exchange-rate publications, kept in ``<user data>/rates.json``.

The file stays JSON (readable, and what earlier versions wrote): ``{"sdr"|"eur": {date:
{"source": text, "rates": {currency: decimal text}}}}``. It is read and written only here;
conversions get the merged table handed in (``core.rates.RateBook``) and never open the file.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from shipdesk.core.errors import InputError
from shipdesk.core.fileio import atomic_write_bytes
from shipdesk.core.rates import TABLES, Table, clean_rates, parse_user_tables

FILE_NAME = "rates.json"


class JsonRates:
    """Rates repository over the JSON file."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)

    @property
    def location(self) -> str:
        return str(self.path)

    def _read(self) -> dict[str, Any]:
        p = self.path
        if not p.exists():
            return {}
        try:
            data = json.loads(p.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise InputError(f"cannot read your rate table ({exc})", source=str(p)) from None
        if not isinstance(data, dict):
            raise InputError("expected an object with the sdr and eur tables", source=str(p))
        for kind in TABLES:
            if not isinstance(data.get(kind, {}), dict):
                raise InputError("expected an object of dates", source=str(p), location=kind)
        return data

    def _write(self, data: Mapping[str, Any]) -> None:
        text = json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False)
        atomic_write_bytes(self.path, text.encode("utf-8"))

    def user_tables(self) -> dict[str, Table]:
        return parse_user_tables(self._read(), str(self.path))

    def set_rates(
        self, kind: str, rates: Mapping[str, Decimal | str], *, on: date, source: str
    ) -> None:
        """Add or replace rates (units per SDR / per euro) for one date."""
        clean = clean_rates(kind, rates)
        data = self._read()
        entry = data.setdefault(kind, {}).setdefault(
            on.isoformat(), {"source": source, "rates": {}}
        )
        entry["source"] = source
        entry["rates"].update(clean)
        self._write(data)

    def add_publications(self, kind: str, table: Table, source: str) -> None:
        """Store whole publications (an ECB file), replacing the same dates."""
        data = self._read()
        tbl = data.setdefault(kind, {})
        for d, rates in table.items():
            tbl[d.isoformat()] = {
                "source": source,
                "rates": {k: str(v) for k, (v, _) in rates.items()},
            }
        self._write(data)

    def remove(self, kind: str, on: date | None = None) -> None:
        """Forget the user's rates for one date (or all dates) of a table."""
        data = self._read()
        if kind in data:
            if on is None:
                del data[kind]
            else:
                data[kind].pop(on.isoformat(), None)
            self._write(data)
