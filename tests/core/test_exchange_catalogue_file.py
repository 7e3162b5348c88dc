"""Product catalogue files: reading them (units, codes, countries, bad rows by row and column)
and writing them back."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest

from shipdesk.core.errors import InputError
from shipdesk.core.exchange.catalogue_file import read_products, write_products
from shipdesk.core.storage.products import Product

DATA = Path(__file__).resolve().parent.parent / "data" / "sheets"


def test_sample_catalogue_units_codes_countries() -> None:
    pf = read_products(DATA / "products.csv")
    assert pf.problems == [] and pf.rows_read == 14
    by = {p.sku: p for p in pf.products}
    assert by["TS-BL-M"].net_weight_kg == "0.18"  # 180 g
    assert by["TS-BL-M"].hs_code == "610910"  # 6109.10
    assert by["PW-1"].net_weight_kg == "0.110563"  # 3.9 oz
    assert by["SC-W"].origin_country == "IT"  # "Italy"
    assert by["TEA-G"].hs_code == "090210"
    assert by["MUG-01"].hs_code == "" and by["MUG-01"].known() == [
        "description", "net_weight_kg", "origin_country",
    ]  # fmt: skip
    assert by["WAL-BRN"].name == "Leather wallet"


def test_bad_rows_reported_by_row_and_column(tmp_path: Path) -> None:
    f = tmp_path / "p.csv"
    f.write_text(
        "SKU;Description;Weight (g);HS code;Country of origin;Weight unit\n"
        "A1;Mug of stoneware;350;691200;DE;\n"
        "A2;Cup;zwölf;6912;Atlantis;\n"
        ";Plate;200;691200;DE;\n"
        "a1 ;Mug again;300;691200;DE;\n"
        "A3;Bowl;1,5;abc;FR;stone\n"
        "A4;;;;;\n"
        "A5;Teapot;0;691200;CN;\n"
        "\n"
        "A6;;2,5;;;lb\n",
        encoding="cp1252",
    )
    pf = read_products(f)
    assert [p.sku for p in pf.products] == ["A1", "A6"]
    assert pf.products[0].net_weight_kg == "0.35"
    assert pf.products[1].net_weight_kg == "1.133981"  # 2.5 lb, comma decimals
    got = [(p.row, p.column, p.message) for p in pf.problems]
    assert got == [
        (3, "Weight (g)", "'zwölf' is not a number"),
        (3, "HS code", "'6912' is too short: give at least the 6-digit HS code"),
        (3, "Country of origin",
         "unknown country 'Atlantis' (use the two-letter ISO code, e.g. DE)"),
        (4, "SKU", "no SKU"),
        (5, "SKU", "SKU 'a1' is already on row 2; each SKU once"),
        (6, "Weight unit", "'stone' is not a weight unit (kg, g, lb, oz)"),
        (6, "HS code", "'abc' is not an HS code (6 to 10 digits)"),
        (7, "SKU", "nothing to fill for SKU 'A4' (no description, weight, HS code or origin)"),
        (8, "Weight (g)", "the weight must be more than 0 (found 0)"),
    ]  # fmt: skip
    assert pf.rows_rejected == 6 and pf.rows_read == 8


def test_xlsx_catalogue_with_title_row_and_numeric_codes(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["My products, November"])
    ws.append([])
    ws.append(["Artikelnummer", "Produktname", "Warenbezeichnung", "Gewicht (kg)",
               "Zolltarifnummer", "Ursprungsland"])  # fmt: skip
    ws.append(["T-1", "Grüner Tee", "Grüner Tee, lose", 0.25, 90210, "Japan"])
    ws.append([1002, None, "Teekanne aus Gusseisen", 1.2, 73239100, "CN"])
    wb.save(tmp_path / "p.xlsx")
    pf = read_products(tmp_path / "p.xlsx")
    assert pf.problems == [] and pf.header_row == 3
    a, b = pf.products
    assert (a.sku, a.name, a.hs_code, a.origin_country, a.net_weight_kg) == (
        "T-1", "Grüner Tee", "090210", "JP", "0.25")  # fmt: skip
    assert (b.sku, b.hs_code) == ("1002", "73239100")


def test_not_a_catalogue(tmp_path: Path) -> None:
    f = tmp_path / "p.csv"
    f.write_text("name,weight\nMug,0.3\n", encoding="utf-8")
    with pytest.raises(InputError, match="not a product catalogue: no column for sku"):
        read_products(f)
    with pytest.raises(InputError, match="columns in the file: Sale Date, Item Name"):
        read_products(DATA / "etsy_order_items.csv")  # an order file, not a catalogue
    f.write_text("sku,name\nA,Mug\n", encoding="utf-8")
    with pytest.raises(InputError, match="description, net_weight_kg, hs_code or origin"):
        read_products(f)
    with pytest.raises(InputError, match=r"\.xls"):
        read_products(tmp_path / "old.xls")


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_write_and_read_back(tmp_path: Path, suffix: str) -> None:
    products = [
        Product("=1+1", "Mug", "Stoneware mug", "0.4", "091210", "DE"),
        Product("B-2", "", "Plate", "", "691200", ""),
    ]
    out = write_products(products, tmp_path / f"p{suffix}")
    if suffix == ".csv":
        with out.open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.reader(fh))
        assert rows[0] == ["sku", "name", "description", "net_weight_kg", "hs_code",
                           "origin_country"]  # fmt: skip
        assert rows[1][0] == "'=1+1"  # never run as a formula
    pf = read_products(out)
    assert pf.problems == [] and pf.products == products
    with pytest.raises(InputError, match=r"\.csv or \.xlsx"):
        write_products(products, tmp_path / "p.json")
