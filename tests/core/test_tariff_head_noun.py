"""A description names its article first; what follows "with", "mit", "avec" is a part."""

from __future__ import annotations

import pytest

from shipdesk.core.tariff import lookup
from shipdesk.core.tariff.ranking import head_end


def test_head_end() -> None:
    assert head_end(["smartphone", "with", "battery"]) == 1
    assert head_end(["with", "love", "mug"]) == 3  # a leading connector is not a split
    assert head_end(["cotton", "t", "shirt"]) == 3


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("Smartphone with lithium-ion battery installed, 15 Wh", "851713"),
        ("Laptop with charger", "847130"),
        ("T-shirt with print, cotton", "610910"),
    ],
)
def test_article_before_connector_leads(query: str, code: str) -> None:
    assert lookup.suggest(query, top=3)[0].code == code


def test_accessory_alone_still_found() -> None:
    assert "850760" in [s.code for s in lookup.suggest("lithium-ion battery", top=2)]
