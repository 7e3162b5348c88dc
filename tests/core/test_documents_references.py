"""References on the printed forms: the IOSS number is never printed (it belongs in the
electronic data only), and a tax number always says what it is."""

from __future__ import annotations

import pytest

from shipdesk.core.documents import render
from tests.core.test_documents import page_texts, sample, squash

IOSS = "IM2760000742"


@pytest.mark.parametrize("form", ["cn23", "invoice", "packing", "all"])
def test_ioss_number_is_never_printed(form):
    decl = sample("basic")
    decl.recipient.country = "FR"
    decl.ioss_number = IOSS
    pages = page_texts(render(decl, form=form, copies=1))
    assert pages
    for text in pages:
        assert IOSS not in "".join(text.split())
        assert "IOSS" not in text


def test_tax_numbers_are_labelled_with_their_kind():
    decl = sample("basic")
    decl.sender.tax_id = "DE123456789012345"  # an EORI number
    decl.recipient.country = "FR"
    decl.recipient.tax_id = "FR40303265045"  # a French VAT number with valid check digits
    cn23 = page_texts(render(decl, form="cn23", copies=1))[0]
    assert "EORI: DE123456789012345" in cn23
    assert "VAT No. / N° TVA: FR40303265045" in cn23
    invoice = "\n".join(page_texts(render(decl, form="invoice", copies=1, lang="de")))
    assert "EORI-Nummer: DE123456789012345" in invoice
    assert "USt-IdNr.: FR40303265045" in invoice


def test_unrecognised_tax_number_still_gets_a_label():
    decl = sample("basic")
    decl.sender.tax_id = "12-3456789"  # a US EIN: no offline check
    decl.sender.country = "US"
    cn23 = page_texts(render(decl, form="cn23", copies=1))[0]
    assert "Tax No. / N° fiscal: 12-3456789" in cn23


@pytest.mark.parametrize("paper", ["a4", "letter", "label-4x6", "a6"])
def test_cn22_explanation_of_other_starts_after_its_caption(paper):
    import io

    import pdfplumber

    decl = sample("gift_cn22")
    decl.category = "other"
    decl.category_explanation = "Replacement part sent free of charge under warranty"
    pdf = render(decl, form="cn22", copies=1, paper=paper)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        words = doc.pages[0].extract_words()
    caption = next(w for w in words if w["text"].startswith("Explication"))
    first = next(w for w in words if w["text"] == "Replacement")
    assert abs(first["top"] - caption["top"]) < 8  # on the caption's line
    assert first["x0"] >= caption["x1"] + 2  # and clear of it
    assert caption["bottom"] - caption["top"] >= 5.5  # the caption is at least 6 pt


@pytest.mark.parametrize("lang", ["en", "de", "fr", "es"])
def test_packing_list_speaks_of_itself_and_carries_no_value_boxes(lang):
    from shipdesk.core.documents import labels

    t = labels.texts(lang)
    decl = sample("basic")
    decl.importer_reference = "IMP-4711"
    text = "\n".join(page_texts(render(decl, form="packing", copies=1, lang=lang)))
    flat = " ".join(text.split())
    assert " ".join(t["packing_declaration"].split()) in flat
    assert " ".join(t["declaration"].split()) not in flat  # "... on this invoice ..."
    assert t["currency"] not in text
    assert t["reason"] not in text
    assert "IMP-4711" in text  # the importer's reference stays
    invoice = "\n".join(page_texts(render(decl, form="invoice", copies=1, lang=lang)))
    assert t["currency"] in invoice and t["reason"] in invoice


def test_unit_price_times_quantity_gives_the_line_total_back():
    decl = sample("basic")
    decl.items = decl.items[:1]
    decl.items[0].quantity = "3"
    decl.items[0].value = "50.00"
    text = "\n".join(page_texts(render(decl, form="invoice", copies=1)))
    assert "16.6667" in text and "16.67 " not in text
    decl.items[0].value = "51.00"
    text = "\n".join(page_texts(render(decl, form="invoice", copies=1)))
    assert "17.00" in text  # exact in cents: two decimals


def test_invoice_numbers_follow_the_language_of_the_invoice():
    decl = sample("basic")
    decl.items = decl.items[:1]
    decl.items[0].quantity = "2"
    decl.items[0].value = "2469.00"
    decl.items[0].net_weight_kg = "1.5"
    de = "\n".join(page_texts(render(decl, form="invoice", copies=1, lang="de")))
    assert "2.469,00" in de and "1.234,50" in de and "1,500" in de
    en = "\n".join(page_texts(render(decl, form="invoice", copies=1, lang="en")))
    assert "2,469.00" in en and "1,234.50" in en and "1.500" in en
    fr = "".join(page_texts(render(decl, form="invoice", copies=1, lang="fr"))[0].split())
    assert "2469,00" in fr  # French groups with a narrow space


def test_gift_pro_forma_has_a_number():
    decl = sample("gift_cn22")
    decl.invoice_number = ""
    assert decl.category != "sale_of_goods"
    text = page_texts(render(decl, form="invoice", copies=1))[0]
    day = (decl.date or "").replace("-", "")
    assert f"PF-{day}-" in text
    decl.item_id = "RR473124829DE"
    text = page_texts(render(decl, form="invoice", copies=1))[0]
    assert f"PF-{day}-RR473124829DE" in text


@pytest.mark.parametrize(("lang", "unit"), [("en", "pcs"), ("de", "Stk."), ("fr", "pces")])
def test_quantities_carry_their_unit(lang, unit):
    for form in ("invoice", "packing"):
        text = page_texts(render(sample("basic"), form=form, copies=1, lang=lang))[0]
        assert f"({unit})" in text


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_cn23_box_2_says_the_quantities_are_pieces(paper):
    """(2) Quantity carries its unit of measure, in both languages of the form."""
    text = page_texts(render(sample("basic"), form="cn23", paper=paper, copies=1))[0]
    assert "(2)Quantity(pcs)/Quantité(pces)" in squash(text)
