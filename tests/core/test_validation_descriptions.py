"""Vague goods descriptions in English, French, German and Spanish."""

from __future__ import annotations

import tomllib

import pytest

from shipdesk.core.model import Declaration, Item, Party
from shipdesk.core.paths import resource
from shipdesk.core.text import fold, words
from shipdesk.core.validation import validate
from shipdesk.core.validation.descriptions import check_description


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Gift", "en"),
        ("gifts", "en"),
        ("2 x Spare parts", "en"),
        ("Clothes", "en"),
        ("Samples", "en"),
        ("Electronics", "en"),
        ("Exhibition goods", "en"),
        ("Merchandise", "en"),
        ("See invoice", "en"),
        ("Various", "en"),
        ("Personal effects", "en"),
        ("Daily necessities", "en"),
        ("Food products", "en"),
        ("Cadeau", "fr"),
        ("Vêtements", "fr"),
        ("Pièces détachées", "fr"),
        ("Échantillons", "fr"),
        ("Geschenk", "de"),
        ("Kleidung", "de"),
        ("Ersatzteile", "de"),
        ("Diverse Waren", "de"),
        ("Regalo", "es"),
        ("Ropa", "es"),
        ("Piezas de repuesto", "es"),
        ("Muestras", "es"),
    ],
)
def test_vague(text: str, lang: str) -> None:
    v = check_description(text)
    assert v is not None and v.level == "vague", text
    assert v.term.lang == lang
    assert v.hint().startswith("say ")


def test_the_hint_is_told_in_the_message_language() -> None:
    """The "say what the article is ..." hint inside a vague-description message was English
    in a German, French or Spanish message."""
    from shipdesk.core.model import Declaration, Item
    from shipdesk.core.validation import validate

    said = {
        "de": "angeben, was der Artikel ist, woraus er besteht und wofür",
        "fr": "indiquez ce qu'est l'article, en quoi il est fait et à quoi",
        "es": "indique qué es el artículo, de qué está hecho y para qué",
    }
    for lang, hint in said.items():
        msgs = [
            p.message
            for p in validate(Declaration(items=[Item(description="gift")]), lang=lang).problems
        ]
        assert any(hint in m and "say " not in m for m in msgs), (lang, msgs)


@pytest.mark.parametrize(
    "text",
    [
        "phone accessories",
        "cotton clothes",
        "Ersatzteile für Autos",
        "ropa de algodón",
        "brake parts",
    ],
)
def test_generic(text: str) -> None:
    v = check_description(text)
    assert v is not None and v.level == "generic", text


@pytest.mark.parametrize(
    "text",
    [
        "Women's T-shirt, 100% cotton, knitted",
        "men's cotton knitted T-shirts",
        "brake discs for passenger cars",
        "women's leather ankle boots",
        "ceramic coffee mugs",
        "used paperback novels",
        "lithium-ion power bank 10,000 mAh",
        "capacitors, resistors and diodes",
        "silicone phone case",
        "ceramic floor tile samples, 10 x 10 cm",
        "T-shirts en coton pour homme",
        "Bremsscheiben für Pkw",
        "camisetas de algodón para hombre",
    ],
)
def test_specific_descriptions_pass(text: str) -> None:
    assert check_description(text) is None


def test_matched_words_are_shown_as_typed() -> None:
    v = check_description("Vêtements")
    assert v is not None and v.matched == "Vêtements"


def test_fold_ignores_case_and_accents() -> None:
    assert fold("Vêtements ÉCHANTILLONS Straße") == "vetements echantillons strasse"
    assert words("Men's T-shirt, 2x") == ["men", "s", "t", "shirt", "2x"]


def test_every_term_has_a_hint_and_example() -> None:
    data = tomllib.loads(resource("vague_terms.toml").read_text(encoding="utf-8"))
    langs = {t["lang"] for t in data["term"]}
    assert langs == {"en", "fr", "de", "es"}
    for t in data["term"]:
        assert t["missing"] and set(t["missing"]) <= set(data["hints"]), t["text"]
        assert check_description(t["example"]) is None, t["example"]
        assert check_description(t["text"]) is not None, t["text"]


def _decl(description: str, category: str = "sale_of_goods") -> Declaration:
    return Declaration(
        category=category,
        currency="EUR",
        sender=Party(
            name="Anna Schmidt",
            street="Hauptstraße 12",
            city="Berlin",
            postcode="10115",
            country="DE",
        ),
        recipient=Party(
            name="John Miller",
            street="1 Main Street",
            city="Mountain View",
            postcode="94043",
            region="CA",
            country="US",
        ),
        items=[
            Item(
                description=description,
                quantity="1",
                net_weight_kg="0.2",
                value="20",
                hs_code="" if category == "documents" else "610910",
                origin_country="" if category == "documents" else "PT",
            )
        ],
        gross_weight_kg="0.3",
    )


def _desc_problems(d: Declaration) -> list[tuple[str, str, str]]:
    r = validate(d, operator="upu")
    return [(p.level, p.code, p.message) for p in r.problems if p.field == "items[0].description"]


def test_vague_is_an_error_with_what_is_missing() -> None:
    ((level, code, message),) = _desc_problems(_decl("Gift"))
    assert (level, code) == ("error", "description_vague")
    assert "what the article is" in message and "made of" in message
    assert "wooden toy train" in message


def test_generic_is_a_warning() -> None:
    ((level, code, message),) = _desc_problems(_decl("phone accessories"))
    assert (level, code) == ("warning", "description_generic")
    assert "'accessories'" in message


def test_too_short_and_too_long() -> None:
    assert _desc_problems(_decl("ab"))[0][:2] == ("error", "description_too_short")
    assert _desc_problems(_decl("new, used"))[0][:2] == ("error", "description_too_short")
    long = "Hand-painted ceramic coffee mug with a blue floral pattern " * 3
    assert _desc_problems(_decl(long))[0][:2] == ("warning", "description_too_long")


def test_documents_word_in_the_documents_category() -> None:
    d = _decl("Documents", category="documents")
    d.items[0].value = "0"
    assert [x[:2] for x in _desc_problems(d)] == [("warning", "description_documents")]
    assert _desc_problems(_decl("Documents"))[0][:2] == ("error", "description_vague")
