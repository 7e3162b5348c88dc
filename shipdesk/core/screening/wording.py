"""A fired rule as the finding the user reads: the message with its notes, the customer's
sentence and the clerk's detail (rule, source, limit, date checked) in the user's language.

The rules that fire are worked out in :mod:`shipdesk.core.screening.matching`; this module only
words them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from shipdesk.core.screening.matching import Finding, Hit
from shipdesk.core.screening.notes import detail_text, pick
from shipdesk.core.screening.notes import text as note_text

if TYPE_CHECKING:
    from shipdesk.core.screening.ruleset import Rule, RuleSet


def limit_text(rule: Rule, lang: str) -> str:
    """The rule's limits in words (value trigger, quantity conditions), for the clerk."""
    parts: list[str] = []
    if rule.value_gt is not None:
        key = "limit.value_parcel" if rule.value_gt.per == "parcel" else "limit.value_item"
        parts.append(
            note_text(
                key, lang, amount=f"{rule.value_gt.amount:f}", currency=rule.value_gt.currency
            )
        )
    for m in rule.matchers:
        for name, value in m.conditions.items():
            if name.endswith("_gt") and value == 0:
                continue  # "above 0" only asks that the quantity be stated: no limit
            text = note_text(f"limit.{name}", lang, value=f"{value:g}")
            if text not in parts:
                parts.append(text)
    return "; ".join(parts)


def _checked(rule: Rule) -> str:
    dates = sorted({s.get("accessed", "") for s in rule.sources} - {""})
    return dates[-1] if dates else ""


def to_finding(
    hit: Hit, lang: str, item_index: int | None, ruleset: RuleSet | None = None
) -> Finding:
    """The finding of a fired rule in ``lang``; ``ruleset`` gives the customer sentences of
    the rule's category and level (groups.toml) for a rule without its own."""
    r = hit.rule
    message = pick(r.message, lang)
    notes = hit.notes
    if r.local:
        notes = (*notes, note_text("note.local", lang))
    if notes:
        message = " ".join([message, *notes])
    source = r.legal_basis
    if not source and r.sources:
        source = r.sources[0].get("title", "")
    table = ruleset.customer_table(r, hit.level) if ruleset is not None else {}
    if not table and r.level == hit.level:
        table = r.customer
    return Finding(
        rule=r.id,
        level=hit.level,
        category=r.category,
        message=message,
        advice=pick(r.advice, lang),
        item_index=item_index,
        source=source,
        confidence=r.confidence,
        title=r.title,
        notes=notes,
        local=r.local,
        customer_text=pick(table, lang) if table else "",
        detail=_detail(r, source, lang),
    )


def _detail(rule: Rule, source: str, lang: str) -> str:
    """The clerk's detail of ``rule`` in ``lang``, kept on the rule once built."""
    text = rule.details.get(lang)
    if text is None:
        text = detail_text(
            lang,
            rule=rule.id,
            source=source,
            limit=limit_text(rule, lang),
            checked=_checked(rule),
            confidence=rule.confidence,
        )
        rule.details[lang] = text
    return text
