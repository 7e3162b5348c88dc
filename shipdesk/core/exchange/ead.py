"""Electronic advance data (EAD): every declaration's complete data as JSON or CSV that a
posting system can take, field for field mapped to the UPU ITMATT data elements (the electronic
CN 22/CN 23; see docs/spreadsheets.md for the table).

JSON (``shipdesk.ead/1``): one object with ``items`` (one per postal item), each with its
``sender``, ``addressee`` and ``contents`` (one per declaration line). Amounts and weights are
decimal strings (exact, never binary floats); weights in kilograms; countries ISO 3166-1
alpha-2; currencies ISO 4217; dates ISO 8601.

CSV: one row per content line; the item, sender and addressee columns repeat on every line of
the same item. UTF-8 without BOM, comma separated, CRLF line ends, a header row; text that a
spreadsheet could run as a formula is prefixed with an apostrophe.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stdnum.eu import vat

from shipdesk import __version__
from shipdesk.core.errors import InputError
from shipdesk.core.exchange.safety import neutralise
from shipdesk.core.fileio import atomic_write_bytes
from shipdesk.core.model import PARTY_FIELDS, Declaration, Party

if TYPE_CHECKING:
    from shipdesk.core.duties.estimate import Estimate

EAD_FORMAT = "shipdesk.ead/1"


@dataclass(frozen=True)
class EadField:
    column: str  # CSV column; the JSON key is the part after the level prefix
    level: str  # "item", "sender", "addressee", "content"
    itmatt: str  # the ITMATT data element it carries
    description: str


_PARTY_DOC = {
    "name": ("name", "Name of the person"),
    "company": ("business name", "Company"),
    "street": ("address line(s)", "Street and number"),
    "city": ("city / locality", "City"),
    "postcode": ("postcode", "Postcode"),
    "region": ("state / province", "State, province or region"),
    "country": ("country code", "ISO 3166-1 alpha-2"),
    "phone": ("telephone", "Phone, international format where given"),
    "email": ("e-mail", "E-mail address"),
    "tax_id": ("identification reference", "Tax/VAT/EORI number as typed"),
}

EAD_FIELDS: tuple[EadField, ...] = (
    EadField("item_id", "item", "Item: S10 item identifier", "UPU S10 id, e.g. RR123456785DE"),
    EadField("order_number", "item", "Item: sender's reference", "Shop order number"),
    EadField("posting_date", "item", "Item: posting date", "Date of the declaration"),
    EadField("form", "item", "Item: declaration type (CN 22 / CN 23)", "auto, cn22 or cn23"),
    EadField("category", "item", "Item: category of item (nature of transaction)", "CONTRACT enum"),
    EadField("category_explanation", "item", "Item: explanation (category 'other')", "Free text"),
    EadField("gross_weight_kg", "item", "Item: gross weight", "Kilograms"),
    EadField("total_value", "item", "Item: total declared value", "Sum of the line values"),
    EadField("currency", "item", "Item: value currency", "ISO 4217"),
    EadField("postal_charges", "item", "Item: postage / charges paid", "In the item currency"),
    EadField("content_pieces", "item", "Item: number of content pieces", "Number of lines"),
    EadField("invoice_number", "item", "Item: invoice number", "Commercial invoice"),
    EadField("licence_numbers", "item", "Item: licence number(s)", "';' between several"),
    EadField("certificate_numbers", "item", "Item: certificate number(s)", "';' between several"),
    EadField("ioss_number", "item", "Item: IOSS number (tax scheme reference)", "IM + 10 digits"),
    EadField("importer_reference", "item", "Addressee: importer reference", "Importer code"),
    EadField("non_delivery", "item", "Item: non-delivery instruction", "return or abandon"),
    EadField("comments", "item", "Item: comments (quarantine, restrictions)", "Free text"),
    EadField("incoterm", "item", "Item: delivery terms (DDP / DAP)", "Incoterm as typed"),
    EadField("duties_payer", "item", "(none: ShipDesk estimate)", "sender (DDP) or recipient"),
    EadField("duties_currency", "item", "(none: ShipDesk estimate)", "Currency of the estimate"),
    EadField("duties_duty", "item", "(none: ShipDesk estimate)", "Customs duty, estimated"),
    EadField("duties_tax", "item", "(none: ShipDesk estimate)", "Import VAT/GST, estimated"),
    EadField("duties_fees", "item", "(none: ShipDesk estimate)", "Operator's fee, estimated"),
    EadField("duties_at_door", "item", "(none: ShipDesk estimate)", "Asked of the recipient"),
    EadField("duties_rules_date", "item", "(none: ShipDesk estimate)", "Day of the rules used"),
    *(
        EadField(f"sender_{k}", "sender", f"Sender: {doc[0]}", doc[1])
        for k, doc in _PARTY_DOC.items()
    ),
    EadField("sender_id_type", "sender", "Sender: identification type", "VAT, EORI, IOSS..."),
    *(
        EadField(f"addressee_{k}", "addressee", f"Addressee: {doc[0]}", doc[1])
        for k, doc in _PARTY_DOC.items()
    ),
    EadField("addressee_id_type", "addressee", "Addressee: identification type", "CPF, VAT..."),
    EadField("line_sequence", "content", "Content piece: sequence number", "1, 2, ..."),
    EadField("line_description", "content", "Content piece: description", "Detailed"),
    EadField("line_quantity", "content", "Content piece: quantity", "Number of pieces"),
    EadField("line_quantity_unit", "content", "Content piece: quantity unit", "Always 'PCE'"),
    EadField("line_net_weight_kg", "content", "Content piece: net weight", "Kilograms"),
    EadField("line_value", "content", "Content piece: value", "Line total"),
    EadField("line_currency", "content", "Content piece: value currency", "ISO 4217"),
    EadField("line_hs_code", "content", "Content piece: HS tariff number", "6 to 10 digits"),
    EadField("line_origin_country", "content", "Content piece: country of origin", "ISO alpha-2"),
    EadField("line_hs_suggested", "content", "(none: ShipDesk flag)", "true if not yet confirmed"),
)
CSV_COLUMNS = tuple(f.column for f in EAD_FIELDS)


def id_type(value: str, country: str = "") -> str:
    """A best guess of what kind of identifier a tax id is (for the posting system)."""
    v = re.sub(r"[\s.\-/]", "", value).upper()
    if not v:
        return ""
    if re.fullmatch(r"IM\d{10}", v):
        return "IOSS"
    if re.fullmatch(r"VOEC\d{7}", v):
        return "VOEC"
    if re.fullmatch(r"(GB|XI)\d{12}", v):
        return "EORI"
    if re.fullmatch(r"CHE\d{9}(MWST|TVA|IVA)?", v):
        return "UID"
    if country == "BR" and re.fullmatch(r"\d{11}", v):
        return "CPF"
    if country == "BR" and re.fullmatch(r"\d{14}", v):
        return "CNPJ"
    return "VAT" if vat.is_valid(v) else "TAX_ID"


def _party(p: Party) -> dict[str, Any]:
    out: dict[str, Any] = {k: getattr(p, k) for k in PARTY_FIELDS}
    out["id_type"] = id_type(p.tax_id, p.country)
    return out


def _estimate_fields(est: Estimate | None) -> dict[str, Any]:
    keys = ("payer", "currency", "duty", "tax", "fees", "at_door", "rules_date")
    if est is None:
        return {f"duties_{k}": "" for k in keys}
    values = (
        est.payer,
        est.currency,
        est.total("duty"),
        est.total("tax"),
        est.total("fee"),
        est.at_door(),
        est.date.isoformat(),
    )
    return {f"duties_{k}": str(v) for k, v in zip(keys, values, strict=True)}


def ead_record(decl: Declaration, est: Estimate | None = None) -> dict[str, Any]:
    """One postal item's EAD record (JSON shape), with the duty estimate when one is given."""
    items = decl.real_items()
    total = decl.total_value()
    return {
        "incoterm": str(decl.extra.get("incoterm") or ""),
        **_estimate_fields(est),
        "item_id": decl.item_id,
        "order_number": str(decl.extra.get("order_number", "")),
        "posting_date": decl.date,
        "form": decl.form,
        "category": decl.category,
        "category_explanation": decl.category_explanation,
        "gross_weight_kg": decl.gross_weight_kg,
        "total_value": f"{total:.2f}",
        "currency": decl.currency,
        "postal_charges": decl.postal_charges,
        "content_pieces": len(items),
        "invoice_number": decl.invoice_number,
        "licence_numbers": list(decl.licence_numbers),
        "certificate_numbers": list(decl.certificate_numbers),
        "ioss_number": decl.ioss_number,
        "importer_reference": decl.importer_reference,
        "non_delivery": decl.non_delivery,
        "comments": decl.comments,
        "sender": _party(decl.sender),
        "addressee": _party(decl.recipient),
        "contents": [
            {
                "sequence": i,
                "description": it.description,
                "quantity": it.quantity,
                "quantity_unit": "PCE",
                "net_weight_kg": it.net_weight_kg,
                "value": it.value,
                "currency": decl.currency,
                "hs_code": it.hs_code,
                "origin_country": it.origin_country,
                "hs_suggested": bool(it.extra.get("hs_suggested", False)),
            }
            for i, it in enumerate(items, start=1)
        ],
    }


Estimates = Sequence["Estimate | None"] | None


def _est(estimates: Estimates, n: int) -> Estimate | None:
    return estimates[n] if estimates is not None and n < len(estimates) else None


def ead_document(decls: Sequence[Declaration], estimates: Estimates = None) -> dict[str, Any]:
    return {
        "format": EAD_FORMAT,
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "generator": f"ShipDesk {__version__}",
        "item_count": len(decls),
        "items": [ead_record(d, _est(estimates, n)) for n, d in enumerate(decls)],
    }


def csv_rows(decls: Sequence[Declaration], estimates: Estimates = None) -> list[list[Any]]:
    rows: list[list[Any]] = [list(CSV_COLUMNS)]
    for n, d in enumerate(decls):
        rec = ead_record(d, _est(estimates, n))
        base: dict[str, Any] = {}
        for f in EAD_FIELDS:
            if f.level == "item":
                v = rec[f.column]
                base[f.column] = ";".join(v) if isinstance(v, list) else v
            elif f.level in ("sender", "addressee"):
                base[f.column] = rec[f.level][f.column.split("_", 1)[1]]
        lines = rec["contents"] or [None]
        for line in lines:
            row = dict(base)
            for f in EAD_FIELDS:
                if f.level == "content":
                    key = f.column.removeprefix("line_")
                    v = "" if line is None else line[key]
                    row[f.column] = ("true" if v else "false") if isinstance(v, bool) else v
            rows.append([neutralise(str(row[c])) for c in CSV_COLUMNS])
    return rows


def export_ead(
    decls: Sequence[Declaration],
    path: str | Path,
    fmt: str | None = None,
    estimates: Estimates = None,
) -> Path:
    """Write the EAD of ``decls``; ``fmt`` "json" or "csv" (None: from the file suffix);
    ``estimates`` the duty estimate of each declaration (same order)."""
    p = Path(path)
    fmt = (fmt or p.suffix.lstrip(".") or "json").lower()
    if fmt == "json":
        text = json.dumps(ead_document(decls, estimates), indent=2, ensure_ascii=False) + "\n"
        atomic_write_bytes(p, text.encode("utf-8"))
    elif fmt == "csv":
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\r\n").writerows(csv_rows(decls, estimates))
        atomic_write_bytes(p, buf.getvalue().encode("utf-8"))
    else:
        raise InputError(f"unknown EAD format {fmt!r} (use json or csv)", source=str(p))
    return p
