"""Choosing a product of the catalogue for an item: find it by SKU, title, wording or HS code.

What a chosen product fills in is decided by ``services.imports.product_item_fields``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shipdesk.core.i18n import N_, _, ngettext
from shipdesk.core.services import Workspace, imports
from shipdesk.gui.alt_letters import settle_alt_letters
from shipdesk.gui.dialogs.common import list_table, search_moves_list, search_row

COLUMNS = (N_("SKU"), N_("Description"), N_("HS code"), N_("Origin"), N_("Net weight (kg)"))


class ProductPickerDialog(QDialog):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = workspace
        self.products: list[imports.Product] = []
        self.setWindowTitle(_("Choose a product"))
        self.resize(760, 420)
        lay = QVBoxLayout(self)
        self.search, top = search_row(
            self,
            "products.search",
            _("Search SKU, title, description or HS code…"),
            _("Search the product catalogue"),
            self.refresh,
        )
        self.search.returnPressed.connect(self.accept)
        lay.addLayout(top)
        self.table = list_table(self, "products.table", _("Products"), COLUMNS)
        search_moves_list(self.search, self.table)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.ResizeToContents)  # not clipped
        self.table.doubleClicked.connect(lambda _index: self.accept())
        lay.addWidget(self.table, 1)
        self.count_label = QLabel(self)
        lay.addWidget(self.count_label)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_("&Use this product"))
        ok.setAccessibleName(_("Fill the item from the selected product"))
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName(_("Cancel"))
        self.ok_button = ok
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.refresh()
        self.search.setFocus()
        settle_alt_letters(self)

    def refresh(self) -> None:
        self.products = imports.find_products(self.ws, self.search.text())
        self.table.setRowCount(len(self.products))
        for row, p in enumerate(self.products):
            cells = (p.sku, p.description or p.name, p.hs_code, p.origin_country, p.net_weight_kg)
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, row)
                self.table.setItem(row, col, item)
        if self.products:
            self.table.selectRow(0)
        self.ok_button.setEnabled(bool(self.products))
        self.count_label.setText(
            ngettext("{n} product", "{n} products", len(self.products)).format(n=len(self.products))
        )

    def chosen(self) -> imports.Product | None:
        rows = self.table.selectionModel().selectedRows()
        return self.products[rows[0].row()] if rows else None

    def accept(self) -> None:
        if self.chosen() is not None:
            super().accept()
