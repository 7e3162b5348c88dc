"""The register of declarations as an .xlsx workbook: one row per declaration, typed cells
(numbers as numbers, dates as dates), a frozen header row and filters on every column.

Text cells go through :func:`.safety.neutralise`, so a description such as ``=HYPERLINK(...)``
typed by a customer is shown as text, never run as a formula.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from shipdesk.core.exchange.safety import neutralise
from shipdesk.core.fileio import atomic_write_bytes
from shipdesk.core.model import Declaration

if TYPE_CHECKING:
    from shipdesk.core.duties.estimate import Estimate

# (header, width, number format or "")
REGISTER_COLUMNS: tuple[tuple[str, int, str], ...] = (
    ("Order number", 16, ""),
    ("File", 28, ""),
    ("Date", 12, "yyyy-mm-dd"),
    ("Item id (S10)", 16, ""),
    ("Form", 7, ""),
    ("Category", 16, ""),
    ("Sender", 24, ""),
    ("Sender country", 9, ""),
    ("Recipient", 24, ""),
    ("Recipient country", 9, ""),
    ("Lines", 7, "0"),
    ("Quantity", 9, "0.###"),
    ("Total value", 12, "#,##0.00"),
    ("Currency", 9, ""),
    ("Net weight (kg)", 11, "0.000"),
    ("Gross weight (kg)", 11, "0.000"),
    ("Postal charges", 11, "#,##0.00"),
    ("HS codes", 24, ""),
    ("Origins", 12, ""),
    ("Contents", 40, ""),
    ("Invoice number", 14, ""),
    ("Licence numbers", 14, ""),
    ("Certificate numbers", 14, ""),
    ("IOSS number", 14, ""),
    ("Importer reference", 14, ""),
    # the estimate of what the destination charges (blank when none could be made)
    ("Duty (est.)", 11, "#,##0.00"),
    ("Import tax (est.)", 11, "#,##0.00"),
    ("Fees (est.)", 11, "#,##0.00"),
    ("At the door (est.)", 11, "#,##0.00"),
    ("Duties paid by", 11, ""),
    ("Not estimated", 30, ""),
)


def _date(text: str) -> date | str:
    try:
        return date.fromisoformat(text.strip()[:10])
    except ValueError:
        return text


def _estimate_cells(est: Estimate | None) -> list[Any]:
    if est is None:
        return [None, None, None, None, "", ""]
    return [
        est.total("duty"),
        est.total("tax"),
        est.total("fee"),
        est.at_door(),
        est.payer,
        "; ".join(est.unknown),
    ]


def register_row(decl: Declaration, file: str = "", est: Estimate | None = None) -> list[Any]:
    items = decl.real_items()
    qty = sum((it.quantity_dec or Decimal(0) for it in items), Decimal(0))
    party = lambda p: p.company or p.name  # noqa: E731
    return [
        str(decl.extra.get("order_number", "")),
        file,
        _date(decl.date) if decl.date else None,
        decl.item_id,
        decl.form,
        decl.category,
        party(decl.sender),
        decl.sender.country,
        party(decl.recipient),
        decl.recipient.country,
        len(items),
        qty,
        decl.total_value(),
        decl.currency,
        decl.total_net_weight(),
        decl.gross_weight_dec,
        decl.postal_charges_dec,
        ", ".join(dict.fromkeys(it.hs_code for it in items if it.hs_code)),
        ", ".join(dict.fromkeys(it.origin_country for it in items if it.origin_country)),
        "; ".join(it.description for it in items),
        decl.invoice_number,
        ", ".join(decl.licence_numbers),
        ", ".join(decl.certificate_numbers),
        decl.ioss_number,
        decl.importer_reference,
        *_estimate_cells(est),
    ]


def export_register(
    decls: Sequence[Declaration],
    path: str | Path,
    files: Sequence[str] | None = None,
    estimates: Sequence[Estimate | None] | None = None,
) -> Path:
    """Write the register workbook; ``files`` names each declaration's file and ``estimates``
    its duty estimate (same order)."""
    import openpyxl  # openpyxl kept lazy: slow to import
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Register"
    ws.append([h for h, _, _ in REGISTER_COLUMNS])
    bold = Font(bold=True)
    for i, (_, width, _) in enumerate(REGISTER_COLUMNS, start=1):
        ws.cell(row=1, column=i).font = bold
        ws.column_dimensions[get_column_letter(i)].width = width
    for n, decl in enumerate(decls):
        file = files[n] if files is not None and n < len(files) else ""
        est = estimates[n] if estimates is not None and n < len(estimates) else None
        ws.append([neutralise(v) for v in register_row(decl, file, est)])
        r = ws.max_row
        for i, (_, _, fmt) in enumerate(REGISTER_COLUMNS, start=1):
            if fmt:
                ws.cell(row=r, column=i).number_format = fmt
    ws.freeze_panes = "A2"
    last = get_column_letter(len(REGISTER_COLUMNS))
    ws.auto_filter.ref = f"A1:{last}{max(ws.max_row, 1)}"
    buf = io.BytesIO()
    wb.save(buf)
    p = Path(path)
    atomic_write_bytes(p, buf.getvalue())
    return p
