"""Currency conversion for value thresholds, from the shipped euro reference-rate table.

Only the newest table in ``resources/rates/eur.toml`` is used (thresholds are coarse, so a
rate a few weeks old is good enough). Unknown currencies give ``None``: the engine then treats
the value as unknown and says so.
"""

from __future__ import annotations

import tomllib
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from shipdesk.core.paths import resource


@lru_cache(maxsize=1)
def _eur_rates() -> dict[str, Decimal]:
    path = resource("rates", "eur.toml")
    rates: dict[str, Decimal] = {"EUR": Decimal(1)}
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError):
        return rates
    tables = [t for t in data.get("table", []) if isinstance(t, dict)]
    if not tables:
        return rates
    newest = max(tables, key=lambda t: str(t.get("date", "")))
    for cur, val in (newest.get("rates") or {}).items():
        try:
            d = Decimal(str(val))
        except InvalidOperation:
            continue
        if d > 0:
            rates[str(cur).upper()] = d
    return rates


def to_currency(amount: Decimal, from_cur: str, to_cur: str) -> Decimal | None:
    """``amount`` in ``from_cur`` expressed in ``to_cur``; None when a rate is missing."""
    f, t = (from_cur or "").upper(), (to_cur or "").upper()
    if f == t:
        return amount
    rates = _eur_rates()
    if f not in rates or t not in rates:
        return None
    return amount / rates[f] * rates[t]
