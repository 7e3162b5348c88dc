"""Unit tests of the screening matcher: text, quantities, matchers, scope, findings."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from shipdesk.core import hscode
from shipdesk.core.errors import InputError
from shipdesk.core.model import Declaration, Item, Party
from shipdesk.core.screening import matching
from shipdesk.core.screening.phrases import (
    compile_phrases,
    normalise,
    parse_quantities,
)
from shipdesk.core.screening.rule_loader import compile_folder
from shipdesk.core.screening.ruleset import RuleSet
from shipdesk.core.screening.screen import highest_level, screen_declaration, screen_item

HEADER = 'schema = "restricted-rules/1"\nfile_version = "1.0"\ndate = "2026-01-01"\n'
GROUPS = HEADER + 'dataset_version = "1.0"\n[groups]\nEU = ["DE", "FR"]\n'


def rule(rid: str, body: str, match: str, level: str = "prohibited") -> str:
    return f"""
[[rules]]
id = "{rid}"
level = "{level}"
category = "other"
confidence = "confirmed"
legal_basis = "test"
review_by = "2030-01-01"
{body}
message = {{ en = "{rid} en", fr = "{rid} fr", de = "{rid} de" }}
advice = {{ en = "advice en", fr = "advice fr", de = "advice de" }}
{match}
"""


def build(tmp_path: Path, rules: str) -> RuleSet:
    (tmp_path / "groups.toml").write_text(GROUPS, encoding="utf-8")
    (tmp_path / "r.toml").write_text(HEADER + rules, encoding="utf-8")
    return compile_folder(tmp_path)


def fire(rs: RuleSet, text: str = "", lang: str = "en", **kw: object) -> list[str]:
    ctx = matching.make_context(text, **kw)
    return [h.rule.id for h in matching.screen(rs, ctx, lang=lang, applies_to=None)]


# -- text ---------------------------------------------------------------------------------
def test_normalise_folds_case_accents_punctuation_and_hyphens() -> None:
    assert normalise("Pâté (Maison), E-Bike / Traveller's") == "pate maison e bike travellers"
    assert normalise("Gin 41.3% vol.") == "gin 41.3% vol"


@pytest.mark.parametrize(
    ("phrase", "text", "hit"),
    [
        ("battery", "two batteries", True),
        ("knife", "kitchen knives", True),
        ("power bank", "Power-Banks", True),
        ("sparkler*", "sparklers and more", True),
        ("gin", "ginger", False),
        ("=gin", "gins", False),
        ("=gin", "London gin", True),
        ("iphone ? case", "iPhone 15 case", True),
        ("iphone ? case", "iphone case", False),
        ("wd-40", "WD 40 spray", True),
        ("ham", "hammer", False),
        ("1:1 replica", "1:1 Replica bag", True),
    ],
)
def test_phrase_patterns(phrase: str, text: str, hit: bool) -> None:
    pattern = compile_phrases([phrase])
    assert pattern is not None
    assert bool(pattern.search(normalise(text))) is hit


def test_hs_digits() -> None:
    assert hscode.digits("8507.60.00") == "85076000"
    assert hscode.digits("") == ""


# -- quantities ---------------------------------------------------------------------------
def test_mah_with_voltage_gives_wh() -> None:
    q = parse_quantities("Power bank 10000mAh 3.85V")
    assert q.wh == pytest.approx(38.5)
    assert q.wh_assumed_voltage is None


def test_mah_alone_assumes_3_7_volts() -> None:
    q = parse_quantities("Power bank 20,000 mAh")
    assert q.wh == pytest.approx(74.0)
    assert q.wh_assumed_voltage == pytest.approx(3.7)


def test_wh_and_kwh() -> None:
    assert parse_quantities("battery 99Wh").wh == pytest.approx(99)
    assert parse_quantities("battery 0.5 kWh").wh == pytest.approx(500)


@pytest.mark.parametrize(
    ("text", "abv"),
    [
        ("Vodka 40% vol 70cl", 40.0),
        ("alc. 12% vol", 12.0),
        ("Bourbon 90 proof", 45.0),
        ("100% cotton", None),
        ("70% cocoa chocolate", None),
    ],
)
def test_abv(text: str, abv: float | None) -> None:
    assert parse_quantities(text).abv == abv


def test_volume_and_nicotine() -> None:
    q = parse_quantities("E-liquid 10 ml 18 mg/ml")
    assert q.ml == pytest.approx(10)
    assert q.nicotine_mg_ml == pytest.approx(18)
    assert parse_quantities("70cl").ml == pytest.approx(700)
    assert parse_quantities("nicotine salt 2%").nicotine_mg_ml == pytest.approx(20)
    assert parse_quantities("lithium metal battery 3 g lithium").li_grams == pytest.approx(3)


# -- matchers -----------------------------------------------------------------------------
def test_exclude_span_discards_only_the_covered_hit(tmp_path: Path) -> None:
    rs = build(
        tmp_path,
        rule(
            "R-KNIFE",
            'scope = { destinations = ["ALL"] }',
            '[[rules.match]]\nkeywords = ["knife"]\nexclude = ["butter knife"]',
        ),
    )
    assert fire(rs, "butter knife") == []
    assert fire(rs, "butter knife and hunting knife") == ["R-KNIFE"]


def test_veto_hs_exclude_require_any_and_guard(tmp_path: Path) -> None:
    rs = build(
        tmp_path,
        rule(
            "R-A",
            'scope = { destinations = ["ALL"] }\nveto = ["alcohol free"]\nhs_exclude = ["7013"]',
            '[[rules.match]]\nkeywords = ["wine"]\nkeyword_hs_guard = ["22"]\nexclude = []\n'
            '[[rules.match]]\nkeywords = ["sanitizer"]\nrequire_any = ["alcohol"]\nexclude = []',
        ),
    )
    assert fire(rs, "red wine") == ["R-A"]
    assert fire(rs, "red wine alcohol free") == []
    assert fire(rs, "red wine", hs_code="220421") == ["R-A"]
    assert fire(rs, "red wine", hs_code="701328") == []  # hs_exclude
    assert fire(rs, "red wine", hs_code="392410") == []  # keyword guard
    assert fire(rs, "hand sanitizer") == []
    assert fire(rs, "hand sanitizer 70% alcohol") == ["R-A"]


def test_conditions_required_and_optional(tmp_path: Path) -> None:
    rs = build(
        tmp_path,
        rule(
            "R-BIG",
            'scope = { destinations = ["ALL"] }',
            '[[rules.match]]\nkeywords = ["battery"]\nconditions = { wh_gt = 100 }\n'
            "conditions_required = true\nexclude = []",
        )
        + rule(
            "R-SPIRIT",
            'scope = { destinations = ["ALL"] }',
            '[[rules.match]]\nkeywords = ["vodka"]\nconditions = { abv_gt = 24 }\nexclude = []',
        ),
    )
    assert fire(rs, "battery") == []
    assert fire(rs, "battery 150Wh") == ["R-BIG"]
    assert fire(rs, "battery 30000mAh") == ["R-BIG"]  # 111 Wh at the assumed 3.7 V
    assert fire(rs, "vodka") == ["R-SPIRIT"]  # ABV not stated: spirits assumed strong
    assert fire(rs, "vodka 15%") == []


def test_require_hs_and_direct_hs(tmp_path: Path) -> None:
    rs = build(
        tmp_path,
        rule(
            "R-LIVE",
            'scope = { destinations = ["ALL"] }',
            '[[rules.match]]\nhs = ["01"]\n'
            '[[rules.match]]\nrequire_hs = ["0306"]\nkeywords = ["live"]\nexclude = []',
        ),
    )
    assert fire(rs, "puppy", hs_code="010619") == ["R-LIVE"]
    assert fire(rs, "frozen prawns", hs_code="030617") == []
    assert fire(rs, "live lobster", hs_code="030632") == ["R-LIVE"]
    assert fire(rs, "live lobster") == []


def test_supersedes_drops_the_generic_rule(tmp_path: Path) -> None:
    rs = build(
        tmp_path,
        rule("G", 'scope = { destinations = ["ALL"] }', '[[rules.match]]\nkeywords = ["meat"]\n'
             "exclude = []", level="warning")
        + rule("S", 'scope = { destinations = ["AU"] }\nsupersedes = ["G"]',
               '[[rules.match]]\nkeywords = ["meat"]\nexclude = []'),
    )  # fmt: skip
    assert fire(rs, "dried meat", destination="DE") == ["G"]
    assert fire(rs, "dried meat", destination="AU") == ["S"]


# -- scope --------------------------------------------------------------------------------
def test_origin_scope_unknown_origin_does_not_fire(tmp_path: Path) -> None:
    rs = build(
        tmp_path,
        rule(
            "O",
            'scope = { destinations = ["RU"], origins = ["EU"] }',
            "[[rules.match]]\nany_item = true",
        )
        + rule(
            "X",
            'scope = { destinations = ["EU"], exclude_origins = ["EU"] }',
            '[[rules.match]]\nkeywords = ["cheese"]\nexclude = []',
        ),
    )
    assert fire(rs, "toy", destination="RU") == []
    assert fire(rs, "toy", destination="RU", origin="FR") == ["O"]
    assert fire(rs, "toy", destination="RU", sender_country="DE") == ["O"]
    assert fire(rs, "cheese", destination="FR") == ["X"]
    assert fire(rs, "cheese", destination="FR", sender_country="DE") == []
    assert fire(rs, "cheese", destination="FR", sender_country="US") == ["X"]


def test_channel_levels_channels_categories_and_dates(tmp_path: Path) -> None:
    rs = build(
        tmp_path,
        rule(
            "DG",
            'scope = { destinations = ["ALL"] }\n'
            'channel_levels = { post = "prohibited", courier = "restricted" }',
            '[[rules.match]]\nkeywords = ["perfume"]\nexclude = []',
        )
        + rule(
            "POSTONLY",
            'scope = { destinations = ["ALL"], channels = ["post"], item_categories = ["gift"] }',
            '[[rules.match]]\nkeywords = ["perfume"]\nexclude = []',
            level="warning",
        )
        + rule(
            "NEW",
            'scope = { destinations = ["ALL"] }\nvalid_from = "2027-01-01"',
            '[[rules.match]]\nkeywords = ["perfume"]\nexclude = []',
        ),
    )
    ctx = matching.make_context("perfume", channel="courier", when=date(2026, 6, 1))
    hits = matching.screen(rs, ctx, lang="en", applies_to=None)
    assert [(h.rule.id, h.level) for h in hits] == [("DG", "restricted")]
    ctx = matching.make_context("perfume", item_category="gift", when=date(2027, 6, 1))
    assert [h.rule.id for h in matching.screen(rs, ctx, lang="en", applies_to=None)] == [
        "DG",
        "NEW",
        "POSTONLY",
    ]


def test_value_trigger(tmp_path: Path) -> None:
    rs = build(
        tmp_path,
        rule(
            "LUX",
            'scope = { destinations = ["RU"], value_gt = { amount = 300, currency = "EUR", '
            'per = "item" } }',
            '[[rules.match]]\nkeywords = ["handbag"]\nexclude = []',
        ),
    )

    def levels(value_eur: Decimal | None) -> list[tuple[str, str]]:
        ctx = matching.make_context("handbag", destination="RU", value_eur=value_eur)
        return [(h.rule.id, h.level) for h in matching.screen(rs, ctx, lang="en", applies_to=None)]

    assert levels(Decimal(450)) == [("LUX", "prohibited")]
    assert levels(Decimal(300)) == []
    assert levels(None) == [("LUX", "warning")]  # unknown value: warn and say so


# -- api over the shipped rules ------------------------------------------------------------
def test_clerk_examples() -> None:
    bank = screen_item("Power bank 20000mAh", destination="AU")
    assert highest_level(bank) == "prohibited"
    assert "3.7 V" in bank[0].message
    phone = screen_item("Smartphone", destination="AU", hs_code="851713")
    assert highest_level(phone) == "restricted"
    jerky = screen_item("Beef jerky", destination="AU")
    assert jerky[0].rule == "AU-BIOSEC-ANIMAL" and jerky[0].category == "biosecurity"
    assert highest_level([]) is None


def test_messages_in_three_languages() -> None:
    en, fr, de = (screen_item("Perfume", destination="US", lang=x)[0] for x in ("en", "fr", "de"))
    assert en.rule == fr.rule == de.rule == "DG-PERFUME"
    assert len({en.message, fr.message, de.message}) == 3
    assert "poste" in fr.advice.lower() and "post" in de.advice.lower()
    assert screen_item("Perfume", destination="US", lang="xx")[0].message == en.message


@pytest.mark.parametrize(
    ("text", "dest", "rule"),
    [
        ("Zigaretten", "AU", "AU-TOBACCO-POST"),
        ("Vin rouge", "US", "US-ALCOHOL-MAIL"),
        ("Couteau papillon", "GB", "GB-OFFENSIVE-WEAPONS"),
        ("Saucisson sec", "AU", "AU-BIOSEC-ANIMAL"),
        ("Jouet pistolet", "BR", "BR-REPLICA-FIREARMS"),
    ],
)
def test_french_and_german_descriptions(text: str, dest: str, rule: str) -> None:
    assert rule in [f.rule for f in screen_item(text, destination=dest)]


@pytest.mark.parametrize("text", ["Handy Hülle", "Parfum Zerstäuber leer", "Bière sans alcool"])
def test_french_and_german_harmless(text: str) -> None:
    assert highest_level(screen_item(text, destination="SA")) is None


def test_finding_to_json() -> None:
    f = screen_item("Zippo lighter", destination="FR")[0]
    data = f.to_json()
    assert {"rule", "level", "category", "message", "advice"} <= set(data)
    assert data["rule"] == "DG-LIGHTER" and data["level"] == "prohibited"


def test_bad_channel_is_refused() -> None:
    with pytest.raises(InputError, match="channel"):
        screen_item("perfume", destination="FR", channel="boat")


def _decl(dest: str, sender: str, *items: Item, city: str = "") -> Declaration:
    return Declaration(
        sender=Party(name="S", country=sender),
        recipient=Party(name="R", country=dest, city=city),
        items=list(items),
        date="2026-11-27",
    )


def test_screen_declaration_items_and_shipment() -> None:
    decl = _decl(
        "AU",
        "DE",
        Item(description="Cotton T-shirt", value="10", hs_code="610910"),
        Item(description="Beef jerky", value="12"),
        Item(description=""),
        Item(description="iPhone 15", value="900"),
    )
    findings = screen_declaration(decl)
    by_item = {f.item_index for f in findings}
    assert by_item == {1, 3}
    assert [f.rule for f in findings if f.item_index == 1] == ["AU-BIOSEC-ANIMAL"]

    kp = screen_declaration(_decl("KP", "DE", Item(description="Book")))
    assert [(f.rule, f.item_index) for f in kp] == [("SAN-KP", None)]
    cu = screen_declaration(_decl("CU", "US", Item(description="Book")))
    assert [(f.rule, f.level) for f in cu] == [("SAN-US-CU", "restricted")]


def test_address_in_occupied_region() -> None:
    findings = screen_declaration(_decl("UA", "DE", Item(description="Book"), city="Simferopol"))
    assert [(f.rule, f.level, f.item_index) for f in findings] == [
        ("SAN-UA-OCCUPIED-ORIGIN", "prohibited", None)
    ]
    assert screen_declaration(_decl("UA", "DE", Item(description="Book"), city="Kyiv")) == []


def test_value_threshold_uses_unit_value_and_currency() -> None:
    decl = _decl("RU", "IT", Item(description="Leather handbag", quantity="2", value="500"))
    decl.currency = "EUR"
    assert [f.rule for f in screen_declaration(decl) if f.item_index == 0] == []  # 250 each
    decl.items[0].value = "1000"
    found = [f for f in screen_declaration(decl) if f.item_index == 0]
    assert [(f.rule, f.level) for f in found] == [("SAN-EU-RU-LUX", "prohibited")]


def test_value_limits_convert_like_the_form_choice() -> None:
    from shipdesk.core.rates import convert

    on = date(2026, 11, 27)
    assert (
        matching.in_euros(Decimal(100), "USD", on)
        == convert(Decimal(100), "USD", "EUR", on=on).amount
    )
    assert matching.in_euros(Decimal(100), "", on) == Decimal(100)  # no currency: euros
    assert matching.in_euros(None, "USD", on) is None
    assert matching.in_euros(Decimal(100), "ZZZ", on) is None  # not a currency
    assert matching.in_euros(Decimal(100), "XDR", on) is not None  # through the SDR table


def test_value_limits_use_the_rate_book_handed_in() -> None:
    from shipdesk.core.rates import RateBook, convert

    on = date(2026, 11, 27)
    mine = RateBook({"eur": {on: {"USD": (Decimal("2"), "entered by the user")}}})
    assert matching.in_euros(Decimal(100), "USD", on, mine) == Decimal(50)
    assert matching.in_euros(Decimal(100), "USD", on, mine) == (
        convert(Decimal(100), "USD", "EUR", on=on, rates=mine).amount
    )


def test_unknown_currency_leaves_the_value_unknown_and_says_so() -> None:
    decl = _decl("RU", "IT", Item(description="Leather handbag", quantity="1", value="1000"))
    decl.currency = "ZZZ"
    found = [f for f in screen_declaration(decl) if f.item_index == 0]
    assert [(f.rule, f.level) for f in found] == [("SAN-EU-RU-LUX", "warning")]
    assert "could not be compared with the limit of 300 EUR" in found[0].message
    decl.currency = "USD"  # 1000 USD is over the EUR 300 limit
    found = [f for f in screen_declaration(decl) if f.item_index == 0]
    assert [(f.rule, f.level) for f in found] == [("SAN-EU-RU-LUX", "prohibited")]


# -- text read before screening (invisible characters, look-alike letters) ----------------
@pytest.mark.parametrize(
    "description",
    [
        "power\u200bbank",  # zero-width space
        "power\u00adbank",  # soft hyphen
        "power\u200dbank",  # zero-width joiner
        "power\u2060bank",  # word joiner
        "power\x00bank",  # NUL
        "роwer bank",  # Cyrillic р and о
        "ＰＯＷＥＲ ＢＡＮＫ",  # full width
    ],
)
def test_hidden_and_look_alike_characters_do_not_evade_screening(description: str) -> None:
    findings = screen_item(description, destination="US")
    assert "DG-LI-LOOSE" in [f.rule for f in findings]
    assert highest_level(findings) == "prohibited"


def test_a_soft_hyphen_splitting_two_words_is_screened_both_ways() -> None:
    # on screen "pepperspray", but typed as "pepper spray" broken by a hidden hyphen
    assert "DG-AEROSOL" in [f.rule for f in screen_item("pepper\u00adspray", destination="US")]
    assert "DG-AEROSOL" in [f.rule for f in screen_item("реррег sрrау", destination="US")]


@pytest.mark.parametrize("city", ["Sev\u200bastopol", "Sеvastopol", "Sev\u00adastopol"])
def test_a_hidden_or_look_alike_character_in_the_address_does_not_evade_the_region_rules(
    city: str,
) -> None:
    decl = Declaration(
        sender=Party(name="A", street="Hauptstr. 1", city="Berlin", country="DE"),
        recipient=Party(name="B", street="ul. Lenina 1", city=city, country="UA"),
        items=[Item(description="cotton t-shirt", quantity="1", value="10", hs_code="610910")],
    )
    plain = replace_city(decl, "Sevastopol")
    expected = {f.rule for f in screen_declaration(plain) if f.item_index is None}
    assert expected  # the plain address fires a region rule
    assert expected <= {f.rule for f in screen_declaration(decl) if f.item_index is None}


def replace_city(decl: Declaration, city: str) -> Declaration:
    out = decl.copy()
    out.recipient.city = city
    return out


def test_genuine_russian_description_is_screened_as_before() -> None:
    # Russian words are not read as Latin: the HS code still decides, and nothing new fires
    assert [f.rule for f in screen_item("Внешний аккумулятор", destination="US")] == []
    with_code = screen_item("Внешний аккумулятор", destination="US", hs_code="850760")
    assert [f.rule for f in with_code] == ["DG-LI-LOOSE"]
    assert [f.rule for f in screen_item("Сок яблочный, 1 л", destination="US")] == []
