"""A marketplace title is read as its article: brand and model names, sizes, colours, pack
counts and selling words are left out, and the article is named among its first words."""

from __future__ import annotations

import pytest

from shipdesk.core.tariff import lookup
from shipdesk.core.tariff.article import TITLE_HEAD, article_end
from shipdesk.core.tariff.query import TITLE_WORDS, VocabMatch, article_words


def test_article_words_leave_out_numbers_colours_and_pack_counts() -> None:
    ws = [
        "aaa",
        "alkaline",
        "batteries",
        "1",
        "5v",
        "lr03",
        "24",
        "count",
        "family",
        "pack",
        "black",
    ]
    assert article_words(ws, []) == ["aaa", "alkaline", "batteries"]
    # a word a shop term names stays ("black tea")
    tea = ["black", "tea", "bags", "100", "count"]
    assert article_words(tea, [VocabMatch("tea", 0, 0, 2)]) == ["black", "tea", "bags"]


def test_a_title_drops_unknown_brand_names_instead_of_correcting_them() -> None:
    reader = lookup.engine().reader
    short = reader.read("Withings blood pressure monitor")  # a short line: typo correction
    assert not short.title
    title = reader.read(
        "Withings BPM Connect Wi-Fi Smart Blood Pressure Monitor Upper Arm Cuff, Medically Accurate"
    )
    assert title.title and len(title.original.split()) > TITLE_WORDS
    assert "whitings" not in title.words and "withings" not in title.words
    assert {"blood", "pressure", "monitor"} <= set(title.words)


def test_in_a_title_the_article_is_named_first() -> None:
    reading = lookup.engine().reader.read(
        "Lenovo IdeaPad 3 15.6 inch Full HD Laptop Intel Core i5 8GB RAM 512GB SSD Windows 11"
    )
    assert article_end(reading) <= TITLE_HEAD
    assert reading.words.index("laptop") < article_end(reading)


@pytest.mark.parametrize(
    ("title", "code"),
    [
        (
            "Google Pixel 8 5G Android Smartphone 128GB Unlocked, Obsidian Black, 50MP Camera",
            "851713",
        ),
        ("Energizer MAX AAA Alkaline Batteries 1.5V LR03, 24 Count Family Pack", "850610"),
        ("Essie Nail Polish Gloss Finish Ballet Slippers Sheer Pink 13.5ml", "330430"),
    ],
)
def test_titles_are_classified_by_their_article(title: str, code: str) -> None:
    assert lookup.suggest(title, top=3)[0].code == code


# An unknown word beside goods the line already names with known words is a brand or model
# name: it is not corrected into other goods, a capitalised one not corrected at all, and a
# word with a capital inside ("ThermoScan") not split into known words.


@pytest.mark.parametrize(
    ("line", "not_read"),
    [
        ("Braun ThermoScan 7 Ear Thermometer IRT6520 with Age Precision", {"thermos", "can"}),
        (
            "Petzl Tikkina Compact Headlamp 300 Lumens Hiking Camping Running Black",
            {"pretzel", "lens"},
        ),
        (
            "Casio FX-991EX ClassWiz Advanced Scientific Calculator Solar Battery Powered",
            {"casino"},
        ),
        ("Gillette Fusion5 razor blades 8 pack refills for men", {"galette"}),
        ("Heren T-shirt ronde hals 100 % katoen", {"rondel"}),
    ],
)
def test_brand_words_are_not_read_as_other_goods(line: str, not_read: set[str]) -> None:
    reading = lookup.engine().reader.read(line)
    assert not not_read & set(reading.words), reading.words
    assert not not_read & set(reading.english.split())


def test_typos_of_the_goods_are_still_corrected() -> None:
    reader = lookup.engine().reader
    assert reader.read("leathr walet").corrections == {"leathr": "leather", "walet": "wallet"}
    assert reader.read("hair conditoner 300ml").corrections == {"conditoner": "conditioner"}


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ("Heren T-shirt ronde hals 100 % katoen", "610910"),
        ("Lampka rowerowa przednia ładowana USB", "851210"),
    ],
)
def test_lines_with_brand_like_words_find_their_goods(line: str, code: str) -> None:
    assert lookup.suggest(line, top=3)[0].code == code


def test_a_title_names_its_article_last_before_with() -> None:
    # the brand-like known words come first; the article is the term ending at "with", even
    # after the first TITLE_HEAD words
    line = "Sherpa Explorer Mens Genuine Leather Slim Bifold Wallet with Coin Pocket Brown"
    reading = lookup.engine().reader.read(line)
    assert reading.title
    assert reading.words.index("wallet") >= TITLE_HEAD
    assert article_end(reading) == reading.words.index("with")
    assert lookup.suggest(line, top=1)[0].code == "420231"


def test_a_title_without_a_term_at_its_connector_keeps_its_first_words() -> None:
    line = "Acme Pro Cordless Drill Driver 18V Two Batteries Charger LED Light with Carry Case"
    reading = lookup.engine().reader.read(line)
    assert reading.title
    assert article_end(reading) <= TITLE_HEAD
