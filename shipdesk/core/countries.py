"""ISO 3166-1 countries (from pycountry) for pickers and messages."""

from __future__ import annotations

from functools import lru_cache


def countries(lang: str | None = None) -> list[tuple[str, str]]:
    """(alpha-2, short name) for every country, sorted by name, in the UI language."""
    from shipdesk.core.i18n import language

    return _countries(lang or language())


@lru_cache(maxsize=8)
def _countries(lang: str) -> list[tuple[str, str]]:
    import gettext

    import pycountry

    tr = gettext.translation(
        "iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True
    ).gettext
    out = [(c.alpha_2, tr(getattr(c, "common_name", None) or c.name)) for c in pycountry.countries]
    # Kosovo has no ISO code but is used by posts and customs as XK.
    out.append(("XK", "Kosovo"))
    return sorted(out, key=lambda t: t[1].casefold())


def country_name(code: str, lang: str | None = None) -> str | None:
    from shipdesk.core.i18n import language

    return _by_code(lang or language()).get((code or "").strip().upper())


@lru_cache(maxsize=8)
def _by_code(lang: str) -> dict[str, str]:
    return dict(_countries(lang))


def is_country(code: str) -> bool:
    return country_name(code) is not None
