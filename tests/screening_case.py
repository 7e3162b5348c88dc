"""One screening evaluation case (a row of the case CSVs: text, dest, origin, channel, expect,
harmless) screened and judged the same way by every evaluation test."""

from __future__ import annotations

from shipdesk.core.screening.screen import highest_level, screen_item


def level_of(case: dict[str, str]) -> tuple[str, list[str]]:
    """The highest level the case gets ("none" when nothing is found) and the rules found."""
    findings = screen_item(
        case["text"], destination=case["dest"], origin=case["origin"], channel=case["channel"]
    )
    return highest_level(findings) or "none", [f.rule for f in findings]


def assert_case(case: dict[str, str]) -> None:
    """The case gets its expected level; a harmless item is never prohibited or restricted."""
    got, rules = level_of(case)
    if case["harmless"] == "1":
        assert got not in ("prohibited", "restricted"), rules
    assert got == case["expect"], rules
