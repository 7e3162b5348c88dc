"""The last page of the import dialog: what the batch made of the file.

The counts and notes of the batch summary, what the product catalogue completed, one row per
declaration (ready, to check, blocked, failed, and why) and one row per problem of the file (row,
column, level, message). The texts of the summary come from ``services.imports``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shipdesk.core.i18n import _, language
from shipdesk.core.services import imports

if TYPE_CHECKING:
    from shipdesk.core.services.imports import BatchSummary, ImportResult


class ReportPage(QWidget):
    """The outcome of one import: summary, catalogue note, declarations and row problems."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        v = QVBoxLayout(self)
        self.summary_label = QLabel("", self)
        self.summary_label.setObjectName("importSummary")
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        v.addWidget(self.summary_label)
        self.catalogue_label = QLabel("", self)
        self.catalogue_label.setObjectName("catalogueResult")
        self.catalogue_label.setWordWrap(True)
        v.addWidget(self.catalogue_label)
        v.addWidget(QLabel(_("Declarations"), self))
        self.outcome_table = self._table("outcomeTable", [_("Order"), _("Status"), _("Why")])
        self.outcome_table.setAccessibleName(_("Declarations"))
        v.addWidget(self.outcome_table, 1)
        v.addWidget(QLabel(_("Problems by row"), self))
        self.problem_table = self._table(
            "problemTable", [_("Row"), _("Column"), _("Level"), _("Problem")]
        )
        self.problem_table.setAccessibleName(_("Problems by row"))
        v.addWidget(self.problem_table, 1)
        h = QHBoxLayout()
        h.addStretch(1)
        self.export_button = QPushButton(_("Export rejected rows…"), self)
        self.export_button.setObjectName("exportRejected")
        self.export_button.setEnabled(False)
        h.addWidget(self.export_button)
        v.addLayout(h)

    def _table(self, name: str, headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers), self)
        table.setObjectName(name)
        table.setHorizontalHeaderLabels(headers)
        table.horizontalHeader().setSectionResizeMode(
            len(headers) - 1, QHeaderView.ResizeMode.Stretch
        )
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        return table

    def show_report(self, result: ImportResult, s: BatchSummary) -> str:
        """Fill the page; returns the summary's first line (for the status line)."""
        # the tables below give the details; the label keeps the counts and notes
        # the catalogue has its own (translated) line below
        own = set(result.catalogue.lines_text()) if result.catalogue else set()
        lines = [
            ln
            for ln in imports.summary_lines(s, max_rows=0)
            if not ln.startswith(" ") and ln not in own
        ]
        self.summary_label.setText("\n".join(lines))
        cat = result.catalogue
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
        self.outcome_table.setRowCount(len(s.outcomes))
        labels = {"ok": _("ready"), "check": _("to check"), "blocked": _("blocked"),
                  "failed": _("failed")}  # fmt: skip
        for r, o in enumerate(s.outcomes):
            why = "; ".join(o.reasons(language()))
            if o.suggested:
                why = (why + "; " if why else "") + _("HS code suggested: confirm it")
            for c, text in enumerate((o.name, labels.get(o.status, o.status), why)):
                self.outcome_table.setItem(r, c, QTableWidgetItem(text))
        probs = result.problems
        self.problem_table.setRowCount(len(probs))
        for r, p in enumerate(probs):
            told = p.in_language()  # kept in English by the core, shown in the interface language
            for c, text in enumerate((str(p.row), told.column, _(p.level), told.message)):
                self.problem_table.setItem(r, c, QTableWidgetItem(text))
        self.export_button.setEnabled(bool(result.rejected))
        return lines[0]
