"""The address-book manager: every kept sender and recipient, to find, edit and delete.

An address edited here counts as saved on purpose (it survives "Next customer"); a deleted one
is gone from the database files too. The rules live in ``records``; this dialog only shows.
"""

from __future__ import annotations

import copy
import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shipdesk.core.i18n import N_, _, ngettext
from shipdesk.core.model import Party
from shipdesk.core.services import Workspace, records
from shipdesk.gui.alt_letters import settle_alt_letters
from shipdesk.gui.dialogs.common import list_table, search_moves_list, search_row
from shipdesk.gui.widgets.party_form import PartyForm

COLUMNS = (N_("Role"), N_("Address"), N_("Kept"))
ROLE_WORDS = {"sender": N_("Sender"), "recipient": N_("Recipient")}


class AddressBookDialog(QDialog):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = workspace
        self.entries: list[records.Entry] = []
        self.current: records.Entry | None = None
        self.party = Party()
        self._warned = False  # Escape with an address that cannot be saved: said once
        self.setWindowTitle(_("Address book"))
        self.resize(900, 520)
        lay = QVBoxLayout(self)

        self.search, top = search_row(
            self,
            "addresses.search",
            _("Search name, street, city, e-mail…"),
            _("Search the address book"),
            self.refresh,
        )
        lay.addLayout(top)

        split = QSplitter(self)
        self.table = list_table(split, "addresses.table", _("Kept addresses"), COLUMNS)
        search_moves_list(self.search, self.table)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._show_selected)
        split.addWidget(self.table)
        self.forms = QStackedWidget(split)
        self.form_for = {role: PartyForm(role, self.forms) for role in ROLE_WORDS}
        for form in self.form_for.values():
            self.forms.addWidget(form)
        split.addWidget(self.forms)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        lay.addWidget(split, 1)

        buttons = QHBoxLayout()
        self.count_label = QLabel(self)
        buttons.addWidget(self.count_label, 1)
        self.save_btn = QPushButton(_("&Save changes"), self)
        self.save_btn.setObjectName("addresses.save")
        self.save_btn.setAccessibleName(_("Save the changes to this address"))
        self.save_btn.clicked.connect(self.save_current)
        self.delete_btn = QPushButton(_("De&lete"), self)
        self.delete_btn.setObjectName("addresses.delete")
        self.delete_btn.setAccessibleName(_("Delete the selected address"))
        self.delete_btn.clicked.connect(self.delete_selected)
        close = QPushButton(_("&Close"), self)
        close.setObjectName("addresses.close")
        close.setAccessibleName(_("Close the address book"))
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        for b in (self.save_btn, self.delete_btn, close):
            buttons.addWidget(b)
        lay.addLayout(buttons)
        self.message = QLabel(self)
        self.message.setObjectName("addresses.message")
        self.message.setWordWrap(True)
        lay.addWidget(self.message)
        self.refresh()
        self.search.setFocus()
        settle_alt_letters(self)

    def refresh(self) -> None:
        if not self._keep_edits():
            return  # the edited address needs a name first (the message says so)
        keep = self.current.id if self.current is not None else None
        self.entries = records.address_entries(self.ws, self.search.text())
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.entries))
        for row, e in enumerate(self.entries):
            cells = (
                _(ROLE_WORDS.get(e.role, e.role)),
                e.label,
                _("saved") if e.saved else _("until the next customer"),
            )
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, e.id)
                self.table.setItem(row, col, item)
        self.table.blockSignals(False)
        self.count_label.setText(
            ngettext("{n} address", "{n} addresses", len(self.entries)).format(n=len(self.entries))
        )
        rows = [i for i, e in enumerate(self.entries) if e.id == keep]
        self.table.clearSelection()
        if rows or self.entries:
            self.table.selectRow(rows[0] if rows else 0)
        self._show_selected()

    def _edited(self) -> bool:
        """Whether the shown address was changed and not saved yet."""
        return self.current is not None and self.party != self.current.party

    def _keep_edits(self) -> bool:
        """Save the shown address when it was edited (nothing typed is dropped by moving to
        another address, searching or closing); False when it cannot be saved."""
        if not self._edited():
            return True
        assert self.current is not None
        if not records.update_address(self.ws, self.current.id, self.party):
            self.message.setText("✖ " + _("An address needs a name or a company."))
            return False
        saved = dataclasses.replace(self.current, party=copy.deepcopy(self.party), saved=True)
        self.entries = [saved if e.id == saved.id else e for e in self.entries]
        self.current = saved
        self.message.setText("✔ " + _("Address saved."))
        return True

    def _show_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        chosen = self.entries[rows[0].row()] if rows else None
        if self._edited():
            assert self.current is not None
            if chosen is not None and chosen.id == self.current.id:
                return  # the same address listed again (a search typed): edits stay shown
            if not self._keep_edits():
                self.table.blockSignals(True)  # back to the address that needs a name
                self.table.selectionModel().blockSignals(True)
                self.select_entry(self.current.id)
                self.table.selectionModel().blockSignals(False)
                self.table.blockSignals(False)
                return
        self.current = chosen
        some = self.current is not None
        self.save_btn.setEnabled(some)
        self.delete_btn.setEnabled(some)
        self.forms.setEnabled(some)
        if self.current is None:
            return
        role = self.current.role if self.current.role in self.form_for else "recipient"
        self.party = copy.deepcopy(self.current.party)
        form = self.form_for[role]
        form.bind(self.party)
        self.forms.setCurrentWidget(form)

    def select_entry(self, entry_id: int) -> bool:
        for row, e in enumerate(self.entries):
            if e.id == entry_id:
                self.table.selectRow(row)
                return True
        return False

    def save_current(self) -> bool:
        if self.current is None:
            return False
        if not records.update_address(self.ws, self.current.id, self.party):
            self.message.setText("✖ " + _("An address needs a name or a company."))
            return False
        self.message.setText("✔ " + _("Address saved."))
        self.refresh()
        return True

    def reject(self) -> None:
        """Escape or Close: an edited address is saved first; one that cannot be (no name nor
        company) keeps the dialog open once, with the reason, and the next Escape leaves it."""
        if not self._keep_edits() and not self._warned:
            self._warned = True
            return
        super().reject()

    def confirm(self, text: str) -> bool:
        answer = QMessageBox.question(
            self,
            _("Address book"),
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def delete_selected(self) -> bool:
        if self.current is None:
            return False
        if not self.confirm(_("Delete this address? This cannot be undone.")):
            return False
        records.delete_address(self.ws, self.current.id)
        self.current = None
        self.message.setText("✔ " + _("Deleted."))
        self.refresh()
        return True
