"""Legal notes for goods the ranking read as something else: wiper blades (parts), bowed and
electric string instruments, food supplements, disposable face masks; and the glossary words
that kept foreign lines from being read as other goods."""

from __future__ import annotations

import pytest

from shipdesk.core.tariff import lookup


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("Wiper blades", "851290"),
        ("Violin", "920210"),
        ("cello 4/4 with bow", "920210"),
        ("Electric guitar", "920790"),
        ("Vitamin C tablets", "210690"),
        ("Nahrungsergänzungsmittel", "210690"),
        ("Disposable face masks", "630790"),
        ("mascarillas FFP2", "630790"),
        ("Champú para cabello graso", "330510"),
        ("Groene thee zakjes", "090210"),
        ("Filled chocolates box", "180631"),  # stated: not the "not filled" subheading
        ("Hair conditioner", "330590"),
        ("Instant coffee", "210111"),
        ("Masło orzechowe", "200811"),
        ("Sztuczna choinka 150 cm", "950510"),
    ],
)
def test_first_suggestion(query: str, code: str) -> None:
    assert lookup.suggest(query, top=3)[0].code == code


@pytest.mark.parametrize(
    ("query", "not_code"),
    [
        ("violin strings", "920210"),  # strings are accessories (9209.30)
        ("electric guitar strings", "920790"),
        ("vitamin c serum", "210690"),  # a skin-care preparation
        ("wiper motor", "851290"),
    ],
)
def test_the_rules_leave_accessories_and_other_goods_alone(query: str, not_code: str) -> None:
    assert lookup.suggest(query, top=3)[0].code != not_code


def test_the_rule_says_why() -> None:
    first = lookup.suggest("Wiper blades")[0]
    assert "8512.90" in first.reason or "85.12" in first.reason
