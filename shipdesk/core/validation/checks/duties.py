"""What the destination's duty rules ask of a declaration (``resources/duties/``): the United
States need the country of origin of every dutiable item since duty-free de minimis treatment was
suspended."""

from __future__ import annotations

from datetime import date

from shipdesk.core.duties.data import duty_data
from shipdesk.core.model import Category
from shipdesk.core.validation.checks.context import Context
from shipdesk.core.validation.result import WARNING


def rule_us_origin(ctx: Context) -> None:
    """Warn for each item to the US without a country of origin from the day the duty data
    names; an item already in error for it (a commercial CN 23) gets no second message. A
    missing value is already an error for every destination (``items[i].value``)."""
    d = ctx.decl
    if d.recipient.country.strip().upper() != "US" or d.category == Category.DOCUMENTS.value:
        return
    us = duty_data().files.get("US")
    since: date | None = us.declare_origin_and_value_from if us is not None else None
    if since is None or ctx.on < since:
        return
    for i, it in ctx.items():
        if it.origin_country.strip():
            continue
        path = f"items[{i}].origin_country"
        here = [p for p in ctx.problems if p.field == path]
        if any(p.level != WARNING for p in here):
            continue
        # the US warning says more than the general recommendation: it replaces it
        ctx.problems[:] = [p for p in ctx.problems if p.field != path]
        ctx.add(WARNING, path, "us_origin_needed", since=since.isoformat())
