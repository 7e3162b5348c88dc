"""Editable table model over ``Declaration.items``: a thin adapter, tested without a view.

The last row is always an empty entry row; typing into it appends an item. Cells with a
validation problem carry a tooltip and a text mark (not colour alone); the description cell
shows the highest screening level of the item.
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
from shipdesk.core.i18n import N_, _, language
from shipdesk.core.model import Declaration, Item, parse_item_path
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


class ItemsTableModel(QAbstractTableModel):
    edited = Signal()

    def __init__(self, decl: Declaration | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.decl = decl or Declaration()
        self.problems: dict[tuple[int, str], list[Problem]] = {}
        self.row_levels: dict[int, str] = {}
        self.weight_unit = "kg"  # weights are shown and typed in it; the items keep kg
        self._undo: list[list[Item]] = []  # the items before each change, oldest first

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
                idx = self.index(row, COLUMN_KEYS.index(field))
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
        return "+" if section == len(self.decl.items) else str(section + 1)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
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
            return "\n".join(f"{_(LEVEL_WORD.get(p.level, p.level))}: {p.message}" for p in probs)
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
        row, field = index.row(), COLUMNS[index.column()][0]
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
            self.beginInsertRows(QModelIndex(), row + 1, row + 1)
            self.decl.items.append(Item())
            self.endInsertRows()
        setattr(self.decl.items[row], field, text)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
        self.headerDataChanged.emit(Qt.Orientation.Vertical, row, row + 1)
        self.edited.emit()
        return True

    # -- row operations ----------------------------------------------------------------------
    def remove_row(self, row: int) -> bool:
        if not 0 <= row < len(self.decl.items):
            return False
        self._remember()
        self.beginRemoveRows(QModelIndex(), row, row)
        del self.decl.items[row]
        self.endRemoveRows()
        self.edited.emit()
        return True

    def duplicate_row(self, row: int) -> bool:
        if not 0 <= row < len(self.decl.items):
            return False
        self._remember()
        self.beginInsertRows(QModelIndex(), row + 1, row + 1)
        src = self.decl.items[row]
        self.decl.items.insert(
            row + 1, Item(**{k: getattr(src, k) for k in COLUMN_KEYS}, extra=dict(src.extra))
        )
        self.endInsertRows()
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
