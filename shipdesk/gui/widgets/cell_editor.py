"""The items table's cell editor: what the user is typing is never overwritten.

Qt refreshes an open editor from the model whenever the model reports its cell changed (a
re-check marking the cell, a repaint of the row). The standard delegate then puts the stored
value back into the editor and the keys typed since are gone. This delegate fills an editor only
while the user has not typed into it; once they have, the editor keeps their text until it is
committed (Tab, Enter, leaving the cell) or cancelled (Escape).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex
from PySide6.QtWidgets import QLineEdit, QStyledItemDelegate, QWidget


class KeepTypingDelegate(QStyledItemDelegate):
    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        if isinstance(editor, QLineEdit) and editor.isModified():
            return  # the user's keys win over any refresh while the editor is open
        super().setEditorData(editor, index)
