"""The S10 item number: format, check digit, country code and the sender's country."""

from __future__ import annotations

from shipdesk.core.identifiers import check_s10
from shipdesk.core.validation.checks.context import Context
from shipdesk.core.validation.result import ERROR, WARNING


def rule_item_id(ctx: Context) -> None:
    v = ctx.decl.item_id.strip()
    if not v:
        return
    r = check_s10(v)
    if r.reason == "format":
        ctx.add(ERROR, "item_id", "s10_format", value=v)
    elif r.reason == "check_digit":
        ctx.add(
            ERROR,
            "item_id",
            "s10_check_digit",
            value=r.value,
            expected=r.expected,
            found=r.value[10],
        )
    elif r.reason == "country":
        ctx.add(ERROR, "item_id", "s10_country", value=r.value, country=r.value[-2:])
    else:
        sender = ctx.decl.sender.country.strip()
        if sender and r.value[-2:] != sender and not (r.value[-2:] == "GB" and sender == "XI"):
            ctx.add(
                WARNING,
                "item_id",
                "s10_other_country",
                value=r.value,
                country=r.value[-2:],
                sender=sender,
            )
