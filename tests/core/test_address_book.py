"""Remembered addresses: stored once per person, searchable, and never at a counter."""

from __future__ import annotations

from shipdesk.core.model import Party
from shipdesk.core.storage import settings
from shipdesk.core.storage.address_book import AddressBook


def test_remember_search_and_update() -> None:
    book = AddressBook()
    p = Party(name="John Miller", street="1 Main St", city="Springfield", country="US")
    assert book.remember("recipient", p)
    p2 = Party(
        name="John Miller",
        street="1 Main St",
        city="Springfield",
        country="US",
        phone="+1 555 0100",
    )
    assert book.remember("recipient", p2)  # same person: updated, not duplicated
    found = book.search("recipient", "mill")
    assert [e.label for e in found] == ["John Miller (Springfield, US)"]
    assert found[0].party.phone == "+1 555 0100"
    assert book.search("sender", "mill") == []


def test_nothing_kept_in_counter_mode() -> None:
    book = AddressBook()
    settings.put("keep_drafts_days", 0, book.conn)
    assert not book.remember("recipient", Party(name="Walk-in customer", country="FR"))
    assert book.search("recipient") == []


def test_empty_party_is_not_stored_and_forget_all() -> None:
    book = AddressBook()
    assert not book.remember("recipient", Party(country="FR"))
    book.remember("recipient", Party(name="A", country="FR"))
    assert book.forget_all() == 1
    assert book.search("recipient") == []
