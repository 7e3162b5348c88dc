"""Lithium batteries per parcel: how many cells and batteries the items hold, against the
postal operator's limits.

ICAO/IATA (PI 967/970 Section II, DGR 2.4) let a post carry at most 4 cells or 2 batteries
installed in equipment in one parcel, and operators publish their own limits
(``resources/operators/*.toml``, ``[lithium]``). The item rules say *whether* an item holds a
lithium battery (``DG-LI-ION-IN-EQUIP``, ``DG-LI-METAL-IN-EQUIP``, ``DG-ECIG``, ``DG-LI-LOOSE``);
this module counts them over the whole declaration: the item's quantity times the units a
description states ("2 x smartphone", "pack of 4", "2er-Pack", "lot de 2", "paquete de 4",
"x4") times the batteries per unit ("laptop with 2 batteries", "mit 2 Akkus", "+ 2 spare
batteries" = the device's own and two spares). Coin and button cells, AA/AAA lithium and
18650-type cells count as cells; everything else as batteries. A mixed parcel is over the limit
when its share of the battery limit and of the cell limit add up to more than the whole
(1 battery = 2 cells under the default limits).

Only the post is checked (a courier applies the dangerous-goods rules itself). The finding's
level is ``restricted`` when the limit passed is confirmed (the operator's own, or the UPU
default's), else ``warning``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from shipdesk.core.operators import (
    DEFAULT_OPERATOR,
    LithiumLimits,
    OperatorProfile,
    get_profile,
    lithium_limits,
)
from shipdesk.core.screening.matching import Finding
from shipdesk.core.screening.notes import detail_text
from shipdesk.core.screening.notes import text as note_text
from shipdesk.core.screening.phrases import normalise
from shipdesk.core.text import read_text

PARCEL_RULE = "OP-LI-PARCEL"
# item rules that mean "this item holds lithium cells or batteries", and whether installed
LITHIUM_RULES = {
    "DG-LI-ION-IN-EQUIP": True,
    "DG-LI-METAL-IN-EQUIP": True,
    "DG-ECIG": True,
    "DG-LI-LOOSE": False,
}
MAX_UNITS = 10_000  # more than any parcel holds: a larger figure is not a count

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "eight": 8, "ten": 10,
    "zwei": 2, "drei": 3, "vier": 4, "funf": 5, "sechs": 6, "acht": 8, "zehn": 10,
    "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "huit": 8, "dix": 10,
    "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "ocho": 8, "diez": 10,
}  # fmt: skip
_N = r"(\d{1,4}|" + "|".join(sorted((w.strip() for w in _NUMBER_WORDS), key=len)[::-1]) + r")"
_B = r"(?<![a-z0-9.])"  # a number that starts a word (not "3.7" or "a15")
_E = r"(?![a-z0-9])"
# how many units of the item a description states
_UNITS = [
    re.compile(r"^" + _N + r" ?x" + _E),  # "2 x smartphone", "2x iphone"
    re.compile(_B + r"x ?(\d{1,4})(?![a-z0-9.])"),  # "18650 cells x4", not "2 x 5.0ah"
    re.compile(
        r"(?:pack|packs|set|lot|bundle|box|case|pair|packung|satz|paquet|boite|boîte|paquete|"
        r"lote|caja|juego|estuche) (?:of|de|mit|von) " + _N + _E
    ),
    re.compile(
        _B + _N + r" ?(?:er )?(?:pack|packs|pk|pcs|pc|pieces|piece|count|ct|stuck|stk|"
        r"packung|unidades|uds|unites|pieces|pzs)" + _E
    ),
    re.compile(_B + _N + r" ?er set" + _E),
]
_SPARE = (
    r"(?:spare|extra|additional|replacement|ersatz|de rechange|supplementaires?|de repuesto|"
    r"adicionales?|extras?)"
)
_BATTERY = (
    r"(?:batter(?:y|ies)|akkus?|akkupacks?|batteries?|bateria|baterias|cells?|zellen?|piles?|"
    r"celdas?)"
)
# batteries per unit: "with 2 batteries", "+ 2 spare batteries", "2 x 5.0Ah batteries",
# "mit 2 Akkus"
_PER_UNIT = re.compile(
    _B
    + _N
    + r" (?:x )?(?:[0-9.]+ ?k?(?:ah|mah|wh) )?(?:li ion |lithium )?("
    + _SPARE
    + r" )?"
    + _BATTERY
    + _E
)
_PER_UNIT_AFTER = re.compile(_BATTERY + r" (" + _SPARE + r" )?x ?(\d{1,2})" + _E)
_SPARE_ONLY = re.compile(
    r"(?<![a-z])(?:"
    + _SPARE
    + r" "
    + _BATTERY
    + "|"
    + _BATTERY
    + " "
    + _SPARE
    + r"|ersatzakkus?)"
    + _E
)
_LIQUID = re.compile(
    r"(?<![a-z])(?:e ?liquids?|e ?juices?|liquids?|shortfills?|nic salts?|\d+ ?ml)(?![a-z])"
)
_CELLS = re.compile(
    r"(?<![a-z0-9])(?:cr ?\d{3,4}a?|coin cells?|button cells?|lithium coin|knopfzellen?|"
    r"piles? bouton|pilas? de boton|aa|aaa|18650|21700|14500|26650|16340|cells?|zellen?|"
    r"celdas?|piles?|pilas?)(?![a-z0-9])"
)


def _number(token: str) -> int:
    return int(token) if token.isdigit() else _NUMBER_WORDS.get(token, 1)


@dataclass(frozen=True)
class ItemBatteries:
    """The lithium cells or batteries one declaration item brings into the parcel."""

    item_index: int | None
    units: int  # the item's quantity times the units its description states
    per_unit: int  # batteries (or cells) per unit
    cells: bool  # counted as cells (coin, button, AA, 18650 ...) rather than batteries
    installed: bool

    @property
    def total(self) -> int:
        return self.units * self.per_unit


def units_stated(text: str) -> int:
    """The number of units a normalised description states (1 when it states none)."""
    for pattern in _UNITS:
        m = pattern.search(text)
        if m:
            n = _number(m.group(1))
            if 0 < n <= MAX_UNITS:
                return n
    return 1


def batteries_per_unit(text: str) -> int:
    """Batteries (or cells) per unit a normalised description states (1 when it states none).

    "with 2 batteries" is two in all (a kit's tool takes one of them); "with 2 spare batteries"
    is the device's own and two spares; "with spare battery" is two.
    """
    m = _PER_UNIT.search(text)
    if m:
        n = _number(m.group(1))
        return n + 1 if m.group(2) else n
    m = _PER_UNIT_AFTER.search(text)
    if m:
        n = _number(m.group(2))
        return n + 1 if m.group(1) else n
    if _SPARE_ONLY.search(text):
        return 2
    return 1


def count_item(
    description: str,
    rules: Sequence[str],
    *,
    quantity: Decimal | None = None,
    item_index: int | None = None,
    text: str | None = None,
) -> ItemBatteries | None:
    """The lithium batteries of one item whose findings are ``rules``; None when none of its
    rules says it holds any. ``text``: the description as screening normalised it, when at
    hand (it is read again otherwise)."""
    fired = [r for r in rules if r in LITHIUM_RULES]
    if not fired:
        return None
    if text is None:
        text = normalise(read_text(description).text)
    if (
        "DG-ECIG" in fired
        and len(fired) == 1
        and re.search(
            _LIQUID,
            text,
        )
    ):
        return None  # an e-liquid, not a device
    qty = 1
    if quantity is not None and quantity > 0:
        qty = int(quantity) if quantity == int(quantity) else int(quantity) + 1
    installed = all(LITHIUM_RULES[r] for r in fired)
    cells = "DG-LI-METAL-IN-EQUIP" in fired or bool(_CELLS.search(text))
    units = min(qty * units_stated(text), MAX_UNITS)
    return ItemBatteries(item_index, units, batteries_per_unit(text), cells, installed)


def over_limit(batteries: int, cells: int, limits: LithiumLimits) -> bool:
    """More than the parcel may hold: batteries and cells as shares of their limits."""
    if batteries > limits.max_batteries or cells > limits.max_cells:
        return True
    if limits.max_batteries == 0 or limits.max_cells == 0:
        return False  # each kind is checked on its own above
    return Decimal(batteries) / limits.max_batteries + Decimal(cells) / limits.max_cells > 1


def _confirmed(batteries: int, cells: int, limits: LithiumLimits, base: LithiumLimits) -> bool:
    """Whether the limit passed is a confirmed one (the operator's, or the UPU default's)."""
    own = limits.confirmed("max_batteries") and limits.confirmed("max_cells")
    return own or (base.confidence == "confirmed" and over_limit(batteries, cells, base))


def parcel_findings(
    counts: Sequence[ItemBatteries],
    profile: OperatorProfile | None,
    *,
    channel: str,
    lang: str,
) -> list[Finding]:
    """The finding for a parcel holding more lithium cells or batteries than the operator
    takes (``profile`` None: the UPU default). The profiles are looked up only when needed: a
    parcel within the operator's own limits costs no file access."""
    if channel != "post" or not counts:
        return []
    batteries = sum(c.total for c in counts if not c.cells)
    cells = sum(c.total for c in counts if c.cells)
    if not batteries and not cells:
        return []
    profile = profile if profile is not None else get_profile(None)
    limits, own = lithium_limits(profile)
    if not over_limit(batteries, cells, limits):
        return []
    base = limits if profile.id == DEFAULT_OPERATOR else lithium_limits(get_profile(None))[0]
    confirmed = _confirmed(batteries, cells, limits, base)
    items = ", ".join(str(c.item_index + 1) for c in counts if c.item_index is not None and c.total)
    operator = profile.name if own else note_text("parcel.upu_limits", lang, operator=profile.name)
    values = {
        "batteries": batteries,
        "cells": cells,
        "max_batteries": limits.max_batteries,
        "max_cells": limits.max_cells,
        "operator": operator,
    }
    message = note_text("parcel.message", lang, **values)
    if items:
        message += " " + note_text("parcel.items", lang, items=items)
    limit = note_text("parcel.limit", lang, **values)
    counted = note_text("parcel.counted", lang, **values)
    return [
        Finding(
            rule=PARCEL_RULE,
            level="restricted" if confirmed else "warning",
            category="dangerous_goods",
            message=message,
            advice=note_text("parcel.advice", lang, **values),
            item_index=None,
            source=limits.source,
            confidence=limits.confidence if own else "confirmed",
            title="Lithium cells and batteries per parcel (operator limit)",
            customer_text=note_text("parcel.customer", lang, **values),
            detail=detail_text(
                lang,
                rule=PARCEL_RULE,
                source=f"{limits.source} <{limits.url}>",
                limit=f"{limit} ({counted})",
                checked=limits.checked,
                confidence=limits.confidence if own else "confirmed",
            ),
            operator=profile.id,
        )
    ]
