"""ISO 3166-1 countries (from pycountry) for pickers and messages."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def countries() -> list[tuple[str, str]]:
    """(alpha-2, English short name) for every country, sorted by name."""
    import pycountry

    out = [(c.alpha_2, getattr(c, "common_name", None) or c.name) for c in pycountry.countries]
    # Kosovo has no ISO code but is used by posts and customs as XK.
    out.append(("XK", "Kosovo"))
    return sorted(out, key=lambda t: t[1])


@lru_cache(maxsize=512)
def country_name(code: str) -> str | None:
    code = (code or "").strip().upper()
    for alpha2, name in countries():
        if alpha2 == code:
            return name
    return None


def is_country(code: str) -> bool:
    return country_name(code) is not None
