"""The answer on restricted goods in words a customer at a counter understands.

The findings are written for the clerk (a rule's message, its level, its source). Across the
counter the customer asks one thing: may this go in the parcel? :func:`customer_answer` says
yes, no or "only with conditions" per item, naming the item as the customer described it and
the country by its name, with the finding's sentence for the customer as what to do (the rule's
advice, or its message for a warning, when a finding has none). It decides nothing new: the
levels and overrides are the screening's (an overridden prohibition reads as "only under the
exception the clerk noted"; a postal operator's own refusal reads as "cannot go with" that
operator, not as a ban of the destination).
"""

from __future__ import annotations

from collections.abc import Sequence

from shipdesk.core.countries import country_name
from shipdesk.core.errors import ShipdeskError
from shipdesk.core.i18n import NC_, translator
from shipdesk.core.model import Declaration
from shipdesk.core.operators import get_profile
from shipdesk.core.screening.matching import Finding
from shipdesk.core.screening.notes import CONTEXT
from shipdesk.core.screening.overrides import overridden

TEXTS: dict[str, str] = {
    "yes": NC_("screening", "Yes: everything in this parcel may be sent to {country}."),
    "no": NC_("screening", "No: “{item}” may not be sent to {country}. {advice}"),
    "no.shipment": NC_("screening", "No: this parcel may not be sent to {country} as it is."),
    # a postal operator's own refusal (OP-* finding): the operator will not carry it, another
    # carrier may; the destination does not forbid it
    "no.operator": NC_(
        "screening", "No: “{item}” cannot go to {country} with {operator}. {advice}"
    ),
    "only_if": NC_("screening", "Only with conditions: “{item}” may go to {country}. {advice}"),
    "only_if.shipment": NC_("screening", "Only with conditions: {advice}"),
    "exception": NC_(
        "screening", "“{item}” goes only under the exception the clerk noted: {reason}"
    ),
    "check": NC_("screening", "Please check “{item}”: {message}"),
    "check.shipment": NC_("screening", "Please check: {message}"),
    "conditions": NC_("screening", "Ask the clerk about the conditions."),
}


def _t(key: str, lang: str, **values: object) -> str:
    return translator(lang).pgettext(CONTEXT, TEXTS[key]).format(**values)


def _reason(decl: Declaration, f: Finding) -> str:
    hist = decl.extra.get("history")
    for entry in reversed(hist if isinstance(hist, list) else []):
        if (
            isinstance(entry, dict)
            and entry.get("event") == "override"
            and entry.get("rule") == f.rule
            and entry.get("item_index") == f.item_index
        ):
            return str(entry.get("reason", ""))
    return ""


def _operator_name(operator_id: str) -> str:
    """The operator's name as its profile writes it (its id when the profile is gone)."""
    try:
        return get_profile(operator_id).name
    except ShipdeskError:
        return operator_id


def customer_answer(decl: Declaration, findings: Sequence[Finding], lang: str = "en") -> list[str]:
    """One plain sentence per item or shipment concern, the worst first; an empty list when
    there is nothing to answer yet (no item, or no destination)."""
    code = decl.recipient.country.strip().upper()
    if not decl.real_items() or not code:
        return []
    country = country_name(code, lang) or code
    done = overridden(decl)
    order = {"prohibited": 0, "restricted": 1, "warning": 2}
    lines: list[tuple[int, str]] = []
    seen: set[tuple[str, int | None]] = set()
    for f in sorted(findings, key=lambda f: order.get(f.level, 3)):
        key = ("item", f.item_index) if f.item_index is not None else (f.level, None)
        if key in seen:
            continue  # the worst answer per item is the one the customer needs
        seen.add(key)
        item = ""
        if f.item_index is not None and 0 <= f.item_index < len(decl.items):
            item = decl.items[f.item_index].description.strip()
        whole = f.item_index is None or not item
        said = f.customer_text.strip()  # plain words for the customer, when the finding has them
        advice = said or f.advice.strip() or _t("conditions", lang)
        if f.level == "prohibited" and (f.rule, f.item_index) in done:
            text = _t("exception", lang, item=item or "…", reason=_reason(decl, f))
        elif f.level == "prohibited" and f.operator and not whole:
            text = _t(
                "no.operator",
                lang,
                item=item,
                country=country,
                operator=_operator_name(f.operator),
                advice=said or f.advice.strip(),
            ).strip()
        elif f.level == "prohibited":
            text = (
                _t("no.shipment", lang, country=country)
                if whole
                else _t(
                    "no", lang, item=item, country=country, advice=said or f.advice.strip()
                ).strip()
            )
        elif f.level == "restricted":
            text = (
                _t("only_if.shipment", lang, advice=advice)
                if whole
                else _t("only_if", lang, item=item, country=country, advice=advice)
            )
        else:
            text = (
                _t("check.shipment", lang, message=said or f.message)
                if whole
                else _t("check", lang, item=item, message=said or f.message)
            )
        lines.append((order.get(f.level, 3), text))
    if not lines:
        return [_t("yes", lang, country=country)]
    return [t for _, t in sorted(lines, key=lambda x: x[0])]
