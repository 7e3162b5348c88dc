"""Text limits of the declaration's fields: checked before any work, each refusal naming the
field and the limit (docs/reliability.md, "Limits")."""

from __future__ import annotations

import tracemalloc

import pytest

from shipdesk.core.errors import InputError
from shipdesk.core.model import (
    DECLARATION_TEXT_LIMITS,
    ITEM_TEXT_LIMITS,
    PARTY_TEXT_LIMITS,
    QUERY_LIMIT,
    Declaration,
    Item,
    clipped,
    over_long_fields,
    text_limit,
)
from shipdesk.core.screening.screen import UNCHECKED_RULE, highest_level, screen_declaration
from shipdesk.core.screening.screen import screen_item as core_screen_item
from shipdesk.core.validation import validate
from tests.core.test_validation import good, item, recipient_us

MB = 1_000_000


def test_every_text_field_of_the_model_has_a_limit() -> None:
    d = Declaration()
    text_keys = {k for k, v in vars(d).items() if isinstance(v, str | list) and k != "items"}
    assert text_keys <= set(DECLARATION_TEXT_LIMITS)
    assert {k for k, v in vars(d.sender).items() if isinstance(v, str)} <= set(PARTY_TEXT_LIMITS)
    assert {k for k, v in vars(Item()).items() if isinstance(v, str)} <= set(ITEM_TEXT_LIMITS)


@pytest.mark.parametrize(
    ("path", "limit"),
    [
        ("items[3].description", ITEM_TEXT_LIMITS["description"]),
        ("recipient.street", PARTY_TEXT_LIMITS["street"]),
        ("sender.name", PARTY_TEXT_LIMITS["name"]),
        ("licence_numbers[0]", DECLARATION_TEXT_LIMITS["licence_numbers"]),
        ("comments", DECLARATION_TEXT_LIMITS["comments"]),
        ("description", QUERY_LIMIT),
    ],
)
def test_text_limit_by_path(path: str, limit: int) -> None:
    assert text_limit(path) == limit


def test_over_long_fields_are_found_by_path_and_clipped_on_a_copy() -> None:
    d = good(items=[item(description="x" * (QUERY_LIMIT + 1))], comments="c" * 5000)
    d.recipient.name = "n" * 151
    d.licence_numbers = ["L" * 61]
    d.recipient.extra["itn"] = "X" * 2000
    found = {(f.path, f.length, f.limit) for f in over_long_fields(d)}
    assert found == {
        ("items[0].description", QUERY_LIMIT + 1, QUERY_LIMIT),
        ("comments", 5000, 1000),
        ("recipient.name", 151, 150),
        ("licence_numbers[0]", 61, 60),
        ("recipient.itn", 2000, 1000),
    }
    cut = clipped(d, over_long_fields(d))
    assert over_long_fields(cut) == []
    assert cut.items[0].description == "x" * QUERY_LIMIT
    assert len(d.items[0].description) == QUERY_LIMIT + 1  # what was typed is not changed


def test_validate_reports_each_over_long_field_as_an_error_naming_the_limit() -> None:
    r = recipient_us()
    r.name = "n" * 100_000
    d = good(recipient=r, items=[item(description="cotton " * (MB // 7))])
    res = validate(d)
    long = {p.field: p for p in res.problems if p.code == "text_too_long"}
    assert set(long) == {"recipient.name", "items[0].description"}
    assert long["recipient.name"].level == "error"
    assert long["recipient.name"].message.startswith(
        "Recipient – name has 100000 characters; the limit is 150"
    )
    assert "the limit is 500" in long["items[0].description"].message
    # the field gets only that error; the rest of the declaration is still checked
    assert [p.code for p in res.problems if p.field == "items[0].description"] == ["text_too_long"]


def test_validate_is_told_in_german_and_french() -> None:
    d = good(comments="c" * 1001)
    (de,) = [p for p in validate(d, lang="de").problems if p.code == "text_too_long"]
    (fr,) = [p for p in validate(d, lang="fr").problems if p.code == "text_too_long"]
    assert de.message.startswith("Bemerkungen hat 1001 Zeichen; die Grenze ist 1000")
    assert fr.message.startswith("Observations a 1001 caractères ; la limite est de 1000")


def test_validate_does_no_work_on_the_over_long_text() -> None:
    # a 1 MB description and three 1 MB address fields: the checks only see the first
    # characters, so the heap stays far below the size of the text
    r = recipient_us()
    r.street = r.city = r.name = "Bahnhofstrasse " * (MB // 15)
    d = good(recipient=r, items=[item(description="power bank " * (MB // 11))])
    tracemalloc.start()
    try:
        validate(d)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 5 * MB, f"peak {peak / MB:.1f} MB"


def test_screening_an_over_long_description_never_says_nothing_found() -> None:
    text = "lorem ipsum " * 100_000  # 1.2 MB of harmless words
    findings = core_screen_item(text, destination="US")
    assert [f.rule for f in findings] == [UNCHECKED_RULE]
    assert highest_level(findings) == "warning"
    assert "1200000 characters" in findings[0].message
    assert "first 500" in findings[0].message
    # what the first characters name is still found
    hits = core_screen_item("power bank " + text, destination="US")
    assert {"DG-LI-LOOSE", UNCHECKED_RULE} <= {f.rule for f in hits}


def test_screening_a_declaration_flags_the_long_item_and_the_long_address() -> None:
    r = recipient_us()
    r.street = "Main Street " * 100_000
    d = good(recipient=r, items=[item(), item(description="x" * MB)])
    unchecked = [f for f in screen_declaration(d) if f.rule == UNCHECKED_RULE]
    assert [(f.item_index, f.level) for f in unchecked] == [(1, "warning"), (None, "warning")]


def test_screening_memory_stays_small_for_a_1mb_description() -> None:
    tracemalloc.start()
    try:
        core_screen_item("y" * MB, destination="US")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 5 * MB, f"peak {peak / MB:.1f} MB"


def test_the_tariff_lookup_refuses_an_over_long_query_before_loading_anything(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from shipdesk.core.tariff import lookup

    def no_engine() -> None:
        raise AssertionError("the search engine was started")

    monkeypatch.setattr(lookup, "engine", no_engine)
    with pytest.raises(InputError, match=r"1,000,000 characters; the limit is 500"):
        lookup.search("w" * MB)
