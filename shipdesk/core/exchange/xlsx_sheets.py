"""Opening .xlsx / .xlsm workbooks safely for import.

openpyxl in read-only mode, values only (formulas are never evaluated; the cached result is
read). openpyxl parses through defusedxml, which must be installed, so a workbook cannot carry
XML entity attacks. Zip bombs are refused from the zip directory before anything is unpacked.
Password-protected workbooks and old .xls files get a clear message.
"""

from __future__ import annotations

import contextlib
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from shipdesk.core.errors import DataError, InputError
from shipdesk.core.exchange.safety import MAX_COLUMNS
from shipdesk.core.exchange.sheet_reader import Cell, SheetReader, clip_cell
from shipdesk.core.i18n import N_, Phrase

MAX_UNZIPPED_BYTES = 600 * 1024 * 1024
"""Largest total unpacked size of an .xlsx (its parts are XML, which compresses ~10-20x)."""

MAX_COMPRESSION_RATIO = 200
"""A part compressed more than this is treated as a zip bomb."""

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""How an old Excel 97-2003 file or a password-protected workbook (both OLE files) begins."""


def _check_zip(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as zf:
            total = 0
            for info in zf.infolist():
                total += info.file_size
                if info.compress_size and info.file_size / info.compress_size > (
                    MAX_COMPRESSION_RATIO
                ):
                    raise InputError(
                        Phrase(
                            N_(
                                "the workbook part {part} unpacks {size} bytes from a tiny "
                                "file; refused as a possible zip bomb"
                            ),
                            part=info.filename,
                            size=f"{info.file_size:,}",
                        ),
                        source=str(path),
                    )
            if total > MAX_UNZIPPED_BYTES:
                raise InputError(
                    Phrase(
                        N_("the workbook unpacks to {size} MiB; ShipDesk reads up to {limit} MiB"),
                        size=f"{total / 1048576:.0f}",
                        limit=f"{MAX_UNZIPPED_BYTES / 1048576:.0f}",
                    ),
                    source=str(path),
                )
            if "xl/workbook.xml" not in zf.namelist():
                raise InputError(
                    Phrase(
                        N_(
                            "not an Excel workbook (no xl/workbook.xml inside); save it as "
                            ".xlsx or CSV"
                        )
                    ),
                    source=str(path),
                )
    except zipfile.BadZipFile:
        raise InputError(
            Phrase(N_("the file is damaged or not an .xlsx workbook (not a valid zip container)")),
            source=str(path),
        ) from None


def _ole_message(path: Path) -> str:
    marker = "EncryptedPackage".encode("utf-16-le")
    with path.open("rb") as fh:
        tail = b""
        while chunk := fh.read(1 << 20):
            if marker in tail + chunk:
                return Phrase(
                    N_(
                        "the workbook is password-protected; open it in your spreadsheet "
                        "program, remove the password (or save a copy as CSV) and import that"
                    )
                )
            tail = chunk[-len(marker) :]
    return Phrase(
        N_(
            "this is an old Excel 97-2003 (.xls) file or another binary format; save it as "
            ".xlsx or CSV and import that"
        )
    )


def open_xlsx(path: Path, sheet: str | None) -> SheetReader:
    import openpyxl  # openpyxl (and defusedxml under it) kept lazy: slow to import
    from openpyxl.xml import DEFUSEDXML

    if not DEFUSEDXML:
        raise DataError("defusedxml is not installed; ShipDesk will not read .xlsx without it")
    with path.open("rb") as fh:
        head = fh.read(8)
    if head == OLE_MAGIC:
        raise InputError(_ole_message(path), source=str(path))
    if not head.startswith(b"PK"):
        raise InputError(
            Phrase(N_("the file is damaged or not an .xlsx workbook (not a zip container)")),
            source=str(path),
        )
    _check_zip(path)
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)
    except InputError:
        raise
    except Exception as exc:  # openpyxl raises many kinds for broken parts
        raise InputError(
            Phrase(
                N_("the workbook is damaged and cannot be read ({error})"),
                error=f"{type(exc).__name__}: {exc}",
            ),
            source=str(path),
        ) from None
    try:
        ws = _pick_sheet(wb, sheet, str(path))
    except BaseException:
        wb.close()
        raise
    reader = SheetReader(source=str(path), kind="xlsx", sheet_name=ws.title)
    reader.closers.append(wb)
    try:
        estimate = int(ws.max_row or 0)
    except (TypeError, ValueError):
        estimate = 0
    with contextlib.suppress(AttributeError):
        ws.reset_dimensions()  # some writers store a wrong size; read what is really there
    state = {"row": 0}

    def gen() -> Iterator[tuple[int, list[Cell]]]:
        try:
            for n, values in enumerate(
                ws.iter_rows(min_row=1, max_col=MAX_COLUMNS, values_only=True), start=1
            ):
                state["row"] = n
                row = list(values)
                while row and row[-1] is None:  # read-only rows run to the sheet's last column
                    row.pop()
                yield n, [clip_cell(v) for v in row]
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
