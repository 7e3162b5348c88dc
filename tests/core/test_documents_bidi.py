"""Right-to-left names: Arabic shaping and visual order of one line."""

from __future__ import annotations

import unicodedata

from shipdesk.core.documents import render_document
from shipdesk.core.documents.bidi import has_rtl, reorder, shape_arabic, visual
from shipdesk.core.glyphs import missing_glyphs
from tests.core.test_documents import expect_in, region_texts, sample


def names(text: str) -> list[str]:
    return [unicodedata.name(c) for c in text]


def test_latin_text_is_untouched():
    for t in ("Hello world", "Müller 12", "Иван (Москва)", ""):
        assert not has_rtl(t)
        assert visual(t) == t


def test_hebrew_reversed_numbers_kept():
    assert visual("שלום עולם") == "םלוע םולש"
    assert visual("רחוב הרצל 12, תל אביב") == "ביבא לת ,12 לצרה בוחר"
    assert visual("Hello שלום 123 world") == "Hello 123 םולש world"
    assert visual("Tel (שלום) abc") == "Tel (םולש) abc"


def test_brackets_mirror_in_rtl_runs():
    assert reorder("(שלום)") == "(םולש)"  # mirrored, then reversed: still reads as a pair


def test_arabic_letters_take_joined_forms():
    shaped = shape_arabic("محمد")
    assert names(shaped) == [
        "ARABIC LETTER MEEM INITIAL FORM",
        "ARABIC LETTER HAH MEDIAL FORM",
        "ARABIC LETTER MEEM MEDIAL FORM",
        "ARABIC LETTER DAL FINAL FORM",
    ]
    # dal does not join forward: the next letter starts a new group
    assert names(shape_arabic("دا")) == [
        "ARABIC LETTER DAL ISOLATED FORM",
        "ARABIC LETTER ALEF ISOLATED FORM",
    ]
    # lam + alef becomes one ligature
    assert names(shape_arabic("سلام")) == [
        "ARABIC LETTER SEEN INITIAL FORM",
        "ARABIC LIGATURE LAM WITH ALEF FINAL FORM",
        "ARABIC LETTER MEEM ISOLATED FORM",
    ]
    assert visual("محمد علي") == shape_arabic("علي")[::-1] + " " + shape_arabic("محمد")[::-1]


def test_rtl_names_print_in_their_boxes():
    decl = sample("basic")
    decl.recipient.name = "محمد علي"
    decl.recipient.street = "רחוב הרצל 12"
    assert missing_glyphs(decl.recipient.name + decl.recipient.street) == ""
    r = render_document(decl, form="cn23", copies=1)
    t = region_texts(r)
    expect_in(t, "recipient", visual("محمد علي"))
    expect_in(t, "recipient", visual("רחוב הרצל 12"))
