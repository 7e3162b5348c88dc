"""Settings: postal operator, channel, paper and how long drafts are kept."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QWidget,
)

from shipdesk.core.i18n import _, available_languages
from shipdesk.core.services import Workspace, records

LANGUAGE_NAMES = {"en": "English", "de": "Deutsch", "fr": "Français"}


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
            self.operator.addItem(name, pid)
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
        self.keep = QSpinBox(self)
        self.keep.setObjectName("keepDrafts")
        self.keep.setRange(0, 3650)
        self.keep.setSuffix(" " + _("days"))
        self.keep.setSpecialValueText(_("delete after printing"))
        self.keep.setValue(current.keep_drafts_days)
        form.addRow(_("Keep drafts"), self.keep)
        form.addRow(
            "",
            QLabel(
                _(
                    "At a counter, choose “delete after printing” so no customer data stays "
                    "on this PC."
                ),
                self,
                wordWrap=True,
            ),
        )
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

    def accept(self) -> None:
        records.update_settings(
            self.ws,
            operator=self.operator.currentData(),
            channel=self.channel.currentData(),
            keep_drafts_days=self.keep.value(),
            ui_language=self.language.currentData() or "",
        )
        super().accept()
