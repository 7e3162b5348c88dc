"""ISO 3166-1 countries (from pycountry) for pickers and messages, and country groups.

Group membership changes over time (the United Kingdom left the EU on 31 January 2020), so the
groups are data: ``resources/thresholds.toml`` holds each list with its source and the date it
is valid from, and the functions here are the one way the code reads them.
"""

from __future__ import annotations

import gettext
import tomllib
from functools import lru_cache

from shipdesk.core.errors import DataError
from shipdesk.core.i18n import Told, lang_code, language
from shipdesk.core.paths import resource


def countries(lang: str | None = None) -> list[tuple[str, str]]:
    """(alpha-2, short name) for every country, sorted by name, in the UI language."""
    return _countries(lang or language())


@lru_cache(maxsize=8)
def _countries(lang: str) -> list[tuple[str, str]]:
    import pycountry  # lazy: its database and locale catalogues, only when a name is asked

    tr = gettext.translation(
        "iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True
    ).gettext
    out = [(c.alpha_2, tr(getattr(c, "common_name", None) or c.name)) for c in pycountry.countries]
    # Kosovo has no ISO code but is used by posts and customs as XK.
    out.append(("XK", "Kosovo"))
    return sorted(out, key=lambda t: t[1].casefold())


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
