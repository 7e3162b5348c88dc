"""The history of past declarations and the address-book manager (services and storage)."""

from __future__ import annotations

from pathlib import Path

import pytest

from shipdesk.core.errors import InputError
from shipdesk.core.model import Declaration, Item, Party
from shipdesk.core.services import Workspace, declarations, records


def _decl(name: str, country: str, item: str, item_id: str = "") -> Declaration:
    return Declaration(
        sender=Party(name="Sam Sender", street="Hauptstr. 1", city="Berlin", country="DE"),
        recipient=Party(name=name, street="1 Main St", city="Town", country=country),
        items=[Item(description=item, quantity="1", value="20", net_weight_kg="0.2")],
        item_id=item_id,
    )


@pytest.fixture
def kept(workspace: Workspace) -> dict[str, str]:
    ids = {}
    for name, country, item in (
        ("Zoë Müller", "US", "Wool scarf"),
        ("John Smith", "GB", "Smartphone"),
        ("Ana García", "US", "Book"),
    ):
        i = declarations.new_draft_id(workspace)
        declarations.save_draft(workspace, i, _decl(name, country, item))
        ids[name] = i
    declarations.log_event(workspace, ids["John Smith"], "rendered", "cn23")
    return ids


def test_lists_every_kept_declaration_with_its_columns(workspace, kept):
    entries = {e.draft_id: e for e in declarations.past_declarations(workspace)}
    assert set(entries) == set(kept.values())
    john = entries[kept["John Smith"]]
    assert (john.recipient, john.country, john.first_item, john.status) == (
        "John Smith",
        "GB",
        "Smartphone",
        "printed",
    )
    assert john.printed_at and john.date
    assert entries[kept["Ana García"]].status == "draft"


def test_search_folds_accents_and_case_and_needs_every_word(workspace, kept):
    found = declarations.past_declarations(workspace, "zoe SCARF")
    assert [e.recipient for e in found] == ["Zoë Müller"]
    assert declarations.past_declarations(workspace, "smartphone ana") == []
    assert {e.recipient for e in declarations.past_declarations(workspace, "us")} >= {
        "Zoë Müller",
        "Ana García",
    }


def test_filters_by_status_and_country(workspace, kept):
    printed = declarations.past_declarations(workspace, status="printed")
    assert [e.recipient for e in printed] == ["John Smith"]
    drafts = declarations.past_declarations(workspace, status="draft")
    assert {e.recipient for e in drafts} == {"Zoë Müller", "Ana García"}
    to_us = declarations.past_declarations(workspace, country="us")
    assert {e.recipient for e in to_us} == {"Zoë Müller", "Ana García"}
    with pytest.raises(ValueError):
        declarations.past_declarations(workspace, status="sent")


def test_duplicate_makes_a_new_draft_without_the_parcel_number(workspace):
    old = declarations.new_draft_id(workspace)
    declarations.save_draft(workspace, old, _decl("Ana García", "US", "Book", "RR123456785DE"))
    new = declarations.duplicate_draft(workspace, old)
    assert new != old
    copy = declarations.load_draft(workspace, new)
    assert copy is not None
    assert copy.recipient.name == "Ana García" and copy.items[0].description == "Book"
    assert copy.item_id == ""
    original = declarations.load_draft(workspace, old)
    assert original is not None and original.item_id == "RR123456785DE"
    assert len(declarations.past_declarations(workspace)) == 2


def test_delete_removes_the_declaration_and_its_events(workspace, kept):
    gone = kept["John Smith"]
    assert records.delete_declaration(workspace, gone)
    assert declarations.load_draft(workspace, gone) is None
    assert declarations.history(workspace, gone) == []
    assert gone not in {e.draft_id for e in declarations.past_declarations(workspace)}
    assert not records.delete_declaration(workspace, gone)
    with pytest.raises(InputError):
        declarations.duplicate_draft(workspace, gone)


def test_export_writes_a_declaration_file_that_reads_back(workspace, kept, tmp_path: Path):
    path = declarations.export_draft(workspace, kept["Ana García"], tmp_path / "a.shipdesk.json")
    assert declarations.load(path).recipient.name == "Ana García"


def test_reprint_renders_again_and_logs_it(workspace, kept, tmp_path: Path):
    i = kept["Ana García"]
    path = declarations.reprint_draft(workspace, i, tmp_path / "again.pdf")
    assert path.read_bytes().startswith(b"%PDF")
    assert [e.status for e in declarations.past_declarations(workspace, "ana")] == ["printed"]


def test_reprint_obeys_keep_drafts_until_printed(workspace, kept, tmp_path: Path):
    records.update_settings(workspace, keep_drafts="printed")
    i = kept["Ana García"]
    declarations.reprint_draft(workspace, i, tmp_path / "again.pdf")
    assert declarations.load_draft(workspace, i) is None


def test_history_shows_only_what_next_customer_left(workspace, kept):
    records.next_customer(workspace, kept["Zoë Müller"])
    names = {e.recipient for e in declarations.past_declarations(workspace)}
    assert names == {"John Smith", "Ana García"}


# -- address book -------------------------------------------------------------------------------
def test_address_book_edit_and_delete_persist(workspace):
    records.save_address(workspace, "sender", Party(name="Sam Sender", city="Berlin"))
    records.remember_address(workspace, "recipient", Party(name="Ana García", city="Lima"))
    records.update_settings(workspace, keep_drafts="days")
    records.remember_address(workspace, "recipient", Party(name="Ana García", city="Lima"))
    entries = records.address_entries(workspace)
    assert {(e.role, e.party.name, e.saved) for e in entries} == {
        ("sender", "Sam Sender", True),
        ("recipient", "Ana García", False),
    }
    ana = next(e for e in entries if e.party.name == "Ana García")
    assert records.update_address(workspace, ana.id, Party(name="Ana García", city="Cusco"))
    [edited] = records.address_entries(workspace, "cusco")
    assert edited.party.city == "Cusco" and edited.saved  # an edit is a save on purpose
    records.next_customer(workspace, "none")
    assert len(records.address_entries(workspace)) == 2
    assert not records.update_address(workspace, ana.id, Party())  # nothing to keep
    sam = next(e for e in records.address_entries(workspace) if e.role == "sender")
    assert records.delete_address(workspace, sam.id)
    assert [e.party.name for e in records.address_entries(workspace)] == ["Ana García"]
    assert not records.delete_address(workspace, sam.id)


def test_address_search_reaches_every_field(workspace):
    records.save_address(
        workspace, "recipient", Party(name="Bo Li", street="Elm Road 9", email="bo@x.org")
    )
    assert [e.party.name for e in records.address_entries(workspace, "elm road")] == ["Bo Li"]
    assert records.address_entries(workspace, "nobody-here") == []
