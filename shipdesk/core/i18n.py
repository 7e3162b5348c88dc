"""The one message catalogue for every text a person reads: interface, validation messages,
screening notes and the words printed on the invoice.

The source is ``resources/locale/<lang>/LC_MESSAGES/shipdesk.po`` (translators edit it); the
compiled ``shipdesk.mo`` beside it is what runs, read by the standard library ``gettext``, so
plural forms follow each language's own ``Plural-Forms`` rule instead of ``n == 1``.
``tools/i18n.py`` extracts the texts, updates the .po files and compiles them with Babel.

English is the source language: an untranslated text shows in English. Two kinds of language:

* the *interface language* (``set_language`` / ``language``), used by ``_``, ``ngettext``, ...;
  it is global because the whole window shows one language;
* an *explicit language* (``translator(lang)``), for output whose language is chosen per job
  (findings asked for in French, an invoice printed in Spanish) whatever the interface shows.
"""

from __future__ import annotations

import gettext
import logging
import threading
from functools import lru_cache
from pathlib import Path

from shipdesk.core.errors import InputError
from shipdesk.core.paths import resource

log = logging.getLogger("shipdesk.i18n")

DOMAIN = "shipdesk"
SOURCE_LANGUAGE = "en"
# Catalogues that translate only the printed documents (context "invoice"), not the interface
# (none at present: English, German, French and Spanish are complete).
DOCUMENT_ONLY_LANGUAGES: frozenset[str] = frozenset()

_lock = threading.Lock()
_language = SOURCE_LANGUAGE
_current: gettext.NullTranslations = gettext.NullTranslations()


def locale_dir() -> Path:
    return resource("locale")


def lang_code(lang: str | None) -> str:
    """``de_DE`` / ``de-AT`` / ``DE`` / ``None`` -> ``de`` / ``en``: catalogues are per language,
    not per region."""
    return (lang or SOURCE_LANGUAGE).replace("-", "_").split("_")[0].split(".")[0].lower()


def catalogue_languages() -> list[str]:
    """Every language with a compiled catalogue, English (the source) first."""
    folder = locale_dir()
    found = (
        sorted(p.parent.parent.name for p in folder.glob(f"*/LC_MESSAGES/{DOMAIN}.mo"))
        if folder.is_dir()
        else []
    )
    return [SOURCE_LANGUAGE, *[lang for lang in found if lang != SOURCE_LANGUAGE]]


def available_languages() -> list[str]:
    """Languages the interface can be shown in (English first)."""
    return [lang for lang in catalogue_languages() if lang not in DOCUMENT_ONLY_LANGUAGES]


def translator(lang: str | None) -> gettext.NullTranslations:
    """The catalogue for ``lang`` (``gettext``, ``ngettext``, ``pgettext``, ``npgettext``).

    English and languages without a catalogue get a pass-through that returns the English text
    (with English plurals), so a caller never has to check first. A damaged .mo is logged and
    treated as missing: a broken translation must not stop the app.
    """
    return _translator(lang_code(lang))


# Keyed by language code, so "de_DE", "de-AT" and "de" share one catalogue; bounded because
# the code can come from input (a "lang" field of a batch line).
@lru_cache(maxsize=32)
def _translator(code: str) -> gettext.NullTranslations:
    if code == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    try:
        return gettext.translation(DOMAIN, str(locale_dir()), languages=[code], fallback=True)
    except Exception as exc:  # any unreadable file means "no translation"
        log.error("cannot read the %s catalogue: %s", code, exc)
        return gettext.NullTranslations()


def has_catalogue(lang: str | None) -> bool:
    """True for English and for languages whose catalogue could be read."""
    code = lang_code(lang)
    return code == SOURCE_LANGUAGE or isinstance(translator(code), gettext.GNUTranslations)


def set_language(lang: str | None) -> str:
    """Switch the interface language; returns the language in use ("en" when none matches)."""
    global _current, _language
    code = lang_code(lang)
    if code not in available_languages() or not has_catalogue(code):
        code = SOURCE_LANGUAGE
    with _lock:
        _current = translator(code)
        _language = code
    return code


def language() -> str:
    """The interface language."""
    return _language


def _(text: str) -> str:
    """``text`` in the interface language."""
    return _current.gettext(text)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of ``singular``/``plural`` that the interface language uses for ``n``."""
    return _current.ngettext(singular, plural, n)


def pgettext(context: str, text: str) -> str:
    """``text`` in the interface language, where the same English word needs another wording
    in ``context``."""
    return _current.pgettext(context, text)


def npgettext(context: str, singular: str, plural: str, n: int) -> str:
    return _current.npgettext(context, singular, plural, n)


def labelled(label: str, text: str) -> str:
    """``label: text`` as the language writes it (French puts a space before the colon)."""
    return _("{label}: {text}").format(label=label, text=text)


def N_(text: str) -> str:
    """Marks a text for extraction where it is defined; translate it with _() where shown."""
    return text


def NC_(context: str, text: str) -> str:
    """Like ``N_`` for a text with a context; translate it with ``pgettext(context, text)``."""
    return text


class Told(str):
    """A text that reads as its English wording (it *is* that ``str``, so English output and
    comparisons stay as they were) and can be told again in another language.

    A message keeps such values among its fields, so a result made once in English (for the
    command line and the files it writes) can be shown in the interface language later.
    """

    __slots__ = ()

    def in_language(self, lang: str | None = None) -> str:
        """The text in ``lang`` (None: the interface language)."""
        return str(self)


class Phrase(Told):
    """An English text marked for the catalogue with the values of its own ``{fields}``:
    ``Phrase(N_("{code} is not a country code"), code=cc)``.

    A field's value may itself be a ``Told`` (a nested phrase, a country name): it is told in
    the same language. A text the catalogue does not know stays in English.
    """

    template: str
    params: tuple[tuple[str, object], ...]
    context: str | None = None

    def __new__(cls, template: str, /, **params: object) -> Phrase:
        obj = super().__new__(cls, _fill(template, params))
        obj.template = template
        obj.params = tuple(params.items())
        return obj

    @classmethod
    def in_context(cls, context: str, template: str, /, **params: object) -> Phrase:
        """A phrase whose English needs another wording in ``context`` (marked with ``NC_``)."""
        obj = cls(template, **params)
        obj.context = context
        return obj

    def __reduce__(self) -> tuple[object, ...]:  # pickled (and copied) as template and values
        return (_phrase, (self.template, self.params, self.context))

    def in_language(self, lang: str | None = None) -> str:
        code = lang_code(lang) if lang is not None else _language
        tr = translator(code)
        values = {k: v.in_language(code) if isinstance(v, Told) else v for k, v in self.params}
        if not self.template:
            return _fill("", values)
        if self.context is not None:
            return _fill(tr.pgettext(self.context, self.template), values)
        return _fill(tr.gettext(self.template), values)


def _phrase(template: str, params: tuple[tuple[str, object], ...], context: str | None) -> Phrase:
    if context is not None:
        return Phrase.in_context(context, template, **dict(params))
    return Phrase(template, **dict(params))


def tell(text: str, lang: str | None = None) -> str:
    """``text`` told in ``lang`` (None: the interface language) when it is a ``Told`` text (a
    message kept for telling later), else ``text`` as it is."""
    return text.in_language(lang) if isinstance(text, Told) else text


def joined(texts: list[str], sep: str = ", ") -> Phrase:
    """``texts`` joined by ``sep``; the ``Told`` ones (field labels as phrases) are told in the
    language the whole is told in, the others (column headers from a file) stay as they are."""
    fields = {f"t{i}": t for i, t in enumerate(texts)}
    return Phrase(sep.join("{" + k + "}" for k in fields), **fields)


def _fill(template: str, values: dict[str, object]) -> str:
    try:
        try:
            return template.format(**values)
        except (KeyError, IndexError):
            return template.format_map(_KeepMissing(values))
    except (ValueError, IndexError):  # a stray brace, a positional field: show the text as is
        return template


class _KeepMissing(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


class ErrorText(Told):
    """An expected error's one line kept inside another text: ``str(exc)`` as it stands, told
    with ``error_text`` in another language."""

    error: BaseException

    def __new__(cls, exc: BaseException) -> ErrorText:
        obj = super().__new__(cls, str(exc))
        obj.error = exc
        return obj

    def __reduce__(self) -> tuple[object, ...]:  # an error may not pickle: keep its text
        return (str, (str(self),))

    def in_language(self, lang: str | None = None) -> str:
        return error_text(self.error, lang)


def error_text(exc: BaseException, lang: str | None = None) -> str:
    """The one-line message of an expected error, told in ``lang`` (None: the interface
    language) where it carries ``Told`` texts (an ``InputError``'s message, source or location);
    ``str(exc)``, what the command line prints, stays English."""
    if not isinstance(exc, InputError):
        return str(exc)
    return InputError.compose(
        tell(exc.detail, lang),
        tell(exc.source, lang) if exc.source else exc.source,
        tell(exc.location, lang) if exc.location else exc.location,
    )
