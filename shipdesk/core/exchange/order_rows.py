"""One spreadsheet row read into the order it belongs to.

:class:`RowReader` gives a row's value for a declaration field through the column mapping
(several columns joined, an exported file's neutralising apostrophe removed); :func:`take_row`
adds the row to its order: the order-level values (the first non-empty one counts; a second
currency or destination in the same order is an error) and the item line, whose cells are
cleaned by :mod:`.cells` and whose gaps are completed from the product catalogue when one is
handed in. Problems are collected per row; nothing here stops the import.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from shipdesk.core.exchange.catalogue_fill import fill_item, has_gaps
from shipdesk.core.exchange.cells import (
    CellError,
    NumberStyle,
    cell_text,
    kg_text,
    number_text,
    parse_country,
    parse_hs,
    parse_number,
    parse_weight_unit,
)
from shipdesk.core.exchange.import_result import RowProblem
from shipdesk.core.exchange.mapping import TARGETS, ColumnMapping
from shipdesk.core.exchange.safety import restore
from shipdesk.core.exchange.sheet_reader import Cell
from shipdesk.core.i18n import N_, Phrase
from shipdesk.core.model import Item
from shipdesk.core.storage.products import ProductIndex

LABELS = {t.key: t.label for t in TARGETS}
"""Field label per target (English, marked for the catalogue), named in a problem when the field
has no column."""

_ITEM_PRESENCE = ("item.description", "item.unit_price", "item.value")


@dataclass
class OrderRows:
    """The rows of one order read so far, and what they gave."""

    number: str
    rows: list[int] = field(default_factory=list)
    values: list[list[Cell]] = field(default_factory=list)
    fields: dict[str, Cell] = field(default_factory=dict)
    field_rows: dict[str, int] = field(default_factory=dict)
    items: list[Item] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    currencies: set[str] = field(default_factory=set)
    bad: bool = False


class RowReader:
    """A row's values by declaration field, through the column mapping."""

    def __init__(
        self,
        mapping: ColumnMapping,
        headers: list[str],
        style: NumberStyle,
        products: ProductIndex | None = None,
    ):
        self.mapping = mapping
        self.headers = headers
        self.idx = mapping.resolve(headers)
        self.style = style
        self.products = products or None  # an empty catalogue is no catalogue
        self.misses: list[RowProblem] = []

    def column(self, key: str) -> str:
        """The header of the column feeding ``key``, or the field's label (a ``Phrase``)."""
        cols = self.idx.get(key)
        if not cols:
            return Phrase(LABELS[key]) if key in LABELS else key
        return self.headers[cols[0]]

    def raw(self, key: str, values: list[Cell]) -> Cell:
        cols = self.idx.get(key)
        if not cols:
            return None
        if len(cols) == 1:
            v = values[cols[0]] if cols[0] < len(values) else None
            if isinstance(v, str):
                if not v.strip():
                    return None
                v = restore(v)  # an exported file's neutralising apostrophe
            return v
        sep = ", " if key.endswith(("street",)) else " "
        parts = [cell_text(values[c]) for c in cols if c < len(values)]
        text = sep.join(p for p in parts if p)
        return text or None

    def has(self, key: str, values: list[Cell]) -> bool:
        return self.raw(key, values) is not None


def is_order_level_empty(rr: RowReader, values: list[Cell]) -> bool:
    """No mapped value besides (at most) an order number: report footers, notes, totals."""
    return not any(rr.has(k, values) for k in rr.idx if k != "order_number")


def take_row(rr: RowReader, order: OrderRows, n: int, values: list[Cell]) -> None:
    order.rows.append(n)
    order.values.append(values)
    problems: list[RowProblem] = []
    for t in TARGETS:
        if t.level != "order" or t.key == "order_number":
            continue
        v = rr.raw(t.key, values)
        if v is None:
            continue
        if t.key not in order.fields:
            order.fields[t.key] = v
            order.field_rows[t.key] = n
        elif t.key in ("currency", "recipient.country") and cell_text(v) != cell_text(
            order.fields[t.key]
        ):
            problems.append(
                RowProblem(
                    n,
                    rr.column(t.key),
                    Phrase(
                        N_(
                            "{value!r} differs from {first!r} on row {row} of the same "
                            "order {order}"
                        ),
                        value=cell_text(v),
                        first=cell_text(order.fields[t.key]),
                        row=order.field_rows[t.key],
                        order=order.number,
                    ),
                )
            )
    if any(rr.has(k, values) for k in _ITEM_PRESENCE):
        item, item_problems = _item_from_row(rr, order, n, values)
        problems += item_problems
        if item is not None and not item_problems:
            order.items.append(item)
    order.problems += problems
    if any(p.level == "error" for p in problems):
        order.bad = True


def _item_from_row(
    rr: RowReader, order: OrderRows, n: int, values: list[Cell]
) -> tuple[Item | None, list[RowProblem]]:
    probs: list[RowProblem] = []

    def err(key: str, msg: str, level: str = "error") -> None:
        probs.append(RowProblem(n, rr.column(key), msg, level))

    item = Item()
    desc = cell_text(rr.raw("item.description", values))
    item.description = desc
    qty = Decimal(1)
    raw_q = rr.raw("item.quantity", values)
    if raw_q is not None:
        try:
            qty, _ = parse_number(raw_q, rr.style)
            if qty <= 0:
                err(
                    "item.quantity",
                    Phrase(
                        N_("quantity must be more than 0 (found {value})"), value=cell_text(raw_q)
                    ),
                )
        except CellError as e:
            err("item.quantity", e.text)
    item.quantity = number_text(qty)
    value: Decimal | None = None
    for key in ("item.value", "item.unit_price"):
        raw = rr.raw(key, values)
        if raw is None:
            continue
        try:
            amount, cur = parse_number(raw, rr.style)
        except CellError as e:
            err(key, e.text)
            break
        if amount < 0:
            err(key, Phrase(N_("a value cannot be negative (found {value})"), value=cell_text(raw)))
            break
        if cur:
            order.currencies.add(cur)
        value = amount if key == "item.value" else amount * qty
        break
    else:
        err("item.value", Phrase(N_("no price or value for this item")))
    if value is not None:
        item.value = number_text(value, 2)
    unit = rr.mapping.weight_unit
    raw_unit = rr.raw("item.weight_unit", values)
    if raw_unit is not None:
        try:
            unit = parse_weight_unit(raw_unit)
        except CellError as e:
            err("item.weight_unit", e.text)
    for key in ("item.net_weight", "item.unit_weight"):
        raw = rr.raw(key, values)
        if raw is None:
            continue
        try:
            w, _ = parse_number(raw, rr.style)
        except CellError as e:
            err(key, e.text)
            break
        if w < 0:
            err(key, Phrase(N_("a weight cannot be negative")))
            break
        item.net_weight_kg = kg_text(w if key == "item.net_weight" else w * qty, unit)
        break
    raw_hs = rr.raw("item.hs_code", values)
    if raw_hs is not None:
        try:
            item.hs_code = parse_hs(raw_hs)
        except CellError as e:
            err("item.hs_code", e.text)
    raw_o = rr.raw("item.origin_country", values)
    if raw_o is not None:
        try:
            item.origin_country = parse_country(cell_text(raw_o))
        except CellError as e:
            err("item.origin_country", e.text)
    sku = cell_text(rr.raw("item.sku", values))
    if sku:
        item.extra["sku"] = sku
    if rr.products is not None and not any(p.level == "error" for p in probs):
        _complete_from_catalogue(rr, item, n, sku)
    if not item.description:
        err("item.description", Phrase(N_("the item has no description")))
    return (None if any(p.level == "error" for p in probs) else item), probs


def _complete_from_catalogue(rr: RowReader, item: Item, n: int, sku: str) -> None:
    assert rr.products is not None
    product, how = rr.products.match(sku, item.description)
    if product is not None:
        if fill_item(item, product) and how == "name":
            item.extra["catalogue_match"] = f"name (SKU {product.sku})"
        return
    if not has_gaps(item):
        return
    if sku:
        rr.misses.append(
            RowProblem(
                n,
                rr.column("item.sku"),
                Phrase(
                    N_(
                        "SKU {sku!r} is not in the product catalogue (nor is the name "
                        "{name!r}); net weight, HS code and origin not filled"
                    ),
                    sku=sku,
                    name=item.description,
                ),
                "warning",
            )
        )
    else:
        rr.misses.append(
            RowProblem(
                n,
                rr.column("item.description"),
                Phrase(
                    N_(
                        "no SKU, and no product named {name!r} in the catalogue; net "
                        "weight, HS code and origin not filled"
                    ),
                    name=item.description,
                ),
                "warning",
            )
        )
