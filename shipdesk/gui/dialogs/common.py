"""What the list dialogs (address book, history, product picker) build the same way: a labelled
search box that filters as one types, and a read-only table chosen a whole row at a time."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import (
    QAbstractItemView,
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
