"""What the start-up found: a problem to fix outside ShipDesk, or a report with backups to
restore. The core decides everything (``services.startup``); these dialogs only show it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shipdesk.core.errors import ShipdeskError
from shipdesk.core.i18n import _, error_text, labelled, ngettext
from shipdesk.core.services.startup import Backup, DatabaseBusy, DataFolderError, StartupReport
from shipdesk.gui.alt_letters import settle_alt_letters


class StartProblemDialog(QMessageBox):
    """ShipDesk cannot open its data: the folder named, or the database another ShipDesk holds
    (with Retry). ``exec()`` returns the button pressed."""

    def __init__(self, error: ShipdeskError, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("startProblem")
        self.setIcon(QMessageBox.Icon.Critical)
        self.setWindowTitle(_("ShipDesk cannot start"))
        self.retry_offered = isinstance(error, DatabaseBusy)
        if isinstance(error, DataFolderError):
            text = _(
                "ShipDesk cannot write to its data folder:\n\n{folder}\n\n({detail})\n\n"
                "Give your user account permission to write there, or start ShipDesk with "
                "SHIPDESK_HOME set to another folder."
            ).format(folder=error.folder, detail=error.detail)
        elif isinstance(error, DatabaseBusy):
            text = _(
                "The database {path} is in use by another ShipDesk.\n\n"
                "Close the other ShipDesk (or wait until it has finished) and click Retry."
            ).format(path=error.path)
        else:
            text = _("ShipDesk cannot open its data:\n\n{error}").format(error=error_text(error))
        self.setText(text)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if self.retry_offered:
            self.setStandardButtons(
                QMessageBox.StandardButton.Retry | QMessageBox.StandardButton.Close
            )
            self.setDefaultButton(QMessageBox.StandardButton.Retry)
        else:
            self.setStandardButtons(QMessageBox.StandardButton.Close)


def _backup_label(b: Backup) -> str:
    when = b.taken_at.strftime("%Y-%m-%d %H:%M UTC")
    size = max(1, round(b.size / 1024))
    text = _("{when} ({size} KB)").format(when=when, size=size)
    if b.note == "before-restore":
        text += " · " + _("taken before a restore")
    return text


class StartupReportDialog(QDialog):
    """The database that was set aside (named) with the backups to restore, and the drafts
    that were skipped. ``chosen_backup`` is set when the user asks for a restore."""

    def __init__(self, report: StartupReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("startupReport")
        self.setWindowTitle(_("ShipDesk: your data"))
        self.report = report
        self.chosen_backup: Path | None = None
        layout = QVBoxLayout(self)
        parts: list[str] = []
        aside = report.set_aside
        if aside is not None:
            if aside.reason == "newer":
                parts.append(
                    _(
                        "The database was written by a newer version of ShipDesk ({detail}). "
                        "It was kept as\n{moved}\nand ShipDesk started with a new, empty "
                        "database. To use it again, rename it back to {original} and use the "
                        "newer ShipDesk."
                    ).format(detail=aside.detail, moved=aside.moved_to, original=aside.original)
                )
            else:
                parts.append(
                    _(
                        "The database could not be used because it is damaged ({detail}). "
                        "It was kept as\n{moved}\nand ShipDesk started with a new, empty "
                        "database."
                    ).format(detail=aside.detail, moved=aside.moved_to)
                )
        skipped = report.resumed.skipped
        if skipped:
            lines = [
                ngettext(
                    "A draft could not be opened and was skipped; it is kept for support:",
                    "{n} drafts could not be opened and were skipped; they are kept for support:",
                    len(skipped),
                ).format(n=len(skipped))
            ]
            for d in skipped:
                lines.append("• " + labelled(f"{d.title} ({d.updated_at})", d.reason))
            parts.append("\n".join(lines))
        self.message = QLabel("\n\n".join(parts), self)
        self.message.setObjectName("startupMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.message)

        self.backup_list = QListWidget(self)
        self.backup_list.setObjectName("backupList")
        self.restore_button = QPushButton(_("&Restore selected backup"), self)
        self.restore_button.setObjectName("restoreBackup")
        self.restore_button.setEnabled(False)
        offer = aside is not None
        if offer and report.backups:
            layout.addWidget(QLabel(_("Automatic backups of the database:"), self))
            for b in report.backups:
                item = QListWidgetItem(_backup_label(b))
                item.setData(Qt.ItemDataRole.UserRole, str(b.path))
                item.setToolTip(str(b.path))
                self.backup_list.addItem(item)
            self.backup_list.setCurrentRow(0)
            self.restore_button.setEnabled(True)
            layout.addWidget(self.backup_list)
        elif offer:
            layout.addWidget(QLabel(_("There is no automatic backup to restore yet."), self))
        self.backup_list.setVisible(offer and bool(report.backups))
        self.restore_button.setVisible(offer and bool(report.backups))

        buttons = QDialogButtonBox(self)
        self.continue_button = buttons.addButton(
            _("&Continue"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.continue_button.setObjectName("continueStart")
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self._restore)
        layout.addWidget(buttons)
        settle_alt_letters(self)

    def _restore(self) -> None:
        item = self.backup_list.currentItem()
        if item is None:
            return
        self.chosen_backup = Path(item.data(Qt.ItemDataRole.UserRole))
        self.accept()
