"""Orders -> declarations: each platform export, dirty files, rejected rows."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest

from shipdesk.core.errors import InputError
from shipdesk.core.exchange.import_result import ImportResult
from shipdesk.core.exchange.mapping import ColumnMapping
from shipdesk.core.exchange.orders import import_orders
from shipdesk.core.model import Declaration, Party
from shipdesk.core.progress import Cancelled, CancelToken

DATA = Path(__file__).resolve().parent.parent / "data" / "sheets"
SENDER = Party(name="Maria Keller", street="Lindenweg 3", city="Freiburg", postcode="79098",
               country="DE")  # fmt: skip


def _by_order(result: ImportResult) -> dict[str, Declaration]:
    return {o.order_number: o.declaration for o in result.orders}


# -- platform files ---------------------------------------------------------------------------
def test_shopify_export() -> None:
    r = import_orders(DATA / "shopify_orders.csv", sender=SENDER)
    assert r.mapping.platform == "shopify"
    assert not r.rejected
    d = _by_order(r)
    assert list(d) == ["#1001", "#1002", "#1003"]
    a = d["#1001"]
    assert [it.description for it in a.items] == [
        "Organic cotton T-shirt - Blue / M",
        "Ceramic coffee mug",
    ]
    assert [it.value for it in a.items] == ["38.00", "16.00"]  # unit price × quantity
    assert a.recipient.street == "12 Oak Street, Apt 4"
    assert a.recipient.postcode == "62704"  # Shopify writes ZIP codes as '62704
    assert (a.recipient.country, a.currency, a.postal_charges, a.date) == (
        "US", "EUR", "12.50", "2026-11-20")  # fmt: skip
    assert a.sender.name == "Maria Keller"
    assert a.items[0].extra["sku"] == "TS-BL-M"
    assert d["#1003"].comments.startswith("=HYPERLINK")  # kept as typed; neutralised on export


def test_etsy_export() -> None:
    r = import_orders(DATA / "etsy_order_items.csv", sender=SENDER)
    assert r.mapping.platform == "etsy"
    d = _by_order(r)
    first = d["3190045521"]
    assert first.recipient.country == "GB"
    assert first.date == "2026-11-23"
    assert [it.value for it in first.items] == ["38.00", "110.00"]  # Item Total wins
    assert d["3190045600"].recipient.country == "CH"


def test_ebay_export_summary_rows_footer_and_cp1252() -> None:
    r = import_orders(DATA / "ebay_orders.csv", sender=SENDER)
    assert r.mapping.platform == "ebay"
    assert not r.rejected, [str(p) for p in r.problems]
    assert r.rows_skipped == 2  # "record(s) downloaded" and "Seller ID" footer lines
    d = _by_order(r)
    watch = d["12-10001-20001"]
    assert watch.recipient.name == "Klaus Müller"
    assert watch.recipient.country == "DE"
    assert watch.currency == "USD"  # from the $ sign
    assert watch.item_id == "RR123456785US"
    assert [(it.value, it.origin_country) for it in watch.items] == [
        ("49.99", "CH"), ("19.99", "IT")]  # fmt: skip


def test_woocommerce_export_joins_names() -> None:
    r = import_orders(DATA / "woocommerce_orders.csv", sender=SENDER)
    assert r.mapping.platform == "woocommerce"
    d = _by_order(r)["880"]
    assert d.recipient.name == "Liam Chen"
    assert d.recipient.street == "1020 Robson St, Unit 7"
    assert d.currency == "GBP"
    assert [it.value for it in d.items] == ["24.00", "54.00"]


def test_amazon_tab_delimited_line_values() -> None:
    r = import_orders(DATA / "amazon_orders.txt", sender=SENDER)
    assert r.mapping.platform == "amazon"
    d = _by_order(r)["305-1234567-8901234"]
    assert [(it.quantity, it.value) for it in d.items] == [("2", "17.98"), ("1", "12.49")]
    assert d.recipient.country == "IE"


def test_shipdesk_template_complete() -> None:
    r = import_orders(DATA / "shipdesk_template_filled.xlsx")
    assert r.mapping.platform == "shipdesk"
    assert not r.problems
    d = _by_order(r)
    a = d["A-100"]
    assert a.sender.company == "Keller Handmade"
    assert a.recipient.postcode == "02108"
    assert [(it.net_weight_kg, it.hs_code, it.origin_country) for it in a.items] == [
        ("0.3", "610910", "PT"), ("0.25", "691200", "DE")]  # fmt: skip
    assert a.gross_weight_kg == "0.62"
    assert d["A-101"].category == "gift"
    assert d["A-101"].recipient.region == "QC"


# -- dirty files ------------------------------------------------------------------------------
def test_dirty_xlsx_reports_every_bad_row_and_keeps_the_good_ones(tmp_path: Path) -> None:
    r = import_orders(DATA / "dirty_orders.xlsx", sender=SENDER)
    assert r.header_row == 3  # below a title row and a blank row
    d = _by_order(r)
    assert sorted(d) == ["B-1", "B-2", "B-4"]
    b1 = d["B-1"]  # order number merged over two rows; text date; 1.234,56; weight in grams
    assert b1.date == "2026-11-27"
    assert b1.recipient.country == "AT"
    assert [(it.quantity, it.value, it.net_weight_kg, it.hs_code) for it in b1.items] == [
        ("3", "3703.68", "0.24", "611594"), ("2", "9.00", "0.2", "090411")]  # fmt: skip
    assert d["B-2"].items[0].value == "1299.00"
    # every problem of row 8 is listed, not just the first
    row8 = {(p.column, p.message.split(" ")[0]) for p in r.problems if p.row == 8}
    assert ("Qty", "'two'") in row8
    assert ("Country", "unknown") in row8
    assert {rr.row for rr in r.rejected} == {8, 10, 11}
    # B-5's good row is rejected with its bad sibling, saying why
    sibling = next(rr for rr in r.rejected if rr.row == 10)
    assert "row 11" in sibling.problems[0].message
    out = r.write_rejected(tmp_path / "rejected.csv")
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][0] == "Row" and rows[0][-1] == "Problem"
    assert [row[0] for row in rows[1:]] == ["8", "10", "11"]
    assert "'two' is not a number" in rows[1][-1]


def test_rejected_rows_reimport_after_fixing(tmp_path: Path) -> None:
    r = import_orders(DATA / "dirty_orders.xlsx", sender=SENDER)
    out = r.write_rejected(tmp_path / "rejected.xlsx")
    wb = openpyxl.load_workbook(out)
    ws = wb.active
    head = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        cells = dict(zip(head, row))
        if cells["Qty"].value == "two":
            cells["Qty"].value = 2
            cells["Country"].value = "FR"
        if not cells["Description"].value:
            cells["Description"].value = "Lip balm, 10 g"
    wb.save(out)
    again = import_orders(out, sender=SENDER)
    assert not again.rejected, [str(p) for p in again.problems]
    assert sorted(o.order_number for o in again.orders) == ["B-3", "B-5"]


def test_dirty_semicolon_cp1252_csv(tmp_path: Path) -> None:
    r = import_orders(DATA / "dirty_semicolon_cp1252.csv", sender=SENDER)
    d = _by_order(r)
    assert d["5001"].recipient.name == "Søren Jørgensen"
    assert d["5001"].recipient.country == "DK"
    assert d["5001"].items[0].value == "1049.00"
    assert d["5001"].items[0].net_weight_kg == "1.25"
    assert d["5001"].items[0].hs_code == "950300"
    assert d["5002"].items[0].hs_code == "090121"
    assert [p.column for p in r.errors] == ["Währung"]
    assert "5003" not in d
    out = r.write_rejected(tmp_path / "rejected.csv")  # same delimiter as the source
    assert out.read_text("utf-8-sig").splitlines()[1].startswith("5;5003;23.11.2026;")


def test_missing_required_columns(tmp_path: Path) -> None:
    p = tmp_path / "x.csv"
    p.write_text("foo,bar\n1,2\n", encoding="utf-8")
    with pytest.raises(InputError, match="Item description"):
        import_orders(p)


def test_explicit_mapping_and_no_order_column(tmp_path: Path) -> None:
    p = tmp_path / "x.csv"
    p.write_text("What,Cost,Dest\nMug,5.00,FR\nCup,4.00,ES\n", encoding="utf-8")
    m = ColumnMapping(columns={"item.description": ["What"], "item.unit_price": ["Cost"],
                               "recipient.country": ["Dest"]})  # fmt: skip
    r = import_orders(p, m)
    assert [o.order_number for o in r.orders] == ["row-2", "row-3"]
    assert r.orders[1].declaration.recipient.country == "ES"


def test_conflicting_currency_in_one_order_rejects_it(tmp_path: Path) -> None:
    p = tmp_path / "x.csv"
    p.write_text(
        "Order number,Item description,Quantity,Line value,Currency\n"
        "7,Mug,1,5.00,EUR\n7,Cup,1,4.00,USD\n8,Bowl,1,3.00,EUR\n",
        encoding="utf-8",
    )
    r = import_orders(p)
    assert [o.order_number for o in r.orders] == ["8"]
    assert {rr.row for rr in r.rejected} == {2, 3}
    assert any("differs" in p.message for p in r.problems)


def test_progress_and_cancel(tmp_path: Path) -> None:
    p = tmp_path / "x.csv"
    lines = ["Order number,Item description,Quantity,Line value"]
    lines += [f"{i},Mug,1,5.00" for i in range(3000)]
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    seen: list[tuple[int, int]] = []
    r = import_orders(p, progress=lambda d, t, m: seen.append((d, t)))
    assert len(r.orders) == 3000
    assert seen and seen[-1][0] == seen[-1][1] > 0
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        import_orders(p, cancel=token)


def test_title_row_with_two_cells_is_not_taken_for_the_header(tmp_path: Path) -> None:
    p = tmp_path / "report.csv"
    p.write_text(
        "Orders report,November 2026\n\n"
        "Order number,Item description,Quantity,Line value,Recipient phone\n"
        "1,Mug,1,5.00,'+49 30 1234567\n",
        encoding="utf-8",
    )
    r = import_orders(p)
    assert r.header_row == 3
    d = r.orders[0].declaration
    assert d.items[0].description == "Mug"
    assert d.recipient.phone == "+49 30 1234567"  # the export's apostrophe is undone


def test_row_problems_are_english_and_can_be_told_in_another_language(tmp_path: Path) -> None:
    """The result keeps English (the command line, the rejected file it writes); the window
    tells the same problems, and writes the rejected rows, in its own language."""
    p = tmp_path / "x.csv"
    p.write_text(
        "Order number,Item description,Quantity,Line value,Currency\n"
        "7,Mug,two,5.00,EUR\n8,,1,3.00,EUR\n",
        encoding="utf-8",
    )
    r = import_orders(p)
    by_row = {pr.row: pr for pr in r.errors}
    assert by_row[2].message == "'two' is not a number"
    assert str(by_row[2]) == "row 2, column 'Quantity': 'two' is not a number"
    de = by_row[2].in_language("de")
    assert (de.column, de.message) == ("Quantity", "'two' ist keine Zahl")
    assert by_row[2].text("fr") == "ligne 2, colonne 'Quantity' : 'two' n'est pas un nombre"
    assert by_row[3].in_language("de").message == "der Artikel hat keine Warenbeschreibung"
    english = r.write_rejected(tmp_path / "en.csv").read_text("utf-8-sig").splitlines()
    german = r.write_rejected(tmp_path / "de.csv", "de").read_text("utf-8-sig").splitlines()
    assert english[0] == "Row,Order number,Item description,Quantity,Line value,Currency,Problem"
    assert german[0] == "Zeile,Order number,Item description,Quantity,Line value,Currency,Problem"
    assert english[1].endswith("Quantity: 'two' is not a number")
    assert german[1].endswith("Quantity: 'two' ist keine Zahl")


def test_a_field_without_a_column_is_named_in_the_language_told() -> None:
    from shipdesk.core.exchange.import_result import RowProblem
    from shipdesk.core.i18n import N_, Phrase

    p = RowProblem(
        4,
        Phrase(N_("Currency")),
        Phrase(N_("no currency column or sign; {currency} assumed"), currency="EUR"),
        "warning",
    )
    assert str(p) == "row 4, column 'Currency': no currency column or sign; EUR assumed"
    assert p.text("de") == (
        "Zeile 4, Spalte 'Währung': keine Währungsspalte und kein Währungszeichen; EUR angenommen"
    )


def test_file_errors_are_told_in_the_interface_language(tmp_path: Path) -> None:
    from shipdesk.core.i18n import error_text

    p = tmp_path / "x.csv"
    p.write_text("foo,bar\n1,2\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        import_orders(p)
    assert str(info.value) == (
        f"{p}: no column found for Item description, Item unit price or line value (choose the "
        "columns in a mapping; columns in the file: foo, bar)"
    )
    assert error_text(info.value, "de") == (
        f"{p}: keine Spalte gefunden für Warenbeschreibung, Stückpreis oder Positionswert (die "
        "Spalten in einer Zuordnung wählen; Spalten in der Datei: foo, bar)"
    )
