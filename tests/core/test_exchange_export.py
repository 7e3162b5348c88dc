"""Register, template and EAD exports; formula neutralisation."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from shipdesk.core.exchange import ead
from shipdesk.core.exchange.orders import import_orders
from shipdesk.core.exchange.register import REGISTER_COLUMNS, export_register
from shipdesk.core.exchange.safety import neutralise
from shipdesk.core.exchange.template import template_headers, write_template
from shipdesk.core.model import Declaration, Item, Party

DATA = Path(__file__).resolve().parent.parent / "data" / "sheets"


def _decl() -> Declaration:
    d = Declaration(
        currency="EUR",
        sender=Party(name="Maria Keller", street="Lindenweg 3", city="Freiburg",
                     postcode="79098", country="DE", tax_id="DE136695976"),
        recipient=Party(name="=1+1", street="1 Main St", city="Boston", postcode="02108",
                        country="US", phone="+16175550101"),
        items=[
            Item(description="Women's T-shirt, 100% cotton", quantity="2",
                 net_weight_kg="0.300", value="25.00", hs_code="610910", origin_country="PT"),
            Item(description="@SUM(A1:A9)", quantity="1", net_weight_kg="0.250",
                 value="18.00", hs_code="691200", origin_country="DE",
                 extra={"hs_suggested": True}),
        ],
        gross_weight_kg="0.620",
        postal_charges="15.90",
        item_id="RR123456785DE",
        invoice_number="INV-7",
        licence_numbers=["L1", "L2"],
        ioss_number="IM2760000001",
        date="2026-11-27",
    )  # fmt: skip
    d.extra["order_number"] = "A-100"
    return d


@pytest.mark.parametrize(
    ("value", "expected"),
    [("=1+1", "'=1+1"), ("+49 30", "'+49 30"), ("-x", "'-x"), ("@a", "'@a"),
     ("\tx", "'\tx"), ("\rx", "'\rx"), ("plain", "plain"), (5, 5), (None, None)],
)  # fmt: skip
def test_neutralise(value: object, expected: object) -> None:
    assert neutralise(value) == expected


def test_register(tmp_path: Path) -> None:
    out = export_register([_decl(), Declaration()], tmp_path / "reg.xlsx", files=["a.json"])
    wb = openpyxl.load_workbook(out)
    ws = wb["Register"]
    head = [c.value for c in ws[1]]
    assert head == [h for h, _, _ in REGISTER_COLUMNS]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(len(head))}3"
    row = dict(zip(head, (c for c in ws[2])))
    assert row["Order number"].value == "A-100"
    assert row["File"].value == "a.json"
    assert row["Date"].value == datetime(2026, 11, 27)  # a real date cell, not text
    assert row["Date"].number_format == "yyyy-mm-dd"
    assert row["Total value"].value == 43 and row["Total value"].data_type == "n"
    assert row["Gross weight (kg)"].value == pytest.approx(0.62)
    assert row["Lines"].value == 2
    assert row["Recipient"].value == "'=1+1"  # a formula typed by a customer stays text
    # text that does not start with a formula trigger is not a formula and is kept as typed
    assert row["Contents"].value == "Women's T-shirt, 100% cotton; @SUM(A1:A9)"
    assert row["Contents"].data_type == "s"
    assert row["HS codes"].value == "610910, 691200"


def test_template(tmp_path: Path) -> None:
    out = write_template(tmp_path / "t.xlsx")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[:2] == ["Orders", "Instructions"]
    ws = wb["Orders"]
    heads = [c.value for c in ws[1]]
    assert heads == [h for _, h in template_headers()]
    assert ws.freeze_panes == "B2"
    lists = wb["Lists"]
    assert lists.sheet_state == "hidden"
    formulas = {dv.formula1 for dv in ws.data_validations.dataValidation if dv.type == "list"}
    names = {lists.cell(row=1, column=c).value for c in range(1, lists.max_column + 1)}
    assert names == {"category", "country", "currency", "weight_unit", "non_delivery"}
    assert len(formulas) == 5
    col = {h: openpyxl.utils.get_column_letter(i) for i, h in enumerate(heads, start=1)}
    by_col = {str(dv.sqref).split(":")[0]: dv for dv in ws.data_validations.dataValidation}
    assert by_col[f"{col['Currency']}2"].type == "list"
    assert by_col[f"{col['Country of origin']}2"].type == "list"
    assert by_col[f"{col['Weight unit']}2"].type == "list"
    assert by_col[f"{col['Quantity']}2"].type == "decimal"
    countries = [c.value for c in lists["B"][1:]]
    assert "DE" in countries and "US" in countries and len(countries) > 240
    instructions = [r[0] for r in wb["Instructions"].iter_rows(values_only=True)]
    assert "HS code" in instructions
    # the empty template imports cleanly to nothing
    r = import_orders(out)
    assert r.mapping.platform == "shipdesk" and not r.orders and not r.problems


def test_ead_json(tmp_path: Path) -> None:
    out = ead.export_ead([_decl()], tmp_path / "ead.json")
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["format"] == "shipdesk.ead/1" and doc["item_count"] == 1
    item = doc["items"][0]
    assert item["item_id"] == "RR123456785DE"
    assert item["total_value"] == "43.00" and item["currency"] == "EUR"
    assert item["licence_numbers"] == ["L1", "L2"]
    assert item["sender"]["id_type"] == "VAT"
    assert item["content_pieces"] == 2
    line = item["contents"][1]
    assert line == {
        "sequence": 2, "description": "@SUM(A1:A9)", "quantity": "1", "quantity_unit": "PCE",
        "net_weight_kg": "0.250", "value": "18.00", "currency": "EUR", "hs_code": "691200",
        "origin_country": "DE", "hs_suggested": True,
    }  # fmt: skip


def test_ead_csv(tmp_path: Path) -> None:
    out = ead.export_ead([_decl(), _decl()], tmp_path / "ead.csv")
    raw = out.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"))))
    assert list(rows[0]) == list(ead.CSV_COLUMNS)
    assert len(rows) == 4  # one row per content line
    assert rows[0]["item_id"] == "RR123456785DE"
    assert rows[0]["licence_numbers"] == "L1;L2"
    assert rows[0]["addressee_name"] == "'=1+1"
    assert rows[1]["line_description"] == "'@SUM(A1:A9)"
    assert rows[1]["line_hs_suggested"] == "true"
    assert rows[0]["addressee_phone"] == "'+16175550101"


def test_ead_fields_documented() -> None:
    doc = (Path(__file__).resolve().parents[2] / "docs" / "spreadsheets.md").read_text("utf-8")
    for f in ead.EAD_FIELDS:
        assert f"`{f.column}`" in doc, f.column


def test_id_types() -> None:
    assert ead.id_type("IM2760000001") == "IOSS"
    assert ead.id_type("GB123456789012") == "EORI"
    assert ead.id_type("CHE-123.456.789 MWST") == "UID"
    assert ead.id_type("12345678909", "BR") == "CPF"
    assert ead.id_type("") == ""
