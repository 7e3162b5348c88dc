"""The screening message catalogue (English, French, German) for texts the engine adds itself.

Rule-specific messages and advice live in the rule files; these are the notes the engine appends
(assumed voltage, unknown value, level words) and the words the CLI and widgets show.
"""

from __future__ import annotations

LANGS = ("en", "fr", "de")

CATALOGUE: dict[str, dict[str, str]] = {
    "level.prohibited": {"en": "Prohibited", "fr": "Interdit", "de": "Verboten"},
    "level.restricted": {"en": "Restricted", "fr": "Soumis à conditions", "de": "Eingeschränkt"},
    "level.warning": {"en": "Warning", "fr": "Avertissement", "de": "Hinweis"},
    "note.assumed_voltage": {
        "en": "Capacity given in mAh only: {volts} V assumed (about {wh} Wh).",
        "fr": "Capacité donnée en mAh seulement : {volts} V supposés (environ {wh} Wh).",
        "de": "Kapazität nur in mAh angegeben: {volts} V angenommen (etwa {wh} Wh).",
    },
    "note.value_unknown": {
        "en": "The value could not be compared with the limit of {amount} {currency}; "
        "check it before sending.",
        "fr": "La valeur n'a pas pu être comparée au seuil de {amount} {currency} ; "
        "vérifiez-la avant l'envoi.",
        "de": "Der Wert konnte nicht mit der Grenze von {amount} {currency} verglichen werden; "
        "bitte vor dem Versand prüfen.",
    },
    "note.value_over": {
        "en": "Declared value {value} {currency} is above the limit of {amount} {limit_currency}.",
        "fr": "La valeur déclarée {value} {currency} dépasse le seuil de {amount} "
        "{limit_currency}.",
        "de": "Der angegebene Wert {value} {currency} liegt über der Grenze von {amount} "
        "{limit_currency}.",
    },
    "note.address": {
        "en": "The recipient address names {place}.",
        "fr": "L'adresse du destinataire mentionne {place}.",
        "de": "Die Empfängeranschrift nennt {place}.",
    },
    "none": {
        "en": "Nothing restricted found for this destination.",
        "fr": "Rien de restreint trouvé pour cette destination.",
        "de": "Für dieses Ziel wurde nichts Eingeschränktes gefunden.",
    },
    "advice": {"en": "What to do", "fr": "Que faire", "de": "Was tun"},
}


def text(key: str, lang: str = "en", **values: object) -> str:
    """The catalogue text for ``key`` in ``lang`` (English when the language is missing)."""
    entry = CATALOGUE[key]
    template = entry.get(lang) or entry["en"]
    return template.format(**values) if values else template


def level_word(level: str, lang: str = "en") -> str:
    return text(f"level.{level}", lang)


def pick(table: dict[str, str], lang: str) -> str:
    """A rule text in ``lang``; English when that language is missing."""
    return table.get(lang) or table.get(lang.split("-")[0].split("_")[0]) or table.get("en", "")
