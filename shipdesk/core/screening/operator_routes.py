"""A postal operator's own refusal of devices with lithium batteries to a destination.

Some operators do not take devices with installed lithium batteries to some destinations, or
not by some of their services (``[[lithium.routes]]`` in ``resources/operators/*.toml``). Such
a refusal is the operator's rule, not the destination's law: it is reported as its own finding,
``OP-LI-REFUSED`` (category ``postal_rules``), which names the operator and carries its id in
``Finding.operator``, so it is never mistaken for a destination prohibition. The destination's
rule files are screened the same with or without an operator.

Levels: a confirmed refusal by every service of the operator is ``prohibited`` (the operator
cannot carry it; another carrier can); a confirmed refusal by some services is ``restricted``
(another service of the operator takes it); an unconfirmed one is a ``warning``. Only the post
is concerned, and only items whose battery is installed (a loose battery or one packed beside
the device is prohibited by post anyway, ``DG-LI-LOOSE``).
"""

from __future__ import annotations

from collections.abc import Sequence

from shipdesk.core.countries import country_name
from shipdesk.core.operators import LithiumRoute, OperatorProfile, get_profile, lithium_routes
from shipdesk.core.screening.matching import Finding
from shipdesk.core.screening.notes import detail_text
from shipdesk.core.screening.notes import text as note_text
from shipdesk.core.screening.parcel_batteries import ItemBatteries

REFUSED_RULE = "OP-LI-REFUSED"


def level(route: LithiumRoute) -> str:
    """The level of a refusal: prohibited when no service of the operator takes the device
    (confirmed), restricted when another service does, warning when unconfirmed."""
    if route.confidence != "confirmed":
        return "warning"
    return "restricted" if route.services else "prohibited"


def _finding(
    route: LithiumRoute,
    profile: OperatorProfile,
    destination: str,
    item_index: int | None,
    lang: str,
) -> Finding:
    values = {
        "operator": profile.name,
        "country": country_name(destination, lang) or destination,
        "services": ", ".join(route.services),
    }
    lvl = level(route)
    if route.services:
        message = note_text("refused.message_services", lang, **values)
        advice = note_text("refused.advice_services", lang, **values)
        customer = note_text("refused.customer_services", lang, **values)
    else:
        message = note_text("refused.message", lang, **values)
        advice = note_text("refused.advice", lang, **values)
        customer = note_text("refused.customer", lang, **values)
    if lvl == "warning":
        message += " " + note_text("refused.unconfirmed", lang, **values)
        customer = note_text("refused.customer_check", lang, **values)
    return Finding(
        rule=REFUSED_RULE,
        level=lvl,
        category="postal_rules",
        message=message,
        advice=advice,
        item_index=item_index,
        source=route.source,
        confidence=route.confidence,
        title="Devices with lithium batteries refused by the operator for this destination",
        customer_text=customer,
        detail=detail_text(
            lang,
            rule=REFUSED_RULE,
            source=f"{route.source} <{route.url}>",
            checked=route.accessed,
            confidence=route.confidence,
        ),
        operator=profile.id,
    )


def refusal_findings(
    counts: Sequence[ItemBatteries],
    profile: OperatorProfile | None,
    *,
    destination: str,
    channel: str,
    lang: str,
) -> list[Finding]:
    """One finding per item with an installed lithium battery and per entry of the operator
    that refuses it to ``destination`` (``profile`` None: the UPU default, which refuses
    nothing). The profiles are looked up only for such items on the post."""
    installed = [c for c in counts if c.installed and c.total]
    if channel != "post" or not installed or not destination:
        return []
    profile = profile if profile is not None else get_profile(None)
    routes = lithium_routes(profile, destination)
    return [
        _finding(route, profile, destination.strip().upper(), c.item_index, lang)
        for c in installed
        for route in routes
    ]
