"""The article reading of the screening (``screening/articles.py``): a keyword that only
describes another article the tariff vocabulary names does not make the item the good, in English,
German, French and Spanish; regulated goods of the same look keep their findings. Phrasings of
their own, not rows of the evaluation sets."""

from __future__ import annotations

import pytest

from shipdesk.core.screening.articles import ArticleIndex, ArticleReading, article_index
from shipdesk.core.screening.reading_schema import reading_table
from shipdesk.core.screening.rule_schema import Problems
from tests.screening_case import level_of_text

FLAGGED = ("prohibited", "restricted")


@pytest.mark.parametrize(
    ("text", "dest"),
    [
        # a print or motif of the good on an everyday article
        ("Baby romper with cactus print organic cotton", "AU"),
        ("Firework pattern napkins 40 pack", "IE"),
        ("Gardine mit Kaktus Muster 140x245", "AU"),
        ("Taie d'oreiller motif feux d'artifice", "IE"),
        ("Toalla de playa estampado de cactus", "AU"),
        # the main product ends (English, German) or starts (French, Spanish) with the article
        ("Firework night tote bag", "IE"),
        ("Mug à café cactus en céramique", "AU"),
        ("Sweat-shirt tequila humour homme", "SA"),
        # an empty holder
        ("Empty cigar tubes aluminium 10 pack", "SG"),
        ("Frascos de perfume vacíos 10 ml", "AU"),
        # a compound ending in another article
        ("Cheesecloth bags for nut milk", "NZ"),
        # the good's shape, with or without an article the vocabulary names
        ("Cheese shaped eraser set", "DE"),
        # stickers, decals and guides are depictions; artificial plants; spare parts
        ("Wall sticker firework night 60cm", "IE"),
        ("Guía de cervezas artesanas", "SA"),
        ("Künstlicher Bonsai 40cm", "HU"),
        ("Replacement flint for petrol lighter", "AE"),
        # a flavour or scent of the good on another article
        ("Rum flavoured fudge 200g", "KW"),
        ("Caramelos sabor cerveza", "SA"),
    ],
)
def test_a_keyword_that_describes_another_article_flags_nothing(text: str, dest: str) -> None:
    assert level_of_text(text, dest) not in FLAGGED


@pytest.mark.parametrize(
    ("text", "dest", "level"),
    [
        ("Fireworks rocket pack printed box 12 shots", "IE", "prohibited"),
        ("Cactus in ceramic pot live plant", "AU", "prohibited"),
        ("Whisky gift set with printed tin 40% 70cl", "SA", "prohibited"),
        ("Coffret bière avec verre imprimé", "SA", "prohibited"),
        ("Pipe tobacco cherry 50g pouch", "US", "warning"),
        ("Barbecue firelighters 24 cubes", "GB", "prohibited"),
        ("Seed paper gift tags plantable", "NZ", "restricted"),
        ("Bluetooth headband for sleeping with speakers", "DE", "restricted"),
        ("Spare lithium battery for phone 3000mAh", "DE", "prohibited"),
        ("Live bonsai tree juniper", "HU", "restricted"),
        ("Cherry flavour pipe tobacco 50g", "US", "warning"),
        ("Whisky aroma 40% vol 70cl", "SA", "prohibited"),
    ],
)
def test_regulated_goods_of_the_same_look_keep_their_level(
    text: str, dest: str, level: str
) -> None:
    plain = {
        "prohibited": ("prohibited",),
        "restricted": ("restricted", "prohibited"),
        "warning": ("warning", "restricted", "prohibited"),
    }
    assert level_of_text(text, dest) in plain[level]


def test_the_index_reads_plurals_compounds_and_languages() -> None:
    index = ArticleIndex(
        {
            "cake": frozenset({"1905"}),
            "cheese": frozenset({"0406"}),
            "tablier": frozenset({"6211"}),
            "pyjama": frozenset({"6107"}),
        },
        {"cake": frozenset({"en"}), "tablier": frozenset({"fr"})},
    )
    assert index.headings("pyjamas") == frozenset({"6107"})
    assert index.tail("cheesecake") == ("cake", frozenset({"1905"}))
    assert index.tail("pancake") is None  # "pan" is not a term: no compound
    assert index.langs("tablier") == frozenset({"fr"})
    assert index.find(["cheese", "cake", "tablier"]) == [
        (0, 1, frozenset({"0406"})),
        (1, 2, frozenset({"1905"})),
        (2, 3, frozenset({"6211"})),
    ]


def test_the_shipped_vocabulary_is_indexed_once() -> None:
    assert article_index() is article_index()
    assert article_index().headings("leggings") is not None


def test_a_hit_no_article_describes_is_kept() -> None:
    reading = ArticleReading(categories=frozenset({"tobacco_alcohol"}))
    assert not reading.modifiers_only("gin 70cl", [(0, 3)], "tobacco_alcohol", ())
    assert not reading.modifiers_only("gin 70cl", [], "tobacco_alcohol", ())


def test_article_headings_are_checked() -> None:
    probs = Problems()
    reading_table(
        {
            "article_categories": ["weapons", "nonsense"],
            "article_headings": {"weapons": ["93", "9x"], "elsewhere": ["22"]},
        },
        "groups.toml",
        probs,
    )
    text = " ".join(str(p) for p in probs.items)
    assert "nonsense" in text
    assert "'9x' is not an HS chapter or heading" in text
    assert "elsewhere" in text
