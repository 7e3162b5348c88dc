"""Money: Decimal amounts, ISO 4217 currencies, rounding to a currency's minor unit, formatting.

Converting between currencies needs the dated rate tables and lives with them in
:mod:`shipdesk.core.rates`; the euro reference-rate files of the ECB are read by
:mod:`shipdesk.core.ecb_rates`.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from functools import lru_cache

import pycountry

from shipdesk.core.errors import InputError

SDR = "XDR"
EUR = "EUR"


@lru_cache(maxsize=1)
def _iso_currencies() -> frozenset[str]:
    return frozenset(c.alpha_3 for c in pycountry.currencies)


def is_currency(code: object) -> bool:
    """True for an ISO 4217 alphabetic code written in capitals (``"EUR"``, ``"XDR"``)."""
    return isinstance(code, str) and len(code) == 3 and code in _iso_currencies()


def currency_name(code: str) -> str:
    c = pycountry.currencies.get(alpha_3=code.upper())
    return c.name if c else code


def minor_digits(code: str) -> int:
    """Decimal places of the currency (2 for EUR, 0 for JPY, 3 for KWD)."""
    if code == SDR:
        return 2
    # babel: its number data is needed only when an amount is rounded or printed, not at start-up
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


def unit_label(code: str) -> str:
    return "SDR" if code == SDR else code


def format_money(amount: Decimal, code: str) -> str:
    """``1,234.50 EUR``: grouped, rounded to the minor unit, code after the figure."""
    r = round_money(amount, code)
    return f"{r:,.{minor_digits(code)}f} {unit_label(code)}"


def format_money_both(amount: Decimal, code: str, local: Decimal, local_code: str) -> str:
    """``10.00 EUR (11.65 USD)``: an amount with its value in a second currency, or alone when
    both currencies are the same."""
    text = format_money(amount, code)
    return text if code == local_code else f"{text} ({format_money(local, local_code)})"


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
