"""What start-up loads for good is out of the garbage collector's reach.

A full collection walks every tracked object and holds the interpreter lock while it does, on
whatever thread allocated: over the window, the tariff index, the vocabulary and the rules that
took 33-40 ms, during which the window answered no key (docs/benchmarks.md, "Typing
latency"). Counted here in objects, not timed: what a full collection has to walk after
start-up and after typing into a grown declaration.
"""

from __future__ import annotations

import contextlib
import copy
import gc
import sys
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt

from shipdesk.core.services import declarations
from shipdesk.gui import app as gui_app
from tests.gui.test_typing import type_text


@pytest.fixture
def fresh_heap() -> Iterator[None]:
    """No object frozen before the test, none left frozen after it; the switch interval and
    the collector as they were."""
    gc.unfreeze()
    interval = sys.getswitchinterval()
    yield
    gc.unfreeze()
    gc.enable()
    sys.setswitchinterval(interval)


def _warm_up() -> None:
    """Start-up's warm-up of the lookup, waited for."""
    gui_app.warm_up_lookup()
    for thread in threading.enumerate():
        if thread.name == "tariff-warm-up":
            thread.join(120)


def _tracked() -> set[int]:
    return {id(o) for o in gc.get_objects()}


def test_the_lookup_warm_up_leaves_its_tables_frozen_and_the_collector_on(fresh_heap) -> None:
    from shipdesk.core.tariff.lookup import engine

    _warm_up()
    assert gc.isenabled()
    loaded = engine()
    tracked = _tracked()
    assert id(loaded) not in tracked
    assert id(vars(loaded)) not in tracked
    assert gc.get_freeze_count() > len(tracked)


@contextlib.contextmanager
def _launched(qtbot: Any) -> Iterator[Any]:
    """The main window as ``launch()`` leaves it (without the background warm-up)."""
    started = gui_app.launch([], warm_up=False)
    assert started is not None
    _app, ws, window = started
    qtbot.addWidget(window)
    try:
        yield window
    finally:
        window.close()
        ws.close()


def test_launch_freezes_the_window_and_its_draft(
    fresh_heap, qtbot: Any, shipdesk_home: Any
) -> None:
    with _launched(qtbot) as window:
        tracked = _tracked()
        assert id(window.session) not in tracked
        assert id(window.session.decl) not in tracked
        assert sys.getswitchinterval() <= 0.0001


def test_a_full_collection_after_typing_into_a_grown_declaration_walks_little(
    fresh_heap, qtbot: Any, shipdesk_home: Any, sample_path: Any
) -> None:
    with _launched(qtbot) as window:
        decl = declarations.load(sample_path)
        decl.items = [copy.deepcopy(decl.items[n % len(decl.items)]) for n in range(40)]
        window.session.load(decl)
        _warm_up()
        window.go_to_step(1)
        box = window.recipient_page.form.editors["street"]
        box.setFocus(Qt.FocusReason.TabFocusReason)
        type_text(" 12b")
        window.go_to_step(2)
        table = window.items_page.table
        table.setCurrentIndex(table.model().index(40, 0))
        table.setFocus(Qt.FocusReason.TabFocusReason)
        type_text("Wooden pencils")
        qtbot.wait(600)  # the re-check and the draft save
        walked = len(gc.get_objects())
        gc.collect()
        # Everything start-up made is frozen; what typing made is a small part of it.
        assert walked * 10 < gc.get_freeze_count(), (walked, gc.get_freeze_count())
