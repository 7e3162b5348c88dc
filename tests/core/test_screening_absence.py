"""What a harmless item says it is not, or is made of (groups.toml [reading]): a keyword said to
be absent ("ohne Pflanze", "sans couteaux", "seeds not included"), a part "for" a cordless tool,
a picture or a shape of the good, a food or cosmetic made with a drink or with butter, and
equipment for brewing and distilling. The regulated items beside them keep their level. Phrasings
here are not those of the evaluation sets; they test the readings, not a list of titles."""

from __future__ import annotations

import pytest

from shipdesk.core.screening.negation import Negators
from tests.screening_case import assert_level_of_plain_naming, level_of_text


@pytest.mark.parametrize(
    ("text", "dest"),
    [
        ("Decorative birdcage planter, no plant", "AU"),
        ("Übertopf Zink ohne Pflanze und ohne Erde", "NZ"),
        ("Cache-pot en terre cuite sans plante", "CA"),
        ("Macetero de barro sin planta ni tierra", "AU"),
        ("Knife roll bag canvas, knives not included", "GB"),
        ("Boîte à cigares vide sans cigares", "AE"),
        ("Estuche para puros de piel sin puros", "AE"),
        ("Fleischfreie Salami vegan 100 g", "AU"),
        ("Saucisses végétales sans viande x6", "AU"),
        ("Parfümfreie Handcreme 75 ml", "TW"),
        ("Crème mains sans parfum 75 ml", "TW"),
    ],
)
def test_a_keyword_said_to_be_absent_does_not_fire(text: str, dest: str) -> None:
    assert level_of_text(text, dest) == "none", text


@pytest.mark.parametrize(
    ("text", "dest", "plain"),
    [
        ("Zigaretten ohne Filter 10 Packungen", "AU", "Cigarettes 200"),
        ("Lactose free cheddar cheese 400g", "AT", "Cheese 500g"),
        ("Cordless drill without charger 18V 2Ah battery", "GB", "Cordless drill with battery"),
        ("Nicotine-free disposable vape 800 puffs", "GB", "Disposable vape 600 puffs"),
        ("Perfume without box 50ml", "GB", "Perfume 100ml"),
    ],
)
def test_a_negation_of_another_word_leaves_the_good(text: str, dest: str, plain: str) -> None:
    assert_level_of_plain_naming(text, dest, plain)


def test_the_negated_word_is_the_one_the_negator_governs() -> None:
    neg = Negators(
        before=(("without",), ("ohne",), ("free", "of")),
        after=(("not", "included"), ("free",), ("frei",)),
        joins=("and", "or", "und"),
        not_after=frozenset({"shipping"}),
    )
    text = "pot without soil or plant and seeds not included"
    at = {w: (text.index(w), text.index(w) + len(w)) for w in ("pot", "plant", "seeds", "soil")}
    assert neg.hits_negated(text, [at["plant"], at["soil"], at["seeds"]])
    assert not neg.hits_negated(text, [at["pot"]])
    assert not neg.hits_negated("vodka free shipping", [(0, 5)])
    assert neg.hits_negated("vodka free mixer", [(0, 5)])
    assert neg.hits_negated("alkoholfreier punsch", [(0, 11)])
    assert not neg.hits_negated("zero nicotine vape", [(14, 18)])


@pytest.mark.parametrize(
    "text",
    [
        "Saw blade set for cordless reciprocating saw 5 pcs",
        "Bohrer-Set für Akku-Schlagbohrschrauber 15-teilig",
        "Forets pour perceuse sans fil coffret 20 pièces",
        "Juego de brocas para atornillador inalámbrico 30 piezas",
        "Trimmer line spool for cordless strimmer 2 pack",
        "Inner tube 8.5 inch for electric scooter",
    ],
)
def test_a_part_for_a_cordless_tool_is_the_part(text: str) -> None:
    assert level_of_text(text, "GR") == "none", text


@pytest.mark.parametrize(
    "text",
    [
        "Replacement battery for cordless strimmer 18V 2Ah",
        "Batterie de rechange pour perceuse sans fil 18 V",
    ],
)
def test_a_battery_for_a_cordless_tool_is_a_battery(text: str) -> None:
    assert_level_of_plain_naming(text, "GR", "Lithium ion battery")


@pytest.mark.parametrize(
    ("text", "dest"),
    [
        ("Canvas print vintage rum bottles 40x60", "KW"),
        ("Kunstdruck Bierkrug Oktoberfest gerahmt", "KW"),
        ("Tableau toile bouteilles de champagne 50 x 70", "KW"),
        ("Cuadro lienzo copas de vino tinto", "KW"),
        ("Coussin en forme de cactus", "AU"),
        ("Cojín con forma de cactus", "AU"),
    ],
)
def test_a_picture_or_a_shape_of_the_good_is_no_good(text: str, dest: str) -> None:
    assert level_of_text(text, dest) == "none", text


@pytest.mark.parametrize(
    ("text", "dest"),
    [
        ("Lemon curd with gin 320g", "KW"),
        ("Senf mit Weißbier 200 ml", "KW"),
        ("Bombones al ron 200 g", "KW"),
        ("Whisky fudge 150g gift bag", "KW"),
        ("Sablés pur beurre 200 g", "CH"),
    ],
)
def test_a_food_made_with_a_drink_or_butter_is_the_food(text: str, dest: str) -> None:
    assert level_of_text(text, dest) == "none", text


@pytest.mark.parametrize(
    ("text", "dest", "plain"),
    [
        ("Salami with Barolo wine 200g", "AT", "Salami 250g"),
        ("Queso de oveja al vino tinto 250 g", "CZ", "Cheese 500g"),
        ("Gin with elderflower and lemon 40% 70cl", "GB", "Gin 40% 70cl"),
        ("Whisky gift tin with two glasses 40% 70cl", "GB", "Whisky 40% 70cl"),
    ],
)
def test_a_regulated_food_or_a_drink_with_a_flavour_keeps_its_level(
    text: str, dest: str, plain: str
) -> None:
    assert_level_of_plain_naming(text, dest, plain)


def test_a_food_made_with_wine_is_not_wine_where_alcohol_is_banned() -> None:
    # the cheese rules still read the cheese; the alcohol ban does not read the wine in it
    assert level_of_text("Cheddar with port wine 200g", "SA") == level_of_text("Cheddar 200g", "SA")


@pytest.mark.parametrize(
    ("text", "dest"),
    [
        ("Home brewing fermenter 23 litre with airlock", "US"),
        ("Zapfanlage für Bierfass 5 Liter", "US"),
        ("Alambic de distillation 3 L pour huiles essentielles", "CN"),
        ("Kit para hacer cerveza casera con fermentador", "US"),
    ],
)
def test_equipment_for_brewing_and_distilling_is_the_equipment(text: str, dest: str) -> None:
    assert level_of_text(text, dest) == "none", text


@pytest.mark.parametrize(
    ("text", "dest"),
    [
        ("Leather cigar case for three, cigars not included", "AE"),
        ("Coffret cadeau whisky en bois, bouteille non incluse", "AE"),
        ("Geschenkbox für Rum aus Holz ohne Inhalt", "AE"),
        ("Porte-cigares en cuir sans cigares", "AE"),
        ("Succulent plant stand without plants", "AU"),
    ],
)
def test_a_holder_whose_good_is_absent_is_the_holder(text: str, dest: str) -> None:
    assert level_of_text(text, dest) == "none", text
