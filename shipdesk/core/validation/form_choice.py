"""Problems with the CN 22 / CN 23 form of a declaration.

The choice itself (``decide``, ``choose_form``: the CONTRACT rule that ``form: auto`` gives CN 22
when the declared value, converted to the limit's currency, is within the operator's limit and
the gross weight within the letter-post limit) is made in :mod:`shipdesk.core.operators`, beside
the profiles it reads, so the documents can choose a form without loading validation.
``form_problems`` refuses a forced CN 22 where the value or the weight rule forbids it and warns
of a value near the limit.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from shipdesk.core.money import format_money
from shipdesk.core.operators import CN22, CN23, OperatorProfile, decide, resolve_profile
from shipdesk.core.validation.result import Problem, problem
from shipdesk.core.validation.thresholds import near_fraction

if TYPE_CHECKING:
    from shipdesk.core.model import Declaration
    from shipdesk.core.rates import RateBook


def form_problems(
    decl: Declaration,
    profile: OperatorProfile | str | None = None,
    *,
    on: date | None = None,
    rates: RateBook | None = None,
) -> list[Problem]:
    """Problems with the form choice: a forced CN 22 beyond the limits, a value near the limit."""
    prof = resolve_profile(profile)
    d = decide(decl, prof, on=on, rates=rates)
    out: list[Problem] = []
    form_field = (decl.form or "auto").strip().lower()
    if form_field not in ("auto", CN22, CN23):
        out.append(problem("error", "form", "form_unknown", value=decl.form))
        return out
    if d.form == CN22:
        if d.value_in_limit_ccy is None:
            out.append(
                problem(
                    "error", "form", "cn22_value_unknown", operator=prof.name, ccy=decl.currency
                )
            )
        elif d.over_value:
            out.append(
                problem(
                    "error",
                    "form",
                    "cn22_over_limit",
                    value=format_money(d.value_in_limit_ccy, prof.cn22_limit_currency),
                    limit=prof.limit_text(),
                    operator=prof.name,
                )
            )
        if d.over_weight:
            out.append(
                problem(
                    "error",
                    "gross_weight_kg",
                    "cn22_over_weight",
                    limit=str(prof.letter_max_kg),
                    operator=prof.name,
                )
            )
        if (
            d.value_in_limit_ccy is not None
            and not d.over_value
            and d.value_in_limit_ccy >= prof.cn22_limit * near_fraction()
        ):
            out.append(
                problem(
                    "warning",
                    "items",
                    "cn22_near_limit",
                    value=format_money(d.value_in_limit_ccy, prof.cn22_limit_currency),
                    limit=prof.limit_text(),
                    operator=prof.name,
                    rate=d.conversion.describe() if d.conversion else "",
                )
            )
    elif form_field == "auto" and d.value_in_limit_ccy is None and decl.real_items():
        out.append(
            problem(
                "warning", "currency", "cn22_value_unknown", operator=prof.name, ccy=decl.currency
            )
        )
    return out
