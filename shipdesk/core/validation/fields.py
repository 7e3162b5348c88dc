"""Readable names for field paths (``items[2].hs_code`` -> ``Item 3 – HS code``).

For lists of problems shown to people (the review step, printed reports); the path itself stays
the key for jumping to the field. Names are in one table, translated by the message catalogue
(context ``field``: "date" or "value" as a field name, not as a word in a sentence).
"""

from __future__ import annotations

import re

from shipdesk.core.i18n import NC_, Told, language, translator

FIELD_NAMES: dict[str, str] = {
    "form": NC_("field", "form"),
    "category": NC_("field", "category"),
    "category_explanation": NC_("field", "explanation of the category"),
    "currency": NC_("field", "currency"),
    "sender": NC_("field", "sender"),
    "recipient": NC_("field", "recipient"),
    "items": NC_("field", "items"),
    "gross_weight_kg": NC_("field", "gross weight (kg)"),
    "postal_charges": NC_("field", "postal charges"),
    "item_id": NC_("field", "item number (S10)"),
    "invoice_number": NC_("field", "invoice number"),
    "licence_numbers": NC_("field", "licence number"),
    "certificate_numbers": NC_("field", "certificate number"),
    "importer_reference": NC_("field", "importer's reference"),
    "ioss_number": NC_("field", "IOSS number"),
    "non_delivery": NC_("field", "if not deliverable"),
    "comments": NC_("field", "comments"),
    "date": NC_("field", "date"),
    "total_value": NC_("field", "total value"),
    "itn": NC_("field", "ITN (US export filing)"),
    "incoterm": NC_("field", "terms of delivery (Incoterms)"),
    "signatory": NC_("field", "name of the signatory"),
    "name": NC_("field", "name"),
    "company": NC_("field", "company"),
    "street": NC_("field", "street"),
    "city": NC_("field", "city"),
    "postcode": NC_("field", "postcode"),
    "region": NC_("field", "region / state"),
    "country": NC_("field", "country"),
    "phone": NC_("field", "phone"),
    "email": NC_("field", "e-mail"),
    "tax_id": NC_("field", "tax / customs number"),
    "description": NC_("field", "description"),
    "quantity": NC_("field", "quantity"),
    "net_weight_kg": NC_("field", "net weight (kg)"),
    "value": NC_("field", "value"),
    "hs_code": NC_("field", "HS code"),
    "origin_country": NC_("field", "country of origin"),
}
GROUP_NAMES = {
    "sender": NC_("field", "Sender"),
    "recipient": NC_("field", "Recipient"),
    "items": NC_("field", "Item"),
}
_PART = re.compile(r"^([a-z_]+)(?:\[(\d+)\])?$")


def field_label(path: str, lang: str | None = None) -> str:
    """A readable name for a field path in ``lang`` (default: the interface language); unknown
    keys are shown as written."""
    tr = translator(lang or language())

    def name_of(key: str, table: dict[str, str] = FIELD_NAMES) -> str:
        return tr.pgettext("field", table[key]) if key in table else key

    parts = path.split(".")
    first = _PART.match(parts[0])
    if not first:
        return path
    key, index = first.group(1), first.group(2)
    rest = [name_of(p) for p in parts[1:]]
    if key in GROUP_NAMES and (index is not None or rest):
        head = name_of(key, GROUP_NAMES) + (f" {int(index) + 1}" if index is not None else "")
        return f"{head} – {' '.join(rest)}" if rest else head
    name = name_of(key)
    if index is not None:
        name = f"{name} {int(index) + 1}"
    name = name[:1].upper() + name[1:]
    return f"{name} – {' '.join(rest)}" if rest else name


class FieldName(Told):
    """The readable name of a field path as a message value: English as text (``"Item 2 –
    description"``), told in the message's language when the message is."""

    path: str

    def __new__(cls, path: str) -> FieldName:
        obj = super().__new__(cls, field_label(path, "en"))
        obj.path = path
        return obj

    def __reduce__(self) -> tuple[object, ...]:  # pickled (and copied) as its path
        return (FieldName, (self.path,))

    def in_language(self, lang: str | None = None) -> str:
        return field_label(self.path, lang)
