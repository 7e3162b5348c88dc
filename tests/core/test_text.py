"""The one text fold, and the narrower one the tariff's stored keys depend on."""

from __future__ import annotations

import pytest

from shipdesk.core.text import fold, lower_fold, squash_spaces, strip_accents, words


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Vêtements ÉCHANTILLONS Straße", "vetements echantillons strasse"),
        ("Pâté (Maison), E-Bike", "pate (maison), e-bike"),
        ("ŒUVRE Smørrebrød Ærø", "oeuvre smorrebrod aero"),
        ("ＦＵＬＬ width ﬁle", "full width file"),  # compatibility forms
        ("GROSSE Größe", "grosse grosse"),
        ("", ""),
    ],
)
def test_fold_case_accents_and_letters(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_fold_keeps_spacing_and_punctuation() -> None:
    assert fold("  Gin 41.3% vol.\t") == "  gin 41.3% vol.\t"


def test_fold_accepts_none_as_empty() -> None:
    assert fold(None) == ""  # type: ignore[arg-type]


def test_lower_fold_differs_only_where_stored_keys_need_it() -> None:
    assert lower_fold("Herren Ledergürtel Straße") == "herren ledergurtel strasse"
    # ø, æ, œ stay letters: catalogue keys written with this fold must still match.
    assert lower_fold("Œufs Smørrebrød") == "œufs smørrebrød"
    assert fold("Œufs Smørrebrød") == "oeufs smorrebrod"
    # str.lower keeps the Greek final sigma; case folding does not.
    assert lower_fold("ΟΔΟΣ") == "οδος"
    assert fold("ΟΔΟΣ") == "οδοσ"


def test_words_split_on_punctuation_and_underscore() -> None:
    assert words("Men's T-shirt, 2x") == ["men", "s", "t", "shirt", "2x"]
    assert words("snake_case Wörter") == ["snake", "case", "worter"]
    assert words("Œuf", lower_fold) == ["œuf"]


def test_strip_accents_keeps_case() -> None:
    assert strip_accents("Éclair Ñandú") == "Eclair Nandu"


def test_strip_accents_returns_ascii_text_as_it_is() -> None:
    # nothing to decompose in ASCII: the text itself comes back, not a copy built a character
    # at a time (the tariff index folds 27,000 texts when it loads)
    text = "Men's cotton t-shirt, 100% (crew neck) #5"
    assert strip_accents(text) is text
    assert strip_accents("") == ""
    assert strip_accents("Ledergürtel ½") == "Ledergurtel 1⁄2"


def test_squash_spaces() -> None:
    assert squash_spaces("  a \n\t b  ") == "a b"
    assert squash_spaces("") == ""
