"""What the destination will charge for a declaration: customs duty, import VAT/GST and the
postal operator's fee, line by line, with the rule, rate and source of each line.

The rules are the dated data files (:mod:`.data`) in force on the declaration's date (or the
date asked for); duty rates by code come from the national tariffs the user imported
(:mod:`.national_rates`); amounts are converted with the rate book handed in. Whatever cannot be
estimated (a duty rate not known for a code, a regime whose figures the data does not hold) is
named in ``unknown`` instead of being guessed.

One module of about 680 lines on purpose: the result types, the run's shared state (``_Run``)
and one function per kind of rule (flat duty, ad valorem, tariff rate, tax, fee) read and write
the same ``_Run``; split apart they would pass it through every call without hiding anything.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from shipdesk.core import hscode, incoterms, money
from shipdesk.core.countries import eu_members
from shipdesk.core.duties.data import DutyData
from shipdesk.core.duties.national_rates import rate_for
from shipdesk.core.duties.schema import DutyFile, Limit, Rule
from shipdesk.core.errors import InputError
from shipdesk.core.i18n import N_, Phrase, Told, lang_code, language
from shipdesk.core.model import Declaration
from shipdesk.core.money import minor_digits, unit_label
from shipdesk.core.rates import RateBook, RateUnavailable, convert
from shipdesk.core.storage.interfaces import NationalTariffRepository


@lru_cache(maxsize=64)
def _money_unit(ccy: str) -> tuple[Decimal, int, str]:
    """(rounding quantum, minor digits, label) of a currency: looked up once, as an estimate
    rounds and formats a few hundred amounts."""
    digits = minor_digits(ccy)
    return Decimal(1).scaleb(-digits), digits, unit_label(ccy)


def round_money(amount: Decimal, ccy: str) -> Decimal:
    """``amount`` rounded half up to the currency's minor unit (as ``money.round_money``, which
    takes over for an amount too long for the default precision)."""
    quantum, digits, _label = _money_unit(ccy)
    if amount.is_finite() and amount.adjusted() + digits < 26:
        return amount.quantize(quantum, rounding=ROUND_HALF_UP)
    return money.round_money(amount, ccy)


def format_money(amount: Decimal, ccy: str) -> str:
    """``1,234.50 EUR`` (as ``money.format_money``)."""
    _q, digits, label = _money_unit(ccy)
    return f"{round_money(amount, ccy):,.{digits}f} {label}"


DOOR = "door"
SALE = "sale"
HUNDRED = Decimal(100)

_BASE_TEXT = {
    ("goods",): N_("the value"),
    ("goods", "transport"): N_("the value and transport"),
    ("duty", "goods"): N_("the value and duty"),
    ("duty", "goods", "transport"): N_("the value, transport and duty"),
}
_TARIFF_NAMES = {"us-hts": "US HTS", "eu-cn": "EU CN/TARIC", "uk": "UK Global Tariff"}
_WHY = {
    "no_code": N_("the item has no HS code"),
    "no_tariff": N_("the {tariff} is not imported (import it with: tariff import)"),
    "no_line": N_("the code is not in the imported {tariff}"),
    "no_rate": N_("the imported {tariff} gives no rate for it"),
    "several": N_("several rates under this code ({text}): give the full national code"),
    "not_ad_valorem": N_("its rate {text} is not a percentage of the value"),
    "none": N_("ShipDesk holds no tariff of this destination"),
}


@dataclass(frozen=True)
class Line:
    """One charge: duty, tax or fee, for one item (``item_index``) or the whole consignment."""

    kind: str  # "duty" | "tax" | "fee"
    item_index: int | None
    amount: Decimal  # in the declaration's currency
    amount_local: Decimal  # in the destination's currency
    regime: str  # the rule id
    rate: str  # "19 %", "3.00 EUR per subheading", ""
    source: str  # the source's URL
    source_title: str
    confirmed: bool
    note: Told  # why: the reason in words
    collected: str = DOOR  # "door" (at import) or "sale" (charged by the seller)


@dataclass(frozen=True)
class Estimate:
    destination: str
    date: date
    data_date: str
    currency: str  # the declaration's
    local_currency: str  # the destination's
    incoterm: str  # "DAP" | "DDP"
    rate_text: str  # how the currencies were converted ("" when they are the same)
    lines: tuple[Line, ...] = ()
    unknown: tuple[Told, ...] = ()
    regimes: tuple[str, ...] = ()
    title: str = ""

    @property
    def complete(self) -> bool:
        """False when some charge could not be estimated (see ``unknown``): the totals are then
        only what is known, a lower bound, and must be shown as "at least"."""
        return not self.unknown

    @property
    def payer(self) -> str:
        """Who pays the charges due at import: the sender under DDP, else the recipient."""
        return "sender" if self.incoterm == "DDP" else "recipient"

    def total(
        self, kind: str | None = None, *, local: bool = False, at: str | None = None
    ) -> Decimal:
        return sum(
            (
                ln.amount_local if local else ln.amount
                for ln in self.lines
                if (kind is None or ln.kind == kind) and (at is None or ln.collected == at)
            ),
            Decimal(0),
        )

    def at_door(self, *, local: bool = False) -> Decimal:
        """What the recipient is asked for at the door: the charges due at import under DAP,
        nothing when the sender pays them (DDP)."""
        return Decimal(0) if self.incoterm == "DDP" else self.total(local=local, at=DOOR)

    def to_json(self) -> dict[str, object]:
        """The CONTRACT object of ``estimate --json`` (English texts)."""

        def money(d: Decimal, ccy: str) -> str:
            return str(round_money(d, ccy))

        ccy, lcy = self.currency, self.local_currency
        return {
            "destination": self.destination,
            "date": self.date.isoformat(),
            "data_date": self.data_date,
            "currency": ccy,
            "local_currency": lcy,
            "incoterm": self.incoterm,
            "rate": self.rate_text,
            "lines": [
                {
                    "kind": ln.kind,
                    "item_index": ln.item_index,
                    "amount": money(ln.amount, ccy),
                    "currency": ccy,
                    "amount_local": money(ln.amount_local, lcy),
                    "local_currency": lcy,
                    "regime": ln.regime,
                    "rate": ln.rate,
                    "source": ln.source,
                    "source_title": ln.source_title,
                    "confirmed": ln.confirmed,
                    "collected": ln.collected,
                    "note": ln.note.in_language("en"),
                }
                for ln in self.lines
            ],
            "totals": {
                "duty": money(self.total("duty"), ccy),
                "tax": money(self.total("tax"), ccy),
                "fees": money(self.total("fee"), ccy),
                "total": money(self.total(), ccy),
                "at_door": money(self.at_door(), ccy),
            },
            "totals_local": {
                "duty": money(self.total("duty", local=True), lcy),
                "tax": money(self.total("tax", local=True), lcy),
                "fees": money(self.total("fee", local=True), lcy),
                "total": money(self.total(local=True), lcy),
                "at_door": money(self.at_door(local=True), lcy),
            },
            "payer": self.payer,
            "complete": self.complete,
            "regimes": list(self.regimes),
            "unknown": [u.in_language("en") for u in self.unknown],
        }


def estimate_date(decl: Declaration, on: date | None = None) -> date:
    """The day whose rules apply: ``on`` when given, else the declaration's date, else today."""
    if on is not None:
        return on
    text = decl.date.strip()
    if not text:
        return date.today()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        raise InputError(f"{text!r} is not a date (write YYYY-MM-DD)", location="date") from None


@dataclass
class _Run:
    decl: Declaration
    file: DutyFile
    day: date
    dest: str
    channel: str
    rates: RateBook
    fx: Decimal  # local units per declaration unit
    values: list[Decimal]  # per item, local
    transport: list[Decimal]  # per item share of the postal charges, local
    items: list[int]  # indexes in decl.items of the real items
    lines: list[Line] = field(default_factory=list)
    unknown: list[Told] = field(default_factory=list)
    regimes: list[str] = field(default_factory=list)
    # duty of each real item (by its index in ``items``), unrounded: part of the tax base
    duty_by_item: dict[int, Decimal] = field(default_factory=dict)

    # -- measuring ---------------------------------------------------------------------------
    def measure(self, basis: Iterable[str]) -> Decimal:
        parts = set(basis)
        total = Decimal(0)
        if "goods" in parts:
            total += sum(self.values, Decimal(0))
        if "transport" in parts:
            total += sum(self.transport, Decimal(0))
        return total

    def in_ccy(self, amount: Decimal, ccy: str) -> Decimal:
        if ccy == self.file.currency:
            return amount
        return convert(amount, self.file.currency, ccy, on=self.day, rates=self.rates).amount

    def within(self, limit: Limit) -> bool:
        return self.in_ccy(self.measure(limit.basis), limit.currency) <= limit.amount

    def matches(self, rule: Rule) -> bool:
        d = self.decl
        if not rule.in_force(self.day):
            return False
        if rule.categories and d.category not in rule.categories:
            return False
        if rule.channels and self.channel not in rule.channels:
            return False
        if rule.countries and self.dest not in rule.countries:
            return False
        if rule.origins:
            origins = {d.items[i].origin_country.strip().upper() for i in self.items}
            if not origins & set(rule.origins):
                return False
        if rule.sender_countries and d.sender.country.strip().upper() not in rule.sender_countries:
            return False
        if rule.needs == "ioss" and not d.ioss_number.strip():
            return False
        if rule.needs == "voec" and not str(d.extra.get("voec_number") or "").strip():
            return False
        if rule.upto is not None and not self.within(rule.upto):
            return False
        if rule.item_below is not None:
            lim = rule.item_below
            if any(self.in_ccy(v, lim.currency) >= lim.amount for v in self.values):
                return False
        return True

    # -- output ------------------------------------------------------------------------------
    def add(
        self,
        kind: str,
        rule: Rule,
        local: Decimal,
        note: Phrase,
        *,
        item: int | None = None,
        rate: str = "",
        collected: str = DOOR,
        confirmed: bool | None = None,
    ) -> None:
        lcy = self.file.currency
        amount_local = round_money(local, lcy)
        amount = round_money(amount_local / self.fx, self.decl.currency)
        self.lines.append(
            Line(
                kind,
                item,
                amount,
                amount_local,
                rule.id,
                rate,
                rule.source.url,
                rule.source.title,
                rule.confirmed if confirmed is None else confirmed,
                note,
                collected,
            )
        )
        if rule.id not in self.regimes:
            self.regimes.append(rule.id)

    def add_duty(
        self, k: int, rule: Rule, local: Decimal, note: Phrase, *, rate: str, collected: str = DOOR
    ) -> None:
        """A duty line for the ``k``-th real item, counted in that item's duty (the tax base)."""
        self.add("duty", rule, local, note, item=self.items[k], rate=rate, collected=collected)
        self.duty_by_item[k] = self.duty_by_item.get(k, Decimal(0)) + local

    def money(self, amount: Decimal, ccy: str | None = None) -> str:
        return format_money(amount, ccy or self.file.currency)


def _pct(rate: Decimal) -> str:
    return f"{rate.normalize():f} %"


def _base_text(parts: Sequence[str]) -> Phrase:
    key = tuple(sorted(set(parts)))
    return Phrase(_BASE_TEXT.get(key, N_("the value")))


def _relief(run: _Run, rule: Rule, kind: str) -> None:
    lim = rule.upto or rule.item_below
    if rule.item_below is not None:
        note = Phrase(
            N_("Not charged at import: every item is under {limit} and the seller is registered."),
            limit=run.money(rule.item_below.amount, rule.item_below.currency),
        )
    elif lim is not None:
        note = Phrase(
            N_("Not charged: the value of {value} is not over {limit}."),
            value=run.money(run.in_ccy(run.measure(lim.basis), lim.currency), lim.currency),
            limit=run.money(lim.amount, lim.currency),
        )
    else:
        note = Phrase(N_("Not charged under this relief."))
    run.add(kind, rule, Decimal(0), note)


def _duties(run: _Run, tariffs: NationalTariffRepository | None) -> None:
    rules = [
        r
        for r in run.file.rules
        if (r.kind == "duty" or (r.kind == "relief" and "duty" in r.covers)) and run.matches(r)
    ]
    main = next((r for r in rules if not r.additional), None)
    extra = [r for r in rules if r.additional]
    if main is not None:
        if main.kind == "relief":
            _relief(run, main, "duty")
            extra = []  # a relief frees the consignment of the surcharges as well
        elif main.method == "flat_per_category":
            _flat(run, main)
        elif main.method == "ad_valorem":
            _ad_valorem(run, main)
        elif main.method == "tariff":
            _tariff(run, main, tariffs)
        else:
            run.unknown.append(_rule_text(main))
            run.regimes.append(main.id)
    for r in extra:
        _ad_valorem(run, r)


def _duty_base(run: _Run, k: int) -> Decimal:
    base = run.values[k]
    if "transport" in run.file.duty_base:
        base += run.transport[k]
    return base


def _flat(run: _Run, rule: Rule) -> None:
    assert rule.amount is not None
    seen: set[str] = set()
    for k, i in enumerate(run.items):
        code = hscode.digits(run.decl.items[i].hs_code or "")
        if len(code) < 6:
            run.unknown.append(
                Phrase(
                    N_("Item {n}: the HS code is needed to count the tariff subheadings."),
                    n=i + 1,
                )
            )
            continue
        if code[:6] in seen:
            continue
        seen.add(code[:6])
        run.add_duty(
            k,
            rule,
            rule.amount,
            Phrase(
                N_(
                    "Flat duty of {amount} per tariff subheading on a low-value consignment "
                    "(subheading {code})."
                ),
                amount=run.money(rule.amount),
                code=code[:6],
            ),
            rate=Phrase(N_("{amount} per subheading"), amount=run.money(rule.amount)),
            # a seller registered for the IOSS collects the flat duty at sale with the VAT
            collected=SALE if run.decl.ioss_number.strip() else DOOR,
        )


def _ad_valorem(run: _Run, rule: Rule) -> None:
    assert rule.rate is not None
    for k in range(len(run.items)):
        base = _duty_base(run, k)
        run.add_duty(
            k,
            rule,
            base * rule.rate / HUNDRED,
            Phrase(
                N_("Duty {rate} on {base} ({value})."),
                rate=_pct(rule.rate),
                base=_base_text(run.file.duty_base),
                value=run.money(base),
            ),
            rate=_pct(rule.rate),
        )


def _tariff(run: _Run, rule: Rule, tariffs: NationalTariffRepository | None) -> None:
    name = _TARIFF_NAMES.get(rule.tariff, rule.tariff)
    for k, i in enumerate(run.items):
        it = run.decl.items[i]
        code = hscode.digits(it.hs_code or "")
        if not rule.tariff:
            found = None
            why = Phrase(_WHY["none"]) if len(code) >= 6 else Phrase(_WHY["no_code"])
        elif tariffs is None:
            found, why = None, Phrase(_WHY["no_tariff"], tariff=name)
        else:
            found = rate_for(code, rule.tariff, tariffs)
            why = Phrase(_WHY.get(found.problem, _WHY["none"]), tariff=name, text=found.text)
        if found is None or found.rate is None:
            run.unknown.append(
                Phrase(
                    N_("Item {n}: duty rate not known for code {code}: {why}."),
                    n=i + 1,
                    code=code or "-",
                    why=why,
                )
            )
            if rule.id not in run.regimes:
                run.regimes.append(rule.id)
            continue
        base = _duty_base(run, k)
        run.add_duty(
            k,
            rule,
            base * found.rate / HUNDRED,
            Phrase(
                N_("Duty {rate} on {base} ({value}): line {line} of {source}."),
                rate=_pct(found.rate),
                base=_base_text(run.file.duty_base),
                value=run.money(base),
                line=found.line,
                source=found.source,
            ),
            rate=found.text,
        )


def _tax_rate(run: _Run, rule: Rule) -> tuple[Decimal | None, bool]:
    """(rate in percent, confirmed) of a tax rule for the destination."""
    if rule.rate_table:
        for r in run.file.vat_rates:
            if r.country == run.dest and r.in_force(run.day):
                return r.rate, r.confirmed and rule.confirmed
        return None, False
    region = run.decl.recipient.region.strip().upper()
    if region in rule.region_rates:
        return rule.region_rates[region], rule.confirmed
    return rule.rate, rule.confirmed


def _taxes(run: _Run) -> None:
    rule = next(
        (
            r
            for r in run.file.rules
            if (r.kind == "tax" or (r.kind == "relief" and "tax" in r.covers)) and run.matches(r)
        ),
        None,
    )
    if rule is None:
        return
    if rule.kind == "relief":
        _relief(run, rule, "tax")
        return
    rate, confirmed = _tax_rate(run, rule)
    if rate is None:
        run.unknown.append(
            Phrase(
                N_("The {name} rate of {country} on this date is not in the data."),
                name=rule.name,
                country=run.dest,
            )
        )
        run.regimes.append(rule.id)
        return
    parts = set(rule.base)
    bases: list[Decimal] = []
    for k in range(len(run.items)):
        b = run.values[k]
        if "transport" in parts:
            b += run.transport[k]
        if "duty" in parts:
            b += run.duty_by_item.get(k, Decimal(0))
        bases.append(b)
    taxes = [b * rate / HUNDRED for b in bases]
    collected = SALE if rule.method == "at_sale" else DOOR
    total = sum(taxes, Decimal(0))
    if rule.min_tax is not None and collected == DOOR and total <= rule.min_tax:
        run.add(
            "tax",
            rule,
            Decimal(0),
            Phrase(
                N_("{name} of {amount} is not levied: amounts up to {limit} are not collected."),
                name=rule.name,
                amount=run.money(total),
                limit=run.money(rule.min_tax),
            ),
            confirmed=confirmed,
        )
        return
    if collected == SALE:
        template = N_(
            "{name} {rate} on {base} ({value}), charged by the seller at sale: "
            "nothing is asked at the door."
        )
    else:
        template = N_("{name} {rate} on {base} ({value}), charged at import.")
    for k, i in enumerate(run.items):
        run.add(
            "tax",
            rule,
            taxes[k],
            Phrase(
                template,
                name=rule.name,
                rate=_pct(rate),
                base=_base_text(rule.base),
                value=run.money(bases[k]),
            ),
            item=i,
            rate=_pct(rate),
            collected=collected,
            confirmed=confirmed,
        )


def _fees(run: _Run) -> None:
    if not any(ln.amount_local > 0 and ln.collected == DOOR for ln in run.lines):
        return
    for rule in run.file.rules:
        if rule.kind != "fee" or not run.matches(rule):
            continue
        assert rule.amount is not None
        if rule.up_to:
            note = Phrase(
                N_("{operator}'s fee for customs clearance, up to {amount}."),
                operator=rule.operator,
                amount=run.money(rule.amount),
            )
        else:
            note = Phrase(
                N_(
                    "{operator}'s fee for presenting the item to customs and collecting the "
                    "charges."
                ),
                operator=rule.operator,
            )
        run.add("fee", rule, rule.amount, note, rate=run.money(rule.amount))


def _rule_text(rule: Rule) -> DataText:
    return DataText(rule.text)


class DataText(Told):
    """A text of the data files, written there in English, German, French and Spanish (data,
    like the screening rules' messages, so not in the catalogue)."""

    texts: dict[str, str]

    def __new__(cls, texts: Mapping[str, str]) -> DataText:
        obj = super().__new__(cls, texts.get("en", ""))
        obj.texts = dict(texts)
        return obj

    def __reduce__(self) -> tuple[object, ...]:
        return (DataText, (self.texts,))

    def in_language(self, lang: str | None = None) -> str:
        code = lang_code(lang if lang is not None else language())
        return self.texts.get(code) or self.texts.get("en", "")


def estimate(
    decl: Declaration,
    data: DutyData,
    *,
    rates: RateBook,
    tariffs: NationalTariffRepository | None = None,
    on: date | None = None,
    channel: str = "post",
) -> Estimate:
    """The estimate of what ``decl``'s destination charges, with the rules of ``on`` (else the
    declaration's date, else today). InputError for a declaration without a destination or with
    a date that is not one."""
    day = estimate_date(decl, on)
    dest = decl.recipient.country.strip().upper()
    if not dest:
        raise InputError(
            "the recipient's country is needed for an estimate", location="recipient.country"
        )
    if channel not in ("post", "courier"):
        raise InputError(f"unknown channel {channel!r} (use post or courier)")
    term = incoterms.parse(str(decl.extra.get("incoterm") or ""))
    incoterm = "DDP" if term.known and incoterms.seller_pays_duties(term.code) else "DAP"
    ccy = decl.currency.strip().upper()
    file = data.for_country(dest)

    def empty(local: str, why: Told, title: str = "") -> Estimate:
        return Estimate(
            dest, day, data.data_date, ccy, local, incoterm, "", unknown=(why,), title=title
        )

    origin = decl.sender.country.strip().upper()
    eu = eu_members()
    if origin == dest or (origin in eu and dest in eu):
        return empty(
            ccy,
            Phrase(N_("No import: the sender is in the same customs territory as the recipient.")),
        )
    if file is None:
        return empty(ccy, Phrase(N_("No duty and tax data for {country}."), country=dest))
    try:
        conv = convert(Decimal(1), ccy, file.currency, on=day, rates=rates)
    except (RateUnavailable, InputError):
        why = Phrase(
            N_("No exchange rate from {from_ccy} to {to_ccy}: add one in the rate table."),
            from_ccy=ccy or "-",
            to_ccy=file.currency,
        )
        return empty(file.currency, why, file.title)
    fx = conv.rate
    items = [i for i, it in enumerate(decl.items) if not it.is_blank()]
    unknown: list[Told] = []
    values: list[Decimal] = []
    for i in items:
        v = decl.items[i].value_dec
        if v is None:
            unknown.append(Phrase(N_("Item {n}: no value, counted as 0."), n=i + 1))
            v = Decimal(0)
        values.append(v * fx)
    goods = sum(values, Decimal(0))
    transport_total = (decl.postal_charges_dec or Decimal(0)) * fx
    transport = [
        (transport_total * v / goods) if goods else (transport_total / len(values)) for v in values
    ]
    run = _Run(decl, file, day, dest, channel, rates, fx, values, transport, items, unknown=unknown)
    _duties(run, tariffs)
    _taxes(run)
    _fees(run)
    for rule in file.rules:
        if rule.kind == "notice" and run.matches(rule):
            run.unknown.append(_rule_text(rule))
            run.regimes.append(rule.id)
    return Estimate(
        dest,
        day,
        data.data_date,
        ccy,
        file.currency,
        incoterm,
        "" if conv.rate_date is None else str(conv.describe()),
        lines=tuple(run.lines),
        unknown=tuple(run.unknown),
        regimes=tuple(run.regimes),
        title=file.title,
    )
