"""What every check shares: the ``Context`` a check reads the declaration from and adds its
problems to, and the helpers for numbers, money and country codes more than one check uses."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from shipdesk.core.countries import CountryName, is_country, read_country
from shipdesk.core.i18n import N_, Phrase
from shipdesk.core.model import (
    MAX_DECIMAL_PLACES,
    Category,
    Item,
    ascii_number,
    decimal_out_of_bounds,
    parse_decimal,
)
from shipdesk.core.money import is_currency
from shipdesk.core.rates import RateUnavailable, convert
from shipdesk.core.validation.result import ERROR, Problem, problem

if TYPE_CHECKING:
    from shipdesk.core.model import Declaration
    from shipdesk.core.operators import FormDecision, OperatorProfile
    from shipdesk.core.rates import Conversion, RateBook


COMMERCIAL = {
    Category.SALE_OF_GOODS.value,
    Category.COMMERCIAL_SAMPLE.value,
    Category.RETURNED_GOODS.value,
}

MAX_DIGITS = 12  # digits before the decimal point of any amount, weight or quantity


@dataclass
class Context:
    decl: Declaration
    profile: OperatorProfile
    decision: FormDecision
    today: date
    problems: list[Problem] = field(default_factory=list)
    rates: RateBook | None = None  # the workspace's rate book; None: the shipped tables

    @property
    def form(self) -> str:
        return self.decision.form

    @property
    def on(self) -> date:
        try:
            return date.fromisoformat(self.decl.date.strip())
        except ValueError:
            return self.today

    def add(self, level: str, path: str, code: str, /, **params: object) -> None:
        self.problems.append(problem(level, path, code, **params))

    def items(self) -> list[tuple[int, Item]]:
        """(index in the file, item) for every non-blank item."""
        return [(i, it) for i, it in enumerate(self.decl.items) if not it.is_blank()]

    def currency(self) -> str | None:
        c = (self.decl.currency or "").strip()
        return c if is_currency(c) else None

    def total_value(self) -> Decimal:
        return sum((it.value_dec or Decimal(0) for _, it in self.items()), Decimal(0))

    def in_currency(self, amount: Decimal, to_ccy: str) -> Conversion | None:
        ccy = self.currency()
        if ccy is None:
            return None
        try:
            return convert(amount, ccy, to_ccy, on=self.on, rates=self.rates)
        except RateUnavailable:
            return None


Rule = Callable[[Context], None]


def rate_text(conv: Conversion | None) -> str:
    return conv.describe() if conv is not None else Phrase(N_("no conversion"))


def country_problem(ctx: Context, path: str, value: str) -> bool:
    """Add a problem for a bad country code; True if the code is usable."""
    v = value.strip()
    if is_country(v) and v == v.upper():
        return True
    reading = read_country(v)  # the one country parser: codes, names and aliases
    if reading is not None and reading.is_code:
        ctx.add(ERROR, path, "country_lowercase", code=reading.code)
    elif reading is not None:
        ctx.add(
            ERROR, path, "country_alias", value=v, code=reading.code, name=CountryName(reading.code)
        )
    else:
        ctx.add(ERROR, path, "country_invalid", value=v)
    return False


def read_number(
    ctx: Context, path: str, text: str, what: str, example: str, hint: str
) -> Decimal | None:
    """The parsed number, or None after adding 'required' / 'not a number'."""
    if not str(text).strip():
        ctx.add(ERROR, path, "required", what=what, hint=hint)
        return None
    d = parse_decimal(text)
    if d is None:
        shown = str(text) if len(str(text)) <= 40 else str(text)[:20] + "…"
        why = decimal_out_of_bounds(text)
        plain = ascii_number(text)
        if plain:
            ctx.add(ERROR, path, "number_digits", value=shown, plain=plain)
        elif why == "too_large":
            ctx.add(ERROR, path, "number_out_of_range", value=shown, digits=MAX_DIGITS)
        elif why == "too_precise":
            ctx.add(ERROR, path, "number_too_precise", value=shown, places=MAX_DECIMAL_PLACES)
        else:
            ctx.add(ERROR, path, "not_a_number", value=shown, example=example)
    elif d and d.adjusted() >= MAX_DIGITS:
        ctx.add(ERROR, path, "number_out_of_range", value=str(text), digits=MAX_DIGITS)
        return None
    return d


def decimals(d: Decimal) -> int:
    exp = d.normalize().as_tuple().exponent
    return max(0, -exp) if isinstance(exp, int) else 0
