"""Completing an imported order line from a product of the seller's catalogue.

:func:`fill_item` fills only the fields the order left empty (a vague shop title is replaced by
the product's customs wording, and kept as ``shop_title``), and lists each filled field in
``item.extra["filled_from_catalogue"]``.
"""

from __future__ import annotations

from decimal import Decimal

from shipdesk.core.exchange.cells import kg_text
from shipdesk.core.model import Item
from shipdesk.core.storage.products import FIELDS, Product
from shipdesk.core.validation.descriptions import check_description

FILLED_KEY = "filled_from_catalogue"
"""``item.extra`` key listing the fields completed from the catalogue."""


def is_vague(description: str) -> bool:
    """True when a shop title is missing or too vague for customs (vague-term list)."""
    if not description.strip():
        return True
    return check_description(description) is not None


def fill_item(item: Item, product: Product) -> list[str]:
    """Complete ``item`` from ``product`` without overwriting anything the order gave.

    Net weight is the product's unit weight times the quantity. Returns the fields filled
    (also recorded in ``item.extra["filled_from_catalogue"]``)."""
    filled: list[str] = []
    if not item.net_weight_kg.strip() and product.net_weight_kg:
        try:
            qty = Decimal(item.quantity.strip() or "1")
        except ArithmeticError:
            qty = Decimal(1)
        item.net_weight_kg = kg_text(Decimal(product.net_weight_kg) * qty, "kg")
        filled.append("net_weight_kg")
    if not item.hs_code.strip() and product.hs_code:
        item.hs_code = product.hs_code
        filled.append("hs_code")
    if not item.origin_country.strip() and product.origin_country:
        item.origin_country = product.origin_country
        filled.append("origin_country")
    if product.description and is_vague(item.description):
        if item.description.strip():
            item.extra["shop_title"] = item.description
        item.description = product.description
        filled.append("description")
    if filled:
        item.extra[FILLED_KEY] = sorted(filled, key=FIELDS.index)
    return filled


def sku_of(item: Item) -> str:
    return str(item.extra.get("sku", "") or "")


def has_gaps(item: Item) -> bool:
    """True when the line lacks a net weight, HS code or origin, or its title is vague."""
    return (
        not item.net_weight_kg.strip()
        or not item.hs_code.strip()
        or not item.origin_country.strip()
        or is_vague(item.description)
    )
