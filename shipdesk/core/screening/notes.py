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
    "unchecked.address": NC_("screening", "recipient address"),
    "advice": NC_("screening", "What to do"),
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


def pick(table: dict[str, str], lang: str) -> str:
    """A rule text (data from a rule file) in ``lang``; English when that language is missing."""
    return table.get(lang) or table.get(lang_code(lang)) or table.get("en", "")
