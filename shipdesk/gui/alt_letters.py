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
    QStackedWidget,
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


# Where a control is shown: for each stacked widget above it (a tab widget has one), the page
# it is on. Controls on different pages of one stack are never shown together.
Pages = dict[int, int]


def _settle(texts: Iterable[tuple[str, Callable[[str], None], Pages]], taken: set[str]) -> None:
    """Give each (text, setter, pages) a letter no control shown with it holds (nor one of
    ``taken``); the first holder keeps its own."""
    held: list[tuple[str, Pages]] = [(t, {}) for t in taken]
    for text, set_text, pages in texts:
        shown, at = _parse(text)
        if at < 0 or at >= len(shown):
            continue
        near = {
            letter
            for letter, other in held
            if not any(s in other and other[s] != page for s, page in pages.items())
        }
        letter = shown[at].lower()
        if letter not in near:
            held.append((letter, pages))
            continue
        new = _free_letter(shown, near)
        if new >= 0:
            held.append((shown[new].lower(), pages))
        set_text(_compose(shown, new))


def _set_tab_text(bar: QTabBar, index: int, text: str) -> None:
    bar.setTabText(index, text)


def _pages(widget: QWidget, window: QWidget) -> Pages:
    pages: Pages = {}
    child, parent = widget, widget.parentWidget()
    while parent is not None and child is not window:
        if isinstance(parent, QStackedWidget):
            pages[id(parent)] = parent.indexOf(child)
        child, parent = parent, parent.parentWidget()
    return pages


def settle_alt_letters(window: QWidget, taken: Iterable[str] = ()) -> None:
    """Make the Alt+letters of ``window``'s buttons, tab titles, group boxes and labels with a
    buddy unique among the controls shown together (``taken``: letters used there otherwise,
    e.g. by menus); controls on different pages of a stacked or tab widget may share one."""
    texts: list[tuple[str, Callable[[str], None], Pages]] = []
    for b in window.findChildren(QAbstractButton):
        if isinstance(b, QToolButton) and b.defaultAction() is not None:
            continue  # it shows its action's text
        texts.append((b.text(), b.setText, _pages(b, window)))
    for bar in window.findChildren(QTabBar):
        for i in range(bar.count()):
            setter = functools.partial(_set_tab_text, bar, i)
            texts.append((bar.tabText(i), setter, _pages(bar, window)))
    for box in window.findChildren(QGroupBox):
        texts.append((box.title(), box.setTitle, _pages(box, window)))
    for lbl in window.findChildren(QLabel):
        if lbl.buddy() is not None:
            texts.append((lbl.text(), lbl.setText, _pages(lbl, window)))
    _settle(texts, {t.lower() for t in taken})


def settle_menu_letters(menu: QMenu) -> None:
    """Make the Alt+letters of ``menu``'s items unique in it."""
    actions: list[QAction] = [a for a in menu.actions() if not a.isSeparator()]
    _settle(((a.text(), a.setText, {}) for a in actions), set())
