"""The shop vocabulary: breadth per category in four languages, one goods type per
concept."""

from __future__ import annotations

from collections import Counter

import pytest

from shipdesk.core.paths import resource
from shipdesk.core.tariff import lookup
from shipdesk.core.tariff.vocabulary import read_vocabulary

CATEGORIES = (
    "apparel",
    "footwear",
    "bags",
    "jewellery",
    "cosmetics",
    "phones",
    "computers",
    "cables",
    "toys",
    "books",
    "home",
    "tools",
    "sport",
    "auto",
    "food",
    "supplements",
    "collectibles",
    "instruments",
    "art",
    "medical",
    "pet",
    "baby",
)


@pytest.fixture(scope="module")
def terms() -> list:
    return read_vocabulary(resource("tariff", "vocabulary.csv"))[0]


def test_every_category_has_breadth_in_four_languages(terms: list) -> None:
    concepts = {(t.category, t.concept) for t in terms}
    per_cat = Counter(cat for cat, _ in concepts)
    for cat in CATEGORIES:
        assert per_cat[cat] >= 8, cat
        langs = Counter(t.lang for t in terms if t.category == cat)
        assert {"en", "de", "fr", "es"} <= set(langs), (cat, langs)


def test_every_concept_with_foreign_terms_has_an_english_wording(terms: list) -> None:
    # a foreign term is handed to the (English) encoder as its concept's first English term
    english = {t.concept for t in terms if t.lang == "en"}
    foreign_only = {t.concept for t in terms if t.lang != "en"} - english
    assert not foreign_only


@pytest.mark.parametrize(
    ("query", "heading"),
    [
        ("Kaffeevollautomat", "8516"),
        ("Hundeleine", "4201"),
        ("cuerdas de guitarra", "9209"),
        ("Briefmarkensammlung", "9704"),
        ("Klobürste", "9603"),
        ("Zahnriemen", "4010"),
        ("Stechbeitel", "8205"),
        ("marine collagen", "3504"),
        ("lentillas", "9001"),
        ("Reitstiefel", "6403"),
    ],
)
def test_new_shop_words_lead_to_their_heading(query: str, heading: str) -> None:
    assert lookup.suggest(query, top=1)[0].code[:4] == heading


@pytest.mark.parametrize(
    ("query", "heading"),
    [
        ("Maglietta di cotone", "6109"),
        ("Zaino per la scuola", "4202"),
        ("Asciugamano in cotone", "6302"),
        ("Draadloze koptelefoon", "8518"),
        ("Kinderwagen opvouwbaar", "8715"),
        ("Leren portemonnee", "4202"),
        ("Plecak szkolny", "4202"),
        ("Słuchawki bezprzewodowe", "8518"),
        ("Ręcznik bawełniany", "6302"),
        ("Lucchetto con combinazione", "8301"),
        ("Verrekijker 10x50", "9005"),
        ("Zapalniczka gazowa", "9613"),
    ],
)
def test_italian_dutch_and_polish_shop_words_lead_to_their_heading(
    query: str, heading: str
) -> None:
    assert lookup.suggest(query, top=1)[0].code[:4] == heading


def test_foreign_term_is_read_as_its_own_concept_wording() -> None:
    # one goods type per concept: a German word for a toilet brush must not be read as the
    # first English term of some broader group
    assert lookup.engine().reader.read("Klobürste").english == "toilet brush"
