"""Moving to the review does not work the checks out on the window's thread: results that are
current are shown as they are, newer edits are checked on the pool and the review says so
until they come (docs/benchmarks.md, "Typing latency")."""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from shipdesk.core.services import declarations
from shipdesk.gui import workers


class _Deferred:
    """Holds the pool's tasks until ``run`` (the pool busy, as it may be)."""

    def __init__(self) -> None:
        self.tasks: list[tuple[Callable[[], object], Callable[[object], None] | None]] = []

    def __call__(self, fn, on_done=None, on_error=None) -> None:
        self.tasks.append((fn, on_done))

    def run(self) -> None:
        tasks, self.tasks = self.tasks, []
        for fn, on_done in tasks:
            result = fn()
            if on_done is not None:
                on_done(result)


def _count_validations(monkeypatch) -> list[int]:
    threads: list[int] = []
    validate = declarations.validate

    def counted(ws, decl, **kw):
        threads.append(threading.get_ident())
        return validate(ws, decl, **kw)

    monkeypatch.setattr(declarations, "validate", counted)
    return threads


def test_an_edit_newer_than_the_checks_is_checked_on_the_pool(qtbot, window, monkeypatch) -> None:
    window.go_to_step(1)
    name = window.recipient_page.form.editors["name"]
    name.setFocus()
    qtbot.keyClicks(name, "Claire Dubois")
    deferred = _Deferred()
    monkeypatch.setattr(workers, "run_async", deferred)
    threads = _count_validations(monkeypatch)
    window.go_to_step(3)
    assert threads == []  # nothing checked in the turn that opens the step
    review = window.review_page
    assert window.session.check_pending()
    assert "Checking the declaration" in review.summary.text()
    assert "Claire Dubois" not in review.summary.text()
    deferred.run()  # the pool's check (and the draft save) arrive
    assert len(threads) == 1
    assert window.session.checks_current() and not window.session.check_pending()
    assert "Claire Dubois" in review.summary.text()
    assert "Checking the declaration" not in review.summary.text()


def test_current_checks_are_not_worked_out_again(qtbot, window, monkeypatch) -> None:
    window.session.check_now()
    assert window.session.checks_current()
    threads = _count_validations(monkeypatch)
    window.go_to_step(3)
    assert threads == []
    assert not window.session.check_pending()
    assert "Checking the declaration" not in window.review_page.summary.text()
    # An edit on the review's step (an override, a new declaration) is checked again.
    window.session.decl.recipient.city = "Paris"
    window.session.touch()
    assert not window.session.checks_current()
    window.go_to_step(2)
    window.go_to_step(3)
    assert len(threads) == 1 and threads[0] == threading.get_ident()  # synchronous pool
    assert window.session.checks_current()


def test_a_check_still_running_for_the_last_edit_is_not_started_twice(
    qtbot, window, monkeypatch
) -> None:
    window.session.decl.recipient.city = "Paris"
    window.session.touch()
    deferred = _Deferred()
    monkeypatch.setattr(workers, "run_async", deferred)
    window.session.check_in_background()  # the 250 ms timer fired: the check runs
    assert window.session.check_pending()
    window.go_to_step(3)
    assert len(deferred.tasks) == 1
    deferred.run()
    assert window.session.checks_current()
    assert "Checking the declaration" not in window.review_page.summary.text()


def test_the_hidden_review_is_rebuilt_in_idle_turns_with_the_new_data(qtbot, window) -> None:
    window.go_to_step(2)
    review = window.review_page
    qtbot.waitUntil(lambda: not review.rebuild_pending())
    window.session.decl.recipient.name = "Claire Dubois"
    window.session.touch()
    window.session.check_now()  # the checks come while the review is hidden
    assert review.rebuild_pending()
    assert "Claire Dubois" not in review.summary.text()  # not in the turn the checks came in
    qtbot.waitUntil(lambda: not review.rebuild_pending())
    assert "Claire Dubois" in review.summary.text()
    texts = [review.findings.item(i).text() for i in range(review.findings.count())]
    window.go_to_step(3)  # prepared: opening it rebuilds nothing
    assert not review.rebuild_pending()
    assert [review.findings.item(i).text() for i in range(review.findings.count())] == texts


def test_a_review_shown_stale_rebuilds_what_the_focus_lands_on_first(qtbot, window) -> None:
    window.go_to_step(2)
    review = window.review_page
    window.session.decl.recipient.name = "Claire Dubois"
    window.session.touch()
    window.session.check_now()
    window.go_to_step(3)  # before the idle rebuild: the summary and the problems at once
    assert "Claire Dubois" in review.summary.text()
    assert review.rebuild_pending()  # the restricted goods and the duties in the next turns
    qtbot.waitUntil(lambda: not review.rebuild_pending())
    assert review.duties.count() > 0 and review.findings.count() > 0


def test_the_focus_goes_to_the_first_error_once_the_checks_come(
    qtbot, window, monkeypatch, sample_path
) -> None:
    """Opened while its checks were still to come, the review puts the focus on the first
    error when they come, as it does when it opens with its checks current; not when the user
    has moved into the page meanwhile."""
    window.session.load(declarations.load(sample_path))
    window.show()
    qtbot.waitExposed(window)
    window.session.check_now()
    assert not window.session.validation.errors
    for moved_in in (False, True):
        window.go_to_step(1)
        city = window.recipient_page.form.editors["city"]
        city.setFocus()
        city.selectAll()
        qtbot.keyClick(city, Qt.Key.Key_Backspace)  # the city emptied: an error
        deferred = _Deferred()
        monkeypatch.setattr(workers, "run_async", deferred)
        window.go_to_step(3)
        review = window.review_page
        assert "Checking the declaration" in review.summary.text()
        assert not review.isAncestorOf(QApplication.focusWidget())  # Next: nothing known yet
        if moved_in:
            review.findings.setFocus()
        deferred.run()
        assert window.session.validation.errors
        if moved_in:
            assert QApplication.focusWidget() is review.findings
        else:
            assert QApplication.focusWidget() is review.problems
            assert review.problems.currentRow() == 0
        monkeypatch.undo()
        window.go_to_step(1)
        qtbot.keyClicks(city, "Paris")  # the error mended for the next round
        window.session.check_now()
        assert not window.session.validation.errors
