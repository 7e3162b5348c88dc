"""The legal notes and GRI the search applies (resources/tariff/notes.toml): seller-style lines
in English and German that trigger each rule get the subheading the note decides, and say so."""

from __future__ import annotations

import pytest

from shipdesk.core.errors import DataError
from shipdesk.core.tariff import lookup
from shipdesk.core.tariff.article import head_end
from shipdesk.core.tariff.nomenclature import nomenclature
from shipdesk.core.tariff.notes import Texts, read_notes, texts_of

RULE_CASES = [
    ("christmas-lights", "Christmas tree lights LED", "940531"),
    ("christmas-lights", "Lichterkette Weihnachten LED", "940531"),
    ("christmas", "Christmas tree glass bauble", "950510"),
    ("christmas", "Weihnachtskugeln aus Glas", "950510"),
    ("christmas", "Holz Weihnachtsdeko Stern", "950510"),
    ("carnival", "Venetian carnival mask plastic", "950590"),
    ("carnival", "Faschingsmaske aus Kunststoff", "950590"),
    ("fancy-dress", "Adult vampire Halloween costume", "611420"),
    ("fancy-dress", "Halloween Kostüm Vampir Erwachsene", "611420"),
    ("tool-set", "Tool set 40 pieces in case", "820600"),
    ("tool-set", "Werkzeugset 40-teilig im Koffer", "820600"),
    ("manicure-set", "Manicure set 7 pieces", "821420"),
    ("manicure-set", "Maniküre-Set 7-teilig", "821420"),
    ("cutlery-set", "Cutlery set 24 pieces stainless steel", "821520"),
    ("cutlery-set", "Besteckset 24-teilig Edelstahl", "821520"),
    ("knife-set", "Kitchen knife set in wooden block, 5 knives", "821110"),
    ("knife-set", "Messerblock mit 6 Messern", "821110"),
    ("travel-set", "Travel sewing kit", "960500"),
    ("travel-set", "Nähset für die Reise", "960500"),
    ("makeup-set", "Makeup set eyeshadow lipstick", "330499"),
    ("makeup-set", "Schminkset für Mädchen", "330499"),
    ("toiletry-set", "Shower gel and body lotion gift set", "330790"),
    ("toiletry-set", "Geschenkset Duschgel und Bodylotion", "330790"),
    ("charger", "Car phone charger USB", "850440"),
    ("charger", "Kfz-Ladegerät USB", "850440"),
    ("laptop-battery", "Replacement laptop battery Li-ion", "850760"),
    ("laptop-battery", "Ersatzakku für Laptop", "850760"),
    ("sewing-needles", "Sewing machine needles pack", "845230"),
    ("sewing-needles", "Nadeln für Nähmaschine", "845230"),
    ("printer-cartridge", "Printer ink cartridge black", "844399"),
    ("printer-cartridge", "Druckerpatrone schwarz", "844399"),
    ("brake-pads", "Brake pads front car", "870830"),
    ("brake-pads", "Bremsbeläge vorne Auto", "870830"),
    ("bicycle-chain", "Bicycle chain 1/2 x 1/8 inch", "731511"),
    ("bicycle-chain", "Fahrradkette 8-fach", "731511"),
    ("bicycle-accessory", "Bicycle phone holder aluminium", "871499"),
    ("bicycle-accessory", "Fahrrad Handyhalterung", "871499"),
    ("camera-accessory", "Camera lens cap 58mm", "900691"),
    ("camera-accessory", "Objektivdeckel 58 mm", "900691"),
    ("guitar-accessory", "Guitar strap leather", "920999"),
    ("guitar-accessory", "Gitarrengurt Leder", "920999"),
    ("phone-case-moulded", "Silicone phone case", "392690"),
    ("phone-case-moulded", "Handyhülle Silikon", "392690"),
    ("phone-case-leather", "Leather phone case", "420231"),
    ("phone-case-leather", "Handyhülle Leder", "420231"),
    ("phone-case-textile", "Phone pouch fabric", "420232"),
    ("phone-case-textile", "Handytasche Stoff", "420232"),
    ("flag", "Polyester flag 90x150 cm", "630790"),
    ("flag", "Fahne Polyester 90x150 cm", "630790"),
    ("face-mask-textile", "Reusable cotton face mask", "630790"),
    ("face-mask-textile", "Mundschutz Baumwolle waschbar", "630790"),
    ("cordage-articles", "Macrame plant hanger cotton cord", "560900"),
    ("cordage-articles", "Makramee Blumenampel", "560900"),
    ("nut-butter", "Crunchy peanut butter", "200811"),
    ("nut-butter", "Erdnussbutter cremig", "200811"),
    ("chocolate-spread", "Chocolate hazelnut spread 400g", "180690"),
    ("chocolate-spread", "Nuss-Nougat-Creme 400 g", "180690"),
    ("jam", "Strawberry jam 340g", "200799"),
    ("jam", "Erdbeermarmelade", "200799"),
    ("citrus-marmalade", "Orange marmalade 450g", "200791"),
    ("citrus-marmalade", "Orangenmarmelade bitter", "200791"),
    ("muesli", "Muesli with dried fruit", "190420"),
    ("muesli", "Müsli mit Trockenfrüchten", "190420"),
    ("jerky", "Beef jerky teriyaki", "160250"),
    ("jerky", "Beef Jerky Trockenfleisch", "160250"),
    ("instant-noodles", "Instant noodles chicken flavour", "190230"),
    ("instant-noodles", "Instantnudeln Huhn", "190230"),
    ("protein-powder", "Whey protein powder vanilla", "210610"),
    ("protein-powder", "Eiweißpulver Vanille", "210610"),
    ("knitted", "Women's knitted cotton dress", "610442"),
    ("knitted", "Damen Strickkleid Baumwolle", "610442"),
    ("woven", "Women's woven cotton dress", "620442"),
    ("woven", "Damenkleid Baumwolle gewebt", "620442"),
    ("mens", "Men's cotton trousers woven", "620342"),
    ("mens", "Herrenhose Baumwolle gewebt", "620342"),
    ("womens", "Women's cotton trousers woven", "620462"),
    ("womens", "Damenhose Baumwolle gewebt", "620462"),
    ("unisex", "Unisex cotton shirt woven", "620630"),
    ("unisex", "Unisex Hemd Baumwolle gewebt", "620630"),
    ("silver-jewellery", "Sterling silver earrings", "711311"),
    ("silver-jewellery", "Ohrringe 925 Silber", "711311"),
    ("gold-jewellery", "18k gold ring", "711319"),
    ("gold-jewellery", "Ring 750 Gelbgold", "711319"),
    ("imitation-jewellery-metal", "Gold plated brass necklace", "711719"),
    ("imitation-jewellery-metal", "Halskette vergoldet Messing", "711719"),
    ("imitation-jewellery-other", "Glass bead bracelet elastic", "711790"),
    ("imitation-jewellery-other", "Glasperlen Armband", "711790"),
    ("toilet-bag", "Makeup bag polyester with zipper", "420292"),
    ("toilet-bag", "Kosmetiktasche Polyester", "420292"),
    ("pocket-case-hard", "Glasses case moulded plastic", "420239"),
    ("pocket-case-hard", "Brillenetui Hartschale Kunststoff", "420239"),
    ("pocket-case-leather", "Leather glasses case", "420231"),
    ("pocket-case-leather", "Brillenetui Leder", "420231"),
    ("pocket-case", "Glasses case fabric", "420232"),
    ("pocket-case", "Brillenetui Stoff", "420232"),
    ("face-mask-disposable", "Surgical face masks 50 pieces", "630790"),
    ("face-mask-disposable", "FFP2 Masken Einweg", "630790"),
    ("food-supplement", "Magnesium supplement capsules", "210690"),
    ("food-supplement", "Nahrungsergänzungsmittel Zink Kapseln", "210690"),
    ("wiper-blades", "Wiper blades front set", "851290"),
    ("wiper-blades", "Scheibenwischer vorne Satz", "851290"),
    ("bowed-strings", "Student viola 15 inch", "920210"),
    ("bowed-strings", "Geige 3/4 für Kinder", "920210"),
    ("electric-guitar", "Electric bass guitar, 4-string, black", "920790"),
    ("electric-guitar", "E-Gitarre Einsteiger", "920790"),
    ("hair-preparation-other", "Argan hair oil 100 ml", "330590"),
    ("hair-preparation-other", "Haarkur Repair 200 ml", "330590"),
    ("instant-coffee", "Freeze dried instant coffee 100 g", "210111"),
    ("instant-coffee", "Löslicher Kaffee 200 g", "210111"),
    ("plant-drink", "Organic oat drink 1 l carton", "220299"),
    ("plant-drink", "Haferdrink Barista 1 l", "220299"),
    ("nut-confectionery", "Honey nougat with almonds 150 g", "170490"),
    ("nut-confectionery", "Mandelnougat 100 g", "170490"),
    ("preserved-food", "Canned chickpeas in water", "200599"),
    ("preserved-food", "Kichererbsen in der Dose 400 g", "200599"),
]


@pytest.fixture(scope="module")
def engine():
    e = lookup.engine()
    yield e
    e.use_notes = True


@pytest.mark.parametrize(("rule", "query", "code"), RULE_CASES)
def test_a_triggered_note_decides_the_first_suggestion(engine, rule, query, code):
    fired = [r.id for r in engine.notes.fired(texts_of(engine.reader.read(query), head_end))]
    assert rule in fired
    first = lookup.search(query, top=3).suggestions[0]
    assert first.code == code
    label = next(r.label for r in [*engine.notes.rules, *engine.notes.swaps] if r.id == rule)
    assert first.reason == label


def test_every_rule_has_an_english_and_a_german_case(engine):
    ids = {r.id for r in [*engine.notes.rules, *engine.notes.swaps]} - {"gender-unknown"}
    for rule in ids:
        queries = [q for r, q, _ in RULE_CASES if r == rule]
        assert len(queries) >= 2, rule


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("Replacement laptop battery Li-ion 11.1V", "850760"),
        ("Ersatzakku für Laptop", "850760"),
        # (the Italian and Polish vocabulary reads "decorazioni natalizie" and "bombki
        # choinkowe" by itself; this line it does not know. "Palline per albero di Natale"
        # is read without the notes since the glossary has "albero" and "natale".)
        ("Bombka szklana na choinkę", "950510"),
        ("Women's knitted cotton dress", "610442"),
        # (since the eighth vocabulary round the Dutch vocabulary names "pindakaas" itself; a
        # German compound it does not list still needs the note)
        ("Erdnusscreme", "200811"),
        ("Makramee Blumenampel", "560900"),
        # (since the sixth vocabulary round "Fahne" is a shop term for flags; a compound the
        # vocabulary does not list still needs the note)
        ("Stofffahne Polyester", "630790"),
        ("Glass bead bracelet elastic", "711790"),
    ],
)
def test_without_the_notes_these_lines_were_misread(engine, query, code):
    engine.use_notes = False
    try:
        before = lookup.search(query, top=1).suggestions[0].code
    finally:
        engine.use_notes = True
    assert before != code
    assert lookup.search(query, top=1).suggestions[0].code == code


@pytest.mark.parametrize(
    ("query", "not_code", "code"),
    [
        # tools of one heading are not a set of heading 82.06 (screwdrivers: 8205.40)
        ("Screwdriver set", "820600", "820540"),
        ("Schraubendreher-Set", "820600", "820540"),
        # a mug with a Christmas motif keeps its use: tableware of Chapter 69
        ("Christmas mug ceramic", "950510", None),
        ("Weihnachtstasse Keramik", "950510", None),
        # a drill sold with its battery is the drill
        ("Akku Bohrschrauber 18V", "850760", None),
        # a wrist-watch is not jewellery
        ("Armbanduhr Quarz Edelstahl", "711719", "910211"),
        # a game cartridge is not a printer part
        ("Nintendo Switch game cartridge", "844399", None),
        # silver-plated: not of precious metal; gold-plated silver: of silver
        ("Gold plated sterling silver bracelet", "711719", "711311"),
        ("Vergoldetes Armband aus 925 Silber", "711719", "711311"),
    ],
)
def test_the_exceptions_of_a_note_keep_their_own_heading(query, not_code, code):
    first = lookup.search(query, top=1).suggestions[0]
    assert first.code != not_code
    if code:
        assert first.code == code


@pytest.mark.parametrize(
    "query",
    ["Adult vampire Halloween costume", "Faschingskostüm Pirat Kinder", "Déguisement de carnaval"],
)
def test_textile_fancy_dress_is_not_a_festive_article(query):
    # Chapter 95 note 1(e): fancy dress of textiles belongs to Chapter 61 or 62
    first = lookup.search(query, top=3).suggestions[0]
    assert first.code[:2] in ("61", "62")
    assert first.reason.startswith("Chapter 95 note 1(e)")


def test_suggestions_the_notes_did_not_touch_have_no_reason():
    for s in lookup.search("USB-C cable 2 m", top=3).suggestions:
        assert s.reason == ""


def test_swaps_pair_subheadings_of_the_same_goods_and_fibre(engine):
    pairs = {r.id: r.pairs for r in engine.notes.swaps}
    assert pairs["knitted"]["620442"] == "610442"  # dresses of cotton
    assert pairs["woven"]["610343"] == "620343"  # men's trousers of synthetic fibres
    assert pairs["womens"]["610342"] == "610462"  # trousers of cotton, other subheading number
    assert pairs["unisex"]["620520"] == "620630"  # shirts -> blouses, shirts, shirt-blouses
    assert "610910" not in pairs["woven"]  # T-shirts have no woven heading


def test_a_rule_naming_an_unknown_code_is_refused_with_file_and_rule(tmp_path):
    path = tmp_path / "notes.toml"
    path.write_text(
        '[[rule]]\nid = "x"\ngroup = "g"\nnote = "n"\nreason = "r"\n'
        'when = ["a"]\nfirst = ["950599"]\n',
        encoding="utf-8",
    )
    with pytest.raises(DataError, match=r"notes.toml, rule x: 950599 is not an HS 2022"):
        read_notes(path, nomenclature())


def test_a_rule_without_trigger_or_with_a_bad_heading_pair_is_refused(tmp_path):
    path = tmp_path / "notes.toml"
    path.write_text(
        '[[rule]]\nid = "x"\ngroup = "g"\nnote = "n"\nreason = "r"\nfirst = ["950510"]\n',
        encoding="utf-8",
    )
    with pytest.raises(DataError, match="rule x: 'when' is missing"):
        read_notes(path, nomenclature())
    path.write_text(
        '[[swap]]\nid = "s"\ngroup = "g"\nnote = "n"\nreason = "r"\nwhen = ["a"]\n'
        'map = ["6201>6299"]\n',
        encoding="utf-8",
    )
    with pytest.raises(DataError, match="swap s: '6201>6299' is not a pair"):
        read_notes(path, nomenclature())


def test_broken_toml_is_refused_with_the_file(tmp_path):
    path = tmp_path / "notes.toml"
    path.write_text("[[rule]\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"notes\.toml: the tariff notes cannot be read"):
        read_notes(path, nomenclature())


def test_prefix_and_phrase_matching(engine):
    rules = {r.id: r for r in engine.notes.rules}

    def fires(rule: str, *ws: str) -> bool:
        return rules[rule].trigger.fires(Texts([list(ws)], [list(ws)]))

    assert fires("christmas", "weihnachtskugeln", "glas")
    assert not fires("christmas", "kugel", "glas")
    assert fires("tool-set", "tool", "set", "40")
    assert not fires("tool-set", "set", "tool")
    assert fires("jam", "erdbeermarmelade")


def test_what_follows_with_does_not_name_the_article(engine):
    def fired(query: str) -> list[str]:
        return [r.id for r in engine.notes.fired(texts_of(engine.reader.read(query), head_end))]

    assert "charger" not in fired("Laptop with charger")
    assert "charger" in fired("Charger for laptop 65 W")
    assert "laptop-battery" not in fired("Smartphone with lithium-ion battery installed")


def test_gender_and_knit_words_inside_compounds(engine):
    def fired(query: str) -> list[str]:
        return [r.id for r in engine.notes.fired(texts_of(engine.reader.read(query), head_end))]

    assert "mens" in fired("Linnen herenoverhemd")
    assert "womens" in fired("Damesjas wol")
    assert "knitted" in fired("Damenstrickjacke Baumwolle")
    assert "knitted" in fired("Kinderjurk katoen tricot")
    # a block for knives alone, or a set of one kind of knife, is no set of assorted knives
    assert "knife-set" not in fired("Empty knife block bamboo")
    assert "knife-set" not in fired("Steak knife set of 6")


def test_a_drink_is_a_beverage_but_its_bottle_is_not(engine):
    def fired(query: str) -> list[str]:
        return [r.id for r in engine.notes.fired(texts_of(engine.reader.read(query), head_end))]

    assert "plant-drink" in fired("Bevanda di avena bio 1 l")
    assert "plant-drink" not in fired("Kids drink bottle 500 ml")
    assert "plant-drink" not in fired("Orange soft drink 6 x 330 ml")
    assert "nut-confectionery" not in fired("Chocolate nougat bar")
    # fresh goods, and a can opener, are no preserved food
    assert "preserved-food" not in fired("Fresh peas in a jar")
    assert "preserved-food" not in fired("Can opener stainless steel")


def test_the_notes_file_is_dated(engine):
    assert engine.notes.date == "2026-12-06"


@pytest.mark.parametrize(
    ("lang", "reason"),
    [
        ("en", "festive articles (Christmas decorations)"),
        ("de", "Festartikel (Weihnachtsschmuck)"),
        ("fr", "articles de fête (décorations de Noël)"),
        ("es", "artículos para fiestas (adornos de Navidad)"),
        ("it", "festive articles (Christmas decorations)"),  # no Italian text: English
    ],
)
def test_the_reason_is_given_in_the_interface_languages(lang, reason):
    first = lookup.search("Christmas tree glass bauble", top=1).suggestions[0]
    assert lookup.reason_text(first.reason, lang) == (
        reason,
        "Chapter 95 note 1 and heading 95.05",
    )
    assert lookup.reason_text("", lang) == ("", "")


def test_every_rule_has_its_reason_in_german_french_and_spanish(engine):
    for rule in [*engine.notes.rules, *engine.notes.swaps]:
        assert set(rule.reason_texts) == {"de", "fr", "es"}, rule.id


@pytest.mark.parametrize(
    ("query", "code"),
    [
        # woven fabrics named by their weave: Chapter 62, not the knitted nightwear of 61.08
        ("women's satin pyjama set polyester", "620822"),
        ("camisón de mujer algodón tejido plano", "620821"),
        ("chemise de nuit satin femme", "620829"),
    ],
)
def test_a_woven_weave_takes_nightwear_to_chapter_62(query: str, code: str) -> None:
    sugg = lookup.suggest(query, top=3)
    assert sugg[0].code == code
    assert "Chapter 62" in sugg[0].reason
