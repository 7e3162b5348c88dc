"""The item number on the forms: printed and encoded in its canonical S10 form, never as bars
when it failed its check."""

from __future__ import annotations

import itertools

import pypdfium2 as pdfium
import pytest

from shipdesk.core.documents import render
from shipdesk.core.documents.printed import item_number
from shipdesk.core.model import Declaration
from tests.core.test_documents import page_texts, sample

VALID = "RR473124829DE"


def header_bars(pdf_bytes: bytes) -> list[bool]:
    """Dark pixels along the CN 23 header's item-number box, at the height of the bars."""
    page = pdfium.PdfDocument(pdf_bytes)[0]
    img = page.render(scale=4).to_pil().convert("L")
    w, h = img.size
    y = int(h * 17 / 297)
    return [img.getpixel((x, y)) < 128 for x in range(int(w * 0.66), int(w * 0.95))]


def runs(row: list[bool]) -> int:
    return sum(1 for a, b in itertools.pairwise(row) if b and not a)


@pytest.mark.parametrize("typed", ["rr 473 124 829 de", " RR473124829DE ", "Rr-473.124.829-dE"])
def test_valid_number_is_printed_and_encoded_canonically(typed):
    decl = sample("basic")
    decl.item_id = VALID
    canonical = header_bars(render(decl, form="cn23", copies=1))
    decl.item_id = typed
    pdf = render(decl, form="cn23", copies=1)
    assert header_bars(pdf) == canonical  # the very same bars as the canonical number
    assert runs(canonical) >= 25
    text = page_texts(pdf)[0]
    assert VALID in text
    assert typed.strip() not in text or typed.strip() == VALID


def test_invalid_number_on_a_forced_draft_gets_no_bars():
    decl = sample("basic")
    decl.item_id = "RR473124820DE"  # wrong check digit
    pdf = render(decl, form="cn23", copies=1, draft=True)
    assert runs(header_bars(pdf)) == 0
    assert "RR473124820DE" in page_texts(pdf)[0]  # still readable by a person


def test_item_number_values():
    d = Declaration()
    assert item_number(d).text == "" and not item_number(d).barcode
    d.item_id = "rr473124829de"
    assert item_number(d).text == VALID and item_number(d).barcode
    d.item_id = "  12345  "
    assert item_number(d).text == "12345" and not item_number(d).barcode
