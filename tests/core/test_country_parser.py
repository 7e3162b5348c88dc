"""One country parser: ISO codes, names in English, German, French and Spanish, and the
everyday aliases of the dated data file, read the same by the window and the imports."""

from __future__ import annotations

import tomllib

import pytest

from shipdesk.core.countries import country_choices, country_code, read_country
from shipdesk.core.paths import resource

ALIASES = [
    ("USA", "US"),
    ("U.S.A.", "US"),
    ("u.s.", "US"),
    ("United States", "US"),
    ("United States of America", "US"),
    ("Vereinigte Staaten", "US"),
    ("Etats-Unis", "US"),
    ("États-Unis", "US"),
    ("etats unis", "US"),
    ("Estados Unidos", "US"),
    ("EEUU", "US"),
    ("EE.UU.", "US"),
    ("UK", "GB"),
    ("u.k.", "GB"),
    ("Great Britain", "GB"),
    ("United Kingdom", "GB"),
    ("Vereinigtes Königreich", "GB"),
    ("Royaume-Uni", "GB"),
    ("Reino Unido", "GB"),
    ("Großbritannien", "GB"),
    ("Holland", "NL"),
    ("Niederlande", "NL"),
    ("Pays-Bas", "NL"),
    ("Paises Bajos", "NL"),
    ("Germany", "DE"),
    ("Deutschland", "DE"),
    ("deutschland", "DE"),
    ("Allemagne", "DE"),
    ("Alemania", "DE"),
    ("Schweiz", "CH"),
    ("Suisse", "CH"),
    ("Suiza", "CH"),
    ("Switzerland", "CH"),
    ("Österreich", "AT"),
    ("Osterreich", "AT"),
    ("Autriche", "AT"),
    ("Austria", "AT"),
    ("Espagne", "ES"),
    ("España", "ES"),
    ("Espana", "ES"),
    ("Spanien", "ES"),
    ("Italia", "IT"),
    ("Côte d'Ivoire", "CI"),
    ("Ivory Coast", "CI"),
    ("Russia", "RU"),
    ("Russland", "RU"),
    ("EL", "GR"),
]


@pytest.mark.parametrize(("text", "code"), ALIASES)
def test_names_and_aliases_in_four_languages(text: str, code: str | None) -> None:
    assert country_code(text) == code


def test_every_alias_of_the_data_file_is_read_as_its_country() -> None:
    data = tomllib.loads(resource("countries", "aliases.toml").read_text(encoding="utf-8"))
    assert data["version"] and data["source"]
    for table in ("aliases", "parts"):
        for name, code in data[table].items():
            assert country_code(name) == code, name
            assert country_code(name.upper()) == code, name
            assert country_code(f"  {name.lower()} ") == code, name


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("US", "US"),
        ("us", "US"),
        ("de", "DE"),
        ("DEU", "DE"),
        ("usa", "US"),
        ("che", "CH"),
        ("XK", "XK"),
        ("gb", "GB"),
    ],
)
def test_iso_codes_in_any_case(text: str, code: str) -> None:
    assert country_code(text) == code


@pytest.mark.parametrize("text", ["", "  ", "Atlantis", "QQ", "XYZ", "Ger", "Europe", "EU"])
def test_what_is_not_a_country(text: str) -> None:
    assert country_code(text) is None


def test_england_is_read_as_the_united_kingdom_with_a_note() -> None:
    r = read_country("England")
    assert r is not None and r.code == "GB" and r.part_of
    assert "England" in r.note() and "GB" in r.note()
    usa = read_country("USA")
    assert usa is not None and not usa.part_of and usa.note() == ""


def test_exact_code_is_told_apart_from_a_name() -> None:
    de = read_country("de")
    assert de is not None and de.code == "DE" and de.is_code
    name = read_country("Germany")
    assert name is not None and not name.is_code


def _codes(text: str, lang: str = "en") -> list[str]:
    return [code for code, _name in country_choices(text, lang)]


def test_completer_order_exact_code_first() -> None:
    assert _codes("US")[0] == "US"
    assert _codes("us")[0] == "US"
    assert _codes("de")[0] == "DE"
    assert _codes("UK")[0] == "GB"
    # then names starting with the text, then names containing it
    us = _codes("US")
    assert us.index("AU") > us.index("US")  # Australia starts with "Au", not "Us"
    assert "AU" in us  # it contains "us"


def test_completer_names_starting_with_the_text_come_before_those_containing_it() -> None:
    ger = _codes("ger")
    assert ger[0] == "DE"
    assert {"DZ", "NE", "NG"} <= set(ger)  # Algeria, Niger, Nigeria contain "ger"
    de = _codes("de")
    assert de[0] == "DE" and de[1] == "DK"  # Denmark: the first name starting with "De"
    assert de.index("DK") < de.index("BD")  # Bangladesh only contains "de"


def test_completer_in_the_interface_language_and_by_other_names() -> None:
    assert country_choices("deu", "de")[0] == ("DE", "Deutschland")
    assert _codes("Allemagne")[0] == "DE"
    assert _codes("holl")[0] == "NL"
    assert _codes("etats")[0] == "US"
    assert _codes("") == []
    assert _codes("zzzz") == []
