"""Validation rules, each with good and bad examples, checked by (level, field path, code)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from shipdesk.core.model import Declaration, Item, Party
from shipdesk.core.validation import Problem, ValidationResult, validate
from shipdesk.core.validation.problem_texts import MESSAGES


def sender_de() -> Party:
    return Party(
        name="Anna Schmidt",
        street="Hauptstraße 12",
        city="Berlin",
        postcode="10115",
        country="DE",
        phone="+49 30 1234567",
        email="anna@example.de",
    )


def recipient_us() -> Party:
    return Party(
        name="John Miller",
        street="1600 Amphitheatre Pkwy",
        city="Mountain View",
        postcode="94043",
        region="CA",
        country="US",
        phone="+1 650 253 0000",
    )


def item(**kw: str) -> Item:
    base = dict(
        description="Women's T-shirt, 100% cotton, knitted",
        quantity="2",
        net_weight_kg="0.300",
        value="25.00",
        hs_code="610910",
        origin_country="PT",
    )
    base.update(kw)
    return Item(**base)


def good(**kw: object) -> Declaration:
    """A clean CN 22 declaration: a sale from Germany to the US worth EUR 25."""
    d = Declaration(
        category="sale_of_goods",
        currency="EUR",
        sender=sender_de(),
        recipient=recipient_us(),
        items=[item()],
        gross_weight_kg="0.450",
        postal_charges="12.50",
        item_id="RR473124829DE",
        invoice_number="INV-1",
        date="2026-11-27",
    )
    for k, v in kw.items():
        setattr(d, k, v)
    return d


def found(r: ValidationResult) -> set[tuple[str, str, str]]:
    return {(p.level, p.field, p.code) for p in r.problems}


def check(d: Declaration, operator: str = "upu") -> set[tuple[str, str, str]]:
    return found(validate(d, operator=operator))


# -- result shape ------------------------------------------------------------------------
def test_clean_declaration_has_no_problems() -> None:
    r = validate(good(), operator="upu")
    assert r.problems == [] and r.form == "cn22" and not r.has_errors


def test_clean_cn23_declaration_has_no_problems() -> None:
    d = good(items=[item(value="900.00")])
    r = validate(d, operator="upu")
    assert r.form == "cn23" and r.problems == []


def test_result_json_shape() -> None:
    d = good(gross_weight_kg="0.1")
    r = validate(d, operator="upu")
    j = r.to_json()
    assert set(j) == {"form", "problems"} and j["form"] == "cn22"
    assert j["problems"] == [
        {
            "level": "error",
            "field": "gross_weight_kg",
            "code": "gross_below_net",
            "message": j["problems"][0]["message"],
        }
    ]
    assert r.errors and not r.warnings and r.has_errors
    assert r.by_field()["gross_weight_kg"][0].code == "gross_below_net"
    assert r.for_field("gross_weight_kg") == r.errors


def test_for_field_covers_children() -> None:
    d = good(items=[item(description="Gift", quantity="0")])
    r = validate(d, operator="upu")
    assert {p.field for p in r.for_field("items[0]")} == {
        "items[0].description",
        "items[0].quantity",
    }


def test_message_table_matches_the_rules() -> None:
    """Every code the rules raise has a message, and no message is left unused."""
    import re
    from pathlib import Path

    import shipdesk.core.validation.checks as checks_pkg
    import shipdesk.core.validation.form_choice as forms_mod

    sources = [*sorted(Path(checks_pkg.__file__).parent.glob("*.py")), Path(forms_mod.__file__)]
    src = "\n".join(
        line
        for p in sources
        for line in p.read_text(encoding="utf-8").splitlines()
        if not line.startswith(("from ", "import "))  # "import ERROR, WARNING" is no rule
    )
    used = set(
        re.findall(
            r"(?:ERROR|WARNING|level|\"error\"|\"warning\"),\s*[^,]+,\s*\"([a-z0-9_]+)\"", src
        )
    )
    assert used, "no codes found"
    assert used <= set(MESSAGES), used - set(MESSAGES)
    assert set(MESSAGES) <= used, set(MESSAGES) - used


@pytest.mark.parametrize(
    ("path", "label"),
    [
        ("items[2].description", "Item 3 – description"),
        ("items[0].hs_code", "Item 1 – HS code"),
        ("recipient.postcode", "Recipient – postcode"),
        ("sender.tax_id", "Sender – tax / customs number"),
        ("gross_weight_kg", "Gross weight (kg)"),
        ("items", "Items"),
        ("item_id", "Item number (S10)"),
        ("licence_numbers[1]", "Licence number 2"),
        ("some_new_key", "Some_new_key"),
        ("", ""),
    ],
)
def test_field_labels(path: str, label: str) -> None:
    from shipdesk.core.validation import field_label

    assert field_label(path) == label


def test_field_labels_in_another_language() -> None:
    from shipdesk.core import i18n
    from shipdesk.core.validation import field_label

    assert field_label("items[2].description", "de") == "Ware 3 – Beschreibung"
    assert field_label("recipient.postcode", "fr") == "Destinataire – code postal"
    try:
        i18n.set_language("de")
        assert field_label("gross_weight_kg") == "Bruttogewicht (kg)"
        assert field_label("some_new_key") == "Some_new_key"
    finally:
        i18n.set_language("en")


def test_every_problem_field_has_a_label() -> None:
    from shipdesk.core.validation import field_label

    d = good(
        form="cn22",
        category="other",
        currency="",
        items=[item(description="Gift", quantity="x", hs_code="1", origin_country="UK")],
        gross_weight_kg="",
        item_id="X",
        ioss_number="IM1",
        date="x",
        postal_charges="-1",
    )
    d.sender.phone = "1"
    d.recipient.postcode = "1"
    for p in validate(d, operator="upu").problems:
        label = field_label(p.field)
        assert "_" not in label and label[:1].isupper(), (p.field, label)


def test_problem_is_plain_data() -> None:
    p = Problem("warning", "items", "x", "y")
    assert p.to_dict() == {"level": "warning", "field": "items", "code": "x", "message": "y"}


# -- items and required fields -----------------------------------------------------------
def test_blank_trailing_items_are_ignored_and_paths_keep_file_positions() -> None:
    d = good(items=[Item(), item(), Item(quantity="1")])
    assert check(d) == set()
    d.items[1].description = ""
    assert ("error", "items[1].description", "required") in check(d)


def test_no_items() -> None:
    assert ("error", "items", "items_missing") in check(good(items=[Item()]))


def test_required_item_fields() -> None:
    d = good(items=[item(quantity="", net_weight_kg="", value="")])
    got = check(d)
    for f in ("quantity", "net_weight_kg", "value"):
        assert ("error", f"items[0].{f}", "required") in got


def test_sender_address_strict_on_cn23_only() -> None:
    s = sender_de()
    s.street = ""
    assert ("warning", "sender.street", "required_recommended") in check(good(sender=s))
    s2 = sender_de()
    s2.street = ""
    d = good(sender=s2, items=[item(value="900")])
    assert ("error", "sender.street", "required") in check(d)


def test_recipient_required_on_every_form() -> None:
    r = recipient_us()
    r.name = ""
    r.city = ""
    got = check(good(recipient=r))
    assert ("error", "recipient.name", "required") in got
    assert ("error", "recipient.city", "required") in got


@pytest.mark.parametrize("value", ["N/A", "unknown", "-", "private"])
def test_party_placeholders(value: str) -> None:
    r = recipient_us()
    r.name = value
    assert ("error", "recipient.name", "party_placeholder") in check(good(recipient=r))


def test_hs_and_origin_required_for_commercial_cn23() -> None:
    d = good(items=[item(value="900", hs_code="", origin_country="")])
    got = check(d)
    assert ("error", "items[0].hs_code", "hs_missing") in got
    assert ("error", "items[0].origin_country", "origin_missing") in got
    d = good(items=[item(hs_code="", origin_country="")])  # CN 22: recommended only
    got = check(d)
    assert ("warning", "items[0].hs_code", "hs_missing_recommended") in got
    # to the US the recommendation is the duty rules' own warning (origin decides the duty)
    assert ("warning", "items[0].origin_country", "us_origin_needed") in got
    assert ("warning", "items[0].origin_country", "origin_missing_recommended") not in got
    d = good(category="gift", invoice_number="", items=[item(value="900", hs_code="")])
    assert ("warning", "items[0].hs_code", "hs_missing_recommended") in check(d)


def test_cn23_recommendations() -> None:
    r = recipient_us()
    r.phone = ""
    d = good(recipient=r, items=[item(value="900")], invoice_number="", postal_charges="")
    got = check(d)
    assert ("warning", "recipient.phone", "phone_missing") in got
    assert ("warning", "invoice_number", "invoice_number_missing") in got
    assert ("warning", "postal_charges", "required_recommended") in got
    assert not any(level == "error" for level, _, _ in got)


# -- numbers -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("quantity", "1.5", "quantity_not_whole"),
        ("quantity", "0", "must_be_positive"),
        ("quantity", "two", "not_a_number"),
        ("net_weight_kg", "0", "must_be_positive"),
        ("net_weight_kg", "-0.1", "must_be_positive"),
        ("net_weight_kg", "0.3kg", "not_a_number"),
        ("value", "0", "must_be_positive"),
        ("value", "-5", "must_be_positive"),
        ("value", "€25", "not_a_number"),
        ("value", "1e999", "number_out_of_range"),
        ("net_weight_kg", "9999999999999", "number_out_of_range"),
        ("quantity", "NaN", "not_a_number"),
    ],
)
def test_bad_numbers(field: str, value: str, code: str) -> None:
    d = good(items=[item(**{field: value})])
    assert ("error", f"items[0].{field}", code) in check(d)


@pytest.mark.parametrize(
    ("field", "value"),
    [("quantity", "2"), ("quantity", "2.0"), ("net_weight_kg", "0,300"), ("value", "25")],
)
def test_good_numbers(field: str, value: str) -> None:
    assert check(good(items=[item(**{field: value})])) == set()


def test_precision_warnings() -> None:
    d = good(items=[item(net_weight_kg="0.3005", value="25.005")])
    got = check(d)
    assert ("warning", "items[0].net_weight_kg", "too_many_decimals_weight") in got
    assert ("warning", "items[0].value", "too_many_decimals_value") in got
    d = good(currency="JPY", items=[item(value="3000.5")])
    assert ("warning", "items[0].value", "too_many_decimals_value") in check(d)
    assert check(good(currency="JPY", items=[item(value="3000")])) == set()


def test_documents_may_have_zero_value() -> None:
    d = good(
        category="documents",
        invoice_number="",
        items=[item(description="Signed sales contract, paper", value="0", hs_code="")],
    )
    assert check(d) == set()


def test_gross_weight_rules() -> None:
    assert ("error", "gross_weight_kg", "gross_below_net") in check(good(gross_weight_kg="0.2"))
    assert ("warning", "gross_weight_kg", "gross_equals_net") in check(good(gross_weight_kg="0.3"))
    assert ("error", "gross_weight_kg", "required") in check(good(gross_weight_kg=""))
    assert ("error", "gross_weight_kg", "must_be_positive") in check(good(gross_weight_kg="0"))
    assert ("error", "gross_weight_kg", "not_a_number") in check(good(gross_weight_kg="heavy"))


def test_total_must_equal_sum_of_lines() -> None:
    d = good(items=[item(value="25.00"), item(value="10.00", hs_code="611710")])
    d.gross_weight_kg = "0.8"
    d.extra["total_value"] = "35.00"
    assert check(d) == set()
    d.extra["total_value"] = "30.00"
    assert ("error", "total_value", "total_mismatch") in check(d)


def test_line_value_is_quantity_times_unit_value() -> None:
    d = good(items=[item(quantity="2", value="25.00")])
    d.items[0].extra["unit_value"] = "12.50"
    assert check(d) == set()
    d.items[0].extra["unit_value"] = "25.00"
    assert ("error", "items[0].value", "line_total_mismatch") in check(d)


def test_postal_charges() -> None:
    assert ("error", "postal_charges", "must_not_be_negative") in check(good(postal_charges="-1"))
    assert ("error", "postal_charges", "not_a_number") in check(good(postal_charges="free"))


# -- header fields -----------------------------------------------------------------------
def test_currency() -> None:
    assert ("error", "currency", "currency_invalid") in check(good(currency="EURO"))
    assert ("error", "currency", "required") in check(good(currency=""))
    assert check(good(currency="USD")) == set()


def test_enums_and_date() -> None:
    assert ("error", "category", "category_unknown") in check(good(category="sale"))
    assert ("error", "non_delivery", "non_delivery_unknown") in check(good(non_delivery="burn"))
    assert ("error", "form", "form_unknown") in check(good(form="cn24"))
    assert check(good(form="CN23")) == set()
    assert validate(good(form="CN23"), operator="upu").form == "cn23"
    assert ("error", "date", "date_invalid") in check(good(date="27/11/2026"))


# -- HS codes and origin -----------------------------------------------------------------
@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("610910", None),
        ("6109100010", None),  # national 10 digits on an existing subheading
        ("6109.10", ("warning", "hs_dots")),
        # read as the spreadsheet import and the tariff read it, not rejected
        ("6109-10", ("warning", "hs_dots")),
        ("61091", ("error", "hs_format")),
        ("6109100", ("error", "hs_format")),
        ("61091A", ("error", "hs_format")),
        ("12345678901", ("error", "hs_format")),
        ("123456", ("error", "hs_unknown")),
        ("12345678", ("error", "hs_national_unknown_heading")),
        ("61091000", ("warning", "hs_padded")),
        ("990000", ("error", "hs_unspecified")),
    ],
)
def test_hs_codes(code: str, expected: tuple[str, str] | None) -> None:
    got = {
        (lvl, c) for lvl, f, c in check(good(items=[item(hs_code=code)])) if f.endswith("hs_code")
    }
    assert got == (set() if expected is None else {expected})


def test_documents_category_is_for_papers_only() -> None:
    d = good(category="documents", items=[item(value="25")])
    got = check(d)
    assert ("error", "items[0].hs_code", "hs_documents") in got
    assert ("warning", "category", "documents_with_value") in got
    d.items[0].hs_code = "490199"
    d.items[0].description = "Printed brochures about our products"
    assert ("error", "items[0].hs_code", "hs_documents") not in check(d)


@pytest.mark.parametrize(
    ("origin", "code"),
    [
        ("UK", "country_alias"),
        ("CHN", "country_alias"),
        ("XX", "country_invalid"),
        ("pt", "country_lowercase"),
    ],
)
def test_origin_country(origin: str, code: str) -> None:
    r = validate(good(items=[item(origin_country=origin)]), operator="upu")
    (p,) = [p for p in r.problems if p.field == "items[0].origin_country"]
    assert (p.level, p.code) == ("error", code)
    if origin == "UK":
        assert "GB" in p.message
    if origin == "CHN":
        assert "CN" in p.message


def test_party_country() -> None:
    r = recipient_us()
    r.country = "USA"
    assert ("error", "recipient.country", "country_alias") in check(good(recipient=r))


# -- category rules ----------------------------------------------------------------------
def test_other_needs_explanation() -> None:
    d = good(category="other", invoice_number="")
    assert ("error", "category_explanation", "other_needs_explanation") in check(d)
    d.category_explanation = "Repair and return"
    assert check(d) == set()


def test_a_sale_is_not_a_gift() -> None:
    d = good(category="gift", invoice_number="INV-1")
    assert ("warning", "category", "gift_with_invoice") in check(d)
    d = good(category="gift", invoice_number="", ioss_number="IM2760000001")
    d.recipient = Party(
        name="Marie Curie", street="1 rue de Rivoli", city="Paris", postcode="75001", country="FR"
    )
    assert ("error", "category", "gift_with_ioss") in check(d)
    s = sender_de()
    s.company = "Schmidt GmbH"
    assert ("warning", "category", "gift_from_company") in check(
        good(category="gift", invoice_number="", sender=s)
    )
    assert check(good(category="gift", invoice_number="")) == set()


def test_returned_goods_reference() -> None:
    d = good(category="returned_goods", invoice_number="", items=[item(value="900")])
    assert ("warning", "invoice_number", "returned_goods_reference") in check(d)


# -- parties: addresses, phones, tax ids -------------------------------------------------
def test_postcodes_per_country() -> None:
    r = recipient_us()
    r.postcode = "1234"
    assert ("error", "recipient.postcode", "postcode_invalid") in check(good(recipient=r))
    r.postcode = "94043-1351"
    assert check(good(recipient=r)) == set()
    s = sender_de()
    s.postcode = "1011"
    assert ("warning", "sender.postcode", "postcode_invalid") in check(good(sender=s))
    assert ("error", "sender.postcode", "postcode_invalid") in check(
        good(sender=s, items=[item(value="900")])
    )


def test_required_address_fields_per_country() -> None:
    r = recipient_us()
    r.region = ""
    r.postcode = ""
    got = check(good(recipient=r))
    assert ("error", "recipient.region", "address_required") in got
    assert ("error", "recipient.postcode", "address_required") in got
    hk = Party(
        name="Chan Tai Man",
        street="1 Queen's Road",
        city="Hong Kong",
        country="HK",
        region="Hong Kong Island",
        phone="+852 2123 4567",
    )
    assert not any(f == "recipient.postcode" for _, f, _ in check(good(recipient=hk)))


def test_region_unknown_is_a_warning() -> None:
    r = recipient_us()
    r.region = "Atlantis"
    assert ("warning", "recipient.region", "region_invalid") in check(good(recipient=r))


def test_phones() -> None:
    s = sender_de()
    s.phone = "030 1234567"
    r = validate(good(sender=s), operator="upu")
    (p,) = r.problems
    assert (p.level, p.field, p.code) == ("warning", "sender.phone", "phone_not_international")
    assert "+49 30 1234567" in p.message
    s.phone = "12"
    assert ("error", "sender.phone", "phone_invalid") in check(good(sender=s))


def test_email() -> None:
    s = sender_de()
    s.email = "anna at example"
    assert ("warning", "sender.email", "email_invalid") in check(good(sender=s))


@pytest.mark.parametrize(
    ("tax_id", "expected"),
    [
        ("DE136695976", None),
        ("DE123456789012345", None),  # EORI
        ("DE136695977", ("error", "tax_id_invalid")),
        ("GB1234", ("error", "eori_format")),
    ],
)
def test_sender_tax_id(tax_id: str, expected: tuple[str, str] | None) -> None:
    s = sender_de()
    s.tax_id = tax_id
    got = {(lvl, c) for lvl, f, c in check(good(sender=s)) if f == "sender.tax_id"}
    assert got == (set() if expected is None else {expected})


def test_recipient_tax_id_without_offline_check_is_a_warning() -> None:
    r = recipient_us()
    r.tax_id = "12-3456789"
    assert ("warning", "recipient.tax_id", "tax_id_unchecked") in check(good(recipient=r))


def test_importer_reference_is_checked_softly() -> None:
    br = Party(
        name="João Silva",
        street="Av. Paulista 1000",
        city="São Paulo",
        region="SP",
        postcode="01310-100",
        country="BR",
        phone="+55 11 3000 0000",
    )
    d = good(recipient=br, importer_reference="16.727.230/0001-97")
    assert check(d) == set()
    d.importer_reference = "16.727.230/0001-98"
    assert ("warning", "importer_reference", "tax_id_invalid") in check(d)


def test_same_country_and_eu_internal() -> None:
    r = Party(
        name="Max Muster", street="Marienplatz 1", city="München", postcode="80331", country="DE"
    )
    assert ("warning", "recipient.country", "party_same_country") in check(good(recipient=r))
    f = Party(
        name="Marie Curie", street="1 rue de Rivoli", city="Paris", postcode="75001", country="FR"
    )
    assert ("warning", "recipient.country", "eu_internal") in check(good(recipient=f))


# -- S10 ---------------------------------------------------------------------------------
def test_item_id() -> None:
    assert ("error", "item_id", "s10_check_digit") in check(good(item_id="RR473124828DE"))
    assert ("error", "item_id", "s10_format") in check(good(item_id="12345"))
    assert ("error", "item_id", "s10_country") in check(good(item_id="RR473124829ZZ"))
    assert ("warning", "item_id", "s10_other_country") in check(good(item_id="RR473124829GB"))
    assert check(good(item_id="")) == set()
    r = validate(good(item_id="RR473124828DE"), operator="upu")
    assert "should be 9, not 8" in r.errors[0].message


# -- IOSS, UK, thresholds ------------------------------------------------------------------
def to_france(**kw: object) -> Declaration:
    us = Party(
        name="Jane Roe",
        street="350 Fifth Avenue",
        city="New York",
        region="NY",
        postcode="10118",
        country="US",
        phone="+1 212 736 3100",
    )
    fr = Party(
        name="Marie Curie",
        street="1 rue de Rivoli",
        city="Paris",
        postcode="75001",
        country="FR",
        phone="+33 1 42 60 30 00",
    )
    d = good(sender=us, recipient=fr, item_id="", currency="EUR", ioss_number="IM2760000001")
    for k, v in kw.items():
        setattr(d, k, v)
    return d


def test_ioss_good() -> None:
    assert check(to_france()) == set()


def test_ioss_bad_number() -> None:
    r = validate(to_france(ioss_number="IM1234567890"), operator="upu")
    assert found(r) == {("error", "ioss_number", "ioss_format")}
    assert "123 is not the code of an EU member state" in r.problems[0].message


def test_ioss_only_for_eu_destinations() -> None:
    d = to_france()
    d.recipient = recipient_us()
    assert ("error", "ioss_number", "ioss_destination") in check(d)


def test_ioss_value_limit() -> None:
    got = check(to_france(items=[item(value="151.00")]))
    assert ("error", "ioss_number", "ioss_over_limit") in got
    got = check(to_france(items=[item(value="140.00")]))
    assert ("warning", "ioss_number", "ioss_near_limit") in got
    # in another currency: USD 170 is about EUR 146 at the shipped rate (1.16549)
    r = validate(to_france(currency="USD", items=[item(value="170.00")]), operator="upu")
    (p,) = [p for p in r.problems if p.field == "ioss_number"]
    assert p.code == "ioss_near_limit" and "1 USD =" in p.message and "2025-10-20" in p.message


def test_ioss_missing_is_a_hint_for_eu_sales() -> None:
    assert ("warning", "ioss_number", "ioss_missing") in check(to_france(ioss_number=""))
    assert ("warning", "ioss_number", "ioss_missing") not in check(
        to_france(ioss_number="", items=[item(value="200")])
    )


def test_ioss_uses_rates_of_the_day() -> None:
    from shipdesk.core.rates import RateBook

    user = {"eur": {date(2026, 1, 1): {"USD": (Decimal("1.0"), "mine")},
                    date(2026, 6, 1): {"USD": (Decimal("2.0"), "mine")}}}  # fmt: skip
    rates = RateBook(user)
    d = to_france(currency="USD", date="", items=[item(value="160")])
    assert ("error", "ioss_number", "ioss_over_limit") in found(
        validate(d, operator="upu", today=date(2026, 2, 1), rates=rates)
    )
    assert ("error", "ioss_number", "ioss_over_limit") not in found(
        validate(d, operator="upu", today=date(2026, 7, 1), rates=rates)
    )


def test_validation_through_the_workspace_uses_the_users_rates(workspace) -> None:
    from shipdesk.core.services import data, declarations

    data.set_rates(workspace, "eur", {"USD": "1.0"}, on=date(2026, 1, 1))
    data.set_rates(workspace, "eur", {"USD": "2.0"}, on=date(2026, 6, 1))
    d = to_france(currency="USD", date="2026-02-01", items=[item(value="160")])
    assert ("error", "ioss_number", "ioss_over_limit") in found(
        declarations.validate(workspace, d, operator="upu")
    )
    d.date = "2026-07-01"
    assert ("error", "ioss_number", "ioss_over_limit") not in found(
        declarations.validate(workspace, d, operator="upu")
    )


def test_uk_low_value_threshold() -> None:
    gb = Party(
        name="Tom Smith",
        street="10 Downing Street",
        city="London",
        postcode="SW1A 2AA",
        country="GB",
        phone="+44 20 7946 0958",
    )
    assert check(good(recipient=gb)) == set()
    got = check(good(recipient=gb, items=[item(value="145.00")]))  # about GBP 126
    assert ("warning", "items", "uk_near_limit") in got
    got = check(good(recipient=gb, items=[item(value="200.00")]))
    assert ("warning", "items", "uk_over_limit") in got


def test_gift_relief_thresholds() -> None:
    gb = Party(
        name="Tom Smith",
        street="10 Downing Street",
        city="London",
        postcode="SW1A 2AA",
        country="GB",
        phone="+44 20 7946 0958",
    )
    gift = {"category": "gift", "invoice_number": "", "recipient": gb}
    assert check(good(**gift, items=[item(value="40.00")])) == set()  # about GBP 35
    r = validate(good(**gift, items=[item(value="50.00")]), operator="upu")  # about GBP 43
    assert found(r) == {("warning", "items", "gift_over_relief")}
    assert "39.00 GBP" in r.problems[0].message and "2025-10-20" in r.problems[0].message
    fr = Party(
        name="Marie Curie", street="1 rue de Rivoli", city="Paris", postcode="75001", country="FR"
    )
    us = Party(
        name="Jane Roe",
        street="350 Fifth Avenue",
        city="New York",
        region="NY",
        postcode="10118",
        country="US",
        phone="+1 212 736 3100",
    )
    d = good(category="gift", invoice_number="", sender=us, recipient=fr, item_id="")
    assert check(d) == set()  # EUR 25
    d.items = [item(value="46.00")]
    assert ("warning", "items", "gift_over_relief") in check(d)
    d.sender.company = "Roe Inc."  # a company's "gift" is another matter (gift_from_company)
    assert ("warning", "items", "gift_over_relief") not in check(d)


def test_eu_export_declaration_above_1000() -> None:
    assert check(good(items=[item(value="900")])) == set()  # DE -> US, EUR 900
    d = good(items=[item(value="1200")])
    assert ("warning", "comments", "eu_export_declaration") in check(d)
    d.comments = "Export declaration MRN 26DE123456789012A1"
    assert ("warning", "comments", "eu_export_declaration") not in check(d)
    d = good(category="gift", invoice_number="", items=[item(value="1200")])
    assert ("warning", "comments", "eu_export_declaration") not in check(d)


def test_thresholds_are_dated_with_sources() -> None:
    from shipdesk.core.validation import thresholds

    ts = thresholds()
    expected = {"cn22_upu", "eu_ioss", "uk_low_value", "us_eei", "uk_gift", "eu_gift", "eu_export"}
    assert expected <= set(ts)
    for t in ts.values():
        date.fromisoformat(t.valid_from)
        assert len(t.source) > 30 and t.amount > 0 and len(t.currency) == 3


def test_cn22_near_limit_through_validate() -> None:
    got = check(good(items=[item(value="320.00")]), operator="deutsche_post")
    assert ("warning", "items", "cn22_near_limit") in got


def test_operator_changes_the_form() -> None:
    d = good(items=[item(value="330.00")])
    assert validate(d, operator="upu").form == "cn22"  # about 283 SDR
    assert validate(d, operator="royal_mail").form == "cn23"  # about GBP 287 > 270
    assert validate(d, operator="swiss_post").form == "cn22"


def test_forced_cn22_refused_through_validate() -> None:
    r = validate(good(form="cn22", items=[item(value="900.00")]), operator="upu")
    assert r.form == "cn22" and ("error", "form", "cn22_over_limit") in found(r)


# -- US exports --------------------------------------------------------------------------
def from_us(*items: Item, dest: Party | None = None, itn: str = "") -> Declaration:
    us = Party(
        name="Jane Roe",
        street="350 Fifth Avenue",
        city="New York",
        region="NY",
        postcode="10118",
        country="US",
        phone="+1 212 736 3100",
    )
    d = good(
        sender=us,
        recipient=dest or sender_de(),
        currency="USD",
        items=list(items),
        item_id="",
        gross_weight_kg="5",
    )
    if itn:
        d.extra["itn"] = itn
    return d


def test_us_export_itn_needed_above_2500_per_class() -> None:
    d = from_us(item(value="2600", hs_code="847130"))
    assert ("error", "itn", "itn_required") in check(d)
    # two classes of USD 2,000 each: no EEI
    d = from_us(item(value="2000", hs_code="847130"), item(value="2000", hs_code="851713"))
    assert not any(f == "itn" for _, f, _ in check(d))
    # two lines of the same class add up
    d = from_us(item(value="2000", hs_code="847130"), item(value="2000", hs_code="847130"))
    assert ("error", "itn", "itn_required") in check(d)


def test_us_export_itn_given() -> None:
    d = from_us(item(value="2600", hs_code="847130"), itn="X20260101123456")
    assert not any(f == "itn" for _, f, _ in check(d))
    d = from_us(item(value="2600", hs_code="847130"), itn="12345")
    assert ("error", "itn", "itn_format") in check(d)


def test_us_export_embargoed_destination() -> None:
    ir = Party(
        name="Ali Rezaei",
        street="Valiasr Street 1",
        city="Tehran",
        postcode="1234567890",
        country="IR",
    )
    d = from_us(item(value="20", hs_code="610910"), dest=ir)
    assert ("error", "itn", "itn_required") in check(d)


def test_us_export_legend() -> None:
    from shipdesk.core.operators import decide, get_profile
    from shipdesk.core.validation.checks import Context, us_export_status

    ca = Party(
        name="Jean Tremblay",
        street="1 Rue Sainte-Catherine",
        city="Montréal",
        region="QC",
        postcode="H3B 1A7",
        country="CA",
    )
    for dest, legend in ((ca, "NOEEI 30.36"), (sender_de(), "NOEEI 30.37(a)")):
        d = from_us(item(value="20"), dest=dest)
        p = get_profile("usps")
        ctx = Context(d, p, decide(d, p), date(2026, 11, 27))
        assert us_export_status(ctx) == (False, "", legend)


# -- printing ------------------------------------------------------------------------------
def test_unprintable_characters() -> None:
    # U+F0000 is a private-use character and U+1FAE8 a recent emoji: no font here draws them.
    r = recipient_us()
    r.name = "John Miller \U0001fae8"
    d = good(recipient=r, items=[item(description="Porcelain tea cups \U000f0000")])
    res = validate(d, operator="upu")
    got = found(res)
    assert ("error", "items[0].description", "glyphs_missing") in got
    assert ("error", "recipient.name", "glyphs_missing") in got
    assert "U+1FAE8" in res.for_field("recipient.name")[0].message
    assert check(good(items=[item(description="Tasses à café en céramique, ÄÖÜß")])) == set()


def test_values_are_decimal_not_float() -> None:
    d = good(items=[item(value="0.1"), item(value="0.2", hs_code="611710")])
    d.extra["total_value"] = "0.3"
    d.gross_weight_kg = "0.9"
    assert check(d) == set()
    assert d.total_value() == Decimal("0.3")


def test_odd_input_never_raises() -> None:
    """Validation reports bad input; it never fails on it (fixed-seed random declarations)."""
    import random

    odd = [
        "",
        " ",
        "NaN",
        "Infinity",
        "-0",
        "1e999",
        "1E-30",
        "0x10",
        "١٢٣",
        "12,5",
        "1,000.50",
        "\x00",
        "é" * 300,
        "+",
        "00",
        "IM",
        "RR",
        "9" * 40,
        "-1e5",
    ]
    rnd = random.Random(7)

    def r() -> str:
        return rnd.choice(odd)

    def party(countries: list[str]) -> Party:
        return Party(
            name=r(),
            street=r(),
            city=r(),
            postcode=r(),
            region=r(),
            country=rnd.choice(countries),
            phone=r(),
            email=r(),
            tax_id=r(),
        )

    for _ in range(300):
        d = Declaration(
            form=rnd.choice(["auto", "cn22", "cn23", "x"]),
            category=rnd.choice(["gift", "other", "documents", "sale_of_goods", "x"]),
            currency=rnd.choice(["EUR", "XDR", "JPY", "", "x", "MNT"]),
            sender=party(["US", "DE", "GB", "", "x", "de"]),
            recipient=party(["US", "FR", "GB", "", "IR", "CA"]),
            items=[
                Item(
                    description=r(),
                    quantity=r(),
                    net_weight_kg=r(),
                    value=r(),
                    hs_code=r(),
                    origin_country=r(),
                )
                for _ in range(rnd.randint(0, 3))
            ],
            gross_weight_kg=r(),
            postal_charges=r(),
            item_id=r(),
            ioss_number=r(),
            date=r(),
            importer_reference=r(),
            extra={"total_value": r(), "itn": r()},
        )
        res = validate(d, operator=rnd.choice(["upu", "usps", "royal_mail"]))
        assert res.form in ("cn22", "cn23")
        for p in res.problems:
            assert p.level in ("error", "warning") and p.field and p.message


def test_messages_in_another_language() -> None:
    """The same problems, told in German or French; codes and fields do not change."""
    d = good(item_id="RR473124828DE", gross_weight_kg="0.1")
    en = validate(d, operator="upu")
    de = validate(d, operator="upu", lang="de_DE")
    fr = validate(d, operator="upu", lang="fr")
    assert found(en) == found(de) == found(fr)
    by_code = {p.code: p.message for p in de.problems}
    assert by_code["s10_check_digit"] == (
        "Sendungsnummer RR473124828DE: die Prüfziffer müsste 9 sein, nicht 8. "
        "Die Nummer erneut vom Etikett oder Barcode abschreiben."
    )
    assert {p.code: p.message for p in fr.problems}["gross_below_net"].startswith(
        "Le poids brut de 0.1 kg est inférieur à la somme des poids nets (0.300 kg)"
    )
    assert en.in_language("de") == de and de.in_language("en") == en
    assert [p.message for p in de.in_language("en").problems] == [p.message for p in en.problems]


def test_a_problem_message_written_by_hand_stays_as_it_is() -> None:
    p = Problem("error", "items", "items_missing", "A message not from the table.")
    assert p.in_language("de").message == "A message not from the table."


def test_phrases_inside_a_message_are_translated_with_it() -> None:
    """{what} and {hint} are English phrases of the code: a German message has them in German,
    while values from the declaration stay as typed."""
    d = good(sender=Party(name="", street="Hauptstraße 12", city="Berlin", country="DE"))
    d.items = [item(net_weight_kg="")]
    de = {p.code: p.message for p in validate(d, operator="upu", lang="de").problems}
    en = {p.code: p.message for p in validate(d, operator="upu").problems}
    assert en["required"] == (
        "Net weight is required: weigh the articles of this line without packaging, in kg "
        "(e.g. 0.250)."
    )
    assert de["required"] == (
        "Nettogewicht ist erforderlich: die Artikel dieser Zeile ohne Verpackung wiegen, in kg "
        "(z. B. 0.250)."
    )
    assert de["required_recommended"].startswith("Name des Absenders fehlt: den vollständigen")


@pytest.mark.parametrize("odd", [[1, 2], {"a": 1}, True, "abc"])
def test_unknown_keys_of_any_json_shape_are_not_taken_as_amounts(odd: object) -> None:
    """Unknown keys keep whatever JSON a file held; a list or an object where an amount is
    expected is reported by its field, never a crash."""
    decl = good()
    decl.extra["total_value"] = odd
    decl.items[0].extra["unit_value"] = odd
    result = validate(decl)
    assert [(p.field, p.code) for p in result.problems] == [("total_value", "not_a_number")]


def test_identifier_details_and_us_export_reasons_are_told_in_the_message_language() -> None:
    """The detail of a VAT, EORI or IOSS check and the reason of the US export rule are part
    of the message: a German message has them in German, the English one stays as it was."""
    d = from_us(item(value="2600", hs_code=""))
    d.ioss_number = "IM1234567890"
    d.recipient.tax_id = "DE136695977"
    en = {p.code: p.message for p in validate(d, operator="upu").problems}
    de = {p.code: p.message for p in validate(d, operator="upu", lang="de").problems}
    fr = {p.code: p.message for p in validate(d, operator="upu", lang="fr").problems}
    assert en["tax_id_invalid"] == (
        "'DE136695977' is not a valid EU VAT number: the check digits do not match. "
        "Copy it again from the registration letter."
    )
    assert de["tax_id_invalid"].startswith(
        "'DE136695977' ist als EU-USt-IdNr. ungültig: die Prüfziffern stimmen nicht."
    )
    assert en["ioss_format"].endswith("; 123 is not the code of an EU member state.")
    assert fr["ioss_format"].endswith("; 123 n'est pas le code d'un État membre de l'UE.")
    assert en["itn_required"].startswith(
        "US export: the goods under line 1 are worth 2,600.00 USD, above USD 2,500 for one "
        "Schedule B class."
    )
    assert de["itn_required"].startswith(
        "Ausfuhr aus den USA: die Waren unter Position 1 sind 2,600.00 USD wert, mehr als "
        "USD 2,500 für eine Schedule-B-Position."
    )


def test_country_names_follow_the_message_language_not_the_interface() -> None:
    from shipdesk.core import i18n

    d = good()
    d.recipient.phone = "123"
    try:
        i18n.set_language("de")
        en = validate(d, operator="upu")
        fr = en.in_language("fr")
    finally:
        i18n.set_language("en")
    assert (
        "valid number for United States:"
        in {p.code: p.message for p in en.problems}["phone_invalid"]
    )
    assert "(États-Unis)" in {p.code: p.message for p in fr.problems}["phone_invalid"]


# -- implausible quantities and digits other than 0-9 --------------------------------------
@pytest.mark.parametrize(
    ("quantity", "expected"),
    [
        ("10000", set()),
        ("10001", {("warning", "items[0].quantity", "quantity_large")}),
        ("1000000", {("warning", "items[0].quantity", "quantity_large")}),
        ("1000001", {("error", "items[0].quantity", "quantity_implausible")}),
        ("1000000000", {("error", "items[0].quantity", "quantity_implausible")}),
    ],
)
def test_implausible_quantities_are_flagged(quantity: str, expected: set[object]) -> None:
    got = {p for p in check(good(items=[item(quantity=quantity)])) if "quantity" in p[2]}
    assert got == expected


def test_a_billion_pieces_says_the_limit() -> None:
    r = validate(good(items=[item(quantity="1000000000")]), operator="upu")
    msg = r.for_field("items[0].quantity")[0].message
    assert "1000000000" in msg and "1,000,000" in msg


@pytest.mark.parametrize(
    ("field", "typed", "ascii"),
    [("quantity", "٣", "3"), ("quantity", "۳", "3"), ("value", "٢٥", "25"),
     ("net_weight_kg", "٠٫٣", "0.3"), ("quantity", "３", "3")],
)  # fmt: skip
def test_digits_other_than_0_to_9_are_refused_with_the_number_to_write(
    field: str, typed: str, ascii: str
) -> None:
    d = good(items=[item(**{field: typed})])
    problems = validate(d, operator="upu").for_field(f"items[0].{field}")
    assert [(p.level, p.code) for p in problems] == [("error", "number_digits")]
    assert f"write it as {ascii}." in problems[0].message and typed in problems[0].message


def test_hs_code_in_other_digits_is_a_format_error() -> None:
    d = good(items=[item(hs_code="٦١٠٩١٠")])
    assert ("error", "items[0].hs_code", "hs_format") in check(d)
