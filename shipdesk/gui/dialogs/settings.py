"""Settings: postal operator, channel, paper, how long drafts are kept, how many backups."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QWidget,
)

from shipdesk.core.i18n import _, available_languages
from shipdesk.core.services import Workspace, records

LANGUAGE_NAMES = {"en": "English", "de": "Deutsch", "fr": "Français", "es": "Español"}


class SettingsDialog(QDialog):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = workspace
        current = records.settings(workspace)
        self.setWindowTitle(_("Settings"))
        form = QFormLayout(self)
        self.operator = QComboBox(self)
        self.operator.setObjectName("operatorChoice")
        for pid, name in records.operator_choices():
            self.operator.addItem(_(name), pid)  # a describing name is in the catalogue
        i = self.operator.findData(current.operator)
        self.operator.setCurrentIndex(max(i, 0))
        form.addRow(_("Postal operator"), self.operator)
        form.addRow(
            "",
            QLabel(_("Decides the CN22 value limit, copies and languages."), self, wordWrap=True),
        )
        self.channel = QComboBox(self)
        self.channel.addItem(_("Post (UPU letter post / parcels)"), "post")
        self.channel.addItem(_("Courier / express"), "courier")
        self.channel.setCurrentIndex(max(self.channel.findData(current.channel), 0))
        form.addRow(_("Channel"), self.channel)
        self.keep_mode = QComboBox(self)
        self.keep_mode.setObjectName("keepDraftsMode")
        self.keep_mode.setAccessibleName(_("Keep drafts"))
        self.keep_mode.addItem(_("nothing (deleted at quit)"), "nothing")
        self.keep_mode.addItem(_("until printed"), "printed")
        self.keep_mode.addItem(_("for a number of days"), "days")
        self.keep_mode.setCurrentIndex(max(self.keep_mode.findData(current.keep_drafts), 0))
        self.keep = QSpinBox(self)
        self.keep.setObjectName("keepDrafts")
        self.keep.setRange(1, 3650)
        self.keep.setSuffix(" " + _("days"))
        self.keep.setValue(max(current.keep_drafts_days, 1))
        self.keep.setAccessibleName(_("Keep drafts for"))
        self.keep_mode.currentIndexChanged.connect(self._keep_mode_changed)
        self._keep_mode_changed()
        keep_row = QHBoxLayout()
        keep_row.addWidget(self.keep_mode, 1)
        keep_row.addWidget(self.keep)
        form.addRow(_("Keep drafts"), keep_row)
        form.addRow(
            "",
            QLabel(
                _(
                    "At a counter, choose “until printed” or “nothing” and use Next customer "
                    "(Ctrl+Shift+N): no customer data stays on this PC. Addresses are kept on "
                    "the way only with “for a number of days”."
                ),
                self,
                wordWrap=True,
            ),
        )
        self.counter = QCheckBox(
            _("Counter layout: large type, one column, plain answers on restricted goods"), self
        )
        self.counter.setObjectName("counterLayout")
        self.counter.setChecked(current.counter_layout)
        form.addRow(_("Layout"), self.counter)
        self.backups = QSpinBox(self)
        self.backups.setObjectName("backupsKept")
        self.backups.setRange(0, 365)
        self.backups.setSpecialValueText(_("none"))
        self.backups.setValue(current.backups_kept)
        form.addRow(_("Daily backups kept"), self.backups)
        self.language = QComboBox(self)
        self.language.setObjectName("uiLanguage")
        self.language.addItem(_("System language"), "")
        for code, name in LANGUAGE_NAMES.items():
            if code in available_languages():
                self.language.addItem(name, code)
        self.language.setCurrentIndex(max(self.language.findData(current.ui_language), 0))
        form.addRow(_("Language"), self.language)
        form.addRow("", QLabel(_("A new language applies at the next start."), self, wordWrap=True))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _keep_mode_changed(self) -> None:
        self.keep.setEnabled(self.keep_mode.currentData() == "days")

    def accept(self) -> None:
        records.update_settings(
            self.ws,
            operator=self.operator.currentData(),
            channel=self.channel.currentData(),
            keep_drafts=self.keep_mode.currentData(),
            keep_drafts_days=self.keep.value(),
            counter_layout=self.counter.isChecked(),
            backups_kept=self.backups.value(),
            ui_language=self.language.currentData() or "",
        )
        super().accept()
