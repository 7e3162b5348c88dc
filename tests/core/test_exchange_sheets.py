"""Reading xlsx/csv safely: encodings, delimiters, header detection, broken and hostile files."""

from __future__ import annotations

import codecs
import zipfile
from pathlib import Path

import openpyxl
import pytest

from shipdesk.core.errors import InputError
from shipdesk.core.exchange import safety, sheet_reader, sheets
from shipdesk.core.exchange.csv_sheets import detect_delimiter
from shipdesk.core.exchange.sheets import open_sheet, read_table

DATA = Path(__file__).resolve().parent.parent / "data" / "sheets"


def _write(path: Path, text: str, encoding: str) -> Path:
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("cp1252", b""), ("utf-16", b"")],
)
def test_csv_encodings(tmp_path: Path, encoding: str, prefix: bytes) -> None:
    text = "Name;City;Price\r\nZoë Brontë;Köln;12,50\r\nJosé;Málaga;1.234,00\r\n"
    p = tmp_path / "x.csv"
    p.write_bytes(prefix + text.encode(encoding))
    headers, rows = read_table(p)
    assert headers == ["Name", "City", "Price"]
    assert rows[0][1] == ["Zoë Brontë", "Köln", "12,50"]
    assert rows[1] == (3, ["José", "Málaga", "1.234,00"])


def test_windows_1252_detected(tmp_path: Path) -> None:
    p = _write(tmp_path / "a.csv", "a,b\r\nMüller,€5\r\n", "cp1252")
    with open_sheet(p) as r:
        assert r.encoding == "cp1252"
        assert next(iter(r.rows()))[1] == ["Müller", "€5"]


def test_utf8_with_a_stray_byte_is_refused_naming_the_line_not_read_as_cp1252(
    tmp_path: Path,
) -> None:
    p = tmp_path / "orders.csv"
    p.write_bytes("name,city\nJürgen,Köln\nAnna,Berlin\n".encode() + b"Zo\x80e,Paris\n")
    with pytest.raises(InputError) as info:
        read_table(p)
    text = str(info.value)
    assert "orders.csv" in text and "line 4" in text and "UTF-8" in text
    assert "Ã" not in text


def test_cp1252_with_one_accidental_utf8_pair_is_still_cp1252(tmp_path: Path) -> None:
    p = _write(tmp_path / "a.csv", "a,b\r\nMüller,€5\r\nGrüße,Ã©\r\n", "cp1252")
    with open_sheet(p) as r:
        assert r.encoding == "cp1252"
        assert [v for _, v in r.rows()] == [["Müller", "€5"], ["Grüße", "Ã©"]]


@pytest.mark.parametrize("delim", [",", ";", "\t", "|"])
def test_delimiter_detection(delim: str) -> None:
    lines = [delim.join(["order", "desc, long", "qty"]), delim.join(["1", "x", "2"])]
    if delim == ",":
        lines = ['order,"desc, long",qty', "1,x,2"]
    assert detect_delimiter("\n".join(lines) + "\n") == delim


def test_header_found_below_title_rows_and_blank_rows_kept_numbered(tmp_path: Path) -> None:
    p = tmp_path / "t.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["My orders"])
    ws.append([])
    ws.append(["Order", "Description", "Price"])
    ws.append(["1", "Mug", 5])
    ws.append([])
    ws.append(["2", "Cup", 4.5])
    wb.save(p)
    with open_sheet(p) as r:
        assert r.header_row == 3
        assert r.headers == ["Order", "Description", "Price"]
        rows = [(n, v) for n, v in r.rows() if not sheet_reader.is_blank_row(v)]
    assert rows == [(4, ["1", "Mug", 5]), (6, ["2", "Cup", 4.5])]


def test_template_sheet_chosen_over_instructions() -> None:
    with open_sheet(DATA / "shipdesk_template_filled.xlsx") as r:
        assert r.sheet_name == "Orders"
        assert "Order number" in r.headers


def test_corrupt_xlsx(tmp_path: Path) -> None:
    p = tmp_path / "broken.xlsx"
    p.write_bytes(b"PK\x03\x04" + b"\x00garbage" * 50)
    with pytest.raises(InputError, match="damaged"):
        open_sheet(p)


def test_xlsx_without_workbook_part(tmp_path: Path) -> None:
    p = tmp_path / "odd.xlsx"
    with zipfile.ZipFile(p, "w") as zf:
        zf.writestr("hello.txt", "hi")
    with pytest.raises(InputError, match="not an Excel workbook"):
        open_sheet(p)


def test_password_protected_xlsx(tmp_path: Path) -> None:
    # An encrypted OOXML file is an OLE compound file holding an "EncryptedPackage" stream.
    p = tmp_path / "secret.xlsx"
    body = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500
    body += "EncryptedPackage".encode("utf-16-le") + b"\x00" * 500
    p.write_bytes(body)
    with pytest.raises(InputError, match="password-protected"):
        open_sheet(p)


def test_old_xls_refused(tmp_path: Path) -> None:
    p = tmp_path / "old.xls"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    with pytest.raises(InputError, match=r"\.xls"):
        open_sheet(p)
    q = tmp_path / "old_renamed.xlsx"
    q.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    with pytest.raises(InputError, match="97-2003"):
        open_sheet(q)


def test_zip_bomb_refused(tmp_path: Path) -> None:
    p = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(p, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
        zf.writestr("xl/worksheets/sheet1.xml", b"\x00" * (5 * 1024 * 1024))
    with pytest.raises(InputError, match="zip bomb"):
        open_sheet(p)


def test_file_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    p = _write(tmp_path / "big.csv", "a,b\n1,2\n" * 100, "utf-8")
    monkeypatch.setattr(sheets, "check_file_size", lambda path: safety.check_file_size(path, 50))
    with pytest.raises(InputError, match="MiB"):
        open_sheet(p)


def test_row_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    p = _write(tmp_path / "many.csv", "a,b\n" + "1,2\n" * 30, "utf-8")
    monkeypatch.setattr(sheet_reader, "MAX_ROWS", 10)
    with pytest.raises(InputError, match="more than 10 data rows"), open_sheet(p) as r:
        list(r.rows())


def test_binary_csv_and_unknown_types(tmp_path: Path) -> None:
    p = tmp_path / "bin.csv"
    p.write_bytes(b"a,b\n\x00\x01\x02,\x00\n")
    with pytest.raises(InputError, match="binary"):
        open_sheet(p)
    q = tmp_path / "x.ods"
    q.write_bytes(b"whatever")
    with pytest.raises(InputError, match="unsupported file type"):
        open_sheet(q)
    with pytest.raises(InputError, match="not found"):
        open_sheet(tmp_path / "missing.csv")


def test_empty_file(tmp_path: Path) -> None:
    p = _write(tmp_path / "empty.csv", "\n\n", "utf-8")
    with pytest.raises(InputError, match="empty"):
        open_sheet(p)


def test_formula_cells_read_as_cached_values_never_evaluated(tmp_path: Path) -> None:
    p = tmp_path / "f.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Order", "Description", "Price"])
    ws.append(["1", '=WEBSERVICE("http://example.invalid")', "=2*3"])
    wb.save(p)  # openpyxl stores no cached results: the reader sees empty cells
    _, rows = read_table(p)
    assert rows[0][1][1:] == [None, None]


def test_long_csv_cells_are_read_without_changing_the_process_wide_limit(tmp_path: Path) -> None:
    import csv

    p = tmp_path / "long.csv"
    p.write_text(f"Order,Description\n1,{'x' * 20_000}\n", encoding="utf-8")
    before = csv.field_size_limit(1_000)  # what some other code in the process chose
    try:
        headers, rows = read_table(p)
        assert csv.field_size_limit() == 1_000  # put back after the read
    finally:
        csv.field_size_limit(before)
    assert headers == ["Order", "Description"]
    assert rows[0][1][1] == "x" * safety.MAX_CELL_CHARS  # clipped to the cell limit


def _one_order_then_blank_lines(path: Path, blank_lines: int) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write("Order,Description,Price\r\n1,Mug,5\r\n")
        chunk = "\r\n" * 100_000
        for _ in range(blank_lines // 100_000):
            f.write(chunk)
    return path


def test_blank_lines_after_the_data_are_streamed_not_buffered(tmp_path: Path) -> None:
    # one order followed by half a million empty lines: the header search used to keep every blank
    # row in memory (22 million of them took 5.75 GB); now memory stays flat
    import tracemalloc

    p = _one_order_then_blank_lines(tmp_path / "blank_tail.csv", 500_000)
    tracemalloc.start()
    try:
        with open_sheet(p, header_score=lambda values: len(values)) as r:
            assert r.headers == ["Order", "Description", "Price"]
            data = [(n, v) for n, v in r.rows() if not sheet_reader.is_blank_row(v)]
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert data == [(2, ["1", "Mug", "5"])]
    assert peak < 20 * 1024 * 1024, f"peak {peak / 1e6:.0f} MB"


def test_header_search_counts_blank_rows(tmp_path: Path) -> None:
    # the header must be among the first 30 rows, blank rows included; past them the file is
    # refused with a one-line message naming it
    p = tmp_path / "late_header.csv"
    p.write_text("\n" * 29 + "Order,Description\n1,Mug\n", encoding="utf-8")
    with open_sheet(p, header_score=lambda values: 1) as r:
        assert r.header_row == 30
        assert r.headers == ["Order", "Description"]
    p.write_text("\n" * 30 + "Order,Description\n1,Mug\n", encoding="utf-8")
    with pytest.raises(InputError) as e:
        open_sheet(p, header_score=lambda values: 1)
    msg = str(e.value)
    assert "late_header.csv" in msg
    assert "30" in msg
    assert "\n" not in msg


def test_utf8_holding_a_replacement_character_is_plain_utf8(tmp_path: Path) -> None:
    p = _write(tmp_path / "a.csv", "a,b\nJürgen,\ufffd\n", "utf-8")
    with open_sheet(p) as r:
        assert r.encoding == "utf-8"
        assert [v for _, v in r.rows()] == [["Jürgen", "\ufffd"]]


def test_millions_of_blank_lines_are_refused_quickly(tmp_path: Path, monkeypatch) -> None:
    # 22 million empty lines after one order were read for minutes; rows are now counted blank
    # ones included, and past the limit the file is refused naming it and what it holds
    monkeypatch.setattr(sheet_reader, "MAX_SCANNED_ROWS", 200_000)
    p = _one_order_then_blank_lines(tmp_path / "blank_tail.csv", 300_000)
    with pytest.raises(InputError) as err, open_sheet(p, header_score=len) as r:
        for _ in r.rows():
            pass
    text = str(err.value)
    assert "blank_tail.csv" in text
    assert "200,000 rows, 1 of them with data" in text


def test_the_scanned_row_limit_is_above_excels_largest_sheet() -> None:
    assert safety.MAX_SCANNED_ROWS > 1_048_576 + 1


def test_an_orders_file_takes_at_most_max_order_rows(tmp_path: Path, monkeypatch) -> None:
    # every order is held as a declaration until the batch has run, so an orders file has a
    # lower row limit than a product catalogue (100,000 one-line orders peaked at 752 MB)
    from shipdesk.core.exchange import orders
    from shipdesk.core.exchange.orders import import_orders
    from shipdesk.core.model import Party

    monkeypatch.setattr(orders, "MAX_ORDER_ROWS", 50)
    p = tmp_path / "orders.csv"
    lines = ["order id,name,street,city,postcode,country,description,quantity,price,weight"]
    lines += [f"A-{i},Jo Doe,1 Main St,Springfield,62701,US,Mug,1,5.00,0.3" for i in range(51)]
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    sender = Party(
        name="Anna", street="Hauptstraße 1", city="Berlin", postcode="10115", country="DE"
    )
    with pytest.raises(InputError) as err:
        import_orders(p, sender=sender)
    assert "more than 50 data rows" in str(err.value) and "orders.csv" in str(err.value)
    p.write_text("\n".join(lines[:51]) + "\n", encoding="utf-8")
    assert len(import_orders(p, sender=sender).orders) == 50
