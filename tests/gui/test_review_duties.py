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
    qtbot.waitUntil(lambda: not w.review_page.rebuild_pending())  # a turn after
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
    qtbot.waitUntil(lambda: not w.review_page.rebuild_pending())  # a turn after
    texts = _texts(w.review_page.duties)
    # the sums are only what is known: said as a lower bound, never as "0.00 to pay"
    assert texts[0].startswith("Total at least ") and "at the door: at least " in texts[0]
    assert any(
        t.startswith("Not estimated: Postal duty under executive order 14324") for t in texts
    )


def test_review_names_a_finding_as_the_findings_list_does_with_the_languages_colon(
    qtbot, window
) -> None:
    from shipdesk.core import i18n

    w = window
    _fill(qtbot, w)
    model = w.items_page.model
    for col, value in enumerate(("Power bank 20000 mAh", "1", "0.400", "20.00", "850760", "CN")):
        model.setData(model.index(2, col), value)
    try:
        i18n.set_language("fr")
        w.session.touch()
        w.session.check_now()
        w.go_to_step(3)
        qtbot.waitUntil(lambda: not w.review_page.rebuild_pending())  # a turn after
        rows = [t for t in _texts(w.review_page.findings) if "article 3" in t]
        # "Interdit", the findings list's word; "article 3 : ", a space before the colon
        assert rows and rows[0].startswith("Interdit · article 3 : "), rows
    finally:
        i18n.set_language("en")
