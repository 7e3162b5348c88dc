"""The *.shipdesk.json format: exact round trip, unknown keys kept, clear errors."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from shipdesk.core.errors import InputError
from shipdesk.core.exchange import declaration_json as dj
from shipdesk.core.model import Declaration, Item, parse_decimal

CONTRACT_EXAMPLE = """{
  "format": "shipdesk.declaration/1",
  "form": "auto",
  "category": "sale_of_goods",
  "category_explanation": "",
  "currency": "EUR",
  "sender":    {"name": "", "company": "", "street": "", "city": "", "postcode": "", "region": "",
                "country": "DE", "phone": "", "email": "", "tax_id": ""},
  "recipient": {"name": "", "company": "", "street": "", "city": "", "postcode": "", "region": "",
                "country": "US", "phone": "", "email": "", "tax_id": ""},
  "items": [
    {"description": "Women's T-shirt, 100% cotton, knitted", "quantity": 2,
     "net_weight_kg": "0.300", "value": "25.00", "hs_code": "610910", "origin_country": "PT"}
  ],
  "gross_weight_kg": "0.450",
  "postal_charges": "12.50",
  "item_id": "RR123456785DE",
  "invoice_number": "",
  "licence_numbers": [],
  "certificate_numbers": [],
  "importer_reference": "",
  "ioss_number": "",
  "non_delivery": "return",
  "comments": "",
  "date": "2026-11-27"
}"""


def test_contract_example_loads_with_exact_values() -> None:
    d = dj.loads(CONTRACT_EXAMPLE)
    assert d.sender.country == "DE" and d.recipient.country == "US"
    assert d.items[0].quantity_dec == 2
    assert d.items[0].net_weight_dec == Decimal("0.300")
    assert d.items[0].value_dec == Decimal("25.00")
    assert d.gross_weight_dec == Decimal("0.450")
    assert d.total_value() == Decimal("25.00")
    assert d.item_id == "RR123456785DE"


def test_round_trip_is_exact_on_canonical_file(sample_path: Path) -> None:
    text = sample_path.read_text(encoding="utf-8")
    assert dj.dumps(dj.loads(text)) == text


def test_round_trip_keeps_values_of_contract_example() -> None:
    first = dj.loads(CONTRACT_EXAMPLE)
    again = dj.loads(dj.dumps(first))
    assert again == first
    assert json.loads(dj.dumps(first)) == json.loads(CONTRACT_EXAMPLE)


def test_unknown_keys_are_preserved_everywhere() -> None:
    data = json.loads(CONTRACT_EXAMPLE)
    data["x_shop"] = {"order": 1001, "tags": ["a", 2.50]}
    data["sender"]["x_branch"] = "Nord"
    data["items"][0]["sku"] = "TS-01"
    d = dj.loads(json.dumps(data).replace("2.5]", "2.50]"))
    out = dj.dumps(d)
    back = json.loads(out)
    assert back["x_shop"] == {"order": 1001, "tags": ["a", 2.5]}
    assert back["sender"]["x_branch"] == "Nord"
    assert back["items"][0]["sku"] == "TS-01"
    assert '"tags": [\n      "a",\n      2.50' in out  # digits kept as written


def test_numbers_keep_their_digits() -> None:
    text = CONTRACT_EXAMPLE.replace('"value": "25.00"', '"value": 25.00').replace(
        '"gross_weight_kg": "0.450"', '"gross_weight_kg": 0.450'
    )
    d = dj.loads(text)
    assert d.items[0].value == "25.00" and d.gross_weight_kg == "0.450"
    out = dj.dumps(d)
    assert '"value": 25.00' in out and '"gross_weight_kg": 0.450' in out


def test_save_and_load_file(tmp_path: Path) -> None:
    d = Declaration(items=[Item(description="Wool scarf", quantity="1", value="45.00")])
    d.recipient.name = "Zoë Ωmega Дмитрий 山田"
    p = tmp_path / "a.shipdesk.json"
    dj.save_file(p, d)
    assert dj.load_file(p) == d
    assert "Дмитрий" in p.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"format": "shipdesk.declaration/1",', "1:"),
        ("[]", "one JSON object"),
        ('{"items": []}', "missing 'format'"),
        ('{"format": "shipdesk.declaration/2"}', "newer ShipDesk"),
        ('{"format": "acme/1"}', "not a ShipDesk declaration"),
        ('{"format": "shipdesk.declaration/1", "items": {}}', "items: expected a list"),
        (
            '{"format": "shipdesk.declaration/1", "items": [{"description": ["x"]}]}',
            "items[0].description: expected text",
        ),
        (
            '{"format": "shipdesk.declaration/1", "recipient": "Bob"}',
            "recipient: expected an object",
        ),
        ('{"format": "shipdesk.declaration/1", "return_priority": "yes"}', "return_priority"),
    ],
)
def test_malformed_files_get_one_clear_line(text: str, expected: str) -> None:
    with pytest.raises(InputError) as err:
        dj.loads(text, source="order.shipdesk.json")
    msg = str(err.value)
    assert msg.startswith("order.shipdesk.json:")
    assert expected in msg
    assert "\n" not in msg


def test_missing_and_non_utf8_files(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="file not found"):
        dj.load_file(tmp_path / "nope.json")
    bad = tmp_path / "latin1.json"
    bad.write_bytes('{"format": "shipdesk.declaration/1", "comments": "caf\xe9"}'.encode("latin-1"))
    with pytest.raises(InputError, match="not UTF-8"):
        dj.load_file(bad)


def test_an_oversized_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    import tracemalloc

    big = tmp_path / "huge.shipdesk.json"
    with big.open("wb") as f:  # sparse: 40 MiB of nothing, no disk used
        f.truncate(40 * 1024 * 1024)
    tracemalloc.start()
    try:
        with pytest.raises(InputError) as err:
            dj.load_file(big)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    msg = str(err.value)
    assert msg.startswith(str(big) + ":")
    assert "40.0 MiB" in msg and "at most 16 MiB" in msg and "\n" not in msg
    assert peak < 1024 * 1024  # the file was never read


def test_bom_is_accepted(tmp_path: Path) -> None:
    p = tmp_path / "bom.json"
    p.write_bytes(b"\xef\xbb\xbf" + CONTRACT_EXAMPLE.encode())
    assert dj.load_file(p).currency == "EUR"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12.50", Decimal("12.50")),
        ("12,5", Decimal("12.5")),
        (" 3 ", Decimal(3)),
        ("", None),
        ("abc", None),
        ("NaN", None),
        ("1,234.5", None),
        (7, Decimal(7)),
    ],
)
def test_parse_decimal(text: object, value: Decimal | None) -> None:
    assert parse_decimal(text) == value  # type: ignore[arg-type]


def test_typed_text_survives_even_when_not_a_number() -> None:
    d = dj.loads('{"format": "shipdesk.declaration/1", "items": [{"value": "about 20"}]}')
    assert d.items[0].value == "about 20" and d.items[0].value_dec is None
    assert dj.loads(dj.dumps(d)).items[0].value == "about 20"


def test_a_file_error_is_english_and_told_in_the_window_language(tmp_path: Path) -> None:
    from shipdesk.core.i18n import error_text

    p = tmp_path / "x.shipdesk.json"
    p.write_text('{"format": "shipdesk.declaration/9"}', encoding="utf-8")
    with pytest.raises(InputError) as info:
        dj.load_file(p)
    assert str(info.value) == (
        f"{p}:format: written by a newer ShipDesk (format version 9; this one reads up to 1)"
    )
    assert error_text(info.value, "fr") == (
        f"{p}:format: écrit par une version plus récente de ShipDesk (version de format 9 ; "
        "celle-ci lit jusqu'à 1)"
    )


# -- duplicate keys: refused naming the key and its line, never "the last one wins" -------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '{"format": "shipdesk.declaration/1",\n "currency": "EUR",\n "currency": "USD"}',
            'order.shipdesk.json:3:2: duplicate key "currency" (first given on line 2): '
            "keep one of the two",
        ),
        (
            '{"format": "shipdesk.declaration/1", "items": [\n'
            '  {"description": "Mug", "quantity": 1},\n'
            '  {"description": "Scarf",\n   "quantity": 2,\n   "quantity": 200}\n]}',
            'order.shipdesk.json:5:4: duplicate key "quantity" (first given on line 4): '
            "keep one of the two",
        ),
        (  # the same key written two ways is still the same key
            '{"format": "shipdesk.declaration/1", "sender": {"name": "A", "n\\u0061me": "B"}}',
            'order.shipdesk.json:1:62: duplicate key "name" (first given on line 1): '
            "keep one of the two",
        ),
    ],
)
def test_duplicate_keys_are_refused_naming_key_and_line(text: str, expected: str) -> None:
    with pytest.raises(InputError) as err:
        dj.loads(text, source="order.shipdesk.json")
    assert str(err.value) == expected


def test_the_same_key_in_different_objects_is_fine() -> None:
    d = dj.loads(
        '{"format": "shipdesk.declaration/1", "sender": {"name": "A"}, "recipient": {"name": "B"},'
        ' "items": [{"description": "Mug"}, {"description": "Scarf"}]}'
    )
    assert (d.sender.name, d.recipient.name, len(d.items)) == ("A", "B", 2)


# -- digits other than 0-9 are kept exactly as typed -----------------------------------------
@pytest.mark.parametrize("typed", ["٣", "۳", "١٢", "３", "12٫5"])
def test_non_ascii_digits_are_saved_as_typed(tmp_path: Path, typed: str) -> None:
    d = Declaration(items=[Item(description="Mug", quantity=typed, value=typed)])
    p = tmp_path / "d.shipdesk.json"
    dj.save_file(p, d)
    saved = json.loads(p.read_text("utf-8"))
    assert saved["items"][0]["quantity"] == typed and saved["items"][0]["value"] == typed
    again = dj.load_file(p)
    assert again.items[0].quantity == typed and again.items[0].value == typed
    assert again.items[0].quantity_dec is None  # not read as a number (validation says why)
