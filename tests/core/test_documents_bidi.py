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


def test_mixed_script_line_keeps_brackets_and_numbers_in_place():
    arabic = "وعاء خشب"
    line = f"Olive wood bowl ({arabic}) 20 cm"
    assert visual(line) == f"Olive wood bowl ({visual(arabic)}) 20 cm"
    # a right-to-left paragraph: brackets mirrored so that they still enclose their text
    assert visual("(שלום) 20") == "20 (םולש)"


def test_wrapped_lines_keep_the_direction_of_their_paragraph():
    from shipdesk.core.documents.bidi import LRM, RLM, split_mark
    from shipdesk.core.documents.fitting import MM, wrap_paragraphs
    from shipdesk.core.documents.fonts import string_width

    first = "Hand-carved olive wood bowl,"
    paragraph = f"{first} هدية من القدس 20 cm"
    lines = wrap_paragraphs([paragraph], string_width(first, 9, False) + 2, 9, False)
    assert len(lines) == 2
    assert all(ln.startswith(LRM) for ln in lines)  # the paragraph runs left to right
    text, base = split_mark(lines[1])
    assert has_rtl(text[:1])  # the second line begins with the Arabic words
    assert base == "L"
    # laid out as part of an English paragraph, the line reads left to right and "cm" stays at
    # its right end; taken on its own, the line would run right to left and put "cm" first
    assert visual(text, base).endswith(" cm")
    assert visual(text).startswith("cm ")
    assert visual(text) != visual(text, base)
    # a right-to-left paragraph marks its lines the other way
    assert all(
        ln.startswith(RLM)
        for ln in wrap_paragraphs(["هدية من القدس, olive wood"], 20 * MM, 9, False)
    )
    # text without right-to-left letters is left alone
    assert wrap_paragraphs(["Olive wood bowl"], 100 * MM, 9, False) == ["Olive wood bowl"]
