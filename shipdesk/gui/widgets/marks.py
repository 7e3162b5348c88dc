"""Marking a field that has a problem: a message beside it and a border, not colour alone.

The colours come from the palette in use (``gui/theme.py``), so a mark reads in the light and
the dark theme; the level icons are drawn from SVG files, sharp at any scaling.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from shipdesk.core.i18n import N_, _
from shipdesk.core.paths import resource
from shipdesk.gui.theme import apply_theme, role_colors

if TYPE_CHECKING:
    from shipdesk.core.services.declarations import Problem

LEVEL_PREFIX = {"error": N_("✖ Error: "), "warning": N_("⚠ Warning: ")}
LEVEL_BORDER = {"error": "solid", "warning": "dashed"}  # the line differs, not only its colour


def level_style(level: str) -> str:
    """The border of a field marked with ``level``, in the colour of the palette in use."""
    return f"border: 2px {LEVEL_BORDER[level]} {role_colors(level).border.name()};"


def message_style(level: str) -> str:
    return f"color: {role_colors(level).message.name()};"


def worst_level(problems: list[Problem]) -> str | None:
    levels = {p.level for p in problems}
    if "error" in levels:
        return "error"
    if "warning" in levels:
        return "warning"
    return None


def mark_widget(editor: QWidget, message: QLabel, problems: list[Problem]) -> None:
    """Mark ``editor`` with its problems; a re-check that changes nothing touches nothing
    (restyling a field the user is typing in costs a repaint of the whole form)."""
    level = worst_level(problems)
    text = "\n".join(_(LEVEL_PREFIX.get(p.level, "")) + p.message for p in problems)
    if editor.property("problem") == (level or "") and editor.property("problemText") == text:
        return
    editor.setProperty("problem", level or "")
    editor.setProperty("problemText", text)
    if level is None:
        editor.setStyleSheet("")
        editor.setToolTip("")
        editor.setAccessibleDescription("")
        message.hide()
        message.setText("")
        return
    editor.setStyleSheet(level_style(level))
    editor.setToolTip(text)
    editor.setAccessibleDescription(text)  # the message is said, not only shown in red
    message.setText(text)
    message.setStyleSheet(message_style(level))
    message.setProperty("problemLevel", level)
    message.show()


def restyle_marks(root: QWidget) -> None:
    """Draw the marks under ``root`` again in the colours of the palette now in use (after the
    theme changed)."""
    for w in [root, *root.findChildren(QWidget)]:
        level = w.property("problem")
        if level in LEVEL_BORDER:
            w.setStyleSheet(level_style(level))
        said = w.property("problemLevel")
        if isinstance(w, QLabel) and said in LEVEL_BORDER and w.styleSheet():
            w.setStyleSheet(message_style(said))


def switch_theme(app: QApplication, theme: str) -> None:
    """Use ``theme`` from now on, the marks already shown included."""
    apply_theme(app, theme)
    for top in app.topLevelWidgets():
        restyle_marks(top)


ICON_FILE_FOR_LEVEL = {
    "error": "level-error.svg",
    "prohibited": "level-prohibited.svg",
    "restricted": "level-warning.svg",
    "warning": "level-warning.svg",
    "info": "level-info.svg",
}


def icon_file(level: str) -> str:
    """The SVG file of a level's icon (in ``resources/icons``)."""
    return str(resource("icons", ICON_FILE_FOR_LEVEL.get(level, "level-info.svg")))


@cache
def level_icon(level: str) -> QIcon:
    """The icon that goes with a level word, so a level never rests on colour alone. Drawn from
    an SVG file: sharp at 200 % scaling, never a small pixmap scaled up."""
    return QIcon(icon_file(level))
