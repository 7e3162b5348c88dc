"""The items table's view and cell editors: Tab leaves the table after its last cell, Ctrl+Tab
from any cell, and an editor takes no more than its field's limit and keeps what is typed while
a re-check repaints the table."""

from __future__ import annotations

from typing import Any, cast

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemDelegate, QLineEdit, QTableView, QWidget

from shipdesk.core.services import declarations
from shipdesk.gui.models.items_model import COLUMN_KEYS
from shipdesk.gui.widgets.cell_editor import KeepTypingDelegate
from shipdesk.gui.widgets.country_completer import CountryCompleter


class LimitedDelegate(KeepTypingDelegate):
    """Cell editors of the items table that take no more than the field's limit, and keep
    what the user types while a re-check repaints the table (``KeepTypingDelegate``)."""

    def createEditor(self, parent: QWidget, option: Any, index: Any) -> QWidget:
        editor = super().createEditor(parent, option, index)
        if isinstance(editor, QLineEdit) and 0 <= index.column() < len(COLUMN_KEYS):
            key = COLUMN_KEYS[index.column()]
            editor.setMaxLength(declarations.text_limit(key))
            if key == "origin_country":  # the countries offered; Enter takes one, as its code
                editor.setCompleter(CountryCompleter(editor, editor, insert_code=True))
        return editor

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        # Ctrl+Tab in a cell being edited: keep what was typed and leave the table.
        if event.type() == QEvent.Type.KeyPress and isinstance(editor, QWidget):
            forward = _ctrl_tab(cast(QKeyEvent, event))
            view = self.parent()
            if forward is not None and isinstance(view, ItemsTable):
                self.commitData.emit(editor)
                self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
                view.leave(forward)
                return True
        return super().eventFilter(editor, event)


class ItemsTable(QTableView):
    """The items table: Tab moves from cell to cell and leaves the table after its last cell
    (Shift+Tab before its first); Ctrl+Tab and Ctrl+Shift+Tab leave it from any cell."""

    def _at_edge(self, forward: bool) -> bool:
        idx, model = self.currentIndex(), self.model()
        if not idx.isValid():
            return False
        if forward:
            last = (model.rowCount() - 1, model.columnCount() - 1)
            return (idx.row(), idx.column()) == last
        return (idx.row(), idx.column()) == (0, 0)

    def leave(self, forward: bool) -> None:
        """The focus to the control after (or before) the table."""
        self.setFocus(Qt.FocusReason.TabFocusReason)
        QWidget.focusNextPrevChild(self, forward)

    def focusNextPrevChild(self, next: bool) -> bool:
        if self._at_edge(next):
            return QWidget.focusNextPrevChild(self, next)
        return super().focusNextPrevChild(next)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        moves = {
            QAbstractItemDelegate.EndEditHint.EditNextItem: True,
            QAbstractItemDelegate.EndEditHint.EditPreviousItem: False,
        }
        forward = moves.get(hint)
        if forward is not None and self._at_edge(forward):
            super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
            self.leave(forward)
            return
        super().closeEditor(editor, hint)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        forward = _ctrl_tab(event)
        if forward is not None:
            self.leave(forward)
            return
        super().keyPressEvent(event)


def _ctrl_tab(event: QKeyEvent) -> bool | None:
    """True for Ctrl+Tab, False for Ctrl+Shift+Tab, None for any other key."""
    if not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
        return None
    if event.key() == Qt.Key.Key_Backtab:
        return False
    if event.key() == Qt.Key.Key_Tab:
        return not event.modifiers() & Qt.KeyboardModifier.ShiftModifier
    return None
