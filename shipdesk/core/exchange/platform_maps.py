"""The column mappings known before the user chooses one, and finding the one to use.

Platform maps (Shopify, Etsy, eBay, WooCommerce, Amazon, ShipDesk's own template) are data in
``resources/mappings/*.toml``, each naming the published column list it follows and its date.
``detect(headers)`` picks the platform whose identifying columns are present and then fills any
field still unmapped from generic header names (``[aliases]`` in ``aliases.toml``), so a shop
export with an added "HS code" or "Weight (g)" column is understood too.
``resolve_mapping_arg`` finds the mapping a user named: a platform, a saved mapping or a file.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from shipdesk.core.errors import DataError, InputError
from shipdesk.core.exchange.cells import weight_unit_in_header
from shipdesk.core.exchange.mapping import (
    TARGET_KEYS,
    ColumnMapping,
    columns_from,
    load_saved,
    norm_header,
)
from shipdesk.core.i18n import N_, Phrase
from shipdesk.core.nesting import load_json, load_toml
from shipdesk.core.paths import resource
from shipdesk.core.storage.interfaces import MappingRepository

# The names of the column maps in resources/mappings (their `name`), so that the catalogue
# translates them where the window shows them; a name missing here is shown in English.
PLATFORM_NAMES = (
    N_("Amazon Seller Central order report"),
    N_("eBay Seller Hub orders report"),
    N_("Etsy sold order items"),
    N_("ShipDesk import template"),
    N_("Shopify orders export"),
    N_("WooCommerce order export (one row per item)"),
)


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
        m.columns = columns_from(data.get("columns", {}), str(path))
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
        if key not in TARGET_KEYS:
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
                    unit = weight_unit_in_header(h)
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


def resolve_mapping_arg(arg: str, repo: MappingRepository) -> ColumnMapping:
    """``--mapping``: a platform id, a saved mapping's name, or a .json/.toml mapping file."""
    p = Path(arg)
    if p.suffix.lower() in (".json", ".toml") and p.is_file():
        try:
            text = p.read_text(encoding="utf-8-sig")
            if p.suffix.lower() == ".json":
                data = load_json(text, str(p))
            else:
                data = load_toml(text, str(p))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError, tomllib.TOMLDecodeError) as e:
            raise InputError(
                Phrase(N_("cannot read the mapping ({error})"), error=str(e)), source=str(p)
            ) from None
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
        Phrase(
            N_(
                "unknown mapping {name!r}: use one of {choices}, a saved mapping's name or a "
                ".json/.toml mapping file"
            ),
            name=arg,
            choices=", ".join(choices),
        )
    )
