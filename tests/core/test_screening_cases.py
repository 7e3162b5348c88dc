"""The screening case list (tests/data/screening_cases.csv) against the shipped rules.

Each case states the highest level expected for an item and a rule that must fire. Cases marked
harmless are ordinary goods whose names contain a trigger word or whose HS chapter they share
with a restricted good: they must never get a prohibited or restricted finding.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest

from shipdesk.core.screening.screen import highest_level, screen_item

CASES_FILE = Path(__file__).resolve().parent.parent / "data" / "screening_cases.csv"


def _cases() -> list[dict[str, str]]:
    with CASES_FILE.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(line for line in fh if not line.startswith("#")))
    return rows


CASES = _cases()


def test_case_list_is_large_and_half_harmless() -> None:
    assert len(CASES) >= 200
    harmless = [c for c in CASES if c["harmless"] == "1"]
    assert len(harmless) * 2 >= len(CASES)
    assert {c["dest"] for c in CASES} >= {
        "US", "CA", "GB", "DE", "FR", "AU", "NZ", "JP", "CN", "BR", "IN", "RU", "SA", "AE",
    }  # fmt: skip
    assert {c["channel"] for c in CASES} == {"post", "courier"}


@pytest.mark.parametrize(
    "case",
    CASES,
    ids=[f"{i}-{c['dest']}-{c['text'][:30]}" for i, c in enumerate(CASES)],
)
def test_case(case: dict[str, str]) -> None:
    value = case.get("value") or ""
    findings = screen_item(
        case["text"],
        destination=case["dest"],
        hs_code=case["hs"],
        origin=case["origin"],
        channel=case["channel"],
        value=Decimal(value) if value else None,
        currency=case.get("currency") or "",
    )
    got = highest_level(findings) or "none"
    rules = [f.rule for f in findings]
    if case["harmless"] == "1":
        assert got not in ("prohibited", "restricted"), rules
    assert got == case["expect"], rules
    if case["rule"]:
        assert case["rule"] in rules
