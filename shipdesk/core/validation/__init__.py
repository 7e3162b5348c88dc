"""Declaration validation: problems by field path (error blocks printing, warning does not).

``validate(decl)`` runs every rule and returns a ``ValidationResult`` holding the form that
applies (``cn22``/``cn23``) and the problems, each with a field path as in the declaration file
(``recipient.postcode``, ``items[0].hs_code``, ``gross_weight_kg``, ``items``).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from shipdesk.core.i18n import lang_code
from shipdesk.core.model import clipped, over_long_fields
from shipdesk.core.operators import OperatorProfile, decide, get_profile
from shipdesk.core.validation.checks import RULES, Context
from shipdesk.core.validation.checks.lengths import over_long_problems
from shipdesk.core.validation.fields import field_label
from shipdesk.core.validation.result import (
    ERROR,
    WARNING,
    Problem,
    ValidationResult,
    problem,
)
from shipdesk.core.validation.thresholds import near_fraction, thresholds

if TYPE_CHECKING:
    from shipdesk.core.model import Declaration
    from shipdesk.core.rates import RateBook

__all__ = [
    "ERROR",
    "WARNING",
    "Problem",
    "ValidationResult",
    "field_label",
    "near_fraction",
    "problem",
    "thresholds",
    "validate",
]


def validate(
    decl: Declaration,
    *,
    operator: str | OperatorProfile | None = None,
    today: date | None = None,
    lang: str = "en",
    rates: RateBook | None = None,
) -> ValidationResult:
    """Check a declaration against every rule; blank trailing items are ignored.

    ``operator`` is a profile or a profile id (None: the UPU default; the services hand in the
    workspace's profile). ``today`` is the date used for rate look-ups when the declaration has
    no date (None: the newest rates). ``lang`` is the language of the messages (English, what
    ``validate --json`` prints, unless asked otherwise). ``rates`` is the rate book (None: the
    shipped tables).

    A field longer than its limit (``core.model``, docs/reliability.md) is an error naming the
    limit; the other checks then look at a copy with that text cut to the limit, so no check
    ever works on megabytes of text, and say nothing more about that field.
    """
    too_long = over_long_fields(decl)
    if too_long:
        decl = clipped(decl, too_long)
    profile = operator if isinstance(operator, OperatorProfile) else get_profile(operator)
    on = today
    decision = decide(decl, profile, on=on, rates=rates)
    ctx = Context(decl, profile, decision, today or date.today(), rates=rates)
    for rule in RULES:
        rule(ctx)
    problems = over_long_problems(too_long)
    cut = {f.path for f in too_long}
    problems += [p for p in ctx.problems if p.field not in cut]
    result = ValidationResult(decision.form, _dedupe(problems))
    return result if lang_code(lang) == "en" else result.in_language(lang)


def _dedupe(problems: list[Problem]) -> list[Problem]:
    seen: set[tuple[str, str, str]] = set()
    out: list[Problem] = []
    for p in problems:
        key = (p.level, p.field, p.code)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out
