"""The CN 22 / CN 23 choice under an operator profile.

``choose_form`` applies the CONTRACT rule: ``form: auto`` gives CN 22 when the declared value,
converted to the limit's currency, is within the limit and the gross weight is within the
letter-post limit, otherwise CN 23. ``cn22`` / ``cn23`` force a form; ``form_problems`` refuses
a forced CN 22 where the value or the weight rule forbids it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from shipdesk.core.money import format_money, is_currency
from shipdesk.core.operators import OperatorProfile, get_profile
from shipdesk.core.rates import Conversion, RateUnavailable, convert
from shipdesk.core.validation.result import Problem, problem
from shipdesk.core.validation.thresholds import near_fraction

if TYPE_CHECKING:
    from shipdesk.core.model import Declaration
    from shipdesk.core.rates import RateBook

CN22 = "cn22"
CN23 = "cn23"


@dataclass(frozen=True)
class FormDecision:
    """Why a form applies: the value converted to the limit's currency and the weight."""

    form: str
    value_in_limit_ccy: Decimal | None
    conversion: Conversion | None
    over_value: bool
    over_weight: bool
    reason: str


def _resolve(profile: OperatorProfile | str | None) -> OperatorProfile:
    if isinstance(profile, OperatorProfile):
        return profile
    return get_profile(profile)


def decide(
    decl: Declaration,
    profile: OperatorProfile | str | None = None,
    *,
    on: date | None = None,
    rates: RateBook | None = None,
) -> FormDecision:
    """The CN 22 / CN 23 decision with its reasons (value and weight against the profile).

    The value is converted with the rates of the declaration's date (else ``on``, else the
    newest rates) from the rate book handed in (None: the shipped tables).
    """
    prof = _resolve(profile)
    total = sum(
        (it.value_dec or Decimal(0) for it in decl.real_items()),
        Decimal(0),
    )
    conv = None
    value = None
    ccy = (decl.currency or "").strip().upper()
    if is_currency(ccy):
        try:
            conv = convert(
                total, ccy, prof.cn22_limit_currency, on=_decl_date(decl) or on, rates=rates
            )
            value = conv.amount
        except RateUnavailable:
            conv = None
    over_value = value is None or value > prof.cn22_limit
    gross = decl.gross_weight_dec
    over_weight = gross is not None and gross > prof.letter_max_kg
    forced = (decl.form or "auto").strip().lower()
    if forced in (CN22, CN23):
        form = forced
        reason = f"{forced.upper()} chosen in the declaration"
    elif over_value or over_weight:
        form = CN23
        if value is None:
            reason = f"CN 23: the value cannot be compared with the {prof.name} CN 22 limit"
        elif over_value:
            reason = (
                f"CN 23: value {format_money(value, prof.cn22_limit_currency)} is above the "
                f"{prof.name} CN 22 limit of {prof.limit_text()}"
            )
        else:
            reason = f"CN 23: gross weight above the letter-post limit of {prof.letter_max_kg} kg"
    else:
        form = CN22
        reason = (
            f"CN 22: value within {prof.limit_text()} and weight within {prof.letter_max_kg} kg"
        )
    return FormDecision(form, value, conv, over_value, over_weight, reason)


def _decl_date(decl: Declaration) -> date | None:
    try:
        return date.fromisoformat(decl.date.strip()) if decl.date.strip() else None
    except ValueError:
        return None


def choose_form(
    decl: Declaration,
    profile: OperatorProfile | str | None = None,
    *,
    on: date | None = None,
    rates: RateBook | None = None,
) -> str:
    """``"cn22"`` or ``"cn23"`` for this declaration under the operator's profile."""
    return decide(decl, profile, on=on, rates=rates).form


def form_problems(
    decl: Declaration,
    profile: OperatorProfile | str | None = None,
    *,
    on: date | None = None,
    rates: RateBook | None = None,
) -> list[Problem]:
    """Problems with the form choice: a forced CN 22 beyond the limits, a value near the limit."""
    prof = _resolve(profile)
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
