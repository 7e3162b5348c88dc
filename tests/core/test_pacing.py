"""Work on other threads steps aside while the foreground thread is busy (core/pacing.py).

The waits are told apart by order (what has finished when), never by how long they took: a
thread that steps aside is seen still waiting while the foreground is busy and done once it
is idle."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

import pytest

from shipdesk.core import pacing

LONG = 30.0  # a wait that would fail the test by its timeout, not by a clock


@pytest.fixture(autouse=True)
def paced_here(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """This thread is the foreground; waits last ``LONG`` unless told otherwise."""
    monkeypatch.setattr(pacing, "MAX_STEP_ASIDE_S", LONG)
    pacing.set_foreground(threading.get_ident())
    yield
    pacing.foreground_idle()
    pacing.set_foreground(None)


def _start(
    work: Callable[[], object], paced: bool = True
) -> tuple[threading.Thread, threading.Event]:
    """Run ``work`` on a new thread, as paced work (as the GUI's pool runs its tasks) or not."""
    done = threading.Event()

    def run() -> None:
        if paced:
            with pacing.paced_work():
                work()
        else:
            work()
        done.set()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, done


def test_work_waits_while_the_foreground_is_busy_and_goes_on_once_idle() -> None:
    pacing.foreground_busy()
    thread, done = _start(pacing.step_aside)
    assert not done.wait(0.2)  # still stepping aside
    pacing.foreground_idle()
    assert done.wait(LONG)
    thread.join(LONG)
    assert pacing.waited()[0] >= 1


def test_the_foreground_thread_itself_never_waits() -> None:
    pacing.foreground_busy()
    _thread, done = _start(lambda: None)  # a thread that does not step aside: the control
    assert done.wait(LONG)
    with pacing.paced_work():
        pacing.step_aside()  # on this (the foreground) thread: at once, or the test hangs


def test_work_not_run_as_paced_work_never_waits() -> None:
    """The start-up warm-up is not paced: the window may be waiting for what it loads."""
    pacing.foreground_busy()
    _thread, done = _start(pacing.step_aside, paced=False)
    assert done.wait(LONG)


def test_nothing_waits_when_no_foreground_is_named() -> None:
    pacing.set_foreground(None)
    pacing.foreground_busy()  # ignored: nothing is paced
    _thread, done = _start(pacing.step_aside)
    assert done.wait(LONG)


def test_after_a_wait_as_long_as_the_limit_the_work_goes_on_unpaced(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A foreground that never goes idle (it waits for this very work) does not stop it:
    after a whole ``MAX_STEP_ASIDE_S`` the work runs unpaced for as long again."""
    monkeypatch.setattr(pacing, "MAX_STEP_ASIDE_S", 0.5)
    pacing.foreground_busy()
    before = pacing.waited()[0]
    steps: list[int] = []

    def work() -> None:
        pacing.step_aside()  # waits the whole limit: the foreground stays busy
        steps.append(pacing.waited()[0])
        monkeypatch.setattr(pacing, "MAX_STEP_ASIDE_S", LONG)
        pacing.step_aside()  # unpaced for a while now: no second wait
        steps.append(pacing.waited()[0])

    thread, done = _start(work)
    assert done.wait(LONG)
    thread.join(LONG)
    assert steps == [before + 1, before + 1]


def test_an_hs_search_steps_aside_while_the_window_is_busy_and_its_result_is_the_same(
    workspace,
) -> None:
    """Before, a search on the pool ran on whatever the window's thread did: every time the
    window came back from Qt into Python it could wait for the search to give up the lock."""
    from shipdesk.core.services import classification

    text = "knitted cotton T-shirt for women"
    pacing.set_foreground(None)
    alone = classification.search(workspace, text, 8)
    classification.search(workspace, "wooden pencils", 8)  # another text: nothing cached
    pacing.set_foreground(threading.get_ident())
    pacing.foreground_busy()
    before = pacing.waited()[0]
    found: list[object] = []
    thread, done = _start(lambda: found.append(classification.search(workspace, text, 8)))
    assert not done.wait(0.3)  # stepped aside, not finished
    assert pacing.waited()[0] == before  # the wait is counted when it ends
    pacing.foreground_idle()
    assert done.wait(LONG)
    thread.join(LONG)
    assert pacing.waited()[0] > before
    assert found == [alone]
