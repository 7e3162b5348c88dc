"""Step 3: the items, the HS code lookup, live flags, and the shipment details."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QBoxLayout,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from shipdesk.core.i18n import N_, _, labelled, ngettext
from shipdesk.core.model import Category, NonDelivery, parse_item_path
from shipdesk.core.services import declarations, records
from shipdesk.gui.models.items_model import COLUMN_KEYS, ItemsTableModel
from shipdesk.gui.pages.items_table import ItemsTable, LimitedDelegate
from shipdesk.gui.session import EditSession
from shipdesk.gui.widgets.findings import FindingsWidget
from shipdesk.gui.widgets.hs_search import HsSearchWidget
from shipdesk.gui.widgets.marks import mark_widget
from shipdesk.gui.widgets.scrolling import scrolling

if TYPE_CHECKING:
    from shipdesk.core.services.declarations import Finding, ValidationResult

CATEGORY_LABELS = {
    Category.SALE_OF_GOODS: N_("Sale of goods"),
    Category.GIFT: N_("Gift"),
    Category.COMMERCIAL_SAMPLE: N_("Commercial sample"),
    Category.DOCUMENTS: N_("Documents"),
    Category.RETURNED_GOODS: N_("Returned goods"),
    Category.OTHER: N_("Other (explain)"),
}
COMMON_CURRENCIES = ["EUR", "USD", "GBP", "CHF", "CAD", "AUD", "JPY", "SEK", "PLN", "CZK", "DKK"]

SHIPMENT_FIELDS: list[tuple[str, str, str]] = [
    ("gross_weight_kg", N_("Total gross weight ({unit})"), N_("Parcel with packing")),
    ("postal_charges", N_("Postal charges"), N_("Postage and insurance paid")),
    ("item_id", N_("Item ID (S10)"), N_("e.g. RR473124829DE")),
    ("invoice_number", N_("Invoice number"), ""),
    ("licence_numbers", N_("Licence numbers"), N_("comma-separated")),
    ("certificate_numbers", N_("Certificate numbers"), N_("comma-separated")),
    ("importer_reference", N_("Importer reference"), N_("tax code / VAT no. of the importer")),
    ("ioss_number", N_("IOSS number"), N_("IM + 10 digits (EU, up to EUR 150)")),
    ("comments", N_("Comments (box 11)"), N_("e.g. goods subject to quarantine")),
    ("date", N_("Date"), N_("YYYY-MM-DD")),
    ("itn", N_("ITN (US export filing)"), N_("only for US exports that need one")),
    ("incoterm", N_("Incoterms"), N_("e.g. DAP Mountain View (buyer pays duties)")),
    ("signatory", N_("Signed by"), N_("name of the person signing the invoice")),
]
WIDEST = {  # the widest usual cell text of each column, with a problem mark
    "quantity": "9999  ✖",
    "net_weight_kg": "99.999  ✖",
    "value": "99999.99  ✖",
    "hs_code": "9999.99.9999  ✖",
    "origin_country": "XX  ✖",
}
EXTRA_KEYS = ("itn", "incoterm", "signatory")  # kept in the declaration file as extra keys
LIST_KEYS = ("licence_numbers", "certificate_numbers")


class ItemsPage(QWidget):
    def __init__(self, session: EditSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self._loading = False
        self._searched = ""
        outer = QVBoxLayout(self)
        outer.addWidget(QLabel("<h2>" + _("Items") + "</h2>", self))
        outer.addWidget(
            QLabel(
                _(
                    "One line per kind of article: what it is, its material and use "
                    '("women\'s cotton T-shirt", not "clothes"). Value is the line total.'
                ),
                self,
                wordWrap=True,
            )
        )
        split = QSplitter(Qt.Orientation.Vertical, self)
        outer.addWidget(split, 1)

        top = QWidget(split)
        tl = QVBoxLayout(top)
        tl.setContentsMargins(0, 0, 0, 0)
        self.model = ItemsTableModel(session.decl, self)
        self.table = ItemsTable(top)
        self.table.setObjectName("itemsTable")
        self.table.setAccessibleName(_("Items"))
        self.table.setModel(self.model)
        self.table.setItemDelegate(LimitedDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        hdr = self.table.horizontalHeader()
        hdr.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # Fixed widths that hold the longest usual value and a mark: sizing the columns to
        # their contents would read every row again on each change (tens of ms with 40 items).
        metrics = self.table.fontMetrics()
        # the title keeps room for the sort mark beside it
        mark = self.table.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize)
        for c, key in enumerate(COLUMN_KEYS[1:], start=1):
            hdr.setSectionResizeMode(c, QHeaderView.ResizeMode.Interactive)
            title = str(self.model.headerData(c, Qt.Orientation.Horizontal, 0))
            room = max(
                metrics.horizontalAdvance(WIDEST[key]), metrics.horizontalAdvance(title) + mark
            )
            hdr.resizeSection(c, room + 24)
        # A click on a column's title sorts the rows shown by it (again: the other way, a
        # third time: as typed); the items keep their order until the user asks to reorder.
        hdr.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        hdr.setSortIndicatorClearable(True)
        self.table.setSortingEnabled(True)
        tl.addWidget(self.table, 1)
        btns = QHBoxLayout()
        self.remove_btn = QPushButton(_("Remove item"), top)
        self.remove_btn.clicked.connect(self.remove_current)
        self.dup_btn = QPushButton(_("Duplicate item"), top)
        self.dup_btn.clicked.connect(self.duplicate_current)
        self.totals = QLabel(top)
        self.totals.setObjectName("itemsTotals")
        btns.addWidget(self.remove_btn)
        btns.addWidget(self.dup_btn)
        btns.addStretch(1)
        btns.addWidget(self.totals)
        tl.addLayout(btns)
        self.row_message = QLabel(top)
        self.row_message.setObjectName("itemMessage")
        self.row_message.setWordWrap(True)
        tl.addWidget(self.row_message)

        # Lookup and flags for the selected item (filled by the helpers below).
        self.assist = QWidget()
        self.assist_scroll = scrolling(self.assist, split)
        split.addWidget(self.assist_scroll)  # the open question never overlaps
        self.assist_layout = QHBoxLayout(self.assist)
        self.assist_layout.setContentsMargins(0, 0, 0, 0)
        self._build_assist()

        # Shipment details
        # The shipment fields scroll inside their pane, so the page fits a 1280x720 window.
        box = QGroupBox(_("Shipment"))
        self.shipment_scroll = scrolling(box, split)
        self.shipment_scroll.setObjectName("shipmentScroll")
        grid = QGridLayout(box)
        left, right = QFormLayout(), QFormLayout()
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        self._shipment_grid, self._shipment_right = grid, right
        self.category = QComboBox(box)
        self.category.setObjectName("category")
        for cat, label in CATEGORY_LABELS.items():
            self.category.addItem(_(label), cat.value)
        self.category.currentIndexChanged.connect(self._on_shipment_edit)
        self.explanation = QLineEdit(box)
        self.explanation.setMaxLength(declarations.text_limit("category_explanation"))
        self.explanation.setObjectName("category_explanation")
        self.explanation.setPlaceholderText(_("Required when the category is Other"))
        self.explanation.textEdited.connect(self._on_shipment_edit)
        self.currency = QComboBox(box)
        self.currency.setObjectName("currency")
        self.currency.setEditable(True)
        self.currency.addItems(COMMON_CURRENCIES)
        line = self.currency.lineEdit()
        if line is not None:
            line.setMaxLength(declarations.text_limit("currency"))
        self.currency.currentTextChanged.connect(self._on_shipment_edit)
        self.non_delivery = QComboBox(box)
        self.non_delivery.setObjectName("non_delivery")
        self.non_delivery.addItem(_("Return to sender"), NonDelivery.RETURN.value)
        self.non_delivery.addItem(_("Treat as abandoned"), NonDelivery.ABANDON.value)
        self.non_delivery.currentIndexChanged.connect(self._on_shipment_edit)
        self.editors: dict[str, QWidget] = {
            "category": self.category,
            "category_explanation": self.explanation,
            "currency": self.currency,
            "non_delivery": self.non_delivery,
        }
        self.messages: dict[str, QLabel] = {}
        for key, label, widget in (
            ("category", N_("Category"), self.category),
            ("category_explanation", _("Explanation"), self.explanation),
            ("currency", _("Currency"), self.currency),
            ("non_delivery", _("If undeliverable"), self.non_delivery),
        ):
            left.addRow(_(label), self._with_message(key, widget, _(label)))
        self.weight_unit = records.settings(session.ws).weight_unit
        self._labels: dict[str, QLabel] = {}
        for i, (key, label, hint) in enumerate(SHIPMENT_FIELDS):
            ed = QLineEdit(box)
            ed.setMaxLength(declarations.editor_limit(key))
            ed.setObjectName(key)
            ed.setPlaceholderText(_(hint) if hint else "")
            ed.textEdited.connect(self._on_shipment_edit)
            self.editors[key] = ed
            text = self._label(key, label)
            self._labels[key] = QLabel(text, box)
            self._labels[key].setBuddy(ed)
            (left if i < 3 else right).addRow(self._labels[key], self._with_message(key, ed, text))
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setStretchFactor(2, 2)
        split.setSizes([190, 260, 150])  # in proportion, whatever the window's height

        self.model.edited.connect(self._on_items_edit)
        self.table.selectionModel().currentRowChanged.connect(self._on_row_changed)
        session.changed.connect(self.reload)
        session.checked.connect(self._on_checked)
        self.reload()

    # -- helpers -----------------------------------------------------------------------------
    def _label(self, key: str, label: str) -> str:
        text = _(label)
        return text.format(unit=self.weight_unit) if key == "gross_weight_kg" else text

    def set_weight_unit(self, unit: str) -> None:
        """Show and take the weights in ``unit`` (from the settings; the declaration keeps kg)."""
        self.model.set_weight_unit(unit)
        if unit == self.weight_unit:
            return
        self.weight_unit = unit
        text = self._label("gross_weight_kg", SHIPMENT_FIELDS[0][1])
        self._labels["gross_weight_kg"].setText(text)
        self.editors["gross_weight_kg"].setAccessibleName(text)
        gross = cast(QLineEdit, self.editors["gross_weight_kg"])
        gross.setText(declarations.weight_shown(self.session.decl.gross_weight_kg, unit))
        self._update_totals()

    def _with_message(self, key: str, widget: QWidget, name: str) -> QWidget:
        widget.setAccessibleName(name)  # the row's label is the box's, not the editor's
        box = QWidget(self)
        lay = QVBoxLayout(box)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(1)
        lay.addWidget(widget)
        msg = QLabel(box)
        msg.setWordWrap(True)
        msg.hide()
        lay.addWidget(msg)
        self.messages[key] = msg
        return box

    def _build_assist(self) -> None:
        """HS lookup and restricted-goods flags for the selected item."""
        self.hs_search = HsSearchWidget(parent=self.assist, workspace=self.session.ws)
        self.hs_search.setObjectName("hsSearch")
        self.hs_search.codeChosen.connect(self._on_code_chosen)
        self.assist_layout.addWidget(self.hs_search, 3)
        self.findings_view = FindingsWidget(
            parent=self.assist, decl=self.session.decl, workspace=self.session.ws
        )
        self.findings_view.setObjectName("itemFindings")
        self.findings_view.overridden.connect(self._on_overridden)
        self.assist_layout.addWidget(self.findings_view, 2)

    def paint_later(self) -> list[QWidget]:
        """The parts painted in the turn after the one that opens the step: the HS search
        with the flags and the shipment fields. The table, where typing starts, comes first;
        the whole step in one turn was 10-17 ms of the window's thread (docs/benchmarks.md,
        "Typing latency")."""
        return [self.assist_scroll, self.shipment_scroll]

    def set_one_column(self, on: bool) -> None:
        """Counter layout: the HS search above the flags, the shipment fields in one column."""
        self.assist_layout.setDirection(
            QBoxLayout.Direction.TopToBottom if on else QBoxLayout.Direction.LeftToRight
        )
        self.findings_view.set_counter(on)
        grid, right = self._shipment_grid, self._shipment_right
        grid.removeItem(right)
        if on:
            grid.addLayout(right, 1, 0)
        else:
            grid.addLayout(right, 0, 1)

    def current_row(self) -> int:
        """The row of the table the cursor is on (-1 for none)."""
        idx = self.table.currentIndex()
        return idx.row() if idx.isValid() else -1

    def current_item(self) -> int:
        """The index in the declaration's items of the row the cursor is on (the entry row:
        the number of items; -1 for none)."""
        row = self.current_row()
        return self.model.item_row(row) if row >= 0 else -1

    def go_to_item(self, item: int, column: int = 0) -> None:
        """The cursor to the row that shows ``decl.items[item]`` (the entry row for
        ``len(items)``)."""
        self.table.setCurrentIndex(self.model.index(self.model.view_row(item), column))

    def sort_by_current_column(self, descending: bool = False) -> None:
        """Show the items sorted by the column the cursor is in (the keyboard's way to what a
        click on the column's title does)."""
        column = max(self.table.currentIndex().column(), 0)
        order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        self.table.sortByColumn(column, order)

    def show_stored_order(self) -> None:
        """Show the items in the order they are kept (as typed or last reordered)."""
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.model.sort(-1)

    def reorder_as_shown(self) -> bool:
        """Keep the items in the order shown; the cursor stays on its item."""
        item, col = self.current_item(), max(self.table.currentIndex().column(), 0)
        view = self.current_row()
        if not self.model.apply_order():
            return False
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        if item >= 0:
            self.table.setCurrentIndex(self.model.index(view, col))
        return True

    # -- loading and editing -----------------------------------------------------------------
    def reload(self) -> None:
        self._loading = True
        d = self.session.decl
        self._searched = ""
        self.findings_view.decl = d
        self.model.set_declaration(d)
        i = self.category.findData(d.category)
        self.category.setCurrentIndex(max(i, 0))
        self.explanation.setText(d.category_explanation)
        self.currency.setEditText(d.currency)
        j = self.non_delivery.findData(d.non_delivery)
        self.non_delivery.setCurrentIndex(max(j, 0))
        for key, _label, _hint in SHIPMENT_FIELDS:
            value = d.extra.get(key, "") if key in EXTRA_KEYS else getattr(d, key)
            if key in LIST_KEYS:
                value = ", ".join(str(v) for v in value) if isinstance(value, list) else ""
            if key == "gross_weight_kg":
                value = declarations.weight_shown(str(value), self.weight_unit)
            ed = cast(QLineEdit, self.editors[key])  # the shipment fields
            if ed.text() != str(value):  # an unchanged field keeps its cursor and selection
                ed.setText(str(value))
        self._loading = False
        self._update_totals()

    def _on_shipment_edit(self, *_args: Any) -> None:
        if self._loading:
            return
        d = self.session.decl
        d.category = self.category.currentData() or d.category
        d.category_explanation = self.explanation.text()
        d.currency = self.currency.currentText().strip().upper()
        d.non_delivery = self.non_delivery.currentData() or d.non_delivery
        for key, _label, _hint in SHIPMENT_FIELDS:
            text = cast(QLineEdit, self.editors[key]).text()
            if key in LIST_KEYS:
                setattr(d, key, [p.strip() for p in text.split(",") if p.strip()])
            elif key == "gross_weight_kg":  # typed in the unit shown, kept in kg
                d.gross_weight_kg = declarations.weight_to_kg(text, self.weight_unit)
            elif key in EXTRA_KEYS:
                if text.strip():
                    d.extra[key] = text.strip()
                else:
                    d.extra.pop(key, None)
            else:
                setattr(d, key, text)
        self.session.touch()
        self._update_totals()

    def _on_items_edit(self) -> None:
        self.session.touch()
        self._update_totals()
        self._sync_assist()

    def _update_totals(self) -> None:
        d = self.session.decl
        self.totals.setText(
            ngettext("{n} item line", "{n} item lines", len(d.real_items())).format(
                n=len(d.real_items())
            )
            + " · "
            + _("total value")
            + f" {d.total_value()} {d.currency} · "
            + _("net {weight} {unit}").format(
                weight=declarations.weight_shown(str(d.total_net_weight()), self.weight_unit),
                unit=self.weight_unit,
            )
        )

    def remove_current(self) -> None:
        row = self.current_row()
        if self.model.remove_row(row):
            self.table.setCurrentIndex(self.model.index(min(row, self.model.rowCount() - 1), 0))

    def undo(self) -> None:
        """Take back the last change to the items; the cursor stays where it was."""
        row, col = self.current_row(), max(self.table.currentIndex().column(), 0)
        if self.model.undo():
            if not self.model.is_sorted():  # a reorder taken back: no sort is shown any more
                self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
            row = min(max(row, 0), self.model.rowCount() - 1)
            self.table.setCurrentIndex(self.model.index(row, col))

    def duplicate_current(self) -> None:
        row = self.current_row()
        if self.model.duplicate_row(row):
            self.table.setCurrentIndex(self.model.index(row + 1, 0))

    def _on_code_chosen(self, code: str, *_args: Any) -> None:
        row = self.current_row()
        if row < 0:
            return
        if self.model.item_row(row) >= len(self.session.decl.items):
            return
        self.model.set_field(row, "hs_code", code)
        focus = QApplication.focusWidget()
        if focus is not None and self.hs_search.isAncestorOf(focus):
            # Chosen with the keyboard: typing goes on in the item's next cell, its origin.
            self.table.setCurrentIndex(self.model.index(row, COLUMN_KEYS.index("hs_code") + 1))
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._sync_assist()
        self._show_row_message()

    def _sync_assist(self) -> None:
        row = self.current_item()
        items = self.session.decl.items
        text = items[row].description if 0 <= row < len(items) else ""
        if text.strip() and text != self._searched:
            self._searched = text
            self.hs_search.set_text(text)
        self._show_findings()

    def focus_hs_search(self) -> None:
        self.hs_search.edit.setFocus()
        self.hs_search.edit.selectAll()

    def first_empty(self) -> QWidget | None:
        """The first empty cell of the items typed so far (the first cell of the table when
        there is none), else the first empty shipment field the last check needs, else the
        table at the row last worked on. Never Next: a seller opening a complete list to work
        on its rows pressed Down to reach one, and the arrows took the focus from Next to the
        step list, which moved to the Review step."""
        items = self.session.decl.items
        for row, item in enumerate(items):
            if item.is_blank():
                continue
            for col, key in enumerate(COLUMN_KEYS):
                if not str(getattr(item, key)).strip():
                    self.go_to_item(row, col)
                    return self.table
        if not any(not item.is_blank() for item in items):
            self.table.setCurrentIndex(self.model.index(0, 0))
            return self.table
        missing = self._first_empty_shipment_field()
        if missing is not None:
            return missing
        if not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.model.index(0, 0))
        return self.table

    def _first_empty_shipment_field(self) -> QWidget | None:
        validation = self.session.validation
        for key, widget in self.editors.items():
            if not isinstance(widget, QLineEdit) or widget.text().strip():
                continue
            if validation is not None and any(
                p.level == "error" for p in validation.for_field(key)
            ):
                return widget
        return None

    def _first_wrong_shipment_field(self) -> QWidget | None:
        validation = self.session.validation
        if validation is None:
            return None
        for key, widget in self.editors.items():
            if isinstance(widget, QLineEdit) and any(
                p.level == "error" for p in validation.for_field(key)
            ):
                return widget
        return None

    def focus_shipment(self) -> None:
        """The focus to the shipment details: the first one missing, else the first one
        with an error (a gross weight below the items' net weights), else the category."""
        widget = (
            self._first_empty_shipment_field()
            or self._first_wrong_shipment_field()
            or self.category
        )
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        self.shipment_scroll.ensureWidgetVisible(widget)

    def _on_overridden(self, _finding: Finding) -> None:
        self.session.touch()
        self.session.check_now()

    def _show_findings(self) -> None:
        row = self.current_item()
        fs = [f for f in self.session.findings if getattr(f, "item_index", None) == row]
        items = self.session.decl.items
        screened = 0 <= row < len(items) and not items[row].is_blank()
        self.findings_view.set_findings(fs, screened=screened)

    def _show_row_message(self) -> None:
        row = self.current_item()
        probs = self.session.problems_for(f"items[{row}]") if row >= 0 else []
        if not probs:
            self.row_message.setText("")
            return
        self.row_message.setText(
            "\n".join(
                f"{'✖' if p.level == 'error' else '⚠'} "
                + labelled(declarations.field_label(p.field), p.message)
                for p in probs
            )
        )

    def _on_checked(self, result: ValidationResult | None, findings: list[Finding] | None) -> None:
        probs = self.session.shown_problems()  # none for a field not touched yet
        self.model.set_checks(probs, declarations.item_levels(findings or []))
        for key, msg in self.messages.items():
            mark_widget(self.editors[key], msg, self.session.problems_for(key))
        self._show_row_message()
        self._show_findings()

    def focus_field(self, path: str) -> bool:
        row, field = parse_item_path(path)
        if row is not None:
            col = COLUMN_KEYS.index(field) if field in COLUMN_KEYS else 0
            row = min(row, self.model.rowCount() - 1)
            idx = self.model.index(self.model.view_row(row), col)
            self.table.setCurrentIndex(idx)
            self.table.scrollTo(idx)
            self.table.setFocus()
            return True
        key = path.split(".")[0].split("[")[0]
        if key == "items":
            self.table.setFocus()
            return True
        ed = self.editors.get(key)
        if ed is not None:
            ed.setFocus()
            return True
        return False
