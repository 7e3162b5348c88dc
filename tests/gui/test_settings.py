"""Settings dialog: operator, channel, drafts and language are stored."""

from __future__ import annotations

from shipdesk.core.services import Workspace
from shipdesk.core.storage.settings import SqliteSettings
from shipdesk.gui.dialogs.settings import SettingsDialog


def test_settings_are_saved(qtbot, workspace: Workspace) -> None:
    dlg = SettingsDialog(workspace)
    qtbot.addWidget(dlg)
    dlg.operator.setCurrentIndex(dlg.operator.findData("royal_mail"))
    assert not dlg.keep.isEnabled() or dlg.keep_mode.currentData() == "days"
    dlg.keep_mode.setCurrentIndex(dlg.keep_mode.findData("printed"))
    assert not dlg.keep.isEnabled()
    dlg.language.setCurrentIndex(dlg.language.findData("de"))
    dlg.accept()
    stored = SqliteSettings(workspace.db)
    assert stored.get("operator") == "royal_mail"
    assert stored.get("keep_drafts") == "printed"
    assert workspace.settings.keep_drafts == "printed"
    assert stored.get("ui_language") == "de"
    assert workspace.operator_profile.id == "royal_mail"  # the workspace follows
    assert dlg.operator.count() >= 10
