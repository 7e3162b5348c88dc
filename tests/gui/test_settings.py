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


def test_currency_weight_unit_paper_printer_and_theme_are_saved(qtbot, workspace) -> None:
    from PySide6.QtWidgets import QApplication

    from shipdesk.gui.theme import apply_theme, is_dark

    dlg = SettingsDialog(workspace)
    qtbot.addWidget(dlg)
    dlg.currency.setEditText("usd")  # typed, in small letters
    dlg.weight_unit.setCurrentIndex(dlg.weight_unit.findData("oz"))
    dlg.paper.setCurrentIndex(dlg.paper.findData("label-4x6"))
    dlg.theme.setCurrentIndex(dlg.theme.findData("dark"))
    assert dlg.printer.itemData(0) == ""  # no printer chosen: the system asks
    dlg.accept()
    try:
        s = workspace.settings
        assert (s.currency, s.weight_unit, s.paper, s.theme, s.printer) == (
            "USD",
            "oz",
            "label-4x6",
            "dark",
            "",
        )
        assert is_dark(QApplication.palette())  # the theme applies at once
    finally:
        apply_theme(QApplication.instance(), "system")
    assert not is_dark(QApplication.palette())


def test_a_currency_that_is_no_iso_code_is_refused_in_one_line(qtbot, workspace) -> None:
    dlg = SettingsDialog(workspace)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.currency.setEditText("Euro")
    dlg.accept()
    assert dlg.isVisible() and dlg.result() == 0
    said = dlg.problem.text()
    assert "Euro" in said and "ISO 4217" in said and "\n" not in said
    assert workspace.settings.currency == "EUR"  # nothing was stored
    dlg.currency.setEditText("CHF – Swiss Franc")
    dlg.accept()
    assert workspace.settings.currency == "CHF"


def test_saved_senders_default_and_delete_in_the_dialog(qtbot, workspace) -> None:
    from shipdesk.core.model import Party
    from shipdesk.core.services import records

    records.save_sender(workspace, Party(name="Shop One", city="Berlin", country="DE"))
    records.save_sender(workspace, Party(name="Shop Two", city="Lyon", country="FR"), default=False)
    dlg = SettingsDialog(workspace)
    qtbot.addWidget(dlg)
    assert dlg.senders.count() == 2
    assert dlg.senders.item(0).text().startswith("★")
    dlg.senders.setCurrentRow(1)
    dlg.make_default()
    assert [s.default for s in records.saved_senders(workspace)] == [False, True]
    assert dlg.senders.item(1).text().startswith("★")  # marked by a sign, not colour
    dlg.senders.setCurrentRow(0)
    dlg.delete_sender()
    assert [s.party["name"] for s in records.saved_senders(workspace)] == ["Shop Two"]


def test_the_sender_step_offers_the_saved_senders(qtbot, workspace) -> None:
    from shipdesk.core.model import Party
    from shipdesk.core.services import records
    from shipdesk.gui.main_window import MainWindow

    records.save_sender(workspace, Party(name="Shop One", city="Berlin", country="DE"))
    records.save_sender(workspace, Party(name="Shop Two", city="Lyon", country="FR"), default=False)
    w = MainWindow(workspace)
    qtbot.addWidget(w)
    w.session.load(w.default_declaration())
    assert w.session.decl.sender.name == "Shop One"  # the default starts a declaration
    box = w.sender_page.sender_choice
    assert box is not None and box.count() == 2
    assert box.itemText(0) == "Shop One · Berlin (default)"
    box.activated.emit(1)
    assert w.session.decl.sender.name == "Shop Two"
    assert w.sender_page.form.editors["name"].text() == "Shop Two"


def test_the_print_dialog_starts_with_the_chosen_printer(qtbot, workspace) -> None:
    from PySide6.QtPrintSupport import QPrinterInfo

    from shipdesk.core.services import records
    from shipdesk.gui.widgets.pdf_preview import PdfPreview

    preview = PdfPreview(workspace=workspace)
    qtbot.addWidget(preview)
    records.update_settings(workspace, printer="No Such Printer")
    # a printer that is not connected now is not forced on the dialog
    assert preview.new_printer().printerName() == QPrinterInfo.defaultPrinterName()
    names = QPrinterInfo.availablePrinterNames()
    if names:
        records.update_settings(workspace, printer=names[-1])
        assert preview.new_printer().printerName() == names[-1]
