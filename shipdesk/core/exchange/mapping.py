"""Column mappings: which spreadsheet column feeds which declaration field.

:class:`ColumnMapping` maps each target field (:data:`TARGETS`) to the header(s) of the columns
that feed it, with the file's weight unit, date order and decimal separator. Headers are
compared loosely (:func:`norm_header`). User mappings are kept by name through the mapping
repository handed in (the ``mappings`` table of the user database). The mappings known before
the user chooses (shipped platform maps, detection from a file's headers) are
:mod:`.platform_maps`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from shipdesk.core.errors import InputError
from shipdesk.core.i18n import N_, Phrase
from shipdesk.core.storage.interfaces import MappingRepository
from shipdesk.core.units import WEIGHT_UNITS as WEIGHT_UNITS  # the units of the window

FORMAT_ID = "shipdesk.mapping/1"


@dataclass(frozen=True)
class Target:
    key: str
    label: str  # English, marked with N_: translate it where it is shown
    level: str  # "order" or "item"


# The labels are English texts marked for the catalogue (the mapping page and the row problems
# show them translated); a party's field is one label per party, as other languages do not
# build it from two words.
TARGETS: tuple[Target, ...] = (
    Target("order_number", N_("Order number"), "order"),
    Target("order_date", N_("Order date"), "order"),
    Target("currency", N_("Currency"), "order"),
    Target("category", N_("Category"), "order"),
    Target("category_explanation", N_("Category explanation"), "order"),
    Target("recipient.name", N_("Recipient name"), "order"),
    Target("recipient.company", N_("Recipient company"), "order"),
    Target("recipient.street", N_("Recipient street"), "order"),
    Target("recipient.city", N_("Recipient city"), "order"),
    Target("recipient.postcode", N_("Recipient postcode"), "order"),
    Target("recipient.region", N_("Recipient state/region"), "order"),
    Target("recipient.country", N_("Recipient country"), "order"),
    Target("recipient.phone", N_("Recipient phone"), "order"),
    Target("recipient.email", N_("Recipient e-mail"), "order"),
    Target("recipient.tax_id", N_("Recipient tax/VAT/EORI id"), "order"),
    Target("sender.name", N_("Sender name"), "order"),
    Target("sender.company", N_("Sender company"), "order"),
    Target("sender.street", N_("Sender street"), "order"),
    Target("sender.city", N_("Sender city"), "order"),
    Target("sender.postcode", N_("Sender postcode"), "order"),
    Target("sender.region", N_("Sender state/region"), "order"),
    Target("sender.country", N_("Sender country"), "order"),
    Target("sender.phone", N_("Sender phone"), "order"),
    Target("sender.email", N_("Sender e-mail"), "order"),
    Target("sender.tax_id", N_("Sender tax/VAT/EORI id"), "order"),
    Target("gross_weight_kg", N_("Gross weight"), "order"),
    Target("postal_charges", N_("Postage / shipping charges"), "order"),
    Target("item_id", N_("Item id (S10 tracking number)"), "order"),
    Target("invoice_number", N_("Invoice number"), "order"),
    Target("licence_numbers", N_("Licence numbers"), "order"),
    Target("certificate_numbers", N_("Certificate numbers"), "order"),
    Target("importer_reference", N_("Importer reference"), "order"),
    Target("ioss_number", N_("IOSS number"), "order"),
    Target("non_delivery", N_("If undeliverable (return/abandon)"), "order"),
    Target("comments", N_("Comments"), "order"),
    Target("incoterm", N_("Incoterms (terms of delivery)"), "order"),
    Target("signatory", N_("Signed by (name)"), "order"),
    Target("item.description", N_("Item description"), "item"),
    Target("item.sku", N_("Item SKU"), "item"),
    Target("item.quantity", N_("Item quantity"), "item"),
    Target("item.unit_price", N_("Item unit price"), "item"),
    Target("item.value", N_("Item line value (quantity × price)"), "item"),
    Target("item.unit_weight", N_("Item weight per unit"), "item"),
    Target("item.net_weight", N_("Item line net weight"), "item"),
    Target("item.weight_unit", N_("Item weight unit (kg/g/lb/oz)"), "item"),
    Target("item.hs_code", N_("Item HS code"), "item"),
    Target("item.origin_country", N_("Item country of origin"), "item"),
)
TARGET_KEYS = tuple(t.key for t in TARGETS)
_TARGET_SET = frozenset(TARGET_KEYS)

DATE_ORDERS = ("dmy", "mdy", "ymd")


def norm_header(text: str) -> str:
    """Header text compared loosely: lower case, letters and digits only."""
    return re.sub(r"[\W_]+", "", str(text).casefold())


@dataclass
class ColumnMapping:
    """Target field -> source column header(s). Several headers are joined (first + last name)."""

    name: str = "custom"
    platform: str = ""
    source: str = ""
    checked: str = ""
    columns: dict[str, list[str]] = field(default_factory=dict)
    weight_unit: str = "kg"
    date_order: str = "dmy"
    decimal: str = "auto"  # "auto", "." or ","

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT_ID,
            "name": self.name,
            "platform": self.platform,
            "columns": {k: list(v) for k, v in self.columns.items() if v},
            "weight_unit": self.weight_unit,
            "date_order": self.date_order,
            "decimal": self.decimal,
        }

    @classmethod
    def from_json(cls, data: Any, source: str = "mapping") -> ColumnMapping:
        if not isinstance(data, dict):
            raise InputError(Phrase(N_("a mapping must be an object")), source=source)
        cols = data.get("columns", {})
        if not isinstance(cols, dict):
            raise InputError(Phrase(N_("'columns' must be an object")), source=source)
        m = cls(
            name=str(data.get("name", "custom")),
            platform=str(data.get("platform", "")),
            weight_unit=str(data.get("weight_unit", "kg")),
            date_order=str(data.get("date_order", "dmy")),
            decimal=str(data.get("decimal", "auto")),
        )
        m.columns = columns_from(cols, source)
        m.check(source)
        return m

    def check(self, source: str = "mapping") -> None:
        unknown = sorted(set(self.columns) - _TARGET_SET)
        if unknown:
            raise InputError(
                Phrase(N_("unknown target field(s): {fields}"), fields=", ".join(unknown)),
                source=source,
            )
        if self.weight_unit not in WEIGHT_UNITS:
            raise InputError(
                Phrase(N_("weight_unit must be one of {choices}"), choices=", ".join(WEIGHT_UNITS)),
                source=source,
            )
        if self.date_order not in DATE_ORDERS:
            raise InputError(
                Phrase(N_("date_order must be one of {choices}"), choices=", ".join(DATE_ORDERS)),
                source=source,
            )
        if self.decimal not in ("auto", ".", ","):
            raise InputError(Phrase(N_("decimal must be 'auto', '.' or ','")), source=source)

    def copy(self) -> ColumnMapping:
        return ColumnMapping(
            name=self.name,
            platform=self.platform,
            source=self.source,
            checked=self.checked,
            columns={k: list(v) for k, v in self.columns.items()},
            weight_unit=self.weight_unit,
            date_order=self.date_order,
            decimal=self.decimal,
        )

    def missing_required(self) -> list[str]:
        """Labels of the fields an import cannot do without (English, marked for the catalogue:
        translate them where they are shown)."""
        out = []
        if not self.columns.get("item.description"):
            out.append(N_("Item description"))
        if not (self.columns.get("item.unit_price") or self.columns.get("item.value")):
            out.append(N_("Item unit price or line value"))
        return out

    def resolve(self, headers: list[str]) -> dict[str, list[int]]:
        """Target -> column indices in ``headers`` (loose header comparison)."""
        index: dict[str, int] = {}
        for i, h in enumerate(headers):
            index.setdefault(norm_header(h), i)
        out: dict[str, list[int]] = {}
        for key, cols in self.columns.items():
            idx = [index[norm_header(c)] for c in cols if norm_header(c) in index]
            if idx:
                out[key] = idx
        return out


def columns_from(cols: dict[str, Any], source: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for key, value in cols.items():
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise InputError(
                Phrase(N_("a column must be a header text or a list of them")),
                source=source,
                location=key,
            )
        out[str(key)] = [v for v in value if v.strip()]
    return out


# -- saved mappings (kept by the mapping repository handed in) ------------------------------
def save_mapping(name: str, mapping: ColumnMapping, repo: MappingRepository) -> None:
    name = name.strip()
    if not name:
        raise InputError(Phrase(N_("a saved mapping needs a name")))
    mapping.check(name)
    data = mapping.to_json()
    data["name"] = name
    repo.save(name, data)


def saved_names(repo: MappingRepository) -> list[str]:
    return repo.names()


def load_saved(name: str, repo: MappingRepository) -> ColumnMapping | None:
    data = repo.load(name)
    if data is None:
        return None
    return ColumnMapping.from_json(data, source=Phrase(N_("saved mapping {name!r}"), name=name))


def delete_saved(name: str, repo: MappingRepository) -> None:
    repo.delete(name)
