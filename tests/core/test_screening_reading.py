"""Reading a description beyond its keywords (groups.toml [reading]): an accessory is not the
product it is for, a colour, shape or style word is not the good it names, and a stated absence
("battery-free", "ohne Akku", "CBD-free") stops the rules of that concept. Phrasings here are
not those of the blind rounds; they test the mechanisms, not a list of titles."""

from __future__ import annotations

import pytest

from shipdesk.core.errors import DataError
from shipdesk.core.screening.rule_loader import compile_folder
from shipdesk.core.screening.screen import screen_item
from tests.screening_case import battery_prohibitions, level_of_text, write_one_rule_folder


@pytest.mark.parametrize(
    ("text", "dest"),
    [
        ("Case for Samsung Galaxy S23 Ultra, shockproof", "GB"),
        ("Google Pixel 7a leather case brown", "US"),
        ("OnePlus 12 Hülle transparent", "DE"),
        ("Coque pour iPad Pro 12,9 pouces", "FR"),
        ("Funda Xiaomi 14 Ultra con tapa", "ES"),
        ("MacBook Air 15 sleeve felt grey", "AU"),
        ("Galaxy Watch 6 strap nylon 20mm", "NL"),
        ("iPad Pro 11 stand foldable aluminium", "ID"),
        ("GoPro Hero 11 chest mount harness", "IN"),
        ("DJI Mavic 3 propeller guard", "IN"),
        ("Panzerglas für iPhone 14 Pro 3 Stück", "AT"),
    ],
)
def test_an_accessory_is_not_the_device_it_is_for(text: str, dest: str) -> None:
    assert level_of_text(text, dest) in ("none", "warning"), text


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        ("Samsung Galaxy S23 Ultra with case and screen protector", "restricted"),
        ("Sony WH-CH720N wireless headphones with carrying case", "restricted"),
        ("Replacement charging case for Galaxy Buds 2", "restricted"),
        ("Aspiradora sin cable recargable", "restricted"),
        ("Apple Watch SE GPS 40mm Starlight Aluminium Case with Sport Loop", "restricted"),
    ],
)
def test_a_device_with_accessories_is_still_the_device(text: str, expect: str) -> None:
    assert level_of_text(text, "DE") == expect, text


@pytest.mark.parametrize(
    ("text", "dest"),
    [
        ("Gunmetal finish kitchen tap, gun-metal grey", "AU"),
        ("Pleated skirt, knife pleat, navy", "GB"),
        ("Bullet journal stencil set", "CA"),
        ("Bath bombs for kids, 6 pack", "US"),
        ("Pistol-shaped bottle opener", "AU"),
        ("Grenade style pencil sharpener", "NZ"),
        ("Rifle-look umbrella", "SG"),
    ],
)
def test_a_modifier_never_triggers_weapons_or_explosives(text: str, dest: str) -> None:
    assert level_of_text(text, dest) in ("none", "warning"), text


def test_a_case_with_a_stated_capacity_carries_a_battery() -> None:
    assert level_of_text("iPhone 13 battery case 5000mAh", "DE") == "prohibited"


def test_an_accessory_said_to_hold_a_battery_carries_one() -> None:
    # a charger is an accessory, unless the text says a battery is inside it
    assert level_of_text("Solar charger with built-in battery", "DE") in (
        "prohibited",
        "restricted",
    )
    assert level_of_text("Chargeur solaire avec batterie intégrée", "FR") in (
        "prohibited",
        "restricted",
    )
    assert level_of_text("Power bank charger cable", "DE") in ("none", "warning")


def test_the_product_noun_still_decides() -> None:
    # a gun-shaped lighter is still a lighter; a vape in a pen style is still a vape
    assert level_of_text("Gun shaped butane lighter", "GB") == "prohibited"
    assert level_of_text("Vape pen disposable 600 puffs", "AU") == "prohibited"


@pytest.mark.parametrize(
    ("text", "dest"),
    [
        ("Solar-powered garden light, battery free", "GB"),
        ("Cordless drill body only, without battery", "GB"),
        ("Akkuschrauber 12V ohne Akku", "DE"),
        ("Horloge murale sans pile", "FR"),
        ("Reloj de cuarzo sin pila", "ES"),
        ("CBD free hemp lip balm", "CA"),
        ("Alcohol-free mouthwash 500ml", "KW"),
        ("Aerosol free deodorant roll-on", "GB"),
        ("Tobacco-free herbal snuff", "FR"),
    ],
)
def test_a_stated_absence_vetoes_the_concept(text: str, dest: str) -> None:
    assert level_of_text(text, dest) in ("none", "warning"), text


def test_a_negation_says_nothing_of_other_words() -> None:
    assert level_of_text("Chanel No. 5 eau de parfum 50ml", "GB") == "prohibited"
    assert level_of_text("Power bank 10000mAh, no cable", "GB") == "prohibited"
    assert level_of_text("Smartphone without contract 128GB", "GB") == "restricted"


def test_negated_by_must_name_a_known_concept(tmp_path) -> None:
    folder = tmp_path / "rules"
    write_one_rule_folder(
        folder, rule='negated_by = ["battery"]\n', match='keywords = ["thing"]\nexclude = []\n'
    )
    with pytest.raises(DataError, match="negated_by"):
        compile_folder(folder)


DEVICES = (
    "Smartphone Samsung Galaxy A15",
    "Apple MacBook Air M2",
    "Wireless earbuds with charging case",
    "Rechargeable electric toothbrush",
    "Kindle Paperwhite e-reader",
    "Smartwatch with GPS",
    "Canon EOS R8 mirrorless camera body",
    "Ring Battery Doorbell 2nd Gen",
    "Theragun Mini massage gun",
    "Rechargeable hearing aids, pair",
    "Apple AirTag",
)


def test_no_device_with_an_installed_battery_is_prohibited_for_its_battery() -> None:
    """A prohibition blocks printing: only law or a current operator rule may block a device
    whose battery is installed. Import bans and sanctions on the device itself are not about its
    battery and are left out (a category other than dangerous goods and postal rules)."""
    assert battery_prohibitions(DEVICES) == []


def test_south_africa_by_post_is_restricted_with_the_operator_notice() -> None:
    findings = {f.rule: f for f in screen_item("Apple iPhone 15 128GB", destination="ZA")}
    za = findings["ZA-LITHIUM-POST"]
    assert za.level == "restricted"
    assert "2018" in za.message and "operator" in za.message
    assert "2018" in za.customer_text
    loose = {f.rule: f.level for f in screen_item("Power bank 10000mAh", destination="ZA")}
    assert loose["DG-LI-LOOSE"] == "prohibited"
