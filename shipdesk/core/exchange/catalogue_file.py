"""Product catalogue files (.csv or .xlsx): read them into products, write products back.

A catalogue has one row per product: ``sku`` (required), ``name`` (the shop title, optional),
``description`` (customs wording), ``net_weight_kg`` or ``weight`` with a unit (``weight_unit``
column or the unit in the header, e.g. ``Weight (g)``), ``hs_code`` and ``origin_country``.
It is read with the same safe reader and limits as order files (:mod:`.sheets`); every bad cell
is reported by row and column and only that row is left out.

Completing an order line from a product is :mod:`.catalogue_fill`; keeping the products is
``storage.products``.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from shipdesk.core.errors import InputError
from shipdesk.core.exchange.cells import (
    KG_PER_UNIT,
    CellError,
    NumberStyle,
    cell_text,
    number_text,
    parse_country,
    parse_hs,
    parse_number,
    parse_weight_unit,
    weight_unit_in_header,
)
from shipdesk.core.exchange.csv_sheets import csv_text
from shipdesk.core.exchange.import_result import RowProblem
from shipdesk.core.exchange.mapping import norm_header
from shipdesk.core.exchange.safety import neutralise
from shipdesk.core.exchange.sheet_reader import Cell, is_blank_row
from shipdesk.core.exchange.sheets import open_sheet
from shipdesk.core.fileio import atomic_write_bytes
from shipdesk.core.i18n import N_, Phrase
from shipdesk.core.storage.products import Product, ProductIndex
from shipdesk.core.text import strip_accents

EXPORT_HEADERS = ("sku", "name", "description", "net_weight_kg", "hs_code", "origin_country")

# normalised header names (see mapping.norm_header) per catalogue column
_ALIASES: dict[str, tuple[str, ...]] = {
    "sku": ("sku", "itemsku", "productsku", "variantsku", "lineitemsku", "sellersku",
            "articlenumber", "articleno", "itemnumber", "productcode", "productid", "reference",
            "ref", "customlabel", "artikelnummer", "artikelnr", "referenceproduit",
            "codearticle", "codigo", "referencia"),
    "name": ("name", "productname", "title", "producttitle", "itemname", "itemtitle",
             "lineitemname", "product", "listingtitle", "artikelname", "produktname", "nom",
             "nomduproduit", "nombre"),
    "description": ("description", "customsdescription", "customswording",
                    "descriptionofcontents", "contents", "zollbeschreibung", "warenbezeichnung",
                    "warenbeschreibung", "designation", "designationdouaniere",
                    "descriptiondouaniere", "descripcion"),
    "weight": ("netweight", "weight", "unitweight", "netweightperunit", "itemweight",
               "productweight", "nettogewicht", "gewicht", "poids", "poidsnet", "peso",
               "pesoneto"),
    "weight_unit": ("weightunit", "unitofweight", "gewichtseinheit", "unitedepoids"),
    "hs_code": ("hscode", "hs", "hstariffnumber", "tariffcode", "tariffnumber", "commoditycode",
                "harmonizedcode", "harmonisedcode", "harmonizedsystemcode", "customscode",
                "zolltarifnummer", "warennummer", "codesh", "nomenclaturedouaniere",
                "codigoarancelario"),
    "origin_country": ("origincountry", "countryoforigin", "origin", "coo", "madein",
                       "ursprungsland", "ursprung", "paysdorigine", "origine", "paisdeorigen"),
}  # fmt: skip
_LABELS = {
    "sku": "sku",
    "name": "name",
    "description": "description",
    "weight": "net_weight_kg",
    "weight_unit": "weight_unit",
    "hs_code": "hs_code",
    "origin_country": "origin_country",
}
_UNIT_SUFFIXES = (("kgs", "kg"), ("kg", "kg"), ("grams", "g"), ("gr", "g"), ("g", "g"),
                  ("lbs", "lb"), ("lb", "lb"), ("oz", "oz"))  # fmt: skip


def _column_key(header: str) -> tuple[str, str | None] | None:
    """(catalogue column, weight unit named in the header) for a header, or None."""
    if not header:
        return None
    plain = strip_accents(header)
    bare = norm_header(re.sub(r"\([^)]*\)", "", plain))
    for key, names in _ALIASES.items():
        if bare in names:
            return key, (weight_unit_in_header(header) if key == "weight" else None)
    for suffix, unit in _UNIT_SUFFIXES:  # net_weight_kg, weightg, Gewicht kg
        if bare.endswith(suffix) and bare[: -len(suffix)] in _ALIASES["weight"]:
            return "weight", unit
    return None


def header_score(values: list[Any]) -> int:
    """How many cells of a row are catalogue column names (to find the header row)."""
    return sum(1 for v in values if isinstance(v, str) and _column_key(v) is not None)


@dataclass
class ProductFile:
    """What was read from a catalogue file."""

    source: str
    products: list[Product] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    rows_read: int = 0
    header_row: int = 0

    @property
    def errors(self) -> list[RowProblem]:
        return [p for p in self.problems if p.level == "error"]

    @property
    def rows_rejected(self) -> int:
        return len({p.row for p in self.errors})

    def index(self) -> ProductIndex:
        return ProductIndex(self.products)


def read_products(path: str | Path, sheet: str | None = None) -> ProductFile:
    """Read a catalogue file. Raises InputError when the file cannot be read or has no SKU
    column (or nothing to fill); bad rows are collected in ``problems`` and left out."""
    source = str(path)
    with open_sheet(path, sheet, header_score) as reader:
        headers = reader.headers
        cols: dict[str, int] = {}
        header_units: dict[int, str | None] = {}
        for i, h in enumerate(headers):
            found = _column_key(h)
            if found is None or found[0] in cols:
                continue
            cols[found[0]] = i
            if found[0] == "weight":
                header_units[i] = found[1]
        columns = ", ".join(h for h in headers if h)[:300]
        facts = any(k in cols for k in ("description", "weight", "hs_code", "origin_country"))
        if "sku" not in cols or not facts:
            raise InputError(
                Phrase(
                    N_(
                        "not a product catalogue: no column for {missing} (columns in the file: "
                        "{columns})"
                    ),
                    missing=Phrase(
                        N_("sku and description, net_weight_kg, hs_code or origin_country")
                        if "sku" not in cols and not facts
                        else N_("sku")
                        if "sku" not in cols
                        else N_("description, net_weight_kg, hs_code or origin_country")
                    ),
                    columns=columns,
                ),
                source=source,
            )
        out = ProductFile(source=source, header_row=reader.header_row)
        style = NumberStyle(fallback="," if reader.delimiter == ";" else ".")
        seen: dict[str, int] = {}
        for n, values in reader.rows():
            if is_blank_row(values):
                continue
            out.rows_read += 1
            product, probs = _product_row(n, values, headers, cols, header_units, style)
            if product is not None and not probs:
                first = seen.get(product.key)
                if first is not None:
                    probs.append(
                        RowProblem(
                            n,
                            headers[cols["sku"]],
                            Phrase(
                                N_("SKU {sku!r} is already on row {row}; each SKU once"),
                                sku=product.sku,
                                row=first,
                            ),
                        )
                    )
                else:
                    seen[product.key] = n
                    out.products.append(product)
            out.problems.extend(probs)
    return out


def _product_row(
    n: int,
    values: list[Cell],
    headers: list[str],
    cols: dict[str, int],
    header_units: dict[int, str | None],
    style: NumberStyle,
) -> tuple[Product | None, list[RowProblem]]:
    probs: list[RowProblem] = []

    def raw(key: str) -> Cell:
        i = cols.get(key)
        if i is None or i >= len(values):
            return None
        v = values[i]
        if isinstance(v, str):
            v = v.strip()
            if v.startswith("'") and v[1:2] in ("=", "+", "-", "@"):
                v = v[1:]  # the apostrophe ShipDesk writes before such text
            return v or None
        return v

    def err(key: str, message: str) -> None:
        i = cols.get(key)
        probs.append(RowProblem(n, headers[i] if i is not None else _LABELS[key], message))

    sku = cell_text(raw("sku"))
    if not sku:
        err("sku", Phrase(N_("no SKU")))
    facts: dict[str, str] = {}
    name = cell_text(raw("name"))
    desc = cell_text(raw("description"))
    if desc:
        facts["description"] = desc
    w = raw("weight")
    if w is not None:
        unit = header_units.get(cols["weight"]) or "kg"
        u = raw("weight_unit")
        if u is not None:
            try:
                unit = parse_weight_unit(u)
            except CellError as e:
                err("weight_unit", e.text)
        try:
            value, _cur = parse_number(w, style)
            if value <= 0:
                err(
                    "weight",
                    Phrase(
                        N_("the weight must be more than 0 (found {value})"), value=cell_text(w)
                    ),
                )
            else:
                facts["net_weight_kg"] = _unit_kg(value, unit)
        except CellError as e:
            err("weight", e.text)
    hs = raw("hs_code")
    if hs is not None:
        try:
            code = parse_hs(hs)
            if len(code) < 6:
                err(
                    "hs_code",
                    Phrase(
                        N_("{value!r} is too short: give at least the 6-digit HS code"), value=code
                    ),
                )
            else:
                facts["hs_code"] = code
        except CellError as e:
            err("hs_code", e.text)
    origin = raw("origin_country")
    if origin is not None:
        try:
            facts["origin_country"] = parse_country(cell_text(origin))
        except CellError as e:
            err("origin_country", e.text)
    if sku and not probs and not facts:
        err(
            "sku",
            Phrase(
                N_("nothing to fill for SKU {sku!r} (no description, weight, HS code or origin)"),
                sku=sku,
            ),
        )
    if probs:
        return None, probs
    return Product(sku=sku, name=name, **facts), probs


def _unit_kg(value: Decimal, unit: str) -> str:
    """Per-unit weight in kg as decimal text: exact up to 6 decimals, a trace never 0."""
    kg = value * KG_PER_UNIT[unit]
    q = kg.quantize(Decimal("0.000001"))
    if q == 0:
        q = Decimal("0.000001")
    return number_text(q)


def write_products(products: list[Product], path: str | Path) -> Path:
    """Write a catalogue (.csv UTF-8 with BOM, or .xlsx) that ``read_products`` reads back."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise InputError(Phrase(N_("write the catalogue as .csv or .xlsx")), source=str(p))
    rows: list[list[Any]] = [list(EXPORT_HEADERS)]
    for prod in products:
        rows.append([neutralise(getattr(prod, h)) for h in EXPORT_HEADERS])
    if suffix == ".xlsx":
        import openpyxl  # openpyxl kept lazy: slow to import, and only .xlsx output needs it

        wb = openpyxl.Workbook(write_only=True)
        ws = wb.create_sheet("Products")
        ws.freeze_panes = "A2"
        for row in rows:
            ws.append(row)
        buf = io.BytesIO()
        wb.save(buf)
        data = buf.getvalue()
    else:
        data = csv_text(rows).encode("utf-8-sig")
    try:
        atomic_write_bytes(p, data)
    except OSError as exc:
        raise InputError(
            Phrase(N_("cannot write the file ({error})"), error=exc.strerror), source=str(p)
        ) from None
    return p


__all__ = ["EXPORT_HEADERS", "ProductFile", "header_score", "read_products", "write_products"]
