"""`tariff import` of hostile files: the size and zip checks of the spreadsheet import, every row
read whatever dimension the sheet states, memory flat over a sheet's empty rows."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from shipdesk.cli.main import main
from shipdesk.core import input_files
from shipdesk.core.errors import InputError
from shipdesk.core.services import Workspace
from shipdesk.core.storage.national_tariff import SqliteNationalTariffs
from shipdesk.core.tariff import national
from tests.xlsx_builder import write_xlsx

HEAD = ["CN code", "Description", "Level"]
LINES = [
    ["6109 10 00", "Of cotton", 2],
    ["6109 90 20", "Of wool or fine animal hair", 2],
    ["6110 11 10", "Jerseys and pullovers, of wool", 3],
    ["6110 11 30", "Other jerseys, men's or boys'", 3],
    ["6110 11 90", "Other jerseys, women's or girls'", 3],
    ["6110 12 10", "Of Kashmir goats", 3],
    ["6110 19 10", "Of fine animal hair, other", 3],
    ["6110 20 10", "Lightweight fine knit roll-neck jumpers", 3],
    ["6110 30 10", "Of man-made fibres, lightweight", 3],
    ["6111 20 90", "Babies' garments of cotton, other", 3],
]


@pytest.fixture
def store(tmp_path: Path) -> SqliteNationalTariffs:
    return SqliteNationalTariffs(tmp_path / "national_tariffs.sqlite3")


def _rows(extra_blank: int = 0) -> list[tuple[int, list]]:
    rows = [(1, HEAD), *((n + 2, line) for n, line in enumerate(LINES))]
    rows += [(n, [""]) for n in range(len(rows) + 1, len(rows) + 1 + extra_blank)]
    return rows


def test_stale_dimension_reads_every_row_and_reports_the_count(
    tmp_path: Path, store: SqliteNationalTariffs
) -> None:
    # the sheet claims A1:C3; every one of the ten lines must still be imported
    p = write_xlsx(tmp_path / "cn_2026.xlsx", _rows(), dimension="A1:C3")
    s = national.import_file(p, store, "eu-cn")
    assert s.lines == 10 and s.rows == 10 and s.skipped == 0


def test_cli_says_how_many_rows_were_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], workspace: Workspace
) -> None:
    p = write_xlsx(tmp_path / "cn_2026.xlsx", _rows(), dimension="A1:C3")
    assert main(["tariff", "import", str(p)]) == 0
    out = capsys.readouterr().out
    assert "imported 10 eu-cn lines" in out and "(10 rows read)" in out


def test_zip_bomb_refused_before_unpacking(
    tmp_path: Path, store: SqliteNationalTariffs, monkeypatch: pytest.MonkeyPatch
) -> None:
    p = write_xlsx(tmp_path / "cn_2026.xlsx", _rows(extra_blank=5000))
    monkeypatch.setattr(input_files, "MAX_COMPRESSION_RATIO", 5)
    with pytest.raises(InputError) as info:
        national.import_file(p, store, "eu-cn")
    msg = str(info.value)
    assert "cn_2026.xlsx" in msg and "zip bomb" in msg and "\n" not in msg


def test_file_over_the_size_limit_refused(tmp_path: Path, store: SqliteNationalTariffs) -> None:
    p = tmp_path / "hts_2026.csv"
    with p.open("wb") as fh:
        fh.truncate(input_files.MAX_FILE_BYTES + 1)  # sparse: no disk used
    with pytest.raises(InputError) as info:
        national.import_file(p, store, "us-hts")
    msg = str(info.value)
    assert "hts_2026.csv" in msg and "50 MiB" in msg


def test_empty_formatted_rows_keep_memory_flat(
    tmp_path: Path, store: SqliteNationalTariffs
) -> None:
    warm = write_xlsx(tmp_path / "warm_2026.xlsx", _rows())
    national.import_file(warm, store, "eu-cn")  # loads openpyxl and the nomenclature
    p = write_xlsx(tmp_path / "cn_2026.xlsx", _rows(extra_blank=30_000), row_attrs='s="1" ht="15"')
    tracemalloc.start()
    try:
        s = national.import_file(p, store, "eu-cn")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert s.lines == 10
    assert peak < 4 * 1024 * 1024, f"peak {peak / 1e6:.1f} MB"
