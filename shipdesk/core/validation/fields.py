"""Readable names for field paths (``items[2].description`` -> ``Item 3: description``).

For lists of problems shown to people (the review step, printed reports); the path itself stays
the key for jumping to the field. Names are in one table so they can be translated.
"""

from __future__ import annotations

import re

FIELD_NAMES: dict[str, str] = {
    "form": "form",
    "category": "category",
    "category_explanation": "explanation of the category",
    "currency": "currency",
    "sender": "sender",
    "recipient": "recipient",
    "items": "items",
    "gross_weight_kg": "gross weight (kg)",
    "postal_charges": "postal charges",
    "item_id": "item number (S10)",
    "invoice_number": "invoice number",
    "licence_numbers": "licence number",
    "certificate_numbers": "certificate number",
    "importer_reference": "importer's reference",
    "ioss_number": "IOSS number",
    "non_delivery": "if not deliverable",
    "comments": "comments",
    "date": "date",
    "total_value": "total value",
    "itn": "ITN (US export filing)",
    "name": "name",
    "company": "company",
    "street": "street",
    "city": "city",
    "postcode": "postcode",
    "region": "region / state",
    "country": "country",
    "phone": "phone",
    "email": "e-mail",
    "tax_id": "tax / customs number",
    "description": "description",
    "quantity": "quantity",
    "net_weight_kg": "net weight (kg)",
    "value": "value",
    "hs_code": "HS code",
    "origin_country": "country of origin",
}
GROUP_NAMES = {"sender": "Sender", "recipient": "Recipient", "items": "Item"}
_PART = re.compile(r"^([a-z_]+)(?:\[(\d+)\])?$")


def field_label(path: str) -> str:
    """A readable name for a field path; unknown keys are shown as written."""
    parts = path.split(".")
    first = _PART.match(parts[0])
    if not first:
        return path
    key, index = first.group(1), first.group(2)
    rest = [FIELD_NAMES.get(p, p) for p in parts[1:]]
    if key in GROUP_NAMES and (index is not None or rest):
        head = GROUP_NAMES[key] + (f" {int(index) + 1}" if index is not None else "")
        return f"{head}: {' '.join(rest)}" if rest else head
    name = FIELD_NAMES.get(key, key)
    if index is not None:
        name = f"{name} {int(index) + 1}"
    name = name[:1].upper() + name[1:]
    return f"{name}: {' '.join(rest)}" if rest else name
