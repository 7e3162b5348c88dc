"""The words of the screening answer in German, French and Spanish: the clerk's detail names a
limit only where the rule has one, and the engine's own findings use the terms a post office
uses (a carrier is not the sender, a limit is not a border, an express carrier is not a
messaging service, restricted goods are not prohibited goods)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from shipdesk.core.operators import get_profile
from shipdesk.core.screening.matching import Finding
from shipdesk.core.screening.screen import screen_item

PHONE = "Smartphone with lithium battery"
LANGS = ("en", "de", "fr", "es")


@pytest.mark.parametrize("lang", LANGS)
def test_a_device_with_its_battery_names_no_limit_of_zero_wh(lang: str) -> None:
    """ "wh_gt = 0" only asks that a capacity be stated: it is no limit to show the clerk."""
    f = screen_item(PHONE, destination="DE", lang=lang)[0]
    assert f.rule == "DG-LI-ION-IN-EQUIP"
    assert " 0 Wh" not in f.detail, f.detail
    loose = screen_item("Lithium battery 18650 3400mAh", destination="DE", lang=lang)[0]
    assert loose.rule == "DG-LI-LOOSE" and " 0 Wh" not in loose.detail, loose.detail


def test_the_real_wh_limit_is_still_named() -> None:
    de = screen_item("Power bank 30000mAh 3.7V", destination="DE", lang="de")[0]
    assert de.rule == "DG-LI-LARGE"
    assert "Grenzwert: über 100 Wh" in de.detail, de.detail


def test_german_value_limits_are_grenzwerte_not_borders() -> None:
    found = screen_item(
        "Whisky 40%", destination="CN", value=Decimal("2000"), currency="CNY", lang="de"
    )
    assert {f.rule for f in found} >= {"DG-ALCOHOL-HIGH", "CN-PERSONAL-VALUE"}
    for f in found:
        assert "Grenze:" not in f.detail and "der Grenze von" not in f.message, f.detail


@pytest.mark.parametrize(
    ("lang", "wrong", "right"),
    [
        ("de", "Versender", "Paketdienst"),
        ("fr", "service de messagerie", "transporteur express"),
    ],
)
def test_an_operators_refusal_names_another_carrier_in_the_right_word(
    lang: str, wrong: str, right: str
) -> None:
    ap = get_profile("australia_post")
    found = [
        f
        for f in screen_item(PHONE, destination="FR", origin="AU", operator=ap, lang=lang)
        if f.rule == "OP-LI-REFUSED"
    ]
    assert found
    for f in found:
        said = " ".join((f.message, f.advice, f.customer_text))
        assert wrong not in said and right in said, said


@pytest.mark.parametrize(
    ("lang", "wrong"),
    [("de", "verbotene Waren"), ("fr", "marchandises interdites")],
)
def test_the_unchecked_rest_of_a_long_text_is_about_restricted_goods(lang: str, wrong: str) -> None:
    found = screen_item("Cotton T-shirt " + "x" * 600, destination="FR", lang=lang)
    texts = [f.message for f in found if f.rule == "TEXT-NOT-CHECKED"]
    assert texts and wrong not in texts[0], texts


@pytest.mark.parametrize(
    ("lang", "wrong"),
    [("de", "Quelle geprüft 2026"), ("fr", "vérifiée le 2026"), ("es", "comprobada el 2026")],
)
def test_the_date_the_source_was_read_reads_as_a_date(lang: str, wrong: str) -> None:
    f = screen_item(PHONE, destination="DE", lang=lang)[0]
    assert wrong not in f.detail and "2026-01" in f.detail, f.detail


@pytest.mark.parametrize(
    ("lang", "limit"),
    [("en", "500 characters"), ("de", "500 Zeichen"), ("fr", "500 caractères"),
     ("es", "500 caracteres")],
)  # fmt: skip
def test_the_limit_of_an_unchecked_text_names_its_unit(lang: str, limit: str) -> None:
    found = screen_item("Cotton T-shirt " + "x" * 600, destination="FR", lang=lang)
    unchecked = next(f for f in found if f.rule == "TEXT-NOT-CHECKED")
    assert limit in unchecked.detail, unchecked.detail


def _au_post_declaration() -> list[tuple[str, list[Finding]]]:
    from shipdesk.core.model import Declaration, Item, Party
    from shipdesk.core.screening.screen import screen_declaration

    decl = Declaration(
        sender=Party(name="S", country="AU"),
        recipient=Party(name="R", country="FR"),
        items=[Item(description="Samsung Galaxy A15 phone", quantity="5")],
    )
    ap = get_profile("australia_post")
    return [(lang, screen_declaration(decl, operator=ap, lang=lang)) for lang in LANGS[1:]]


def test_the_items_counted_read_as_a_list_and_the_operator_needs_no_elision() -> None:
    counted = {"de": "Gezählte Positionen: 1.", "fr": "Articles comptés : 1.",
               "es": "Artículos contados: 1."}  # fmt: skip
    for lang, found in _au_post_declaration():
        by_rule = {f.rule: f for f in found}
        assert counted[lang] in by_rule["OP-LI-PARCEL"].message, by_rule["OP-LI-PARCEL"].message
        if lang == "fr":  # "de" before a vowel is "d'": the operator's name is not put after it
            refused = by_rule["OP-LI-REFUSED"]
            assert "de Australia Post" not in refused.advice, refused.advice
