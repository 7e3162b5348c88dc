"""Between sibling subheadings the material and the stated words decide (tariff/siblings.py)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from shipdesk.core.tariff import lookup
from shipdesk.core.tariff.siblings import (
    by_age,
    read_subheading,
    reorder,
    stated_age,
    stated_materials,
)


def test_subheading_text_names_and_excludes() -> None:
    t = read_subheading(
        "T-shirts, singlets and other vests; of textile materials (other than cotton)"
    )
    assert "cotton" not in t.materials and "synthetic" in t.materials
    coffee = read_subheading("Coffee; roasted, not decaffeinated")
    assert coffee.excluded == {"decaffeinated"} and "decaffeinated" not in coffee.required
    # "whether or not" excludes nothing; a longer exclusion is too specific to judge
    assert not read_subheading(
        "Pasta, stuffed, whether or not cooked or otherwise prepared"
    ).excluded
    assert not read_subheading("Conductors; not fitted with connectors").excluded
    # the materials a text excludes are not among those it names
    rest = read_subheading(
        "Furnishing articles; of textile materials other than cotton or synthetic fibres"
    )
    assert not rest.materials & {"cotton", "synthetic"} and "wool" in rest.materials


def test_stated_materials() -> None:
    assert stated_materials(["faux", "leather", "bag"]) == {"plastics"}
    assert stated_materials(["leather", "bag"]) == {"leather"}
    assert stated_materials(["bed", "linen", "cotton"]) == {"cotton"}
    assert stated_materials(["linen", "dress"]) == {"flax"}


def test_the_material_of_a_sole_or_lining_is_not_the_articles() -> None:
    # Chapter 64 note 4: the upper decides; the sole's rubber only counts when nothing else is
    # stated
    assert stated_materials(["leather", "work", "boots", "rubber", "sole"]) == {"leather"}
    assert stated_materials(["textile", "upper", "rubber", "outsole"]) == {"textile"}
    assert stated_materials(["clogs", "rubber", "sole"]) == {"rubber"}
    assert stated_materials(["leather", "sole", "and", "upper"]) == {"leather"}


@dataclass
class _C:
    code: str
    score: float
    evidence: dict[str, int] = field(default_factory=dict)


TEXTS = {
    "610910": "T-shirts; of cotton, knitted",
    "610990": "T-shirts; of textile materials (other than cotton), knitted",
    "090121": "Coffee; roasted, not decaffeinated",
    "090122": "Coffee; roasted, decaffeinated",
    "420221": "Handbags, with outer surface of leather",
}


def _order(cands: list[_C], ws: list[str]) -> list[str]:
    return [c.code for c in reorder(cands, ws, lambda c: read_subheading(TEXTS[c]))]


def test_the_stated_material_moves_its_sibling_up() -> None:
    out = reorder(
        [_C("610910", 0.9), _C("610990", 0.8)],
        ["polyester", "t", "shirt"],
        lambda c: read_subheading(TEXTS[c]),
    )
    assert [c.code for c in out] == ["610990", "610910"]
    assert [c.score for c in out] == [0.9, 0.8]  # scores exchanged: still in score order
    assert _order([_C("610910", 0.9), _C("610990", 0.8)], ["cotton", "t", "shirt"]) == [
        "610910",
        "610990",
    ]
    # no material stated: nothing moves
    assert _order([_C("610910", 0.9), _C("610990", 0.8)], ["t", "shirt"]) == ["610910", "610990"]


def test_an_unstated_attribute_gives_way_to_the_sibling_that_excludes_it() -> None:
    assert _order([_C("090122", 0.9), _C("090121", 0.8)], ["ground", "coffee"]) == [
        "090121",
        "090122",
    ]
    assert _order([_C("090122", 0.9), _C("090121", 0.8)], ["decaf", "coffee"]) == [
        "090122",
        "090121",
    ]
    # the vocabulary concept's own first code is not overruled by an unstated word
    named = [_C("090122", 0.9, {"vocab": 1}), _C("090121", 0.8)]
    assert _order(named, ["ground", "coffee"]) == ["090122", "090121"]


def test_other_headings_and_chapters_are_left_alone() -> None:
    assert _order([_C("420221", 0.9), _C("610990", 0.8)], ["polyester", "bag"]) == [
        "420221",
        "610990",
    ]


def test_across_headings_the_material_decides_where_the_shop_terms_point() -> None:
    texts = {
        "401692": "Rubber; vulcanised (other than hard rubber), erasers, of non-cellular rubber",
        "392610": "Plastics; office or school supplies",
    }
    out = reorder(
        [_C("401692", 0.9), _C("392610", 0.8, {"near": 3})],
        ["gomme", "plastique"],
        lambda c: read_subheading(texts[c]),
    )
    assert [c.code for c in out] == ["392610", "401692"]


def test_wood_bamboo_and_their_exclusions() -> None:
    bamboo = read_subheading(
        "Tableware and kitchenware, of wood; of bamboo, bread boards, chopping boards"
    )
    assert bamboo.materials == {"bamboo"}
    other = read_subheading("Tableware and kitchenware, of wood; not of bamboo or tropical wood")
    assert other.materials == {"wood"} and other.unwanted == {"bamboo", "tropical"}
    # wood a tool works is not the tool's material; precious metal is no base metal
    assert not read_subheading("Hand tools, cutting tools for working wood").materials
    assert not read_subheading("Spoons; plated with precious metal").materials
    assert read_subheading("Furniture; metal, other than for office use").materials >= {"steel"}


def test_materials_in_six_more_languages() -> None:
    assert stated_materials(["braadpan", "gietijzer"]) == {"steel"}
    assert stated_materials(["aardewerk", "mok"]) == {"ceramic"}
    assert stated_materials(["schneidebrett", "holz"]) == {"wood"}
    assert stated_materials(["gomme", "plastique"]) == {"plastics"}
    assert stated_materials(["tovaglia", "di", "lino"]) == {"flax"}
    assert stated_materials(["oak", "shelf"]) == {"wood"}
    assert stated_materials(["gietijzeren", "pan"]) == {"steel"}


def test_a_text_names_a_fibre_or_takes_in_any_textile() -> None:
    assert read_subheading("Dresses; of artificial fibres (not knitted)").own == {"artificial"}
    other = read_subheading("Dresses; of textile materials n.e.c. in item no. 6204.4")
    assert not other.own and "artificial" in other.materials


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("Polyester sports t-shirt quick dry", "610990"),
        ("Faux leather shoulder bag", "420222"),
        ("Café moulu", "090121"),
        ("Stoneware mug", "691200"),
        ("Men's merino wool cardigan", "611011"),
        # no fitting sibling among the first five: the fitting one from further down
        ("Women's linen blouse", "620690"),
        # wood, bamboo and cast iron, in every language
        ("Houten broodplank", "441990"),
        ("Bamboo salad bowl", "441919"),
        ("Gusseisen Schmortopf emailliert", "732392"),
        # across headings: the stated material where the shop terms point
        ("Silicone spatula", "392410"),
        ("Bath curtain PEVA with rings", "392490"),
        # the sibling that names the stated fibre, not "textile materials n.e.c."
        ("Vestito da donna in viscosa tessuto", "620444"),
    ],
)
def test_search_puts_the_fitting_sibling_first(query: str, code: str) -> None:
    assert lookup.suggest(query, top=3)[0].code == code


# The age a stated year gives decides collectors' coins and antiques, counted from the current
# date (siblings.by_age).


def test_stated_age_counts_from_the_year_given() -> None:
    assert stated_age(["old", "coins", "1850"], 2026) == 176
    assert stated_age(["coins", "1880s"], 2030) == 150
    assert stated_age(["coin", "2020"], 2026) == 6
    assert stated_age(["coin", "2030"], 2026) is None  # not a year yet
    assert stated_age(["puzzle", "100", "pieces"], 2026) is None


def _first_by_age(codes: list[str], ws: list[str], year: int) -> str:
    cands = [_C(c, 1.0 - i / 10) for i, c in enumerate(codes)]
    return by_age(cands, ws, year)[0].code


def test_the_age_decides_coins_and_antiques() -> None:
    coins = ["970539", "970531", "711890"]
    assert _first_by_age(coins, ["coins", "1930"], 2026) == "970539"
    # the same year, 10 years later: over 100 years old
    assert _first_by_age(coins, ["coins", "1930"], 2036) == "970531"
    # a coin over 100 years old is a collectors' piece, not coin of heading 71.18
    assert _first_by_age(["711890", "711810", "970531"], ["coin", "1890"], 2026) == "970531"
    assert _first_by_age(["711890", "970531"], ["coin", "1990"], 2026) == "711890"
    antiques = ["970690", "970610"]
    assert _first_by_age(antiques, ["chest", "1700"], 2026) == "970610"
    assert _first_by_age(["970610", "970690"], ["chest", "1850"], 2026) == "970690"
    # only a coin or an antique first is decided by a year
    assert _first_by_age(["950300", "970690"], ["puzzle", "1500"], 2026) == "950300"


@pytest.mark.parametrize(
    "query", ["Old coins collection 1850", "silver coin 1890", "Münzsammlung Silber 1900"]
)
def test_old_coins_are_collectors_pieces_over_100_years(query: str) -> None:
    assert lookup.suggest(query, top=3)[0].code == "970531"


def test_a_material_inside_a_german_or_dutch_compound_is_stated() -> None:
    assert stated_materials(["damen", "wollpullover"]) == {"wool"}
    assert stated_materials(["leinenhose"]) == {"flax"}
    assert stated_materials(["baumwollsocken"]) == {"cotton"}  # not wool
    assert stated_materials(["lederhandschuhe"]) == {"leather"}
    assert stated_materials(["kaschmirschal"]) == {"wool", "kashmir"}
    assert stated_materials(["katoenen", "tas"]) == {"cotton"}
    assert stated_materials(["pullover"]) == frozenset()


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("Damen Wollpullover gestrickt", "611011"),
        ("Linnen overhemd heren korte mouw", "620590"),
    ],
)
def test_the_compound_material_chooses_the_sibling(query: str, code: str) -> None:
    assert lookup.suggest(query, top=3)[0].code == code


def test_agave_fibres_and_optional_coatings_are_not_the_texts_materials() -> None:
    # "sisal or other textile fibres of the genus agave" names agave, not any textile, and
    # "whether or not ... sheathed with rubber or plastics" names no material of the goods
    agave = read_subheading(
        "Twine, cordage, ropes, cables; of sisal or other textile fibres of the genus agave "
        "(excluding binder or baler twine), whether or not plaited, braided or rubber or "
        "plastic impregnated, coated, covered or sheathed"
    )
    assert agave.materials == {"agave"}
    other = read_subheading(
        "Twine, cordage, ropes, cables; of materials n.e.c. in heading no. 5607, whether or "
        "not plaited, braided or impregnated, coated, covered, or sheathed with rubber or "
        "plastics"
    )
    assert other.materials == frozenset()


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("braided cotton rope 12mm", "560790"),
        ("natural jute twine roll", "560790"),
    ],
)
def test_ropes_of_cotton_or_jute_are_of_other_materials(query: str, code: str) -> None:
    assert lookup.suggest(query, top=3)[0].code == code


def test_a_stated_word_a_longer_exclusion_names_decides_for_the_sibling_that_names_it() -> None:
    # "Blankets (other than electric blankets) ...": the one word of the exclusion the text
    # does not name besides is excluded for a description that states it, and only then (an
    # unstated word of a longer exclusion does not send the first code down: "Engine air
    # filter" stays an intake air filter though 8421.39 excludes them)
    texts = {
        "630140": "Blankets (other than electric blankets) and travelling rugs; of synthetic "
        "fibres",
        "630110": "Blankets; electric",
    }
    t = read_subheading(texts["630140"])
    assert t.excluded_stated == {"electric"} and not t.excluded
    cands = [_C("630140", 0.9, {"vocab": 1}), _C("630110", 0.8)]
    out = reorder(cands, ["heated", "electric", "blanket"], lambda c: read_subheading(texts[c]))
    assert [c.code for c in out] == ["630110", "630140"]
    cands = [_C("630140", 0.9, {"vocab": 1}), _C("630110", 0.8)]
    out = reorder(cands, ["fleece", "blanket"], lambda c: read_subheading(texts[c]))
    assert [c.code for c in out] == ["630140", "630110"]


def test_imitation_leather_named_after_leather_or_in_one_word_is_plastics() -> None:
    # French, Italian, Spanish and Polish put the word that makes leather imitation after it
    assert stated_materials(["cuir", "synthetique"]) == {"plastics"}
    assert stated_materials(["borsa", "in", "pelle", "sintetica"]) == {"plastics"}
    assert stated_materials(["skora", "ekologiczna", "leather", "organic"]) == {"plastics"}
    assert stated_materials(["kunstleer", "tas"]) == {"plastics"}
    assert stated_materials(["synthetic", "leather", "belt"]) == {"plastics"}
    assert stated_materials(["cuir", "veritable"]) == {"leather"}
    assert stated_materials(["skorzany", "pasek"]) == {"leather"}


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ("Funda de móvil de cuero sintético", "420232"),  # plastic sheeting, not leather
        ("leather phone case wallet", "420231"),
        ("hard sunglasses case covered in fabric", "420232"),  # its outer surface is textile
        ("hard glasses case aluminium", "420239"),
    ],
)
def test_a_case_carried_in_the_pocket_goes_by_its_outer_surface(line: str, code: str) -> None:
    assert lookup.suggest(line)[0].code == code
