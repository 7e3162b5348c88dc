"""Values as the documents print them (amounts, weights, quantities, countries, addresses,
totals, the date), the print job, and the check that every value can be printed."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from shipdesk.core.address import address_lines
from shipdesk.core.countries import country_name
from shipdesk.core.documents.fonts import check_printable
from shipdesk.core.identifiers import check_s10, check_tax_id
from shipdesk.core.model import (
    ITEM_FIELDS,
    PARTY_FIELDS,
    Category,
    Declaration,
    Item,
    Party,
    parse_decimal,
)

if TYPE_CHECKING:
    from shipdesk.core.duties.estimate import Estimate


@dataclass(frozen=True)
class Job:
    """One document to draw: the declaration and how it is printed."""

    decl: Declaration
    paper: str
    operator_name: str
    copies: int
    lang: str = "en"
    draft: bool = False
    duties: Estimate | None = None  # the estimate printed on the invoice of a DDP shipment


@dataclass(frozen=True)
class ItemNumber:
    """The item number as printed: ``text`` under the bars, ``barcode`` whether bars are drawn."""

    text: str
    barcode: bool


def item_number(decl: Declaration) -> ItemNumber:
    """A valid S10 number is printed and encoded in its canonical form ("RR123456785DE", however
    it was typed); anything else (only possible on a forced draft) is printed as typed, without
    bars, so that no scanner ever reads a number that failed its check."""
    typed = decl.item_id.strip()
    if not typed:
        return ItemNumber("", False)
    checked = check_s10(typed)
    if checked.ok:
        return ItemNumber(checked.value, True)
    return ItemNumber(typed, False)


def tax_id_kind(party: Party) -> str:
    """What a party's tax reference is, for its printed label: "eori", "vat" or "tax_id" (a
    number ShipDesk cannot recognise offline, labelled as a tax number rather than left bare)."""
    checked = check_tax_id(party.tax_id, party.country or None)
    kind = str(checked.kind)
    if kind.startswith("EORI"):
        return "eori"
    if "VAT" in kind and checked.ok:
        return "vat"
    return "tax_id"


def labelled_tax_id(party: Party, words: Mapping[str, str]) -> str:
    """``"EORI: DE123456789012345"``: the party's tax reference after the word for its kind
    (``words`` holds "eori", "vat" and "tax_id"); empty when the party has none."""
    value = party.tax_id.strip()
    return f"{words[tax_id_kind(party)]}: {value}" if value else ""


def with_unit(label: str, unit: str) -> str:
    """``"Value (EUR)"``; just the label when the unit is empty."""
    return f"{label} ({unit})" if unit.strip() else label


def _number(d: Decimal, pattern: str, locale: str) -> str:
    """``d`` (already rounded to the pattern's decimals) with the separators of ``locale``:
    "1,234.50" in English, "1.234,50" in German, "1 234,50" in French."""
    if locale == "en":
        decimals = len(pattern.split(".", 1)[1]) if "." in pattern else 0
        return f"{d:,.{decimals}f}" if pattern.startswith("#,") else f"{d:.{decimals}f}"
    from babel.core import UnknownLocaleError
    from babel.numbers import format_decimal  # only documents in other languages need it

    try:
        return str(format_decimal(d, format=pattern, locale=locale))
    except (UnknownLocaleError, ValueError):
        return _number(d, pattern, "en")


MONEY = "#,##0.00"
WEIGHT = "#,##0.000"
UNIT_PRICE = "#,##0.0000"  # a unit price that is not a whole number of cents


def money(text: str, locale: str = "en") -> str:
    """An amount as printed: two decimals when it parses, else the text as typed."""
    d = parse_decimal(text)
    return str(text or "").strip() if d is None else money_dec(d, locale)


def money_dec(d: Decimal, locale: str = "en") -> str:
    return _number(d.quantize(Decimal("0.01"), ROUND_HALF_UP), MONEY, locale)


def weight(text: str, locale: str = "en") -> str:
    """A weight as printed: three decimals when it parses, else the text as typed."""
    d = parse_decimal(text)
    return str(text or "").strip() if d is None else weight_dec(d, locale)


def weight_dec(d: Decimal, locale: str = "en") -> str:
    q = d.quantize(Decimal("0.001"), ROUND_HALF_UP)
    return f"{q}" if locale == "en" else _number(q, WEIGHT, locale)


def quantity(text: str, locale: str = "en") -> str:
    d = parse_decimal(text)
    if d is None:
        return str(text or "").strip()
    plain = f"{d.normalize():f}"
    if locale == "en" or "." not in plain:
        return plain
    return _number(d, "0." + "#" * len(plain.split(".")[1]), locale)


def unit_value(value_text: str, qty_text: str, locale: str = "en") -> str:
    """The line value divided by the quantity: in cents when that is exact, else to four
    decimals, so that quantity x unit price gives the line total back (3 x 16.6667 rather than
    3 x 16.67 = 50.01 against a line of 50.00)."""
    v, q = parse_decimal(value_text), parse_decimal(qty_text)
    if v is None or q is None or q == 0:
        return ""
    unit = v / q
    cents = unit.quantize(Decimal("0.01"), ROUND_HALF_UP)
    if cents * q == v:
        return money_dec(cents, locale)
    return _number(unit.quantize(Decimal("0.0001"), ROUND_HALF_UP), UNIT_PRICE, locale)


def total_value(decl: Declaration, locale: str = "en") -> str:
    return money_dec(decl.total_value(), locale)


def total_gross(decl: Declaration, locale: str = "en") -> str:
    """The declared gross weight; when none is given, the sum of the net weights."""
    if decl.gross_weight_kg and str(decl.gross_weight_kg).strip():
        return weight(decl.gross_weight_kg, locale)
    return weight_dec(decl.total_net_weight(), locale)


def country(code: str, lang: str = "en") -> str:
    """``"Germany (DE)"`` (name in ``lang``, never the UI's language); unknown codes as typed."""
    code = (code or "").strip()
    if not code:
        return ""
    name = country_name(code, lang)
    return f"{name} ({code.upper()})" if name else code


def party_lines(p: Party, *, with_contact: bool = True, lang: str = "en") -> list[str]:
    """The address in its country's postal layout (country last), then phone and e-mail."""
    lines = address_lines(p, lang=lang)
    if with_contact:
        lines += [f"Tel. {p.phone}" if p.phone.strip() else "", p.email]
    return [ln.strip() for ln in lines if ln and ln.strip()]


def numbered(rows: list[tuple[str, list[str]]]) -> list[tuple[str, list[str]]]:
    """Item rows with "1. ", "2. " ... before the first cell (the description), so that the
    lines of a form running over continuation sheets can be told apart and referred to."""
    return [(key, [f"{n}. {cells[0]}", *cells[1:]]) for n, (key, cells) in enumerate(rows, 1)]


def sender_line(decl: Declaration) -> str:
    """The sender's name and address on one line, for the head of a continuation sheet."""
    return ", ".join(party_lines(decl.sender, with_contact=False))


def print_date(decl: Declaration) -> str:
    return decl.date.strip() if decl.date and decl.date.strip() else date.today().isoformat()


def invoice_number(decl: Declaration) -> str:
    """The number printed on the invoice: the one given, or for a pro-forma invoice (every
    category but a sale) without one, a reference made from the date and the item number, or
    from the declaration's contents when there is no item number yet
    ("PF-20261127-RR473124829DE", "PF-20261127-3F9A2C"), so the pro-forma can be referred to."""
    given = decl.invoice_number.strip()
    if given or decl.category == Category.SALE_OF_GOODS.value:
        return given
    day = print_date(decl).replace("-", "")
    num = item_number(decl)
    ref = num.text if num.barcode else ""
    if not ref:
        content = json.dumps(asdict(decl), sort_keys=True, ensure_ascii=False, default=str)
        ref = hashlib.sha256(content.encode("utf-8")).hexdigest()[:6].upper()
    return f"PF-{day}-{ref}"


def items(decl: Declaration) -> list[tuple[int, Item]]:
    """(index in the file, item) for the items that hold anything."""
    return [(i, it) for i, it in enumerate(decl.items) if not it.is_blank()]


Cell = Callable[[int, Item], str]
"""The text of one item column, from the line number (1, 2, ...) and the item."""


def item_cells(locale: str = "en") -> dict[str, Cell]:
    """How each item column prints, by the column's key; a form replaces the ones it prints
    its own way (the CN 22's "2 × description", the CN 23's named country)."""
    return {
        "line": lambda n, it: str(n),
        "description": lambda n, it: it.description,
        "quantity": lambda n, it: quantity(it.quantity, locale),
        "net_weight_kg": lambda n, it: weight(it.net_weight_kg, locale),
        "unit_value": lambda n, it: unit_value(it.value, it.quantity, locale),
        "value": lambda n, it: money(it.value, locale),
        "hs_code": lambda n, it: it.hs_code,
        "origin_country": lambda n, it: it.origin_country.strip().upper(),
    }


def item_rows(
    decl: Declaration, keys: Sequence[str], cells: Mapping[str, Cell]
) -> list[tuple[str, list[str]]]:
    """One row an item that holds anything: its field path (``items[i]``) and the text of each
    column in ``keys``, in that order."""
    return [
        (f"items[{i}]", [cells[k](n, it) for k in keys])
        for n, (i, it) in enumerate(items(decl), start=1)
    ]


DECL_TEXT_FIELDS = (
    "category_explanation",
    "currency",
    "gross_weight_kg",
    "postal_charges",
    "item_id",
    "invoice_number",
    "importer_reference",
    "ioss_number",
    "comments",
    "date",
)


def check_declaration_printable(decl: Declaration) -> None:
    """Refuse (``InputError`` naming the field) any value with a character no font can draw."""
    for side in ("sender", "recipient"):
        party: Party = getattr(decl, side)
        for f in PARTY_FIELDS:
            check_printable(getattr(party, f) or "", f"{side}.{f}")
    for i, it in enumerate(decl.items):
        for f in ITEM_FIELDS:
            check_printable(str(getattr(it, f) or ""), f"items[{i}].{f}")
    for f in DECL_TEXT_FIELDS:
        check_printable(str(getattr(decl, f) or ""), f)
    for f in ("licence_numbers", "certificate_numbers"):
        for i, v in enumerate(getattr(decl, f) or []):
            check_printable(str(v), f"{f}[{i}]")
