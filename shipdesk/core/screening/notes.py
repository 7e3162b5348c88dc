"""Texts the screening engine adds itself: notes appended to a rule's message (assumed voltage,
unknown value), the level words and the words the CLI and widgets show around findings.

They come from the one message catalogue (``core.i18n``) in the language asked for, which is
the language of the findings, not necessarily the interface's. Their context ``screening`` keeps
them apart from interface texts with the same English words ("Warning" is a level here).

Rule-specific messages and advice are data: they live, dated and versioned, in the rule files
with their own translations, and ``pick`` chooses among them.
"""

from __future__ import annotations

from shipdesk.core.i18n import NC_, lang_code, translator

CONTEXT = "screening"

CATALOGUE: dict[str, str] = {
    "level.prohibited": NC_("screening", "Prohibited"),
    "level.restricted": NC_("screening", "Restricted"),
    "level.warning": NC_("screening", "Warning"),
    "note.assumed_voltage": NC_(
        "screening", "Capacity given in mAh only: {volts} V assumed (about {wh} Wh)."
    ),
    "note.capacity": NC_("screening", "Battery capacity stated: {wh} Wh."),
    "note.value_unknown": NC_(
        "screening",
        "The value could not be compared with the limit of {amount} {currency}; "
        "check it before sending.",
    ),
    "note.value_over": NC_(
        "screening",
        "Declared value {value} {currency} is above the limit of {amount} {limit_currency}.",
    ),
    "note.address": NC_("screening", "The recipient address names {place}."),
    "note.local": NC_(
        "screening", "Local rule: added in this installation, not one of the ShipDesk rules."
    ),
    "none": NC_("screening", "Nothing restricted found for this destination."),
    "unchecked.message": NC_(
        "screening",
        "The {what} has {length} characters: only the first {limit} were checked for "
        "restricted goods, the rest was not.",
    ),
    "unchecked.advice": NC_(
        "screening", "Shorten it to at most {limit} characters and check again."
    ),
    "unchecked.description": NC_("screening", "description"),
    "unchecked.limit": NC_("screening", "{limit} characters"),
    "unchecked.address": NC_("screening", "recipient address"),
    "unchecked.customer": NC_(
        "screening",
        "The description is too long to be checked in full: please shorten it so it can be "
        "checked.",
    ),
    "advice": NC_("screening", "What to do"),
    # a label and its text ("What to do: ..."); French puts a space before the colon
    "labelled": NC_("screening", "{label}: {text}"),
    # the rules' categories (ruleset.CATEGORIES), as a person reads them
    "category.dangerous_goods": NC_("screening", "dangerous goods"),
    "category.import_ban": NC_("screening", "import ban"),
    "category.biosecurity": NC_("screening", "biosecurity"),
    "category.cites": NC_("screening", "protected species (CITES)"),
    "category.weapons": NC_("screening", "weapons"),
    "category.drugs_medicines": NC_("screening", "drugs and medicines"),
    "category.tobacco_alcohol": NC_("screening", "tobacco and alcohol"),
    "category.counterfeit": NC_("screening", "counterfeit goods"),
    "category.sanctions": NC_("screening", "sanctions"),
    "category.valuables": NC_("screening", "valuables"),
    "category.postal_rules": NC_("screening", "postal rules"),
    "category.other": NC_("screening", "other"),
    "customer": NC_("screening", "For the customer"),
    "detail": NC_("screening", "For the clerk"),
    # the clerk's detail of a finding: rule, source, limit, date, confidence
    "detail.rule": NC_("screening", "Rule {rule}"),
    "detail.source": NC_("screening", "Source: {source}"),
    "detail.limit": NC_("screening", "Limit: {limit}"),
    "detail.checked": NC_("screening", "source checked {date}"),
    "confidence.confirmed": NC_("screening", "confirmed"),
    "confidence.knowledge": NC_("screening", "well established, not re-checked"),
    "confidence.unconfirmed": NC_("screening", "unconfirmed"),
    "limit.value_item": NC_("screening", "value above {amount} {currency} per item"),
    "limit.value_parcel": NC_("screening", "value above {amount} {currency} per parcel"),
    "limit.wh_gt": NC_("screening", "above {value} Wh"),
    "limit.wh_le": NC_("screening", "{value} Wh or less"),
    "limit.abv_gt": NC_("screening", "above {value} % alcohol"),
    "limit.abv_le": NC_("screening", "{value} % alcohol or less"),
    "limit.li_grams_gt": NC_("screening", "above {value} g lithium"),
    "limit.ml_gt": NC_("screening", "above {value} ml"),
    "limit.nicotine_mg_ml_gt": NC_("screening", "above {value} mg/ml nicotine"),
    # lithium batteries per parcel against the postal operator's limits
    "parcel.upu_limits": NC_(
        "screening", "{operator} (UPU limits: the operator's own are not on file)"
    ),
    "parcel.message": NC_(
        "screening",
        "This parcel holds {batteries} lithium batteries and {cells} lithium cells; {operator} "
        "accepts at most {max_batteries} batteries or {max_cells} cells per parcel, installed "
        "in equipment.",
    ),
    "parcel.items": NC_("screening", "Counted in items {items}."),
    "parcel.advice": NC_(
        "screening",
        "Split the goods over several parcels, each within the limit. A battery of a single "
        "cell (most phones) counts as a cell: check the batteries if the count is close.",
    ),
    "parcel.customer": NC_(
        "screening",
        "There are too many lithium batteries for one parcel (at most {max_batteries} "
        "batteries or {max_cells} cells): please split the goods into several parcels.",
    ),
    "parcel.limit": NC_("screening", "{max_batteries} batteries or {max_cells} cells per parcel"),
    "parcel.counted": NC_("screening", "counted: {batteries} batteries, {cells} cells"),
    # a postal operator's own refusal of devices with lithium batteries to a destination
    "refused.message": NC_(
        "screening",
        "{operator} does not accept devices with lithium batteries for this destination "
        "({country}), whatever the service. This is the operator's own rule, not the "
        "destination's law.",
    ),
    "refused.message_services": NC_(
        "screening",
        "{operator} does not accept devices with lithium batteries for this destination "
        "({country}) by {services}. This is the operator's own rule, not the destination's law.",
    ),
    "refused.unconfirmed": NC_(
        "screening",
        "This refusal was not read on the operator's own current page: confirm it with "
        "{operator} before sending.",
    ),
    "refused.advice": NC_(
        "screening",
        "Send it with another carrier or a courier that takes lithium batteries installed in "
        "equipment to this destination, or send the device without its battery where it can be "
        "removed.",
    ),
    "refused.advice_services": NC_(
        "screening",
        "Choose another {operator} service than {services}, or another carrier or a courier "
        "that takes lithium batteries installed in equipment to this destination.",
    ),
    "refused.customer": NC_(
        "screening",
        "This device cannot go with {operator} to this destination because of its battery: it "
        "can go with another carrier or a courier.",
    ),
    "refused.customer_services": NC_(
        "screening",
        "This device cannot go with {operator} ({services}) to this destination because of its "
        "battery: another service or a courier can take it.",
    ),
    "refused.customer_check": NC_(
        "screening",
        "We need to check with {operator} whether it takes this device with its battery to this "
        "destination.",
    ),
}


def text(key: str, lang: str = "en", **values: object) -> str:
    """The catalogue text for ``key`` in ``lang`` (English when the language is missing)."""
    template = translator(lang).pgettext(CONTEXT, CATALOGUE[key])
    return template.format(**values) if values else template


def level_word(level: str, lang: str = "en") -> str:
    return text(f"level.{level}", lang)


def category_word(category: str, lang: str = "en") -> str:
    """A rule category (``dangerous_goods``...) in words of ``lang``; the key itself when the
    category is not one of ruleset.CATEGORIES."""
    key = f"category.{category}"
    return text(key, lang) if key in CATALOGUE else category


def detail_text(
    lang: str,
    *,
    rule: str,
    source: str = "",
    limit: str = "",
    checked: str = "",
    confidence: str = "",
) -> str:
    """The clerk's detail of a finding in ``lang``: rule id, source, limit, the date the source
    was checked and how sure the rule is, joined by " · "."""
    parts = [text("detail.rule", lang, rule=rule)]
    if source:
        parts.append(text("detail.source", lang, source=source))
    if limit:
        parts.append(text("detail.limit", lang, limit=limit))
    if checked:
        parts.append(text("detail.checked", lang, date=checked))
    if f"confidence.{confidence}" in CATALOGUE:
        parts.append(text(f"confidence.{confidence}", lang))
    return " · ".join(parts)


def pick(table: dict[str, str], lang: str) -> str:
    """A rule text (data from a rule file) in ``lang``; English when that language is missing."""
    return table.get(lang) or table.get(lang_code(lang)) or table.get("en", "")
