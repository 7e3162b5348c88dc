"""Step 5: documents: choose form and paper, create the PDF, preview, print, save."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shipdesk.core import pacing
from shipdesk.core.i18n import N_, _, error_text, ngettext
from shipdesk.core.services import declarations, records
from shipdesk.gui import workers
from shipdesk.gui.session import EditSession
from shipdesk.gui.widgets.pdf_preview import PdfPreview

if TYPE_CHECKING:
    from shipdesk.core.services.declarations import Finding, ValidationResult
    from shipdesk.gui.session import CheckResult

FORMS = [
    ("auto", N_("CN22 or CN23 (chosen by value)")),
    ("cn22", N_("CN22")),
    ("cn23", N_("CN23")),
    ("invoice", N_("Commercial invoice")),
    ("packing", N_("Packing list")),
    ("all", N_("All documents")),
]
PAPERS = [
    ("a4", N_("A4")),
    ("letter", N_("US Letter")),
    ("label-4x6", N_("Label 4×6 in")),
    ("a6", N_("A6")),
]
LANGS = [("en", "English"), ("fr", "Français"), ("de", "Deutsch"), ("es", "Español")]


class DocumentsPage(QWidget):
    rendered = Signal(bytes)

    def __init__(self, session: EditSession, blocking: Any, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.blocking = blocking  # callable -> list of unresolved prohibited findings
        self.pdf: bytes | None = None
        self._generation = 0  # bumped by clear(): a PDF made for an earlier declaration is dropped
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel("<h2>" + _("Documents") + "</h2>", self))
        row = QHBoxLayout()
        self.form = QComboBox(self)
        self.form.setObjectName("formChoice")
        for key, label in FORMS:
            self.form.addItem(_(label), key)
        self.paper = QComboBox(self)
        self.paper.setObjectName("paperChoice")
        for key, label in PAPERS:
            self.paper.addItem(_(label), key)
        self.lang = QComboBox(self)
        self.lang.setObjectName("docLanguage")
        for key, label in LANGS:
            self.lang.addItem(label, key)
        self.create_btn = QPushButton(_("&Create PDF"), self)
        self.create_btn.setObjectName("createPdf")
        self.create_btn.setDefault(True)
        self.create_btn.clicked.connect(lambda: self.create_pdf())
        self.next_customer_btn = QPushButton(_("Ne&xt customer"), self)
        self.next_customer_btn.setObjectName("nextCustomer")
        for label, w in (
            (_("Form"), self.form),
            (_("Paper"), self.paper),
            (_("Invoice text"), self.lang),
        ):
            lbl = QLabel(label, self)
            lbl.setBuddy(w)  # the label names the box for screen readers
            row.addWidget(lbl)
            row.addWidget(w)
        row.addStretch(1)
        row.addWidget(self.create_btn)
        row.addWidget(self.next_customer_btn)
        lay.addLayout(row)
        ws = session.ws
        current = records.settings(ws)
        self.paper.setCurrentIndex(max(self.paper.findData(current.paper), 0))
        self.lang.setCurrentIndex(max(self.lang.findData(current.document_language), 0))
        self.paper.currentIndexChanged.connect(
            lambda: records.update_settings(ws, paper=self.paper.currentData())
        )
        self.lang.currentIndexChanged.connect(
            lambda: records.update_settings(ws, document_language=self.lang.currentData())
        )
        self.status = QLabel(self)
        self.status.setObjectName("documentsStatus")
        self.status.setWordWrap(True)
        lay.addWidget(self.status)
        # The preview carries Save as…, Print… and Open in system viewer.
        self.preview = PdfPreview(parent=self, cache_dir=records.preview_folder(ws), workspace=ws)
        lay.addWidget(self.preview, 1)
        session.changed.connect(self.clear)

    def first_empty(self) -> QWidget | None:
        return self.create_btn if self.create_btn.isEnabled() else None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter creates the PDF (on a focused button, the preview's Print… included: presses
        that button; elsewhere in the preview it stays the preview's, e.g. a page number)."""
        plain = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier == Qt.KeyboardModifier(0)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain:
            focus = QApplication.focusWidget()
            if isinstance(focus, QAbstractButton) and focus.isEnabled():
                focus.click()
            elif focus is not None and self.preview.isAncestorOf(focus):
                super().keyPressEvent(event)
                return
            elif self.create_btn.isEnabled():
                self.create_pdf()
            event.accept()
            return
        super().keyPressEvent(event)

    def clear(self) -> None:
        """Another declaration (or the next customer): nothing of the last PDF stays."""
        self._generation += 1
        self.create_btn.setEnabled(True)
        self.pdf = None
        self.status.clear()
        self.preview.set_pdf(b"")

    def refuse_reason(self) -> str:
        """Why the declaration as last checked may not be printed ('' when it may)."""
        return self._refusal(self.session.validation, self.blocking())

    @staticmethod
    def _refusal(res: ValidationResult | None, blocking: list[Finding]) -> str:
        if res is not None and res.has_errors:
            n = len(res.errors)
            return ngettext(
                "Fix {n} error listed in Review before printing.",
                "Fix {n} errors listed in Review before printing.",
                n,
            ).format(n=n)
        if blocking:
            return (
                ngettext(
                    "{n} item may not be sent ({message}).",
                    "{n} items may not be sent ({message}).",
                    len(blocking),
                ).format(n=len(blocking), message=blocking[0].message)
                + " "
                + _("Remove them, or override with a reason in Review.")
            )
        return ""

    def create_pdf(self, then: Callable[[], object] | None = None) -> None:
        """Check, then render, both on the pool; ``then`` runs once this PDF is shown (not if
        it is refused, fails, or belongs to a declaration replaced meanwhile). The checks (the
        declaration's, and as the form chosen here) made the turn of Create PDF 12-13 ms of
        the window's thread with 40 items; on the pool the turn only says the PDF is coming."""
        self.session.keep()  # what is printed is listed in the History
        decl, of = self.session.copy_for_checks()
        form, paper, lang = (
            self.form.currentData(),
            self.paper.currentData(),
            self.lang.currentData(),
        )
        ws = self.session.ws
        self.status.setText(_("Creating the PDF…"))
        self.create_btn.setEnabled(False)
        generation = self._generation

        def check() -> tuple[CheckResult, ValidationResult]:
            checks = EditSession.run_checks(ws, decl)
            pacing.step_aside()
            # A form chosen here is judged as that form (a CN 22 beyond its limits is refused).
            return checks, declarations.validate(ws, decl, form=form)

        def checked(result: tuple[CheckResult, ValidationResult]) -> None:
            if generation != self._generation:
                return
            checks, as_printed = result
            self.session.show_checks_of(of, checks)
            validation, findings, _errors = checks
            reason = self._refusal(validation, declarations.blocking(decl, findings))
            if not reason and as_printed.has_errors:
                reason = as_printed.errors[0].message
            if reason:
                self.create_btn.setEnabled(True)
                self.status.setText("✖ " + reason)
                return
            workers.run_async(
                lambda: declarations.render(ws, decl, form=form, paper=paper, lang=lang),
                done,
                failed,
            )

        def done(pdf: bytes) -> None:
            if generation == self._generation:
                self._on_rendered(pdf)
                if then is not None:
                    then()

        def failed(exc: BaseException) -> None:
            if generation == self._generation:
                self._on_failed(exc)

        workers.run_async(check, checked, failed)

    def _on_rendered(self, pdf: bytes) -> None:
        self.create_btn.setEnabled(True)
        self.pdf = pdf
        self.status.setText("✔ " + _("PDF ready ({kb} KB).").format(kb=len(pdf) // 1024))
        self.preview.set_pdf(pdf)
        # The history's note of it is written on the pool (a database write may wait for the
        # disk: not in the turn that shows the PDF); ``rendered`` follows it, so what the
        # window writes then comes after it, and not at all for a declaration replaced since.
        ws, draft_id, form = self.session.ws, self.session.draft_id, self.form.currentData()
        generation = self._generation

        def logged(_result: object) -> None:
            if generation == self._generation:
                self.rendered.emit(pdf)

        workers.run_async(lambda: declarations.log_event(ws, draft_id, "rendered", form), logged)

    def _on_failed(self, exc: BaseException) -> None:
        self.create_btn.setEnabled(True)
        self.status.setText(
            "✖ " + _("The PDF could not be made: {error}").format(error=error_text(exc))
        )

    def save_pdf(self, path: Path) -> None:
        if self.pdf is None:
            raise ValueError("no PDF yet")
        declarations.save_pdf(path, self.pdf, self.session.ws)
        self.status.setText("✔ " + _("Saved {path}").format(path=path))
