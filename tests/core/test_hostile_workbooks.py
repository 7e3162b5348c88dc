"""Hostile .xlsx workbooks: formatted empty rows by the hundred thousand, huge shared-string
tables, a stale stored dimension. Memory is asserted with tracemalloc (Python heap peak)."""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from shipdesk.core import input_files
from shipdesk.core.errors import InputError
from shipdesk.core.exchange.sheet_reader import is_blank_row
from shipdesk.core.exchange.sheets import open_sheet
from tests.xlsx_builder import write_xlsx

HEAD = ["Order", "Description", "Quantity", "Unit price"]
ONE = ["1001", "Mug", 1, 5]


def _peak(fn: Callable[[], Any], tmp_path: Path) -> tuple[Any, int]:
    # a first small workbook loads the openpyxl modules, so only the reading is measured
    _read_all(write_xlsx(tmp_path / "warm-up.xlsx", [(1, HEAD), (2, ONE)], shared=["a"]))
    tracemalloc.start()
    try:
        result = fn()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return result, peak


def _read_all(p: Path) -> list[tuple[int, list[Any]]]:
    with open_sheet(p, header_score=len) as r:
        return [(n, v) for n, v in r.rows() if not is_blank_row(v)]


def test_formatted_empty_rows_below_the_table_keep_memory_flat(tmp_path: Path) -> None:
    # Excel writes a formatted row even when it is empty; a million of them took 456 MB: openpyxl
    # kept every parsed row element and the attributes of each formatted row, and with no stored
    # dimension parsed the whole sheet once more, keeping it, just to find its size
    rows = [(1, HEAD), (2, ONE), *((n, [""]) for n in range(3, 30_003))]
    p = write_xlsx(tmp_path / "tail.xlsx", rows, row_attrs='s="1" customFormat="1" ht="15"')
    data, peak = _peak(lambda: _read_all(p), tmp_path)
    assert data == [(2, ONE)]
    assert peak < 4 * 1024 * 1024, f"peak {peak / 1e6:.1f} MB"


def test_shared_strings_are_held_once_without_their_xml(tmp_path: Path) -> None:
    n = 100_000
    strings = [f"text {i:08d}" for i in range(n)]
    rows = [(1, HEAD), (2, [("s", 0), ("s", n - 1), 1, 5])]
    p = write_xlsx(tmp_path / "strings.xlsx", rows, shared=iter(strings))
    data, peak = _peak(lambda: _read_all(p), tmp_path)
    assert data == [(2, ["text 00000000", f"text {n - 1:08d}", 1, 5])]
    # the texts themselves take about 6 MB; openpyxl kept each parsed <si> element besides
    assert peak < 12 * 1024 * 1024, f"peak {peak / 1e6:.1f} MB"


def test_too_many_shared_strings_refused_naming_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(input_files, "MAX_SHARED_STRINGS", 1000)
    p = write_xlsx(tmp_path / "many.xlsx", [(1, HEAD)], shared=(f"t{i}" for i in range(1001)))
    with pytest.raises(InputError) as info:
        open_sheet(p)
    msg = str(info.value)
    assert "many.xlsx" in msg and "1,000" in msg and "\n" not in msg


def test_oversized_shared_strings_part_refused_from_the_zip_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(input_files, "MAX_SHARED_STRINGS_BYTES", 1024 * 1024)
    p = write_xlsx(
        tmp_path / "big.xlsx", [(1, HEAD)], shared=(f"text {i:08d}" for i in range(60_000))
    )

    def no_parse(*args: Any) -> None:
        raise AssertionError("the strings were parsed before the size was checked")

    monkeypatch.setattr(input_files, "_read_shared_strings", no_parse)
    with pytest.raises(InputError) as info:
        open_sheet(p)
    msg = str(info.value)
    assert "big.xlsx" in msg and "up to 1 MiB" in msg and "\n" not in msg


def test_stale_dimension_does_not_hide_rows(tmp_path: Path) -> None:
    rows = [(1, HEAD), *((n, [str(n), "Mug", 1, 5]) for n in range(2, 12))]
    p = write_xlsx(tmp_path / "stale.xlsx", rows, dimension="A1:D3")
    assert [n for n, _ in _read_all(p)] == list(range(2, 12))


def test_header_after_missing_rows_counts_them(tmp_path: Path) -> None:
    # rows absent from the file are blank rows: the header must still be within the first 30
    p = write_xlsx(tmp_path / "late.xlsx", [(31, HEAD), (32, ONE)])
    with pytest.raises(InputError, match="30"):
        open_sheet(p, header_score=len)
    p = write_xlsx(tmp_path / "ok.xlsx", [(30, HEAD), (32, ONE)])
    with open_sheet(p, header_score=len) as r:
        assert r.header_row == 30
        assert [(n, v) for n, v in r.rows() if not is_blank_row(v)] == [(32, ONE)]
