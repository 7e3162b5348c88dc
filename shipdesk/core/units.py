"""Weight units: the user may type and read weights in kg, g, lb or oz; the model keeps kg.

A declaration, its draft and its file always hold kilograms (``net_weight_kg``,
``gross_weight_kg``), the forms print kilograms. A weight typed in another unit is converted
here, exactly (the avoirdupois pound is 0.45359237 kg by definition), and kept to the gram, as
the model keeps weights (validation asks for at most 3 decimals in kg). Shown back, a weight is
the shortest number in the chosen unit that is kept as the same kilograms again, so what is
shown can be typed again without changing anything: "16 oz" is kept as 0.454 kg and shown as
16 oz.

A text that is not a weight is kept as it was typed (nothing typed is lost); validation says
what is wrong with it.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from shipdesk.core.model import parse_decimal

KG_PER_UNIT: dict[str, Decimal] = {
    "kg": Decimal(1),
    "g": Decimal("0.001"),
    "lb": Decimal("0.45359237"),
    "oz": Decimal("0.028349523125"),  # 1/16 lb
}
WEIGHT_UNITS = tuple(KG_PER_UNIT)
"""The units a user may choose, in the order they are offered."""

KEPT_PLACES = 3
"""Kilograms are kept to the gram."""

# what may follow a number typed in a weight field, longest first
_SUFFIXES = (
    ("kilograms", "kg"),
    ("kilogram", "kg"),
    ("grams", "g"),
    ("gram", "g"),
    ("pounds", "lb"),
    ("pound", "lb"),
    ("ounces", "oz"),
    ("ounce", "oz"),
    ("kgs", "kg"),
    ("lbs", "lb"),
    ("kg", "kg"),
    ("lb", "lb"),
    ("oz", "oz"),
    ("gr", "g"),
    ("g", "g"),
)


def is_weight_unit(unit: object) -> bool:
    return isinstance(unit, str) and unit in KG_PER_UNIT


def split_unit(text: str) -> tuple[str, str | None]:
    """``"16 oz"`` -> ``("16", "oz")``; a text without a unit word -> ``(text, None)``."""
    s = text.strip()
    low = s.lower()
    for word, unit in _SUFFIXES:
        if low.endswith(word):
            number = s[: len(s) - len(word)].rstrip()
            if number and (number[-1].isdigit() or number[-1] in ".,"):
                return number, unit
    return s, None


def _kept(kg: Decimal) -> Decimal:
    return kg.quantize(Decimal(1).scaleb(-KEPT_PLACES), rounding=ROUND_HALF_UP)


def _plain(d: Decimal) -> str:
    """A decimal without exponent and without trailing zeros after the point."""
    text = format(d, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def to_kg(text: str, unit: str) -> str:
    """The kilograms to keep for ``text`` typed in a field that shows ``unit``.

    A unit word typed after the number wins over ``unit`` ("16 oz" in a kg field is 16 ounces).
    Kilograms typed as kilograms are kept exactly as typed; a weight converted from another unit
    is kept to the gram. A text that is no number is returned unchanged (validation names it)."""
    if not is_weight_unit(unit):
        raise ValueError(f"unknown weight unit {unit!r} (choose {', '.join(WEIGHT_UNITS)})")
    number, typed_unit = split_unit(text)
    used = typed_unit or unit
    if used == "kg":
        return number if typed_unit else text
    value = parse_decimal(number)
    if value is None:
        return text
    return _plain(_kept(value * KG_PER_UNIT[used]))


def from_kg(kg_text: str, unit: str) -> str:
    """How the kilograms ``kg_text`` are shown in ``unit``: the shortest number that
    :func:`to_kg` keeps as the same kilograms. Kilograms, an empty field and a text that is no
    number are shown as they are kept."""
    if not is_weight_unit(unit):
        raise ValueError(f"unknown weight unit {unit!r} (choose {', '.join(WEIGHT_UNITS)})")
    if unit == "kg":
        return kg_text
    kg = parse_decimal(kg_text)
    if kg is None:
        return kg_text
    exponent = kg.normalize().as_tuple().exponent
    places = max(KEPT_PLACES, -exponent if isinstance(exponent, int) else 0)
    step = Decimal(1).scaleb(-places)
    factor = KG_PER_UNIT[unit]
    exact = kg / factor
    for digits in range(0, 16):
        shown = exact.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
        if (shown * factor).quantize(step, rounding=ROUND_HALF_UP) == kg.quantize(step):
            return _plain(shown)
    return _plain(exact)
