"""The first page of the import dialog: which column feeds which declaration field.

One combo per declaration field with the first row's value beside it, the number and date
conventions, saving the mapping by name, the output folder, and the product catalogue with the
packaging allowance that complete the orders. Mappings (detected, a shop's, saved ones) come
from ``services.imports``; the page only shows them and reads the user's changes back.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shipdesk.core.errors import ShipdeskError
from shipdesk.core.i18n import _, error_text
from shipdesk.core.services import imports

if TYPE_CHECKING:
    from shipdesk.core.services import Workspace
    from shipdesk.core.services.imports import ColumnMapping

log = logging.getLogger("shipdesk.gui.import")

NOT_USED = ""  # combo data for "(not used)"
# keys that open the current field's list of columns in the mapping table
OPEN_KEYS = (Qt.Key.Key_F2, Qt.Key.Key_F4, Qt.Key.Key_Return, Qt.Key.Key_Enter)
# the field's name and first value: not edited, but selectable, so the current row is marked
SHOWN_ONLY = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def _buddy(label: QLabel, widget: QWidget) -> QLabel:
    """``label``, naming ``widget`` for screen readers (and Alt+letter when it has one)."""
    label.setBuddy(widget)
    return label


class MappingPage(QWidget):
    """Column mapping, conventions, output folder and product catalogue of one import.

    ``notify`` shows a line of status, ``error`` reports a failure to the user."""

    changed = Signal()  # the mapping shown changed: the dialog re-checks what is missing

    def __init__(
        self,
        workspace: Workspace,
        parent: QWidget | None = None,
        *,
        notify: Callable[[str], None],
        error: Callable[[str], None],
    ) -> None:
        super().__init__(parent)
        self.ws = workspace
        self._notify = notify
        self._error = error
        self.headers: list[str] = []
        self.first_rows: list[list[object]] = []
        self.mapping: ColumnMapping | None = None
        self._combos: dict[str, QComboBox] = {}
        self._target_keys = [t.key for t in imports.mapping_targets()]

        v = QVBoxLayout(self)
        self.detected_label = QLabel(_("Choose a .xlsx or .csv file of orders."), self)
        self.detected_label.setWordWrap(True)
        v.addWidget(self.detected_label)
        v.addLayout(self._conventions_row())
        v.addWidget(self._mapping_table(), 1)

        save = QHBoxLayout()
        save_label = QLabel(_("Save this mapping as:"), self)
        save.addWidget(save_label)
        self.save_name = QLineEdit(self)
        self.save_name.setObjectName("mappingName")
        save_label.setBuddy(self.save_name)
        save.addWidget(self.save_name, 1)
        self.save_button = QPushButton(_("Save mapping"), self)
        self.save_button.setObjectName("saveMapping")
        self.save_button.clicked.connect(self.save_mapping)
        save.addWidget(self.save_button)
        v.addLayout(save)

        v.addWidget(self._output_group())
        v.addWidget(self._products_group())
        self._init_products()
        self.refresh_mapping_choices()

    # -- building ---------------------------------------------------------------------------
    def _conventions_row(self) -> QHBoxLayout:
        top = QHBoxLayout()
        self.mapping_choice = QComboBox(self)
        self.mapping_choice.setObjectName("mappingChoice")
        top.addWidget(_buddy(QLabel(_("Mapping:"), self), self.mapping_choice))
        self.mapping_choice.activated.connect(self._mapping_chosen)
        top.addWidget(self.mapping_choice, 1)
        self.unit_combo = QComboBox(self)
        top.addWidget(_buddy(QLabel(_("Weights in:"), self), self.unit_combo))
        for u in imports.weight_units():
            self.unit_combo.addItem(u, u)
        top.addWidget(self.unit_combo)
        self.decimal_combo = QComboBox(self)
        top.addWidget(_buddy(QLabel(_("Decimals:"), self), self.decimal_combo))
        self.decimal_combo.setObjectName("decimalChoice")
        for label, value in ((_("automatic"), "auto"), ("12.50", "."), ("12,50", ",")):
            self.decimal_combo.addItem(label, value)
        top.addWidget(self.decimal_combo)
        self.date_combo = QComboBox(self)
        top.addWidget(_buddy(QLabel(_("Dates:"), self), self.date_combo))
        self.date_combo.setObjectName("dateOrder")
        for label, value in ((_("day first"), "dmy"), (_("month first"), "mdy"),
                             (_("year first"), "ymd")):  # fmt: skip
            self.date_combo.addItem(label, value)
        top.addWidget(self.date_combo)
        return top

    def _mapping_table(self) -> QTableWidget:
        targets = imports.mapping_targets()
        self.table = QTableWidget(len(targets), 3, self)
        self.table.setObjectName("mappingTable")
        self.table.setAccessibleName(_("Columns of the file for each declaration field"))
        self.table.setHorizontalHeaderLabels([_("Declaration field"), _("Column"), _("First row")])
        self.table.verticalHeader().setVisible(False)
        # One Tab stop: Tab leaves the table, the arrows (or typing a field's name) move in it,
        # and Enter, F2, F4 or Alt+Down open the current field's list of columns (see
        # eventFilter). With Tab moving from cell to cell the table was a trap (Tab went round
        # its fields and their lists forever), and Enter in it pressed Import.
        self.table.setTabKeyNavigation(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.installEventFilter(self)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        hh.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for r, t in enumerate(targets):
            item = QTableWidgetItem(_(t.label))
            item.setFlags(SHOWN_ONLY)
            self.table.setItem(r, 0, item)
            combo = QComboBox(self.table)
            combo.setObjectName(f"map:{t.key}")
            combo.setAccessibleName(_(t.label))
            combo.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # reached through the table
            combo.currentIndexChanged.connect(lambda _i, key=t.key: self._combo_changed(key))
            self.table.setCellWidget(r, 1, combo)
            self._combos[t.key] = combo
            ex = QTableWidgetItem("")
            ex.setFlags(SHOWN_ONLY)
            self.table.setItem(r, 2, ex)
        return self.table

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter, F2, F4 or Alt+Down in the mapping table open the current field's list of
        columns (the choice is kept when the list closes, and the focus stays in the table)."""
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = Qt.Key(event.key())
            alt_down = key == Qt.Key.Key_Down and bool(
                event.modifiers() & Qt.KeyboardModifier.AltModifier
            )
            if alt_down or key in OPEN_KEYS:
                row = self.table.currentRow()
                if 0 <= row < len(self._target_keys):
                    self._combos[self._target_keys[row]].showPopup()
                    return True
        return super().eventFilter(watched, event)

    def _output_group(self) -> QGroupBox:
        opts = QGroupBox(_("Output"), self)
        oh = QHBoxLayout(opts)
        self.out_edit = QLineEdit(opts)
        self.out_edit.setObjectName("outDir")
        self.out_edit.setAccessibleName(_("Output folder"))
        oh.addWidget(self.out_edit, 1)
        choose = QPushButton(_("Folder…"), opts)
        choose.clicked.connect(self._choose_out)
        oh.addWidget(choose)
        self.pdf_check = QCheckBox(_("Write PDFs"), opts)
        self.pdf_check.setChecked(True)
        oh.addWidget(self.pdf_check)
        return opts

    def _products_group(self) -> QGroupBox:
        cat = QGroupBox(_("Products"), self)
        ch = QHBoxLayout(cat)
        self.products_label = QLabel("", cat)
        self.products_label.setObjectName("productsStatus")
        self.products_label.setWordWrap(True)
        ch.addWidget(self.products_label, 1)
        self.products_button = QPushButton(_("Products…"), cat)
        self.products_button.setObjectName("loadProducts")
        self.products_button.setToolTip(
            _("Load a product list (.csv or .xlsx: sku, description, net_weight_kg, hs_code, "
              "origin_country) to complete weights, HS codes and origins of the orders")
        )  # fmt: skip
        self.products_button.clicked.connect(self._choose_products)
        ch.addWidget(self.products_button)
        self.packaging_edit = QLineEdit(cat)
        ch.addWidget(_buddy(QLabel(_("Packaging (kg):"), cat), self.packaging_edit))
        self.packaging_edit.setObjectName("packagingKg")
        self.packaging_edit.setPlaceholderText(_("none"))
        self.packaging_edit.setToolTip(
            _("Orders without a gross weight get the sum of the net weights plus this allowance")
        )
        self.packaging_edit.setMaximumWidth(90)
        ch.addWidget(self.packaging_edit)
        return cat

    # -- product catalogue ------------------------------------------------------------------
    def _init_products(self) -> None:
        try:
            packaging = imports.packaging_setting(self.ws)
        except ShipdeskError as exc:
            log.error("packaging setting ignored: %s", exc)
            packaging = None
        if packaging is not None:
            self.packaging_edit.setText(imports.number_text(packaging))
        self._update_products_label()

    def _update_products_label(self, extra: str = "") -> None:
        try:
            n = imports.product_count(self.ws)
        except ShipdeskError as exc:
            log.error("product catalogue unavailable: %s", exc)
            n = 0
        text = (
            _("Product catalogue: {n} products.").format(n=n)
            if n
            else _("No product catalogue: weights, HS codes and origins come from the file only.")
        )
        self.products_label.setText((extra + " " if extra else "") + text)

    def _choose_products(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            _("Product list"),
            "",
            _("Spreadsheets (*.xlsx *.xlsm *.csv *.tsv *.txt);;All files (*)"),
        )
        if path:
            self.load_products(path)

    def load_products(self, path: str | Path) -> bool:
        """Read a catalogue file into the product catalogue. False when nothing was loaded."""
        p = Path(path)
        try:
            loaded = imports.load_products(self.ws, p)
        except ShipdeskError as exc:
            self._error(error_text(exc))
            return False
        pf, stored = loaded.file, loaded.stored
        msg = _("{n} products loaded from {file}.").format(n=stored, file=p.name)
        if pf.errors:
            first = "; ".join(str(e) for e in pf.errors[:3])
            msg += " " + _("Rows left out: {n} ({first}).").format(n=pf.rows_rejected, first=first)
        self._update_products_label(msg)
        if pf.errors and not stored:
            self._error(msg)
            return False
        return True

    def _choose_out(self) -> None:
        path = QFileDialog.getExistingDirectory(self, _("Folder for the declarations"))
        if path:
            self.out_edit.setText(path)

    # -- the file's columns -----------------------------------------------------------------
    def set_file(self, headers: list[str], first_rows: list[list[object]]) -> bool:
        """Show the mapping detected from a file's headers. False when it cannot be read."""
        self.headers = headers
        self.first_rows = first_rows
        try:
            m = imports.detect_mapping(headers)
        except ShipdeskError as exc:
            self._error(error_text(exc))
            return False
        self.show_mapping(m)
        if m.platform:
            self.detected_label.setText(
                _("Recognised as: {name}. Check the columns below.").format(name=_(m.name))
            )
        else:
            self.detected_label.setText(
                _(
                    "Not a known shop export: columns matched by name. Choose a column for each "
                    "field you need."
                )
            )
        return True

    def refresh_mapping_choices(self) -> None:
        self.mapping_choice.clear()
        self.mapping_choice.addItem(_("Detected from the columns"), "detect:")
        try:
            for pm in imports.platform_mappings():
                self.mapping_choice.addItem(_(pm.mapping.name), f"platform:{pm.id}")
            for name in imports.saved_mappings(self.ws):
                self.mapping_choice.addItem(_("Saved: {name}").format(name=name), f"saved:{name}")
        except ShipdeskError as exc:
            log.error("mappings unavailable: %s", exc)

    def _mapping_chosen(self, index: int) -> None:
        kind, _sep, name = str(self.mapping_choice.itemData(index)).partition(":")
        try:
            if kind == "detect":
                m = imports.detect_mapping(self.headers)
            elif kind == "platform":
                m = imports.platform_mapping(name) or imports.new_mapping()
            else:
                m = imports.load_mapping(self.ws, name) or imports.new_mapping()
        except ShipdeskError as exc:
            self._error(error_text(exc))
            return
        self.show_mapping(m)

    def show_mapping(self, m: ColumnMapping) -> None:
        self.mapping = m.copy()
        resolved = m.resolve(self.headers)
        for key, combo in self._combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(_("(not used)"), NOT_USED)
            for i, h in enumerate(self.headers):
                if h:
                    combo.addItem(h, [i])
            idx = resolved.get(key)
            if idx and len(idx) > 1:
                combo.addItem(" + ".join(self.headers[i] for i in idx), list(idx))
                combo.setCurrentIndex(combo.count() - 1)
            elif idx:
                combo.setCurrentIndex(max(combo.findData([idx[0]]), 0))
            combo.blockSignals(False)
            self._update_example(key)
        self.unit_combo.setCurrentIndex(max(self.unit_combo.findData(m.weight_unit), 0))
        self.decimal_combo.setCurrentIndex(max(self.decimal_combo.findData(m.decimal), 0))
        self.date_combo.setCurrentIndex(max(self.date_combo.findData(m.date_order), 0))
        self.changed.emit()

    def _combo_changed(self, key: str) -> None:
        self._update_example(key)
        self.changed.emit()

    def _update_example(self, key: str) -> None:
        r = self._target_keys.index(key)
        idx = self._combos[key].currentData()
        text = ""
        if idx and self.first_rows:
            row = self.first_rows[0]
            text = " ".join(
                imports.cell_text(row[i]) for i in idx if i < len(row) and row[i] is not None
            )
        cell = self.table.item(r, 2)
        if cell is not None:
            cell.setText(text)

    def current_mapping(self) -> ColumnMapping:
        """The mapping as the table shows it now."""
        base = self.mapping or imports.new_mapping()
        m = base.copy()
        m.columns = {}
        for key, combo in self._combos.items():
            idx = combo.currentData()
            if idx:
                m.columns[key] = [self.headers[i] for i in idx]
        m.weight_unit = self.unit_combo.currentData() or "kg"
        m.decimal = self.decimal_combo.currentData() or "auto"
        m.date_order = self.date_combo.currentData() or "dmy"
        return m

    def set_column(self, key: str, header: str | None) -> None:
        """Choose the column for a field (None: not used); as if picked in its combo."""
        combo = self._combos[key]
        if header is None:
            combo.setCurrentIndex(0)
            return
        combo.setCurrentIndex(combo.findText(header, Qt.MatchFlag.MatchExactly))

    def save_mapping(self) -> bool:
        name = self.save_name.text().strip()
        if not name:
            self._error(_("Enter a name for the mapping."))
            return False
        try:
            m = self.current_mapping()
            m.name = name
            m.platform = ""
            imports.save_mapping(self.ws, name, m)
        except ShipdeskError as exc:
            self._error(error_text(exc))
            return False
        self.refresh_mapping_choices()
        self.mapping_choice.setCurrentIndex(max(self.mapping_choice.findData(f"saved:{name}"), 0))
        self._notify(_("Mapping saved as {name}.").format(name=name))
        return True
