"""The estimate where the user meets it: the invoice of a DDP shipment, the register workbook,
the advance-data export, and validation's warnings that come from the duty rules."""

from __future__ import annotations

import io

import pypdf

from shipdesk.core.model import Declaration, Item, Party
from shipdesk.core.services import Workspace, declarations, duties


def ddp(term: str = "DDP Lyon") -> Declaration:
    d = Declaration(
        category="sale_of_goods",
        currency="EUR",
        sender=Party(
            name="Shop", street="1 High St", city="London", postcode="SW1A 1AA", country="GB"
        ),
        recipient=Party(
            name="Marie", street="2 rue X", city="Lyon", postcode="69001", country="FR"
        ),
        items=[
            Item(
                description="Silk blouse",
                quantity="1",
                value="40.00",
                net_weight_kg="0.2",
                hs_code="620610",
                origin_country="GB",
            ),
            Item(
                description="Wool blouse",
                quantity="2",
                value="60.00",
                net_weight_kg="0.4",
                hs_code="620620",
                origin_country="GB",
            ),
        ],
        gross_weight_kg="0.8",
        postal_charges="10.00",
        invoice_number="INV-1",
        date="2026-12-01",
    )
    d.extra["incoterm"] = term
    return d


def text_of(pdf: bytes) -> str:
    return " ".join(p.extract_text() or "" for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)


def test_ddp_invoice_prints_the_duties_and_taxes_the_sender_pays(workspace: Workspace):
    pdf = declarations.render(workspace, ddp(), form="invoice")
    text = " ".join(text_of(pdf).split())
    assert "Duties and taxes at destination (DDP: paid by the sender)" in text
    est = duties.estimate(workspace, ddp())
    assert est.total() > 0
    assert f"Total: {est.total():.2f} EUR" in text
    assert "EU-DUTY-FLAT-3" in text


def test_ddp_block_in_german(workspace: Workspace):
    text = " ".join(
        text_of(declarations.render(workspace, ddp(), form="invoice", lang="de")).split()
    )
    assert "Zölle und Steuern im Bestimmungsland" in text


def test_dap_invoice_has_no_duties_block(workspace: Workspace):
    text = text_of(declarations.render(workspace, ddp("DAP Lyon"), form="invoice"))
    assert "Duties and taxes at destination" not in text


def test_register_carries_the_estimate(workspace: Workspace, tmp_path):
    import openpyxl

    out = tmp_path / "register.xlsx"
    no_country = ddp()
    no_country.recipient.country = ""
    declarations.export_register([ddp("DAP Lyon"), no_country], out, ws=workspace)
    sheet = openpyxl.load_workbook(out).active
    head = [c.value for c in sheet[1]]
    row = dict(zip(head, [c.value for c in sheet[2]], strict=True))
    est = duties.estimate(workspace, ddp("DAP Lyon"))
    assert row["Duty (est.)"] == float(est.total("duty")) == 6.0
    assert row["Import tax (est.)"] == float(est.total("tax"))
    assert row["At the door (est.)"] == float(est.at_door())
    assert row["Duties paid by"] == "recipient"
    blank = dict(zip(head, [c.value for c in sheet[3]], strict=True))
    assert blank["Duty (est.)"] is None  # no destination: no estimate, no guess


def test_advance_data_carries_the_estimate(workspace: Workspace, tmp_path):
    import csv
    import json

    out = tmp_path / "ead.json"
    declarations.export_advance_data([ddp()], out, "json", ws=workspace)
    item = json.loads(out.read_text("utf-8"))["items"][0]
    assert item["incoterm"] == "DDP Lyon" and item["duties_payer"] == "sender"
    assert item["duties_duty"] == "6.00" and item["duties_at_door"] == "0"
    assert item["duties_rules_date"] == "2026-12-01"
    out = tmp_path / "ead.csv"
    declarations.export_advance_data([ddp()], out, "csv", ws=workspace)
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert rows[0]["duties_duty"] == "6.00" and rows[0]["duties_payer"] == "sender"


# -- validation learns from the duty rules ------------------------------------------------------
def us(day: str, origin: str = "", category: str = "sale_of_goods") -> Declaration:
    d = ddp("DAP Mountain View")
    d.recipient = Party(
        name="John", street="1 Main St", city="Boston", postcode="02110", region="MA", country="US"
    )
    d.date = day
    d.category = category
    d.extra.pop("incoterm")
    for it in d.items:
        it.origin_country = origin
    return d


def codes(ws: Workspace, d: Declaration, path: str) -> list[tuple[str, str]]:
    res = declarations.validate(ws, d, lang="en")
    return [(p.level, p.code) for p in res.problems if p.field == path]


def test_us_item_without_origin_is_warned_from_2025_08_29(workspace: Workspace):
    gift_before = codes(workspace, us("2025-08-28", category="gift"), "items[0].origin_country")
    gift_after = codes(workspace, us("2025-08-29", category="gift"), "items[0].origin_country")
    assert gift_before == [("warning", "origin_missing_recommended")]
    assert gift_after == [("warning", "us_origin_needed")]
    res = declarations.validate(workspace, us("2025-08-29", category="gift"), lang="en")
    msg = next(p.message for p in res.problems if p.code == "us_origin_needed")
    assert "2025-08-29" in msg
    # a commercial CN 23 without origin is already an error: no second message
    big = us("2026-12-01")
    big.items[0].value = "500"
    assert codes(workspace, big, "items[0].origin_country") == [("error", "origin_missing")]
    assert codes(workspace, us("2026-12-01"), "items[0].origin_country") == [
        ("warning", "us_origin_needed")
    ]
    assert codes(workspace, us("2026-12-01", origin="GB"), "items[0].origin_country") == []


def test_eu_consignment_over_150_with_ioss_number(workspace: Workspace):
    d = ddp("DAP Lyon")
    d.ioss_number = "IM2500000012"
    d.postal_charges = ""
    d.items[1].value = "110.00"  # 40 + 110 = 150.00
    at = [c for _l, c in codes(workspace, d, "ioss_number")]
    d.items[1].value = "110.01"
    over = codes(workspace, d, "ioss_number")
    assert "ioss_over_limit" not in at
    assert ("error", "ioss_over_limit") in over


def test_gift_with_a_trade_term_is_a_sale(workspace: Workspace):
    d = ddp("DDP Lyon")
    d.category = "gift"
    d.invoice_number = ""
    assert ("warning", "gift_with_incoterm") in codes(workspace, d, "category")
    d.extra.pop("incoterm")
    assert ("warning", "gift_with_incoterm") not in codes(workspace, d, "category")
