"""The duty and tax data files (``resources/duties/*.toml``), read and checked.

Every file is checked when it is loaded: the first problem stops the load with one
:class:`DataError` naming the file and the field (``EU.toml: rules[3].valid_from: ...``), so a
broken data bundle is never half used. The format is described in docs/duties.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from shipdesk.core.errors import DataError
from shipdesk.core.money import is_currency
from shipdesk.core.nesting import load_toml

FORMAT = "shipdesk.duties/1"
KINDS = ("duty", "tax", "relief", "fee", "notice")
DUTY_METHODS = ("tariff", "flat_per_category", "ad_valorem", "not_estimated")
TAX_METHODS = ("import", "at_sale")
PARTS = ("goods", "transport", "duty")
CHANNELS = ("post", "courier")
NEEDS = ("ioss", "voec")
TARIFFS = ("us-hts", "eu-cn", "uk", "")
CATEGORIES = ("gift", "documents", "commercial_sample", "returned_goods", "sale_of_goods", "other")
LANGS = ("en", "de", "fr", "es")


@dataclass(frozen=True)
class Source:
    title: str
    url: str
    read: str


@dataclass(frozen=True)
class Limit:
    """A value limit: ``amount`` in ``currency``, measured on the parts in ``basis``."""

    amount: Decimal
    currency: str
    basis: tuple[str, ...] = ("goods",)


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str
    valid_from: date
    valid_to: date | None
    confirmed: bool
    source: Source
    file: str
    # conditions
    categories: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    origins: tuple[str, ...] = ()
    sender_countries: tuple[str, ...] = ()
    needs: str = ""
    upto: Limit | None = None
    item_below: Limit | None = None
    # what it does
    covers: tuple[str, ...] = ()
    method: str = ""
    tariff: str = ""
    rate: Decimal | None = None
    rate_table: str = ""
    region_rates: Mapping[str, Decimal] = field(default_factory=dict)
    amount: Decimal | None = None
    additional: bool = False
    name: str = ""
    base: tuple[str, ...] = ()
    min_tax: Decimal | None = None
    operator: str = ""
    up_to: bool = False
    text: Mapping[str, str] = field(default_factory=dict)

    def in_force(self, on: date) -> bool:
        return self.valid_from <= on and (self.valid_to is None or on <= self.valid_to)


@dataclass(frozen=True)
class DatedRate:
    country: str
    rate: Decimal
    valid_from: date
    valid_to: date | None
    confirmed: bool
    source: Source

    def in_force(self, on: date) -> bool:
        return self.valid_from <= on and (self.valid_to is None or on <= self.valid_to)


@dataclass(frozen=True)
class DutyFile:
    destination: str  # "US", or "EU" for the member states
    currency: str
    title: str
    checked: date
    duty_base: tuple[str, ...]
    rules: tuple[Rule, ...]
    vat_rates: tuple[DatedRate, ...]
    path: str
    declare_origin_and_value_from: date | None = None


class _Reader:
    """Reads one table of a file; every problem names the file and the field."""

    def __init__(self, data: Mapping[str, Any], file: str, where: str = "") -> None:
        self.data = data
        self.file = file
        self.where = where

    def fail(self, key: str, problem: str) -> DataError:
        path = f"{self.where}.{key}" if self.where else key
        return DataError(f"{self.file}: {path}: {problem}")

    def text(self, key: str, *, required: bool = True, choices: tuple[str, ...] = ()) -> str:
        v = self.data.get(key)
        if v is None:
            if required:
                raise self.fail(key, "missing")
            return ""
        if not isinstance(v, str):
            raise self.fail(key, f"expected text, found {type(v).__name__}")
        if choices and v not in choices:
            raise self.fail(key, f"{v!r} is not one of {', '.join(repr(c) for c in choices)}")
        return v

    def day(self, key: str, *, required: bool = True) -> date | None:
        v = self.data.get(key)
        if v is None or v == "":
            if required:
                raise self.fail(key, "missing (a date YYYY-MM-DD)")
            return None
        if isinstance(v, date):
            return v
        try:
            return date.fromisoformat(str(v))
        except ValueError:
            raise self.fail(key, f"{v!r} is not a date YYYY-MM-DD") from None

    def number(self, key: str, *, required: bool = False) -> Decimal | None:
        v = self.data.get(key)
        if v is None:
            if required:
                raise self.fail(key, 'missing (a decimal number as text, e.g. "19")')
            return None
        if not isinstance(v, str):
            raise self.fail(key, 'write the number as text (e.g. "19"), so no digit is lost')
        try:
            d = Decimal(v)
        except InvalidOperation:
            raise self.fail(key, f"{v!r} is not a number") from None
        if not d.is_finite() or d < 0:
            raise self.fail(key, f"{v!r} must be a number of 0 or more")
        return d

    def flag(self, key: str, *, required: bool = False) -> bool:
        v = self.data.get(key, None)
        if v is None:
            if required:
                raise self.fail(key, "missing (true or false)")
            return False
        if not isinstance(v, bool):
            raise self.fail(key, "expected true or false")
        return v

    def words(self, key: str, choices: tuple[str, ...] = ()) -> tuple[str, ...]:
        v = self.data.get(key, [])
        if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
            raise self.fail(key, "expected a list of texts")
        for x in v:
            if choices and x not in choices:
                raise self.fail(key, f"{x!r} is not one of {', '.join(choices)}")
        return tuple(v)

    def countries(self, key: str) -> tuple[str, ...]:
        out = self.words(key)
        for c in out:
            if len(c) != 2 or not c.isascii() or not c.isupper():
                raise self.fail(key, f"{c!r} is not an ISO 3166-1 alpha-2 code")
        return out

    def table(self, key: str, *, required: bool = False) -> Mapping[str, Any] | None:
        v = self.data.get(key)
        if v is None:
            if required:
                raise self.fail(key, "missing")
            return None
        if not isinstance(v, dict):
            raise self.fail(key, "expected a table")
        return v

    def sub(self, key: str, data: Mapping[str, Any]) -> _Reader:
        return _Reader(data, self.file, f"{self.where}.{key}" if self.where else key)


def _source(r: _Reader) -> Source:
    t = r.table("source", required=True)
    assert t is not None
    s = r.sub("source", t)
    read = s.day("read")
    return Source(s.text("title"), s.text("url"), read.isoformat() if read else "")


def _limit(r: _Reader, key: str, default_ccy: str) -> Limit | None:
    t = r.table(key)
    if t is None:
        return None
    s = r.sub(key, t)
    amount = s.number("amount", required=True)
    assert amount is not None
    ccy = s.text("currency", required=False) or default_ccy
    if not is_currency(ccy):
        raise s.fail("currency", f"{ccy!r} is not an ISO 4217 currency code")
    basis = s.words("basis", PARTS) or ("goods",)
    return Limit(amount, ccy, basis)


def _rule(r: _Reader, file: str, currency: str) -> Rule:
    kind = r.text("kind", choices=KINDS)
    valid_from = r.day("valid_from")
    valid_to = r.day("valid_to", required=False)
    assert valid_from is not None
    if valid_to is not None and valid_to < valid_from:
        raise r.fail("valid_to", f"{valid_to} is before valid_from {valid_from}")
    if "confirmed" not in r.data:
        raise r.fail("confirmed", "missing (true or false)")
    method = ""
    if kind == "duty":
        method = r.text("method", choices=DUTY_METHODS)
    elif kind == "tax":
        method = r.text("method", choices=TAX_METHODS)
    rate = r.number("rate")
    rate_table = r.text("rate_table", required=False, choices=("vat_rates", ""))
    region = r.table("region_rates") or {}
    region_rates: dict[str, Decimal] = {}
    sub = r.sub("region_rates", region)
    for k in region:
        v = sub.number(k, required=True)
        assert v is not None
        region_rates[k] = v
    amount = r.number("amount")
    if kind == "tax" and rate is None and not rate_table:
        raise r.fail("rate", "a tax needs a rate or a rate_table")
    if kind == "duty" and method == "ad_valorem" and rate is None:
        raise r.fail("rate", "an ad valorem duty needs a rate")
    needs_amount = kind == "fee" or (kind == "duty" and method == "flat_per_category")
    if needs_amount and amount is None:
        raise r.fail("amount", "missing")
    covers = r.words("covers", ("duty", "tax"))
    if kind == "relief" and not covers:
        raise r.fail("covers", "a relief must say what it covers (duty, tax)")
    text_t = r.table("text") or {}
    text: dict[str, str] = {}
    ts = r.sub("text", text_t)
    for lang in text_t:
        if lang not in LANGS:
            raise ts.fail(lang, f"language must be one of {', '.join(LANGS)}")
        text[lang] = ts.text(lang)
    if (kind == "notice" or method == "not_estimated") and "en" not in text:
        raise r.fail("text", "an English text (text.en) is needed to say what is not estimated")
    return Rule(
        id=r.text("id"),
        kind=kind,
        valid_from=valid_from,
        valid_to=valid_to,
        confirmed=r.flag("confirmed", required=True),
        source=_source(r),
        file=file,
        categories=r.words("categories", CATEGORIES),
        channels=r.words("channels", CHANNELS),
        countries=r.countries("countries"),
        origins=r.countries("origins"),
        sender_countries=r.countries("sender_countries"),
        needs=r.text("needs", required=False, choices=(*NEEDS, "")),
        upto=_limit(r, "upto", currency),
        item_below=_limit(r, "item_below", currency),
        covers=covers,
        method=method,
        tariff=r.text("tariff", required=kind == "duty" and method == "tariff", choices=TARIFFS),
        rate=rate,
        rate_table=rate_table,
        region_rates=region_rates,
        amount=amount,
        additional=r.flag("additional"),
        name=r.text("name", required=kind == "tax"),
        base=r.words("base", PARTS) or ("goods",),
        min_tax=r.number("min_tax"),
        operator=r.text("operator", required=kind == "fee"),
        up_to=r.flag("up_to"),
        text=text,
    )


def parse_file(text: str, path: Path | str) -> DutyFile:
    """One data file from its text; :class:`DataError` naming the file and field otherwise."""
    name = Path(path).name
    try:
        data = load_toml(text, name)
    except Exception as exc:  # TOML syntax errors and nesting limits alike
        raise DataError(f"{name}: not a readable duty data file ({exc})") from None
    top = _Reader(data, name)
    fmt = top.text("format")
    if fmt != FORMAT:
        raise top.fail("format", f"{fmt!r} is not {FORMAT!r}")
    currency = top.text("currency")
    if not is_currency(currency):
        raise top.fail("currency", f"{currency!r} is not an ISO 4217 currency code")
    dest = top.text("destination")
    checked = top.day("checked")
    assert checked is not None
    rules_raw = data.get("rules")
    if not isinstance(rules_raw, list) or not rules_raw:
        raise top.fail("rules", "expected at least one [[rules]] table")
    rules: list[Rule] = []
    seen: set[str] = set()
    for i, t in enumerate(rules_raw):
        if not isinstance(t, dict):
            raise top.fail(f"rules[{i}]", "expected a table")
        rule = _rule(_Reader(t, name, f"rules[{i}]"), name, currency)
        if rule.id in seen:
            raise top.fail(f"rules[{i}].id", f"{rule.id!r} is used twice")
        seen.add(rule.id)
        rules.append(rule)
    rates: list[DatedRate] = []
    rates_raw = data.get("vat_rates", [])
    if not isinstance(rates_raw, list):
        raise top.fail("vat_rates", "expected [[vat_rates]] tables")
    for i, t in enumerate(rates_raw):
        if not isinstance(t, dict):
            raise top.fail(f"vat_rates[{i}]", "expected a table")
        r = _Reader(t, name, f"vat_rates[{i}]")
        country = r.text("country")
        if len(country) != 2 or not country.isascii() or not country.isupper():
            raise r.fail("country", f"{country!r} is not an ISO 3166-1 alpha-2 code")
        rate = r.number("rate", required=True)
        vf = r.day("valid_from")
        assert rate is not None and vf is not None
        if "confirmed" not in t:
            raise r.fail("confirmed", "missing (true or false)")
        rates.append(
            DatedRate(
                country,
                rate,
                vf,
                r.day("valid_to", required=False),
                r.flag("confirmed", required=True),
                _source(r),
            )
        )
    if any(rule.rate_table == "vat_rates" for rule in rules) and not rates:
        raise top.fail("vat_rates", 'a rule uses rate_table = "vat_rates" but there are none')
    return DutyFile(
        destination=dest,
        currency=currency,
        title=top.text("title"),
        checked=checked,
        duty_base=top.words("duty_base", PARTS) or ("goods",),
        rules=tuple(rules),
        vat_rates=tuple(rates),
        path=str(path),
        declare_origin_and_value_from=top.day("declare_origin_and_value_from", required=False),
    )


def load_file(path: Path) -> DutyFile:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"{path.name}: cannot read the duty data file ({exc})") from None
    return parse_file(text, path)
