"""One Alt+letter per control in a window, in every language.

Texts carry their Alt+letter ("&Delete", "S&how"), and a translation picks its own; two
controls of one window, or two items of one menu, can then end up with the same letter
("&Duplizieren" and "Erneut &drucken…"), and Alt+D reaches only one of them.
``settle_alt_letters`` keeps the letter of the first control holding it (buttons first, then
tabs, group boxes and labels, in the order they were made) and moves a later one to a free
letter of its own text, a word's first letter if one is free; a control left without a free
letter has none. ``settle_menu_letters`` does the same for the items of a menu.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable

from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QGroupBox,
    QLabel,
    QMenu,
    QTabBar,
    QToolButton,
    QWidget,
)


def _parse(text: str) -> tuple[str, int]:
    """The text as shown (``&&`` read as ``&``) and the index of its Alt letter (-1: none)."""
    shown: list[str] = []
    at = -1
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "&" and i + 1 < len(text):
            if text[i + 1] == "&":
                shown.append("&")
                i += 2
                continue
            if at < 0:
                at = len(shown)
            i += 1
            continue
        shown.append(ch)
        i += 1
    return "".join(shown), at


def _compose(shown: str, at: int) -> str:
    out = []
    for i, ch in enumerate(shown):
        if i == at:
            out.append("&")
        out.append("&&" if ch == "&" else ch)
    return "".join(out)


def _free_letter(shown: str, taken: set[str]) -> int:
    """A word's first letter not taken, else any letter not taken; -1 when none is free."""
    starts = [
        i for i, ch in enumerate(shown) if ch.isalnum() and (i == 0 or not shown[i - 1].isalnum())
    ]
    rest = [i for i, ch in enumerate(shown) if ch.isalnum() and i not in starts]
    return next((i for i in starts + rest if shown[i].lower() not in taken), -1)


def _settle(texts: Iterable[tuple[str, Callable[[str], None]]], taken: set[str]) -> None:
    """Give each (text, setter) a letter not in ``taken``; the first holder keeps its own."""
    for text, set_text in texts:
        shown, at = _parse(text)
        if at < 0 or at >= len(shown):
            continue
        letter = shown[at].lower()
        if letter not in taken:
            taken.add(letter)
            continue
        new = _free_letter(shown, taken)
        if new >= 0:
            taken.add(shown[new].lower())
        set_text(_compose(shown, new))


def _set_tab_text(bar: QTabBar, index: int, text: str) -> None:
    bar.setTabText(index, text)


def settle_alt_letters(window: QWidget, taken: Iterable[str] = ()) -> None:
    """Make the Alt+letters of ``window``'s buttons, tab titles, group boxes and labels with a
    buddy unique in the window (``taken``: letters used there otherwise, e.g. by menus)."""
    texts: list[tuple[str, Callable[[str], None]]] = []
    for b in window.findChildren(QAbstractButton):
        if isinstance(b, QToolButton) and b.defaultAction() is not None:
            continue  # it shows its action's text
        texts.append((b.text(), b.setText))
    for bar in window.findChildren(QTabBar):
        for i in range(bar.count()):
            texts.append((bar.tabText(i), functools.partial(_set_tab_text, bar, i)))
    for box in window.findChildren(QGroupBox):
        texts.append((box.title(), box.setTitle))
    for lbl in window.findChildren(QLabel):
        if lbl.buddy() is not None:
            texts.append((lbl.text(), lbl.setText))
    _settle(texts, {t.lower() for t in taken})


def settle_menu_letters(menu: QMenu) -> None:
    """Make the Alt+letters of ``menu``'s items unique in it."""
    actions: list[QAction] = [a for a in menu.actions() if not a.isSeparator()]
    _settle(((a.text(), a.setText) for a in actions), set())
