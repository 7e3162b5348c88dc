"""Messages for people: plain field labels, no problem before a field is touched or Next is
pressed, nothing said about restricted goods before there is an item, marks on the step list."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget

from shipdesk.core.model import Declaration, Item, Party

RAW_PATH = re.compile(r"\b(items\[\d+\]|sender\.|recipient\.)|\w+_\w+")


def _shown_messages(w) -> list[str]:
    return [
        lbl.text()
        for lbl in w.findChildren(QLabel)
        if lbl.objectName().endswith(".message") and lbl.isVisibleTo(w) and lbl.text()
    ]


def _step_texts(w) -> list[tuple[str, str]]:
    out = []
    for i in range(w.steps.count()):
        it = w.steps.item(i)
        out.append((it.text(), it.data(Qt.ItemDataRole.AccessibleTextRole) or ""))
    return out


def test_a_blank_form_shows_no_problems(window) -> None:
    w = window
    w.session.load(Declaration())
    w.session.check_now()
    assert w.session.validation is not None and w.session.validation.errors  # there are some
    for step in (0, 1):
        w.stack.setCurrentIndex(step)  # looked at, not left with Next
        assert _shown_messages(w) == []
    assert "error" not in w.windowTitle()
    assert all(not t.startswith(("✔", "⚠")) for t, _a in _step_texts(w))


def test_a_touched_field_shows_its_problem_the_others_wait_for_next(qtbot, window) -> None:
    w = window
    w.session.load(Declaration())
    form = w.sender_page.form
    qtbot.keyClicks(form.editors["email"], "not-an-address")
    w.session.check_now()
    shown = _shown_messages(w)
    assert not form.messages["email"].isHidden()
    assert form.messages["name"].isHidden()  # required, but not touched yet
    assert len(shown) == 1
    w.next_btn.click()  # Next: the sender's problems are all shown now
    w.session.check_now()
    assert not form.messages["name"].isHidden()
    assert w.recipient_page.form.messages["name"].isHidden()  # the step not left yet


def test_the_step_list_marks_done_and_needs_attention_in_words_too(qtbot, window) -> None:
    w = window
    sender = Party(
        name="Anna Schmidt",
        street="Hauptstraße 12",
        postcode="10115",
        city="Berlin",
        country="DE",
        phone="+49 30 1234567",
    )
    w.session.load(Declaration(sender=sender))
    w.go_to_step(1)
    w.go_to_step(2)  # the recipient left empty with Next
    w.session.check_now()
    steps = _step_texts(w)
    assert steps[0][0].startswith("✔") and "done" in steps[0][1].lower()
    assert steps[1][0].startswith("⚠") and "needs attention" in steps[1][1].lower()
    assert not steps[2][0].startswith(("✔", "⚠"))  # not left yet
    assert w.steps.item(1).toolTip()


def test_field_labels_not_paths_in_every_list_and_message(qtbot, window) -> None:
    w = window
    d = Declaration(items=[Item(description="T-shirt", quantity="1"), Item(description="Mug")])
    w.session.load(d)
    w.go_to_step(3)  # review: everything is shown
    w.session.check_now()
    texts = [w.review_page.problems.item(i).text() for i in range(w.review_page.problems.count())]
    assert any("Item 2 – HS code" in t for t in texts), texts
    for t in texts:
        assert not re.search(r"items\[\d+\]|\bhs_code\b|sender\.|recipient\.", t), t
    w.go_to_step(2)
    w.items_page.table.setCurrentIndex(w.items_page.model.index(1, 0))
    w.items_page._show_row_message()
    row_text = w.items_page.row_message.text()
    assert "Item 2 – " in row_text and "items[" not in row_text and "hs_code" not in row_text


def test_nothing_restricted_is_not_claimed_without_items(qtbot, window) -> None:
    w = window
    w.session.load(Declaration())
    w.go_to_step(3)
    w.session.check_now()
    said = [lst.item(i).text() for lst in w.findChildren(QListWidget) for i in range(lst.count())]
    summaries = [lbl.text() for lbl in w.findChildren(QLabel)]
    everything = " ".join(said + summaries).lower()
    assert "nothing restricted" not in everything
    assert "no restricted" not in everything
    assert "no items" in everything
