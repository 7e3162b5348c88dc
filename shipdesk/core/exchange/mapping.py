"""Column mappings: which spreadsheet column feeds which declaration field.

Platform maps (Shopify, Etsy, eBay, WooCommerce, Amazon, ShipDesk's own template) are data in
``resources/mappings/*.toml``, each naming the published column list it follows and its date.
``detect(headers)`` picks the platform whose identifying columns are present and then fills any
field still unmapped from generic header names (``[aliases]`` in ``shipdesk.toml``), so a shop
export with an added "HS code" or "Weight (g)" column is understood too.

User mappings are kept by name in the user database (``mappings`` table).
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from shipdesk.core.errors import DataError, InputError
from shipdesk.core.paths import resource

if TYPE_CHECKING:
    from shipdesk.core.storage.interfaces import MappingRepository

FORMAT_ID = "shipdesk.mapping/1"


@dataclass(frozen=True)
class Target:
    key: str
    label: str
    level: str  # "order" or "item"


_PARTY_LABELS = (
    ("name", "name"),
    ("company", "company"),
    ("street", "street"),
    ("city", "city"),
    ("postcode", "postcode"),
    ("region", "state/region"),
    ("country", "country"),
    ("phone", "phone"),
    ("email", "e-mail"),
    ("tax_id", "tax/VAT/EORI id"),
)

TARGETS: tuple[Target, ...] = (
    Target("order_number", "Order number", "order"),
    Target("order_date", "Order date", "order"),
    Target("currency", "Currency", "order"),
    Target("category", "Category", "order"),
    Target("category_explanation", "Category explanation", "order"),
    *(Target(f"recipient.{k}", f"Recipient {label}", "order") for k, label in _PARTY_LABELS),
    *(Target(f"sender.{k}", f"Sender {label}", "order") for k, label in _PARTY_LABELS),
    Target("gross_weight_kg", "Gross weight", "order"),
    Target("postal_charges", "Postage / shipping charges", "order"),
    Target("item_id", "Item id (S10 tracking number)", "order"),
    Target("invoice_number", "Invoice number", "order"),
    Target("licence_numbers", "Licence numbers", "order"),
    Target("certificate_numbers", "Certificate numbers", "order"),
    Target("importer_reference", "Importer reference", "order"),
    Target("ioss_number", "IOSS number", "order"),
    Target("non_delivery", "If undeliverable (return/abandon)", "order"),
    Target("comments", "Comments", "order"),
    Target("item.description", "Item description", "item"),
    Target("item.sku", "Item SKU", "item"),
    Target("item.quantity", "Item quantity", "item"),
    Target("item.unit_price", "Item unit price", "item"),
    Target("item.value", "Item line value (quantity × price)", "item"),
    Target("item.unit_weight", "Item weight per unit", "item"),
    Target("item.net_weight", "Item line net weight", "item"),
    Target("item.weight_unit", "Item weight unit (kg/g/lb/oz)", "item"),
    Target("item.hs_code", "Item HS code", "item"),
    Target("item.origin_country", "Item country of origin", "item"),
)
TARGET_KEYS = tuple(t.key for t in TARGETS)
_TARGET_SET = frozenset(TARGET_KEYS)

WEIGHT_UNITS = ("kg", "g", "lb", "oz")
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
            raise InputError("a mapping must be an object", source=source)
        cols = data.get("columns", {})
        if not isinstance(cols, dict):
            raise InputError("'columns' must be an object", source=source)
        m = cls(
            name=str(data.get("name", "custom")),
            platform=str(data.get("platform", "")),
            weight_unit=str(data.get("weight_unit", "kg")),
            date_order=str(data.get("date_order", "dmy")),
            decimal=str(data.get("decimal", "auto")),
        )
        m.columns = _columns_from(cols, source)
        m.check(source)
        return m

    def check(self, source: str = "mapping") -> None:
        unknown = sorted(set(self.columns) - _TARGET_SET)
        if unknown:
            raise InputError(f"unknown target field(s): {', '.join(unknown)}", source=source)
        if self.weight_unit not in WEIGHT_UNITS:
            raise InputError(f"weight_unit must be one of {', '.join(WEIGHT_UNITS)}", source=source)
        if self.date_order not in DATE_ORDERS:
            raise InputError(f"date_order must be one of {', '.join(DATE_ORDERS)}", source=source)
        if self.decimal not in ("auto", ".", ","):
            raise InputError("decimal must be 'auto', '.' or ','", source=source)

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
        """Labels of the fields an import cannot do without."""
        out = []
        if not self.columns.get("item.description"):
            out.append("Item description")
        if not (self.columns.get("item.unit_price") or self.columns.get("item.value")):
            out.append("Item unit price or line value")
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


def _columns_from(cols: dict[str, Any], source: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for key, value in cols.items():
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise InputError(
                "a column must be a header text or a list of them", source=source, location=key
            )
        out[str(key)] = [v for v in value if v.strip()]
    return out


# -- platform maps (resources/mappings/*.toml) ------------------------------------------------
@dataclass(frozen=True)
class PlatformMap:
    id: str
    mapping: ColumnMapping
    detect: tuple[str, ...]
    source_url: str
    checked: str
    notes: str


def _load_toml(path: Path) -> PlatformMap:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise DataError(f"{path}: cannot read the column map ({exc})") from None
    meta = data.get("mapping", {})
    try:
        m = ColumnMapping(
            name=str(meta["name"]),
            platform=str(meta["id"]),
            source=str(meta.get("source", "")),
            checked=str(meta.get("checked", "")),
            weight_unit=str(meta.get("weight_unit", "kg")),
            date_order=str(meta.get("date_order", "dmy")),
            decimal=str(meta.get("decimal", "auto")),
        )
        m.columns = _columns_from(data.get("columns", {}), str(path))
        m.check(str(path))
    except (KeyError, InputError) as exc:
        raise DataError(f"{path}: broken column map ({exc})") from None
    return PlatformMap(
        id=m.platform,
        mapping=m,
        detect=tuple(meta.get("detect", ())),
        source_url=m.source,
        checked=m.checked,
        notes=str(meta.get("notes", "")),
    )


@lru_cache(maxsize=1)
def platform_maps() -> tuple[PlatformMap, ...]:
    folder = resource("mappings")
    files = sorted(p for p in folder.glob("*.toml") if p.name != "aliases.toml")
    if not files:
        raise DataError(f"{folder}: no column maps found")
    return tuple(_load_toml(p) for p in files)


@lru_cache(maxsize=1)
def generic_aliases() -> dict[str, tuple[str, ...]]:
    """Target -> loose header names used when no platform map covers a column."""
    path = resource("mappings", "aliases.toml")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise DataError(f"{path}: cannot read the header aliases ({exc})") from None
    out: dict[str, tuple[str, ...]] = {}
    for key, names in data.get("aliases", {}).items():
        if key not in _TARGET_SET:
            raise DataError(f"{path}: unknown target field {key!r}")
        out[key] = tuple(norm_header(n) for n in names)
    return out


@lru_cache(maxsize=1)
def known_headers() -> frozenset[str]:
    """Every header name a platform map or the generic names know (normalised)."""
    names: set[str] = set()
    for pm in platform_maps():
        for cols in pm.mapping.columns.values():
            names.update(norm_header(c) for c in cols)
        names.update(norm_header(d) for d in pm.detect)
    for aliases in generic_aliases().values():
        names.update(aliases)
    return frozenset(names)


def header_score(values: list[Any]) -> int:
    """How many cells of a row are known column names (to find the header row)."""
    known = known_headers()
    return sum(
        1
        for v in values
        if isinstance(v, str)
        and (norm_header(v) in known or norm_header(re.sub(r"\([^)]*\)", "", v)) in known)
    )


def platform(id_: str) -> ColumnMapping | None:
    for pm in platform_maps():
        if pm.id == id_:
            return pm.mapping.copy()
    return None


_UNIT_HINTS = (
    (re.compile(r"\((g|grams?)\)|\bgrams?\b|\bgramm\b"), "g"),
    (re.compile(r"\((lbs?|pounds?)\)|\blbs?\b|\bpounds?\b"), "lb"),
    (re.compile(r"\((oz|ounces?)\)|\bounces?\b|\boz\b"), "oz"),
    (re.compile(r"\(kg\)|\bkg\b|\bkilo"), "kg"),
)


def _unit_hint(header: str) -> str | None:
    h = header.casefold()
    for rx, unit in _UNIT_HINTS:
        if rx.search(h):
            return unit
    return None


# Generic names that mean something else in a recognised shop export: there "item id" is the
# id of the order line, not the S10 number of the parcel (the platform map names its tracking
# column when the export has one).
_NOT_IN_SHOP_EXPORTS = {"item_id": frozenset({"itemid"})}


def _fill_from_aliases(m: ColumnMapping, headers: list[str]) -> None:
    used = {norm_header(c) for cols in m.columns.values() for c in cols}
    aliases = generic_aliases()
    normed = [(norm_header(h), h) for h in headers if h]
    for key in TARGET_KEYS:
        if m.columns.get(key):
            continue
        names = aliases.get(key, ())
        if m.platform and key in _NOT_IN_SHOP_EXPORTS:
            names = tuple(n for n in names if n not in _NOT_IN_SHOP_EXPORTS[key])
        for n, h in normed:
            # a unit in brackets is not part of the name: "Weight (g)" matches "weight"
            bare = norm_header(re.sub(r"\([^)]*\)", "", h))
            if n in used:
                continue
            if n in names or bare in names:
                m.columns[key] = [h]
                used.add(n)
                if key in ("item.unit_weight", "item.net_weight", "gross_weight_kg"):
                    unit = _unit_hint(h)
                    if unit and key != "gross_weight_kg":
                        m.weight_unit = unit
                break


def detect(headers: list[str]) -> ColumnMapping:
    """The best mapping for these headers: a platform map if one fits, else generic names."""
    present = {norm_header(h) for h in headers if h}
    best: PlatformMap | None = None
    best_score = 0.0
    for pm in platform_maps():
        if not pm.detect:
            continue
        hits = sum(1 for d in pm.detect if norm_header(d) in present)
        score = hits / len(pm.detect)
        if score > best_score:
            best, best_score = pm, score
    if best is not None and best_score >= 0.75:
        m = best.mapping.copy()
        m.columns = {
            k: [c for c in cols if norm_header(c) in present] for k, cols in m.columns.items()
        }
        m.columns = {k: v for k, v in m.columns.items() if v}
    else:
        m = ColumnMapping(name="detected from column names", platform="")
    _fill_from_aliases(m, headers)
    return m


# -- saved mappings (kept by the mapping repository handed in) ------------------------------
def save_mapping(name: str, mapping: ColumnMapping, repo: MappingRepository) -> None:
    name = name.strip()
    if not name:
        raise InputError("a saved mapping needs a name")
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
    return ColumnMapping.from_json(data, source=f"saved mapping {name!r}")


def delete_saved(name: str, repo: MappingRepository) -> None:
    repo.delete(name)


def resolve_mapping_arg(arg: str, repo: MappingRepository) -> ColumnMapping:
    """``--mapping``: a platform id, a saved mapping's name, or a .json/.toml mapping file."""
    p = Path(arg)
    if p.suffix.lower() in (".json", ".toml") and p.is_file():
        try:
            text = p.read_text(encoding="utf-8-sig")
            data = json.loads(text) if p.suffix.lower() == ".json" else tomllib.loads(text)
        except (OSError, UnicodeDecodeError, json.JSONDecodeError, tomllib.TOMLDecodeError) as e:
            raise InputError(f"cannot read the mapping ({e})", source=str(p)) from None
        if "mapping" in data and "columns" in data and "name" not in data:
            meta = data["mapping"]
            data = {**meta, "columns": data["columns"]}
        return ColumnMapping.from_json(data, source=str(p))
    m = platform(arg.strip().lower())
    if m is not None:
        return m
    saved = load_saved(arg, repo)
    if saved is not None:
        return saved
    choices = [pm.id for pm in platform_maps()]
    raise InputError(
        f"unknown mapping {arg!r}: use one of {', '.join(choices)}, a saved mapping's name "
        "or a .json/.toml mapping file"
    )
