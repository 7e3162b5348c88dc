"""Editable table model over ``Declaration.items``: a thin adapter, tested without a view.

The last row is always an empty entry row; typing into it appends an item. Cells with a
validation problem carry a tooltip and a text mark (not colour alone); the description cell
shows the highest screening level of the item.

Sorting by a column (``sort``) changes only the order the rows are shown in: the declaration
keeps its items in the order they were typed, and the row headers keep their numbers, until the
user asks to reorder them that way (``apply_order``, which Undo takes back). A row typed,
duplicated or changed while a sort is shown stays where it is until the next sort.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QGuiApplication, QPalette

from shipdesk.core import hscode
from shipdesk.core.i18n import N_, _, labelled, language
from shipdesk.core.model import Declaration, Item, parse_decimal, parse_item_path
from shipdesk.core.services import declarations
from shipdesk.gui.theme import role_colors
from shipdesk.gui.widgets.marks import level_icon

if TYPE_CHECKING:
    from shipdesk.core.services.declarations import Problem

COLUMNS: list[tuple[str, str]] = [
    ("description", N_("Description (what, material, use)")),
    ("quantity", N_("Qty")),
    ("net_weight_kg", N_("Net {unit}")),  # the weight unit of the settings
    ("value", N_("Value (line total)")),
    ("hs_code", N_("HS code")),
    ("origin_country", N_("Origin")),
]
FINDING_WORD = {
    "prohibited": N_("Prohibited"),
    "restricted": N_("Restricted"),
    "warning": N_("Check"),
}
PROBLEM_MARK = {"error": "✖", "warning": "!"}
LEVEL_WORD = {"error": N_("Error"), "warning": N_("Warning")}

Index = QModelIndex | QPersistentModelIndex
UNDO_STEPS = 100  # item changes that Undo can take back, newest first
NUMERIC_KEYS = ("quantity", "net_weight_kg", "value")  # sorted as numbers, the rest as text


class ItemsTableModel(QAbstractTableModel):
    edited = Signal()

    def __init__(self, decl: Declaration | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.decl = decl or Declaration()
        self.problems: dict[tuple[int, str], list[Problem]] = {}
        self.row_levels: dict[int, str] = {}
        self.weight_unit = "kg"  # weights are shown and typed in it; the items keep kg
        self._undo: list[list[Item]] = []  # the items before each change, oldest first
        # The order the rows are shown in (row -> index in decl.items); None: as stored.
        self._order: list[int] | None = None
        self.sort_column = -1  # the column shown sorted, -1 for none
        self.sort_order = Qt.SortOrder.AscendingOrder

    def set_weight_unit(self, unit: str) -> None:
        """Show and take weights in ``unit`` (the declaration keeps kg)."""
        if unit == self.weight_unit:
            return
        self.weight_unit = unit
        col = COLUMN_KEYS.index("net_weight_kg")
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, col, col)
        if self.decl.items:
            self.dataChanged.emit(self.index(0, col), self.index(len(self.decl.items) - 1, col))

    # -- binding -----------------------------------------------------------------------------
    def set_declaration(self, decl: Declaration) -> None:
        self.beginResetModel()
        self.decl = decl
        self._undo = []  # another customer's changes are not taken back into this one
        self._order, self.sort_column = None, -1
        self.problems = {}
        self.row_levels = {}
        self.endResetModel()

    def set_checks(self, problems: list[Problem], row_levels: dict[int, str]) -> None:
        """Show new check results, repainting only the cells whose marks changed.

        Never a reset and never a whole-table change: an open editor keeps what is being typed
        (see ``widgets.cell_editor``), and unchanged cells are not touched at all."""
        by_cell: dict[tuple[int, str], list[Problem]] = {}
        for p in problems:
            row, field = parse_item_path(p.field)
            if row is not None:
                by_cell.setdefault((row, field or "description"), []).append(p)
        old_cells = {k: _marks(v) for k, v in self.problems.items()}
        new_cells = {k: _marks(v) for k, v in by_cell.items()}
        changed = {
            k for k in old_cells.keys() | new_cells.keys() if old_cells.get(k) != new_cells.get(k)
        }
        changed |= {
            (row, "description")
            for row in self.row_levels.keys() | row_levels.keys()
            if self.row_levels.get(row) != row_levels.get(row)
        }
        self.problems = by_cell
        self.row_levels = dict(row_levels)
        rows = self.rowCount()
        for row, field in sorted(changed):
            if 0 <= row < rows and field in COLUMN_KEYS:
                idx = self.index(self.view_row(row), COLUMN_KEYS.index(field))
                self.dataChanged.emit(idx, idx, CHECK_ROLES)

    # -- Qt model API ------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.decl.items) + 1

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return _(COLUMNS[section][1]).format(unit=self.weight_unit)
        # the item's place in the declaration, whatever order the rows are shown in
        return "+" if section == len(self.decl.items) else str(self.item_row(section) + 1)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = self.item_row(index.row()), index.column()
        field = COLUMNS[col][0]
        if row >= len(self.decl.items):
            if role == Qt.ItemDataRole.DisplayRole and col == 0:
                return _("Type a new item here…")
            if role == Qt.ItemDataRole.ForegroundRole:
                return QGuiApplication.palette().brush(QPalette.ColorRole.PlaceholderText)
            return None
        item = self.decl.items[row]
        value = str(getattr(item, field))
        if field == "net_weight_kg":
            value = declarations.weight_shown(value, self.weight_unit)
        probs = self.problems.get((row, field), [])
        if role == Qt.ItemDataRole.EditRole:
            return value
        if role == Qt.ItemDataRole.DisplayRole:
            prefix = ""
            if col == 0 and row in self.row_levels:
                level = self.row_levels[row]
                # the findings list's word for the level; "Check" for a warning, shorter
                word = (
                    _(FINDING_WORD[level])
                    if level == "warning"
                    else declarations.level_word(level, language())
                )
                prefix = f"[{word}] "
            if probs:
                mark = PROBLEM_MARK[
                    "error" if any(p.level == "error" for p in probs) else "warning"
                ]
                return f"{prefix}{value}  {mark}" if value else f"{prefix}{mark}"
            return prefix + value
        if role == Qt.ItemDataRole.DecorationRole and col == 0 and row in self.row_levels:
            level = self.row_levels[row]
            return level_icon("info" if level == "warning" else level)
        if role == Qt.ItemDataRole.AccessibleDescriptionRole and probs:  # said, not only red
            return "\n".join(p.message for p in probs)
        if role == Qt.ItemDataRole.ToolTipRole and probs:
            return "\n".join(
                labelled(_(LEVEL_WORD.get(p.level, p.level)), p.message) for p in probs
            )
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole) and probs:
            colors = role_colors("error" if any(p.level == "error" for p in probs) else "warning")
            bg = role == Qt.ItemDataRole.BackgroundRole
            return QBrush(colors.background if bg else colors.text)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (1, 2, 3):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        view, row, field = index.row(), self.item_row(index.row()), COLUMNS[index.column()][0]
        text = "" if value is None else str(value)
        if field in ("hs_code",):
            text = hscode.clean(text)
        if field == "net_weight_kg":  # typed in the unit shown ("16" oz, or "16 oz"), kept in kg
            text = declarations.weight_to_kg(text, self.weight_unit)
        if field == "origin_country":  # a name or alias ("Germany", "USA") as its code
            reading = declarations.read_country(text)
            text = reading.code if reading is not None else text.strip().upper()
        if row < len(self.decl.items) and getattr(self.decl.items[row], field) != text:
            self._remember()
        if row >= len(self.decl.items):
            if not text.strip():
                return False
            self._remember()
            self.beginInsertRows(QModelIndex(), view + 1, view + 1)
            self.decl.items.append(Item())
            if self._order is not None:  # shown last, where it was typed, until the next sort
                self._order.append(row)
            self.endInsertRows()
        setattr(self.decl.items[row], field, text)
        self.dataChanged.emit(self.index(view, 0), self.index(view, len(COLUMNS) - 1))
        self.headerDataChanged.emit(Qt.Orientation.Vertical, view, view + 1)
        self.edited.emit()
        return True

    # -- row operations ----------------------------------------------------------------------
    def remove_row(self, row: int) -> bool:
        """Remove the item shown in ``row``."""
        if not 0 <= row < len(self.decl.items):
            return False
        self._remember()
        item = self.item_row(row)
        self.beginRemoveRows(QModelIndex(), row, row)
        del self.decl.items[item]
        if self._order is not None:
            del self._order[row]
            self._order = [i - (i > item) for i in self._order]
        self.endRemoveRows()
        self.edited.emit()
        return True

    def duplicate_row(self, row: int) -> bool:
        """A copy of the item shown in ``row``, after it (in the declaration and on screen)."""
        if not 0 <= row < len(self.decl.items):
            return False
        self._remember()
        item = self.item_row(row)
        self.beginInsertRows(QModelIndex(), row + 1, row + 1)
        src = self.decl.items[item]
        self.decl.items.insert(
            item + 1, Item(**{k: getattr(src, k) for k in COLUMN_KEYS}, extra=dict(src.extra))
        )
        if self._order is not None:
            self._order = [i + (i > item) for i in self._order]
            self._order.insert(row + 1, item + 1)
        self.endInsertRows()
        self.edited.emit()
        return True

    # -- the order shown ---------------------------------------------------------------------
    def item_row(self, row: int) -> int:
        """The index in ``decl.items`` of the item shown in ``row`` (the entry row: itself)."""
        if self._order is None or not 0 <= row < len(self._order):
            return row
        return self._order[row]

    def view_row(self, item: int) -> int:
        """The row that shows ``decl.items[item]``."""
        if self._order is None or not 0 <= item < len(self._order):
            return item
        return self._order.index(item)

    def is_sorted(self) -> bool:
        return self._order is not None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Show the items sorted by ``column`` (-1: in their stored order). Only the rows shown
        move: the declaration's items keep their order, and an open editor keeps its cell."""
        self.layoutAboutToBeChanged.emit()
        kept = self.persistentIndexList()
        items_of = [(self.item_row(i.row()), i.column()) for i in kept]
        self.sort_column, self.sort_order = column, order
        self._order = self._sorted() if 0 <= column < len(COLUMNS) else None
        self.changePersistentIndexList(
            kept, [self.index(self.view_row(item), col) for item, col in items_of]
        )
        self.layoutChanged.emit()
        self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, max(self.rowCount() - 1, 0))

    def _sorted(self) -> list[int]:
        """The item indices in the order of the sort column; empty values last, ties in the
        stored order."""
        field = COLUMNS[self.sort_column][0]
        numeric = field in NUMERIC_KEYS

        def key(i: int) -> Any:
            text = str(getattr(self.decl.items[i], field)).strip()
            return parse_decimal(text) if numeric else text.casefold()

        keys = {i: key(i) for i in range(len(self.decl.items))}
        shown = [i for i in keys if keys[i] not in (None, "")]
        shown.sort(key=lambda i: keys[i], reverse=self.sort_order == Qt.SortOrder.DescendingOrder)
        return shown + [i for i in keys if keys[i] in (None, "")]

    def apply_order(self) -> bool:
        """Store the items in the order shown (the user asked to reorder them); Undo takes it
        back. False when they are shown in their stored order already."""
        if self._order is None:
            return False
        if self._order == sorted(self._order):
            self.sort(-1)
            return False
        self._remember()
        order = self._order
        self.beginResetModel()
        self.decl.items[:] = [self.decl.items[i] for i in order]
        new_place = {old: new for new, old in enumerate(order)}
        self.problems = {(new_place.get(r, r), f): v for (r, f), v in self.problems.items()}
        self.row_levels = {new_place.get(r, r): v for r, v in self.row_levels.items()}
        self._order, self.sort_column = None, -1
        self.endResetModel()
        self.edited.emit()
        return True

    def _remember(self) -> None:
        """Keep the items as they are, before a change Undo can take back."""
        self._undo.append(copy.deepcopy(self.decl.items))
        del self._undo[:-UNDO_STEPS]

    def can_undo(self) -> bool:
        return bool(self._undo)

    def undo(self) -> bool:
        """Put the items back as they were before the last change (a cell, a new row, a
        duplicated or removed row). Never while a cell is edited: its editor takes Ctrl+Z
        itself. False when there is nothing to take back."""
        if not self._undo:
            return False
        before = self._undo.pop()
        self.beginResetModel()
        self.decl.items[:] = before
        if self._order is not None:  # the rows shown in the same sort, of the items as they were
            self._order = self._sorted()
        self.endResetModel()
        self.edited.emit()
        return True

    def set_field(self, row: int, field: str, value: str) -> None:
        col = COLUMN_KEYS.index(field)
        self.setData(self.index(row, col), value)


COLUMN_KEYS = [c[0] for c in COLUMNS]
# The roles a re-check can change; the edit role (the typed value) is never among them.
CHECK_ROLES = [
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.BackgroundRole,
    Qt.ItemDataRole.ForegroundRole,
    Qt.ItemDataRole.DecorationRole,
]


def _marks(problems: list[Problem]) -> list[tuple[str, str]]:
    return [(p.level, p.message) for p in problems]
