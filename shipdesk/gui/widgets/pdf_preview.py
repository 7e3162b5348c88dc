"""Preview of rendered PDF bytes: page navigation, zoom, Print…, Save as…, Open in viewer.

The widget shows what ``services.declarations.render`` produced; it holds no document logic.
Printing goes through the system print dialog (each page rendered at the printer's resolution);
"Open in system viewer" writes a copy into the app's preview folder and hands it to the
desktop, the fallback that works wherever the in-app preview or the print dialog does not.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRect, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from shipdesk.core.i18n import _
from shipdesk.core.services import Workspace, declarations, records

ZOOM_STEPS = (0.5, 0.67, 0.8, 1.0, 1.25, 1.5, 2.0, 3.0)


class PdfPreview(QWidget):
    """Shows PDF bytes; ``set_pdf(data, name)`` replaces what is shown."""

    saved = Signal(str)  # path written by Save as…
    opened_externally = Signal(str)  # temporary file handed to the system viewer

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        cache_dir: Path | None = None,
        workspace: Workspace | None = None,
    ) -> None:
        """``cache_dir``: where "Open in system viewer" writes its copy (the app's preview
        folder, ``records.preview_folder``, emptied at the next customer, at quit and at start;
        default: the system's temporary folder). ``workspace``: Save as… notes the folder so a
        write killed there is tidied at the next start."""
        super().__init__(parent)
        self._cache_dir = cache_dir or Path(tempfile.gettempdir()) / "shipdesk-preview"
        self._ws = workspace
        self._data = b""
        self._name = "shipdesk.pdf"
        self._buffer: QBuffer | None = None
        self._doc = QPdfDocument(self)
        self._view = QPdfView(self)
        self._view.setAccessibleName(_("Preview of the PDF"))
        self._view.setDocument(self._doc)
        self._view.setPageMode(QPdfView.PageMode.MultiPage)
        self._view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.menu_actions: list[QAction] = []  # what a menu of the window may list

        # Each button is an action with its key; the window lists them in its Document menu.
        self._prev = self._button(
            _("◀ Previous"), _("Previous page"), "Ctrl+PgUp", self.previous_page
        )
        self._page = QSpinBox(self)
        self._page.setMinimum(1)
        self._page.setAccessibleName(_("Page"))
        self._page.valueChanged.connect(self._jump)
        self._count = QLabel(self)
        self._next = self._button(_("Next ▶"), _("Next page"), "Ctrl+PgDown", self.next_page)
        self._zoom_out = self._button("−", _("Zoom out"), "Ctrl+-", self.zoom_out)
        self._zoom_label = QLabel(self)
        self._zoom_in = self._button("+", _("Zoom in"), "Ctrl++", self.zoom_in)
        self._fit = self._button(_("Fit width"), _("Fit the page width"), "Ctrl+0", self.fit_width)
        # Printing has its key in the window (Ctrl+P creates the PDF first when there is none).
        self._print = self._button(_("Print…"), _("Print the PDF"), "", self.print_dialog)
        self._save = self._button(_("Save as…"), _("Save the PDF as…"), "Ctrl+E", self.save_dialog)
        self._open = self._button(
            _("Open in system viewer"),
            _("Open the PDF in the system's PDF viewer"),
            "Ctrl+Shift+O",
            self.open_external,
        )

        bar = QHBoxLayout()
        for w in (self._prev, self._page, self._count, self._next):
            bar.addWidget(w)
        bar.addSpacing(12)
        for w in (self._zoom_out, self._zoom_label, self._zoom_in, self._fit):
            bar.addWidget(w)
        bar.addStretch(1)
        for w in (self._print, self._save, self._open):
            bar.addWidget(w)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self._view, 1)
        self._view.pageNavigator().currentPageChanged.connect(self._page_changed)
        self._update_controls()

    def _button(
        self, text: str, menu_text: str, keys: str, slot: Callable[[], object]
    ) -> QToolButton:
        """A tool button showing ``text`` whose action (``menu_text`` in a menu) has ``keys``."""
        action = QAction(menu_text, self)
        action.setIconText(text)  # what the button shows
        action.setObjectName("pdf." + slot.__name__)
        tip = menu_text.rstrip("…")
        if keys:
            action.setShortcut(QKeySequence(keys))
            tip += " (" + action.shortcut().toString(QKeySequence.SequenceFormat.NativeText) + ")"
        action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        if keys:
            self.menu_actions.append(action)
        b = QToolButton(self)
        b.setDefaultAction(action)
        b.setAccessibleName(text.rstrip("…"))
        return b

    # -- content --------------------------------------------------------------------------------
    def set_pdf(self, data: bytes, name: str = "shipdesk.pdf") -> None:
        """Show ``data`` (PDF bytes); ``name`` is the file name Save as… proposes."""
        self._data = bytes(data)
        self._name = name if name.lower().endswith(".pdf") else f"{name}.pdf"
        self._doc.close()
        old = self._buffer
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(self._data))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        if self._data:
            self._doc.load(self._buffer)
        if old is not None:
            old.close()
            old.deleteLater()
        self._page.setValue(1)
        self._update_controls()

    def pdf_bytes(self) -> bytes:
        return self._data

    def page_count(self) -> int:
        return self._doc.pageCount() if self._data else 0

    def current_page(self) -> int:
        """Zero-based page shown at the top of the view."""
        return self._view.pageNavigator().currentPage()

    def document(self) -> QPdfDocument:
        return self._doc

    # -- navigation and zoom ----------------------------------------------------------------------
    def go_to(self, page: int) -> None:
        if self.page_count() == 0:
            return
        page = max(0, min(page, self.page_count() - 1))
        self._view.pageNavigator().jump(page, QPointF(), self._view.pageNavigator().currentZoom())
        self._update_controls()

    def next_page(self) -> None:
        self.go_to(self.current_page() + 1)

    def previous_page(self) -> None:
        self.go_to(self.current_page() - 1)

    def _jump(self, value: int) -> None:
        if value - 1 != self.current_page():
            self.go_to(value - 1)

    def _page_changed(self, page: int) -> None:
        if self._page.value() != page + 1:
            self._page.blockSignals(True)
            self._page.setValue(page + 1)
            self._page.blockSignals(False)
        self._update_controls()

    def zoom(self) -> float:
        return self._view.zoomFactor()

    def set_zoom(self, factor: float) -> None:
        self._view.setZoomMode(QPdfView.ZoomMode.Custom)
        self._view.setZoomFactor(max(ZOOM_STEPS[0], min(factor, ZOOM_STEPS[-1])))
        self._update_controls()

    def zoom_in(self) -> None:
        cur = self.zoom()
        self.set_zoom(next((z for z in ZOOM_STEPS if z > cur + 0.01), ZOOM_STEPS[-1]))

    def zoom_out(self) -> None:
        cur = self.zoom()
        self.set_zoom(next((z for z in reversed(ZOOM_STEPS) if z < cur - 0.01), ZOOM_STEPS[0]))

    def fit_width(self) -> None:
        self._view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self._update_controls()

    def _update_controls(self) -> None:
        n = self.page_count()
        has = n > 0
        self._page.setMaximum(max(1, n))
        self._count.setText(_("of {n}").format(n=n))
        cur = self.current_page() if has else 0
        self._prev.defaultAction().setEnabled(has and cur > 0)
        self._next.defaultAction().setEnabled(has and cur < n - 1)
        self._page.setEnabled(has)
        for b in (self._zoom_in, self._zoom_out, self._fit, self._print, self._save, self._open):
            b.defaultAction().setEnabled(has)
        if self._view.zoomMode() == QPdfView.ZoomMode.FitToWidth:
            self._zoom_label.setText(_("Fit"))
        else:
            self._zoom_label.setText(f"{round(self.zoom() * 100)} %")

    # -- output ---------------------------------------------------------------------------------
    def save_to(self, path: str | Path) -> Path:
        """Write the PDF to ``path`` (atomically) and return it."""
        p = Path(path)
        declarations.save_pdf(p, self._data, self._ws)
        self.saved.emit(str(p))
        return p

    def save_dialog(self) -> Path | None:
        start = str(_default_dir() / self._name)
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Save PDF"), start, _("PDF files (*.pdf)")
        )
        if not path:
            return None
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        try:
            return self.save_to(path)
        except OSError as exc:
            QMessageBox.warning(
                self,
                _("Save PDF"),
                _("Could not save {path}: {err}").format(path=path, err=exc.strerror or exc),
            )
            return None

    def write_temp(self) -> Path:
        """The PDF written to a file in the preview folder (deleted at the next customer, at
        quit and at the next start)."""
        folder = self._cache_dir
        folder.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=Path(self._name).stem + "-", suffix=".pdf", dir=folder)
        with open(fd, "wb") as fh:
            fh.write(self._data)
        return Path(name)

    def open_external(self) -> Path | None:
        """Open the PDF in the system viewer; says where the file is if that fails."""
        if not self._data:
            return None
        path = self.write_temp()
        ok = QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        if not ok:
            QMessageBox.information(
                self,
                _("Open PDF"),
                _("No PDF viewer could be started. The file is saved at:\n{path}").format(
                    path=path
                ),
            )
        self.opened_externally.emit(str(path))
        return path

    def print_to(self, printer: QPrinter) -> int:
        """Draw every page (or the printer's page range) onto ``printer``; returns pages printed."""
        n = self.page_count()
        if n == 0:
            return 0
        first, last = 0, n - 1
        if printer.printRange() == QPrinter.PrintRange.PageRange:
            first = max(0, printer.fromPage() - 1)
            last = min(n - 1, (printer.toPage() or n) - 1)
        painter = QPainter()
        if not painter.begin(printer):
            return 0
        printed = 0
        try:
            dpi = printer.resolution()
            for index in range(first, last + 1):
                if printed:
                    printer.newPage()
                size_pt = self._doc.pagePointSize(index)
                target = QSize(
                    round(size_pt.width() / 72 * dpi), round(size_pt.height() / 72 * dpi)
                )
                image = self._doc.render(index, target)
                rect = painter.viewport()
                scaled = target.scaled(rect.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.drawImage(QRect(rect.x(), rect.y(), scaled.width(), scaled.height()), image)
                printed += 1
        finally:
            painter.end()
        return printed

    def new_printer(self) -> QPrinter:
        """A printer for this PDF: the one chosen in the settings when it is connected, else
        the system's default."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self._name)
        printer.setFullPage(True)
        chosen = records.settings(self._ws).printer if self._ws is not None else ""
        if chosen and chosen in QPrinterInfo.availablePrinterNames():
            printer.setPrinterName(chosen)
        return printer

    def focus_print(self) -> None:
        """The keyboard focus to Print… (Enter presses it)."""
        self._print.setFocus(Qt.FocusReason.OtherFocusReason)

    def print_dialog(self) -> int:
        if self.page_count() == 0:
            return 0
        printer = self.new_printer()
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, self.page_count())
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return 0
        return self.print_to(printer)


def _default_dir() -> Path:
    docs = Path.home() / "Documents"
    return docs if docs.is_dir() else Path.home()
