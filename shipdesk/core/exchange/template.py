"""The ShipDesk import template (.xlsx): an "Orders" sheet whose columns are exactly those of
``resources/mappings/shipdesk.toml``, drop-down lists for category, countries, currencies, weight
units and non-delivery, and an "Instructions" sheet explaining every column.
"""

from __future__ import annotations

import io
from pathlib import Path

import pycountry

from shipdesk.core.errors import DataError
from shipdesk.core.exchange.mapping import TARGETS, WEIGHT_UNITS
from shipdesk.core.exchange.platform_maps import platform
from shipdesk.core.fileio import atomic_write_bytes
from shipdesk.core.model import Category, NonDelivery

TEMPLATE_ROWS = 2000
"""Rows prepared with drop-down validation (more rows can be added; they are read anyway)."""

_HELP: dict[str, tuple[str, str, str]] = {
    # target: (required?, explanation, example)
    "order_number": ("yes", "Rows with the same order number make one declaration.", "1001"),
    "order_date": ("", "Date of the order or posting, YYYY-MM-DD.", "2026-11-27"),
    "category": ("", "Nature of the shipment (list). Empty: sale_of_goods.", "sale_of_goods"),
    "category_explanation": ("if other", "Required when the category is 'other'.", ""),
    "currency": ("yes", "ISO 4217 code of all values in the order (list).", "EUR"),
    "recipient.name": ("yes", "Name of the addressee.", "Jane Miller"),
    "recipient.street": ("yes", "Street and house number (one line).", "12 Oak Street"),
    "recipient.city": ("yes", "City.", "Springfield"),
    "recipient.postcode": ("yes*", "Postcode where the country uses them.", "62704"),
    "recipient.country": ("yes", "Destination, two-letter ISO code (list).", "US"),
    "recipient.phone": ("", "International format, e.g. +1 217 555 0100.", "+12175550100"),
    "recipient.tax_id": ("", "Importer's tax/VAT/EORI number where the destination needs it.", ""),
    "sender.name": ("", "Empty: the default sender from the settings.", ""),
    "sender.country": ("", "Two-letter ISO code (list).", "DE"),
    "item_id": ("", "S10 tracking number of the parcel, e.g. RR123456785DE.", ""),
    "gross_weight_kg": ("", "Whole parcel incl. packing, kilograms.", "0.450"),
    "postal_charges": ("", "Postage paid, in the order currency.", "12.50"),
    "licence_numbers": ("", "Several separated by ';'.", ""),
    "certificate_numbers": ("", "Several separated by ';'.", ""),
    "ioss_number": ("", "EU IOSS number (IM + 10 digits) for EU B2C sales up to EUR 150.", ""),
    "non_delivery": ("", "return or abandon (list). Empty: return.", "return"),
    "item.description": ("yes", "Precise description: what, material, use.", "Cotton T-shirt"),
    "item.quantity": ("yes", "Number of pieces on this line.", "2"),
    "item.unit_price": ("yes*", "Price of one piece (or give the line value).", "12.50"),
    "item.value": ("yes*", "Quantity × unit price (wins over the unit price).", "25.00"),
    "item.net_weight": ("yes", "Net weight of the whole line, in the weight unit.", "0.300"),
    "item.weight_unit": ("", "kg, g, lb or oz (list). Empty: kg.", "kg"),
    "item.hs_code": ("", "6 to 10 digits; empty: ShipDesk suggests one to confirm.", "610910"),
    "item.origin_country": ("yes", "Where the goods were made, ISO code (list).", "PT"),
}


def template_headers() -> list[tuple[str, str]]:
    """(target key, column header) in template order."""
    m = platform("shipdesk")
    if m is None:
        raise DataError("resources/mappings/shipdesk.toml is missing")
    return [(k, cols[0]) for k, cols in m.columns.items() if cols]


def _lists() -> dict[str, list[str]]:
    countries = sorted({c.alpha_2 for c in pycountry.countries} | {"XK"})
    currencies = sorted(c.alpha_3 for c in pycountry.currencies)
    return {
        "category": [c.value for c in Category],
        "country": countries,
        "currency": currencies,
        "weight_unit": list(WEIGHT_UNITS),
        "non_delivery": [n.value for n in NonDelivery],
    }


def _list_for(key: str) -> str | None:
    if key == "category":
        return "category"
    if key.endswith(".country") or key == "item.origin_country":
        return "country"
    if key == "currency":
        return "currency"
    if key == "item.weight_unit":
        return "weight_unit"
    if key == "non_delivery":
        return "non_delivery"
    return None


def write_template(path: str | Path) -> Path:
    """Write the import template workbook."""
    import openpyxl  # openpyxl kept lazy: slow to import
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    labels = {t.key: t.label for t in TARGETS}
    heads = template_headers()
    lists = _lists()
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Orders"
    ws.append([h for _, h in heads])
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for i, (key, _) in enumerate(heads, start=1):
        c = ws.cell(row=1, column=i)
        c.font = bold
        if _HELP.get(key, ("",))[0].startswith("yes"):
            c.fill = fill
        ws.column_dimensions[get_column_letter(i)].width = max(12, len(c.value) + 2)
    ws.freeze_panes = "B2"

    lst = wb.create_sheet("Lists")
    ranges: dict[str, str] = {}
    for col, (name, values) in enumerate(lists.items(), start=1):
        letter = get_column_letter(col)
        lst.cell(row=1, column=col, value=name)
        for r, v in enumerate(values, start=2):
            lst.cell(row=r, column=col, value=v)
        ranges[name] = f"Lists!${letter}$2:${letter}${len(values) + 1}"
    lst.sheet_state = "hidden"

    for i, (key, header) in enumerate(heads, start=1):
        list_name = _list_for(key)
        if list_name is None:
            continue
        letter = get_column_letter(i)
        dv = DataValidation(
            type="list",
            formula1=ranges[list_name],
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=header,
            error=f"Choose a value from the list ({list_name.replace('_', ' ')}).",
        )
        dv.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")
        ws.add_data_validation(dv)
    for key, header in heads:
        if key in ("item.quantity", "item.unit_price", "item.value", "item.net_weight",
                   "gross_weight_kg", "postal_charges"):  # fmt: skip
            i = [h for _, h in heads].index(header) + 1
            letter = get_column_letter(i)
            dv = DataValidation(
                type="decimal",
                operator="greaterThanOrEqual",
                formula1="0",
                allow_blank=True,
                showErrorMessage=True,
                errorTitle=header,
                error="Enter a number (0 or more).",
            )
            dv.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")
            ws.add_data_validation(dv)
    # HS codes and postcodes are text: a number cell would drop leading zeros
    for key, header in heads:
        if key in ("item.hs_code", "recipient.postcode", "sender.postcode", "order_number"):
            i = [h for _, h in heads].index(header) + 1
            for r in range(2, 202):
                ws.cell(row=r, column=i).number_format = "@"

    ins = wb.create_sheet("Instructions", 1)
    ins.column_dimensions["A"].width = 24
    ins.column_dimensions["B"].width = 10
    ins.column_dimensions["C"].width = 70
    ins.column_dimensions["D"].width = 18
    intro = [
        "ShipDesk import template",
        "One row per item. Rows with the same order number become one declaration; order and "
        "address columns may be filled on the first row of an order only.",
        "Values: use a dot or a comma for decimals; weights in the unit of the 'Weight unit' "
        "column (kg if empty); countries as two-letter ISO codes; one currency per order.",
        "Items without an HS code get a suggested code marked for confirmation.",
        "Import with: python -m shipdesk import FILE.xlsx --out FOLDER (or File > Import in the "
        "app). Rows with problems are listed and written to rejected.csv to fix and re-import.",
        "",
    ]
    for line in intro:
        ins.append([line])
    ins["A1"].font = Font(bold=True, size=14)
    ins.append(["Column", "Required", "What to enter", "Example"])
    for c in ins[ins.max_row]:
        c.font = bold
    for key, header in heads:
        req, text, example = _HELP.get(key, ("", labels.get(key, key) + ".", ""))
        ins.append([header, req, text, example])
        ins.cell(row=ins.max_row, column=3).alignment = Alignment(wrap_text=True)
    ins.append([])
    ins.append(["yes* = one of the starred alternatives, or where the country needs it."])
    wb.active = 0
    buf = io.BytesIO()
    wb.save(buf)
    p = Path(path)
    atomic_write_bytes(p, buf.getvalue())
    return p
