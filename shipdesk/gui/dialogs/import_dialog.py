"""Import a spreadsheet of orders: pick the file, check the column mapping, run the batch.

The dialog reads the headers and a few rows, shows the detected mapping on its first page
(:class:`MappingPage`: one combo per declaration field, with the first row's value beside it;
the mapping can be changed and saved by name), then runs import + batch on a worker thread with
a progress bar and Cancel. Order lines are completed from the product catalogue (*Products…*
loads a catalogue file into it) and a packaging allowance can estimate missing gross weights.
At the end its last page (:class:`ReportPage`) lists what was made and every row problem, and
the rejected rows can be exported to fix and re-import. All work is done by
``services.imports`` (the same use case as the ``import`` command); this is only the face.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from shipdesk.core.errors import ShipdeskError
from shipdesk.core.i18n import _, error_text, language
from shipdesk.core.progress import Cancelled, CancelToken
from shipdesk.core.services import imports
from shipdesk.gui import workers
from shipdesk.gui.alt_letters import settle_alt_letters
from shipdesk.gui.dialogs.import_mapping import MappingPage
from shipdesk.gui.dialogs.import_report import ReportPage

if TYPE_CHECKING:
    from shipdesk.core.model import Party
    from shipdesk.core.services import Workspace
    from shipdesk.core.services.imports import BatchSummary, ColumnMapping, ImportResult


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
        self.path: Path | None = None
        self.import_result: ImportResult | None = None
        self.summary: BatchSummary | None = None
        self.state = "idle"  # idle, running, done, cancelled, failed
        self._token: CancelToken | None = None
        self._progress = _Progress(self)
        self._progress.changed.connect(self._on_progress)

        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        file_label = QLabel(_("File:"), self)
        row.addWidget(file_label)
        self.file_edit = QLineEdit(self)
        self.file_edit.setObjectName("importFile")
        file_label.setBuddy(self.file_edit)
        self.file_edit.setReadOnly(True)
        row.addWidget(self.file_edit, 1)
        self.browse_button = QPushButton(_("Choose file…"), self)
        self.browse_button.clicked.connect(self._choose_file)
        row.addWidget(self.browse_button)
        layout.addLayout(row)

        self.pages = QStackedWidget(self)
        layout.addWidget(self.pages, 1)
        self.mapping_page = MappingPage(
            workspace,
            self,
            notify=lambda text: self.progress_label.setText(text),
            error=self._error,
        )
        if out_dir is not None:
            self.mapping_page.out_edit.setText(str(out_dir))
        self.report_page = ReportPage(self)
        self.report_page.export_button.clicked.connect(self._export_rejected_clicked)
        self.pages.addWidget(self.mapping_page)
        self.pages.addWidget(self.report_page)

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
        self.mapping_page.changed.connect(self._update_run_enabled)
        settle_alt_letters(self)
        # Where a keyboard starts: Enter or Space chooses the file. The read-only file field
        # had the focus, where Enter pressed the disabled Import and nothing happened.
        self.browse_button.setFocus(Qt.FocusReason.OtherFocusReason)

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

    def load_file(self, path: str | Path) -> bool:
        """Read the headers and first rows, detect the mapping and show it. False on error."""
        p = Path(path)
        try:
            headers, rows = imports.preview(p, limit=5)
        except ShipdeskError as exc:
            self._error(error_text(exc))
            return False
        self.path = p
        self.file_edit.setText(str(p))
        page = self.mapping_page
        if not page.out_edit.text():
            page.out_edit.setText(str(imports.default_out_dir(self.ws, p)))
        if not page.set_file(headers, [values for _n, values in rows]):
            return False
        self.pages.setCurrentIndex(0)
        self.state = "idle"
        if self.run_button.isEnabled():  # Enter now imports (not Choose file… again)
            self.run_button.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def load_products(self, path: str | Path) -> bool:
        """Read a catalogue file into the product catalogue. False when nothing was loaded."""
        return self.mapping_page.load_products(path)

    def current_mapping(self) -> ColumnMapping:
        """The mapping as the table shows it now."""
        return self.mapping_page.current_mapping()

    def set_column(self, key: str, header: str | None) -> None:
        """Choose the column for a field (None: not used); as if picked in its combo."""
        self.mapping_page.set_column(key, header)

    def _update_run_enabled(self) -> None:
        headers = self.mapping_page.headers
        missing = self.current_mapping().missing_required() if headers else ["file"]
        self.run_button.setEnabled(self.state != "running" and not missing)
        if headers and missing:
            self.progress_label.setText(_("Still needed: ") + ", ".join(_(m) for m in missing))
        elif self.state != "running":
            self.progress_label.setText("")

    # -- the batch ------------------------------------------------------------------------
    def start(self) -> None:
        """Run import + batch on a worker thread."""
        if self.path is None or self.state == "running":
            return
        mapping = self.current_mapping()
        missing = mapping.missing_required()
        if missing:
            self._error(_("Choose a column for: ") + ", ".join(_(m) for m in missing))
            return
        page = self.mapping_page
        out = Path(page.out_edit.text().strip() or imports.default_out_dir(self.ws, self.path))
        text = page.packaging_edit.text()
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
            render_pdf=page.pdf_check.isChecked(),
            packaging_kg=packaging if packaging is not None else "",
            rejected_lang=language(),
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
                error_text(exc)
                if isinstance(exc, ShipdeskError)
                else _("Unexpected error: {e}").format(e=f"{type(exc).__name__}: {exc}")
            )
            self.progress_label.setText(msg)
            self._error(msg)
        self._update_run_enabled()

    def _show_report(self) -> None:
        assert self.summary is not None and self.import_result is not None
        self.browse_button.setEnabled(True)
        self.cancel_button.setEnabled(True)
        self.cancel_button.setText(_("Close"))
        first = self.report_page.show_report(self.import_result, self.summary)
        self.progress_label.setText(first)
        self.pages.setCurrentIndex(1)
        self._update_run_enabled()

    def export_rejected(self, path: str | Path) -> Path | None:
        """Write the rejected rows (.csv or .xlsx) to fix and re-import."""
        if self.import_result is None or not self.import_result.rejected:
            return None
        try:
            return imports.write_rejected(self.import_result, path)
        except (OSError, ShipdeskError) as exc:
            self._error(error_text(exc))
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
