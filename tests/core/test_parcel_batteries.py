"""Lithium batteries counted per parcel across a declaration's items, against the postal
operator's limits (resources/operators/*.toml [lithium]); real product titles in four languages."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from shipdesk.core.errors import DataError
from shipdesk.core.model import Declaration, Item, Party
from shipdesk.core.operators import get_profile, lithium_limits, load_profiles, parse_lithium
from shipdesk.core.screening.active_rules import active_ruleset
from shipdesk.core.screening.parcel_batteries import (
    PARCEL_RULE,
    batteries_per_unit,
    count_item,
    units_stated,
)
from shipdesk.core.screening.phrases import normalise
from shipdesk.core.screening.screen import screen_declaration, screen_item

# (title, units stated, batteries or cells per unit, counted as cells)
PHRASINGS = [
    ("2 x Samsung Galaxy A15 smartphones", 2, 1, False),
    ("2x Apple iPhone 13 128GB refurbished", 2, 1, False),
    ("Energizer Ultimate Lithium AA batteries pack of 4", 4, 1, True),
    ("Energizer Ultimate Lithium AA batteries pack of 8", 8, 1, True),
    ("CR2032 lithium coin cells pack of 10", 10, 1, True),
    ("18650 Li-ion cells 3500mAh x4", 4, 1, True),
    ("Lenovo ThinkPad laptop with 2 batteries", 1, 2, False),
    ("Makita 18V cordless drill with 2 x 5.0Ah batteries", 1, 2, False),
    ("GoPro HERO12 + 2 batteries", 1, 2, False),
    ("DJI Mini 3 drone with 2 spare batteries", 1, 3, False),
    ("DJI Avata 2 FPV drone fly more combo with 3 batteries", 1, 3, False),
    ("Smartphone + spare battery", 1, 2, False),
    ("Apple AirTag 4 pack", 4, 1, True),
    ("Tile Mate Bluetooth tracker 2-pack", 2, 1, True),  # a coin cell each,
    ("Anker power bank 10000mAh twin pack 2 pcs", 2, 1, False),
    ("Elf Bar 600 disposable vape 10 pack", 10, 1, False),
    ("Apple Watch Series 9 GPS", 1, 1, False),
    # German
    ("Akkuschrauber 18V mit 2 Akkus und Ladegerät", 1, 2, False),
    ("Drohne mit Kamera 4K faltbar mit 2 Akkus", 1, 2, False),
    ("Powerbank 10000 mAh 2er-Pack", 2, 1, False),
    ("Lithium Knopfzellen CR2025 10 Stück", 10, 1, True),
    ("Bosch Akku-Bohrschrauber mit zwei Akkus", 1, 2, False),
    ("Kabellose Kopfhörer Bluetooth 2er Set", 2, 1, False),
    # French
    ("Perceuse sans fil 18V avec 2 batteries", 1, 2, False),
    ("Piles bouton lithium CR2032 3V lot de 10", 10, 1, True),
    ("Batterie externe 20000 mAh lot de 2", 2, 1, False),
    ("Visseuse sans fil + 2 batteries", 1, 2, False),
    ("Appareil photo avec batterie de rechange", 1, 2, False),
    # Spanish
    ("Taladro inalámbrico 18V con 2 baterías", 1, 2, False),
    ("Pilas de botón de litio CR2032 paquete de 5", 5, 1, True),
    ("Batería externa 10000 mAh pack de 2", 2, 1, False),
    ("Cámara con batería de repuesto", 1, 2, False),
    ("Auriculares Bluetooth 3 unidades", 3, 1, False),
]


@pytest.mark.parametrize(("title", "units", "per_unit", "cells"), PHRASINGS)
def test_units_and_batteries_per_unit_are_read(
    title: str, units: int, per_unit: int, cells: bool
) -> None:
    text = normalise(title)
    assert units_stated(text) == units
    assert batteries_per_unit(text) == per_unit
    rules = [f.rule for f in screen_item(title, destination="DE")]
    count = count_item(title, rules)
    assert count is not None, rules
    assert (count.units, count.per_unit, count.cells) == (units, per_unit, cells)
    # screening hands in its own reading (with the English one appended): the same count
    read = count_item(title, rules, text=active_ruleset().expand(text))
    assert read == count


@pytest.mark.parametrize(
    "title",
    [
        "Samsung Galaxy S24 Ultra 5G smartphone 5000mAh",  # "5000mah" is no count
        "Lenovo ThinkPad E14 laptop 14 inch 57Wh",
        "Power bank 10000 mAh 3.7 V",
        "Makita 18V 5.0Ah battery pack",
    ],
)
def test_capacity_and_voltage_figures_are_not_counts(title: str) -> None:
    text = normalise(title)
    assert (units_stated(text), batteries_per_unit(text)) == (1, 1)


@pytest.mark.parametrize(
    "title",
    [
        "Remote control car toy with 4 AA batteries",
        "Phone case for iPhone 15 2 pack",
        "Duracell AA alkaline batteries 12 pack",
        "E-liquid 10ml 18mg nicotine 5 pack",
    ],
)
def test_items_without_lithium_are_not_counted(title: str) -> None:
    rules = [f.rule for f in screen_item(title, destination="DE")]
    assert count_item(title, rules) is None


def _decl(*items: Item, dest: str = "FR") -> Declaration:
    return Declaration(
        sender=Party(name="S", country="DE"),
        recipient=Party(name="R", country=dest),
        items=list(items),
        date="2026-12-05",
    )


def _parcel(findings: list) -> list:
    return [f for f in findings if f.rule == PARCEL_RULE]


def test_batteries_are_counted_across_the_items_of_a_declaration() -> None:
    two_phones = _decl(
        Item(description="Smartphone Samsung Galaxy A15", quantity="1", value="150"),
        Item(description="Google Pixel 8a smartphone", quantity="1", value="400"),
        Item(description="Cotton T-shirt", quantity="3", value="30"),
    )
    assert _parcel(screen_declaration(two_phones)) == []  # 2 batteries: within the limit

    three = _decl(
        Item(description="Smartphone Samsung Galaxy A15", quantity="2", value="300"),
        Item(description="Kindle Paperwhite e-reader", quantity="1", value="150"),
    )
    found = _parcel(screen_declaration(three, lang="en"))
    assert len(found) == 1
    f = found[0]
    assert (f.level, f.item_index, f.category) == ("restricted", None, "dangerous_goods")
    assert "3 lithium batteries" in f.message and "at most 2 batteries or 4 cells" in f.message
    assert "Counted in items 1, 2." in f.message
    assert "counted: 3 batteries, 0 cells" in f.detail and PARCEL_RULE in f.detail
    assert "split" in f.customer_text


def test_quantity_times_units_stated_counts_cells() -> None:
    one = _decl(Item(description="Apple AirTag 4 pack", quantity="1", value="100"))
    assert _parcel(screen_declaration(one)) == []  # 4 cells: the limit
    two = _decl(Item(description="Apple AirTag 4 pack", quantity="2", value="200"))
    found = _parcel(screen_declaration(two))
    assert [f.level for f in found] == ["restricted"]
    assert "counted: 0 batteries, 8 cells" in found[0].detail


def test_a_mixed_parcel_counts_a_battery_as_two_cells() -> None:
    decl = _decl(
        Item(description="Smartphone Samsung Galaxy A15", quantity="1", value="150"),
        Item(description="Casio watch with CR2025 lithium battery", quantity="3", value="60"),
    )
    assert [f.rule for f in _parcel(screen_declaration(decl))] == [PARCEL_RULE]


def test_single_item_quantity_is_counted_and_courier_is_not_held_to_post_limits() -> None:
    assert _parcel(screen_item("iPhone 15", destination="US", quantity=Decimal(2))) == []
    post = _parcel(screen_item("iPhone 15", destination="US", quantity=Decimal(3)))
    assert [f.level for f in post] == ["restricted"]
    courier = screen_item("iPhone 15", destination="US", quantity=Decimal(3), channel="courier")
    assert _parcel(courier) == []


def test_operator_limits_name_the_operator_and_their_confidence() -> None:
    decl = _decl(Item(description="Smartphone", quantity="3", value="300"))
    upu = _parcel(screen_declaration(decl))[0]
    assert upu.confidence == "confirmed"
    aus = _parcel(screen_declaration(decl, operator=get_profile("australia_post")))[0]
    assert "Australia Post accepts at most 2 batteries" in aus.message
    assert "auspost.com.au" in aus.detail
    # an operator whose own limits are not on file: the UPU limits, said so
    swiss = _parcel(screen_declaration(decl, operator=get_profile("swiss_post")))[0]
    assert "Swiss Post (UPU limits" in swiss.message
    # an unconfirmed operator limit stricter than the UPU's only warns
    royal = get_profile("royal_mail")
    assert royal.lithium is not None and royal.lithium.confidence == "unconfirmed"
    strict = replace(royal, lithium=replace(royal.lithium, max_batteries=1, max_cells=2))
    two = _decl(Item(description="Smartphone", quantity="2", value="200"))
    assert [f.level for f in _parcel(screen_declaration(two, operator=strict))] == ["warning"]
    # beyond the confirmed UPU limit the finding is restricted whatever the operator's confidence
    assert [f.level for f in _parcel(screen_declaration(decl, operator=royal))] == ["restricted"]


def test_parcel_finding_in_four_languages() -> None:
    decl = _decl(Item(description="Smartphone", quantity="3", value="300"))
    texts = {
        lang: _parcel(screen_declaration(decl, lang=lang))[0].customer_text
        for lang in ("en", "de", "fr", "es")
    }
    assert len(set(texts.values())) == 4
    assert "Paket" in texts["de"] and "colis" in texts["fr"] and "paquete" in texts["es"]


def test_every_shipped_profile_has_dated_lithium_limits_with_a_source() -> None:
    for pid, profile in load_profiles().items():
        limits, own = lithium_limits(profile)
        assert limits.url.startswith("http"), pid
        assert limits.checked and limits.source, pid
        assert limits.max_cells == 4 and limits.max_batteries == 2, pid
        assert own or limits is get_profile("upu").lithium, pid
    assert get_profile("upu").lithium is not None
    assert get_profile("upu").lithium.confidence == "confirmed"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"confidence": "maybe"}, "lithium.confidence must be one of"),
        ({"url": "auspost.com.au"}, "lithium.url must be a web address"),
        ({"max_cells": -1}, "lithium.max_cells"),
        ({"unconfirmed_keys": ["colour"]}, "lithium.unconfirmed_keys may only name"),
        ({"surprise": 1}, "unknown key(s) surprise"),
    ],
)
def test_bad_lithium_tables_are_refused_naming_the_key(
    table: dict[str, object], message: str
) -> None:
    good: dict[str, object] = {
        "confidence": "confirmed",
        "checked": "2026-12-04",
        "accessed": "2026-12",
        "source": "s",
        "url": "https://example.org/",
        "installed_only": True,
        "max_cells": 4,
        "max_batteries": 2,
        "max_wh_cell": "20",
        "max_wh_battery": "100",
        "max_li_grams_cell": "1",
        "max_li_grams_battery": "2",
    }
    parse_lithium(good, "x.toml")
    with pytest.raises(DataError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_lithium({**good, **table}, "x.toml")
