"""Rejected rows written back out must never carry a live formula, whatever control characters
the imported cells held, and reading the file back gives the user's text again."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest

from shipdesk.core.exchange.catalogue_file import write_products
from shipdesk.core.exchange.import_result import ImportResult
from shipdesk.core.exchange.orders import import_orders
from shipdesk.core.exchange.register import export_register
from shipdesk.core.exchange.safety import neutralise, restore
from shipdesk.core.model import Declaration, Item
from shipdesk.core.storage.products import Product

HOSTILE = [
    '\x01=HYPERLINK("http://x","y")',
    "\t=1+1",
    " =cmd",
    "\x1f@SUM(A1)",
    "\r\n-2+3",
    "'=1+1",
]
# a NUL makes a CSV file count as binary, so it is only tried on the functions themselves
ALSO = ["\x00+1", "\x00\x02\x03=2"]


def _rejected(tmp_path: Path) -> ImportResult:
    src = tmp_path / "orders.csv"
    with src.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["Order number", "Description", "Quantity", "Unit price", "Country"])
        for i, text in enumerate(HOSTILE):
            w.writerow([f"A-{i}", text, "two", "5.00", "FR"])  # "two": every row is rejected
    r = import_orders(src)
    assert len(r.rejected) == len(HOSTILE)
    return r


def test_rejected_xlsx_has_no_formula(tmp_path: Path) -> None:
    out = _rejected(tmp_path).write_rejected(tmp_path / "rejected.xlsx")
    ws = openpyxl.load_workbook(out).active
    cells = [c for row in ws.iter_rows() for c in row if c.value is not None]
    assert not [c.value for c in cells if c.data_type == "f"]
    descriptions = [row[2].value for row in ws.iter_rows(min_row=2)]
    assert all(isinstance(d, str) and d.startswith("'") for d in descriptions), descriptions


def test_rejected_csv_cells_are_quoted(tmp_path: Path) -> None:
    out = _rejected(tmp_path).write_rejected(tmp_path / "rejected.csv")
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    descriptions = [row[2] for row in rows[1:]]
    assert all(d.startswith("'") for d in descriptions), descriptions
    assert not any(ch < " " and ch not in "\t\r\n" for d in descriptions for ch in d)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_fixed_rows_import_as_typed(tmp_path: Path, suffix: str) -> None:
    out = _rejected(tmp_path).write_rejected(tmp_path / f"rejected{suffix}")
    if suffix == ".xlsx":  # the user fixes the quantity and imports the file again
        wb = openpyxl.load_workbook(out)
        for row in wb.active.iter_rows(min_row=2):
            row[3].value = 2
        wb.save(out)
    else:
        with out.open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.reader(fh))
        for row in rows[1:]:
            row[3] = "2"
        with out.open("w", encoding="utf-8-sig", newline="") as fh:
            csv.writer(fh).writerows(rows)
    again = import_orders(out)
    assert not again.rejected, [str(p) for p in again.problems]
    got = [o.declaration.items[0].description for o in again.orders]
    typed = ["".join(ch for ch in t if ch >= " " or ch in "\t\r\n").strip() for t in HOSTILE]
    assert got == typed


@pytest.mark.parametrize("text", [*HOSTILE, *ALSO, "plain", "'quoted", "a=b", "-", ""])
def test_neutralise_then_restore(text: str) -> None:
    clean = "".join(ch for ch in text if ch >= " " or ch in "\t\r\n")
    safe = neutralise(text)
    assert restore(safe) == clean
    body = safe[1:] if safe.startswith("'") else safe
    assert not body.lstrip(" \t\r\n").startswith(("=", "+", "-", "@")) or safe.startswith("'")


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_catalogue_export_has_no_formula(tmp_path: Path, suffix: str) -> None:
    products = [Product(f"S-{i}", "", t, "", "091210", "DE") for i, t in enumerate(HOSTILE + ALSO)]
    out = write_products(products, tmp_path / f"p{suffix}")
    if suffix == ".xlsx":
        ws = openpyxl.load_workbook(out).active
        assert not [c.value for row in ws.iter_rows() for c in row if c.data_type == "f"]
        descriptions = [str(row[2].value) for row in ws.iter_rows(min_row=2)]
    else:
        with out.open(encoding="utf-8-sig", newline="") as fh:
            descriptions = [row[2] for row in list(csv.reader(fh))[1:]]
    assert all(d.startswith("'") for d in descriptions), descriptions


def test_register_has_no_formula(tmp_path: Path) -> None:
    decls = [Declaration(items=[Item(description=t, quantity="1")]) for t in HOSTILE + ALSO]
    for i, d in enumerate(decls):
        d.extra["order_number"] = f"\x01=A{i}"
    ws = openpyxl.load_workbook(export_register(decls, tmp_path / "register.xlsx")).active
    cells = [c for row in ws.iter_rows() for c in row if c.value is not None]
    assert not [c.value for c in cells if c.data_type == "f"]
    assert all(str(row[0].value).startswith("'=A") for row in ws.iter_rows(min_row=2))
