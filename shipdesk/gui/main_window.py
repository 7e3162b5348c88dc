"""The main window: the guided flow sender -> recipient -> items -> review -> documents.

Over 600 lines because it holds the window's whole action table (every action with its key and
its menu, about 200 lines in ``_build_actions``) beside the slots those actions call; the pages,
dialogs and widgets live in their own modules and all decisions are made in the core. Moving the
action table out needs a typed home for the ~20 actions other code reads (``w.save_action`` ...)
without an import cycle between the two modules; until then it stays here. The step change's
timing (what the turn that opens a step paints, the hidden steps laid out again after a resize,
about 70 lines) is here too: it needs the stack, the pages and the draft save it moves between.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
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
    QMenu,
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
from shipdesk.gui.alt_letters import settle_menu_letters
from shipdesk.gui.dialogs.address_book import AddressBookDialog
from shipdesk.gui.dialogs.history import HistoryDialog
from shipdesk.gui.dialogs.import_dialog import ImportDialog
from shipdesk.gui.dialogs.products import ProductPickerDialog
from shipdesk.gui.dialogs.settings import SettingsDialog
from shipdesk.gui.idle_layout import prepare_hidden_pages
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
# After moving to a step, its draft save is handed to the pool this much later: not in the
# turns that show and paint the step (docs/benchmarks.md, "Typing latency").
SAVE_AFTER_MOVE_MS = 100
# The steps not shown are laid out again at the new size this long after the last resize.
RELAYOUT_AFTER_RESIZE_MS = 300

STEPS = [N_("1  Sender"), N_("2  Recipient"), N_("3  Items"), N_("4  Review"), N_("5  Documents")]


def key_sequences(keys: str | tuple[QKeySequence.StandardKey, str]) -> list[QKeySequence]:
    """The platform's keys for a standard action (Save, Print...), else the ones given."""
    if isinstance(keys, str):
        return [QKeySequence(keys)]
    standard, fallback = keys
    return QKeySequence.keyBindings(standard) or [QKeySequence(fallback)]


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
        self.pages: list[PartyPage | ItemsPage | ReviewPage | DocumentsPage] = [
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
        for button in (self.back_btn, self.next_btn):
            button.setAutoDefault(True)  # Enter on the focused button presses it
        self.back_btn.clicked.connect(self.go_back)
        self.next_btn.clicked.connect(self.go_next)
        nav.addStretch(1)
        nav.addWidget(self.back_btn)
        nav.addWidget(self.next_btn)
        right.addLayout(nav)
        self.steps.currentRowChanged.connect(self._on_step_row)
        self._build_actions()
        self.session.saved.connect(self._on_saved)
        self.session.save_failed.connect(self._on_save_failed)
        self.session.checked.connect(self._on_checked)
        # After a move: the draft save goes to the pool once the step is painted, and the
        # parts of the step below where typing starts are painted in the turn after it.
        self._preparing: QTimer | None = None  # laying out the steps not shown
        self._preparing_paints = False  # ... and painting them (the first round)
        self._relayout: QTimer | None = None  # ... again, after a resize (once prepared)
        self._save_after_move = QTimer(self, singleShot=True, interval=SAVE_AFTER_MOVE_MS)
        self._save_after_move.timeout.connect(self.session.save_soon)
        self._painted_later: list[QWidget] = []
        self._paint_rest = QTimer(self, singleShot=True, interval=0)
        self._paint_rest.timeout.connect(self._paint_the_rest)
        self.apply_layout()
        self.go_to_step(0)

    # -- actions -----------------------------------------------------------------------------
    def _build_actions(self) -> None:
        """Every action of the window has a key and is listed in a menu with it; a control
        that does the same (a button of a page) carries the action's tooltip."""
        mb = self.menuBar()

        def act(
            text: str,
            slot: Callable[..., object],
            shortcut: str | tuple[QKeySequence.StandardKey, str],
            name: str,
            tip: str = "",
        ) -> QAction:
            a = QAction(text, self)
            a.setShortcuts(key_sequences(shortcut))
            keys = a.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            a.setToolTip(f"{tip or text.replace('&', '').rstrip('…')} ({keys})")
            a.triggered.connect(lambda _checked=False: slot())
            a.setObjectName(name)
            self.addAction(a)
            return a

        def menu(title: str, *entries: QAction | None) -> None:
            m = mb.addMenu(title)
            for a in entries:
                if a is None:
                    m.addSeparator()
                else:
                    m.addAction(a)

        self.new_action = act(
            _("&New declaration"),
            self.new_declaration,
            (QKeySequence.StandardKey.New, "Ctrl+N"),
            "new",
        )
        self.open_action = act(
            _("&Open…"), self.open_dialog, (QKeySequence.StandardKey.Open, "Ctrl+O"), "open"
        )
        self.save_action = act(
            _("&Save"),
            self.save,
            (QKeySequence.StandardKey.Save, "Ctrl+S"),
            "save",
            _("Save the declaration to its file"),
        )
        self.save_as_action = act(
            _("Save &as…"),
            self.save_as_dialog,
            (QKeySequence.StandardKey.SaveAs, "Ctrl+Shift+S"),
            "saveAs",
        )
        self.history_action = act(_("&History…"), self.history_dialog, "Ctrl+H", "history")
        self.import_action = act(_("&Import spreadsheet…"), self.import_dialog, "Ctrl+I", "import")
        self.next_customer_action = act(
            _("Ne&xt customer (clear customer data)"),
            self.next_customer,
            "Ctrl+Shift+N",
            "nextCustomer",
            _("Delete this customer's data and start again"),
        )
        self.settings_action = act(_("Se&ttings…"), self.settings_dialog, "Ctrl+,", "settings")
        self.quit_action = act(
            _("&Quit"), self.close, (QKeySequence.StandardKey.Quit, "Ctrl+Q"), "quit"
        )
        menu(
            _("&File"),
            self.new_action,
            self.open_action,
            self.save_action,
            self.save_as_action,
            self.history_action,
            None,
            self.import_action,
            self.next_customer_action,
            None,
            self.settings_action,
            self.quit_action,
        )

        self.next_action = act(_("Next step"), self.go_next, "Alt+Right", "next")
        self.back_action = act(_("Previous step"), self.go_back, "Alt+Left", "back")
        steps = [
            act(_(label).split("  ")[-1], lambda i=i: self.go_to_step(i), f"Ctrl+{i + 1}", "")
            for i, label in enumerate(STEPS)
        ]
        self.shipment_action = act(
            _("Shipment &details"), self.focus_shipment, "Ctrl+J", "shipment"
        )
        menu(_("&Go"), self.next_action, self.back_action, None, *steps, self.shipment_action)

        self.find_hs_action = act(
            _("Find the &HS code of the selected item"), self.find_hs_code, "Ctrl+K", "findHs"
        )
        self.undo_item_action = act(
            _("&Undo the last item change"),
            self.undo_item,
            (QKeySequence.StandardKey.Undo, "Ctrl+Z"),
            "undoItem",
        )
        self.duplicate_item_action = act(
            _("&Duplicate item"), self.duplicate_item, "Ctrl+D", "duplicateItem"
        )
        self.remove_item_action = act(_("&Remove item"), self.remove_item, "Ctrl+Del", "removeItem")
        # Sorting shows the rows in another order; only "Keep..." changes the items' order.
        self.sort_items_action = act(
            _("&Sort the items by the current column, ascending"),
            lambda: self.sort_items(descending=False),
            "Ctrl+Shift+Up",
            "sortItems",
            _("Sort the items by the current column, ascending (a click on its title does too)"),
        )
        self.sort_items_desc_action = act(
            _("Sort the items by the current column, descendin&g"),
            lambda: self.sort_items(descending=True),
            "Ctrl+Shift+Down",
            "sortItemsDescending",
        )
        self.stored_order_action = act(
            _("Show the items in their s&tored order"),
            self.show_stored_order,
            "Ctrl+Shift+T",
            "storedOrder",
        )
        self.reorder_items_action = act(
            _("&Keep the items in the order shown"),
            self.reorder_items,
            "Ctrl+Shift+M",
            "reorderItems",
            _("Store the items in the order they are shown (Undo takes it back)"),
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
            "Ctrl+Shift+R",  # never Ctrl+Alt: AltGr types with it
            "saveAsProduct",
        )
        menu(
            _("&Items"),
            self.find_hs_action,
            self.undo_item_action,
            self.duplicate_item_action,
            self.remove_item_action,
            None,
            self.sort_items_action,
            self.sort_items_desc_action,
            self.stored_order_action,
            self.reorder_items_action,
            None,
            self.choose_product_action,
            self.save_product_action,
        )

        self.create_pdf_action = act(_("&Create PDF"), self.create_pdf, "Ctrl+Return", "createPdf")
        self.print_action = act(
            _("&Print…"),
            self.print_document,
            (QKeySequence.StandardKey.Print, "Ctrl+P"),
            "print",
            _("Print the document (the PDF is created first when there is none)"),
        )
        menu(
            _("&Document"),
            self.create_pdf_action,
            self.print_action,
            None,
            *self.documents_page.preview.menu_actions,
        )

        self.address_book_action = act(
            _("&Address book…"), self.address_book_dialog, "Ctrl+Shift+A", "addressBook"
        )
        menu(_("&Tools"), self.address_book_action)
        menu(_("&Help"), act(_("&About ShipDesk"), self.about, "F1", "about"))

        for m in mb.findChildren(QMenu):  # a translation may give two items one letter
            settle_menu_letters(m)

        # Alt+letter: the field labels of a step take letters the menus and buttons leave free.
        taken = {
            QKeySequence.mnemonic(text).toString(QKeySequence.SequenceFormat.PortableText)[-1:]
            for text in [a.text() for a in mb.actions()]
            + [self.back_btn.text(), self.next_btn.text()]
        }
        taken = {t.lower() for t in taken if t}
        for page in (self.sender_page, self.recipient_page):
            page.form.set_mnemonics(set(taken))

        # The page buttons that do what an action does say so, with the action's key.
        for button, action in (
            (self.documents_page.next_customer_btn, self.next_customer_action),
            (self.documents_page.create_btn, self.create_pdf_action),
            (self.items_page.remove_btn, self.remove_item_action),
            (self.items_page.dup_btn, self.duplicate_item_action),
            (self.next_btn, self.next_action),
            (self.back_btn, self.back_action),
        ):
            button.setToolTip(action.toolTip())

    # -- navigation --------------------------------------------------------------------------
    def go_to_step(self, index: int) -> None:
        index = max(0, min(index, len(self.pages) - 1))
        moved = self.stack.currentIndex() != index
        if moved:
            # The draft save goes to the pool after the step is painted, not beside its paint.
            self._save_after_move.start()
        # Moving on shows the problems of the steps passed; marked in the next turn, so the
        # turn that opens the step only shows and paints it.
        self.session.reveal(range(index), soon=True)
        if moved:
            self._paint_the_rest()
            page = self.pages[index]
            later = getattr(page, "paint_later", None)
            self._painted_later = later() if later is not None else []
            for part in self._painted_later:
                part.setUpdatesEnabled(False)
            self._paint_rest.start()
        if index == 3:
            # The review shows the checks of the declaration as it is: worked out on the pool
            # when an edit is newer than them (on the window's thread they made the turn
            # that opens the step 13-20 ms with 40 items); the page says so until they come.
            self.session.check_soon()
        self.stack.setCurrentIndex(index)
        if self.steps.currentRow() != index:
            self.steps.setCurrentRow(index)
        self.back_btn.setEnabled(index > 0)
        self.next_btn.setEnabled(index < len(self.pages) - 1)
        focus = QApplication.focusWidget()
        if moved or focus is None or not self.pages[index].isAncestorOf(focus):
            self.focus_first_empty()

    def _paint_the_rest(self) -> None:
        """Paint the parts of a step held back in the turn that opened it (``go_to_step``)."""
        self._paint_rest.stop()
        parts, self._painted_later = self._painted_later, []
        for part in parts:
            part.setUpdatesEnabled(True)  # which asks for their paint

    def prepare_steps(self, *, paint: bool = True) -> QTimer:
        """Lay out the steps not shown, items first, in idle turns (``gui/idle_layout.py``):
        opening one then only paints it. Called once the window is shown; then again, without
        the paint, whenever the steps were resized (``RELAYOUT_AFTER_RESIZE_MS`` after the
        last resize)."""
        if self._preparing is not None:
            # An earlier round, at the old size: what it had still to paint is painted now.
            unfinished = self._preparing.isActive()
            paint = paint or (unfinished and self._preparing_paints)
            self._preparing.stop()
            self._preparing.deleteLater()
        self._preparing = prepare_hidden_pages(self.stack, [2, 3, 4, 1, 0], paint=paint)
        self._preparing_paints = paint
        if self._relayout is None:
            self._relayout = QTimer(self, singleShot=True, interval=RELAYOUT_AFTER_RESIZE_MS)
            self._relayout.timeout.connect(lambda: self.prepare_steps(paint=False))
            self.stack.installEventFilter(self)
        return self._preparing

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.stack
            and event.type() == QEvent.Type.Resize
            and self._relayout is not None
        ):
            self._relayout.start()  # the hidden steps are laid out again once it settles
        return super().eventFilter(watched, event)

    def go_next(self) -> None:
        self.go_to_step(self.stack.currentIndex() + 1)

    def go_back(self) -> None:
        self.go_to_step(self.stack.currentIndex() - 1)

    def focus_first_empty(self) -> None:
        """The keyboard focus to the first empty field the step needs; on a step that needs
        nothing more, to Next (Enter goes on), except the items step (its table)."""
        target = self.pages[self.stack.currentIndex()].first_empty()
        if target is None:
            target = self.next_btn if self.next_btn.isEnabled() else self.back_btn
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_shipment(self) -> None:
        self.go_to_step(2)
        self.items_page.focus_shipment()

    def find_hs_code(self) -> None:
        self.go_to_step(2)
        self.items_page.focus_hs_search()

    def _on_items_step(self) -> bool:
        """Whether the items step is shown; if not, show it. An item action (duplicate, undo,
        sort, remove...) runs only where its rows can be seen: never on rows the user does not
        see."""
        if self.stack.currentIndex() == 2:
            return True
        self.go_to_step(2)
        return False

    def duplicate_item(self) -> None:
        if self._on_items_step():
            self.items_page.duplicate_current()

    def undo_item(self) -> None:
        """Ctrl+Z outside a text being typed (a field or a cell editor takes it back itself):
        the last change to the items, on the items step only, where it can be seen."""
        if self._on_items_step():
            self.items_page.undo()

    def sort_items(self, descending: bool) -> None:
        if self._on_items_step():
            self.items_page.sort_by_current_column(descending)

    def show_stored_order(self) -> None:
        if self._on_items_step():
            self.items_page.show_stored_order()

    def reorder_items(self) -> None:
        if not self._on_items_step():
            return
        if self.items_page.reorder_as_shown():
            self.statusBar().showMessage(
                _("The items are kept in this order now (Ctrl+Z takes it back)."), 5000
            )
        else:
            self.statusBar().showMessage(
                _("The items are shown in their stored order: nothing to keep."), 5000
            )

    def remove_item(self) -> None:
        if self._on_items_step():
            self.items_page.remove_current()

    def create_pdf(self) -> None:
        self.go_to_step(4)
        self.documents_page.create_pdf()

    def print_document(self) -> None:
        """Print the PDF shown; without one, create it first and print it once it is made."""
        self.go_to_step(4)
        page = self.documents_page
        if page.pdf is not None:
            page.preview.print_dialog()
        else:
            page.create_pdf(then=page.preview.print_dialog)

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
        self.focus_first_empty()

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
        self.focus_first_empty()
        self.statusBar().showMessage(_("Customer data cleared. Ready for the next customer."), 5000)
        return True

    def _after_render(self, _pdf: bytes) -> None:
        """A PDF was made: the recipient is remembered and, with "keep drafts until printed",
        the draft deleted, on the pool (database writes that wait for the disk, and a
        checkpoint of the log: not on the window's thread); the pages follow once done.
        ``next_customer`` waits for the pool before it deletes anything."""
        ws, draft_id = self.ws, self.session.draft_id
        recipient = copy.deepcopy(self.session.decl.recipient)

        def write() -> tuple[bool, bool]:
            remembered = records.remember_address(ws, "recipient", recipient)
            return remembered, records.after_printed(ws, draft_id)

        def done(result: tuple[bool, bool]) -> None:
            remembered, deleted = result
            if remembered:
                self.recipient_page.refresh_saved()
            if deleted and draft_id == self.session.draft_id:
                self.statusBar().showMessage(
                    _(
                        "PDF ready. The draft is deleted; use Next customer (Ctrl+Shift+N) "
                        "when done."
                    ),
                    8000,
                )

        workers.run_async(write, done)

    def history_dialog(self) -> HistoryDialog:
        self.session.flush()  # the declaration being typed is listed as it is now
        dlg = HistoryDialog(self.ws, self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # no customer stays in a widget
        dlg.open_requested.connect(self.open_draft)
        dlg.reprint_requested.connect(self.reprint_draft)
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

    def reprint_draft(self, draft_id: str) -> bool:
        """History → Print again: the kept declaration opens on the Documents step and its PDF
        is made there; then the focus is on Print…, so Enter (or Ctrl+P) prints it and Ctrl+E
        saves it."""
        if not self.open_draft(draft_id):
            return False
        self.activateWindow()  # the History has closed: the keys come back here
        self.go_to_step(4)
        preview = self.documents_page.preview
        self.documents_page.create_pdf(then=preview.focus_print)
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
        """The row of the table the cursor is on (the entry row when none)."""
        row = self.items_page.current_row()
        n = len(self.session.decl.items)
        return row if 0 <= row <= n else n

    def use_product(self, product: imports.Product) -> int:
        """Put ``product``'s facts into the current item through the items model (so the
        table shows them at once, nothing reset); returns the row, -1 when nothing was set."""
        row = self._item_row()
        items = self.session.decl.items
        item = self.items_page.model.item_row(row)
        quantity = items[item].quantity if item < len(items) else "1"
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
        row = self.items_page.current_item()
        if not 0 <= row < len(self.session.decl.items):
            self.statusBar().showMessage(_("Choose an item on the Items step first."), 5000)
            return False
        sku, ok = QInputDialog.getText(
            self,
            _("Save as product"),
            _("Product code (SKU); leave empty to make one from the description:"),
        )
        if not ok:
            return False
        item = self.session.decl.items[row]
        sku = imports.product_sku(item, sku)
        existing = imports.stored_product(self.ws, sku) if item.description.strip() else None
        if existing is not None:
            chosen = self._ask_about_taken_sku(existing, imports.free_sku(self.ws, sku))
            if chosen is None:
                self.statusBar().showMessage(_("Not saved: the product is kept as it was."), 5000)
                return False
            sku = chosen
        return self.save_item_as_product(row, sku) is not None

    def _ask_about_taken_sku(self, existing: imports.Product, free: str) -> str | None:
        """A product has the code already: replace it (its code), keep both (``free``), or
        cancel (None). Each answer has its Alt letter; Escape cancels."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(_("Save as product"))
        box.setText(
            _("A product with the code {sku} is already in the catalogue: {what}.").format(
                sku=existing.sku, what=existing.description or existing.name or "-"
            )
        )
        box.setInformativeText(_("Replace it, or keep both with a new code?"))
        replace = box.addButton(_("&Replace it"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(
            _("&Keep both (new code {sku})").format(sku=free), QMessageBox.ButtonRole.AcceptRole
        )
        cancel = box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
        for button in (replace, keep, cancel):
            button.setAccessibleName(button.text().replace("&", ""))
        box.setDefaultButton(keep)
        box.setEscapeButton(cancel)
        box.exec()
        clicked = box.clickedButton()
        if clicked is replace:
            return existing.sku
        if clicked is keep:
            return free
        return None

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
        self.items_page.set_weight_unit(records.settings(self.ws).weight_unit)
        self.sender_page.refresh_senders()
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
            scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no Tab stop: it shows the focus
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
