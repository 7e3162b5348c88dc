"""The main window: the guided flow sender -> recipient -> items -> review -> documents."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QBoxLayout,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QListView,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from shipdesk import __version__
from shipdesk.core import services
from shipdesk.core.errors import ShipdeskError
from shipdesk.core.i18n import N_, _, error_text, ngettext
from shipdesk.core.model import Declaration
from shipdesk.core.services import Workspace, declarations, imports, records
from shipdesk.gui import workers
from shipdesk.gui.dialogs.address_book import AddressBookDialog
from shipdesk.gui.dialogs.history import HistoryDialog
from shipdesk.gui.dialogs.import_dialog import ImportDialog
from shipdesk.gui.dialogs.products import ProductPickerDialog
from shipdesk.gui.dialogs.settings import SettingsDialog
from shipdesk.gui.pages.documents import DocumentsPage
from shipdesk.gui.pages.items import ItemsPage
from shipdesk.gui.pages.parties import PartyPage
from shipdesk.gui.pages.review import ReviewPage
from shipdesk.gui.session import EditSession, field_step
from shipdesk.gui.widgets.scrolling import scrolling

if TYPE_CHECKING:
    from shipdesk.core.services.declarations import Finding, ValidationResult

COUNTER_SCALE = 1.4  # the counter layout's type size, relative to the system's
QWIDGETSIZE_MAX = (1 << 24) - 1

STEPS = [N_("1  Sender"), N_("2  Recipient"), N_("3  Items"), N_("4  Review"), N_("5  Documents")]


class MainWindow(QMainWindow):
    def __init__(self, workspace: Workspace, session: EditSession | None = None):
        super().__init__()
        self.ws = workspace
        self.session = session or EditSession(workspace, parent=self)
        self.setWindowTitle("ShipDesk")
        self.resize(1100, 760)

        central = QWidget(self)
        self.setCentralWidget(central)
        outer = QHBoxLayout(central)
        self._outer = outer
        self.steps = QListWidget(central)
        self.steps.setObjectName("steps")
        self.steps.setAccessibleName(_("Steps"))
        self.steps.addItems([_(s) for s in STEPS])
        self.steps.setFixedWidth(150)
        outer.addWidget(self.steps)
        right = QVBoxLayout()
        self._right = right
        self._scroll: QScrollArea | None = None  # holds the pages in the counter layout
        outer.addLayout(right, 1)
        self.stack = QStackedWidget(central)
        right.addWidget(self.stack, 1)

        self.sender_page = PartyPage(self.session, "sender", self.stack)
        self.recipient_page = PartyPage(self.session, "recipient", self.stack)
        self.items_page = ItemsPage(self.session, self.stack)
        self.review_page = ReviewPage(self.session, self.stack)
        self.documents_page = DocumentsPage(
            self.session, self.review_page.blocking_findings, self.stack
        )
        self.pages = [
            self.sender_page,
            self.recipient_page,
            self.items_page,
            self.review_page,
            self.documents_page,
        ]
        for p in self.pages:
            # Each step scrolls rather than growing the window past a small screen.
            self.stack.addWidget(scrolling(p, self.stack))
        self.review_page.jump.connect(self.go_to_field)
        self.documents_page.rendered.connect(self._after_render)
        self.documents_page.next_customer_btn.clicked.connect(self.next_customer)

        nav = QHBoxLayout()
        self.back_btn = QPushButton(_("◀ &Back"), central)
        self.back_btn.setObjectName("backButton")
        self.next_btn = QPushButton(_("&Next ▶"), central)
        self.next_btn.setObjectName("nextButton")
        self.back_btn.clicked.connect(lambda: self.go_to_step(self.stack.currentIndex() - 1))
        self.next_btn.clicked.connect(lambda: self.go_to_step(self.stack.currentIndex() + 1))
        nav.addStretch(1)
        nav.addWidget(self.back_btn)
        nav.addWidget(self.next_btn)
        right.addLayout(nav)
        self.steps.currentRowChanged.connect(self._on_step_row)
        self._build_actions()
        self.session.saved.connect(self._on_saved)
        self.session.save_failed.connect(self._on_save_failed)
        self.session.checked.connect(self._on_checked)
        self.apply_layout()
        self.go_to_step(0)

    # -- actions -----------------------------------------------------------------------------
    def _build_actions(self) -> None:
        mb = self.menuBar()
        file_menu = mb.addMenu(_("&File"))

        def act(
            text: str,
            slot: Callable[..., object],
            shortcut: QKeySequence.StandardKey | str | None = None,
            name: str = "",
        ) -> QAction:
            a = QAction(text, self)
            if shortcut is not None:
                a.setShortcut(QKeySequence(shortcut))
            a.triggered.connect(slot)
            a.setObjectName(name or text)
            self.addAction(a)
            return a

        self.new_action = act(
            _("&New declaration"), self.new_declaration, QKeySequence.StandardKey.New, "new"
        )
        self.open_action = act(_("&Open…"), self.open_dialog, QKeySequence.StandardKey.Open, "open")
        self.save_action = act(_("&Save"), self.save, QKeySequence.StandardKey.Save, "save")
        self.save_as_action = act(
            _("Save &as…"), self.save_as_dialog, QKeySequence.StandardKey.SaveAs, "saveAs"
        )
        self.next_customer_action = act(
            _("Ne&xt customer (clear customer data)"),
            self.next_customer,
            "Ctrl+Shift+N",
            "nextCustomer",
        )
        self.import_action = act(_("&Import spreadsheet…"), self.import_dialog, "Ctrl+I", "import")
        self.settings_action = act(_("Se&ttings…"), self.settings_dialog, "Ctrl+,", "settings")
        self.history_action = act(_("&History…"), self.history_dialog, "Ctrl+H", "history")
        self.address_book_action = act(
            _("&Address book…"), self.address_book_dialog, "Ctrl+Shift+A", "addressBook"
        )
        self.choose_product_action = act(
            _("Choose a &product for the item…"),
            self.choose_product_dialog,
            "Ctrl+Shift+P",
            "chooseProduct",
        )
        self.save_product_action = act(
            _("Save the item as a p&roduct…"),
            self.save_item_as_product_dialog,
            "Ctrl+Alt+P",
            "saveAsProduct",
        )
        self.quit_action = act(_("&Quit"), self.close, QKeySequence.StandardKey.Quit, "quit")
        for a in (self.new_action, self.open_action, self.save_action, self.save_as_action):
            file_menu.addAction(a)
        file_menu.addAction(self.history_action)
        file_menu.addSeparator()
        file_menu.addAction(self.import_action)
        file_menu.addAction(self.next_customer_action)
        file_menu.addSeparator()
        file_menu.addAction(self.settings_action)
        file_menu.addAction(self.quit_action)

        go = mb.addMenu(_("&Go"))
        self.next_action = act(
            _("Next step"),
            lambda: self.go_to_step(self.stack.currentIndex() + 1),
            "Alt+Right",
            "next",
        )
        self.back_action = act(
            _("Previous step"),
            lambda: self.go_to_step(self.stack.currentIndex() - 1),
            "Alt+Left",
            "back",
        )
        go.addAction(self.next_action)
        go.addAction(self.back_action)
        for i, label in enumerate(STEPS):
            a = act(
                _(label).split("  ")[-1], lambda _=False, i=i: self.go_to_step(i), f"Ctrl+{i + 1}"
            )
            go.addAction(a)
        tools_menu = mb.addMenu(_("&Tools"))
        tools_menu.addAction(self.address_book_action)
        tools_menu.addSeparator()
        tools_menu.addAction(self.choose_product_action)
        tools_menu.addAction(self.save_product_action)
        help_menu = mb.addMenu(_("&Help"))
        help_menu.addAction(act(_("&About ShipDesk"), self.about, None, "about"))

    # -- navigation --------------------------------------------------------------------------
    def go_to_step(self, index: int) -> None:
        index = max(0, min(index, len(self.pages) - 1))
        if self.stack.currentIndex() != index:
            self.session.flush()
        self.session.reveal(range(index))  # moving on shows the problems of the steps passed
        self.stack.setCurrentIndex(index)
        if self.steps.currentRow() != index:
            self.steps.setCurrentRow(index)
        self.back_btn.setEnabled(index > 0)
        self.next_btn.setEnabled(index < len(self.pages) - 1)
        if index == 3:
            self.session.check_now()

    def _on_step_row(self, row: int) -> None:
        if row >= 0 and row != self.stack.currentIndex():
            self.go_to_step(row)

    def go_to_field(self, path: str) -> None:
        if path.startswith("sender."):
            self.go_to_step(0)
            self.sender_page.focus_field(path.split(".", 1)[1])
        elif path.startswith("recipient."):
            self.go_to_step(1)
            self.recipient_page.focus_field(path.split(".", 1)[1])
        else:
            self.go_to_step(2)
            self.items_page.focus_field(path)

    # -- files -------------------------------------------------------------------------------
    def new_declaration(self) -> None:
        self.session.load(self.default_declaration())
        self.go_to_step(0)

    def default_declaration(self) -> Declaration:
        return declarations.new_declaration(self.ws)

    def open_path(self, path: Path) -> bool:
        try:
            decl = declarations.load(path)
        except ShipdeskError as exc:
            QMessageBox.warning(self, _("Open declaration"), error_text(exc))
            return False
        self.session.load(decl, path=path)
        self.go_to_step(3)
        return True

    def open_dialog(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Open declaration"), "", _("ShipDesk declarations (*.shipdesk.json *.json)")
        )
        if path:
            self.open_path(Path(path))

    def save_to(self, path: Path) -> bool:
        try:
            declarations.save(path, self.session.decl)
        except OSError as exc:
            QMessageBox.warning(
                self,
                _("Save"),
                _("Could not save {path}: {error}").format(path=path, error=exc.strerror),
            )
            return False
        self.session.path = path
        self.statusBar().showMessage(_("Saved {path}").format(path=path), 5000)
        return True

    def save(self) -> None:
        if self.session.path is None:
            self.save_as_dialog()
        else:
            self.save_to(self.session.path)

    def save_as_dialog(self) -> None:
        name = self.session.decl.invoice_number or self.session.decl.item_id or "declaration"
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Save declaration"), f"{name}.shipdesk.json", _("ShipDesk (*.shipdesk.json)")
        )
        if path:
            self.save_to(Path(path))

    def next_customer(self) -> bool:
        """Counter use: delete everything of this customer (the core decides what that is) and
        start a fresh declaration on the first step, every page emptied. A declaration with a
        recipient or an item but no PDF yet is deleted only once the user confirms (a stray
        Ctrl+Shift+N must not lose typed work)."""
        decl = self.session.decl
        unprinted = self.documents_page.pdf is None and decl.has_customer_input()
        if unprinted:
            answer = QMessageBox.question(
                self,
                _("Next customer"),
                _("No PDF was made for this customer. Delete what was typed anyway?"),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        self.session.stop_saving()
        draft_id = self.session.draft_id
        workers.wait_all(5000)  # a PDF still being made must not land on the next customer
        records.next_customer(self.ws, draft_id)
        self.session.load(self.default_declaration())  # every page re-reads (and empties)
        for page in (self.sender_page, self.recipient_page):
            page.refresh_saved()
        self.go_to_step(0)
        self.statusBar().showMessage(_("Customer data cleared. Ready for the next customer."), 5000)
        return True

    def _after_render(self, _pdf: bytes) -> None:
        if records.remember_address(self.ws, "recipient", self.session.decl.recipient):
            self.recipient_page.refresh_saved()
        if records.after_printed(self.ws, self.session.draft_id):
            self.statusBar().showMessage(
                _("PDF ready. The draft is deleted; use Next customer (Ctrl+Shift+N) when done."),
                8000,
            )

    def history_dialog(self) -> HistoryDialog:
        self.session.flush()  # the declaration being typed is listed as it is now
        dlg = HistoryDialog(self.ws, self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # no customer stays in a widget
        dlg.open_requested.connect(self.open_draft)
        dlg.deleted.connect(self._draft_deleted)
        dlg.open()
        return dlg

    def open_draft(self, draft_id: str) -> bool:
        """Load a kept declaration from the history; editing goes on in that draft."""
        try:
            decl = declarations.load_draft(self.ws, draft_id)
        except ShipdeskError as exc:
            QMessageBox.warning(self, _("History"), error_text(exc))
            return False
        if decl is None:
            return False
        self.session.load(decl, draft_id=draft_id)
        self.go_to_step(3)
        return True

    def _draft_deleted(self, draft_id: str) -> None:
        if draft_id == self.session.draft_id:  # it must not be saved back as the user types
            self.session.stop_saving()
            self.session.load(self.default_declaration())
            self.go_to_step(0)

    def address_book_dialog(self) -> AddressBookDialog:
        dlg = AddressBookDialog(self.ws, self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # no customer stays in a widget
        dlg.finished.connect(lambda _r: self._address_book_closed())
        dlg.open()
        return dlg

    def _address_book_closed(self) -> None:
        for page in (self.sender_page, self.recipient_page):
            page.refresh_saved()

    def choose_product_dialog(self) -> bool:
        """Fill the current item (a new one on an empty row) from a product of the catalogue."""
        dlg = ProductPickerDialog(self.ws, self)
        if not dlg.exec():
            return False
        product = dlg.chosen()
        return product is not None and self.use_product(product) >= 0

    def _item_row(self) -> int:
        row = self.items_page.current_row()
        n = len(self.session.decl.items)
        return row if 0 <= row <= n else n

    def use_product(self, product: imports.Product) -> int:
        """Put ``product``'s facts into the current item through the items model (so the
        table shows them at once, nothing reset); returns the row, -1 when nothing was set."""
        row = self._item_row()
        items = self.session.decl.items
        quantity = items[row].quantity if row < len(items) else "1"
        fields = imports.product_item_fields(product, quantity)
        if not fields:
            return -1
        self.go_to_step(2)
        model = self.items_page.model
        for key in ("description", "net_weight_kg", "hs_code", "origin_country"):
            if key in fields:
                model.set_field(row, key, fields[key])
        self.items_page.table.setCurrentIndex(model.index(row, 0))
        self.statusBar().showMessage(
            _("Item filled from product {sku}.").format(sku=product.sku), 5000
        )
        return row

    def save_item_as_product_dialog(self) -> bool:
        row = self.items_page.current_row()
        if not 0 <= row < len(self.session.decl.items):
            self.statusBar().showMessage(_("Choose an item on the Items step first."), 5000)
            return False
        sku, ok = QInputDialog.getText(
            self,
            _("Save as product"),
            _("Product code (SKU); leave empty to make one from the description:"),
        )
        return ok and self.save_item_as_product(row, sku) is not None

    def save_item_as_product(self, row: int, sku: str = "") -> imports.Product | None:
        try:
            product = imports.save_item_as_product(self.ws, self.session.decl.items[row], sku)
        except ShipdeskError as exc:
            self.statusBar().showMessage(error_text(exc), 8000)
            return None
        self.statusBar().showMessage(_("Saved as product {sku}.").format(sku=product.sku), 5000)
        return product

    def import_dialog(self) -> None:
        dlg = ImportDialog(self.ws, parent=self)
        dlg.exec()

    def settings_dialog(self) -> None:
        dlg = SettingsDialog(self.ws, self)
        if dlg.exec():
            self.apply_layout()
            self.session.check_now()

    def apply_layout(self) -> None:
        """The counter layout of the settings: large type, one column (the steps above the
        page, every page's panels under each other), the plain answer on restricted goods."""
        counter = records.settings(self.ws).counter_layout
        font = QApplication.font()
        if counter:
            font.setPointSizeF(font.pointSizeF() * COUNTER_SCALE)
        self.setFont(font)
        self._outer.setDirection(
            QBoxLayout.Direction.TopToBottom if counter else QBoxLayout.Direction.LeftToRight
        )
        self.steps.setFlow(QListView.Flow.LeftToRight if counter else QListView.Flow.TopToBottom)
        if counter:
            self.steps.setMinimumWidth(0)
            self.steps.setMaximumWidth(QWIDGETSIZE_MAX)
            self.steps.setFixedHeight(self.steps.fontMetrics().height() * 2 + 8)
        else:
            self.steps.setMinimumHeight(0)
            self.steps.setMaximumHeight(QWIDGETSIZE_MAX)
            self.steps.setFixedWidth(150)
        self.items_page.set_one_column(counter)
        self.review_page.set_counter(counter)
        self._scroll_pages(counter)

    def _scroll_pages(self, on: bool) -> None:
        """Large type makes the pages taller than a laptop screen: in the counter layout they
        scroll inside the window instead of pushing its minimum height past the screen."""
        if on and self._scroll is None:
            self._right.removeWidget(self.stack)
            scroll = QScrollArea(self.centralWidget())
            scroll.setObjectName("pagesScroll")
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            scroll.setWidget(self.stack)
            self._right.insertWidget(0, scroll, 1)
            self._scroll = scroll
        elif not on and self._scroll is not None:
            scroll, self._scroll = self._scroll, None
            self._right.removeWidget(scroll)
            stack = scroll.takeWidget()
            stack.setParent(self.centralWidget())
            self._right.insertWidget(0, stack, 1)
            stack.show()
            scroll.deleteLater()

    def about(self) -> None:
        found = services.data_versions(self.ws.folders)
        versions = "<br>".join(f"{k}: {v}" for k, v in found.items())
        QMessageBox.about(
            self,
            _("About ShipDesk"),
            f"<b>ShipDesk {__version__}</b><br>"
            + _("Customs declarations for postal shipments, offline.")
            + f"<br><br>{versions}",
        )

    # -- status ------------------------------------------------------------------------------
    def _on_saved(self, _draft_id: str) -> None:
        self.statusBar().showMessage(_("Draft saved"), 2000)

    def _on_save_failed(self, error: str) -> None:
        self.statusBar().showMessage(
            _(
                "Draft not saved: {error}. Your typing is kept; it is saved at the next edit."
            ).format(error=error),
            15000,
        )

    def _on_checked(self, result: ValidationResult | None, findings: list[Finding] | None) -> None:
        n_err = sum(1 for p in self.session.shown_problems() if p.level == "error")
        level = declarations.highest_level(findings or [])
        worst = {
            "prohibited": " · " + _("prohibited item"),
            "restricted": " · " + _("restricted item"),
        }.get(level or "", "")
        form = result.form.upper() if result is not None else "?"
        errors = " · " + ngettext("{n} error", "{n} errors", n_err).format(n=n_err) if n_err else ""
        self.setWindowTitle(f"ShipDesk – {form}{errors}{worst}")
        self.mark_steps()

    def mark_steps(self) -> None:
        """A mark on each step left or touched: ✔ done, ⚠ needs attention; said in words to
        screen readers and in the tooltip, never by colour alone."""
        shown = self.session.shown_problems()
        errors = {field_step(p.field) for p in shown if p.level == "error"}
        seen = set(self.session.revealed) | {field_step(t) for t in self.session.touched}
        review_step = len(STEPS) - 2
        if self.review_page.blocking_findings() or (
            self.session.validation is not None and self.session.validation.errors
        ):
            errors.add(review_step)
        for i, label in enumerate(STEPS):
            item = self.steps.item(i)
            if item is None:
                continue
            name = _(label).split("  ")[-1]
            if i in errors and i in seen:
                mark, state = "⚠ ", _("{step}: needs attention").format(step=name)
            elif i in seen and i in self.session.revealed:
                mark, state = "✔ ", _("{step}: done").format(step=name)
            else:
                mark, state = "", name
            item.setText(mark + _(label))
            item.setData(Qt.ItemDataRole.AccessibleTextRole, state)
            item.setToolTip(state if mark else "")

    def closeEvent(self, event: QCloseEvent) -> None:
        self.session.flush()
        workers.wait_all(5000)
        records.tidy_at_quit(self.ws)  # previews; with "keep drafts: nothing", every draft
        event.accept()
