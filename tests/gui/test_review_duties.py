"""The review step lists what the destination will charge: each line with its reason and its
source, what is asked at the door, and what could not be estimated."""

from __future__ import annotations

from tests.gui.test_flow import _fill


def _texts(lst) -> list[str]:
    return [lst.item(i).text() for i in range(lst.count())]


def test_review_lists_the_duty_lines_with_reason_and_source(qtbot, window) -> None:
    w = window
    _fill(qtbot, w)  # Germany to the United States, two items
    w.session.decl.date = "2026-03-10"  # the section 122 postal duty was in force
    w.session.touch()
    w.session.check_now()
    w.go_to_step(3)
    texts = _texts(w.review_page.duties)
    assert texts[0].startswith("Total ") and "asked at the door" in texts[0]
    duty = [t for t in texts if "US-POSTAL-S122" in t]
    assert len(duty) == 2  # one line per item
    assert "10 %" in duty[0] and "Proclamation" in duty[0]  # reason and source
    item = w.review_page.duties.item(texts.index(duty[0]))
    assert item.toolTip().startswith("http")


def test_review_says_what_is_not_estimated(qtbot, window) -> None:
    w = window
    _fill(qtbot, w)
    w.session.decl.date = "2025-10-01"  # the IEEPA postal duty: rates by origin not in the data
    w.session.touch()
    w.session.check_now()
    w.go_to_step(3)
    texts = _texts(w.review_page.duties)
    # the sums are only what is known: said as a lower bound, never as "0.00 to pay"
    assert texts[0].startswith("Total at least ") and "at the door: at least " in texts[0]
    assert any(
        t.startswith("Not estimated: Postal duty under executive order 14324") for t in texts
    )
