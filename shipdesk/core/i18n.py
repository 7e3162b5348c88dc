"""One message catalogue for core and GUI texts: gettext .po files read with Babel.

``set_language("de")`` picks ``resources/locale/de.po``; ``_("text")`` translates (English is
the source language, so an untranslated text shows in English). The .po files are read
directly (no compile step), so a translator edits one file and sees the result.
"""

from __future__ import annotations

import logging
import threading

from shipdesk.core.paths import resource

log = logging.getLogger("shipdesk.i18n")
_lock = threading.Lock()
_catalogue: dict[str, str] = {}
_language = "en"


def available_languages() -> list[str]:
    folder = resource("locale")
    langs = sorted(p.stem for p in folder.glob("*.po")) if folder.is_dir() else []
    return ["en", *[lang for lang in langs if lang != "en"]]


def _load(lang: str) -> dict[str, str]:
    path = resource("locale", f"{lang}.po")
    if not path.is_file():
        return {}
    from babel.messages.pofile import read_po

    try:
        with path.open("rb") as fh:
            cat = read_po(fh, locale=lang)
    except Exception as exc:  # a broken translation must not stop the app
        log.error("cannot read %s: %s", path, exc)
        return {}
    out: dict[str, str] = {}
    for msg in cat:
        if msg.id and isinstance(msg.id, str) and msg.string and not msg.fuzzy:
            out[msg.id] = msg.string
    return out


def set_language(lang: str | None) -> str:
    """Switch the catalogue; returns the language in use ("en" when none matches)."""
    global _catalogue, _language
    code = (lang or "en").replace("-", "_").split("_")[0].lower()
    with _lock:
        _catalogue = {} if code == "en" else _load(code)
        _language = code if (code == "en" or _catalogue) else "en"
    return _language


def language() -> str:
    return _language


def _(text: str) -> str:
    return _catalogue.get(text, text)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _(singular) if n == 1 else _(plural)


def N_(text: str) -> str:
    """Marks a text for extraction where it is defined; translate it with _() where shown."""
    return text
