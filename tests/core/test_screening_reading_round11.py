"""The round-11 reading (rules 2026.12.16): an article named for what it serves or after it,
what is packed with an item, things made in a good's likeness, negations of gas, propellant and
power banks, colour and shape phrases, flavoured snacks and plant-based food, in phrasings of
their own (none from an evaluation set)."""

from __future__ import annotations

import pytest

from shipdesk.core.screening.active_rules import active_ruleset
from tests.screening_case import assert_level_of_plain_naming, level_of_text


@pytest.mark.parametrize(
    ("text", "dest"),
    [
        ("Display shelf for whisky bottles oak", "KW"),
        ("Flaschenregal für Rotwein 24 Flaschen", "QA"),
        ("Présentoir à cigares en acajou", "TR"),
        ("Tabla de quesos de bambú con cuchillos", "IL"),
        ("Drip tray for beer taps stainless", "SA"),
        ("Travel pouch for e-cigarette and charger", "HK"),
        ("Housse isotherme pour bouteille de champagne", "QA"),
        ("Gas stove, no gas cartridge included", "DE"),
        ("Lockenspray ohne Treibgas 150 ml", "FR"),
        ("Veste chauffante sans power bank", "GB"),
        ("Sac en cuir couleur cognac", "US"),
        ("Porte-savon en forme de bouteille de vin", "SA"),
        ("Bacon flavour crisps 6 pack", "AU"),
        ("Queso vegetal para untar 200 g", "IL"),
        ("Cheese dome stand slate", "AU"),
        ("Vape pen charging dock USB", "US"),
        ("Zigarrenhalter Leder", "TR"),
        ("Beer bottle Christmas ornament", "SA"),
        ("Llavero botella de vino", "QA"),
        ("Plush toy sausage", "AU"),
        ("Home brew beer starter kit fermenter", "US"),
    ],
)
def test_harmless_look_alike_is_not_flagged(text: str, dest: str) -> None:
    assert level_of_text(text, dest) not in ("prohibited", "restricted")


@pytest.mark.parametrize(
    ("text", "dest", "plain"),
    [
        ("Travel pouch with 2 spare batteries", "DE", "Spare battery for camera"),
        ("Camera bag with power bank 10000mAh", "FR", "Power bank 10000mAh"),
        ("Whisky 40% 70cl in a display box", "KW", "Whisky 40% 70cl"),
        ("Butane refill for gas stoves 250ml", "DE", "Butane gas refill 300ml"),
        ("Alcohol-free hair spray 300ml", "GB", "Hairspray 400ml"),
        ("Cigars 5 pack with cutter", "TR", "Cigars 5 pack"),
        ("Power bank charger 10000mAh", "DE", "Power bank 10000mAh"),
        ("Whisky 40% 70cl with stand", "KW", "Whisky 40% 70cl"),
        ("Serrano ham with ham stand and knife", "AU", "Serrano ham leg"),
    ],
)
def test_regulated_item_of_the_same_look_keeps_its_level(text: str, dest: str, plain: str) -> None:
    assert_level_of_plain_naming(text, dest, plain)


def test_clauses_tell_the_article_what_it_serves_and_what_is_packed() -> None:
    reading = active_ruleset().reading
    text = "bag for drone with 2 spare batteries"
    kinds = [(text[a:b].strip(), k) for a, b, k in reading.clauses(text)]
    assert kinds == [("bag for", "head"), ("drone with", "served"), ("2 spare batteries", "packed")]
    # no article before "for": the item is what the head names
    assert {k for _, _, k in reading.clauses("shaving gel for sensitive skin")} == {"head"}
