"""The turn of the event loop that opens a step, and the one that takes a key in an address
field, do only what shows: the rest waits for the next turn or for a pause in the typing
(docs/benchmarks.md, "Typing latency")."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from shipdesk.core.services import declarations
from shipdesk.gui.widgets import party_form


def test_moving_on_marks_the_steps_passed_in_the_next_turn(qtbot, window) -> None:
    shown: list[object] = []
    window.session.checked.connect(lambda *args: shown.append(args))
    window.go_to_step(1)
    # Counted as revealed at once (what the step list and Next ask) ...
    assert window.session.is_shown("sender.name")
    # ... but the pages mark them in the turn after the one that shows the recipient step.
    assert shown == []
    qtbot.waitUntil(lambda: len(shown) == 1)
    assert not window.session.reveal_pending()


def test_the_draft_save_is_not_in_the_turn_that_opens_a_step(qtbot, window, monkeypatch) -> None:
    saves: list[str] = []
    save = declarations.save_draft
    monkeypatch.setattr(
        declarations, "save_draft", lambda ws, draft_id, decl: saves.append(draft_id)
    )
    window.go_to_step(0)
    qtbot.keyClicks(window.sender_page.form.editors["name"], "Mary")
    window.go_to_step(1)
    assert saves == []  # the pool gets it once the step is painted
    qtbot.waitUntil(lambda: len(saves) == 1)
    monkeypatch.setattr(declarations, "save_draft", save)


def test_the_items_step_paints_its_table_first(qtbot, window) -> None:
    window.resize(1280, 720)
    page = window.items_page
    later = page.paint_later()
    assert page.shipment_scroll in later and page.assist_scroll in later
    window.go_to_step(2)
    # The turn that opens the step paints the table; the search, the flags and the shipment
    # fields come in the next one.
    assert all(not part.updatesEnabled() for part in later)
    qtbot.waitUntil(lambda: all(part.updatesEnabled() for part in later))
    # Leaving at once (before the next turn) leaves nothing unpainted.
    window.go_to_step(1)
    window.go_to_step(2)
    window.go_to_step(0)
    assert all(part.updatesEnabled() for part in later)


def test_a_key_in_an_address_field_does_not_lay_the_address_out(qtbot, window, monkeypatch) -> None:
    calls: list[str] = []
    lines = party_form.address_lines

    def counted(party, **kw):
        calls.append(party.name)
        return lines(party, **kw)

    monkeypatch.setattr(party_form, "address_lines", counted)
    window.go_to_step(1)
    form = window.recipient_page.form
    name = form.editors["name"]
    name.setFocus()
    qtbot.keyClicks(name, "Claire Dubois")
    assert window.session.decl.recipient.name == "Claire Dubois"  # stored key by key
    assert calls == []  # the preview waits for the typing to pause ...
    qtbot.waitUntil(lambda: not form.preview_pending())
    assert calls == ["Claire Dubois"]  # ... and is laid out once
    assert form.preview.text().splitlines()[0] == "Claire Dubois"
    QApplication.processEvents()


def test_the_recipient_step_paints_its_first_fields_first(qtbot, window) -> None:
    window.resize(1280, 720)
    page = window.recipient_page
    later = page.paint_later()
    form = page.form
    assert form.labels["city"] in later and form.labels["tax_id"] in later
    assert form.labels["name"] not in later and form.editors["name"] not in later
    window.go_to_step(1)
    assert all(not part.updatesEnabled() for part in later)
    assert form.editors["name"].updatesEnabled()
    qtbot.waitUntil(lambda: all(part.updatesEnabled() for part in later))
