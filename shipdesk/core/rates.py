"""Dated SDR and euro reference-rate tables, and converting amounts with them.

Two rate tables are kept, each as a set of dated publications:

* ``sdr``: currency units per SDR (IMF special drawing right, ISO 4217 ``XDR``);
* ``eur``: currency units per euro (the layout of the ECB euro reference rates).

The shipped tables live in ``resources/rates/{sdr,eur}.toml``. The user's own table (rates edited
in the app, ECB files imported) is kept by the rates repository (``storage.rates``) and wins over
the shipped one for the same date and currency; a :class:`RateBook` carries both to whatever
converts, so a conversion never reads a file. Every conversion returns the rate used, its date
and its source, so the user always sees which figure decided a form or a threshold.

Converting lives here rather than in :mod:`shipdesk.core.money` because it needs the tables;
money (currencies, rounding, formatting) needs nothing of them. ECB files are read by
:mod:`shipdesk.core.ecb_rates`.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation, localcontext
from functools import lru_cache
from pathlib import Path
from typing import Any, TypedDict

from shipdesk.core.errors import DataError, InputError
from shipdesk.core.i18n import N_, Phrase
from shipdesk.core.money import EUR, SDR, format_rate, is_currency, to_decimal, unit_label
from shipdesk.core.paths import resource

TABLES = ("sdr", "eur")
_BASE = {"sdr": SDR, "eur": EUR}
RATE_DIGITS = 10  # significant digits kept for a cross rate


class RateUnavailable(InputError):
    """No rate is known for a currency pair."""


@dataclass(frozen=True)
class Conversion:
    """The result of a conversion: the amount in the target currency and how it was obtained."""

    amount: Decimal
    rate: Decimal  # units of ``to_ccy`` per unit of ``from_ccy``
    rate_date: date | None  # None when no rate was needed (same currency)
    source: str
    from_ccy: str = ""
    to_ccy: str = ""

    def describe(self) -> str:
        """One line for the user, e.g. ``1 USD = 0.858000 EUR (rates of 2025-10-20, ...)``: a
        ``Phrase``, so a message that quotes it can be told in another language."""
        if self.rate_date is None:
            return Phrase(N_("no conversion needed ({currency})"), currency=self.from_ccy)
        return Phrase(
            N_("1 {unit} = {rate} {to_unit} (rate of {date}, {source})"),
            unit=unit_label(self.from_ccy),
            rate=format_rate(self.rate),
            to_unit=unit_label(self.to_ccy),
            date=self.rate_date.isoformat(),
            source=self.source,
        )


# -- rate tables ------------------------------------------------------------------------------
# A table: {date: {currency: (units per base, source)}}
Table = dict[date, dict[str, tuple[Decimal, str]]]


def _shipped_path(kind: str) -> Path:
    return resource("rates", f"{kind}.toml")


@lru_cache(maxsize=4)
def _shipped_table(kind: str, path: str, mtime: float) -> Table:
    p = Path(path)
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise DataError(f"{p}: cannot read the shipped rate table ({exc})") from None
    out: Table = {}
    for i, t in enumerate(data.get("table", [])):
        where = f"{p}: table {i + 1}"
        try:
            d = date.fromisoformat(str(t["date"]))
            src = str(t.get("source", "shipped table"))
            rates = {str(k): to_decimal(v, f"{where} {k}") for k, v in t["rates"].items()}
        except (KeyError, ValueError, InputError) as exc:
            raise DataError(f"{where}: {exc}") from None
        day = out.setdefault(d, {})
        for k, v in rates.items():
            if v <= 0:
                raise DataError(f"{where}: rate for {k} must be positive")
            day[k] = (v, src)
    return out


def shipped_table(kind: str) -> Table:
    p = _shipped_path(kind)
    try:
        mtime = p.stat().st_mtime
    except OSError:
        raise DataError(f"shipped rate table missing: {p}") from None
    return _shipped_table(kind, str(p), mtime)


def parse_user_tables(data: Any, source: str) -> dict[str, Table]:
    """The user's rate file (already JSON-decoded) as tables; bad entries are InputErrors."""
    out: dict[str, Table] = {}
    if not isinstance(data, dict):
        raise InputError("expected an object with the sdr and eur tables", source=source)
    for kind in TABLES:
        out[kind] = _user_table(data.get(kind, {}), kind, source)
    return out


def _user_table(data: Any, kind: str, source: str) -> Table:
    out: Table = {}
    if not isinstance(data, dict):
        raise InputError("expected an object of dates", source=source, location=kind)
    for day, entry in data.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("rates", {}), dict):
            raise InputError(f"{day}: expected {{'rates': {{...}}}}", source=source, location=kind)
        try:
            d = date.fromisoformat(day)
        except ValueError:
            raise InputError(f"bad date {day!r}", source=source, location=kind) from None
        src = str(entry.get("source", "your rate table"))
        day_rates: dict[str, tuple[Decimal, str]] = {}
        for k, v in entry.get("rates", {}).items():
            rate = positive_rate(str(v))
            if rate is None:
                raise InputError(
                    f"rate {v!r} for {k} on {day} must be a number greater than zero",
                    source=source,
                    location=kind,
                )
            day_rates[str(k)] = (rate, src)
        out[d] = day_rates
    return out


@dataclass(frozen=True)
class RateBook:
    """The rate tables a conversion may use: the shipped publications, overridden by the
    user's own for the same date and currency. Built once (``services`` reads the user's
    publications through the rates repository) and handed to whatever converts."""

    user: Mapping[str, Table] = field(default_factory=dict)

    def table(self, kind: str) -> Table:
        """The merged table of one kind."""
        if kind not in TABLES:
            raise ValueError(kind)
        merged: Table = {d: dict(r) for d, r in shipped_table(kind).items()}
        for d, rates in self.user.get(kind, {}).items():
            merged.setdefault(d, {}).update(rates)
        return merged

    def user_table(self, kind: str) -> Table:
        return dict(self.user.get(kind, {}))


SHIPPED = RateBook()
"""The shipped tables only: what a conversion uses when no rate book is handed in."""


def table(kind: str, rates: RateBook | None = None) -> Table:
    """The merged table of ``rates`` (the shipped one when None)."""
    return (rates or SHIPPED).table(kind)


def clean_rates(kind: str, rates: Mapping[str, Decimal | str]) -> dict[str, str]:
    """Rates entered by the user, checked: ISO codes, not the table's base, numbers above 0."""
    if kind not in TABLES:
        raise InputError(f"unknown rate table {kind!r} (use sdr or eur)")
    clean: dict[str, str] = {}
    for code, value in rates.items():
        code = code.strip().upper()
        if not is_currency(code):
            raise InputError(f"{code!r} is not an ISO 4217 currency code")
        if code == _BASE[kind]:
            raise InputError(f"{code} is the base of the {kind} table; its rate is always 1")
        d = to_decimal(value, f"rate for {code}")
        if d <= 0:
            raise InputError(f"rate for {code} must be greater than zero")
        clean[code] = str(d)
    return clean


def _per_base(tbl: Table, kind: str, code: str, on: date | None) -> tuple[date, Decimal, str]:
    """(date, units of code per base unit, source) from the newest publication not after ``on``."""
    base = _BASE[kind]
    days = sorted(tbl, reverse=True)
    if code == base:
        return (days[0] if days else date.min), Decimal(1), ""
    candidates = [d for d in days if code in tbl[d]]
    if not candidates:
        raise RateUnavailable(f"no {kind.upper()} rate for {code}")
    chosen = next((d for d in candidates if on is None or d <= on), candidates[-1])
    rate, src = tbl[chosen][code]
    return chosen, rate, src


def _pair(
    kind: str, from_ccy: str, to_ccy: str, on: date | None, rates: RateBook
) -> tuple[Decimal, date, str]:
    tbl = rates.table(kind)
    base = _BASE[kind]
    codes = [c for c in (from_ccy, to_ccy) if c != base]
    # Prefer one publication holding both currencies, so both rates share one date.
    days = sorted((d for d in tbl if all(c in tbl[d] for c in codes)), reverse=True)
    if days:
        chosen = next((d for d in days if on is None or d <= on), days[-1])
        f = Decimal(1) if from_ccy == base else tbl[chosen][from_ccy][0]
        t = Decimal(1) if to_ccy == base else tbl[chosen][to_ccy][0]
        src = tbl[chosen][codes[0]][1] if codes else ""
        with localcontext() as ctx:
            ctx.prec = RATE_DIGITS
            return +(t / f), chosen, src
    fd, f, fs = _per_base(tbl, kind, from_ccy, on)
    td, t, ts = _per_base(tbl, kind, to_ccy, on)
    with localcontext() as ctx:
        ctx.prec = RATE_DIGITS
        return +(t / f), min(fd, td), fs or ts


def convert(
    amount: Decimal,
    from_ccy: str,
    to_ccy: str,
    *,
    on: date | None = None,
    rates: RateBook | None = None,
) -> Conversion:
    """Convert with the newest rate published on or before ``on`` (today's newest if None).

    ``rates`` is the rate book to use (the workspace's: shipped plus the user's own); None
    uses the shipped tables only. Nothing is read from the user's files here.

    Pairs with the SDR use the SDR table; others use the euro table and fall back to cross rates
    through the SDR when a currency is missing there. RateUnavailable if no table knows the pair.
    """
    from_ccy = (from_ccy or "").strip().upper()
    to_ccy = (to_ccy or "").strip().upper()
    for c in (from_ccy, to_ccy):
        if not is_currency(c):
            raise InputError(f"{c or '(empty)'!r} is not an ISO 4217 currency code")
    amount = Decimal(amount)
    if from_ccy == to_ccy:
        return Conversion(amount, Decimal(1), None, "same currency", from_ccy, to_ccy)
    order = ("sdr",) if SDR in (from_ccy, to_ccy) else ("eur", "sdr")
    last: RateUnavailable | None = None
    for kind in order:
        try:
            rate, d, src = _pair(kind, from_ccy, to_ccy, on, rates or SHIPPED)
        except RateUnavailable as exc:
            last = exc
            continue
        return Conversion(amount * rate, rate, d, src, from_ccy, to_ccy)
    raise RateUnavailable(
        f"no exchange rate for {from_ccy} to {to_ccy}: add one in the rate table "
        "or import the ECB reference rates"
    ) from last


def sdr_to(currency: str, *, on: date | None = None, rates: RateBook | None = None) -> Conversion:
    """The value of one SDR in ``currency`` (with the rate's date)."""
    return convert(Decimal(1), SDR, currency, on=on, rates=rates)


class RateTableInfo(TypedDict):
    """What ``rates info`` shows of one table."""

    base: str
    dates: int
    newest: str | None
    currencies: list[str]
    user_dates: int
    source: str


def rates_info(rates: RateBook | None = None) -> dict[str, RateTableInfo]:
    """Per table: number of dates, newest date and its source, every currency, user dates."""
    book = rates or SHIPPED
    out: dict[str, RateTableInfo] = {}
    for kind in TABLES:
        merged = book.table(kind)
        mine = book.user_table(kind)
        newest = max(merged) if merged else None
        out[kind] = {
            "base": _BASE[kind],
            "dates": len(merged),
            "newest": newest.isoformat() if newest else None,
            "currencies": sorted({c for rates in merged.values() for c in rates}),
            "user_dates": len(mine),
            "source": next(iter(merged[newest].values()))[1] if newest and merged[newest] else "",
        }
    return out


def positive_rate(text: str) -> Decimal | None:
    """A usable rate: a finite number greater than zero."""
    try:
        v = Decimal(text.strip())
    except InvalidOperation:
        return None
    return v if v.is_finite() and v > 0 else None


def currencies_in(tables: Iterable[str] = TABLES, rates: RateBook | None = None) -> list[str]:
    """Every currency some table can convert."""
    out: set[str] = set()
    for kind in tables:
        out.add(_BASE[kind])
        for rates_of_day in table(kind, rates).values():
            out.update(rates_of_day)
    return sorted(out)
