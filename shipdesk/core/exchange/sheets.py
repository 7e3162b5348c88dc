"""Reading spreadsheet rows safely: .xlsx (streamed) and .csv/.tsv/.txt (encoding and delimiter
detected).

``open_sheet(path)`` returns a :class:`SheetReader` (a context manager) that has found the header
row and yields the data rows one at a time with their spreadsheet row numbers, so memory stays
bounded whatever the file size (which is capped anyway, see :mod:`.safety`).

* .xlsx / .xlsm: openpyxl in read-only mode, values only (formulas are never evaluated; the
  cached result is read). openpyxl parses through defusedxml, which must be installed, so a
  workbook cannot carry XML entity attacks. Zip bombs are refused from the zip directory before
  anything is unpacked. Password-protected workbooks and old .xls files get a clear message.
* CSV: UTF-8 (with or without BOM), UTF-16 with BOM (Excel's "Unicode text"), otherwise
  Windows-1252 (then Latin-1); the delimiter is chosen among comma, semicolon, tab and bar by
  which gives the most consistent number of fields over the first lines.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import threading
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any, TextIO

from shipdesk.core.errors import DataError, InputError
from shipdesk.core.exchange.safety import (
    MAX_CELL_CHARS,
    MAX_COLUMNS,
    MAX_ROWS,
    check_file_size,
    row_limit_error,
)

XLSX_SUFFIXES = (".xlsx", ".xlsm")
CSV_SUFFIXES = (".csv", ".tsv", ".txt")
SUPPORTED_SUFFIXES = XLSX_SUFFIXES + CSV_SUFFIXES

MAX_UNZIPPED_BYTES = 600 * 1024 * 1024
"""Largest total unpacked size of an .xlsx (its parts are XML, which compresses ~10-20x)."""

MAX_COMPRESSION_RATIO = 200
"""A part compressed more than this is treated as a zip bomb."""

HEADER_SCAN_ROWS = 30
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_DELIMITERS = (",", ";", "\t", "|")

Cell = Any  # str | int | float | bool | datetime | date | time | None


def _clip(value: Cell) -> Cell:
    if isinstance(value, str):
        value = value.replace("\x00", "")
        if len(value) > MAX_CELL_CHARS:
            value = value[:MAX_CELL_CHARS]
    return value


def is_blank_row(values: list[Cell]) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in values)


def _header_like(values: list[Cell]) -> bool:
    texts = [v for v in values if isinstance(v, str) and v.strip()]
    filled = [v for v in values if v is not None and not (isinstance(v, str) and not v.strip())]
    return len(texts) >= 2 and len(texts) >= 0.8 * len(filled)


@dataclass
class SheetReader:
    """An open sheet: ``headers`` found, ``rows()`` yields ``(row_number, values)``."""

    source: str
    kind: str  # "xlsx" or "csv"
    headers: list[str] = field(default_factory=list)
    header_row: int = 0
    sheet_name: str = ""
    encoding: str = ""
    delimiter: str = ""
    _iter: Iterator[tuple[int, list[Cell]]] | None = None
    _buffer: list[tuple[int, list[Cell]]] = field(default_factory=list)
    _closers: list[Any] = field(default_factory=list)
    _position: Any = None  # () -> (done, total) for progress

    def position(self) -> tuple[int, int]:
        """Progress through the file as (done, total) in rows or bytes; total 0 if unknown."""
        if self._position is None:
            return 0, 0
        try:
            return self._position()
        except (OSError, ValueError):
            return 0, 0

    def __enter__(self) -> SheetReader:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        for c in self._closers:
            with contextlib.suppress(Exception):  # closing must never hide the real error
                c.close()
        self._closers.clear()

    def _find_header(self, score: Callable[[list[Cell]], int] | None = None) -> None:
        """The header is the first header-like row or, given ``score``, the header-like row
        among the first rows with the most known column names (a title row such as
        "Report, November" above the table is then passed over)."""
        assert self._iter is not None
        first_nonblank: tuple[int, list[Cell]] | None = None
        best: tuple[int, list[Cell]] | None = None
        best_score = 0
        for n, values in self._iter:
            self._buffer.append((n, values))
            if is_blank_row(values):
                continue
            if first_nonblank is None:
                first_nonblank = (n, values)
            if _header_like(values):
                if score is None:
                    self._set_header(n, values)
                    return
                sc = score(values)
                if best is None or sc > best_score:
                    best, best_score = (n, values), sc
            if len(self._buffer) >= HEADER_SCAN_ROWS:
                break
        if best is not None:
            self._set_header(*best)
            return
        if first_nonblank is None:
            raise InputError("the sheet is empty (no header row found)", source=self.source)
        self._set_header(*first_nonblank)

    def _set_header(self, n: int, values: list[Cell]) -> None:
        self.header_row = n
        headers = ["" if v is None else " ".join(str(v).split()) for v in values]
        while headers and not headers[-1]:
            headers.pop()
        self.headers = headers
        self._buffer = [(m, vals) for m, vals in self._buffer if m > n]

    def rows(self) -> Iterator[tuple[int, list[Cell]]]:
        """Data rows after the header (blank rows included; callers skip them)."""
        assert self._iter is not None
        count = 0
        width = max(len(self.headers), 1)

        def emit(n: int, values: list[Cell]) -> tuple[int, list[Cell]]:
            if len(values) < width:
                values = values + [None] * (width - len(values))
            elif len(values) > width:
                values = values[:width]  # cells right of the last header are not read
            return n, values

        for n, values in self._buffer:
            count += 1
            yield emit(n, values)
        self._buffer = []
        for n, values in self._iter:
            if not is_blank_row(values):
                count += 1
                if count > MAX_ROWS:
                    raise row_limit_error(self.source, MAX_ROWS)
            yield emit(n, values)


# -- xlsx -------------------------------------------------------------------------------------
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
                        f"the workbook part {info.filename} unpacks {info.file_size:,} bytes "
                        "from a tiny file; refused as a possible zip bomb",
                        source=str(path),
                    )
            if total > MAX_UNZIPPED_BYTES:
                raise InputError(
                    f"the workbook unpacks to {total / 1048576:.0f} MiB; ShipDesk reads "
                    f"up to {MAX_UNZIPPED_BYTES / 1048576:.0f} MiB",
                    source=str(path),
                )
            if "xl/workbook.xml" not in zf.namelist():
                raise InputError(
                    "not an Excel workbook (no xl/workbook.xml inside); save it as .xlsx or CSV",
                    source=str(path),
                )
    except zipfile.BadZipFile:
        raise InputError(
            "the file is damaged or not an .xlsx workbook (not a valid zip container)",
            source=str(path),
        ) from None


def _ole_message(path: Path) -> str:
    marker = "EncryptedPackage".encode("utf-16-le")
    with path.open("rb") as fh:
        tail = b""
        while chunk := fh.read(1 << 20):
            if marker in tail + chunk:
                return (
                    "the workbook is password-protected; open it in your spreadsheet "
                    "program, remove the password (or save a copy as CSV) and import that"
                )
            tail = chunk[-len(marker) :]
    return (
        "this is an old Excel 97-2003 (.xls) file or another binary format; save it as "
        ".xlsx or CSV and import that"
    )


def _open_xlsx(path: Path, sheet: str | None) -> SheetReader:
    import openpyxl
    from openpyxl.xml import DEFUSEDXML

    if not DEFUSEDXML:
        raise DataError("defusedxml is not installed; ShipDesk will not read .xlsx without it")
    with path.open("rb") as fh:
        head = fh.read(8)
    if head == _OLE_MAGIC:
        raise InputError(_ole_message(path), source=str(path))
    if not head.startswith(b"PK"):
        raise InputError(
            "the file is damaged or not an .xlsx workbook (not a zip container)",
            source=str(path),
        )
    _check_zip(path)
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)
    except InputError:
        raise
    except Exception as exc:  # openpyxl raises many kinds for broken parts
        raise InputError(
            f"the workbook is damaged and cannot be read ({type(exc).__name__}: {exc})",
            source=str(path),
        ) from None
    try:
        ws = _pick_sheet(wb, sheet, str(path))
    except BaseException:
        wb.close()
        raise
    reader = SheetReader(source=str(path), kind="xlsx", sheet_name=ws.title)
    reader._closers.append(wb)
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
                yield n, [_clip(v) for v in row]
        except InputError:
            raise
        except Exception as exc:
            raise InputError(
                f"the workbook is damaged and cannot be read ({type(exc).__name__}: {exc})",
                source=str(path),
                location=f"sheet {ws.title!r}",
            ) from None

    reader._iter = gen()
    reader._position = lambda: (state["row"], max(estimate, state["row"]))
    return reader


def _pick_sheet(wb: Any, sheet: str | None, source: str) -> Any:
    if sheet:
        if sheet not in wb.sheetnames:
            raise InputError(
                f"no sheet named {sheet!r} (sheets: {', '.join(wb.sheetnames)})", source=source
            )
        return wb[sheet]
    worksheets = [ws for ws in wb.worksheets if getattr(ws, "sheet_state", "visible") == "visible"]
    if not worksheets:
        raise InputError("the workbook has no visible worksheet", source=source)
    for ws in worksheets:  # the ShipDesk template keeps its instructions on a second sheet
        if ws.title.strip().lower() in ("orders", "items", "declarations"):
            return ws
    return worksheets[0]


# -- csv --------------------------------------------------------------------------------------
def detect_encoding(path: Path) -> str:
    """utf-8-sig / utf-16 (by BOM), utf-8 if the whole file decodes, else cp1252 or latin-1."""
    with path.open("rb") as fh:
        head = fh.read(4)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    for enc in ("utf-8", "cp1252"):
        dec = codecs.getincrementaldecoder(enc)()
        try:
            with path.open("rb") as fh:
                while chunk := fh.read(1 << 20):
                    dec.decode(chunk)
                dec.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        return enc
    return "latin-1"


def detect_delimiter(sample: str) -> str:
    lines = sample.splitlines()[:50]
    if len(lines) > 1 and not sample.endswith(("\n", "\r")):
        lines = lines[:-1]  # the last line of the sample may be cut
    best, best_score = ",", -1.0
    for d in _DELIMITERS:
        try:
            counts = [len(r) for r in csv.reader(lines, delimiter=d) if any(c.strip() for c in r)]
        except csv.Error:
            continue
        if not counts:
            continue
        widest = max(counts)
        if widest < 2:
            continue
        mode = max(set(counts), key=counts.count)
        score = counts.count(mode) / len(counts) * min(mode, 50) if mode > 1 else 0.0
        if score > best_score:
            best, best_score = d, score
    return best


_CSV_FIELD_LIMIT = max(MAX_CELL_CHARS * 10, 131072)
_limit_lock = threading.Lock()


@contextlib.contextmanager
def _cell_limit(limit: int) -> Iterator[None]:
    """Raise the csv module's field limit (a process-wide value) only while one row is parsed,
    then put the caller's value back, so reading a sheet changes nothing for other code."""
    with _limit_lock:
        old = csv.field_size_limit(limit)
        try:
            yield
        finally:
            csv.field_size_limit(old)


def _open_csv(path: Path) -> SheetReader:
    with path.open("rb") as raw:
        probe = raw.read(8192)
    if probe.startswith(_OLE_MAGIC) or probe.startswith(b"PK\x03\x04"):
        raise InputError(
            "this is a spreadsheet workbook, not a text CSV file; give it the .xlsx "
            "extension or save it as CSV",
            source=str(path),
        )
    encoding = detect_encoding(path)
    if b"\x00" in probe and not encoding.startswith("utf-16"):
        raise InputError("not a text CSV file (it holds binary data)", source=str(path))
    fh: TextIO = path.open("r", encoding=encoding, newline="")
    sample = fh.read(65536)
    fh.seek(0)
    delimiter = detect_delimiter(sample)
    reader = SheetReader(source=str(path), kind="csv", encoding=encoding, delimiter=delimiter)
    reader._closers.append(fh)
    rows = csv.reader(fh, delimiter=delimiter)

    def gen() -> Iterator[tuple[int, list[Cell]]]:
        try:
            while True:
                with _cell_limit(_CSV_FIELD_LIMIT):
                    values = next(rows, None)
                if values is None:
                    return
                yield rows.line_num, [_clip(v) for v in values[:MAX_COLUMNS]]
        except csv.Error as exc:
            raise InputError(
                f"broken CSV ({exc})", source=str(path), location=f"line {rows.line_num}"
            ) from None
        except UnicodeDecodeError as exc:
            raise InputError(f"cannot decode the text ({exc.reason})", source=str(path)) from None

    reader._iter = gen()
    size = path.stat().st_size
    reader._position = lambda: (fh.buffer.tell(), size)
    return reader


def open_sheet(
    path: str | Path,
    sheet: str | None = None,
    header_score: Callable[[list[Cell]], int] | None = None,
) -> SheetReader:
    """Open a spreadsheet or CSV file for import; the header row is found before returning
    (``header_score`` ranks candidate header rows, see ``SheetReader._find_header``)."""
    p = Path(path)
    check_file_size(p)
    suffix = p.suffix.lower()
    if suffix == ".xls":
        raise InputError(
            "old Excel 97-2003 (.xls) files are not read; save it as .xlsx or CSV",
            source=str(p),
        )
    if suffix in XLSX_SUFFIXES:
        reader = _open_xlsx(p, sheet)
    elif suffix in CSV_SUFFIXES:
        reader = _open_csv(p)
    else:
        raise InputError(
            f"unsupported file type {suffix or '(none)'}; import .xlsx or .csv files",
            source=str(p),
        )
    try:
        reader._find_header(header_score)
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


def csv_text(rows: list[list[Any]], delimiter: str = ",") -> str:
    """Rows as CSV text (used for rejected-row files)."""
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    w.writerows(rows)
    return buf.getvalue()
