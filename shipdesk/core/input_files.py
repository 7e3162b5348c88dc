"""Opening input files safely: the size limit for every imported file, and .xlsx workbooks read
with bounded memory.

Used by the spreadsheet import (``exchange``) and the national tariff import (``tariff``), so
both refuse the same files the same way:

- :func:`check_file_size`: missing, unreadable or larger than :data:`MAX_FILE_BYTES`;
  :func:`decodes`: whether a whole file is text in an encoding.
- :func:`open_workbook`: old .xls / password-protected files named as such; the zip directory is
  inspected before anything is unpacked (:func:`check_zip`): a part compressed more than
  :data:`MAX_COMPRESSION_RATIO` times (a zip bomb), more than :data:`MAX_UNZIPPED_BYTES` in all, or
  a shared-strings part over :data:`MAX_SHARED_STRINGS_BYTES` is refused. The shared strings are
  then read by :func:`_read_shared_strings`, which keeps no parsed XML and stops at
  :data:`MAX_SHARED_STRINGS`.
- :func:`sheet_rows`: a worksheet's rows one at a time, straight from its XML. openpyxl's own
  read-only iterator keeps every parsed ``<row>`` element (cleared but still in the tree) and the
  attributes of every formatted row, pads each row to the requested width and trusts the stored
  sheet dimension; a sheet of a million formatted empty rows took 456 MB that way. Here only the
  current row is held, the stored dimension is ignored and reading stops at ``</sheetData>``.

openpyxl parses through defusedxml, which must be installed (no XML entity attacks). The parser
classes used here are openpyxl 3.1's (pinned in pyproject.toml).
"""

from __future__ import annotations

import codecs
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from shipdesk.core.errors import DataError, InputError
from shipdesk.core.i18n import N_, Phrase

MAX_FILE_BYTES = 50 * 1024 * 1024
"""Largest spreadsheet, CSV or tariff file accepted for import (50 MiB)."""

MAX_UNZIPPED_BYTES = 600 * 1024 * 1024
"""Largest total unpacked size of an .xlsx (its parts are XML, which compresses ~10-20x)."""

MAX_COMPRESSION_RATIO = 200
"""A part compressed more than this is treated as a zip bomb."""

MAX_SHARED_STRINGS_BYTES = 32 * 1024 * 1024
"""Largest unpacked shared-strings part (``xl/sharedStrings.xml``) of an .xlsx: the table is
held in memory while the sheet is read, about four times its XML size for short texts."""

MAX_SHARED_STRINGS = 1_000_000
"""Most distinct texts in a workbook's shared-strings table."""

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""How an old Excel 97-2003 file or a password-protected workbook (both OLE files) begins."""


def decodes(path: Path, encoding: str) -> bool:
    """Whether the whole file is text in ``encoding``, read in 1 MiB pieces (bounded memory)."""
    dec = codecs.getincrementaldecoder(encoding)()
    try:
        with path.open("rb") as fh:
            while chunk := fh.read(1 << 20):
                dec.decode(chunk)
            dec.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def check_file_size(
    path: str | Path, limit: int = MAX_FILE_BYTES, too_big: str | None = None
) -> int:
    """Raise InputError when the file is missing, unreadable or larger than ``limit``.

    ``too_big``, a template marked with ``N_``, replaces the import wording of the size message;
    it is filled with ``size`` and ``limit`` in MiB."""
    p = Path(path)
    try:
        size = p.stat().st_size
    except FileNotFoundError:
        raise InputError(Phrase(N_("file not found")), source=str(p)) from None
    except OSError as exc:
        raise InputError(
            Phrase(N_("cannot read the file ({error})"), error=exc.strerror), source=str(p)
        ) from None
    if not p.is_file():
        raise InputError(Phrase(N_("not a file")), source=str(p))
    if size > limit:
        template = too_big if too_big is not None else _TOO_BIG_TO_IMPORT
        raise InputError(
            Phrase(template, size=f"{size / 1048576:.1f}", limit=f"{limit / 1048576:.0f}"),
            source=str(p),
        )
    return size


_TOO_BIG_TO_IMPORT = N_(
    "the file is {size} MiB; ShipDesk imports files up to {limit} MiB (split it into smaller files)"
)


def _shared_strings_too_big(source: str, detail: Phrase) -> InputError:
    return InputError(
        Phrase(
            N_(
                "the workbook's table of texts is too large ({detail}); save the sheet as CSV "
                "or split it into smaller files"
            ),
            detail=detail,
        ),
        source=source,
    )


def check_zip(path: Path) -> None:
    """Refuse a workbook from its zip directory, before anything is unpacked."""
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
                if (
                    info.filename.lower().endswith("sharedstrings.xml")
                    and info.file_size > MAX_SHARED_STRINGS_BYTES
                ):
                    raise _shared_strings_too_big(
                        str(path),
                        Phrase(
                            N_("{size} MiB unpacked, ShipDesk reads up to {limit} MiB"),
                            size=f"{info.file_size / 1048576:.0f}",
                            limit=f"{MAX_SHARED_STRINGS_BYTES / 1048576:.0f}",
                        ),
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


def _read_shared_strings(src: Any, source: str) -> list[str]:
    """The shared-strings table, each ``<si>`` dropped from the tree once read (openpyxl's own
    reader keeps them all), refused past :data:`MAX_SHARED_STRINGS` entries."""
    from openpyxl.cell.text import Text
    from openpyxl.xml.constants import SHEET_MAIN_NS
    from openpyxl.xml.functions import iterparse

    si_tag = f"{{{SHEET_MAIN_NS}}}si"
    strings: list[str] = []
    root = None
    for event, node in iterparse(src, events=("start", "end")):
        if event == "start":
            if root is None:
                root = node
            continue
        if node.tag != si_tag:
            continue
        if len(strings) >= MAX_SHARED_STRINGS:
            raise _shared_strings_too_big(
                source,
                Phrase(N_("more than {limit} distinct texts"), limit=f"{MAX_SHARED_STRINGS:,}"),
            )
        strings.append(Text.from_tree(node).content.replace("x005F_", ""))
        node.clear()
        if root is not None and len(root) and root[0] is node:
            del root[0]
    return strings


def _load(path: Path) -> Any:
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet
    from openpyxl.worksheet.dimensions import SheetDimension
    from openpyxl.xml.constants import SHARED_STRINGS, SHEET_MAIN_NS
    from openpyxl.xml.functions import iterparse

    data_tag = f"{{{SHEET_MAIN_NS}}}sheetData"
    dimension_tag = f"{{{SHEET_MAIN_NS}}}dimension"

    class Sheet(ReadOnlyWorksheet):
        def _get_size(self) -> None:
            # the stored dimension (progress estimate only) comes before the rows; openpyxl
            # parses the whole sheet, keeping it, when a file has none
            with self._get_source() as src:
                for event, node in iterparse(src, events=("start", "end")):
                    if event == "start":
                        if node.tag == data_tag:
                            return
                        continue
                    if node.tag == dimension_tag:
                        dim = SheetDimension.from_tree(node).boundaries
                        if dim is not None:
                            self._min_column, self._min_row, self._max_column, self._max_row = dim
                        return

    class BoundedReader(ExcelReader):
        def read_strings(self) -> None:
            ct = self.package.find(SHARED_STRINGS)
            if ct is not None:
                with self.archive.open(ct.PartName[1:]) as src:
                    self.shared_strings = _read_shared_strings(src, str(path))

        def read_worksheets(self) -> None:
            for sheet, rel in self.parser.find_sheets():
                if rel.target not in self.valid_files or "chartsheet" in rel.Type:
                    continue  # chart sheets hold no rows
                ws = Sheet(self.wb, sheet.name, rel.target, self.shared_strings)
                ws.sheet_state = sheet.state
                self.wb._sheets.append(ws)

    reader = BoundedReader(path, read_only=True, data_only=True, keep_links=False)
    reader.read()
    return reader.wb


def open_workbook(path: Path) -> Any:
    """An openpyxl workbook (read-only, cached values, no external links) after the checks
    above; InputError naming the file for anything that is not a readable .xlsx."""
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
    check_zip(path)
    try:
        return _load(path)
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


def sheet_rows(ws: Any, max_col: int, fill_gaps_until: int = 0) -> Iterator[tuple[int, list[Any]]]:
    """``(row number, values)`` of each row stored in the read-only worksheet ``ws``, values up
    to the last filled cell (at most ``max_col``); rows missing from the file are not yielded,
    except up to row ``fill_gaps_until`` (as empty rows, for a header search that counts rows).

    The stored dimension is not used: a stale ``<dimension ref>`` cannot hide rows.
    """
    from openpyxl.worksheet._reader import WorkSheetParser
    from openpyxl.xml.constants import SHEET_MAIN_NS
    from openpyxl.xml.functions import iterparse

    row_tag = f"{{{SHEET_MAIN_NS}}}row"
    data_tag = f"{{{SHEET_MAIN_NS}}}sheetData"
    wb = ws.parent
    expected = 1
    with ws._get_source() as src:
        parser = WorkSheetParser(
            src,
            ws._shared_strings,
            data_only=True,
            epoch=wb.epoch,
            date_formats=wb._date_formats,
            timedelta_formats=wb._timedelta_formats,
        )
        data = None
        for event, node in iterparse(src, events=("start", "end")):
            if event == "start":
                if node.tag == data_tag:
                    data = node
                continue
            if node.tag == data_tag:
                break  # what follows (merged cells, formatting, ...) is not read
            if node.tag != row_tag:
                continue
            n, cells = parser.parse_row(node)
            parser.row_dimensions.clear()  # openpyxl would keep every formatted row's attributes
            node.clear()
            if data is not None and len(data) and data[0] is node:
                del data[0]
            while expected < min(n, fill_gaps_until + 1):
                yield expected, []
                expected += 1
            expected = n + 1
            width = 0
            for c in cells:
                if c["value"] is not None and c["column"] <= max_col:
                    width = max(width, c["column"])
            values: list[Any] = [None] * width
            for c in cells:
                col = c["column"]
                if col <= width and c["value"] is not None:
                    values[col - 1] = c["value"]
            yield n, values
