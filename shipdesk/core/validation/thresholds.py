"""Dated thresholds from ``resources/thresholds.toml`` (EU EUR 150, UK GBP 135, US EEI ...)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from shipdesk.core.errors import DataError
from shipdesk.core.paths import resource


@dataclass(frozen=True)
class Threshold:
    id: str
    amount: Decimal
    currency: str
    valid_from: str
    source: str
    extra: dict[str, Any]


@lru_cache(maxsize=2)
def _load(path: str, mtime: float) -> dict[str, Any]:
    try:
        with open(path, "rb") as f:
            return tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise DataError(f"{path}: cannot read the thresholds ({exc})") from None


def _raw() -> dict[str, Any]:
    p = resource("thresholds.toml")
    try:
        mtime = p.stat().st_mtime
    except OSError:
        raise DataError(f"thresholds file missing: {p}") from None
    return _load(str(p), mtime)


def thresholds() -> dict[str, Threshold]:
    """Every value threshold (tables with an ``amount``) by id."""
    out: dict[str, Threshold] = {}
    for key, t in _raw().items():
        if not isinstance(t, dict) or "amount" not in t:
            continue
        try:
            amount = Decimal(str(t["amount"]))
        except InvalidOperation:
            raise DataError(f"thresholds.toml [{key}]: amount {t['amount']!r}") from None
        rest = {
            k: v for k, v in t.items() if k not in ("amount", "currency", "valid_from", "source")
        }
        out[key] = Threshold(
            key, amount, str(t["currency"]), str(t.get("valid_from", "")), str(t["source"]), rest
        )
    return out


def threshold(key: str) -> Threshold:
    try:
        return thresholds()[key]
    except KeyError:
        raise DataError(f"thresholds.toml has no [{key}] table") from None


def country_set(key: str) -> frozenset[str]:
    t = _raw().get(key)
    if not isinstance(t, dict) or not isinstance(t.get("countries"), list):
        raise DataError(f"thresholds.toml [{key}]: expected a list of countries")
    return frozenset(t["countries"])


def near_fraction() -> Decimal:
    return Decimal(str(_raw().get("near_fraction", "0.9")))


def version() -> str:
    return str(_raw().get("version", ""))
