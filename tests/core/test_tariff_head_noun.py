"""A description names its article first; what follows "with", "mit", "avec" is a part."""

from __future__ import annotations

import pytest

from shipdesk.core.tariff import lookup
from shipdesk.core.tariff.article import article_end, head_end


def test_head_end() -> None:
    assert head_end(["smartphone", "with", "battery"]) == 1
    assert head_end(["with", "love", "mug"]) == 3  # a leading connector is not a split
    assert head_end(["cotton", "t", "shirt"]) == 3


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("Smartphone with lithium-ion battery installed, 15 Wh", "851713"),
        ("Laptop with charger", "847130"),
        ("T-shirt with print, cotton", "610910"),
    ],
)
def test_article_before_connector_leads(query: str, code: str) -> None:
    assert lookup.suggest(query, top=3)[0].code == code


def test_accessory_alone_still_found() -> None:
    assert "850760" in [s.code for s in lookup.suggest("lithium-ion battery", top=2)]


# The product noun decides; what the article is scented with, shaped like or printed with only
# describes it (query.mark_modifiers).


def test_scent_named_before_the_article_is_a_modifier() -> None:
    reading = lookup.engine().reader.read("Duftkerze Vanille im Glas")
    modifier = {m.concept: m.modifier for m in reading.matches}
    assert modifier["candle"] == ""
    assert modifier["vanilla"] != ""
    # ... and the search reads the candle, not "vanilla pods"
    assert "vanilla" not in reading.search_text


def test_a_print_is_a_modifier_only_beside_other_goods() -> None:
    reader = lookup.engine().reader
    assert any(m.modifier for m in reader.read("Apple print phone case").matches)
    assert not any(m.modifier for m in reader.read("Linocut print signed").matches)


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("Duftkerze Vanille im Glas", "340600"),
        ("Bougie parfum vanille", "340600"),
        ("Seife mit Kaffeeduft", "340111"),
    ],
)
def test_the_article_leads_not_its_scent(query: str, code: str) -> None:
    assert lookup.suggest(query, top=3)[0].code == code


# What follows "for" (für, pour, para, per, voor, do) says what the article is for: the noun
# before it decides, as before "with".


def test_head_ends_at_for_in_seven_languages() -> None:
    for word in ("for", "pour", "para", "per", "voor", "do"):
        assert head_end(["printer", word, "labels"]) == 1
    # German "für" is read as "for", not folded to "fur" (the material)
    assert "for" in lookup.engine().reader.read("Schutzhülle für Tablet").words
    assert "fur" in lookup.engine().reader.read("Faux fur throw blanket").words


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("Thermal label printer for shipping labels", "844332"),
        ("Foam roller for muscle massage", "950691"),
        ("Caulking gun for silicone cartridges", "820559"),
        ("Souris sans fil pour ordinateur", "847160"),
        ("Partituras para piano principiantes", "490400"),
    ],
)
def test_the_article_before_for_leads(query: str, code: str) -> None:
    assert lookup.suggest(query, top=3)[0].code == code


# The shop term that names the article whole gives its first code when the other lists only
# disagree with it between the subheadings of its heading (Engine._head_term_first), unless
# the description states what the other subheading names ("reel", "motorcycle", "air").


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("Basmati rice", "100630"),
        ("Gummistiefel Kinder", "640192"),
        ("Kalosze gumowe dziecięce", "640192"),
        ("8 inch chef knife high carbon steel", "821192"),
        ("Carnauba car wax 500g", "340530"),
        ("Madagascar vanilla pods 5 pieces", "090510"),
    ],
)
def test_the_term_naming_the_article_gives_its_first_code(query: str, code: str) -> None:
    assert lookup.suggest(query, top=3)[0].code == code


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("Fishing reel", "950730"),
        ("Motorcycle tyre", "401140"),
        ("Engine air filter", "842131"),
        ("Digital alarm clock", "910511"),
        ("Pressurised tennis balls tube of 4", "950661"),
    ],
)
def test_a_sibling_whose_own_words_are_stated_stays_first(query: str, code: str) -> None:
    assert lookup.suggest(query, top=3)[0].code == code


def test_text_words() -> None:
    from shipdesk.core.tariff.siblings import text_words

    assert text_words("Intake air filters for internal combustion engines") >= {
        "intake",
        "air",
        "filter",
    }
    assert "dictionary" in text_words("Dictionaries and encyclopaedias")
    assert "shock" in text_words("shock-absorbers")


def test_head_ends_at_with_in_seven_languages() -> None:
    for word in ("with", "mit", "avec", "con", "met", "z", "senza", "zonder", "bez"):
        assert head_end(["lamp", word, "cable"]) == 1


def _article(query: str) -> list[str]:
    reading = lookup.engine().reader.read(query)
    return reading.words[: article_end(reading)]


def test_what_the_article_is_packed_in_does_not_name_it() -> None:
    # "sotto", "en", "w", "in", "al": what follows is what the goods are packed or preserved in
    assert _article("Capperi sotto aceto") == ["capperi"]
    assert _article("Alcaparras en vinagre") == ["alcaparras"]
    # ... unless it is the article's material
    assert "argento" in _article("Orecchini in argento 925")
    assert "bois" in _article("Planche à découper en bois")
    # a connector inside a shop term is part of its name
    reading = lookup.engine().reader.read("Salt and pepper mill set")
    assert article_end(reading) == len(reading.words)


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("Alcaparras pequeñas en vinagre, frasco 240 g", "200190"),
        ("Capperi di Pantelleria sotto aceto 200 g", "200190"),
        ("Zonnebril met etui", "900410"),
    ],
)
def test_the_goods_lead_not_what_they_are_packed_in(query: str, code: str) -> None:
    assert lookup.suggest(query, top=3)[0].code == code


def test_whom_the_goods_are_for_is_no_shop_term() -> None:
    # "Dames" is women's, not the draughts game of a French shop term
    reading = lookup.engine().reader.read("Dames spijkerbroek katoen")
    assert 0 not in [m.start for m in reading.matches]
    assert lookup.suggest("Dames spijkerbroek katoen", top=3)[0].code == "620462"


# Section XVI note 2(b): a replacement or spare part of a machine of Chapters 84 and 85 is
# classified with the parts of that machine (Engine._parts_first).


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("Replacement hose for cordless vacuum cleaner", "850870"),
        ("Blender replacement jar 1.5 l", "850990"),
        ("Spare whisk attachment for stand mixer", "850990"),
    ],
)
def test_a_spare_part_is_classified_with_the_parts_of_its_machine(query: str, code: str) -> None:
    assert lookup.suggest(query, top=3)[0].code == code


def test_the_machine_itself_is_no_part() -> None:
    assert lookup.suggest("Cordless vacuum cleaner", top=3)[0].code != "850870"
    # a battery is goods of its own heading (Section XVI note 2(a)), not a part of 85.07
    assert lookup.suggest("Replacement laptop battery", top=3)[0].code == "850760"


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("waffle maker", "851660"),  # the appliance, not the waffles the lists read
        ("game cartridge", "852351"),  # the recorded medium, not the pistol cartridges
    ],
)
def test_a_line_that_is_one_shop_term_of_one_code_is_that_code(query: str, code: str) -> None:
    assert lookup.suggest(query, top=3)[0].code == code


def test_a_legal_note_still_decides_over_the_whole_line_term() -> None:
    # a capo is one shop term of one code (9209.92, parts of guitars), but the note on
    # accessories of musical instruments puts 9209.99 first
    sugg = lookup.suggest("guitar capo", top=3)
    assert sugg[0].code == "920999"
    assert sugg[0].reason


# Goods the vocabulary does not name: with no shop term in the line, the nearest terms (goods
# like it that are named) weigh twice, so the nomenclature's words ("pine", "ice", "water")
# do not decide alone (ranking.W_NEAR_UNNAMED).


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("artificial fir wreath with pine cones", "950510"),  # not pine wood of 44.07
        ("strawberry shaped silicone ice cube mould", "392410"),  # not moulds for machines
        ("aluminium water canteen 1 litre", "761510"),  # not the wine of 22.04
    ],
)
def test_nearest_terms_decide_a_line_that_names_no_term(
    query: str, code: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    eng = lookup.engine()
    reading = eng.reader.read(query)
    reading.matches = []  # as the vocabulary named none of its words when this was written
    qv = eng.encode(reading.search_text)
    boosted = eng.rank(reading, qv)
    monkeypatch.setitem(eng.weights, "near_unnamed", 1.0)
    plain = eng.rank(reading, qv)
    assert boosted[0].code == code
    assert "near" in boosted[0].evidence
    assert [c.code for c in plain].index(code) > 0


def test_a_garment_named_before_sleeve_names_the_sleeves() -> None:
    # "short" is a shop term for shorts; before "sleeve" it is how long the sleeves are, even
    # when the line names no other goods the vocabulary knows
    eng = lookup.engine()
    for line in ("toddler short sleeve romper cotton", "girls short-sleeved cotton dress"):
        modifier = {m.concept: m.modifier for m in eng.reader.read(line).matches}
        assert modifier.get("shorts") == "marker", line
    shorts = {m.concept: m.modifier for m in eng.reader.read("men's cotton shorts").matches}
    assert shorts["shorts"] == ""
    # a sleeve that is the goods ("laptop sleeve") leaves the laptop alone: not a garment
    laptop = {m.concept: m.modifier for m in eng.reader.read("laptop sleeve 13 inch").matches}
    assert "marker" not in laptop.values()
