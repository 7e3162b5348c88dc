"""The re-check and the draft save run on the thread pool, and a late result never wins."""

from __future__ import annotations

import threading

import pytest

from shipdesk.core.services import declarations
from shipdesk.gui import workers
from shipdesk.gui.session import EditSession


@pytest.fixture
def pool():
    workers.set_synchronous(False)
    yield
    workers.wait_all(5000)


def test_checks_while_typing_run_off_the_gui_thread(qtbot, workspace, pool, monkeypatch) -> None:
    session = EditSession(workspace)
    threads: list[int] = []
    validate = declarations.validate

    def recording(ws, decl, *args, **kwargs):
        threads.append(threading.get_ident())
        return validate(ws, decl, *args, **kwargs)

    monkeypatch.setattr(declarations, "validate", recording)
    session.decl.sender.name = "Anna"
    with qtbot.waitSignal(session.checked, timeout=5000):
        session.touch()  # the timer starts the check in the background
    assert threads and threads[0] != threading.get_ident()
    assert session.validation is not None


def test_a_late_background_check_never_replaces_a_newer_one(
    qtbot, workspace, pool, monkeypatch
) -> None:
    session = EditSession(workspace)
    release = threading.Event()
    validate = declarations.validate
    calls: list[str] = []

    def slow_first(ws, decl, *args, **kwargs):
        calls.append(decl.sender.name)
        if decl.sender.name == "old":
            release.wait(5)
        return validate(ws, decl, *args, **kwargs)

    monkeypatch.setattr(declarations, "validate", slow_first)
    session.decl.sender.name = "old"
    session.check_in_background()
    qtbot.waitUntil(lambda: calls == ["old"], timeout=5000)
    session.decl.sender.name = "new"
    session.check_now()  # e.g. the user opened Review
    newer = session.validation
    shown: list[object] = []
    session.checked.connect(lambda result, _f: shown.append(result))
    release.set()
    workers.wait_all(5000)
    qtbot.wait(50)  # deliver the late result, if it were to be delivered
    assert shown == [] and session.validation is newer


def test_a_late_background_save_never_overwrites_a_newer_draft(qtbot, workspace, pool) -> None:
    session = EditSession(workspace)
    release = threading.Event()
    waiting: list[str] = []
    save_copy = session._save_copy

    def late_old(draft_id, decl, seq):
        if decl.sender.name == "old":  # this save is slow to get going
            waiting.append("old")
            release.wait(5)
        return save_copy(draft_id, decl, seq)

    session._save_copy = late_old  # type: ignore[method-assign]
    session.decl.sender.name = "old"
    session.save_draft_in_background()
    qtbot.waitUntil(lambda: waiting == ["old"], timeout=5000)
    session.decl.sender.name = "new"
    session._save_timer.start()
    session.flush()  # e.g. the user went on to the next step
    release.set()
    workers.wait_all(5000)
    draft = declarations.load_draft(workspace, session.draft_id)
    assert draft is not None and draft.sender.name == "new"
    session.decl.sender.name = "newer"
    session.save_draft_in_background()  # a later background save still goes through
    workers.wait_all(5000)
    draft = declarations.load_draft(workspace, session.draft_id)
    assert draft is not None and draft.sender.name == "newer"


def test_flush_saves_the_last_edit_while_its_background_save_is_still_running(
    qtbot, workspace, pool
) -> None:
    """The last edit's save had left the timer for the pool, which was busy (an HS search, a
    check): flush() found no timer running and returned, and the History, a duplicate or a
    reprint read the draft without the last fields typed (found typing at 20-120 ms a key)."""
    session = EditSession(workspace)
    release = threading.Event()
    waiting: list[str] = []
    save_copy = session._save_copy

    def busy_pool(draft_id, decl, seq):
        if threading.current_thread() is not threading.main_thread():
            waiting.append(decl.sender.name)
            release.wait(5)
        return save_copy(draft_id, decl, seq)

    session._save_copy = busy_pool  # type: ignore[method-assign]
    session.decl.sender.name = "last edit"
    session.touch()
    qtbot.waitUntil(lambda: waiting == ["last edit"], timeout=5000)  # the timer has fired
    assert not session._save_timer.isActive()
    try:
        session.flush()
        draft = declarations.load_draft(workspace, session.draft_id)
        assert draft is not None and draft.sender.name == "last edit"
    finally:
        release.set()
    workers.wait_all(5000)
    draft = declarations.load_draft(workspace, session.draft_id)
    assert draft is not None and draft.sender.name == "last edit"


def test_a_background_check_of_an_edited_declaration_is_not_shown(
    qtbot, workspace, pool, monkeypatch
) -> None:
    """Rows typed or removed meanwhile would put the copy's marks on the wrong cells."""
    session = EditSession(workspace)
    release = threading.Event()
    validate = declarations.validate
    started: list[bool] = []

    def slow(ws, decl, *args, **kwargs):
        started.append(True)
        release.wait(5)
        return validate(ws, decl, *args, **kwargs)

    monkeypatch.setattr(declarations, "validate", slow)
    session.check_in_background()
    qtbot.waitUntil(lambda: started == [True], timeout=5000)
    session.decl.sender.name = "typed meanwhile"
    session.touch()
    session._check_timer.stop()  # keep the test on the first check alone
    shown: list[object] = []
    session.checked.connect(lambda result, _f: shown.append(result))
    release.set()
    workers.wait_all(5000)
    qtbot.wait(50)
    assert shown == []


def test_moving_to_another_step_saves_the_draft_off_the_gui_thread(
    qtbot, workspace, pool, monkeypatch
) -> None:
    """Opening a step paints it; the edit waiting for its save is written by the pool, not in
    that turn on the window's thread (it cost 1-3 ms there, up to 8 ms on a busy machine)."""
    from shipdesk.gui.main_window import MainWindow

    window = MainWindow(workspace)
    qtbot.addWidget(window)
    window.session.load(window.default_declaration())
    window.show()
    threads: list[int] = []
    save = declarations.save_draft

    def recording(ws, draft_id, decl):
        if draft_id == window.session.draft_id:  # not a save left running by another test
            threads.append(threading.get_ident())
        return save(ws, draft_id, decl)

    monkeypatch.setattr(declarations, "save_draft", recording)
    window.session.decl.sender.name = "Anna Step"
    window.session.touch()  # the save waits for its timer
    window.go_to_step(1)
    assert threads == []  # not in the turn that opens the step
    qtbot.waitUntil(lambda: bool(threads), timeout=5000)
    assert threads[0] != threading.get_ident()
    workers.wait_all(5000)
    kept = declarations.load_draft(workspace, window.session.draft_id)
    assert kept is not None and kept.sender.name == "Anna Step"
    window.session.decl.sender.name = "Anna Later"
    window.session.touch()
    window.session.flush()  # printing or quitting still writes it at once, here
    assert threads[-1] == threading.get_ident()
