"""Screening an item or a whole declaration against the rules: the findings, most severe first.

The rules are handed in (the workspace's active set); without them the shipped rules are used.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from shipdesk.core.errors import InputError
from shipdesk.core.model import Declaration
from shipdesk.core.screening.active_rules import active_ruleset
from shipdesk.core.screening.matching import Finding, in_euros, make_context, screen, to_finding
from shipdesk.core.screening.ruleset import SEVERITY, RuleSet

if TYPE_CHECKING:
    from shipdesk.core.rates import RateBook

__all__ = ["Finding", "highest_level", "screen_declaration", "screen_item"]


def highest_level(findings: list[Finding]) -> str | None:
    """The most severe level among the findings, or None when there are none."""
    levels = [f.level for f in findings if f.level in SEVERITY]
    return min(levels, key=SEVERITY.__getitem__) if levels else None


def _when(text: str) -> date:
    try:
        return date.fromisoformat(text[:10]) if text else date.today()
    except ValueError:
        return date.today()


def screen_item(
    description: str,
    *,
    hs_code: str = "",
    destination: str = "",
    origin: str = "",
    value: Decimal | None = None,
    currency: str = "",
    channel: str = "post",
    lang: str = "en",
    quantity: Decimal | None = None,
    sender_country: str = "",
    item_category: str = "",
    when: date | None = None,
    rates: RateBook | None = None,
    ruleset: RuleSet | None = None,
) -> list[Finding]:
    """Findings for one item sent to ``destination`` (most severe first).

    Destination-wide rules (sanctions, embargoes) are included, since one item is then the whole
    shipment. ``value`` is the line value; with ``quantity`` it is split per unit for per-item
    thresholds. ``rates``: the rate book values are converted with (None: the shipped tables);
    ``ruleset``: the rules to apply (None: the shipped rules).
    """
    if channel not in ("post", "courier"):
        raise InputError(f"unknown channel {channel!r} (post or courier)", location="channel")
    rs = ruleset if ruleset is not None else active_ruleset()
    unit = value
    if value is not None and quantity is not None and quantity > 0:
        unit = value / quantity
    when = when or date.today()
    ctx = make_context(
        description,
        hs_code=hs_code,
        destination=destination,
        origin=origin,
        sender_country=sender_country,
        channel=channel,
        item_category=item_category,
        value_eur=in_euros(unit, currency, when, rates),
        parcel_value_eur=in_euros(value, currency, when, rates),
        value_text=(f"{value}" if value is not None else "", currency or ""),
        when=when,
        rates=rates,
    )
    hits = screen(rs, ctx, lang=lang, applies_to=None)
    return [to_finding(h, lang, None) for h in hits]


def screen_declaration(
    decl: Declaration,
    *,
    channel: str = "post",
    lang: str = "en",
    rates: RateBook | None = None,
    ruleset: RuleSet | None = None,
) -> list[Finding]:
    """Findings for every item (``item_index`` set) and for the shipment (``item_index`` None).

    Each item is screened with its HS code and origin, the recipient country as destination and
    the sender country as the consignment's origin. Declaration-level rules (sanctions on the
    destination or origin, addresses in sanctioned regions) are reported once. ``rates`` and
    ``ruleset`` as for :func:`screen_item`.
    """
    if channel not in ("post", "courier"):
        raise InputError(f"unknown channel {channel!r} (post or courier)", location="channel")
    rs = ruleset if ruleset is not None else active_ruleset()
    dest = (decl.recipient.country or "").strip().upper()
    sender = (decl.sender.country or "").strip().upper()
    when = _when(decl.date)
    total = in_euros(decl.total_value(), decl.currency, when, rates) if decl.items else None
    out: list[Finding] = []
    for index, item in enumerate(decl.items):
        if item.is_blank():
            continue
        line = item.value_dec
        qty = item.quantity_dec
        unit = line / qty if line is not None and qty and qty > 0 else line
        ctx = make_context(
            item.description,
            hs_code=item.hs_code,
            destination=dest,
            origin=item.origin_country,
            sender_country=sender,
            channel=channel,
            item_category=decl.category,
            value_eur=in_euros(unit, decl.currency, when, rates),
            parcel_value_eur=total,
            value_text=(item.value, decl.currency),
            when=when,
            rates=rates,
        )
        out.extend(
            to_finding(h, lang, index) for h in screen(rs, ctx, lang=lang, applies_to="item")
        )
    r = decl.recipient
    address = " ".join([r.street, r.city, r.region, r.postcode, *map(str, r.extra.values())])
    ctx = make_context(
        "",
        destination=dest,
        origin=sender,
        sender_country=sender,
        channel=channel,
        item_category=decl.category,
        parcel_value_eur=total,
        address=address,
        when=when,
        rates=rates,
    )
    out.extend(
        to_finding(h, lang, None) for h in screen(rs, ctx, lang=lang, applies_to="declaration")
    )
    return out
