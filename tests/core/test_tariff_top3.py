"""When the first suggestion is uncertain, the first three are not all one heading: the best
candidate of another heading is offered third (lookup.other_heading_third)."""

from __future__ import annotations

from shipdesk.core.tariff import lookup
from shipdesk.core.tariff.lookup import other_heading_third
from shipdesk.core.tariff.ranking import Candidate


def _cands(*codes: str) -> list[Candidate]:
    return [Candidate(c, 1.0 - i / 10, "hs2022", {}) for i, c in enumerate(codes)]


def test_one_heading_in_the_first_three_gives_way_third() -> None:
    out = other_heading_third(_cands("851539", "851531", "851580", "851590", "831110", "950699"))
    assert [c.code for c in out] == ["851539", "851531", "831110", "851580", "851590", "950699"]


def test_two_headings_in_the_first_three_stay() -> None:
    codes = ["190531", "950510", "190532", "190590"]
    assert [c.code for c in other_heading_third(_cands(*codes))] == codes
    codes = ["621420", "621410", "611710", "621430"]
    assert [c.code for c in other_heading_third(_cands(*codes))] == codes


def test_no_other_heading_leaves_the_list() -> None:
    codes = ["731815", "731816", "731814", "731829"]
    assert [c.code for c in other_heading_third(_cands(*codes))] == codes


def test_electrodes_are_offered_beside_the_welding_machines() -> None:
    # the lists read "welding" and put kinds of welding machine first; the electrodes of 83.11
    # are the other reading of the line (since the eighth vocabulary round names welding
    # electrodes, they come first and a welding machine is the other reading)
    codes = [s.code for s in lookup.suggest("tig welding electrodes", top=3)]
    assert any(c[:4] == "8515" for c in codes)
    assert "831110" in codes


def _scored(*pairs: tuple[str, float]) -> list[Candidate]:
    return [Candidate(c, s, "hs2022", {}) for c, s in pairs]


def test_a_sure_first_suggestion_keeps_the_order() -> None:
    # the first leads by far ("high", the line names one shop term): the next places stay with
    # its heading's siblings
    cands = _scored(("731816", 0.9), ("731815", 0.3), ("731814", 0.28), ("392690", 0.2))
    out = lookup._ranked(cands, [], 3, None, 3, firsts=1)
    assert out[0].confidence == "high"
    assert [s.code for s in out] == ["731816", "731815", "731814"]


def test_an_uncertain_first_suggestion_offers_another_heading() -> None:
    cands = _scored(("731816", 0.6), ("731815", 0.55), ("731814", 0.5), ("392690", 0.45))
    out = lookup._ranked(cands, [], 3, None, 3)
    assert out[0].confidence == "medium"
    assert [s.code for s in out] == ["731816", "731815", "392690"]
