"""History: the declarations the user database still keeps, to open, duplicate, print again,
export or delete.

Only what storage keeps is listed: the "keep drafts" setting and "Next customer" decide that
(see ``records``). Every action is a call to the services; this dialog only shows the results.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shipdesk.core.errors import ShipdeskError
from shipdesk.core.i18n import N_, _, error_text, ngettext
from shipdesk.core.services import Workspace, declarations, records
from shipdesk.gui.alt_letters import settle_alt_letters
from shipdesk.gui.dialogs.common import list_table, search_moves_list, search_row

COLUMNS = (N_("Recipient"), N_("Country"), N_("Date"), N_("First item"), N_("Status"))
STATUS_WORDS = {"draft": N_("draft"), "printed": N_("printed")}


def shown_date(iso: str) -> str:
    """An ISO time from the database as local date and minutes ('' stays '')."""
    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso


class HistoryDialog(QDialog):
    open_requested = Signal(str)  # draft id: the window loads it
    deleted = Signal(str)  # draft id: the window lets go of it if it is the one open
    # draft id: the window opens it on the Documents step and makes its PDF there, where Enter
    # (on Print…) or Ctrl+P prints it and Ctrl+E saves it: all by keyboard, no file dialog first
    reprint_requested = Signal(str)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = workspace
        self.kept: list[declarations.HistoryEntry] = []  # read once, filtered per key
        self.entries: list[declarations.HistoryEntry] = []
        self.setWindowTitle(_("History"))
        self.resize(820, 480)
        lay = QVBoxLayout(self)

        self.search, top = search_row(
            self,
            "history.search",
            _("Search recipient, country or item…"),
            _("Search the history"),
            self.refresh,
        )
        self.status = QComboBox(self)
        self.status.setObjectName("history.status")
        self.status.setAccessibleName(_("Show declarations by status"))
        self.status.addItem(_("All"), "")
        self.status.addItem(_("Drafts"), "draft")
        self.status.addItem(_("Printed"), "printed")
        self.status.currentIndexChanged.connect(self.refresh)
        status_label = QLabel(_("S&how"), self)
        status_label.setBuddy(self.status)
        top.addWidget(status_label)
        top.addWidget(self.status)
        lay.addLayout(top)

        self.table = list_table(self, "history.table", _("Past declarations"), COLUMNS)
        search_moves_list(self.search, self.table)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.table.itemSelectionChanged.connect(self._update_buttons)
        lay.addWidget(self.table, 1)

        self.count_label = QLabel(self)
        self.count_label.setObjectName("history.count")
        lay.addWidget(self.count_label)

        buttons = QHBoxLayout()

        def button(text: str, name: str, accessible: str, slot: object) -> QPushButton:
            b = QPushButton(text, self)
            b.setObjectName(name)
            b.setAccessibleName(accessible)
            b.clicked.connect(slot)
            buttons.addWidget(b)
            return b

        self.open_btn = button(
            _("&Open"), "history.open", _("Open the selected declaration"), self.open_selected
        )
        self.duplicate_btn = button(
            _("&Duplicate"),
            "history.duplicate",
            _("Duplicate the selected declaration"),
            self.duplicate_selected,
        )
        self.reprint_btn = button(
            _("&Print again…"),
            "history.reprint",
            _("Make the PDF of the selected declaration again"),
            self.reprint_selected,
        )
        self.export_btn = button(
            _("&Export…"),
            "history.export",
            _("Save the selected declaration as a file"),
            self.export_dialog,
        )
        self.delete_btn = button(
            _("De&lete"),
            "history.delete",
            _("Delete the selected declaration"),
            self.delete_selected,
        )
        buttons.addStretch(1)
        close = button(_("&Close"), "history.close", _("Close the history"), self.reject)
        close.setAutoDefault(False)
        lay.addLayout(buttons)
        self.message = QLabel(self)
        self.message.setObjectName("history.message")
        self.message.setWordWrap(True)
        lay.addWidget(self.message)
        self.reload()
        self.search.setFocus()
        settle_alt_letters(self)

    # -- the list ----------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the kept declarations again (after an action changed them) and show them."""
        self.kept = declarations.kept_declarations(self.ws)
        self.refresh()

    def refresh(self) -> None:
        """Show the kept declarations matching the search and the status (no storage read)."""
        keep = self.selected_id()
        self.entries = declarations.filter_declarations(
            self.kept, self.search.text(), status=self.status.currentData() or ""
        )
        self.table.setRowCount(len(self.entries))
        for row, e in enumerate(self.entries):
            first = e.first_item
            if e.items > 1:
                first += " " + ngettext("(+{n} more)", "(+{n} more)", e.items - 1).format(
                    n=e.items - 1
                )
            cells = (
                e.recipient or _("(no recipient)"),
                e.country,
                shown_date(e.date),
                first,
                _(STATUS_WORDS.get(e.status, e.status)),
            )
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, e.draft_id)
                self.table.setItem(row, col, item)
        self.table.resizeColumnsToContents()
        self.count_label.setText(
            ngettext("{n} declaration kept", "{n} declarations kept", len(self.entries)).format(
                n=len(self.entries)
            )
        )
        if keep is not None:
            self.select(keep)
        elif self.entries:
            self.table.selectRow(0)
        self._update_buttons()

    def selected_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.table.item(rows[0].row(), 0)
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    def select(self, draft_id: str) -> bool:
        for row, e in enumerate(self.entries):
            if e.draft_id == draft_id:
                self.table.selectRow(row)
                return True
        return False

    def _update_buttons(self) -> None:
        some = self.selected_id() is not None
        for b in (
            self.open_btn,
            self.duplicate_btn,
            self.reprint_btn,
            self.export_btn,
            self.delete_btn,
        ):
            b.setEnabled(some)

    def _failed(self, exc: ShipdeskError | OSError) -> None:
        text = error_text(exc) if isinstance(exc, ShipdeskError) else str(exc)
        self.message.setText("✖ " + text)
        self.reload()

    # -- actions -----------------------------------------------------------------------------
    def open_selected(self) -> None:
        draft_id = self.selected_id()
        if draft_id is None:
            return
        self.open_requested.emit(draft_id)
        self.accept()

    def duplicate_selected(self) -> str | None:
        draft_id = self.selected_id()
        if draft_id is None:
            return None
        try:
            new_id = declarations.duplicate_draft(self.ws, draft_id)
        except ShipdeskError as exc:
            self._failed(exc)
            return None
        self.search.clear()  # the copy is listed first
        self.reload()
        self.select(new_id)
        self.message.setText("✔ " + _("Duplicated: the copy is a new draft."))
        return new_id

    def ask_path(self, title: str, suggested: str, pattern: str) -> Path | None:
        path, _filter = QFileDialog.getSaveFileName(self, title, suggested, pattern)
        return Path(path) if path else None

    def confirm(self, text: str) -> bool:
        answer = QMessageBox.question(
            self,
            _("History"),
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _file_stem(self) -> str:
        rows = self.table.selectionModel().selectedRows()
        e = self.entries[rows[0].row()] if rows else None
        who = (e.recipient if e else "") or "declaration"
        return "".join(c if c.isalnum() else "-" for c in who).strip("-") or "declaration"

    def reprint_selected(self) -> None:
        """Print the selected declaration again: the window shows its PDF on the Documents
        step (``reprint_requested``). Before, a file dialog asked where to save it first: the
        one step of the History a keyboard could not finish."""
        draft_id = self.selected_id()
        if draft_id is None:
            return
        self.accept()  # closed first: the window's focus is then the one it sets
        self.reprint_requested.emit(draft_id)

    def reprint_to(self, draft_id: str, path: Path) -> bool:
        lang = records.settings(self.ws).document_language
        try:
            declarations.reprint_draft(self.ws, draft_id, path, lang=lang)
        except (ShipdeskError, OSError) as exc:
            self._failed(exc)
            return False
        self.reload()
        self.message.setText("✔ " + _("Saved {path}").format(path=path))
        return True

    def export_dialog(self) -> None:
        draft_id = self.selected_id()
        if draft_id is None:
            return
        path = self.ask_path(
            _("Save declaration"),
            f"{self._file_stem()}.shipdesk.json",
            _("ShipDesk (*.shipdesk.json)"),
        )
        if path is not None:
            self.export_to(draft_id, path)

    def export_to(self, draft_id: str, path: Path) -> bool:
        try:
            declarations.export_draft(self.ws, draft_id, path)
        except (ShipdeskError, OSError) as exc:
            self._failed(exc)
            return False
        self.message.setText("✔ " + _("Saved {path}").format(path=path))
        return True

    def delete_selected(self) -> bool:
        draft_id = self.selected_id()
        if draft_id is None:
            return False
        if not self.confirm(_("Delete this declaration? This cannot be undone.")):
            return False
        records.delete_declaration(self.ws, draft_id)
        self.deleted.emit(draft_id)
        self.reload()
        self.message.setText("✔ " + _("Deleted."))
        return True
