"""The declaration model: parties, items and the declaration itself.

Amounts, weights and quantities are kept as the text the user typed or the file held (so nothing
typed is ever lost and a file round-trips exactly); the ``*_dec`` accessors turn them into
``Decimal`` for arithmetic and return ``None`` when the text is empty or not a number. Validation
(``shipdesk.core.validation``) reports text that does not parse, by field path.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import TypeAlias

FORMAT_ID = "shipdesk.declaration/1"
FORMAT_FAMILY = "shipdesk.declaration"
FORMAT_VERSION = 1

# A value as JSON holds it: what unknown keys of a declaration file keep, unchanged, until saved.
JsonValue: TypeAlias = str | int | float | bool | list["JsonValue"] | dict[str, "JsonValue"] | None


class Category(StrEnum):
    GIFT = "gift"
    DOCUMENTS = "documents"
    COMMERCIAL_SAMPLE = "commercial_sample"
    RETURNED_GOODS = "returned_goods"
    SALE_OF_GOODS = "sale_of_goods"
    OTHER = "other"


class NonDelivery(StrEnum):
    RETURN = "return"
    ABANDON = "abandon"


class FormKind(StrEnum):
    AUTO = "auto"
    CN22 = "cn22"
    CN23 = "cn23"


def parse_decimal(text: JsonValue | Decimal) -> Decimal | None:
    """Parse a decimal amount written with a dot (``"12.50"``) or a number; None if unusable.

    A comma decimal (``"12,50"``) is accepted when it is the only separator, since users type
    both. Thousands separators are not guessed here: spreadsheet import handles them per file.
    """
    if text is None:
        return None
    if isinstance(text, Decimal):
        return text if usable_decimal(text) else None
    if isinstance(text, bool):
        return None
    if isinstance(text, int | float):
        text = repr(text) if isinstance(text, float) else str(text)
    s = str(text).strip()
    if not s:
        return None
    d = _raw_decimal(s)
    return d if d is not None and usable_decimal(d) else None


def _raw_decimal(s: str) -> Decimal | None:
    if "," in s and "." not in s and s.count(",") == 1:
        s = s.replace(",", ".")
    try:
        d = Decimal(s)
    except InvalidOperation:
        return None
    return d if d.is_finite() else None


def decimal_out_of_bounds(text: JsonValue | Decimal) -> str:
    """Why a number that :func:`parse_decimal` refused was refused: "too_large" (10**15 or
    more), "too_precise" (more than 12 decimal places), or "" if it is not a number at all."""
    if isinstance(text, bool) or text is None:
        return ""
    if isinstance(text, Decimal):
        d: Decimal | None = text if text.is_finite() else None
    elif isinstance(text, float):
        d = _raw_decimal(repr(text))
    else:
        d = _raw_decimal(str(text).strip())
    if d is None or usable_decimal(d):
        return ""
    return "too_large" if d.adjusted() >= MAX_MAGNITUDE_DIGITS else "too_precise"


# Bounds of a number a declaration can hold (docs/reliability.md, "Limits"): within them every
# later sum, product and rounding stays exact and can never overflow the decimal context.
MAX_MAGNITUDE_DIGITS = 15  # |value| < 10**15
MAX_DECIMAL_PLACES = 12


def usable_decimal(d: Decimal) -> bool:
    """True if ``d`` is finite, below 10**15 in size and has at most 12 decimal places."""
    if not d.is_finite():
        return False
    _sign, digits, exponent = d.as_tuple()
    assert isinstance(exponent, int)  # finite
    if not any(digits):  # zero: only its exponent can be out of bounds (0E+999999999)
        return -MAX_DECIMAL_PLACES <= exponent < MAX_MAGNITUDE_DIGITS
    if d.adjusted() >= MAX_MAGNITUDE_DIGITS:
        return False
    # trailing zeros after the point (12.500000000000000) do not count as places
    places = -exponent
    i = len(digits) - 1
    while places > MAX_DECIMAL_PLACES and i >= 0 and digits[i] == 0:
        places -= 1
        i -= 1
    return places <= MAX_DECIMAL_PLACES


def amount_text(value: JsonValue | Decimal) -> str:
    """The text form of an amount read from JSON (numbers keep their digits)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float):
        return repr(value)
    return str(value)


PARTY_FIELDS = (
    "name",
    "company",
    "street",
    "city",
    "postcode",
    "region",
    "country",
    "phone",
    "email",
    "tax_id",
)


@dataclass
class Party:
    name: str = ""
    company: str = ""
    street: str = ""
    city: str = ""
    postcode: str = ""
    region: str = ""
    country: str = ""
    phone: str = ""
    email: str = ""
    tax_id: str = ""
    extra: dict[str, JsonValue] = field(default_factory=dict)

    def is_empty(self) -> bool:
        return not any(getattr(self, f).strip() for f in PARTY_FIELDS if f != "country")


ITEM_FIELDS = ("description", "quantity", "net_weight_kg", "value", "hs_code", "origin_country")


def parse_item_path(path: str) -> tuple[int | None, str]:
    """``items[2].hs_code`` -> (2, "hs_code"); ``items[2]`` -> (2, ""); others -> (None, "")."""
    if not path.startswith("items["):
        return None, ""
    close = path.find("]")
    try:
        row = int(path[6:close])
    except ValueError:
        return None, ""
    rest = path[close + 1 :]
    return row, rest[1:] if rest.startswith(".") else ""


@dataclass
class Item:
    description: str = ""
    quantity: str = "1"
    net_weight_kg: str = ""
    value: str = ""
    hs_code: str = ""
    origin_country: str = ""
    extra: dict[str, JsonValue] = field(default_factory=dict)

    @property
    def quantity_dec(self) -> Decimal | None:
        return parse_decimal(self.quantity)

    @property
    def net_weight_dec(self) -> Decimal | None:
        return parse_decimal(self.net_weight_kg)

    @property
    def value_dec(self) -> Decimal | None:
        return parse_decimal(self.value)

    def is_blank(self) -> bool:
        return not any(str(getattr(self, f)).strip() for f in ITEM_FIELDS if f not in ("quantity",))


DECLARATION_FIELDS = (
    "format",
    "form",
    "category",
    "category_explanation",
    "currency",
    "sender",
    "recipient",
    "items",
    "gross_weight_kg",
    "postal_charges",
    "item_id",
    "invoice_number",
    "licence_numbers",
    "certificate_numbers",
    "importer_reference",
    "ioss_number",
    "non_delivery",
    "return_priority",
    "comments",
    "date",
)


@dataclass
class Declaration:
    format: str = FORMAT_ID
    form: str = FormKind.AUTO.value
    category: str = Category.SALE_OF_GOODS.value
    category_explanation: str = ""
    currency: str = "EUR"
    sender: Party = field(default_factory=Party)
    recipient: Party = field(default_factory=Party)
    items: list[Item] = field(default_factory=list)
    gross_weight_kg: str = ""
    postal_charges: str = ""
    item_id: str = ""
    invoice_number: str = ""
    licence_numbers: list[str] = field(default_factory=list)
    certificate_numbers: list[str] = field(default_factory=list)
    importer_reference: str = ""
    ioss_number: str = ""
    non_delivery: str = NonDelivery.RETURN.value
    return_priority: bool | None = None
    comments: str = ""
    date: str = ""
    extra: dict[str, JsonValue] = field(default_factory=dict)

    # -- derived values -------------------------------------------------------------------
    @property
    def gross_weight_dec(self) -> Decimal | None:
        return parse_decimal(self.gross_weight_kg)

    @property
    def postal_charges_dec(self) -> Decimal | None:
        return parse_decimal(self.postal_charges)

    def real_items(self) -> list[Item]:
        """Items that hold anything (a blank last row in an editor is not an item)."""
        return [it for it in self.items if not it.is_blank()]

    def total_value(self) -> Decimal:
        """Sum of the line values that parse; lines that don't are left to validation."""
        return sum((it.value_dec or Decimal(0) for it in self.items), Decimal(0))

    def total_net_weight(self) -> Decimal:
        return sum((it.net_weight_dec or Decimal(0) for it in self.items), Decimal(0))

    def copy(self) -> Declaration:
        return copy.deepcopy(self)
