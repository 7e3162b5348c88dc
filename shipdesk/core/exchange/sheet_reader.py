"""An open sheet: finds the header row, then yields the data rows one at a time.

:class:`SheetReader` is what :func:`.sheets.open_sheet` returns for every file type; the format
modules (:mod:`.xlsx_sheets`, :mod:`.csv_sheets`) hand it their rows as ``(row number, cells)``.
It picks the header among the first rows (a title row above the table is passed over), pads or
cuts every row to the header's width and stops at :data:`.safety.MAX_ROWS` data rows, so memory
stays bounded whatever the file size.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from shipdesk.core.closing import Closing
from shipdesk.core.errors import InputError
from shipdesk.core.exchange.safety import (
    MAX_CELL_CHARS,
    MAX_ROWS,
    MAX_SCANNED_ROWS,
    row_limit_error,
    scanned_limit_error,
)
from shipdesk.core.i18n import N_, Phrase

HEADER_SCAN_ROWS = 30

Cell = Any  # str | int | float | bool | datetime | date | time | None


def clip_cell(value: Cell) -> Cell:
    """A cell as read: NUL characters dropped, text cut at :data:`.safety.MAX_CELL_CHARS`."""
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
class SheetReader(Closing):
    """An open sheet: ``headers`` found, ``rows()`` yields ``(row_number, values)``."""

    source: str
    kind: str  # "xlsx" or "csv"
    headers: list[str] = field(default_factory=list)
    header_row: int = 0
    sheet_name: str = ""
    encoding: str = ""
    delimiter: str = ""
    # most data rows taken from this file, 0 for safety.MAX_ROWS; the import of orders lowers it
    # (safety.MAX_ORDER_ROWS)
    max_rows: int = 0
    # given by the format module that opened the file (xlsx_sheets, csv_sheets): its rows, what
    # to close when done, and how far through the file it is as (done, total)
    source_rows: Iterator[tuple[int, list[Cell]]] | None = None
    closers: list[Any] = field(default_factory=list)
    progress_of: Callable[[], tuple[int, int]] | None = None
    _buffer: list[tuple[int, list[Cell]]] = field(default_factory=list)

    def position(self) -> tuple[int, int]:
        """Progress through the file as (done, total) in rows or bytes; total 0 if unknown."""
        if self.progress_of is None:
            return 0, 0
        try:
            return self.progress_of()
        except (OSError, ValueError):
            return 0, 0

    def close(self) -> None:
        for c in self.closers:
            with contextlib.suppress(Exception):  # closing must never hide the real error
                c.close()
        self.closers.clear()

    def find_header(self, score: Callable[[list[Cell]], int] | None = None) -> None:
        """The header is the first header-like row or, given ``score``, the header-like row
        among the first rows with the most known column names (a title row such as
        "Report, November" above the table is then passed over)."""
        assert self.source_rows is not None
        first_nonblank: tuple[int, list[Cell]] | None = None
        best: tuple[int, list[Cell]] | None = None
        best_score = 0
        scanned = 0
        for n, values in self.source_rows:
            # blank rows count towards the limit too, so the rows held here stay few whatever
            # the file holds (a table followed by millions of empty lines)
            scanned += 1
            self._buffer.append((n, values))
            if not is_blank_row(values):
                if first_nonblank is None:
                    first_nonblank = (n, values)
                if _header_like(values):
                    if score is None:
                        self._set_header(n, values)
                        return
                    sc = score(values)
                    if best is None or sc > best_score:
                        best, best_score = (n, values), sc
            if scanned >= HEADER_SCAN_ROWS:
                break
        if best is not None:
            self._set_header(*best)
            return
        if first_nonblank is None:
            if scanned >= HEADER_SCAN_ROWS:
                raise InputError(
                    Phrase(
                        N_("no header row in the first {rows} rows (they are all blank)"),
                        rows=HEADER_SCAN_ROWS,
                    ),
                    source=self.source,
                )
            raise InputError(
                Phrase(N_("the sheet is empty (no header row found)")), source=self.source
            )
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
        assert self.source_rows is not None
        count = 0
        width = max(len(self.headers), 1)

        def emit(n: int, values: list[Cell]) -> tuple[int, list[Cell]]:
            if len(values) < width:
                values = values + [None] * (width - len(values))
            elif len(values) > width:
                values = values[:width]  # cells right of the last header are not read
            return n, values

        limit = self.max_rows or MAX_ROWS
        for n, values in self._buffer:
            if not is_blank_row(values):
                count += 1
            yield emit(n, values)
        self._buffer = []
        for scanned, (n, values) in enumerate(self.source_rows, start=1):
            if not is_blank_row(values):
                count += 1
                if count > limit:
                    raise row_limit_error(self.source, limit)
            elif scanned > MAX_SCANNED_ROWS:
                # blank rows cost no memory, but reading millions of them costs minutes
                raise scanned_limit_error(self.source, MAX_SCANNED_ROWS, count)
            yield emit(n, values)
