"""The declaration model: parties, items and the declaration itself.

Amounts, weights and quantities are kept as the text the user typed or the file held (so nothing
typed is ever lost and a file round-trips exactly); the ``*_dec`` accessors turn them into
``Decimal`` for arithmetic and return ``None`` when the text is empty or not a number. Validation
(``shipdesk.core.validation``) reports text that does not parse, by field path.
"""

from __future__ import annotations

import copy
import unicodedata
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
    Digits are 0-9 only: "٣" (Arabic-Indic), "۳" (Persian) or "３" (full width) are not read as a
    number, so the documents never print a number the user did not write in 0-9; validation
    says how to write it (:func:`ascii_number`) and the text is kept as typed.
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
    if not s.isascii():  # Decimal() would read any script's digits: only 0-9 are numbers here
        return None
    if "," in s and "." not in s and s.count(",") == 1:
        s = s.replace(",", ".")
    try:
        d = Decimal(s)
    except InvalidOperation:
        return None
    return d if d.is_finite() else None


ARABIC_DECIMAL_SEPARATOR = "\u066b"


def ascii_number(text: JsonValue | Decimal) -> str:
    """``text`` written with 0-9 when it is a usable number in other decimal digits ("٣" -> "3",
    "٠٫٣" -> "0.3", "１２" -> "12"); "" when it is not one (or already plain 0-9)."""
    if not isinstance(text, str):
        return ""
    s = text.strip()
    if s.isascii():
        return ""
    out = []
    for ch in s:
        if ch.isascii():
            out.append(ch)
        elif ch == ARABIC_DECIMAL_SEPARATOR:
            out.append(".")
        elif (digit := unicodedata.decimal(ch, None)) is not None:
            out.append(str(digit))
        else:
            return ""
    plain = "".join(out)
    return plain if parse_decimal(plain) is not None else ""


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

    def has_customer_input(self) -> bool:
        """Whether a customer's declaration was begun: a recipient or an item typed (the
        sender alone is the desk's own default)."""
        return not self.recipient.is_empty() or bool(self.real_items())

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


# -- text limits ----------------------------------------------------------------------------
# The longest text each field may hold, in characters (docs/reliability.md, "Limits"). They are
# far above what the CN 22 / CN 23 boxes and the operators' systems take (a description of
# about 100 characters is already warned about; address lines of 35-50 characters are common),
# so real declarations never meet them, and far below what makes validation, screening, the
# HS lookup or the PDF slow: every command checks them before it starts its work.
PARTY_TEXT_LIMITS: dict[str, int] = {
    "name": 150,
    "company": 150,
    "street": 200,
    "city": 100,
    "postcode": 20,
    "region": 100,
    "country": 60,
    "phone": 40,
    "email": 254,  # the longest address SMTP carries
    "tax_id": 50,
}
ITEM_TEXT_LIMITS: dict[str, int] = {
    "description": 500,
    "quantity": 40,
    "net_weight_kg": 40,
    "value": 40,
    "hs_code": 20,
    "origin_country": 60,
}
DECLARATION_TEXT_LIMITS: dict[str, int] = {
    "format": 100,
    "form": 20,
    "category": 40,
    "category_explanation": 300,
    "currency": 20,
    "gross_weight_kg": 40,
    "postal_charges": 40,
    "item_id": 40,
    "invoice_number": 60,
    "licence_numbers": 60,  # each number
    "certificate_numbers": 60,  # each number
    "importer_reference": 100,
    "ioss_number": 40,
    "non_delivery": 20,
    "comments": 1000,
    "date": 40,
}
EXTRA_TEXT_LIMIT = 1000  # a text kept under a key ShipDesk does not know (``itn``, ...)
QUERY_LIMIT = ITEM_TEXT_LIMITS["description"]  # an HS lookup or screening query: a description


LIST_EDITOR_NUMBERS = 10  # licence / certificate numbers one comma-separated editor takes


def text_limit(path: str) -> int:
    """The limit of the field at ``path`` (``items[2].description`` -> 500, ``sender.name``,
    ``licence_numbers[0]``, a bare key such as ``description`` or ``name``); a key ShipDesk
    does not know has the limit of unknown keys (``EXTRA_TEXT_LIMIT``)."""
    parts = path.split(".")
    head = parts[0].split("[", 1)[0]
    last = parts[-1].split("[", 1)[0]
    if len(parts) == 1:
        if head in DECLARATION_TEXT_LIMITS:
            return DECLARATION_TEXT_LIMITS[head]
        return ITEM_TEXT_LIMITS.get(head, PARTY_TEXT_LIMITS.get(head, EXTRA_TEXT_LIMIT))
    if head in ("sender", "recipient"):
        return PARTY_TEXT_LIMITS.get(last, EXTRA_TEXT_LIMIT)
    if head == "items":
        return ITEM_TEXT_LIMITS.get(last, EXTRA_TEXT_LIMIT)
    return EXTRA_TEXT_LIMIT


@dataclass(frozen=True)
class OverLong:
    """A field whose text is longer than its limit."""

    path: str
    length: int
    limit: int

    def describe(self) -> str:
        return f"{self.path} has {self.length:,} characters; the limit is {self.limit:,}"


def _text_fields(decl: Declaration) -> list[tuple[str, str, int]]:
    """(path, text, limit) of every text field, unknown keys holding text included."""
    out: list[tuple[str, str, int]] = []

    def extras(prefix: str, extra: dict[str, JsonValue]) -> None:
        for key, value in extra.items():
            if isinstance(value, str):
                out.append((f"{prefix}{key}", value, EXTRA_TEXT_LIMIT))

    for key, limit in DECLARATION_TEXT_LIMITS.items():
        value = getattr(decl, key)
        if isinstance(value, list):
            out.extend((f"{key}[{j}]", v, limit) for j, v in enumerate(value) if isinstance(v, str))
        elif isinstance(value, str):
            out.append((key, value, limit))
    extras("", decl.extra)
    for role, party in (("sender", decl.sender), ("recipient", decl.recipient)):
        for key, limit in PARTY_TEXT_LIMITS.items():
            out.append((f"{role}.{key}", getattr(party, key), limit))
        extras(f"{role}.", party.extra)
    for i, item in enumerate(decl.items):
        for key, limit in ITEM_TEXT_LIMITS.items():
            out.append((f"items[{i}].{key}", getattr(item, key), limit))
        extras(f"items[{i}].", item.extra)
    return out


def field_texts(decl: Declaration) -> dict[str, str]:
    """The text of every field by its path (``items[1].hs_code``), for telling which fields a
    person has changed."""
    return {path: text for path, text, _limit in _text_fields(decl) if isinstance(text, str)}


def over_long_fields(decl: Declaration) -> list[OverLong]:
    """Every field whose text is longer than its limit, in file order (cheap: lengths only)."""
    return [
        OverLong(path, len(text), limit)
        for path, text, limit in _text_fields(decl)
        if isinstance(text, str) and len(text) > limit
    ]


def clipped(decl: Declaration, fields: list[OverLong]) -> Declaration:
    """A copy of ``decl`` with the text of each of ``fields`` cut to its limit, so checks can
    still look at the rest of the declaration without working on megabytes of text."""
    out = decl.copy()
    for f in fields:
        owner_path, _, key = f.path.rpartition(".")
        owner: Declaration | Party | Item = out
        if owner_path.startswith("items["):
            owner = out.items[int(owner_path[6:-1])]
        elif owner_path == "sender":
            owner = out.sender
        elif owner_path == "recipient":
            owner = out.recipient
        name, _, index = key.partition("[")
        value = getattr(owner, name, None) if name != "extra" else None
        if index and isinstance(value, list):  # licence_numbers[0]
            j = int(index[:-1])
            value[j] = value[j][: f.limit]
        elif isinstance(value, str):
            setattr(owner, name, value[: f.limit])
        elif isinstance(owner.extra.get(name), str):
            owner.extra[name] = str(owner.extra[name])[: f.limit]
    return out
