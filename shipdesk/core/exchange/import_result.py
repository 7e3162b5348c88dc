"""What an import of order rows gives back: the declarations made, every problem by row and
column, the rejected rows (written back with their original values and a problem column, ready
to fix and re-import) and how the product catalogue was used.

:class:`RowProblem` is also how a product catalogue file reports its bad rows. Its message (and
its column, when that is a field's label rather than a header from the file) is a ``Phrase``:
English as it stands, for the command line and the files it writes, and told in another
language with :meth:`RowProblem.in_language` (the import report, the rejected rows the window
exports).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from shipdesk.core.exchange.cells import cell_text
from shipdesk.core.exchange.csv_sheets import csv_text
from shipdesk.core.exchange.mapping import ColumnMapping
from shipdesk.core.exchange.safety import neutralise
from shipdesk.core.exchange.sheet_reader import Cell
from shipdesk.core.fileio import atomic_write_bytes
from shipdesk.core.i18n import N_, Phrase, tell, translator
from shipdesk.core.model import Declaration


@dataclass(frozen=True)
class RowProblem:
    row: int  # spreadsheet row number (1-based; CSV: line number)
    column: str  # the source column's header, or the field's label when it has no column
    message: str
    level: str = "error"  # "error" rejects the row; "warning" keeps it

    def __str__(self) -> str:
        return self.text("en")

    def text(self, lang: str | None = None) -> str:
        """ "row 3, column 'Price': ..." in ``lang`` (None: the interface language)."""
        p = self.in_language(lang)
        if p.column:
            return tell(
                Phrase(
                    N_("row {row}, column {column!r}: {message}"),
                    row=p.row,
                    column=p.column,
                    message=p.message,
                ),
                lang,
            )
        return tell(Phrase(N_("row {row}: {message}"), row=p.row, message=p.message), lang)

    def in_language(self, lang: str | None = None) -> RowProblem:
        """This problem with its message and column told in ``lang`` (None: the interface
        language); a header from the file stays as it is."""
        return replace(self, column=tell(self.column, lang), message=tell(self.message, lang))


@dataclass
class RejectedRow:
    row: int
    values: list[Cell]
    problems: list[RowProblem]


@dataclass
class ImportedOrder:
    order_number: str
    declaration: Declaration
    rows: list[int]
    warnings: list[RowProblem] = field(default_factory=list)


@dataclass
class ImportResult:
    source: str
    mapping: ColumnMapping
    headers: list[str]
    header_row: int = 0
    orders: list[ImportedOrder] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    rejected: list[RejectedRow] = field(default_factory=list)
    rows_read: int = 0
    rows_skipped: int = 0
    delimiter: str = ","  # of a CSV source; rejected rows are written back the same way
    encoding: str = ""  # of a CSV source, as detected ("" for a workbook)
    catalogue: CatalogueReport | None = None  # set when a product catalogue was used

    @property
    def declarations(self) -> list[Declaration]:
        return [o.declaration for o in self.orders]

    @property
    def errors(self) -> list[RowProblem]:
        return [p for p in self.problems if p.level == "error"]

    def rejected_table(self, lang: str = "en") -> list[list[Any]]:
        """Header + rejected rows with their original values and a problem column; the words
        ShipDesk adds are in ``lang`` (English for the command line)."""
        tr = translator(lang)
        head = [tr.pgettext("rejected", "Row"), *self.headers, tr.pgettext("rejected", "Problem")]
        out: list[list[Any]] = [head]
        width = len(self.headers)
        for r in self.rejected:
            vals = list(r.values[:width]) + [None] * (width - len(r.values[:width]))
            told = [p.in_language(lang) for p in r.problems]
            text = "; ".join((f"{p.column}: " if p.column else "") + p.message for p in told)
            out.append([r.row, *vals, text])
        return out

    def write_rejected(self, path: str | Path, lang: str = "en") -> Path:
        """Write the rejected rows to .csv or .xlsx (by suffix), ready to fix and re-import;
        the problem column in ``lang``."""
        p = Path(path)
        rows = [[neutralise(v) for v in row] for row in self.rejected_table(lang)]
        if p.suffix.lower() == ".xlsx":
            import openpyxl  # openpyxl kept lazy: slow to import, and only .xlsx output needs it

            wb = openpyxl.Workbook(write_only=True)
            ws = wb.create_sheet(translator(lang).pgettext("rejected", "Rejected rows"))
            ws.freeze_panes = "A2"
            for row in rows:
                ws.append(row)
            buf = io.BytesIO()
            wb.save(buf)
            atomic_write_bytes(p, buf.getvalue())
        else:
            atomic_write_bytes(
                p,
                csv_text(
                    [[cell_text(v) if not isinstance(v, str) else v for v in row] for row in rows],
                    delimiter=self.delimiter,
                ).encode("utf-8-sig"),
            )
        return p


@dataclass
class CatalogueReport:
    """How an import used the product catalogue and the packaging allowance."""

    products: int = 0  # products in the catalogue
    lines: int = 0  # order lines of the imported declarations
    completed: int = 0  # lines with at least one field filled from the catalogue
    fields: dict[str, int] = field(default_factory=dict)  # field -> lines filled
    unmatched: list[RowProblem] = field(default_factory=list)  # lines with gaps, no product
    packaging_kg: str = ""  # the allowance used for estimated gross weights ("" none)
    gross_estimated: int = 0  # declarations whose gross weight was estimated

    def lines_text(self) -> list[str]:
        """Summary lines for the CLI and the GUI."""
        out: list[str] = []
        if self.products:
            what = ", ".join(f"{_FILL_LABELS.get(k, k)} {n}" for k, n in self.fields.items() if n)
            out.append(
                f"Completed from the product catalogue ({self.products} products): "
                f"{self.completed} of {self.lines} lines" + (f" ({what})" if what else "")
            )
            for p in self.unmatched[:50]:
                out.append(f"  {p}")
            if len(self.unmatched) > 50:
                out.append(f"  ... and {len(self.unmatched) - 50} more lines not in the catalogue")
        if self.gross_estimated:
            out.append(
                f"Gross weight estimated for {self.gross_estimated} "
                f"declaration{'s' if self.gross_estimated != 1 else ''}: net weights "
                f"+ {self.packaging_kg} kg packaging (weigh the parcel if you can)"
            )
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "products": self.products,
            "lines": self.lines,
            "completed": self.completed,
            "fields": dict(self.fields),
            "unmatched": [
                {"row": p.row, "column": p.column, "message": p.message} for p in self.unmatched
            ],
            "packaging_kg": self.packaging_kg or None,
            "gross_estimated": self.gross_estimated,
        }


_FILL_LABELS = {
    "description": "description",
    "net_weight_kg": "net weight",
    "hs_code": "HS code",
    "origin_country": "origin",
}
