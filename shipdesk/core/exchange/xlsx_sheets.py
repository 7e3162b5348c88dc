"""Opening .xlsx / .xlsm workbooks for import.

The workbook is opened and checked by :func:`shipdesk.core.input_files.open_workbook` (zip bombs,
oversized text tables, password-protected and old .xls files refused before anything is
unpacked) and its rows are streamed by :func:`~shipdesk.core.input_files.sheet_rows`: values only
(formulas are never evaluated; the cached result is read), one row in memory at a time, the
stored sheet dimension ignored.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from shipdesk.core.errors import InputError
from shipdesk.core.exchange.safety import MAX_COLUMNS
from shipdesk.core.exchange.sheet_reader import HEADER_SCAN_ROWS, Cell, SheetReader, clip_cell
from shipdesk.core.i18n import N_, Phrase
from shipdesk.core.input_files import OLE_MAGIC as OLE_MAGIC
from shipdesk.core.input_files import open_workbook, sheet_rows


def open_xlsx(path: Path, sheet: str | None) -> SheetReader:
    wb = open_workbook(path)
    try:
        ws = _pick_sheet(wb, sheet, str(path))
    except BaseException:
        wb.close()
        raise
    reader = SheetReader(source=str(path), kind="xlsx", sheet_name=ws.title)
    reader.closers.append(wb)
    try:
        estimate = int(ws.max_row or 0)  # the stored dimension: for progress only
    except (TypeError, ValueError):
        estimate = 0
    state = {"row": 0}

    def gen() -> Iterator[tuple[int, list[Cell]]]:
        try:
            for n, values in sheet_rows(ws, MAX_COLUMNS, fill_gaps_until=HEADER_SCAN_ROWS):
                state["row"] = n
                yield n, [clip_cell(v) for v in values]
        except InputError:
            raise
        except Exception as exc:
            raise InputError(
                Phrase(
                    N_("the workbook is damaged and cannot be read ({error})"),
                    error=f"{type(exc).__name__}: {exc}",
                ),
                source=str(path),
                location=Phrase(N_("sheet {name!r}"), name=ws.title),
            ) from None

    reader.source_rows = gen()
    reader.progress_of = lambda: (state["row"], max(estimate, state["row"]))
    return reader


def _pick_sheet(wb: Any, sheet: str | None, source: str) -> Any:
    if sheet:
        if sheet not in wb.sheetnames:
            raise InputError(
                Phrase(
                    N_("no sheet named {name!r} (sheets: {sheets})"),
                    name=sheet,
                    sheets=", ".join(wb.sheetnames),
                ),
                source=source,
            )
        return wb[sheet]
    worksheets = [ws for ws in wb.worksheets if getattr(ws, "sheet_state", "visible") == "visible"]
    if not worksheets:
        raise InputError(Phrase(N_("the workbook has no visible worksheet")), source=source)
    for ws in worksheets:  # the ShipDesk template keeps its instructions on a second sheet
        if ws.title.strip().lower() in ("orders", "items", "declarations"):
            return ws
    return worksheets[0]
