"""Round 13 of the screening's reading: an article whose own vocabulary name holds the good's
word is that article, and words with a second meaning are read as a drink only with a stated
strength (groups.toml ``article_term_chapters`` and ``[stated_synonyms]``)."""

from __future__ import annotations

import pytest

from tests.screening_case import assert_level_of_plain_naming, level_of_text


@pytest.mark.parametrize(
    ("text", "dest"),
    [
        ("Pistolet à silicone professionnel 310ml", "CN"),  # a caulking gun (8205)
        ("Cigarettes russes au chocolat 150g", "TR"),  # rolled biscuits (1905)
    ],
)
def test_an_article_whose_name_holds_the_good_word_is_that_article(text: str, dest: str) -> None:
    assert level_of_text(text, dest) == "none"


@pytest.mark.parametrize(
    ("text", "dest", "plain"),
    [
        ("Pistolet 9mm", "DE", "Handgun"),
        ("Cigarettes blondes 200", "TR", "Cigarettes 200"),
        # a food made of the good is the good for the food rules: roasted nuts are nuts
        ("Pistachios roasted salted 500g", "CL", "Pistachios 500g"),
    ],
)
def test_the_good_itself_keeps_its_level(text: str, dest: str, plain: str) -> None:
    assert_level_of_plain_naming(text, dest, plain)


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("Zuger Kirsch 41% 0,7l", "Brandy 41% 70cl"),
        ("Genièvre de Houlle 49% 70cl", "Gin 49% 70cl"),
        ("Apfel Most 6% 1l", "Cider 6% 1l"),
    ],
)
def test_a_word_with_a_second_meaning_is_the_drink_with_a_stated_strength(
    text: str, plain: str
) -> None:
    assert_level_of_plain_naming(text, "US", plain)


@pytest.mark.parametrize(
    "text",
    [
        "Kirsch Duschgel 250ml",
        "Süßmost naturtrüb 1l",
        "Genièvre baies séchées 30g",
        "Marc de café 1kg",
    ],
)
def test_a_word_with_a_second_meaning_without_a_strength_is_not_the_drink(text: str) -> None:
    assert level_of_text(text, "US") == "none"


@pytest.mark.parametrize(
    ("text", "dest"),
    [
        ("Rideaux couleur absinthe 140x260", "NZ"),  # a colour named after the good
        ("Zumo de manzana puro 1L", "TW"),  # Spanish "puro" alone is "pure", not a cigar
    ],
)
def test_a_colour_or_pure_is_not_the_good(text: str, dest: str) -> None:
    assert level_of_text(text, dest) == "none"


@pytest.mark.parametrize(
    ("text", "dest", "plain"),
    [("Absinthe 68% 50cl", "NZ", "Vodka 40% 70cl"), ("Puros Cohiba caja de 10", "TR", "Cigars")],
)
def test_the_drink_and_the_cigars_keep_their_level(text: str, dest: str, plain: str) -> None:
    assert_level_of_plain_naming(text, dest, plain)


@pytest.mark.parametrize("text", ["Feuerwerksrakete Plüschtier", "Peluche pétard rigolo"])
def test_a_plush_or_costume_of_a_dangerous_good_is_not_the_good(text: str) -> None:
    assert level_of_text(text, "DE") == "none"


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        # a key ring may carry the good, a fridge magnet is a magnet
        ("Pepper spray keychain 20ml", "Pepper spray"),
        ("Kühlschrankmagnet Neodym extra stark 20 Stück", "Neodym Magnete extra stark 20 Stück"),
        # the lithium-battery rules do not read likenesses: a plush night light has its battery
        ("Kuscheltier mit Akku Nachtlicht", "Nachtlicht mit Akku"),
    ],
)
def test_a_key_ring_a_magnet_and_a_battery_plush_keep_their_level(text: str, plain: str) -> None:
    assert_level_of_plain_naming(text, "DE", plain)
