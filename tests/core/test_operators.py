"""Operator profiles and the CN 22 / CN 23 choice made against them."""

from __future__ import annotations

import tomllib
from datetime import date
from decimal import Decimal

import pytest

from shipdesk.core import operators
from shipdesk.core.errors import DataError, InputError
from shipdesk.core.model import Declaration, Item
from shipdesk.core.paths import resource
from shipdesk.core.rates import convert
from shipdesk.core.validation import form_choice

# id -> (limit, currency, letter max kg, languages that must be accepted, country)
EXPECTED = {
    "upu": ("300", "XDR", "2", {"en", "fr"}, ""),
    "royal_mail": ("270", "GBP", "2", {"en"}, "GB"),
    "usps": ("400", "USD", "1.814", {"en"}, "US"),
    "deutsche_post": ("350", "EUR", "2", {"de", "en"}, "DE"),
    "la_poste": ("300", "XDR", "2", {"fr"}, "FR"),
    "swiss_post": ("1000", "CHF", "2", {"de", "fr", "it"}, "CH"),
    "canada_post": ("300", "XDR", "2", {"en", "fr"}, "CA"),
    "australia_post": ("300", "XDR", "2", {"en"}, "AU"),
    "postnl": ("300", "XDR", "2", {"nl", "en"}, "NL"),
    "japan_post": ("300", "XDR", "2", {"en", "fr"}, "JP"),
    "austrian_post": ("300", "XDR", "2", {"de"}, "AT"),
}


def decl_worth(amount: str, currency: str, gross: str = "0.5", form: str = "auto") -> Declaration:
    return Declaration(
        form=form,
        currency=currency,
        items=[
            Item(description="ceramic coffee mugs", quantity="1", net_weight_kg="0.3", value=amount)
        ],
        gross_weight_kg=gross,
        date="2025-10-21",
    )


def test_at_least_ten_profiles_all_listed_here() -> None:
    profiles = operators.load_profiles()
    assert len(profiles) >= 10
    assert set(profiles) == set(EXPECTED)


@pytest.mark.parametrize("pid", sorted(EXPECTED))
def test_profile(pid: str) -> None:
    """Each profile: its published figures, its dates and sources, and its form choice."""
    limit, ccy, kg, langs, country = EXPECTED[pid]
    p = operators.get_profile(pid)
    assert p.id == pid and p.name
    assert p.cn22_limit == Decimal(limit)
    assert p.cn22_limit_currency == ccy
    assert p.letter_max_kg == Decimal(kg)
    assert langs <= set(p.languages)
    assert p.country == country
    assert p.copies_cn22 >= 1 and p.copies_cn23 >= 1 and p.copies_invoice >= 1
    date.fromisoformat(p.valid_from)
    date.fromisoformat(p.checked)
    assert len(p.source) > 20 and len(p.notes) > 20
    # Just below the limit (in the limit's own currency, no conversion): CN 22 ...
    cur = "EUR" if ccy == "XDR" else ccy
    below = convert(p.cn22_limit, ccy, cur, on=date(2025, 10, 21)).amount - Decimal("1")
    assert operators.choose_form(decl_worth(f"{below:.2f}", cur), p) == "cn22"
    # ... just above: CN 23; over the letter-post weight: CN 23 too.
    above = convert(p.cn22_limit, ccy, cur, on=date(2025, 10, 21)).amount + Decimal("1")
    assert operators.choose_form(decl_worth(f"{above:.2f}", cur), p) == "cn23"
    heavy = str(p.letter_max_kg + Decimal("0.001"))
    assert operators.choose_form(decl_worth("10", cur, gross=heavy), p) == "cn23"


def test_profile_files_named_by_id() -> None:
    for path in sorted(resource("operators").glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        assert data["id"] == path.stem


def test_profile_version_is_dated() -> None:
    v = operators.profiles_version()
    date.fromisoformat(v.split()[0])
    assert f"({len(EXPECTED)} operators)" in v


def test_get_profile_default_and_setting(workspace) -> None:
    from shipdesk.core.services import declarations, records

    assert operators.get_profile(None).id == "upu"
    assert declarations.profile(workspace).id == "upu"
    records.update_settings(workspace, operator="royal_mail")
    assert declarations.profile(workspace).id == "royal_mail"
    assert operators.get_profile(None).id == "upu"  # the profiles read no settings
    # a stale setting falls back to the default
    records.update_settings(workspace, operator="gone_operator")
    assert declarations.profile(workspace).id == "upu"


def test_unknown_operator_is_input_error() -> None:
    with pytest.raises(InputError, match="unknown operator 'nope'"):
        operators.get_profile("nope")


def test_royal_mail_converts_euro_value_to_pounds() -> None:
    p = operators.get_profile("royal_mail")
    # 300 EUR is about 261 GBP (rates of 2025-10-20): within GBP 270.
    d = operators.decide(decl_worth("300", "EUR"), p)
    assert d.form == "cn22"
    assert d.conversion is not None and d.conversion.rate_date == date(2025, 10, 20)
    assert Decimal("255") < d.value_in_limit_ccy < Decimal("265")
    assert operators.choose_form(decl_worth("320", "EUR"), p) == "cn23"


def test_forced_forms() -> None:
    p = operators.get_profile("upu")
    assert operators.choose_form(decl_worth("10", "EUR", form="cn23"), p) == "cn23"
    cheap = decl_worth("10", "EUR", form="cn22")
    assert operators.choose_form(cheap, p) == "cn22"
    assert form_choice.form_problems(cheap, p) == []
    dear = decl_worth("5000", "EUR", form="cn22")
    assert operators.choose_form(dear, p) == "cn22"
    (prob,) = form_choice.form_problems(dear, p)
    assert (prob.level, prob.field, prob.code) == ("error", "form", "cn22_over_limit")
    heavy = decl_worth("10", "EUR", gross="2.5", form="cn22")
    codes = [(x.field, x.code) for x in form_choice.form_problems(heavy, p)]
    assert codes == [("gross_weight_kg", "cn22_over_weight")]


def test_near_limit_warning() -> None:
    p = operators.get_profile("swiss_post")
    near = form_choice.form_problems(decl_worth("950", "CHF"), p)
    assert [(x.level, x.code) for x in near] == [("warning", "cn22_near_limit")]
    assert "CHF 1,000" not in near[0].message and "1,000 CHF" in near[0].message
    assert form_choice.form_problems(decl_worth("500", "CHF"), p) == []


def test_unconvertible_currency_goes_to_cn23_and_says_why() -> None:
    p = operators.get_profile("upu")
    d = decl_worth("10", "MNT")  # no shipped rate for the tugrik
    assert operators.choose_form(d, p) == "cn23"
    assert [x.code for x in form_choice.form_problems(d, p)] == ["cn22_value_unknown"]
    d.form = "cn22"
    assert [(x.level, x.code) for x in form_choice.form_problems(d, p)] == [
        ("error", "cn22_value_unknown")
    ]


def test_blank_items_do_not_count() -> None:
    d = decl_worth("100", "EUR")
    d.items.append(Item())
    assert operators.choose_form(d, "upu") == "cn22"


@pytest.mark.parametrize(
    ("patch", "message"),
    [
        ({"format": "x"}, "format must be"),
        ({"cn22": {"limit": "abc", "currency": "EUR", "letter_max_kg": "2"}}, "cn22.limit"),
        ({"cn22": {"limit": "300", "currency": "EURO", "letter_max_kg": "2"}}, "ISO 4217"),
        ({"cn22": {"limit": "300", "currency": "EUR", "letter_max_kg": "-1"}}, "letter_max_kg"),
        ({"copies": {"cn22": 1, "cn23": "one", "invoice": 2}}, "copies.cn23"),
        ({"valid_from": "yesterday"}, "Invalid isoformat"),
        ({"languages": "en"}, "languages"),
    ],
)
def test_broken_profile_names_file_and_key(patch: dict, message: str) -> None:
    data = tomllib.loads(resource("operators", "upu.toml").read_text(encoding="utf-8"))
    data.update(patch)
    with pytest.raises(DataError, match=message) as exc:
        operators.parse_profile(data, "upu.toml")
    assert "upu.toml" in str(exc.value)


def test_missing_key_is_named() -> None:
    data = tomllib.loads(resource("operators", "upu.toml").read_text(encoding="utf-8"))
    del data["source"]
    with pytest.raises(DataError, match="missing key 'source'"):
        operators.parse_profile(data, "upu.toml")


def test_usps_cn23_prints_the_copies_usps_asks_for():
    """USPS PMI online label: three CN 23 copies go into the PS 2976-E pouch, the sender keeps
    the fourth."""
    from shipdesk.core.documents import render
    from tests.core.test_documents import page_texts, sample

    prof = operators.get_profile("usps")
    assert prof.copies_cn23 == 4
    pages = page_texts(render(sample("basic"), form="cn23", operator=prof))
    assert len(pages) == 4
    assert all("Copy" in p or "copy" in p.lower() for p in pages)
