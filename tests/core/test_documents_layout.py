"""Text fitting and table pagination: wrap, shrink to the minimum, hand back the rest."""

from __future__ import annotations

import io

import pypdf

from shipdesk.core.documents import fonts, render_document
from shipdesk.core.documents.fitting import CONTINUED, MIN_SIZE, MM, fit, wrap
from shipdesk.core.documents.tables import Col, make_rows, paginate
from tests.core.test_documents import region_texts, sample, squash

WORDS = "Hand-knitted merino wool scarf with fringes, dyed with plant colours " * 6


def test_wrap_keeps_every_word_and_stays_in_width():
    width = 40 * MM
    lines = wrap(WORDS.strip(), width, 8)
    assert len(lines) > 3
    assert all(fonts.string_width(ln, 8) <= width + 0.01 for ln in lines)
    assert " ".join(lines).split() == WORDS.split()


def test_wrap_breaks_a_word_longer_than_the_box():
    word = "Donaudampfschifffahrtsgesellschaftskapitänsmütze"
    lines = wrap(word, 15 * MM, 9)
    assert len(lines) > 1 and "".join(lines) == word
    assert all(fonts.string_width(ln, 9) <= 15 * MM + 0.01 for ln in lines)


def test_fit_keeps_the_size_when_there_is_room():
    f = fit(["Short text"], 50 * MM, 20 * MM, size=9)
    assert f.size == 9 and f.lines == ["Short text"] and not f.overflow


def test_fit_shrinks_before_giving_up_and_never_below_minimum():
    text = "Replacement parts sent free of charge under warranty " * 2
    f = fit([text], 60 * MM, 8 * MM, size=9)
    assert MIN_SIZE <= f.size < 9 and not f.overflow
    assert squash(" ".join(f.lines)) == squash(text)
    g = fit([text * 10], 60 * MM, 8 * MM, size=9)
    assert g.size == MIN_SIZE and g.overflow and g.lines[-1] == CONTINUED
    shown = " ".join(g.lines[:-1]) + " " + g.rest
    assert squash(shown) == squash(text * 10)  # nothing lost: drawn + rest = all


def test_one_line_values_shrink_rather_than_wrap():
    f = fit(["1,234,567.89 EUR"], 22 * MM, 10 * MM, size=9, one_line=True)
    assert len(f.lines) == 1 and f.size < 9


def test_rows_grow_and_a_giant_row_is_split_across_pages():
    cols = [Col("description", "Description", 60), Col("value", "Value", 20, "right", True)]
    data = [("items[0]", ["small", "1.00"]), ("items[1]", [WORDS * 8, "2.00"])]
    data += [(f"items[{i}]", [f"line {i}", "3.00"]) for i in range(2, 6)]
    rows = make_rows(cols, data)
    assert rows[1].height > rows[0].height * 10
    pages = paginate(rows, [40.0, 60.0])
    assert len(pages) >= 3
    parts = [r for page in pages for r in page if r.prefix == "items[1]"]
    assert len(parts) >= 2 and [r.part for r in parts] == list(range(len(parts)))
    lines = [ln for r in parts for ln in r.cells[0].lines]
    assert squash(" ".join(lines)) == squash(WORDS * 8)
    order = [r.prefix for page in pages for r in page if r.part == 0]
    assert order == [f"items[{i}]" for i in range(6)]
    for page, cap in zip(pages, [40.0] + [60.0] * 10):
        assert sum(r.height for r in page) <= cap + 0.01


def test_invoice_box_overflow_continues_below_in_its_language():
    decl = sample("long_text")
    r = render_document(decl, form="invoice", lang="de", copies=1)
    pages = [p.extract_text() for p in pypdf.PdfReader(io.BytesIO(r.pdf)).pages]
    assert "Fortsetzung unten" in pages[0]
    assert "continuation sheet" not in "".join(pages)
    # the reason for export (category explanation): the box's part plus the part continued below
    t = region_texts(r)
    shown = t["category"].replace("→ Fortsetzung unten", "") + t["overflow:Ausfuhrgrund"]
    assert squash(shown) == squash("Sonstiges: " + decl.category_explanation)


def test_the_continued_note_in_a_narrow_box_is_shortened_not_shrunk_below_6_pt():
    import pdfplumber

    from shipdesk.core.documents.layout import Doc

    doc = Doc("a4")
    doc.new_page()
    rest = doc.fit_in(20, 20, 24, 6, WORDS, size=7.5, region="narrow")
    assert rest
    with pdfplumber.open(io.BytesIO(doc.finish())) as pdf:
        chars = [c for c in pdf.pages[0].chars if c["text"].strip()]
    assert chars and min(c["size"] for c in chars) >= MIN_SIZE - 0.01
    assert max(c["x1"] for c in chars) <= 44 * MM + 0.5  # inside the 24 mm box
    assert "→" in "".join(c["text"] for c in chars)


def test_a_column_too_narrow_for_a_caption_word_is_widened_from_the_description():
    from shipdesk.core.documents.layout import CAPTION_SIZE
    from shipdesk.core.documents.tables import widen

    cols = [
        Col("description", "(1) Description", 60),
        Col("hs_code", "(7) HS tariff number / N° tarifaire", 5, "left", True),
        Col("value", "(5) Value", 20, "right", True),
    ]
    out = widen(cols)
    need = fonts.string_width("tarifaire", CAPTION_SIZE) / MM
    assert out[1].width > need
    assert out[2].width == 20  # wide enough already
    assert sum(c.width for c in out) == sum(c.width for c in cols)
    assert out[0].width < 60
