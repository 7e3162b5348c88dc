"""The import dialog: detected mapping shown and editable, saved mappings, batch on a worker
with progress and cancel, problem report and rejected-row export."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from shipdesk.core.exchange import mapping as mp
from shipdesk.core.model import Party
from shipdesk.core.services import Workspace, imports
from shipdesk.gui import workers
from shipdesk.gui.dialogs.import_dialog import ImportDialog

DATA = Path(__file__).resolve().parent.parent / "data" / "sheets"
SENDER = Party(name="Maria Keller", street="Lindenweg 3", city="Freiburg", postcode="79098",
               country="DE")  # fmt: skip


@pytest.fixture
def dialog(qtbot, tmp_path: Path, workspace: Workspace) -> ImportDialog:
    d = ImportDialog(workspace, out_dir=tmp_path / "out", operator="upu", sender=SENDER)
    d.setProperty("quiet", True)
    qtbot.addWidget(d)
    assert d.mapping_page.out_edit.text() == str(tmp_path / "out")
    return d


def test_detected_mapping_is_shown_and_editable(dialog: ImportDialog) -> None:
    assert not dialog.run_button.isEnabled()
    assert dialog.load_file(DATA / "woocommerce_orders.csv")
    assert "WooCommerce" in dialog.mapping_page.detected_label.text()
    combo = dialog.mapping_page._combos["item.description"]
    assert combo.currentText() == "item_name"
    assert dialog.mapping_page._combos["recipient.name"].currentText() == (
        "shipping_first_name + shipping_last_name"
    )
    row = [t.key for t in mp.TARGETS].index("item.description")
    assert dialog.mapping_page.table.item(row, 2).text() == "Loose leaf green tea, 250 g"
    assert dialog.run_button.isEnabled()
    dialog.set_column("item.description", None)
    assert not dialog.run_button.isEnabled()
    assert "Item description" in dialog.progress_label.text()
    dialog.set_column("item.description", "item_sku")
    m = dialog.current_mapping()
    assert m.columns["item.description"] == ["item_sku"]
    assert m.columns["recipient.name"] == ["shipping_first_name", "shipping_last_name"]


def test_save_mapping_by_name_and_choose_it_again(
    dialog: ImportDialog, workspace: Workspace
) -> None:
    dialog.load_file(DATA / "shopify_orders.csv")
    dialog.set_column("item.hs_code", "Lineitem sku")
    dialog.mapping_page.unit_combo.setCurrentIndex(dialog.mapping_page.unit_combo.findData("g"))
    dialog.mapping_page.decimal_combo.setCurrentIndex(
        dialog.mapping_page.decimal_combo.findData(",")
    )
    assert dialog.mapping_page.date_combo.currentData() == "ymd"  # from the Shopify map
    dialog.mapping_page.save_name.setText("Shopify with codes")
    dialog.mapping_page.save_button.click()
    saved = imports.load_mapping(workspace, "Shopify with codes")
    assert saved is not None and saved.columns["item.hs_code"] == ["Lineitem sku"]
    assert (saved.weight_unit, saved.decimal, saved.date_order) == ("g", ",", "ymd")
    i = dialog.mapping_page.mapping_choice.findData("saved:Shopify with codes")
    assert i > 0
    dialog.mapping_page.mapping_choice.setCurrentIndex(0)
    dialog.mapping_page.mapping_choice.activated.emit(0)  # detected: no HS column
    assert dialog.mapping_page._combos["item.hs_code"].currentIndex() == 0
    dialog.mapping_page.mapping_choice.setCurrentIndex(i)
    dialog.mapping_page.mapping_choice.activated.emit(i)
    assert dialog.mapping_page._combos["item.hs_code"].currentText() == "Lineitem sku"


def test_bad_file_message(dialog: ImportDialog, tmp_path: Path) -> None:
    bad = tmp_path / "x.xlsx"
    bad.write_bytes(b"PK\x03\x04 nope")
    assert not dialog.load_file(bad)
    assert "damaged" in dialog.progress_label.text()


def test_batch_report_and_rejected_export(qtbot, dialog: ImportDialog, tmp_path: Path) -> None:
    dialog.load_file(DATA / "dirty_orders.xlsx")
    dialog.mapping_page.pdf_check.setChecked(False)
    with qtbot.waitSignal(dialog.batchFinished, timeout=60_000):
        dialog.run_button.click()
    assert dialog.state == "done"
    assert dialog.progress_bar.value() == 100
    assert dialog.pages.currentIndex() == 1
    assert dialog.report_page.outcome_table.rowCount() == 3
    cells = [
        dialog.report_page.problem_table.item(r, 0).text()
        for r in range(dialog.report_page.problem_table.rowCount())
    ]
    assert "8" in cells and "11" in cells
    assert dialog.report_page.export_button.isEnabled()
    out = dialog.export_rejected(tmp_path / "fix.csv")
    assert out is not None
    with out.open(encoding="utf-8-sig", newline="") as fh:
        assert [r[0] for r in list(csv.reader(fh))[1:]] == ["8", "10", "11"]
    assert (tmp_path / "out" / "B-1.shipdesk.json").exists()


def test_worker_thread_keeps_dialog_responsive_and_cancels(
    qtbot,
    dialog: ImportDialog,
    tmp_path: Path,
) -> None:
    big = tmp_path / "big.csv"
    lines = ["Order number,Item description,Quantity,Line value,Net weight,Country of origin,"
             "Recipient country,Recipient name,Currency"]  # fmt: skip
    lines += [f"{i},Ceramic mug,1,5.00,0.3,DE,FR,Anne Roy,EUR" for i in range(20_000)]
    big.write_text("\n".join(lines) + "\n", encoding="utf-8")
    dialog.load_file(big)
    dialog.mapping_page.pdf_check.setChecked(False)
    workers.set_synchronous(False)
    try:
        dialog.run_button.click()
        assert dialog.state == "running"  # click returned at once: the work is on a thread
        assert not dialog.run_button.isEnabled()
        qtbot.waitUntil(lambda: dialog.progress_bar.value() > 0, timeout=30_000)
        dialog.cancel_button.click()
        qtbot.waitUntil(lambda: dialog.state in ("cancelled", "done"), timeout=60_000)
    finally:
        workers.wait_all(60_000)
        workers.set_synchronous(True)
    assert dialog.state == "cancelled"
    assert dialog.cancel_button.text() == "Close"


def test_products_button_loads_catalogue_and_report_counts_lines(
    qtbot,
    dialog: ImportDialog,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    workspace: Workspace,
) -> None:
    from PySide6.QtWidgets import QFileDialog

    assert "No product catalogue" in dialog.mapping_page.products_label.text()
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda *a, **k: (str(DATA / "products.csv"), "")
    )
    dialog.mapping_page.products_button.click()
    assert imports.product_count(workspace) == 14
    assert "14 products loaded from products.csv." in dialog.mapping_page.products_label.text()
    assert "Product catalogue: 14 products." in dialog.mapping_page.products_label.text()

    dialog.load_file(DATA / "shopify_orders.csv")
    dialog.mapping_page.pdf_check.setChecked(False)
    dialog.mapping_page.packaging_edit.setText("abc")
    dialog.run_button.click()
    assert dialog.state == "idle" and "Packaging" in dialog.progress_label.text()
    dialog.mapping_page.packaging_edit.setText("0,15")
    with qtbot.waitSignal(dialog.batchFinished, timeout=60_000):
        dialog.run_button.click()
    assert dialog.state == "done"
    text = dialog.report_page.catalogue_label.text()
    assert "Lines completed from the product catalogue: 4 of 4." in text
    assert "Gross weight estimated (net weights + 0.15 kg packaging): 3." in text
    assert "Completed from" not in dialog.report_page.summary_label.text()  # said once, translated
    table = dialog.report_page.outcome_table
    statuses = {table.item(r, 0).text(): table.item(r, 1).text()
                for r in range(table.rowCount())}  # fmt: skip
    assert "blocked" not in statuses.values()


def test_bad_products_file_reports_rows(dialog: ImportDialog, tmp_path: Path) -> None:
    f = tmp_path / "p.csv"
    f.write_text("sku,hs_code\nA,12\n", encoding="utf-8")
    assert not dialog.load_products(f)
    assert "row 2, column 'hs_code'" in dialog.progress_label.text()
    assert not dialog.load_products(DATA / "shopify_orders.csv")
    assert "not a product catalogue" in dialog.progress_label.text()


def test_report_and_rejected_rows_in_the_window_language(
    qtbot, workspace: Workspace, tmp_path: Path
) -> None:
    """A German window shows the row problems, the summary and the rejected rows in German;
    the files keep the values as read."""
    from shipdesk.core import i18n

    i18n.set_language("de")
    try:
        d = ImportDialog(workspace, out_dir=tmp_path / "out", operator="upu", sender=SENDER)
        d.setProperty("quiet", True)
        qtbot.addWidget(d)
        d.load_file(DATA / "dirty_orders.xlsx")
        d.mapping_page.pdf_check.setChecked(False)
        with qtbot.waitSignal(d.batchFinished, timeout=60_000):
            d.run_button.click()
        table = d.report_page.problem_table
        messages = [table.item(r, 3).text() for r in range(table.rowCount())]
        assert "der Artikel hat keine Warenbeschreibung" in messages
        assert d.report_page.summary_label.text().startswith("Erstellte Zollinhaltserklärungen: 3")
        out = d.export_rejected(tmp_path / "fix.csv")
        assert out is not None
        head = out.read_text("utf-8-sig").splitlines()[0]
        assert head.startswith("Zeile,") and head.endswith(",Problem")
        written = (tmp_path / "out" / "rejected.csv").read_text("utf-8-sig")
        assert "der Artikel hat keine Warenbeschreibung" in written
    finally:
        i18n.set_language("en")


def test_after_choosing_a_file_enter_imports_it(qtbot, dialog: ImportDialog) -> None:
    """Keyboard only: Choose file… (Space), a file, then Enter. The focus stayed on Choose
    file…, so Enter opened the file dialog again instead of importing."""
    dialog.show()
    dialog.browse_button.setFocus()
    assert dialog.load_file(DATA / "woocommerce_orders.csv")  # what the file dialog calls
    assert dialog.run_button.isEnabled()
    assert dialog.focusWidget() is dialog.run_button
    dialog.mapping_page.pdf_check.setChecked(False)
    with qtbot.waitSignal(dialog.batchFinished, timeout=60_000):
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    assert dialog.state == "done"
