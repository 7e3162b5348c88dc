"""Marking a field that has a problem: a message beside it and a border, not colour alone."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QLabel, QStyle, QWidget

from shipdesk.core.i18n import N_, _

if TYPE_CHECKING:
    from shipdesk.core.services.declarations import Problem

LEVEL_PREFIX = {"error": N_("✖ Error: "), "warning": N_("⚠ Warning: ")}
LEVEL_STYLE = {
    "error": "border: 2px solid #b00020;",
    "warning": "border: 2px dashed #a86b00;",
}


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
    editor.setStyleSheet(LEVEL_STYLE[level])
    editor.setToolTip(text)
    editor.setAccessibleDescription(text)  # the message is said, not only shown in red
    message.setText(text)
    message.setStyleSheet("color: #b00020;" if level == "error" else "color: #7a4e00;")
    message.show()


ICON_FOR_LEVEL = {
    "error": QStyle.StandardPixmap.SP_MessageBoxCritical,
    "prohibited": QStyle.StandardPixmap.SP_MessageBoxCritical,
    "restricted": QStyle.StandardPixmap.SP_MessageBoxWarning,
    "warning": QStyle.StandardPixmap.SP_MessageBoxWarning,
    "info": QStyle.StandardPixmap.SP_MessageBoxInformation,
}


def level_icon(level: str) -> QIcon:
    """The icon that goes with a level word, so a level never rests on colour alone."""
    style = QApplication.style()
    return style.standardIcon(
        ICON_FOR_LEVEL.get(level, QStyle.StandardPixmap.SP_MessageBoxInformation)
    )
