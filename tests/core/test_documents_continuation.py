"""Continuation sheets: numbered lines, the sender's address, the item number (with bars on
the CN 22 too) and a date and signature field on every sheet."""

from __future__ import annotations

import re

import pytest

from shipdesk.core.documents import render
from tests.core.test_documents import page_texts, sample


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize(("form", "paper"), [("cn23", "a4"), ("cn22", "label-4x6"), ("cn22", "a6")])
def test_every_continuation_sheet_is_complete(form, paper):
    decl = sample("many_items")
    pages = page_texts(render(decl, form=form, paper=paper, copies=1))
    assert len(pages) >= 2
    numbers = []
    for text in pages:
        numbers += [int(n) for n in re.findall(r"(?:^|\n|× |\s)(\d{1,2})\. ", text)]
    for text in pages[1:]:
        t = flat(text)
        assert "Hauptstraße 12" in t and "BERLIN" in t  # the sender's address, not just a name
        assert "RR473124829DE" in t
        assert "Date and sender's signature" in t
        assert (decl.date or "") in t
    real = [it for it in decl.items if not it.is_blank()]
    # every line carries its number once, in order, across the sheets
    assert [n for n in numbers if n <= len(real)][: len(real)] == list(range(1, len(real) + 1))


def test_cn22_continuation_label_carries_the_barcode():
    import io

    import pdfplumber

    pdf = render(sample("many_items"), form="cn22", paper="label-4x6", copies=1)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages[1:]:
            bars = [r for r in page.rects if r["height"] > 14 and r["width"] < 4]
            assert len(bars) >= 25  # Code 128: three bars a symbol


def test_lines_on_a_single_sheet_are_not_numbered():
    text = page_texts(render(sample("basic"), form="cn23", copies=1))[0]
    assert "1. Women" not in text
    assert "Women's T-shirt" in text


@pytest.mark.parametrize(("form", "paper"), [("cn23", "a4"), ("cn22", "label-4x6"), ("cn22", "a6")])
def test_a_long_sender_is_printed_in_full_on_continuation_sheets(form, paper):
    """The sender's name and address take the lines they need at the head of a continuation
    sheet (the CN 22 label printed only the continued-note, the CN 23 one line of it)."""
    from shipdesk.core.documents import printed, render_document
    from tests.core.test_documents import region_texts, squash

    decl = sample("long_text")
    r = render_document(decl, form=form, paper=paper, copies=1)
    assert r.pages >= 2
    texts = region_texts(r)
    for n in range(2, r.pages + 1):
        shown = squash(texts[f"sender~{n}"])
        assert squash(printed.sender_line(decl)) in shown
        assert "continued" not in shown
