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
from shipdesk.core.storage import settings

LANGUAGE_NAMES = {"en": "English", "de": "Deutsch", "fr": "Français"}


def _operator_choices() -> list[tuple[str, str]]:
    from shipdesk.core.forms import load_profiles

    return [(pid, p.name) for pid, p in sorted(load_profiles().items(), key=lambda kv: kv[1].name)]


class SettingsDialog(QDialog):
    def __init__(self, conn, parent: QWidget | None = None):
        super().__init__(parent)
        self.conn = conn
        self.setWindowTitle(_("Settings"))
        form = QFormLayout(self)
        self.operator = QComboBox(self)
        self.operator.setObjectName("operatorChoice")
        for pid, name in _operator_choices():
            self.operator.addItem(name, pid)
        i = self.operator.findData(settings.get("operator", conn))
        self.operator.setCurrentIndex(max(i, 0))
        form.addRow(_("Postal operator"), self.operator)
        form.addRow(
            "",
            QLabel(_("Decides the CN22 value limit, copies and languages."), self, wordWrap=True),
        )
        self.channel = QComboBox(self)
        self.channel.addItem(_("Post (UPU letter post / parcels)"), "post")
        self.channel.addItem(_("Courier / express"), "courier")
        self.channel.setCurrentIndex(max(self.channel.findData(settings.get("channel", conn)), 0))
        form.addRow(_("Channel"), self.channel)
        self.keep = QSpinBox(self)
        self.keep.setObjectName("keepDrafts")
        self.keep.setRange(0, 3650)
        self.keep.setSuffix(" days")
        self.keep.setSpecialValueText("delete after printing")
        self.keep.setValue(int(settings.get("keep_drafts_days", conn) or 0))
        form.addRow(_("Keep drafts"), self.keep)
        form.addRow(
            "",
            QLabel(
                "At a counter, choose “delete after printing” so no customer data stays "
                "on this PC.",
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
        self.language.setCurrentIndex(
            max(self.language.findData(settings.get("ui_language", conn) or ""), 0)
        )
        form.addRow(_("Language"), self.language)
        form.addRow("", QLabel(_("A new language applies at the next start."), self, wordWrap=True))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def accept(self) -> None:
        settings.put("operator", self.operator.currentData(), self.conn)
        settings.put("channel", self.channel.currentData(), self.conn)
        settings.put("keep_drafts_days", self.keep.value(), self.conn)
        settings.put("ui_language", self.language.currentData() or "", self.conn)
        super().accept()
