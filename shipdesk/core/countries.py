"""ISO 3166-1 countries (from pycountry) for pickers and messages, the one country parser,
and country groups.

:func:`read_country` is the only place that turns what a person typed or a shop export wrote
into an ISO 3166-1 alpha-2 code: the window's country boxes, the spreadsheet imports and
validation's suggestions all ask it. It accepts alpha-2 and alpha-3 codes, the English names of
ISO 3166 (pycountry), the names in English, German, French and Spanish of CLDR (babel), and the
everyday names of the dated file ``resources/countries/aliases.toml`` ("USA", "UK", "Holland",
"EEUU"; "England" is read as GB with a note), ignoring case, accents and punctuation.
:func:`country_choices` orders the countries a typed text may mean for a completer.

Group membership changes over time (the United Kingdom left the EU on 31 January 2020), so the
groups are data: ``resources/thresholds.toml`` holds each list with its source and the date it
is valid from, and the functions here are the one way the code reads them.
"""

from __future__ import annotations

import gettext
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache

from shipdesk.core.errors import DataError
from shipdesk.core.i18n import N_, Phrase, Told, lang_code, language
from shipdesk.core.paths import resource
from shipdesk.core.text import fold

# The languages whose country names are accepted whatever the interface language is.
NAME_LANGUAGES = ("en", "de", "fr", "es")


def countries(lang: str | None = None) -> list[tuple[str, str]]:
    """(alpha-2, short name) for every country, sorted by name, in the UI language."""
    return _countries(lang or language())


@lru_cache(maxsize=8)
def _countries(lang: str) -> list[tuple[str, str]]:
    import pycountry  # lazy: its database and locale catalogues, only when a name is asked

    tr = gettext.translation(
        "iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True
    ).gettext
    cldr = _cldr_names(lang)
    out = []
    for c in pycountry.countries:
        english = getattr(c, "common_name", None) or c.name
        name = tr(english)
        # iso-codes left a few names in English ("Algeria" in Spanish, the US Minor Outlying
        # Islands in German): CLDR's name then, unless it is a long official form ("RAE de
        # Hong Kong (China)") where the short English one reads better
        other = cldr.get(c.alpha_2, "")
        if name == english and other and len(other) <= 2 * len(english):
            name = other
        out.append((c.alpha_2, name))
    # Kosovo has no ISO code but is used by posts and customs as XK.
    out.append(("XK", "Kosovo"))
    return sorted(out, key=lambda t: t[1].casefold())


def _cldr_names(lang: str) -> dict[str, str]:
    from babel import Locale, UnknownLocaleError  # lazy: CLDR's names, only when one is asked

    if lang == "en":
        return {}
    try:
        return dict(Locale.parse(lang).territories)
    except (UnknownLocaleError, ValueError):  # a language CLDR does not know: iso-codes' only
        return {}


def country_name(code: str, lang: str | None = None) -> str | None:
    return _by_code(lang or language()).get((code or "").strip().upper())


@lru_cache(maxsize=8)
def _by_code(lang: str) -> dict[str, str]:
    return dict(_countries(lang))


class CountryName(Told):
    """A country's name inside a message: its English name as text (the code itself when it is
    not a country), told in the language the message is told in."""

    code: str

    def __new__(cls, code: str) -> CountryName:
        obj = super().__new__(cls, country_name(code, "en") or code)
        obj.code = code
        return obj

    def __reduce__(self) -> tuple[object, ...]:
        return (CountryName, (self.code,))

    def in_language(self, lang: str | None = None) -> str:
        return country_name(self.code, lang_code(lang) if lang else language()) or self.code


def is_country(code: str) -> bool:
    return country_name(code) is not None


def eu_members() -> frozenset[str]:
    """The EU member states (alpha-2): the customs union and the VAT area of the IOSS scheme.

    Read from the dated ``[eu_members]`` table of ``resources/thresholds.toml``. Special fiscal
    territories (Canary Islands, French overseas departments ...) share a member's code, so
    a caller that needs them must look beyond the country.
    """
    return _group("eu_members")


@lru_cache(maxsize=8)
def _group(key: str) -> frozenset[str]:
    p = resource("thresholds.toml")
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise DataError(f"{p}: cannot read the country groups ({exc})") from None
    t = data.get(key)
    if not isinstance(t, dict) or not isinstance(t.get("countries"), list):
        raise DataError(f"{p} [{key}]: expected a list of countries")
    return frozenset(str(c).strip().upper() for c in t["countries"])


# -- the one country parser -----------------------------------------------------------------------
_DOTS = re.compile(r"[.\u2024]")
_NOT_WORD = re.compile(r"[^\w]+|_")


def country_key(text: str) -> str:
    """What two country names are compared by: folded (case, accents), dots dropped ("U.S.A."
    is "usa"), other punctuation read as a space ("Etats-Unis" is "etats unis")."""
    t = _DOTS.sub("", fold(text or ""))
    return " ".join(_NOT_WORD.sub(" ", t).split())


@dataclass(frozen=True)
class CountryReading:
    """What a typed country means: ``code`` (ISO alpha-2); ``is_code`` when the text was the
    alpha-2 code itself (in any case); ``part_of`` when it names a part of the country
    ("England" -> GB)."""

    code: str
    text: str
    is_code: bool = False
    part_of: bool = False

    def note(self) -> Phrase | str:
        """What to tell the person about the reading (empty when there is nothing to tell)."""
        if not self.part_of:
            return ""
        return Phrase(
            N_("{value} is part of {name}: the country is {code}."),
            value=self.text,
            name=CountryName(self.code),
            code=self.code,
        )


def read_country(text: str) -> CountryReading | None:
    """The country ``text`` names, or None when it names none (see the module docstring)."""
    t = " ".join((text or "").split())
    if not t:
        return None
    return _read(t)


def country_code(text: str) -> str | None:
    """The ISO alpha-2 code of the country ``text`` names, or None."""
    r = read_country(text)
    return r.code if r is not None else None


@lru_cache(maxsize=4096)
def _read(t: str) -> CountryReading | None:
    codes = _codes()
    up = t.upper()
    if len(t) == 2 and up in codes:
        return CountryReading(up, t, is_code=True)
    key = country_key(t)
    table = _names()
    if key in table:
        code, part = table[key]
        return CountryReading(code, t, part_of=part)
    if len(t) == 3 and up in _alpha3():
        return CountryReading(_alpha3()[up], t)
    return None


def warm_up(lang: str | None = None) -> None:
    """Build the name, alias and key tables now (about 0.3 s, from a background thread at
    start), so the first key typed in a country box is answered without that wait."""
    country_choices("a", lang)
    read_country("a")


def country_choices(
    text: str, lang: str | None = None, limit: int | None = None
) -> list[tuple[str, str]]:
    """(alpha-2, name in ``lang``) of the countries ``text`` may mean, best first: the country
    the text names exactly (its code, a name or an alias), then those whose name in ``lang``
    starts with the text, then those whose other names start with it, then names containing
    it; alphabetical within each group. Empty for an empty text."""
    key = country_key(text)
    if not key:
        return []
    lang = lang or language()
    shown = _countries(lang)
    exact = read_country(text)
    others = _other_keys()
    ranked: list[tuple[int, str, str, str]] = []
    for code, name in shown:
        own = country_key(name)
        rest = others.get(code, ())
        if exact is not None and code == exact.code:
            rank = 0
        elif own.startswith(key):
            rank = 1
        elif any(k.startswith(key) for k in rest):
            rank = 2
        elif key in own:
            rank = 3
        elif len(key) > 2 and any(key in k for k in rest):
            rank = 4
        else:
            continue
        ranked.append((rank, name.casefold(), code, name))
    ranked.sort()
    out = [(code, name) for _rank, _fold, code, name in ranked]
    return out[:limit] if limit is not None else out


@lru_cache(maxsize=1)
def _codes() -> frozenset[str]:
    return frozenset(code for code, _name in _countries("en"))


@lru_cache(maxsize=1)
def _alpha3() -> dict[str, str]:
    import pycountry  # lazy: its database, only when a country is read

    return {c.alpha_3: c.alpha_2 for c in pycountry.countries}


@lru_cache(maxsize=1)
def _aliases() -> tuple[dict[str, str], dict[str, str]]:
    """(everyday names, names of a part of a country) of the data file, by key."""
    p = resource("countries", "aliases.toml")
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise DataError(f"{p}: cannot read the country names ({exc})") from None
    codes = _codes()
    tables: list[dict[str, str]] = []
    for table in ("aliases", "parts"):
        out: dict[str, str] = {}
        for name, code in data.get(table, {}).items():
            c = str(code).strip().upper()
            if c not in codes:
                raise DataError(f"{p} [{table}] {name!r}: {c!r} is not an ISO 3166-1 code")
            out[country_key(name)] = c
        tables.append(out)
    return tables[0], tables[1]


@lru_cache(maxsize=1)
def _names() -> dict[str, tuple[str, bool]]:
    """Every accepted name by key: (code, names a part of the country). The data file wins,
    then ISO 3166's English names, then CLDR's names in the four languages."""
    import pycountry  # lazy: its database, only when a country is read
    from babel import Locale  # lazy: CLDR's territory names, only when a country is read

    aliases, parts = _aliases()
    table: dict[str, tuple[str, bool]] = {k: (c, False) for k, c in aliases.items()}
    for k, code in parts.items():
        table.setdefault(k, (code, True))
    codes = _codes()
    for country in pycountry.countries:
        for attr in ("common_name", "name", "official_name"):
            name = getattr(country, attr, None)
            if name:
                table.setdefault(country_key(name), (country.alpha_2, False))
    for lang in NAME_LANGUAGES:
        for code, name in Locale(lang).territories.items():
            if code in codes:
                table.setdefault(country_key(name), (code, False))
    for lang in NAME_LANGUAGES:
        for code, name in _countries(lang):
            table.setdefault(country_key(name), (code, False))
    return table


@lru_cache(maxsize=1)
def _other_keys() -> dict[str, tuple[str, ...]]:
    """Per code, the keys of all its accepted names (for the completer)."""
    out: dict[str, list[str]] = {}
    for key, (code, _part) in _names().items():
        out.setdefault(code, []).append(key)
    return {code: tuple(keys) for code, keys in out.items()}
