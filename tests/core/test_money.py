"""Money: ISO 4217 currencies, minor units, rounding and formatting."""

from __future__ import annotations

from decimal import Decimal

from shipdesk.core import money


def test_iso_currencies() -> None:
    assert money.is_currency("EUR") and money.is_currency("XDR") and money.is_currency("JPY")
    assert not money.is_currency("eur")
    assert not money.is_currency("EURO")
    assert not money.is_currency("ABC")
    assert not money.is_currency(None)


def test_minor_units_and_rounding() -> None:
    assert money.minor_digits("EUR") == 2
    assert money.minor_digits("JPY") == 0
    assert money.minor_digits("KWD") == 3
    assert money.round_money(Decimal("2.345"), "EUR") == Decimal("2.35")
    assert money.round_money(Decimal("1234.5"), "JPY") == Decimal("1235")
    assert money.format_money(Decimal("1234.5"), "EUR") == "1,234.50 EUR"
    assert money.format_money(Decimal("300"), "XDR") == "300.00 SDR"
