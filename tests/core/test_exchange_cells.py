"""Cell values as shop exports write them: numbers, currencies, dates, countries, HS codes,
weights."""

from __future__ import annotations

from decimal import Decimal

import pytest

from shipdesk.core.exchange.cells import (
    CellError,
    NumberStyle,
    kg_text,
    parse_country,
    parse_date,
    parse_hs,
    parse_number,
)


@pytest.mark.parametrize(
    ("text", "expected", "currency"),
    [
        ("12.50", "12.50", ""),
        ("12,50", "12.50", ""),
        ("1.234,56", "1234.56", ""),
        ("1,234.56", "1234.56", ""),
        ("1 234,56", "1234.56", ""),
        ("1'234.50", "1234.50", ""),
        ("$12.99", "12.99", "USD"),
        ("€ 9,90", "9.90", "EUR"),
        ("EUR 12,99", "12.99", "EUR"),
        ("12.99 GBP", "12.99", "GBP"),
        ("0,350", "0.350", ""),
        ("1,234,567", "1234567", ""),
        ("(5.00)", "-5.00", ""),
    ],
)
def test_parse_number(text: str, expected: str, currency: str) -> None:
    value, cur = parse_number(text)
    assert value == Decimal(expected)
    assert cur == currency


def test_ambiguous_thousands_follow_the_file() -> None:
    style = NumberStyle()
    assert parse_number("1,234", style)[0] == Decimal(1234)  # nothing known: dot decimals
    style = NumberStyle()
    parse_number("12,50", style)  # the file uses comma decimals
    assert parse_number("1,234", style)[0] == Decimal("1.234")
    assert parse_number("1.234", NumberStyle(decimal=","))[0] == Decimal(1234)
    assert parse_number("1,234", NumberStyle(fallback=","))[0] == Decimal("1.234")


@pytest.mark.parametrize("bad", ["two", "12.50.3x", "1,23,4", "", "--5"])
def test_parse_number_rejects(bad: str) -> None:
    with pytest.raises(CellError):
        parse_number(bad)


def test_float_cells_lose_binary_noise() -> None:
    assert parse_number(0.1 + 0.2)[0] == Decimal("0.3")
    assert parse_number(25)[0] == Decimal(25)


@pytest.mark.parametrize(
    ("text", "order", "iso"),
    [
        ("2026-11-27", "dmy", "2026-11-27"),
        ("2026-11-20 09:14:03 +0100", "dmy", "2026-11-20"),
        ("2026-11-26T08:15:42+00:00", "dmy", "2026-11-26"),
        ("27.11.2026", "dmy", "2026-11-27"),
        ("11/27/26", "mdy", "2026-11-27"),
        ("11/27/26", "dmy", "2026-11-27"),  # 27 cannot be a month
        ("03/04/2026", "mdy", "2026-03-04"),
        ("03/04/2026", "dmy", "2026-04-03"),
        ("Nov-24-26", "mdy", "2026-11-24"),
        ("25 Nov 2026", "dmy", "2026-11-25"),
    ],
)
def test_parse_date(text: str, order: str, iso: str) -> None:
    assert parse_date(text, order) == iso


def test_parse_date_rejects() -> None:
    for bad in ("31.02.2026", "tomorrow", "2026-13-01"):
        with pytest.raises(CellError):
            parse_date(bad)


def test_countries() -> None:
    assert parse_country("United States") == "US"
    assert parse_country("united kingdom") == "GB"
    assert parse_country("UK") == "GB"
    assert parse_country("deu") == "DE"
    assert parse_country("Deutschland") == "DE"
    assert parse_country("ch") == "CH"
    with pytest.raises(CellError, match="unknown country"):
        parse_country("Atlantis")
    with pytest.raises(CellError):
        parse_country("QQ")


def test_hs_codes() -> None:
    assert parse_hs("6109.10") == "610910"
    assert parse_hs("0901 21") == "090121"
    assert parse_hs(90411) == "090411"  # a number cell dropped the leading zero
    assert parse_hs("6109100010") == "6109100010"
    with pytest.raises(CellError):
        parse_hs("61A910")


def test_weights() -> None:
    assert kg_text(Decimal(250), "g") == "0.25"
    assert kg_text(Decimal(1), "lb") == "0.454"
    assert kg_text(Decimal("0.2"), "g") == "0.001"  # never rounded down to nothing
