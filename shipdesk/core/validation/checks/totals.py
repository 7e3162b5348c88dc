"""Totals and category: gross weight against the items, postal charges, a declared total, and
what the category implies (gifts, documents, returned goods, sales)."""

from __future__ import annotations

from decimal import Decimal

from shipdesk.core.i18n import N_
from shipdesk.core.model import Category, parse_decimal
from shipdesk.core.money import format_money
from shipdesk.core.validation.checks.context import Context, decimals, read_number
from shipdesk.core.validation.result import ERROR, WARNING


def rule_totals(ctx: Context) -> None:
    d = ctx.decl
    net = sum((it.net_weight_dec or Decimal(0) for _, it in ctx.items()), Decimal(0))
    g = read_number(
        ctx,
        "gross_weight_kg",
        d.gross_weight_kg,
        N_("Gross weight"),
        "0.450",
        N_("weigh the packed parcel, in kg."),
    )
    if g is not None:
        if g <= 0:
            ctx.add(
                ERROR,
                "gross_weight_kg",
                "must_be_positive",
                what=N_("Gross weight"),
                hint=N_("weigh the packed parcel, in kg."),
            )
        elif g < net:
            ctx.add(ERROR, "gross_weight_kg", "gross_below_net", gross=g, net=net)
        elif g == net and net > 0:
            ctx.add(WARNING, "gross_weight_kg", "gross_equals_net", net=net)
        elif decimals(g) > 3:
            ctx.add(
                WARNING,
                "gross_weight_kg",
                "too_many_decimals_weight",
                value=d.gross_weight_kg,
                example=str(g.quantize(Decimal("0.001"))),
            )
    if d.postal_charges.strip():
        pc = parse_decimal(d.postal_charges)
        if pc is None:
            ctx.add(
                ERROR, "postal_charges", "not_a_number", value=d.postal_charges, example="12.50"
            )
        elif pc < 0:
            ctx.add(ERROR, "postal_charges", "must_not_be_negative", what=N_("Postal charges"))
    elif ctx.form == "cn23" and d.category != Category.DOCUMENTS.value:
        ctx.add(
            WARNING,
            "postal_charges",
            "required_recommended",
            what=N_("Postal charges"),
            hint=N_("the CN 23 asks for the postage and other fees paid (box 9)."),
        )
    declared = d.extra.get("total_value")
    if declared not in (None, ""):
        dv = parse_decimal(declared)
        total = ctx.total_value()
        if dv is None:
            ctx.add(ERROR, "total_value", "not_a_number", value=str(declared), example="49.90")
        elif dv != total:
            ccy = ctx.currency() or ""
            ctx.add(
                ERROR,
                "total_value",
                "total_mismatch",
                declared=f"{dv} {ccy}".strip(),
                computed=f"{total} {ccy}".strip(),
            )


# -- category ------------------------------------------------------------------------------
def rule_category(ctx: Context) -> None:
    d = ctx.decl
    if d.category == Category.GIFT.value:
        if d.ioss_number.strip():
            ctx.add(ERROR, "category", "gift_with_ioss")
        if d.invoice_number.strip():
            ctx.add(WARNING, "category", "gift_with_invoice")
        if d.sender.company.strip():
            ctx.add(WARNING, "category", "gift_from_company")
        if str(d.extra.get("incoterm") or "").strip():
            ctx.add(WARNING, "category", "gift_with_incoterm")
    elif d.category == Category.DOCUMENTS.value:
        total = ctx.total_value()
        if total > 0:
            ctx.add(
                WARNING,
                "category",
                "documents_with_value",
                value=format_money(total, ctx.currency() or ""),
            )
    elif d.category == Category.RETURNED_GOODS.value:
        if not d.invoice_number.strip() and ctx.form == "cn23":
            ctx.add(WARNING, "invoice_number", "returned_goods_reference")
    elif (
        d.category == Category.SALE_OF_GOODS.value
        and not d.invoice_number.strip()
        and ctx.form == "cn23"
    ):
        ctx.add(WARNING, "invoice_number", "invoice_number_missing")
