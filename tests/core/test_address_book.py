"""Remembered addresses: stored once per person, searchable, and never at a counter."""

from __future__ import annotations

from shipdesk.core.model import Party
from shipdesk.core.services import Workspace, records


def test_remember_search_and_update(workspace: Workspace) -> None:
    p = Party(name="John Miller", street="1 Main St", city="Springfield", country="US")
    assert records.remember_address(workspace, "recipient", p)
    p2 = Party(
        name="John Miller",
        street="1 Main St",
        city="Springfield",
        country="US",
        phone="+1 555 0100",
    )
    # same person: updated, not duplicated
    assert records.remember_address(workspace, "recipient", p2)
    found = records.find_addresses(workspace, "recipient", "mill")
    assert [e.label for e in found] == ["John Miller (Springfield, US)"]
    assert found[0].party.phone == "+1 555 0100"
    assert records.find_addresses(workspace, "sender", "mill") == []


def test_nothing_kept_in_counter_mode(workspace: Workspace) -> None:
    records.update_settings(workspace, keep_drafts_days=0)
    party = Party(name="Walk-in customer", country="FR")
    assert not records.remember_address(workspace, "recipient", party)
    assert records.find_addresses(workspace, "recipient") == []


def test_empty_party_is_not_stored_and_forget_all(workspace: Workspace) -> None:
    assert not records.remember_address(workspace, "recipient", Party(country="FR"))
    records.remember_address(workspace, "recipient", Party(name="A", country="FR"))
    assert records.forget_addresses(workspace) == 1
    assert records.find_addresses(workspace, "recipient") == []
