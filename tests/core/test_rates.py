"""Rates: dated SDR / euro tables, the user's rates over the shipped ones, conversions."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from shipdesk.core import rates
from shipdesk.core.errors import InputError
from shipdesk.core.services import Workspace, data


def test_same_currency_needs_no_rate() -> None:
    c = rates.convert(Decimal("12.50"), "EUR", "EUR")
    assert c.amount == Decimal("12.50") and c.rate == 1 and c.rate_date is None


def test_sdr_to_uses_shipped_imf_rates_with_date() -> None:
    c = rates.sdr_to("JPY", on=date(2025, 11, 1))
    assert c.rate == Decimal("206.163")
    assert c.rate_date == date(2025, 10, 20)
    assert "IMF" in c.source
    # the newest table (22 Dec 2025) has USD
    c = rates.sdr_to("USD")
    assert c.rate == Decimal("1.3672") and c.rate_date == date(2025, 12, 22)


def test_convert_shows_rate_and_date() -> None:
    c = rates.convert(Decimal("100"), "EUR", "USD", on=date(2025, 10, 20))
    assert c.rate == Decimal("1.16549")
    assert c.amount == Decimal("116.549")
    assert c.rate_date == date(2025, 10, 20)
    text = c.describe()
    assert "1 EUR = 1.16549 USD" in text and "2025-10-20" in text


def test_cross_rate_through_the_euro() -> None:
    c = rates.convert(Decimal("100"), "GBP", "USD", on=date(2025, 10, 20))
    assert abs(c.amount - Decimal("134.10")) < Decimal("0.05")  # 1.36568 / 1.01841


def test_sdr_conversion_both_ways() -> None:
    there = rates.convert(Decimal("300"), "XDR", "EUR", on=date(2025, 10, 20))
    assert there.amount == Decimal("351.528")
    back = rates.convert(there.amount, "EUR", "XDR", on=date(2025, 10, 20))
    assert abs(back.amount - Decimal("300")) < Decimal("0.0001")


def test_unknown_pair_and_bad_codes() -> None:
    with pytest.raises(rates.RateUnavailable, match="MNT"):
        rates.convert(Decimal(1), "MNT", "EUR")
    with pytest.raises(InputError, match="ISO 4217"):
        rates.convert(Decimal(1), "EURO", "USD")


def rates_file(ws: Workspace) -> Path:
    return Path(data.rates_location(ws))


def test_user_rates_win_over_shipped_for_the_same_date(workspace: Workspace) -> None:
    day = date(2025, 10, 20)
    data.set_rates(workspace, "eur", {"USD": "1.20"}, on=day)
    c = data.convert(workspace, Decimal(10), "EUR", "USD", on=day)
    assert c.rate == Decimal("1.20") and c.source == "entered by the user"
    # other currencies of that date still come from the shipped table
    assert data.convert(workspace, Decimal(1), "EUR", "GBP", on=day).rate == Decimal("0.869128")
    data.remove_rates(workspace, "eur", day)
    assert data.convert(workspace, Decimal(10), "EUR", "USD", on=day).rate == Decimal("1.16549")


def test_user_rates_newer_date_used_by_default(workspace: Workspace) -> None:
    data.set_rates(workspace, "eur", {"MNT": "3900"}, on=date(2026, 11, 1))
    c = data.convert(workspace, Decimal(2), "EUR", "MNT")
    assert c.amount == Decimal("7800") and c.rate_date == date(2026, 11, 1)
    stored = json.loads(rates_file(workspace).read_text(encoding="utf-8"))
    assert stored["eur"]["2026-11-01"]["rates"]["MNT"] == "3900"


@pytest.mark.parametrize(
    ("entered", "message"),
    [
        ({"usd": "x"}, "not a number"),
        ({"USD": "-1"}, "greater than zero"),
        ({"EURO": "1"}, "ISO 4217"),
        ({"EUR": "1"}, "base"),
    ],
)
def test_set_rates_rejects_bad_input(entered: dict, message: str, workspace: Workspace) -> None:
    with pytest.raises(InputError, match=message):
        data.set_rates(workspace, "eur", entered, on=date(2026, 1, 1))


def test_broken_user_table_names_the_file(workspace: Workspace) -> None:
    rates_file(workspace).write_text("{not json", encoding="utf-8")
    workspace.refresh()
    with pytest.raises(InputError, match=r"rates\.json"):
        data.convert(workspace, Decimal(1), "EUR", "USD")


def test_hand_edited_zero_rate_is_reported(workspace: Workspace) -> None:
    rates_file(workspace).write_text(
        '{"eur": {"2026-01-01": {"rates": {"USD": "0"}}}}', encoding="utf-8"
    )
    workspace.refresh()
    with pytest.raises(InputError, match=r"rates\.json:eur: rate '0' for USD"):
        data.convert(workspace, Decimal(1), "EUR", "USD")
    for broken in ('{"eur": [1]}', '{"eur": {"2026-01-01": 5}}', '{"eur": {"x": {}}}'):
        rates_file(workspace).write_text(broken, encoding="utf-8")
        workspace.refresh()
        with pytest.raises(InputError, match=r"rates\.json:eur"):
            data.convert(workspace, Decimal(1), "EUR", "USD")
    rates_file(workspace).write_text('{"eur": [1]}', encoding="utf-8")
    workspace.refresh()
    with pytest.raises(InputError, match=r"rates\.json:eur"):
        data.set_rates(workspace, "eur", {"USD": "1.1"})


def test_rates_info(workspace: Workspace) -> None:
    info = data.rates_info(workspace)
    assert info["sdr"]["base"] == "XDR" and info["sdr"]["newest"] == "2025-12-22"
    assert info["eur"]["newest"] == "2025-10-20" and "USD" in info["eur"]["currencies"]
    assert info["eur"]["user_dates"] == 0


def test_convert_reads_no_file_and_uses_the_rate_book_handed_in(workspace: Workspace) -> None:
    rates_file(workspace).write_text("{not json", encoding="utf-8")  # never opened by convert
    day = date(2025, 10, 20)
    assert rates.convert(Decimal(10), "EUR", "USD", on=day).rate == Decimal("1.16549")
    mine = rates.RateBook({"eur": {day: {"USD": (Decimal("1.20"), "mine")}}})
    c = rates.convert(Decimal(10), "EUR", "USD", on=day, rates=mine)
    assert (c.rate, c.source) == (Decimal("1.20"), "mine")
