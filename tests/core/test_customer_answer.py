"""The counter's answer on restricted goods: plain yes / no / only with conditions."""

from __future__ import annotations

from shipdesk.core.model import Declaration, Item, Party
from shipdesk.core.services import Workspace, declarations


def _decl(*descriptions: str, country: str = "US") -> Declaration:
    return Declaration(
        recipient=Party(name="R", country=country),
        items=[
            Item(description=d, quantity="1", value="20", origin_country="CN", net_weight_kg="0.3")
            for d in descriptions
        ],
    )


def _answer(ws: Workspace, decl: Declaration, lang: str = "en") -> list[str]:
    return declarations.customer_answer(decl, declarations.screen(ws, decl, lang=lang), lang)


def test_nothing_to_answer_before_items_and_a_destination(workspace: Workspace) -> None:
    assert _answer(workspace, Declaration(recipient=Party(country="US"))) == []
    assert _answer(workspace, _decl("T-shirt, cotton", country="")) == []


def test_yes_names_the_country(workspace: Workspace) -> None:
    assert _answer(workspace, _decl("T-shirt, cotton")) == [
        "Yes: everything in this parcel may be sent to United States."
    ]
    assert _answer(workspace, _decl("T-shirt, cotton"), "de") == [
        "Ja: Alles in diesem Paket darf versandt werden (Bestimmungsland: Vereinigte Staaten)."
    ]


def test_no_names_the_item_with_what_to_do_once_per_item(workspace: Workspace) -> None:
    decl = _decl("T-shirt, cotton", "Smartphone with spare lithium battery")
    lines = _answer(workspace, decl)
    assert len(lines) == 1, lines  # the worst answer for the phone only, none for the shirt
    assert lines[0].startswith(
        "No: “Smartphone with spare lithium battery” may not be sent to United"
    )
    assert "battery" in lines[0].split("United States.", 1)[1]  # the rule's advice follows


def test_an_override_reads_as_the_clerks_exception(workspace: Workspace) -> None:
    decl = _decl("Power bank 20000 mAh")
    findings = declarations.screen(workspace, decl, lang="en")
    prohibited = next(f for f in findings if f.level == "prohibited")
    declarations.record_override(decl, prohibited, "Courier as dangerous goods, DG-123")
    lines = declarations.customer_answer(decl, findings, "en")
    assert lines == [
        "“Power bank 20000 mAh” goes only under the exception the clerk noted: "
        "Courier as dangerous goods, DG-123"
    ]


def test_the_answer_uses_the_findings_sentence_for_the_customer(workspace: Workspace) -> None:
    lines = _answer(workspace, _decl("Smartphone with lithium battery"))
    assert lines == [
        "Only with conditions: “Smartphone with lithium battery” may go to United States. "
        "This device may be sent, but its battery must stay inside it, the device must be "
        "switched off, and there must be no spare battery in the parcel."
    ]
