"""Settings dialog: operator, channel, drafts and language are stored."""

from __future__ import annotations

from shipdesk.core.storage import settings
from shipdesk.core.storage.db import connect
from shipdesk.gui.dialogs.settings import SettingsDialog


def test_settings_are_saved(qtbot) -> None:
    conn = connect()
    dlg = SettingsDialog(conn)
    qtbot.addWidget(dlg)
    dlg.operator.setCurrentIndex(dlg.operator.findData("royal_mail"))
    dlg.keep.setValue(0)
    dlg.language.setCurrentIndex(dlg.language.findData("de"))
    dlg.accept()
    assert settings.get("operator", conn) == "royal_mail"
    assert settings.get("keep_drafts_days", conn) == 0
    assert settings.get("ui_language", conn) == "de"
    assert dlg.operator.count() >= 10
