"""The EU members' own national additions (dest/IT.toml, ES, NL, AT, PL, SE, IE, DK, PT, CZ, FI,
GR, EE, LT, HU, LV, SI, RO, SK, LU, HR, BG, CY, MT): each file loads with dated sources, each
national rule fires at its destination and not at a neighbour without the rule, and harmless items
with the same trigger words stay clear."""

from __future__ import annotations

import pytest

from shipdesk.core.paths import resource
from shipdesk.core.screening.rule_loader import compile_folder
from shipdesk.core.screening.screen import highest_level, screen_item

NATIONAL = (
    "IT",
    "ES",
    "NL",
    "AT",
    "PL",
    "SE",
    "IE",
    "DK",
    "PT",
    "CZ",
    "FI",
    "GR",
    "EE",
    "LT",
    "HU",
    "LV",
    "SI",
    "RO",
    "SK",
    "LU",
    "HR",
    "BG",
    "CY",
    "MT",
)
RULES = compile_folder(resource("rules"))

# rule | description | destination | neighbour without the rule | origin | channel | declaration
# category | level at the destination
CASES_TEXT = """
IT-TOBACCO-DISTANCE | Marlboro Gold cigarettes carton 200 | IT | SI | DE | post | sale | prohibited
IT-TOBACCO-DISTANCE | Tabacco trinciato 50g | IT | SI | DE | post | sale | prohibited
IT-SMOKING-PAPERS-DISTANCE | OCB rolling papers slim | IT | SI | DE | post | sale | prohibited
IT-ELIQUID-DISTANCE | E-liquid 10ml 0mg strawberry | IT | SI | DE | post | sale | restricted
ES-TOBACCO-DISTANCE | Camel rolling tobacco 50g | ES | PT | FR | post | sale | prohibited
ES-TOBACCO-DISTANCE | Cigarrillos Fortuna cartón | ES | PT | FR | post | sale | prohibited
AT-TOBACCO-MAILORDER | Elf Bar 600 disposable vape | AT | DE | DE | courier | sale | prohibited
AT-TOBACCO-MAILORDER | Drehtabak 40g Beutel | AT | DE | DE | post | sale | prohibited
AT-TOBACCO-MAILORDER | Nikotinfreies E-Liquid 10ml | AT | DE | DE | courier | sale | prohibited
NL-VAPE-FLAVOUR | Mango ice disposable vape 600 puffs | NL | DE | DE | courier | sale | prohibited
NL-VAPE-FLAVOUR | Strawberry kiwi e-liquid 10ml 12mg | NL | DE | DE | courier | sale | prohibited
PL-ECIG-DISTANCE | Vape pod kit starter set | PL | CZ | DE | courier | sale | warning
PL-ECIG-DISTANCE | Nicotine pouches 20 cans | PL | CZ | DE | courier | sale | warning
SE-ALCOHOL-ONLINE-NONEU | Red wine Bordeaux 75cl 13% | SE | DK | GB | courier | sale | prohibited
SE-ALCOHOL-ONLINE-NONEU | Scotch whisky 40% 70cl | SE | DK | GB | courier | sale | prohibited
SE-ALCOHOL-EU-EXCISE | Red wine Bordeaux 75cl 13% | SE | DK | FR | courier | sale | restricted
FI-TOBACCO-DISTANCE | Snus General 24g | FI | EE | SE | courier | sale | prohibited
FI-TOBACCO-DISTANCE | Nicotine e-liquid 10ml 18mg | FI | EE | DE | courier | sale | prohibited
FI-SPIRITS-80 | Spirytus Rektyfikowany 95% 500ml | FI | EE | PL | courier | gift | restricted
FI-PROHIBITED-WEAPONS | Brass knuckles steel | FI | EE | GB | courier |  | prohibited
FI-PROHIBITED-WEAPONS | Italian stiletto knife 9 inch | FI | EE | US | courier |  | prohibited
FI-PROHIBITED-WEAPONS | Throwing stars set of 3 | FI | EE | GB | courier |  | prohibited
IE-OFFENSIVE-WEAPONS | Flick knife automatic spring | IE | GB | US | courier |  | prohibited
IE-OFFENSIVE-WEAPONS | Sword umbrella katana handle | IE | GB | US | courier |  | prohibited
IE-OFFENSIVE-WEAPONS | Belt buckle knife | IE | GB | US | courier |  | prohibited
IE-FIREWORKS | Roman candle fireworks pack | IE | GB | GB | courier |  | prohibited
DK-VAPE-FLAVOUR | Strawberry e-liquid 10ml 6mg | DK | SE | DE | courier | sale | warning
PT-RADAR-DETECTOR | Escort radar detector Redline | PT | ES | US | post |  | prohibited
PT-MEDICINES-POST | Paracetamol 500mg 20 tablets | PT | ES | US | post |  | prohibited
PT-TOBACCO-ECIG-POST | Cigarettes 200 carton | PT | ES | US | post | gift | prohibited
PT-TOBACCO-ECIG-POST | Vape coils 5 pack | PT | ES | US | post | gift | prohibited
CZ-TOBACCO-POST-LIMIT | Cigarettes 200 carton | CZ | SK | US | post | gift | warning
GR-KNIVES | Hunting knife fixed blade | GR | CY | DE | post |  | restricted
GR-KNIVES | Swiss army knife Victorinox Huntsman | GR | CY | DE | post |  | restricted
EE-ECIG-DISTANCE | Elf Bar 600 disposable vape | EE | LV | DE | courier | sale | prohibited
LT-ECIG-DISTANCE | Vape pod kit starter set | LT | LV | DE | courier | sale | prohibited
LT-ECIG-DISTANCE | Herbal cigarettes damiana 20 | LT | LV | DE | post | sale | prohibited
HU-TOBACCO-ECIG-DISTANCE | Elf Bar 600 disposable vape | HU | SK | DE | courier | sale | warning
HU-TOBACCO-ECIG-DISTANCE | Marlboro Gold cigarettes carton | HU | SK | DE | post | sale | warning
LV-TOBACCO-ECIG-DISTANCE | Elf Bar 600 disposable vape | LV | LT | DE | courier | sale | warning
LV-TOBACCO-ECIG-DISTANCE | Marlboro Gold cigarettes carton | LV | LT | DE | post | sale | warning
SI-ECIG-DISTANCE | IQOS Iluma starter kit | SI | HR | GB | courier |  | warning
RO-TOBACCO-ECIG-DISTANCE | Kent cigarettes carton 200 | RO | HU | DE | post | sale | prohibited
RO-TOBACCO-ECIG-DISTANCE | Vape pod kit starter set | RO | HU | DE | courier | sale | prohibited
MT-TOBACCO-DISTANCE | Marlboro Gold cigarettes carton | MT | CY | DE | post | sale | prohibited
MT-SMOKELESS-TOBACCO | Red Man chewing tobacco 85g | MT | IT | US | post |  | prohibited
MT-SMOKELESS-TOBACCO | Apricot nasal snuff 10g tin | MT | IT | GB | courier | gift | prohibited
CY-PROHIBITED-KNIVES | Damascus steel dagger with sheath | CY | GR | US | courier |  | prohibited
CY-PROHIBITED-KNIVES | Switchblade automatic knife 9 inch | CY | GR | US | courier |  | prohibited
CY-OBSCENE | Adult DVD collection 10 discs | CY | GR | GB | courier |  | prohibited
CY-AIR-RIFLE-PERMIT | Gamo break barrel air rifle .177 | CY | GR | GB | courier |  | restricted
HR-AIR-AIRSOFT-GUNS | Umarex CO2 air pistol 4.5mm | HR | SI | DE | courier |  | restricted
HR-AIR-AIRSOFT-GUNS | Airsoft M4 AEG rifle 6mm full metal | HR | SI | DE | courier |  | restricted
LU-PROHIBITED-WEAPONS | Telescopic baton 21 inch steel | LU | BE | US | courier |  | warning
LU-PROHIBITED-WEAPONS | Brass knuckles steel | LU | BE | GB | courier |  | warning
LU-PROHIBITED-WEAPONS | Throwing knives set of 3 with sheath | LU | BE | GB | courier |  | warning
BG-TOBACCO-ECIG-DISTANCE | Marlboro Gold cigarettes carton | BG | GR | DE | post | sale | warning
BG-TOBACCO-ECIG-DISTANCE | Vape pod kit starter set | BG | GR | DE | courier | sale | warning
BG-DISPOSABLE-VAPE | Elf Bar 600 disposable vape | BG | GR | DE | courier |  | warning
SK-DISPOSABLE-FLAVOURED-VAPE | Einweg E-Zigarette Mango | SK | CZ | DE | courier |  | warning
"""
CASES = [tuple(f.strip() for f in line.split("|")) for line in CASES_TEXT.strip().splitlines()]


@pytest.mark.parametrize("code", NATIONAL)
def test_national_file_loads_with_dated_sources(code: str) -> None:
    rule_file = next(f for f in RULES.files if f.path == f"dest/{code}.toml")
    assert rule_file.rule_ids, code
    for rule_id in rule_file.rule_ids:
        rule = RULES.by_id[rule_id]
        assert rule.destinations == frozenset({code}), rule_id
        assert rule.sources and all(
            s["url"].startswith(("http://", "https://")) for s in rule.sources
        )
        assert all(s["accessed"] == "2026-12" for s in rule.sources), rule_id
        if rule.confidence == "unconfirmed":
            assert rule.level == "warning", rule_id
    # every national rule of the file has a case below
    assert set(rule_file.rule_ids) <= {c[0] for c in CASES}, code


@pytest.mark.parametrize("case", CASES, ids=[f"{c[0]}-{c[1][:30]}" for c in CASES])
def test_national_rule_fires_at_its_destination_and_not_at_a_neighbour(case: tuple) -> None:
    rule, text, dest, neighbour, origin, channel, category, level = case
    here = screen_item(
        text, destination=dest, origin=origin, channel=channel, item_category=category
    )
    assert (rule, level) in [(f.rule, f.level) for f in here]
    there = screen_item(
        text, destination=neighbour, origin=origin, channel=channel, item_category=category
    )
    assert rule not in [f.rule for f in there]
    assert not any(f.rule.startswith(f"{dest}-") for f in there)


def test_sale_only_rules_leave_gifts_alone() -> None:
    """The distance-sale bans are about sales to consumers: a gift between private persons gets
    the general warning only."""
    for dest, text in (
        ("IT", "Marlboro Gold cigarettes 200"),
        ("ES", "Camel rolling tobacco 50g"),
        ("RO", "Kent Nanotek cigarettes 200"),
        ("MT", "Marlboro Gold cigarettes 200"),
    ):
        gift = screen_item(text, destination=dest, origin="DE", item_category="gift")
        assert highest_level(gift) == "warning"
    gift = screen_item("Red wine 75cl", destination="SE", origin="GB", item_category="gift")
    assert "SE-ALCOHOL-ONLINE-NONEU" not in [f.rule for f in gift]


def test_intra_eu_and_courier_scopes() -> None:
    """Portugal's postal rules (CTT) hold for the post from outside the EU; Sweden's ban on
    online alcohol orders holds for orders from outside the EU."""
    assert screen_item("Paracetamol 500mg", destination="PT", origin="ES", channel="post") != []
    assert "PT-MEDICINES-POST" not in [
        f.rule for f in screen_item("Paracetamol 500mg", destination="PT", origin="ES")
    ]
    assert "PT-MEDICINES-POST" not in [
        f.rule
        for f in screen_item("Paracetamol 500mg", destination="PT", origin="US", channel="courier")
    ]
    eu = screen_item("Red wine 75cl", destination="SE", origin="FR", item_category="sale")
    assert "SE-ALCOHOL-ONLINE-NONEU" not in [f.rule for f in eu]


def test_tobacco_flavour_is_the_one_flavour_the_netherlands_allows() -> None:
    found = screen_item(
        "Tobacco flavour e-liquid 10ml 12mg", destination="NL", origin="DE", item_category="sale"
    )
    assert "NL-VAPE-FLAVOUR" not in [f.rule for f in found]


HARMLESS = [
    ("Cigarette case silver engraved", "IT", "DE", "sale"),
    ("Cigarette pants slim fit black", "ES", "FR", "sale"),
    ("Vape carrying case with lanyard", "AT", "DE", "sale"),
    ("Mango chutney 250g jar", "NL", "DE", "sale"),
    ("Wine glasses set of 6", "SE", "GB", "sale"),
    ("Non-alcoholic sparkling grape juice 75cl", "SE", "GB", "sale"),
    ("Stiletto heels black size 38", "FI", "GB", "sale"),
    ("Throwing star earrings silver", "FI", "GB", "sale"),
    ("Firework print cotton dress", "IE", "GB", "sale"),
    ("Fireworks night greeting card", "IE", "GB", "sale"),
    ("Umbrella compact windproof", "IE", "GB", "sale"),
    ("Strawberry jam 340g", "DK", "DE", "sale"),
    ("Radar chart poster", "PT", "US", "sale"),
    ("Chef knife 8 inch Damascus steel", "GR", "DE", "sale"),
    ("Butter knife set of 4", "GR", "DE", "sale"),
    ("Tobacco brown leather belt", "CZ", "US", "sale"),
    ("Nicotine-free herbal tea 20 bags", "PL", "DE", "sale"),
    ("Vape carrying case with lanyard", "LT", "DE", "sale"),
    ("Cigarette trousers navy", "HU", "DE", "sale"),
    ("Vape carrying case with lanyard", "SI", "GB", "sale"),
    ("Tobacco brown leather belt", "LV", "DE", "sale"),
    ("Cigarette trousers slim black", "RO", "DE", "sale"),
    ("Snuff bottle porcelain Chinese painted", "MT", "GB", "sale"),
    ("Pipe tobacco pouch leather", "MT", "DE", "gift"),
    ("Dagger earrings sterling silver", "CY", "GB", "sale"),
    ("Air rifle pellets .177 500 pcs", "CY", "GB", "sale"),
    ("Paintball mask anti-fog", "HR", "DE", "sale"),
    ("Bayonet mount lens adapter for Canon", "LU", "DE", "sale"),
    ("Nunchaku foam training set for kids", "LU", "DE", "sale"),
    ("Vape carrying case with lanyard", "BG", "DE", "sale"),
    ("Vape carrying case with lanyard", "SK", "DE", "sale"),
]


@pytest.mark.parametrize("case", HARMLESS, ids=[f"{c[1]}-{c[0][:30]}" for c in HARMLESS])
def test_harmless_items_with_trigger_words_stay_clear(case: tuple) -> None:
    text, dest, origin, category = case
    for channel in ("post", "courier"):
        found = screen_item(
            text, destination=dest, origin=origin, channel=channel, item_category=category
        )
        assert highest_level(found) not in ("prohibited", "restricted"), [f.rule for f in found]
        assert not any(f.rule.startswith(f"{dest}-") for f in found), [f.rule for f in found]
