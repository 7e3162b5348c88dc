"""Validation tells the user when a field is read differently from how it looks."""

from __future__ import annotations

import pytest

from shipdesk.core.validation import validate
from tests.core.test_validation import good, item, recipient_us


def problems_of(decl, code: str, lang: str = "en"):
    return [p for p in validate(decl, lang=lang).problems if p.code == code]


@pytest.mark.parametrize("hidden", ["\u200b", "\u00ad", "\u200d", "\u2060", "\x00", "\ufeff"])
def test_hidden_characters_in_a_description_give_a_warning_naming_the_field(hidden: str) -> None:
    d = good(items=[item(), item(description=f"power{hidden}bank 10000 mAh")])
    (p,) = problems_of(d, "text_hidden_characters")
    assert p.level == "warning"
    assert p.field == "items[1].description"
    assert p.message.startswith("Item 2 – description contains hidden characters")
    assert f"U+{ord(hidden):04X}" in p.message
    assert d.items[1].description == f"power{hidden}bank 10000 mAh"  # nothing typed is changed


def test_look_alike_letters_give_a_warning_with_the_reading() -> None:
    d = good(items=[item(description="роwer bank 10000 mAh")])
    (p,) = problems_of(d, "text_lookalike_letters")
    assert p.level == "warning" and p.field == "items[0].description"
    assert "U+0440 CYRILLIC SMALL LETTER ER" in p.message
    assert "'power bank 10000 mAh'" in p.message


def test_party_fields_are_checked_too() -> None:
    r = recipient_us()
    r.name = "John\u200b Miller"
    (p,) = problems_of(good(recipient=r), "text_hidden_characters")
    assert p.field == "recipient.name"
    assert p.message.startswith("Recipient – name contains hidden characters")


def test_the_warning_is_told_in_the_language_asked_for() -> None:
    d = good(items=[item(description="power\u200bbank")])
    (de,) = problems_of(d, "text_hidden_characters", lang="de")
    (fr,) = problems_of(d, "text_hidden_characters", lang="fr")
    assert de.message.startswith("Ware 1 – Beschreibung enthält unsichtbare Zeichen")
    assert fr.message.startswith("Article 1 – description contient des caractères invisibles")


@pytest.mark.parametrize(
    "text",
    ["Women's T-shirt, 100% cotton", "Внешний аккумулятор", "Ελληνικό ελαιόλαδο", "Tee\tvert"],
)
def test_ordinary_text_of_any_script_gives_no_warning(text: str) -> None:
    d = good(items=[item(description=text)])
    codes = {p.code for p in validate(d).problems}
    assert not codes & {"text_hidden_characters", "text_lookalike_letters"}
