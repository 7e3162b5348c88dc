"""The PDF preview widget: loads bytes, pages, zoom, save, print, open in the system viewer."""

from __future__ import annotations

from pathlib import Path

import pypdf
import pytest

from shipdesk.core.documents import render
from shipdesk.core.exchange.declaration_json import load_file

DATA = Path(__file__).resolve().parents[1] / "data" / "documents"

pytestmark = pytest.mark.gui


@pytest.fixture(scope="module")
def pdf_bytes() -> bytes:
    return render(load_file(DATA / "many_items.shipdesk.json"), form="cn23", copies=1)


@pytest.fixture
def preview(qtbot, pdf_bytes):
    from shipdesk.gui.widgets.pdf_preview import PdfPreview

    w = PdfPreview()
    qtbot.addWidget(w)
    w.resize(800, 600)
    w.show()
    w.set_pdf(pdf_bytes, "RR473124829DE")
    return w


def test_loads_bytes_and_navigates(preview, pdf_bytes):
    assert preview.page_count() == 2
    assert preview.pdf_bytes() == pdf_bytes
    assert preview.current_page() == 0
    preview.next_page()
    assert preview.current_page() == 1
    preview.next_page()  # stays on the last page
    assert preview.current_page() == 1
    preview.previous_page()
    assert preview.current_page() == 0


def test_zoom_steps(preview):
    preview.set_zoom(1.0)
    preview.zoom_in()
    assert preview.zoom() == pytest.approx(1.25)
    preview.zoom_out()
    preview.zoom_out()
    assert preview.zoom() == pytest.approx(0.8)
    preview.fit_width()
    assert "Fit" in preview._zoom_label.text()


def test_save_as_writes_the_same_bytes(preview, pdf_bytes, tmp_path, qtbot):
    target = tmp_path / "out" / "decl.pdf"
    with qtbot.waitSignal(preview.saved):
        preview.save_to(target)
    assert target.read_bytes() == pdf_bytes


def test_save_dialog_uses_the_chosen_path(preview, pdf_bytes, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    chosen = tmp_path / "chosen"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(chosen), ""))
    path = preview.save_dialog()
    assert path == chosen.with_suffix(".pdf")
    assert path.read_bytes() == pdf_bytes


def test_open_in_system_viewer_writes_a_temp_file(preview, pdf_bytes, monkeypatch):
    from PySide6.QtGui import QDesktopServices

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    path = preview.open_external()
    assert path is not None and path.read_bytes() == pdf_bytes
    assert opened and opened[0].toLocalFile() == str(path)


def test_print_renders_every_page(preview, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    assert preview.print_to(printer) == 2
    assert len(pypdf.PdfReader(out).pages) == 2


def test_empty_preview_disables_output(qtbot):
    from shipdesk.gui.widgets.pdf_preview import PdfPreview

    w = PdfPreview()
    qtbot.addWidget(w)
    assert w.page_count() == 0
    assert not w._print.isEnabled() and not w._save.isEnabled()
    assert w.open_external() is None
