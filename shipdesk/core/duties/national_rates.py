"""Duty rates from the national tariffs the user imported (US HTS general rate, EU third-country
duty, UK Global Tariff): the line of an item's code, its rate as the file writes it, and whether
that rate can be applied to a value (an ad valorem rate or "Free").

A rate the estimate cannot apply as it is (a specific or compound rate such as "37.5¢/kg + 3%",
several different rates under a six-digit code, no tariff imported) is answered with a reason,
never with a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from shipdesk.core import hscode
from shipdesk.core.storage.interfaces import NationalTariffRepository
from shipdesk.core.storage.national_tariff import NationalLine
from shipdesk.core.tariff.national import imported_sources, lines_under

_PERCENT = re.compile(r"^\s*(\d{1,3}(?:[.,]\d+)?)\s*%\s*$")
_FREE = {"free", "0", "0%", "0.00%", "0 %", "exempt", "frei", "exempt*"}


def ad_valorem(text: str) -> Decimal | None:
    """The percentage of a duty rate written as one (``"5.3%"`` -> 5.3, ``"Free"`` -> 0); None
    for any other form (specific, compound, empty)."""
    t = text.strip()
    if t.lower().rstrip(" *") in _FREE or t.lower().startswith("free"):
        return Decimal(0)
    m = _PERCENT.match(t)
    if m:
        return Decimal(m.group(1).replace(",", "."))
    return None


@dataclass(frozen=True)
class TariffRate:
    """What the imported tariff says for one code."""

    rate: Decimal | None  # percent; None when it cannot be applied (see ``problem``)
    text: str  # the rate as written ("5.3%"), or the differing rates ("16.5%, 32%")
    line: str  # the national code the rate belongs to
    source: str  # the imported tariff ("us-hts-2026")
    problem: (
        str  # "" | "no_tariff" | "no_code" | "no_line" | "no_rate" | "several" | "not_ad_valorem"
    )


def _newest(lines: list[NationalLine], kind: str) -> list[NationalLine]:
    mine = [ln for ln in lines if ln.source.startswith(kind + "-")]
    if not mine:
        return []
    newest = max(ln.source for ln in mine)
    return [ln for ln in mine if ln.source == newest]


def rate_for(code: str, kind: str, store: NationalTariffRepository) -> TariffRate:
    """The duty rate of ``code`` in the newest imported tariff of ``kind`` (``us-hts``,
    ``eu-cn``, ``uk``)."""
    digits = hscode.digits(code or "")
    if len(digits) < 6:
        return TariffRate(None, "", "", "", "no_code")
    lines = _newest(lines_under(digits[:6], store), kind)
    if not lines:
        has = any(s.startswith(kind + "-") for s in imported_sources(store))
        return TariffRate(None, "", "", "", "no_line" if has else "no_tariff")
    source = lines[0].source
    if len(digits) > 6:
        above = [ln for ln in lines if digits.startswith(ln.code)]  # the item's code is longer
        below = [ln for ln in lines if ln.code.startswith(digits)]  # lines under the item's code
        if above:
            lines = [max(above, key=lambda ln: len(ln.code))]
        elif below:
            lines = below
    rated = [ln for ln in lines if ln.duty.strip()]
    if not rated:
        return TariffRate(None, "", lines[0].code, source, "no_rate")
    texts = sorted({ln.duty.strip() for ln in rated})
    if len(texts) > 1:
        return TariffRate(None, ", ".join(texts), digits, source, "several")
    pct = ad_valorem(texts[0])
    line = rated[0].code if len(rated) == 1 else digits
    if pct is None:
        return TariffRate(None, texts[0], line, source, "not_ad_valorem")
    return TariffRate(pct, texts[0], line, source, "")
