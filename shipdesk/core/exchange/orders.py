"""Spreadsheet rows -> declarations, grouped by order number, with a problem report per row.

Every row is read; a bad row never stops the import. A row with an error is rejected, and so are
the other rows of the same order (a declaration missing one of its lines would be a false
declaration), each rejected row keeping its original values so the user can fix and re-import
them. Rows without an order number continue the order above them (merged cells, and exports that
fill order columns on the first line only).

Each row is read into its order by :mod:`.order_rows` (cell values cleaned by :mod:`.cells`);
here the rows are grouped, each order is finished into a declaration (parties, currency,
category, dates, weights, a gross weight estimated from a packaging allowance) or rejected, and
the result is :class:`.import_result.ImportResult`.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from shipdesk.core.errors import InputError
from shipdesk.core.exchange.catalogue_fill import FILLED_KEY
from shipdesk.core.exchange.cells import (
    CellError,
    NumberStyle,
    cell_text,
    kg_text,
    number_text,
    parse_category,
    parse_country,
    parse_currency,
    parse_date,
    parse_non_delivery,
    parse_number,
    weight_unit_in_header,
)
from shipdesk.core.exchange.import_result import (
    CatalogueReport,
    ImportedOrder,
    ImportResult,
    RejectedRow,
    RowProblem,
)
from shipdesk.core.exchange.mapping import ColumnMapping
from shipdesk.core.exchange.order_rows import (
    LABELS,
    OrderRows,
    RowReader,
    is_order_level_empty,
    take_row,
)
from shipdesk.core.exchange.platform_maps import detect, header_score
from shipdesk.core.exchange.safety import MAX_ORDER_ROWS
from shipdesk.core.exchange.sheet_reader import is_blank_row
from shipdesk.core.exchange.sheets import open_sheet
from shipdesk.core.i18n import N_, Phrase, joined
from shipdesk.core.model import PARTY_FIELDS, Declaration, Party
from shipdesk.core.progress import CancelToken, ProgressCallback
from shipdesk.core.storage.products import FIELDS, ProductIndex


def import_orders(
    path: str | Path,
    mapping: ColumnMapping | None = None,
    *,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
    sender: Party | None = None,
    sheet: str | None = None,
    products: ProductIndex | None = None,
    packaging_kg: Decimal | str | None = None,
) -> ImportResult:
    """Read a spreadsheet of orders into declarations (one per order number).

    ``mapping`` None: detected from the headers. ``sender``: used for orders whose rows have no
    sender columns. ``products``: the product catalogue; lines are matched by SKU, else by exact
    product name, and only fields the file left empty are filled (listed in
    ``item.extra["filled_from_catalogue"]``). ``packaging_kg``: when an order has no gross
    weight, the sum of its net weights plus this allowance (marked
    ``extra["gross_weight_estimated"]``). Raises InputError when the file cannot be read, the
    mapping lacks the columns an import needs or ``packaging_kg`` is not a weight; problems in
    rows are collected in the result instead.
    """
    source = str(path)
    packaging = parse_packaging(packaging_kg)
    with open_sheet(path, sheet, header_score) as reader:
        reader.max_rows = MAX_ORDER_ROWS  # every order is held until the batch has run
        headers = reader.headers
        if mapping is None:
            mapping = detect(headers)
        missing = mapping.missing_required()
        resolved = mapping.resolve(headers)
        missing += [
            LABELS[k]
            for k in ("item.description",)
            if mapping.columns.get(k) and k not in resolved and LABELS[k] not in missing
        ]
        if not any(k in resolved for k in ("item.unit_price", "item.value")):
            lbl = N_("Item unit price or line value")
            if lbl not in missing:
                missing.append(lbl)
        if "item.description" not in resolved and "Item description" not in missing:
            missing.append(N_("Item description"))
        if missing:
            raise InputError(
                Phrase(
                    N_(
                        "no column found for {fields} (choose the columns in a mapping; "
                        "columns in the file: {columns})"
                    ),
                    fields=joined([Phrase(m) for m in missing]),
                    columns=", ".join(h for h in headers if h)[:300],
                ),
                source=source,
            )
        style = NumberStyle(
            decimal=mapping.decimal, fallback="," if reader.delimiter == ";" else "."
        )
        rr = RowReader(mapping, headers, style, products)
        result = ImportResult(
            source=source,
            mapping=mapping,
            headers=headers,
            header_row=reader.header_row,
            delimiter=reader.delimiter or ",",
            encoding=reader.encoding,
        )
        orders: dict[str, OrderRows] = {}
        current: OrderRows | None = None
        has_order_col = "order_number" in rr.idx
        for n, values in reader.rows():
            if cancel is not None and n % 256 == 0:
                cancel.raise_if_cancelled()
            if progress is not None and n % 500 == 0:
                done, total = reader.position()
                progress(done, total, Phrase(N_("reading row {n}"), n=f"{n:,}"))
            if is_blank_row(values):
                continue
            if is_order_level_empty(rr, values):
                result.rows_skipped += 1  # report footers, notes beside the table
                continue
            result.rows_read += 1
            number = cell_text(rr.raw("order_number", values)) if has_order_col else ""
            if not has_order_col:
                number = f"row-{n}"
            if not number:
                if current is None:
                    p = RowProblem(n, rr.column("order_number"), Phrase(N_("no order number")))
                    result.problems.append(p)
                    result.rejected.append(RejectedRow(n, values, [p]))
                    continue
                order = current
            else:
                if number not in orders:
                    orders[number] = OrderRows(number)
                order = orders[number]
            current = order
            take_row(rr, order, n, values)
        if progress is not None:
            done, total = reader.position()
            progress(total or done, total, Phrase(N_("read {n} rows"), n=f"{result.rows_read:,}"))
    for order in orders.values():
        if cancel is not None:
            cancel.raise_if_cancelled()
        _finish(rr, order, sender, result, packaging)
    if rr.products is not None or packaging is not None:
        result.catalogue = _catalogue_report(rr, result, packaging)
    result.problems.sort(key=lambda p: p.row)  # stable: a row's problems keep their order
    result.rejected.sort(key=lambda r: r.row)
    return result


def parse_packaging(value: Decimal | str | None) -> Decimal | None:
    """The packaging allowance in kg (None: not used); InputError when it is not a weight."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        d = value if isinstance(value, Decimal) else parse_number(str(value).strip())[0]
    except CellError:
        raise InputError(
            Phrase(N_("{value!r} is not a weight in kg (e.g. 0.15)"), value=value),
            location="packaging_kg",
        ) from None
    if d < 0 or d > 1000:
        raise InputError(
            Phrase(
                N_("the packaging allowance must be between 0 and 1000 kg (found {value})"),
                value=value,
            ),
            location="packaging_kg",
        )
    return d


def _catalogue_report(
    rr: RowReader, result: ImportResult, packaging: Decimal | None
) -> CatalogueReport:
    rep = CatalogueReport(products=len(rr.products) if rr.products is not None else 0)
    rep.fields = {f: 0 for f in FIELDS}
    imported_rows: set[int] = set()
    for o in result.orders:
        imported_rows.update(o.rows)
        if o.declaration.extra.get("gross_weight_estimated"):
            rep.gross_estimated += 1
        for item in o.declaration.items:
            rep.lines += 1
            got = item.extra.get(FILLED_KEY)
            filled = [str(f) for f in got] if isinstance(got, list) else []
            if filled:
                rep.completed += 1
            for f in filled:
                rep.fields[f] = rep.fields.get(f, 0) + 1
    rep.unmatched = [p for p in rr.misses if p.row in imported_rows]
    result.problems.extend(rep.unmatched)  # in the row report too (as warnings)
    result.problems.sort(key=lambda p: p.row)
    if packaging is not None:
        rep.packaging_kg = number_text(packaging)
    return rep


def _order_field(
    rr: RowReader, order: OrderRows, key: str, parse: Any, probs: list[RowProblem]
) -> Any:
    raw = order.fields.get(key)
    if raw is None:
        return None
    try:
        return parse(raw)
    except CellError as e:
        probs.append(RowProblem(order.field_rows[key], rr.column(key), e.text))
        return None


def _party(
    rr: RowReader, order: OrderRows, role: str, probs: list[RowProblem]
) -> tuple[Party, bool]:
    p = Party()
    found = False
    for k in PARTY_FIELDS:
        key = f"{role}.{k}"
        if key not in order.fields:
            continue
        found = True
        if k == "country":
            code = _order_field(rr, order, key, lambda v: parse_country(cell_text(v)), probs)
            p.country = code or ""
        else:
            text = cell_text(order.fields[key])
            if k in ("postcode", "phone", "tax_id"):
                text = text.lstrip("'")  # exports keep leading zeros with an apostrophe
            setattr(p, k, text)
    if p.country == "US" and p.postcode.isdigit() and len(p.postcode) < 5:
        p.postcode = p.postcode.zfill(5)  # a ZIP code that lost its leading zero in a number cell
    return p, found


def _finish(
    rr: RowReader,
    order: OrderRows,
    sender: Party | None,
    result: ImportResult,
    packaging: Decimal | None = None,
) -> None:
    probs = list(order.problems)
    d = Declaration()
    d.recipient, _ = _party(rr, order, "recipient", probs)
    snd, found = _party(rr, order, "sender", probs)
    d.sender = (
        snd
        if found or sender is None
        else Party(**{k: getattr(sender, k) for k in PARTY_FIELDS}, extra=dict(sender.extra))
    )
    cur = _order_field(rr, order, "currency", parse_currency, probs)
    if cur:
        d.currency = cur
        if order.currencies - {cur}:
            probs.append(
                RowProblem(
                    order.rows[0],
                    rr.column("item.unit_price"),
                    Phrase(
                        N_("amounts are in {found} but the order currency is {currency}"),
                        found=", ".join(sorted(order.currencies)),
                        currency=cur,
                    ),
                )
            )
    elif len(order.currencies) == 1:
        d.currency = next(iter(order.currencies))
    elif len(order.currencies) > 1:
        probs.append(
            RowProblem(
                order.rows[0],
                rr.column("item.unit_price"),
                Phrase(
                    N_("the order mixes currencies ({found})"),
                    found=", ".join(sorted(order.currencies)),
                ),
            )
        )
    elif "currency" not in rr.idx:
        probs.append(
            RowProblem(
                order.rows[0],
                Phrase(N_("Currency")),
                Phrase(N_("no currency column or sign; {currency} assumed"), currency=d.currency),
                "warning",
            )
        )
    cat = _order_field(rr, order, "category", parse_category, probs)
    if cat:
        d.category = cat
    d.category_explanation = cell_text(order.fields.get("category_explanation"))
    nd = _order_field(rr, order, "non_delivery", parse_non_delivery, probs)
    if nd:
        d.non_delivery = nd
    dt = _order_field(
        rr, order, "order_date", lambda v: parse_date(v, rr.mapping.date_order), probs
    )
    if dt:
        d.date = dt
    gw = _order_field(rr, order, "gross_weight_kg", lambda v: parse_number(v, rr.style)[0], probs)
    if gw is not None:
        hint = _unit_of(rr.column("gross_weight_kg"))
        d.gross_weight_kg = kg_text(gw, hint)
    pc = _order_field(rr, order, "postal_charges", lambda v: parse_number(v, rr.style)[0], probs)
    if pc is not None:
        d.postal_charges = number_text(pc, 2)
    for key in ("item_id", "invoice_number", "importer_reference", "ioss_number", "comments"):
        setattr(d, key, cell_text(order.fields.get(key)))
    d.item_id = d.item_id.replace(" ", "").upper()
    for key in ("licence_numbers", "certificate_numbers"):
        text = cell_text(order.fields.get(key))
        setattr(d, key, [t.strip() for t in re.split(r"[;,\n]", text) if t.strip()])
    d.items = order.items
    d.extra["order_number"] = order.number
    for key in ("incoterm", "signatory"):  # kept as extra keys of the declaration
        text = cell_text(order.fields.get(key))
        if text:
            d.extra[key] = text
    if packaging is not None and not d.gross_weight_kg.strip() and d.items:
        nets = [it.net_weight_kg.strip() for it in d.items]
        if all(nets):
            total = sum((Decimal(w) for w in nets), Decimal(0)) + packaging
            d.gross_weight_kg = kg_text(total, "kg")
            d.extra["gross_weight_estimated"] = {"packaging_kg": number_text(packaging)}
    if not order.items and not any(p.level == "error" for p in probs):
        probs.append(
            RowProblem(
                order.rows[0],
                rr.column("item.description"),
                Phrase(N_("order {order} has no item rows"), order=order.number),
            )
        )
    errors = [p for p in probs if p.level == "error"]
    result.problems.extend(probs)
    if errors:
        bad_rows = {p.row for p in errors}
        for n, values in zip(order.rows, order.values):
            own = [p for p in probs if p.row == n]
            if n not in bad_rows:
                first = min(bad_rows)
                why = RowProblem(
                    n,
                    rr.column("order_number"),
                    Phrase(
                        N_("not imported: another row of order {order} (row {row}) has an error"),
                        order=order.number,
                        row=first,
                    ),
                )
                own = [*own, why]
                result.problems.append(why)
            result.rejected.append(RejectedRow(n, values, own))
        return
    warnings = [p for p in probs if p.level != "error"]
    result.orders.append(ImportedOrder(order.number, d, list(order.rows), warnings))


def _unit_of(header: str) -> str:
    return weight_unit_in_header(header) or "kg"
