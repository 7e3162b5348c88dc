"""Screening an item or a whole declaration against the rules: the findings, most severe first.

The rules are handed in (the workspace's active set); without them the shipped rules are used.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from shipdesk.core.errors import InputError
from shipdesk.core.model import EXTRA_TEXT_LIMIT, PARTY_TEXT_LIMITS, QUERY_LIMIT, Declaration
from shipdesk.core.screening.active_rules import active_ruleset
from shipdesk.core.screening.matching import Finding, in_euros, make_context, screen
from shipdesk.core.screening.notes import detail_text
from shipdesk.core.screening.notes import text as note_text
from shipdesk.core.screening.operator_routes import refusal_findings
from shipdesk.core.screening.parcel_batteries import ItemBatteries, count_item, parcel_findings
from shipdesk.core.screening.ruleset import SEVERITY, RuleSet
from shipdesk.core.screening.wording import to_finding

if TYPE_CHECKING:
    from shipdesk.core.operators import OperatorProfile
    from shipdesk.core.rates import RateBook

__all__ = ["UNCHECKED_RULE", "Finding", "highest_level", "screen_declaration", "screen_item"]

# The finding for text longer than screening reads (``core.model`` limits): never "nothing
# found" for text that was not checked.
UNCHECKED_RULE = "TEXT-NOT-CHECKED"
ADDRESS_FIELDS = ("street", "city", "region", "postcode")


def _unchecked(what: str, length: int, limit: int, lang: str, index: int | None) -> Finding:
    return Finding(
        rule=UNCHECKED_RULE,
        level="warning",
        category="other",
        message=note_text(
            "unchecked.message",
            lang,
            what=note_text(f"unchecked.{what}", lang),
            length=length,
            limit=limit,
        ),
        advice=note_text("unchecked.advice", lang, limit=limit),
        item_index=index,
        confidence="confirmed",
        title="Text not fully checked",
        customer_text=note_text("unchecked.customer", lang),
        detail=detail_text(
            lang,
            rule=UNCHECKED_RULE,
            limit=note_text("unchecked.limit", lang, limit=limit),
            confidence="confirmed",
        ),
    )


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
    operator: OperatorProfile | None = None,
) -> list[Finding]:
    """Findings for one item sent to ``destination`` (most severe first).

    Destination-wide rules (sanctions, embargoes) are included, since one item is then the whole
    shipment. ``value`` is the line value; with ``quantity`` it is split per unit for per-item
    thresholds. ``rates``: the rate book values are converted with (None: the shipped tables);
    ``ruleset``: the rules to apply (None: the shipped rules); ``operator``: the postal operator
    whose lithium limits per parcel apply to ``quantity`` of the item, and whose own refusals of
    devices with lithium batteries to the destination are reported (None: the UPU default).

    A description longer than ``QUERY_LIMIT`` is screened up to the limit, and a warning
    finding says the rest was not checked.
    """
    if channel not in ("post", "courier"):
        raise InputError(f"unknown channel {channel!r} (post or courier)", location="channel")
    rs = ruleset if ruleset is not None else active_ruleset()
    unchecked: list[Finding] = []
    if len(description) > QUERY_LIMIT:
        unchecked.append(_unchecked("description", len(description), QUERY_LIMIT, lang, None))
        description = description[:QUERY_LIMIT]
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
    found = [to_finding(h, lang, None, rs) for h in hits]
    count = count_item(description, [f.rule for f in found], quantity=quantity, text=ctx.text)
    counts = [count] if count is not None else []
    found += _parcel(counts, operator, channel, lang)
    found += refusal_findings(
        counts, operator, destination=ctx.destination, channel=channel, lang=lang
    )
    return found + unchecked


def _parcel(
    counts: list[ItemBatteries] | None,
    operator: OperatorProfile | None,
    channel: str,
    lang: str,
) -> list[Finding]:
    """The lithium batteries per parcel finding under the operator's limits (or the UPU's)."""
    if not counts:
        return []
    return parcel_findings(counts, operator, channel=channel, lang=lang)


def screen_declaration(
    decl: Declaration,
    *,
    channel: str = "post",
    lang: str = "en",
    rates: RateBook | None = None,
    ruleset: RuleSet | None = None,
    operator: OperatorProfile | None = None,
) -> list[Finding]:
    """Findings for every item (``item_index`` set) and for the shipment (``item_index`` None).

    Each item is screened with its HS code and origin, the recipient country as destination and
    the sender country as the consignment's origin. Declaration-level rules (sanctions on the
    destination or origin, addresses in sanctioned regions) are reported once. ``rates`` and
    ``ruleset`` as for :func:`screen_item`. Text beyond the limits of ``core.model`` is not
    screened: a warning finding says so for that item (or the address). The lithium cells and
    batteries of all items are counted against ``operator``'s limits per parcel (None: the UPU
    default), one finding for the shipment when there are too many; an item whose installed
    battery the operator refuses to the destination gets the operator's finding.
    """
    if channel not in ("post", "courier"):
        raise InputError(f"unknown channel {channel!r} (post or courier)", location="channel")
    rs = ruleset if ruleset is not None else active_ruleset()
    dest = (decl.recipient.country or "").strip().upper()
    sender = (decl.sender.country or "").strip().upper()
    when = _when(decl.date)
    total = in_euros(decl.total_value(), decl.currency, when, rates) if decl.items else None
    out: list[Finding] = []
    counts: list[ItemBatteries] = []
    for index, item in enumerate(decl.items):
        if item.is_blank():
            continue
        line = item.value_dec
        qty = item.quantity_dec
        unit = line / qty if line is not None and qty and qty > 0 else line
        description = item.description
        if len(description) > QUERY_LIMIT:
            out.append(_unchecked("description", len(description), QUERY_LIMIT, lang, index))
            description = description[:QUERY_LIMIT]
        ctx = make_context(
            description,
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
        found = [
            to_finding(h, lang, index, rs) for h in screen(rs, ctx, lang=lang, applies_to="item")
        ]
        count = count_item(
            description, [f.rule for f in found], quantity=qty, item_index=index, text=ctx.text
        )
        if count is not None:
            counts.append(count)
        out.extend(found)
    out.extend(_parcel(counts, operator, channel, lang))
    out.extend(refusal_findings(counts, operator, destination=dest, channel=channel, lang=lang))
    r = decl.recipient
    parts = [(getattr(r, f), PARTY_TEXT_LIMITS[f]) for f in ADDRESS_FIELDS]
    # unknown keys holding text or a number are screened too (nested values are not address)
    parts += [
        (v if isinstance(v, str) else str(v), EXTRA_TEXT_LIMIT)
        for v in r.extra.values()
        if isinstance(v, str | int | float) and not isinstance(v, bool)
    ]
    address = " ".join(text[:limit] for text, limit in parts)
    longest = max(((len(text), limit) for text, limit in parts if len(text) > limit), default=None)
    if longest is not None:
        out.append(_unchecked("address", longest[0], longest[1], lang, None))
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
        to_finding(h, lang, None, rs) for h in screen(rs, ctx, lang=lang, applies_to="declaration")
    )
    return out
