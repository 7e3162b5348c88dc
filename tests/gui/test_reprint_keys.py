"""History → Print again, by keyboard only, at a person's speed (20-120 ms a key): the kept
declaration opens on the Documents step with its PDF, Enter prints it, Ctrl+E saves it. Before,
Print again asked for a file name in a blocking file dialog first."""

from __future__ import annotations

import random
from pathlib import Path

import pdfplumber
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton

from shipdesk.core.services import declarations, records
from shipdesk.gui.dialogs.history import HistoryDialog
from shipdesk.gui.widgets import pdf_preview
from tests.gui.test_history import _keep

Mod = Qt.KeyboardModifier


class Keys:
    """Keys into whatever has the focus (an open dialog's control included), 20-120 ms apart."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.count = 0

    def press(self, key: Qt.Key, modifier: Qt.KeyboardModifier = Mod.NoModifier) -> None:
        QTest.qWait(self.rng.randint(20, 120))
        target = QApplication.focusWidget()
        assert target is not None, "nothing has the keyboard focus"
        QTest.keyClick(target, key, modifier)
        self.count += 1

    def type(self, text: str) -> None:
        for ch in text:
            QTest.qWait(self.rng.randint(20, 120))
            target = QApplication.focusWidget()
            assert target is not None
            QTest.keyClicks(target, ch)


def _alt_letter(button: QPushButton) -> Qt.Key:
    text = button.text()
    return Qt.Key(ord(text[text.index("&") + 1].upper()))


def _history(window) -> HistoryDialog:
    dialogs = [d for d in window.findChildren(HistoryDialog) if d.isVisible()]
    assert len(dialogs) == 1
    return dialogs[0]


def test_print_again_from_the_history_by_keyboard(
    qtbot, window, monkeypatch, tmp_path: Path, sample_path: Path
) -> None:
    records.update_settings(window.ws, keep_drafts="days")
    kept = declarations.new_draft_id(window.ws)
    declarations.save_draft(window.ws, kept, declarations.load(sample_path))  # John Miller
    declarations.log_event(window.ws, kept, "rendered", "cn23")
    _keep(window.ws, "Zoë Müller", "US", "Wool scarf")
    printed: list[Path] = []

    class PrintDialog:  # the system's print dialog, Enter on its Print button
        DialogCode = pdf_preview.QPrintDialog.DialogCode

        def __init__(self, printer, parent) -> None:
            self.printer = printer

        def setMinMax(self, first: int, last: int) -> None:
            pass

        def exec(self) -> int:
            out = tmp_path / f"printed-{len(printed)}.pdf"
            self.printer.setOutputFormat(self.printer.OutputFormat.PdfFormat)
            self.printer.setOutputFileName(str(out))
            printed.append(out)
            return int(self.DialogCode.Accepted)

    saved_as = tmp_path / "again.pdf"
    monkeypatch.setattr(pdf_preview, "QPrintDialog", PrintDialog)
    monkeypatch.setattr(  # the save dialog, its file name typed and Enter
        pdf_preview.QFileDialog, "getSaveFileName", lambda *a, **k: (str(saved_as), "")
    )
    window.activateWindow()
    keys = Keys(seed=12)
    keys.press(Qt.Key.Key_H, Mod.ControlModifier)  # History…
    dlg = _history(window)
    qtbot.waitUntil(dlg.search.hasFocus, timeout=2000)
    keys.type("mill")
    assert dlg.selected_id() == kept
    keys.press(_alt_letter(dlg.reprint_btn), Mod.AltModifier)  # Print again
    qtbot.waitUntil(lambda: window.documents_page.pdf is not None, timeout=10000)
    assert window.stack.currentIndex() == 4
    assert window.session.draft_id == kept
    assert window.session.decl.recipient.name == "John Miller"
    preview = window.documents_page.preview
    qtbot.waitUntil(lambda: preview._print.hasFocus(), timeout=2000)
    keys.press(Qt.Key.Key_Return)  # Print…
    assert len(printed) == 1 and printed[0].is_file()
    with pdfplumber.open(printed[0]) as pdf:
        assert len(pdf.pages) == preview.page_count() > 0
    keys.press(Qt.Key.Key_P, Mod.ControlModifier)  # and again with its key
    assert len(printed) == 2
    keys.press(Qt.Key.Key_E, Mod.ControlModifier)  # Save as…
    assert saved_as.is_file() and saved_as.read_bytes() == window.documents_page.pdf
    with pdfplumber.open(saved_as) as pdf:
        assert "wool scarf" in "".join(page.extract_text() or "" for page in pdf.pages).lower()
    assert "rendered" in [row[1] for row in declarations.history(window.ws, kept)]
    listed = {e.draft_id: e.status for e in declarations.kept_declarations(window.ws)}
    assert listed[kept] == "printed"
    assert keys.count == 5  # besides the search typed
