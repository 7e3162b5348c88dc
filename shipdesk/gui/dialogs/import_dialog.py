"""Import a spreadsheet of orders: pick the file, check the column mapping, run the batch.

The dialog reads the headers and a few rows, shows the detected mapping as a table (one combo
per declaration field, with the first row's value beside it), lets the user change and save the
mapping by name, then runs import + batch on a worker thread with a progress bar and Cancel.
Order lines are completed from the product catalogue (*Products…* loads a catalogue file into
it) and a packaging allowance can estimate missing gross weights.
At the end it lists what was made and every row problem, and can export the rejected rows to
fix and re-import. All work is done by ``services.imports`` (the same use case as the ``import``
command); this is only the face.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shipdesk.core.errors import ShipdeskError
from shipdesk.core.exchange import mapping as mp
from shipdesk.core.exchange.batch import BatchSummary, summary_lines
from shipdesk.core.exchange.cells import cell_text, number_text
from shipdesk.core.exchange.import_result import ImportResult
from shipdesk.core.i18n import _
from shipdesk.core.model import Party
from shipdesk.core.progress import Cancelled, CancelToken
from shipdesk.core.services import Workspace, imports
from shipdesk.gui import workers

log = logging.getLogger("shipdesk.gui.import")

NOT_USED = ""  # combo data for "(not used)"


class _Progress(QObject):
    """Carries progress from the worker thread to the GUI thread (queued signal)."""

    changed = Signal(int, str)


class ImportDialog(QDialog):
    """Spreadsheet import with mapping, batch run, progress, cancel and problem report."""

    batchFinished = Signal(object)  # BatchSummary

    def __init__(
        self,
        workspace: Workspace,
        parent: QWidget | None = None,
        *,
        out_dir: str | Path | None = None,
        operator: str | None = None,
        sender: Party | None = None,
    ) -> None:
        """``operator`` and ``sender`` override the workspace's settings (None: use them)."""
        super().__init__(parent)
        self.setWindowTitle(_("Import orders from a spreadsheet"))
        self.resize(900, 640)
        self.ws = workspace
        self._operator = operator
        self._sender = sender
        self._out_dir = out_dir
        self.path: Path | None = None
        self.headers: list[str] = []
        self.first_rows: list[list[Any]] = []
        self.mapping: mp.ColumnMapping | None = None
        self.import_result: ImportResult | None = None
        self.summary: BatchSummary | None = None
        self.state = "idle"  # idle, running, done, cancelled, failed
        self._token: CancelToken | None = None
        self._progress = _Progress(self)
        self._progress.changed.connect(self._on_progress)
        self._combos: dict[str, QComboBox] = {}

        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(QLabel(_("File:"), self))
        self.file_edit = QLineEdit(self)
        self.file_edit.setObjectName("importFile")
        self.file_edit.setReadOnly(True)
        row.addWidget(self.file_edit, 1)
        self.browse_button = QPushButton(_("Choose file…"), self)
        self.browse_button.clicked.connect(self._choose_file)
        row.addWidget(self.browse_button)
        layout.addLayout(row)

        self.pages = QStackedWidget(self)
        layout.addWidget(self.pages, 1)
        self.pages.addWidget(self._mapping_page())
        self.pages.addWidget(self._report_page())

        self.progress_bar = QProgressBar(self)
        self.progress_bar.setObjectName("importProgress")
        self.progress_bar.setRange(0, 100)
        self.progress_bar.setValue(0)
        self.progress_label = QLabel("", self)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.progress_label)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.run_button = QPushButton(_("Import"), self)
        self.run_button.setObjectName("runImport")
        self.run_button.setDefault(True)
        self.run_button.setEnabled(False)
        self.run_button.clicked.connect(self.start)
        self.cancel_button = QPushButton(_("Cancel"), self)
        self.cancel_button.setObjectName("cancelImport")
        self.cancel_button.clicked.connect(self.cancel_or_close)
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.cancel_button)
        layout.addLayout(buttons)

    # -- pages ----------------------------------------------------------------------------
    def _mapping_page(self) -> QWidget:
        page = QWidget(self)
        v = QVBoxLayout(page)
        self.detected_label = QLabel(_("Choose a .xlsx or .csv file of orders."), page)
        self.detected_label.setWordWrap(True)
        v.addWidget(self.detected_label)

        top = QHBoxLayout()
        top.addWidget(QLabel(_("Mapping:"), page))
        self.mapping_choice = QComboBox(page)
        self.mapping_choice.setObjectName("mappingChoice")
        self.mapping_choice.activated.connect(self._mapping_chosen)
        top.addWidget(self.mapping_choice, 1)
        top.addWidget(QLabel(_("Weights in:"), page))
        self.unit_combo = QComboBox(page)
        for u in mp.WEIGHT_UNITS:
            self.unit_combo.addItem(u, u)
        top.addWidget(self.unit_combo)
        top.addWidget(QLabel(_("Decimals:"), page))
        self.decimal_combo = QComboBox(page)
        self.decimal_combo.setObjectName("decimalChoice")
        for label, value in ((_("automatic"), "auto"), ("12.50", "."), ("12,50", ",")):
            self.decimal_combo.addItem(label, value)
        top.addWidget(self.decimal_combo)
        top.addWidget(QLabel(_("Dates:"), page))
        self.date_combo = QComboBox(page)
        self.date_combo.setObjectName("dateOrder")
        for label, value in ((_("day first"), "dmy"), (_("month first"), "mdy"),
                             (_("year first"), "ymd")):  # fmt: skip
            self.date_combo.addItem(label, value)
        top.addWidget(self.date_combo)
        v.addLayout(top)

        self.table = QTableWidget(len(mp.TARGETS), 3, page)
        self.table.setObjectName("mappingTable")
        self.table.setHorizontalHeaderLabels([_("Declaration field"), _("Column"), _("First row")])
        self.table.verticalHeader().setVisible(False)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        hh.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for r, t in enumerate(mp.TARGETS):
            item = QTableWidgetItem(_(t.label))
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.table.setItem(r, 0, item)
            combo = QComboBox(self.table)
            combo.setObjectName(f"map:{t.key}")
            combo.currentIndexChanged.connect(lambda _i, key=t.key: self._combo_changed(key))
            self.table.setCellWidget(r, 1, combo)
            self._combos[t.key] = combo
            ex = QTableWidgetItem("")
            ex.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.table.setItem(r, 2, ex)
        v.addWidget(self.table, 1)

        save = QHBoxLayout()
        save.addWidget(QLabel(_("Save this mapping as:"), page))
        self.save_name = QLineEdit(page)
        self.save_name.setObjectName("mappingName")
        save.addWidget(self.save_name, 1)
        self.save_button = QPushButton(_("Save mapping"), page)
        self.save_button.setObjectName("saveMapping")
        self.save_button.clicked.connect(self.save_mapping)
        save.addWidget(self.save_button)
        v.addLayout(save)

        opts = QGroupBox(_("Output"), page)
        oh = QHBoxLayout(opts)
        self.out_edit = QLineEdit(opts)
        self.out_edit.setObjectName("outDir")
        oh.addWidget(self.out_edit, 1)
        choose = QPushButton(_("Folder…"), opts)
        choose.clicked.connect(self._choose_out)
        oh.addWidget(choose)
        self.pdf_check = QCheckBox(_("Write PDFs"), opts)
        self.pdf_check.setChecked(True)
        oh.addWidget(self.pdf_check)
        v.addWidget(opts)

        cat = QGroupBox(_("Products"), page)
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
        ch.addWidget(QLabel(_("Packaging (kg):"), cat))
        self.packaging_edit = QLineEdit(cat)
        self.packaging_edit.setObjectName("packagingKg")
        self.packaging_edit.setPlaceholderText(_("none"))
        self.packaging_edit.setToolTip(
            _("Orders without a gross weight get the sum of the net weights plus this allowance")
        )
        self.packaging_edit.setMaximumWidth(90)
        ch.addWidget(self.packaging_edit)
        v.addWidget(cat)
        self._init_products()
        self._refresh_mapping_choices()
        if self._out_dir is not None:
            self.out_edit.setText(str(self._out_dir))
        return page

    def _report_page(self) -> QWidget:
        page = QWidget(self)
        v = QVBoxLayout(page)
        self.summary_label = QLabel("", page)
        self.summary_label.setObjectName("importSummary")
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        v.addWidget(self.summary_label)
        self.catalogue_label = QLabel("", page)
        self.catalogue_label.setObjectName("catalogueResult")
        self.catalogue_label.setWordWrap(True)
        v.addWidget(self.catalogue_label)
        v.addWidget(QLabel(_("Declarations"), page))
        self.outcome_table = QTableWidget(0, 3, page)
        self.outcome_table.setObjectName("outcomeTable")
        self.outcome_table.setHorizontalHeaderLabels([_("Order"), _("Status"), _("Why")])
        self.outcome_table.horizontalHeader().setSectionResizeMode(
            2, QHeaderView.ResizeMode.Stretch
        )
        self.outcome_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.outcome_table.verticalHeader().setVisible(False)
        v.addWidget(self.outcome_table, 1)
        v.addWidget(QLabel(_("Problems by row"), page))
        self.problem_table = QTableWidget(0, 4, page)
        self.problem_table.setObjectName("problemTable")
        self.problem_table.setHorizontalHeaderLabels(
            [_("Row"), _("Column"), _("Level"), _("Problem")]
        )
        self.problem_table.horizontalHeader().setSectionResizeMode(
            3, QHeaderView.ResizeMode.Stretch
        )
        self.problem_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.problem_table.verticalHeader().setVisible(False)
        v.addWidget(self.problem_table, 1)
        h = QHBoxLayout()
        h.addStretch(1)
        self.export_button = QPushButton(_("Export rejected rows…"), page)
        self.export_button.setObjectName("exportRejected")
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(self._export_rejected_clicked)
        h.addWidget(self.export_button)
        v.addLayout(h)
        return page

    # -- product catalogue ----------------------------------------------------------------
    def _init_products(self) -> None:
        try:
            packaging = imports.packaging_setting(self.ws)
        except ShipdeskError as exc:
            log.error("packaging setting ignored: %s", exc)
            packaging = None
        if packaging is not None:
            self.packaging_edit.setText(number_text(packaging))
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
            self._error(str(exc))
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

    # -- file and mapping -----------------------------------------------------------------
    def _choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            _("Spreadsheet of orders"),
            "",
            _("Spreadsheets (*.xlsx *.xlsm *.csv *.tsv *.txt);;All files (*)"),
        )
        if path:
            self.load_file(path)

    def _choose_out(self) -> None:
        path = QFileDialog.getExistingDirectory(self, _("Folder for the declarations"))
        if path:
            self.out_edit.setText(path)

    def load_file(self, path: str | Path) -> bool:
        """Read the headers and first rows, detect the mapping and show it. False on error."""
        p = Path(path)
        try:
            headers, rows = imports.preview(p, limit=5)
        except ShipdeskError as exc:
            self._error(str(exc))
            return False
        self.path = p
        self.headers = headers
        self.first_rows = [values for _n, values in rows]
        self.file_edit.setText(str(p))
        if not self.out_edit.text():
            self.out_edit.setText(str(imports.default_out_dir(self.ws, p)))
        try:
            m = mp.detect(headers)
        except ShipdeskError as exc:
            self._error(str(exc))
            return False
        self._show_mapping(m)
        if m.platform:
            self.detected_label.setText(
                _("Recognised as: {name}. Check the columns below.").format(name=m.name)
            )
        else:
            self.detected_label.setText(
                _(
                    "Not a known shop export: columns matched by name. Choose a column for each "
                    "field you need."
                )
            )
        self.pages.setCurrentIndex(0)
        self.state = "idle"
        return True

    def _refresh_mapping_choices(self) -> None:
        self.mapping_choice.clear()
        self.mapping_choice.addItem(_("Detected from the columns"), "detect:")
        try:
            for pm in imports.platform_mappings():
                self.mapping_choice.addItem(pm.mapping.name, f"platform:{pm.id}")
            for name in imports.saved_mappings(self.ws):
                self.mapping_choice.addItem(_("Saved: {name}").format(name=name), f"saved:{name}")
        except ShipdeskError as exc:
            log.error("mappings unavailable: %s", exc)

    def _mapping_chosen(self, index: int) -> None:
        kind, _sep, name = str(self.mapping_choice.itemData(index)).partition(":")
        try:
            if kind == "detect":
                m = mp.detect(self.headers)
            elif kind == "platform":
                m = mp.platform(name) or mp.ColumnMapping()
            else:
                m = imports.load_mapping(self.ws, name) or mp.ColumnMapping()
        except ShipdeskError as exc:
            self._error(str(exc))
            return
        self._show_mapping(m)

    def _show_mapping(self, m: mp.ColumnMapping) -> None:
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
        self._update_run_enabled()

    def _combo_changed(self, key: str) -> None:
        self._update_example(key)
        self._update_run_enabled()

    def _update_example(self, key: str) -> None:
        r = [t.key for t in mp.TARGETS].index(key)
        idx = self._combos[key].currentData()
        text = ""
        if idx and self.first_rows:
            row = self.first_rows[0]
            text = " ".join(cell_text(row[i]) for i in idx if i < len(row) and row[i] is not None)
        cell = self.table.item(r, 2)
        if cell is not None:
            cell.setText(text)

    def current_mapping(self) -> mp.ColumnMapping:
        """The mapping as the table shows it now."""
        base = self.mapping or mp.ColumnMapping()
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

    def _update_run_enabled(self) -> None:
        missing = self.current_mapping().missing_required() if self.headers else ["file"]
        self.run_button.setEnabled(self.state != "running" and not missing)
        if self.headers and missing:
            self.progress_label.setText(_("Still needed: ") + ", ".join(_(m) for m in missing))
        elif self.state != "running":
            self.progress_label.setText("")

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
            self._error(str(exc))
            return False
        self._refresh_mapping_choices()
        self.mapping_choice.setCurrentIndex(max(self.mapping_choice.findData(f"saved:{name}"), 0))
        self.progress_label.setText(_("Mapping saved as {name}.").format(name=name))
        return True

    # -- the batch ------------------------------------------------------------------------
    def start(self) -> None:
        """Run import + batch on a worker thread."""
        if self.path is None or self.state == "running":
            return
        mapping = self.current_mapping()
        missing = mapping.missing_required()
        if missing:
            self._error(_("Choose a column for: ") + ", ".join(missing))
            return
        out = Path(self.out_edit.text().strip() or imports.default_out_dir(self.ws, self.path))
        text = self.packaging_edit.text()
        try:
            # an empty field means no allowance (not the setting, which only fills the field)
            packaging = imports.packaging(self.ws, text) if text.strip() else None
        except ShipdeskError:
            self._error(_("Packaging: enter a weight in kg such as 0.15, or leave it empty."))
            return
        options = imports.ImportOptions(
            out_dir=out,
            operator=self._operator,
            sender=self._sender,
            render_pdf=self.pdf_check.isChecked(),
            packaging_kg=packaging if packaging is not None else "",
        )
        token = CancelToken()
        self._token = token
        self.state = "running"
        self.run_button.setEnabled(False)
        self.browse_button.setEnabled(False)
        self.cancel_button.setText(_("Cancel"))
        self.progress_bar.setValue(0)
        self.progress_label.setText(_("Reading the file…"))
        path, ws = self.path, self.ws
        emit = self._progress.changed.emit

        def progress(done: int, total: int, msg: str) -> None:
            emit(int(100 * done / total) if total else 0, msg)

        def job() -> tuple[ImportResult, BatchSummary]:
            outcome = imports.run_import(ws, path, mapping, options, progress, token)
            return outcome.result, outcome.summary

        workers.run_async(job, self._finished, self._failed)

    def _on_progress(self, percent: int, message: str) -> None:
        if self.state != "running":
            return
        self.progress_bar.setValue(max(0, min(100, percent)))
        self.progress_label.setText(message)

    def cancel_or_close(self) -> None:
        if self.state == "running" and self._token is not None:
            self._token.cancel()
            self.progress_label.setText(_("Cancelling…"))
            self.cancel_button.setEnabled(False)
        else:
            self.reject()

    def _finished(self, value: tuple[ImportResult, BatchSummary]) -> None:
        self.import_result, self.summary = value
        self.state = "cancelled" if self.summary.cancelled else "done"
        self.progress_bar.setValue(100 if not self.summary.cancelled else self.progress_bar.value())
        self._show_report()
        self.batchFinished.emit(self.summary)

    def _failed(self, exc: BaseException) -> None:
        self.browse_button.setEnabled(True)
        self.cancel_button.setEnabled(True)
        self.cancel_button.setText(_("Close"))
        if isinstance(exc, Cancelled):
            self.state = "cancelled"
            self.progress_label.setText(_("Cancelled: nothing was written."))
        else:
            self.state = "failed"
            msg = (
                str(exc)
                if isinstance(exc, ShipdeskError)
                else _("Unexpected error: {e}").format(e=f"{type(exc).__name__}: {exc}")
            )
            self.progress_label.setText(msg)
            self._error(msg)
        self._update_run_enabled()

    def _show_report(self) -> None:
        assert self.summary is not None and self.import_result is not None
        s = self.summary
        self.browse_button.setEnabled(True)
        self.cancel_button.setEnabled(True)
        self.cancel_button.setText(_("Close"))
        # the tables below give the details; the label keeps the counts and notes
        # the catalogue has its own (translated) line below
        own = (
            set(self.import_result.catalogue.lines_text())
            if self.import_result.catalogue
            else set()
        )
        lines = [
            ln for ln in summary_lines(s, max_rows=0) if not ln.startswith(" ") and ln not in own
        ]
        self.summary_label.setText("\n".join(lines))
        cat = self.import_result.catalogue
        texts = []
        if cat is not None and cat.products:
            texts.append(
                _("Lines completed from the product catalogue: {done} of {total}.").format(
                    done=cat.completed, total=cat.lines
                )
            )
            if cat.unmatched:
                texts.append(
                    _("Not in the catalogue: {n} lines (see the problems below).").format(
                        n=len(cat.unmatched)
                    )
                )
        if cat is not None and cat.gross_estimated:
            texts.append(
                _("Gross weight estimated (net weights + {kg} kg packaging): {n}.").format(
                    kg=cat.packaging_kg, n=cat.gross_estimated
                )
            )
        self.catalogue_label.setText(" ".join(texts))
        self.progress_label.setText(lines[0])
        self.outcome_table.setRowCount(len(s.outcomes))
        labels = {"ok": _("ready"), "check": _("to check"), "blocked": _("blocked"),
                  "failed": _("failed")}  # fmt: skip
        for r, o in enumerate(s.outcomes):
            why = "; ".join(o.reasons())
            if o.suggested:
                why = (why + "; " if why else "") + _("HS code suggested: confirm it")
            for c, text in enumerate((o.name, labels.get(o.status, o.status), why)):
                self.outcome_table.setItem(r, c, QTableWidgetItem(text))
        probs = self.import_result.problems
        self.problem_table.setRowCount(len(probs))
        for r, p in enumerate(probs):
            for c, text in enumerate((str(p.row), p.column, _(p.level), p.message)):
                self.problem_table.setItem(r, c, QTableWidgetItem(text))
        self.export_button.setEnabled(bool(self.import_result.rejected))
        self.pages.setCurrentIndex(1)
        self._update_run_enabled()

    def export_rejected(self, path: str | Path) -> Path | None:
        """Write the rejected rows (.csv or .xlsx) to fix and re-import."""
        if self.import_result is None or not self.import_result.rejected:
            return None
        try:
            return self.import_result.write_rejected(path)
        except (OSError, ShipdeskError) as exc:
            self._error(str(exc))
            return None

    def _export_rejected_clicked(self) -> None:
        start = str((self.summary.out_dir if self.summary else Path.home()) / "rejected.xlsx")
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Export rejected rows"), start, _("Excel workbook (*.xlsx);;CSV (*.csv)")
        )
        if path:
            written = self.export_rejected(path)
            if written:
                self.progress_label.setText(_("Rejected rows written to {p}").format(p=written))

    def _error(self, message: str) -> None:
        self.progress_label.setText(message)
        if not self.property("quiet"):
            QMessageBox.warning(self, _("Import"), message)

    def reject(self) -> None:  # Escape / Close: never leave a worker running unattended
        if self.state == "running" and self._token is not None:
            self._token.cancel()
            return
        super().reject()
