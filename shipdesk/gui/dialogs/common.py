"""What the list dialogs (address book, history, product picker) build the same way: a labelled
search box that filters as one types, and a read-only table chosen a whole row at a time."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTableWidget,
    QWidget,
)

from shipdesk.core.i18n import _


def search_row(
    owner: QWidget, name: str, placeholder: str, accessible: str, on_change: Callable[[], None]
) -> tuple[QLineEdit, QHBoxLayout]:
    """A "Search" label and its clearable box, calling ``on_change`` on every key."""
    row = QHBoxLayout()
    search = QLineEdit(owner)
    search.setObjectName(name)
    search.setPlaceholderText(placeholder)
    search.setAccessibleName(accessible)
    search.setClearButtonEnabled(True)
    search.textChanged.connect(on_change)
    label = QLabel(_("&Search"), owner)
    label.setBuddy(search)
    row.addWidget(label)
    row.addWidget(search, 1)
    return search, row


def list_table(parent: QWidget, name: str, accessible: str, columns: Sequence[str]) -> QTableWidget:
    """A read-only table with translated headers, one row selected at a time, Tab leaving it."""
    table = QTableWidget(0, len(columns), parent)
    table.setObjectName(name)
    table.setAccessibleName(accessible)
    table.setHorizontalHeaderLabels([_(c) for c in columns])
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)
    table.verticalHeader().hide()
    return table


# The keys a list answers to while one types in its search box.
LIST_KEYS = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)


class _ArrowsToList(QObject):
    """Up, Down, Page Up and Page Down typed in a search box move the list's selection."""

    def __init__(self, search: QLineEdit, table: QTableWidget) -> None:
        super().__init__(search)
        self.table = table

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in LIST_KEYS
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            if self.table.rowCount():
                moved = QKeyEvent(event.type(), event.key(), event.modifiers())
                QApplication.sendEvent(self.table, moved)
            return True
        return False


def search_moves_list(search: QLineEdit, table: QTableWidget) -> None:
    """Let the arrow keys in ``search`` choose a row of ``table``: typing a name and then Down
    picks the second match without leaving the box. Before, the arrows did nothing there and
    a keyboard had to Tab into the list first."""
    search.installEventFilter(_ArrowsToList(search, table))
