"""Money: Decimal amounts, ISO 4217 currencies, dated SDR and euro reference-rate tables.

Two rate tables are kept, each as a set of dated publications:

* ``sdr``: currency units per SDR (IMF special drawing right, ISO 4217 ``XDR``);
* ``eur``: currency units per euro (the layout of the ECB euro reference rates).

The shipped tables live in ``resources/rates/{sdr,eur}.toml``. The user's own table (rates edited
in the app, ECB files imported) is kept by the rates repository (``storage.rates``) and wins over
the shipped one for the same date and currency; a :class:`RateBook` carries both to whatever
converts, so a conversion never reads a file. Every conversion returns the rate used, its date
and its source, so the user always sees which figure decided a form or a threshold.
"""

from __future__ import annotations

import csv
import io
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from functools import lru_cache
from pathlib import Path
from typing import Any, TypedDict

from shipdesk.core.errors import DataError, InputError
from shipdesk.core.paths import resource

SDR = "XDR"
EUR = "EUR"
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
        """One line for the user, e.g. ``1 USD = 0.858000 EUR (rates of 2025-10-20, ...)``."""
        if self.rate_date is None:
            return f"no conversion needed ({self.from_ccy})"
        return (
            f"1 {_unit(self.from_ccy)} = {format_rate(self.rate)} {_unit(self.to_ccy)} "
            f"(rate of {self.rate_date.isoformat()}, {self.source})"
        )


@dataclass(frozen=True)
class ImportSummary:
    path: str
    dates: int
    currencies: int
    first: date
    last: date

    def describe(self) -> str:
        span = self.first.isoformat()
        if self.last != self.first:
            span += f" to {self.last.isoformat()}"
        return (
            f"imported {self.dates} date(s) of euro reference rates ({span}), "
            f"{self.currencies} currencies, from {self.path}"
        )


# -- currencies ---------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _iso_currencies() -> frozenset[str]:
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.currencies)


def is_currency(code: object) -> bool:
    """True for an ISO 4217 alphabetic code written in capitals (``"EUR"``, ``"XDR"``)."""
    return isinstance(code, str) and len(code) == 3 and code in _iso_currencies()


def currency_name(code: str) -> str:
    import pycountry

    c = pycountry.currencies.get(alpha_3=code.upper())
    return c.name if c else code


def minor_digits(code: str) -> int:
    """Decimal places of the currency (2 for EUR, 0 for JPY, 3 for KWD)."""
    if code == SDR:
        return 2
    from babel.numbers import get_currency_precision

    try:
        return int(get_currency_precision(code))
    except Exception:  # unknown to babel: the usual two places
        return 2


def round_money(amount: Decimal, code: str) -> Decimal:
    """Round half up to the currency's minor unit (any size of amount)."""
    with localcontext() as ctx:
        ctx.prec = max(28, amount.adjusted() + 20)
        return amount.quantize(Decimal(1).scaleb(-minor_digits(code)), rounding=ROUND_HALF_UP)


def _unit(code: str) -> str:
    return "SDR" if code == SDR else code


def format_money(amount: Decimal, code: str) -> str:
    """``1,234.50 EUR``: grouped, rounded to the minor unit, code after the figure."""
    r = round_money(amount, code)
    return f"{r:,.{minor_digits(code)}f} {_unit(code)}"


def format_rate(rate: Decimal) -> str:
    with localcontext() as ctx:
        ctx.prec = 6
        r = +rate
    return format(r.normalize(), "f") if r == r.to_integral() else format(r, "f")


def to_decimal(value: object, what: str = "amount") -> Decimal:
    """A Decimal from a string or number; InputError naming ``what`` otherwise."""
    if isinstance(value, Decimal):
        d = value
    elif isinstance(value, bool) or value is None:
        raise InputError(f"{what}: expected a number, found {value!r}")
    else:
        try:
            d = Decimal(str(value).strip())
        except InvalidOperation:
            raise InputError(f"{what}: {value!r} is not a number") from None
    if not d.is_finite():
        raise InputError(f"{what}: {value!r} is not a number")
    return d


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
            rate = _rate_value(str(v))
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


# -- ECB reference-rate files -------------------------------------------------------------------
_ECB_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d %b %Y")


def _ecb_date(text: str) -> date:
    text = text.strip()
    for fmt in _ECB_DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def _rate_value(text: str) -> Decimal | None:
    """A usable rate: a finite number greater than zero."""
    try:
        v = Decimal(text.strip())
    except InvalidOperation:
        return None
    return v if v.is_finite() and v > 0 else None


def parse_ecb_csv(text: str, source: str = "") -> Table:
    """Parse eurofxref.csv (one day, ``20 October 2025``) or eurofxref-hist.csv (ISO dates)."""
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    rows = [[c.strip() for c in r] for r in rows if any(c.strip() for c in r)]
    if not rows or rows[0][0].lower() != "date":
        raise InputError("not an ECB reference-rate CSV (first column must be Date)", source=source)
    header = rows[0]
    out: Table = {}
    for n, row in enumerate(rows[1:], start=2):
        try:
            d = _ecb_date(row[0])
        except ValueError:
            raise InputError(f"bad date {row[0]!r}", source=source, location=f"row {n}") from None
        day: dict[str, tuple[Decimal, str]] = {}
        for code, cell in zip(header[1:], row[1:]):
            if not code or not cell or cell.upper() == "N/A":
                continue
            if not re.fullmatch(r"[A-Z]{3}", code):
                raise InputError(f"bad currency column {code!r}", source=source, location="row 1")
            v = _rate_value(cell)
            if v is None:
                raise InputError(
                    f"{code}: {cell!r} is not a positive number", source=source, location=f"row {n}"
                )
            day[code] = (v, "")
        if day:
            out[d] = day
    if not out:
        raise InputError("no rates found", source=source)
    return out


def parse_ecb_xml(data: bytes, source: str = "") -> Table:
    """Parse eurofxref-daily.xml / eurofxref-hist.xml (``<Cube time=...><Cube currency rate>``)."""
    from xml.etree.ElementTree import ParseError

    import defusedxml.ElementTree as DET
    from defusedxml import DefusedXmlException

    try:
        root = DET.fromstring(data)
    except (ParseError, DefusedXmlException) as exc:
        raise InputError(f"not readable XML ({exc})", source=source) from None
    out: Table = {}
    for el in root.iter():
        if not el.tag.endswith("Cube") or "time" not in el.attrib:
            continue
        try:
            d = date.fromisoformat(el.attrib["time"])
        except ValueError:
            raise InputError(f"bad date {el.attrib['time']!r}", source=source) from None
        day: dict[str, tuple[Decimal, str]] = {}
        for c in el:
            code, rate = c.attrib.get("currency", ""), c.attrib.get("rate", "")
            if not re.fullmatch(r"[A-Z]{3}", code):
                continue
            v = _rate_value(rate)
            if v is None:
                raise InputError(f"{code} on {d}: bad rate {rate!r}", source=source)
            day[code] = (v, "")
        if day:
            out[d] = day
    if not out:
        raise InputError(
            "no <Cube time=...> rates found: not an ECB reference-rate file", source=source
        )
    return out


def read_ecb(path: str | Path) -> tuple[Table, ImportSummary]:
    """Read an ECB euro reference-rate file (CSV, XML or a zip of one): the publications and a
    summary. Storing them is the rates repository's job."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except FileNotFoundError:
        raise InputError("file not found", source=str(p)) from None
    except OSError as exc:
        raise InputError(f"cannot read the file ({exc.strerror})", source=str(p)) from None
    if p.suffix.lower() == ".zip":
        raw = _unzip_single(raw, str(p))
    head = raw.lstrip()[:100]
    if head.startswith(b"<"):
        parsed = parse_ecb_xml(raw, str(p))
    else:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise InputError("not a UTF-8 text file", source=str(p)) from None
        parsed = parse_ecb_csv(text, str(p))
    codes: set[str] = set()
    for rates in parsed.values():
        codes.update(rates)
    return parsed, ImportSummary(str(p), len(parsed), len(codes), min(parsed), max(parsed))


def ecb_source(path: str | Path) -> str:
    """The source text stored with imported ECB publications."""
    return f"ECB euro reference rates, imported from {Path(path).name}"


def _unzip_single(raw: bytes, source: str) -> bytes:
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as z:
            names = [n for n in z.namelist() if n.lower().endswith((".csv", ".xml"))]
            if not names:
                raise InputError("the zip file holds no CSV or XML file", source=source)
            return z.read(names[0])
    except zipfile.BadZipFile:
        raise InputError("not a readable zip file", source=source) from None


def currencies_in(tables: Iterable[str] = TABLES, rates: RateBook | None = None) -> list[str]:
    """Every currency some table can convert."""
    out: set[str] = set()
    for kind in tables:
        out.add(_BASE[kind])
        for rates_of_day in table(kind, rates).values():
            out.update(rates_of_day)
    return sorted(out)
