"""Addresses written only in another script, or with digits other than 0-9, get a warning: the
UPU wants Latin letters and Arabic numerals (the local script may be added)."""

from __future__ import annotations

import pytest

from shipdesk.core.model import Declaration, Party
from shipdesk.core.operators import get_profile
from shipdesk.core.validation import validate


def warnings_of(decl: Declaration) -> set[tuple[str, str]]:
    res = validate(decl, operator=get_profile("upu"))
    return {
        (p.field, p.code)
        for p in res.problems
        if p.code in ("address_not_latin", "address_digits") and p.level == "warning"
    }


def test_address_only_in_japanese_gets_one_warning_per_kind():
    d = Declaration()
    d.recipient = Party(
        name="山田太郎", street="千代田1-1", city="東京", postcode="１００-０００１", country="JP"
    )
    assert warnings_of(d) == {
        ("recipient.name", "address_not_latin"),
        ("recipient.postcode", "address_digits"),
    }


@pytest.mark.parametrize(
    "party",
    [
        Party(name="Taro Yamada 山田太郎", street="1-1 Chiyoda", city="Tokyo 東京", country="JP"),
        Party(name="Jürgen Groß", street="Straße 1", city="Köln", postcode="50667", country="DE"),
        Party(name="Ahmed Ali أحمد", street="12 Tahrir St", city="Cairo", country="EG"),
        Party(name="", street="", city="", country="FR"),
    ],
)
def test_latin_or_mixed_addresses_pass(party):
    d = Declaration()
    d.recipient = party
    assert warnings_of(d) == set()


def test_arabic_indic_digits_and_arabic_only_city():
    d = Declaration()
    d.recipient = Party(
        name="Ahmed Ali", street="شارع التحرير ١٢", city="القاهرة", postcode="١١٥١١", country="EG"
    )
    assert warnings_of(d) == {
        ("recipient.street", "address_not_latin"),
        ("recipient.street", "address_digits"),
    }


def test_the_warning_is_translated():
    d = Declaration()
    d.recipient = Party(name="Иван Петров", street="ул. Ленина 1", city="Москва", country="RU")
    res = validate(d, operator=get_profile("upu"), lang="de")
    msg = next(p.message for p in res.problems if p.code == "address_not_latin")
    assert "lateinischen Buchstaben" in msg and "Иван Петров" in msg
