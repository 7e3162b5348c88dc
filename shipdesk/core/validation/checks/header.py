"""The declaration as a whole: category, non-delivery, currency, date, items present, form."""

from __future__ import annotations

from datetime import date

from shipdesk.core.i18n import N_
from shipdesk.core.model import Category, FormKind, NonDelivery
from shipdesk.core.validation.checks.context import Context
from shipdesk.core.validation.form_choice import form_problems
from shipdesk.core.validation.result import ERROR


def rule_header(ctx: Context) -> None:
    d = ctx.decl
    categories = {c.value for c in Category}
    if d.category not in categories:
        ctx.add(ERROR, "category", "category_unknown", value=d.category)
    if d.category == Category.OTHER.value and not d.category_explanation.strip():
        ctx.add(ERROR, "category_explanation", "other_needs_explanation")
    if d.non_delivery not in {n.value for n in NonDelivery}:
        ctx.add(ERROR, "non_delivery", "non_delivery_unknown", value=d.non_delivery)
    cur = (d.currency or "").strip()
    if not cur:
        ctx.add(
            ERROR,
            "currency",
            "required",
            what=N_("Currency"),
            hint=N_("enter the ISO code of the currency of the values, e.g. EUR."),
        )
    elif ctx.currency() is None:
        ctx.add(ERROR, "currency", "currency_invalid", value=cur)
    if d.date.strip():
        try:
            date.fromisoformat(d.date.strip())
        except ValueError:
            ctx.add(ERROR, "date", "date_invalid", value=d.date)
    if not ctx.items():
        ctx.add(ERROR, "items", "items_missing")


def rule_form(ctx: Context) -> None:
    if (ctx.decl.form or "auto").strip().lower() not in {f.value for f in FormKind}:
        ctx.add(ERROR, "form", "form_unknown", value=ctx.decl.form)
        return
    ctx.problems.extend(form_problems(ctx.decl, ctx.profile, on=ctx.on, rates=ctx.rates))
