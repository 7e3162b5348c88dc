"""Runs the real desktop app (``shipdesk.gui.app.main``) and acts as a user, for the kill -9 test.

    python typing_driver.py type "Words to type"   types the words into the recipient's name,
        20-120 ms a key and a pause longer than the autosave delay after each word; prints
        ``key <text so far>`` after every key and ``saved <text>`` whenever a draft was saved.
        It never quits: the test kills it.
    python typing_driver.py show                   prints ``name <recipient name>`` of the
        declaration the app opened at start, then quits.

Nothing in the app is patched: the driver only creates the QApplication first (``main`` then
uses it) and finds the window the app shows.
"""

from __future__ import annotations

import random
import sys

from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from shipdesk.gui import app as gui_app
from shipdesk.gui.main_window import MainWindow
from shipdesk.gui.session import SAVE_DELAY_MS

WORD_PAUSE_MS = SAVE_DELAY_MS + 400


def _window() -> MainWindow | None:
    for w in QApplication.topLevelWidgets():
        if isinstance(w, MainWindow) and w.isVisible():
            return w
    return None


def _when_shown(then) -> None:
    window = _window()
    if window is None:
        QTimer.singleShot(50, lambda: _when_shown(then))
    else:
        then(window)


def _type(window: MainWindow, text: str) -> None:
    rng = random.Random(7)
    window.go_to_step(1)
    editor = window.recipient_page.form.editors["name"]
    editor.setFocus()
    window.session.saved.connect(lambda _id: print(f"saved {editor.text()}", flush=True))
    print("ready", flush=True)
    pos = 0

    def next_key() -> None:
        nonlocal pos
        if pos >= len(text):
            return
        ch = text[pos]
        pos += 1
        QTest.keyClick(editor, ch)
        print(f"key {editor.text()}", flush=True)
        delay = WORD_PAUSE_MS if ch == " " else rng.randint(20, 120)
        QTimer.singleShot(delay, next_key)

    QTimer.singleShot(100, next_key)


def _show(window: MainWindow) -> None:
    print(f"name {window.session.decl.recipient.name}", flush=True)
    QTimer.singleShot(0, window.close)


def main(argv: list[str]) -> int:
    QApplication(["shipdesk"])
    if argv[0] == "type":
        _when_shown(lambda w: _type(w, argv[1]))
    else:
        _when_shown(_show)
    return gui_app.main([])


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
