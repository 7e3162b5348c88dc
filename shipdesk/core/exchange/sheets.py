"""Reading spreadsheet rows safely: .xlsx (streamed) and .csv/.tsv/.txt (encoding and delimiter
detected).

``open_sheet(path)`` returns a :class:`.sheet_reader.SheetReader` (a context manager) that has
found the header row and yields the data rows one at a time with their spreadsheet row numbers,
so memory stays bounded whatever the file size (which is capped anyway, see :mod:`.safety`).
Workbooks are opened by :mod:`.xlsx_sheets`, text files by :mod:`.csv_sheets`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from shipdesk.core.errors import InputError
from shipdesk.core.exchange.csv_sheets import open_csv
from shipdesk.core.exchange.safety import check_file_size
from shipdesk.core.exchange.sheet_reader import Cell, SheetReader, is_blank_row
from shipdesk.core.exchange.xlsx_sheets import open_xlsx
from shipdesk.core.i18n import N_, Phrase

XLSX_SUFFIXES = (".xlsx", ".xlsm")
CSV_SUFFIXES = (".csv", ".tsv", ".txt")
SUPPORTED_SUFFIXES = XLSX_SUFFIXES + CSV_SUFFIXES


def open_sheet(
    path: str | Path,
    sheet: str | None = None,
    header_score: Callable[[list[Cell]], int] | None = None,
) -> SheetReader:
    """Open a spreadsheet or CSV file for import; the header row is found before returning
    (``header_score`` ranks candidate header rows, see ``SheetReader.find_header``)."""
    p = Path(path)
    check_file_size(p)
    suffix = p.suffix.lower()
    if suffix == ".xls":
        raise InputError(
            Phrase(N_("old Excel 97-2003 (.xls) files are not read; save it as .xlsx or CSV")),
            source=str(p),
        )
    if suffix in XLSX_SUFFIXES:
        reader = open_xlsx(p, sheet)
    elif suffix in CSV_SUFFIXES:
        reader = open_csv(p)
    else:
        raise InputError(
            Phrase(
                N_("unsupported file type {suffix}; import .xlsx or .csv files"),
                suffix=suffix or Phrase(N_("(none)")),
            ),
            source=str(p),
        )
    try:
        reader.find_header(header_score)
    except BaseException:
        reader.close()
        raise
    return reader


def read_table(
    path: str | Path,
    limit: int | None = None,
    sheet: str | None = None,
    header_score: Callable[[list[Cell]], int] | None = None,
) -> tuple[list[str], list[tuple[int, list[Cell]]]]:
    """Headers and (up to ``limit``) non-blank data rows: for previews and small files."""
    out: list[tuple[int, list[Cell]]] = []
    with open_sheet(path, sheet, header_score) as r:
        for n, values in r.rows():
            if is_blank_row(values):
                continue
            out.append((n, values))
            if limit is not None and len(out) >= limit:
                break
        return r.headers, out
