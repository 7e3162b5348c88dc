"""Customs and tax regimes that depend on the route and the value: EU IOSS, UK low-value
goods, EU export declarations, gift relief, US export filing (EEI by Schedule B class, ITN)."""

from __future__ import annotations

from decimal import Decimal

from shipdesk.core import hscode
from shipdesk.core.countries import CountryName, eu_members
from shipdesk.core.i18n import N_, Phrase
from shipdesk.core.identifiers import check_ioss, check_itn
from shipdesk.core.model import Category
from shipdesk.core.money import format_money
from shipdesk.core.validation.checks.context import COMMERCIAL, Context, rate_text
from shipdesk.core.validation.result import ERROR, WARNING
from shipdesk.core.validation.thresholds import country_set, near_fraction, threshold


def rule_ioss(ctx: Context) -> None:
    d = ctx.decl
    t = threshold("eu_ioss")
    eu = eu_members()
    dest = d.recipient.country.strip()
    origin_eu = d.sender.country.strip() in eu
    conv = ctx.in_currency(ctx.total_value(), t.currency)
    value = conv.amount if conv else None
    v = d.ioss_number.strip()
    if v:
        r = check_ioss(v)
        if not r.ok:
            ctx.add(ERROR, "ioss_number", "ioss_format", value=v, detail=r.detail)
        if dest and dest not in eu:
            ctx.add(ERROR, "ioss_number", "ioss_destination", country=CountryName(dest))
        elif value is not None:
            if value > t.amount:
                ctx.add(
                    ERROR,
                    "ioss_number",
                    "ioss_over_limit",
                    limit=t.amount,
                    value=format_money(value, t.currency),
                    rate=rate_text(conv),
                )
            elif value >= t.amount * near_fraction():
                ctx.add(
                    WARNING,
                    "ioss_number",
                    "ioss_near_limit",
                    limit=t.amount,
                    value=format_money(value, t.currency),
                    rate=rate_text(conv),
                )
    elif (
        dest in eu
        and not origin_eu
        and d.category == Category.SALE_OF_GOODS.value
        and value is not None
        and 0 < value <= t.amount
    ):
        ctx.add(
            WARNING,
            "ioss_number",
            "ioss_missing",
            value=format_money(value, t.currency),
            limit=t.amount,
        )


def rule_uk(ctx: Context) -> None:
    d = ctx.decl
    if d.recipient.country.strip() != "GB" or d.category != Category.SALE_OF_GOODS.value:
        return
    if d.sender.country.strip() == "GB":
        return
    t = threshold("uk_low_value")
    conv = ctx.in_currency(ctx.total_value(), t.currency)
    if conv is None:
        return
    if conv.amount > t.amount:
        ctx.add(
            WARNING,
            "items",
            "uk_over_limit",
            value=format_money(conv.amount, t.currency),
            limit=t.amount,
            rate=rate_text(conv),
        )
    elif conv.amount >= t.amount * near_fraction():
        ctx.add(
            WARNING,
            "items",
            "uk_near_limit",
            value=format_money(conv.amount, t.currency),
            limit=t.amount,
            rate=rate_text(conv),
        )


def rule_eu_export(ctx: Context) -> None:
    """Commercial exports from the EU above EUR 1,000 need an electronic export declaration."""
    d = ctx.decl
    eu = eu_members()
    if d.category not in COMMERCIAL or d.category == Category.RETURNED_GOODS.value:
        return
    if d.sender.country.strip() not in eu or d.recipient.country.strip() in eu | {""}:
        return
    t = threshold("eu_export")
    conv = ctx.in_currency(ctx.total_value(), t.currency)
    if conv is not None and conv.amount > t.amount and "MRN" not in d.comments.upper():
        ctx.add(
            WARNING,
            "comments",
            "eu_export_declaration",
            value=format_money(conv.amount, t.currency),
            rate=rate_text(conv),
            limit=format_money(t.amount, t.currency),
        )


def rule_gift_relief(ctx: Context) -> None:
    """Gifts between private persons above the UK (GBP 39) or EU (EUR 45) relief."""
    d = ctx.decl
    if d.category != Category.GIFT.value or d.sender.company.strip():
        return
    dest, origin = d.recipient.country.strip(), d.sender.country.strip()
    eu = eu_members()
    if dest == "GB" and origin != "GB":
        t, where = threshold("uk_gift"), N_("the United Kingdom")
    elif dest in eu and origin not in eu:
        t, where = threshold("eu_gift"), N_("the EU")
    else:
        return
    conv = ctx.in_currency(ctx.total_value(), t.currency)
    if conv is not None and conv.amount > t.amount:
        ctx.add(
            WARNING,
            "items",
            "gift_over_relief",
            value=format_money(conv.amount, t.currency),
            rate=rate_text(conv),
            where=where,
            limit=format_money(t.amount, t.currency),
        )


def schedule_b_classes(ctx: Context) -> dict[str, Decimal]:
    """Item values grouped by commodity code (lines without a code count on their own, keyed
    by a ``Phrase`` "line n")."""
    groups: dict[str, Decimal] = {}
    for i, it in ctx.items():
        code = hscode.clean(it.hs_code) or Phrase(N_("line {n}"), n=i + 1)
        groups[code] = groups.get(code, Decimal(0)) + (it.value_dec or Decimal(0))
    return groups


def us_export_status(ctx: Context) -> tuple[bool, str, str]:
    """(ITN required, reason, exemption legend) for an export from the United States; the
    reason is a ``Phrase``, told in the language of the message it ends up in."""
    t = threshold("us_eei")
    dest = ctx.decl.recipient.country.strip()
    legends = t.extra.get("legends", {})
    legend = str(legends.get(dest, legends.get("default", "")))
    if dest in country_set("us_eei_always"):
        return (
            True,
            Phrase(N_("exports to {country} need EEI filing whatever the value"), country=dest),
            legend,
        )
    for code, value in schedule_b_classes(ctx).items():
        conv = ctx.in_currency(value, t.currency)
        if conv is not None and conv.amount > t.amount:
            return (
                True,
                Phrase(
                    N_(
                        "the goods under {code} are worth {value}, above USD {limit} for one "
                        "Schedule B class"
                    ),
                    code=code,
                    value=format_money(conv.amount, t.currency),
                    limit=f"{t.amount:,}",
                ),
                legend,
            )
    return False, "", legend


def rule_us_export(ctx: Context) -> None:
    d = ctx.decl
    if d.sender.country.strip() != "US" or d.recipient.country.strip() in ("", "US"):
        return
    itn = str(d.extra.get("itn") or "").strip()
    needed, reason, _legend = us_export_status(ctx)
    if itn:
        if not check_itn(itn).ok:
            ctx.add(ERROR, "itn", "itn_format", value=itn)
    elif needed:
        ctx.add(ERROR, "itn", "itn_required", reason=reason)
