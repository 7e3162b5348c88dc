"""Each item line: quantity, net weight, value (numbers and decimals), description, HS code and
country of origin."""

from __future__ import annotations

from decimal import Decimal

from shipdesk.core import hscode
from shipdesk.core.i18n import N_
from shipdesk.core.model import Category, Item, parse_decimal
from shipdesk.core.money import minor_digits
from shipdesk.core.tariff.nomenclature import code_exists
from shipdesk.core.validation.checks.context import (
    COMMERCIAL,
    Context,
    country_problem,
    decimals,
    read_number,
)
from shipdesk.core.validation.descriptions import check_description, only_filler
from shipdesk.core.validation.result import ERROR, WARNING

DESCRIPTION_MAX = 100
# Pieces on one item line of a postal declaration (docs/validation.md): above the first a warning
# (check it is a count), above the second an error (a weight, a price or an article number typed
# into the quantity; no postal parcel holds a million pieces on one line worth declaring apart).
QUANTITY_LARGE = 10_000
QUANTITY_IMPLAUSIBLE = 1_000_000


def rule_items(ctx: Context) -> None:
    ccy = ctx.currency()
    docs = ctx.decl.category == Category.DOCUMENTS.value
    for i, it in ctx.items():
        p = f"items[{i}]"
        _description(ctx, f"{p}.description", it.description)
        q = read_number(
            ctx,
            f"{p}.quantity",
            it.quantity,
            N_("Quantity"),
            "2",
            N_("enter how many pieces this line holds."),
        )
        if q is not None:
            if q <= 0:
                ctx.add(
                    ERROR,
                    f"{p}.quantity",
                    "must_be_positive",
                    what=N_("Quantity"),
                    hint=N_("enter how many pieces this line holds."),
                )
            elif q != q.to_integral_value():
                ctx.add(ERROR, f"{p}.quantity", "quantity_not_whole", value=it.quantity)
            elif q > QUANTITY_IMPLAUSIBLE:
                ctx.add(ERROR, f"{p}.quantity", "quantity_implausible", value=it.quantity)
            elif q > QUANTITY_LARGE:
                ctx.add(WARNING, f"{p}.quantity", "quantity_large", value=it.quantity)
        w = read_number(
            ctx,
            f"{p}.net_weight_kg",
            it.net_weight_kg,
            N_("Net weight"),
            "0.250",
            N_("weigh the articles of this line without packaging, in kg (e.g. 0.250)."),
        )
        if w is not None:
            if w <= 0:
                ctx.add(
                    ERROR,
                    f"{p}.net_weight_kg",
                    "must_be_positive",
                    what=N_("Net weight"),
                    hint=N_("weigh the articles without packaging; 10 g is 0.010 kg."),
                )
            elif decimals(w) > 3:
                ctx.add(
                    WARNING,
                    f"{p}.net_weight_kg",
                    "too_many_decimals_weight",
                    value=it.net_weight_kg,
                    example=f"{w.quantize(Decimal('0.001'))}",
                )
        v = read_number(
            ctx,
            f"{p}.value",
            it.value,
            N_("Value"),
            "25.00",
            N_(
                "enter the value of this line (quantity × unit price); gifts and samples need "
                "their real value too."
            ),
        )
        if v is not None:
            if v < 0 or (v == 0 and not docs):
                ctx.add(
                    ERROR,
                    f"{p}.value",
                    "must_be_positive",
                    what=N_("Value"),
                    hint=N_("give the real value (a nominal value such as 0.10 for free samples)."),
                )
            elif ccy and decimals(v) > minor_digits(ccy):
                digits = minor_digits(ccy)
                ctx.add(
                    WARNING,
                    f"{p}.value",
                    "too_many_decimals_value",
                    value=it.value,
                    ccy=ccy,
                    digits=digits,
                    example=str(v.quantize(Decimal(1).scaleb(-digits))),
                )
            unit = parse_decimal(it.extra.get("unit_value"))
            if unit is not None and q is not None and q * unit != v:
                ctx.add(
                    ERROR,
                    f"{p}.value",
                    "line_total_mismatch",
                    value=it.value,
                    quantity=it.quantity,
                    unit=it.extra.get("unit_value"),
                    computed=q * unit,
                )
        _hs(ctx, p, it)
        _origin(ctx, p, it)


def _description(ctx: Context, path: str, text: str) -> None:
    t = text.strip()
    if not t:
        ctx.add(
            ERROR,
            path,
            "required",
            what=N_("Description"),
            hint=N_("say what the article is, its material and its use, e.g. 'cotton T-shirt'."),
        )
        return
    docs = ctx.decl.category == Category.DOCUMENTS.value
    v = check_description(t)
    if v is not None:
        if docs and v.term.text in ("documents", "documentos"):
            ctx.add(WARNING, path, "description_documents")
        elif v.level == "vague":
            ctx.add(
                ERROR,
                path,
                "description_vague",
                term=v.matched,
                hint=v.hint(),
                example=v.term.example,
            )
        else:
            ctx.add(
                WARNING,
                path,
                "description_generic",
                term=v.matched,
                hint=v.hint(),
                example=v.term.example,
            )
    elif len(t) < 3 or only_filler(t):
        ctx.add(ERROR, path, "description_too_short", value=t)
    if len(t) > DESCRIPTION_MAX:
        ctx.add(WARNING, path, "description_too_long", length=len(t), limit=DESCRIPTION_MAX)


def _hs(ctx: Context, p: str, it: Item) -> None:
    path = f"{p}.hs_code"
    raw = it.hs_code.strip()
    cat = ctx.decl.category
    if not raw:
        if cat == Category.DOCUMENTS.value:
            return
        if cat in COMMERCIAL and ctx.form == "cn23":
            ctx.add(ERROR, path, "hs_missing")
        else:
            ctx.add(WARNING, path, "hs_missing_recommended", form=ctx.form.upper())
        return
    code = hscode.clean(raw)
    if not hscode.is_declarable(code):
        ctx.add(ERROR, path, "hs_format", value=raw)
        return
    if code != raw:
        ctx.add(WARNING, path, "hs_dots", code=code)
    prefix = code[:6]
    if prefix[:2] in ("77", "98", "99"):
        ctx.add(ERROR, path, "hs_unspecified", value=code)
        return
    if not code_exists(prefix):
        if len(code) == 6:
            ctx.add(ERROR, path, "hs_unknown", value=code)
        else:
            ctx.add(ERROR, path, "hs_national_unknown_heading", value=code, prefix=prefix)
        return
    if len(code) > 6 and set(code[6:]) == {"0"}:
        ctx.add(WARNING, path, "hs_padded", value=code, prefix=prefix)
    if cat == Category.DOCUMENTS.value and not code.startswith("49"):
        ctx.add(ERROR, path, "hs_documents", value=code)


def _origin(ctx: Context, p: str, it: Item) -> None:
    path = f"{p}.origin_country"
    v = it.origin_country.strip()
    cat = ctx.decl.category
    if not v:
        if cat == Category.DOCUMENTS.value:
            return
        if cat in COMMERCIAL and ctx.form == "cn23":
            ctx.add(ERROR, path, "origin_missing")
        else:
            ctx.add(WARNING, path, "origin_missing_recommended")
        return
    country_problem(ctx, path, v)
