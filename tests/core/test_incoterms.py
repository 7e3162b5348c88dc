"""Incoterms and the signatory: read from the declaration's extra keys, checked, printed on the
invoice; taken from a spreadsheet column."""

from __future__ import annotations

import pytest

from shipdesk.core import incoterms
from shipdesk.core.documents import render
from shipdesk.core.operators import get_profile
from shipdesk.core.validation import validate
from tests.core.test_documents import page_texts, sample


def test_edition_has_the_eleven_rules_and_retired_codes():
    ed = incoterms.edition()
    assert ed.name == "Incoterms® 2020"
    assert len(ed.rules) == 11 and "DPU" in ed.rules and "DAT" not in ed.rules
    assert incoterms.parse("ddu").replaced_by == "DAP"


@pytest.mark.parametrize(
    ("text", "code", "place", "known"),
    [
        ("DAP Mountain View", "DAP", "Mountain View", True),
        ("ddp  Lyon, France", "DDP", "Lyon, France", True),
        ("FCA", "FCA", "", True),
        ("DDU Berlin", "DDU", "Berlin", False),
        ("free delivery", "", "delivery", False),
    ],
)
def test_parse(text, code, place, known):
    term = incoterms.parse(text)
    assert (term.code, term.place, term.known) == (code, place, known)


def test_only_ddp_makes_the_seller_pay_duties():
    assert incoterms.seller_pays_duties("DDP Lyon")
    assert not incoterms.seller_pays_duties("DAP Lyon")
    assert not incoterms.seller_pays_duties("nonsense")


def _codes(decl):
    return {p.code: p.level for p in validate(decl, operator=get_profile("upu")).problems}


def test_validation_of_the_term():
    decl = sample("basic")
    decl.extra["incoterm"] = "DAP Mountain View"
    assert "incoterm_unknown" not in _codes(decl) and "incoterm_retired" not in _codes(decl)
    decl.extra["incoterm"] = "DDU Mountain View"
    assert _codes(decl)["incoterm_retired"] == "warning"
    decl.extra["incoterm"] = "postage paid"
    assert _codes(decl)["incoterm_unknown"] == "error"


def test_invoice_prints_the_term_and_the_signatory():
    decl = sample("basic")
    decl.extra["incoterm"] = "DAP Mountain View"
    decl.extra["signatory"] = "Anna Schmidt, owner"
    text = " ".join(page_texts(render(decl, form="invoice", copies=1))[0].split())
    assert "Terms of delivery" in text
    assert "DAP Mountain View (Incoterms® 2020)" in text
    assert "Anna Schmidt, owner" in text
    de = " ".join(page_texts(render(decl, form="invoice", copies=1, lang="de"))[0].split())
    assert "Lieferbedingungen" in de


def test_invoice_without_them_is_unchanged():
    text = page_texts(render(sample("basic"), form="invoice", copies=1))[0]
    assert "Terms of delivery" not in text


def test_spreadsheet_columns_fill_them(tmp_path):
    from shipdesk.core.exchange.orders import import_orders
    from shipdesk.core.model import Party

    path = tmp_path / "orders.csv"
    path.write_text(
        "order id,name,street,city,postcode,country,description,quantity,price,weight,"
        "incoterms,signed by\n"
        "A-1,John Miller,1 Main St,Springfield,62701,US,Cotton T-shirt,1,20.00,0.2,"
        "DAP Springfield,Anna Schmidt\n",
        encoding="utf-8",
    )
    sender = Party(name="Anna Schmidt", street="Hauptstraße 12", city="Berlin", country="DE")
    result = import_orders(path, sender=sender)
    decl = result.declarations[0]
    assert decl.extra["incoterm"] == "DAP Springfield"
    assert decl.extra["signatory"] == "Anna Schmidt"
