"""Spreadsheet rows -> declarations, grouped by order number, with a problem report per row.

Every row is read; a bad row never stops the import. A row with an error is rejected, and so are
the other rows of the same order (a declaration missing one of its lines would be a false
declaration), each rejected row keeping its original values so the user can fix and re-import
them. Rows without an order number continue the order above them (merged cells, and exports that
fill order columns on the first line only).

Cell values are cleaned the way shop exports need: thousands separators and comma decimals,
currency signs in amounts, dates as text or as spreadsheet dates, country names or codes,
weights in g/lb/oz, HS codes that lost their leading zero in a numeric cell.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from shipdesk.core import hscode
from shipdesk.core.errors import DataError, InputError
from shipdesk.core.exchange.mapping import (
    TARGETS,
    ColumnMapping,
    detect,
    header_score,
    norm_header,
)
from shipdesk.core.exchange.safety import neutralise, restore
from shipdesk.core.exchange.sheets import Cell, csv_text, is_blank_row, open_sheet
from shipdesk.core.fileio import atomic_write_bytes
from shipdesk.core.model import PARTY_FIELDS, Category, Declaration, Item, NonDelivery, Party
from shipdesk.core.paths import resource
from shipdesk.core.progress import CancelToken, ProgressCallback

if TYPE_CHECKING:
    from shipdesk.core.storage.products import ProductIndex

_LABELS = {t.key: t.label for t in TARGETS}
_ITEM_PRESENCE = ("item.description", "item.unit_price", "item.value")
_KG_PER = {
    "kg": Decimal(1),
    "g": Decimal("0.001"),
    "lb": Decimal("0.45359237"),
    "oz": Decimal("0.028349523125"),
}


# -- results ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class RowProblem:
    row: int  # spreadsheet row number (1-based; CSV: line number)
    column: str  # the source column's header, or the field's label when it has no column
    message: str
    level: str = "error"  # "error" rejects the row; "warning" keeps it

    def __str__(self) -> str:
        where = f"row {self.row}" + (f", column {self.column!r}" if self.column else "")
        return f"{where}: {self.message}"


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
    catalogue: CatalogueReport | None = None  # set when a product catalogue was used

    @property
    def declarations(self) -> list[Declaration]:
        return [o.declaration for o in self.orders]

    @property
    def errors(self) -> list[RowProblem]:
        return [p for p in self.problems if p.level == "error"]

    def rejected_table(self) -> list[list[Any]]:
        """Header + rejected rows with their original values and a problem column."""
        head = ["Row", *self.headers, "Problem"]
        out: list[list[Any]] = [head]
        width = len(self.headers)
        for r in self.rejected:
            vals = list(r.values[:width]) + [None] * (width - len(r.values[:width]))
            text = "; ".join((f"{p.column}: " if p.column else "") + p.message for p in r.problems)
            out.append([r.row, *vals, text])
        return out

    def write_rejected(self, path: str | Path) -> Path:
        """Write the rejected rows to .csv or .xlsx (by suffix), ready to fix and re-import."""
        p = Path(path)
        rows = [[neutralise(v) for v in row] for row in self.rejected_table()]
        if p.suffix.lower() == ".xlsx":
            import io

            import openpyxl

            wb = openpyxl.Workbook(write_only=True)
            ws = wb.create_sheet("Rejected rows")
            ws.freeze_panes = "A2"
            for row in rows:
                ws.append([_xlsx_cell(v) for v in row])
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


def _xlsx_cell(v: Any) -> Any:
    if isinstance(v, str):
        return "".join(ch for ch in v if ch >= " " or ch in "\t\n\r")
    return v


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


# -- cell cleaning ----------------------------------------------------------------------------
class CellError(ValueError):
    """A cell value that cannot be used; the message is shown to the user."""


def cell_text(value: Cell) -> str:
    """A cell as text: numbers without a spurious '.0', dates in ISO form, spaces collapsed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e16:
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    return " ".join(str(value).split())


_CURRENCY_SIGNS = {
    "€": "EUR",
    "£": "GBP",
    "$": "USD",
    "US$": "USD",
    "¥": "JPY",
    "₹": "INR",
    "CHF": "CHF",
    "zł": "PLN",
    "kr": "",
    "R$": "BRL",
    "C$": "CAD",
    "A$": "AUD",
    "AU$": "AUD",
    "CA$": "CAD",
    "HK$": "HKD",
    "NZ$": "NZD",
}
_NUM_RX = re.compile(r"^[0-9][0-9.,' \u00a0\u202f]*$|^[.,][0-9]+$")


@dataclass
class NumberStyle:
    """Decimal separator for amounts like "1,234" that are ambiguous on their own."""

    decimal: str = "auto"  # from the mapping: ".", "," or "auto"
    fallback: str = "."  # when nothing else is known (";"-delimited CSV suggests ",")
    seen: str = ""  # learnt from unambiguous values earlier in the file

    def resolve(self) -> str:
        if self.decimal in (".", ","):
            return self.decimal
        return self.seen or self.fallback


def parse_number(value: Cell, style: NumberStyle | None = None) -> tuple[Decimal, str]:
    """(number, currency code found in the cell or ""); raises CellError when unusable."""
    style = style or NumberStyle()
    if isinstance(value, bool):
        raise CellError("expected a number, found true/false")
    if isinstance(value, int):
        return Decimal(value), ""
    if isinstance(value, float):
        d = Decimal(repr(value))
        # float cells carry binary noise (0.30000000000000004): keep 10 significant decimals
        exponent = d.as_tuple().exponent  # a letter for infinity and NaN
        noisy = isinstance(exponent, int) and exponent < -10
        return (d.quantize(Decimal("1e-10")).normalize() if noisy else d), ""
    if isinstance(value, Decimal):
        return value, ""
    text = cell_text(value)
    if not text:
        raise CellError("empty")
    currency = ""
    m = re.fullmatch(r"([A-Z]{3})\s*(.+)", text)
    if m and _is_currency(m.group(1)):
        currency, text = m.group(1), m.group(2)
    else:
        m = re.fullmatch(r"(.+?)\s*([A-Z]{3})", text)
        if m and _is_currency(m.group(2)):
            currency, text = m.group(2), m.group(1)
    for sign in sorted(_CURRENCY_SIGNS, key=len, reverse=True):
        if text.startswith(sign) or text.endswith(sign):
            currency = currency or _CURRENCY_SIGNS[sign]
            text = (text[len(sign) :] if text.startswith(sign) else text[: -len(sign)]).strip()
            break
    neg = False
    if text.startswith("(") and text.endswith(")"):
        neg, text = True, text[1:-1].strip()
    if text.startswith("-") or text.startswith("+"):
        neg, text = text[0] == "-", text[1:].strip()
    if not _NUM_RX.match(text):
        raise CellError(f"{cell_text(value)!r} is not a number")
    t = text.replace(" ", "").replace("\u00a0", "").replace("\u202f", "").replace("'", "")
    has_c, has_d = "," in t, "." in t
    if has_c and has_d:
        dec = "," if t.rfind(",") > t.rfind(".") else "."
        style.seen = style.seen or dec
    elif has_c or has_d:
        sep = "," if has_c else "."
        parts = t.split(sep)
        if len(parts) > 2:
            dec = "." if sep == "," else ","  # 1,234,567 / 1.234.567: grouping
            if not all(len(p) == 3 for p in parts[1:]):
                raise CellError(f"{text!r} is not a number (misplaced separators)")
        elif len(parts[1]) != 3 or parts[0] in ("", "0"):
            dec = sep  # 12,50 / 0,350 / 12.5: a decimal separator
            style.seen = style.seen or dec
        else:
            dec = style.resolve()  # 1,234 or 1.234: depends on the file
    else:
        dec = "."
    grouping = "," if dec == "." else "."
    t = t.replace(grouping, "")
    if dec == ",":
        t = t.replace(",", ".")
    try:
        d = Decimal(t)
    except InvalidOperation:
        raise CellError(f"{cell_text(value)!r} is not a number") from None
    return (-d if neg else d), currency


def number_text(d: Decimal, places: int | None = None) -> str:
    """Plain decimal text (no exponent); rounded half-up to ``places`` when given."""
    if places is not None:
        d = d.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = format(d, "f")
    if places is None and "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


@lru_cache(maxsize=512)
def _is_currency(code: str) -> bool:
    import pycountry

    return pycountry.currencies.get(alpha_3=code.upper()) is not None


def parse_currency(value: Cell) -> str:
    text = cell_text(value).strip()
    if _CURRENCY_SIGNS.get(text):
        return _CURRENCY_SIGNS[text]
    code = text.upper()
    if len(code) == 3 and code.isalpha() and _is_currency(code):
        return code
    raise CellError(f"{text!r} is not an ISO 4217 currency code (e.g. EUR, USD, GBP)")


@lru_cache(maxsize=1)
def _country_aliases() -> dict[str, str]:
    path = resource("mappings", "aliases.toml")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise DataError(f"{path}: cannot read the country names ({exc})") from None
    return {norm_header(k): str(v) for k, v in data.get("countries", {}).items()}


@lru_cache(maxsize=2048)
def parse_country(text: str) -> str:
    """ISO 3166-1 alpha-2 code for a code (2 or 3 letters) or an English/local name."""
    import pycountry

    t = " ".join(text.split())
    if not t:
        raise CellError("empty")
    alias = _country_aliases().get(norm_header(t))
    if alias:
        return alias
    if len(t) == 2 and t.isalpha():
        if t.upper() == "XK" or pycountry.countries.get(alpha_2=t.upper()):
            return t.upper()
        raise CellError(f"{t!r} is not an ISO country code")
    if len(t) == 3 and t.isalpha():
        c = pycountry.countries.get(alpha_3=t.upper())
        if c:
            return c.alpha_2
    try:
        return pycountry.countries.lookup(t).alpha_2
    except LookupError:
        raise CellError(f"unknown country {t!r} (use the two-letter ISO code, e.g. DE)") from None


_MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTHS = {m: i for i, m in enumerate(_MONTH_NAMES, 1)}


def parse_date(value: Cell, order: str = "dmy") -> str:
    """ISO date (YYYY-MM-DD) from a date cell or text in the usual shop-export forms."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 20000 < value < 80000:  # a spreadsheet serial date that lost its format
            from openpyxl.utils.datetime import from_excel

            return from_excel(value).date().isoformat()
        raise CellError(f"{value!r} is not a date")
    text = cell_text(value)
    if not text:
        raise CellError("empty")
    m = re.match(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$", text)
    if m:
        return _mkdate(int(m.group(1)), int(m.group(2)), int(m.group(3)), text)
    m = re.match(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{2,4})(?:[ ,T].*)?$", text)
    if m:
        a, b, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        y = y + 2000 if y < 100 else y
        if a > 12 >= b:
            d, mo = a, b
        elif b > 12 >= a:
            d, mo = b, a
        else:
            d, mo = (b, a) if order == "mdy" else (a, b)
        return _mkdate(y, mo, d, text)
    m = re.match(r"^([A-Za-z]{3})[a-z]*[- ](\d{1,2}),?[- ](\d{2,4})\b", text)  # Nov-27-26
    if m and m.group(1).lower() in _MONTHS:
        y = int(m.group(3))
        return _mkdate(
            y + 2000 if y < 100 else y, _MONTHS[m.group(1).lower()], int(m.group(2)), text
        )
    m = re.match(r"^(\d{1,2})[- .]([A-Za-z]{3})[a-z]*\.?[- ,]+(\d{2,4})\b", text)  # 27 Nov 2026
    if m and m.group(2).lower() in _MONTHS:
        y = int(m.group(3))
        return _mkdate(
            y + 2000 if y < 100 else y, _MONTHS[m.group(2).lower()], int(m.group(1)), text
        )
    raise CellError(f"{text!r} is not a date (write it as YYYY-MM-DD)")


def _mkdate(y: int, m: int, d: int, text: str) -> str:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        raise CellError(f"{text!r} is not a valid date") from None


def parse_hs(value: Cell) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        digits = cell_text(value)
        if not digits.isdigit():
            raise CellError(f"{digits!r} is not an HS code")
        if len(digits) in (5, 7, 9):  # the leading zero of chapters 01-09 lost in a number cell
            digits = "0" + digits
    else:
        digits = hscode.clean(cell_text(value))
        if not digits.isdigit():
            raise CellError(f"{cell_text(value)!r} is not an HS code (6 to 10 digits)")
    if not 4 <= len(digits) <= 10:
        raise CellError(f"{digits!r} is not an HS code (6 to 10 digits)")
    return digits


_CATEGORY_WORDS = {
    "gift": Category.GIFT,
    "gifts": Category.GIFT,
    "documents": Category.DOCUMENTS,
    "document": Category.DOCUMENTS,
    "commercialsample": Category.COMMERCIAL_SAMPLE,
    "sample": Category.COMMERCIAL_SAMPLE,
    "returnedgoods": Category.RETURNED_GOODS,
    "return": Category.RETURNED_GOODS,
    "returned": Category.RETURNED_GOODS,
    "saleofgoods": Category.SALE_OF_GOODS,
    "sale": Category.SALE_OF_GOODS,
    "merchandise": Category.SALE_OF_GOODS,
    "other": Category.OTHER,
}


def parse_category(value: Cell) -> str:
    key = norm_header(cell_text(value))
    if key in _CATEGORY_WORDS:
        return _CATEGORY_WORDS[key].value
    raise CellError(
        f"{cell_text(value)!r} is not a category (gift, documents, commercial_sample, "
        "returned_goods, sale_of_goods, other)"
    )


def parse_non_delivery(value: Cell) -> str:
    key = norm_header(cell_text(value))
    if key.startswith("return"):
        return NonDelivery.RETURN.value
    if key.startswith("abandon") or key.startswith("treatasabandoned"):
        return NonDelivery.ABANDON.value
    raise CellError(f"{cell_text(value)!r}: write 'return' or 'abandon'")


def parse_weight_unit(value: Cell) -> str:
    key = norm_header(cell_text(value))
    units = {
        "kg": "kg",
        "kgs": "kg",
        "kilogram": "kg",
        "kilograms": "kg",
        "g": "g",
        "gr": "g",
        "gram": "g",
        "grams": "g",
        "lb": "lb",
        "lbs": "lb",
        "pound": "lb",
        "pounds": "lb",
        "oz": "oz",
        "ounce": "oz",
        "ounces": "oz",
    }
    if key in units:
        return units[key]
    raise CellError(f"{cell_text(value)!r} is not a weight unit (kg, g, lb, oz)")


def kg_text(d: Decimal, unit: str) -> str:
    kg = d * _KG_PER[unit]
    if kg == 0:
        return "0"
    q = kg.quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)
    if q == 0:  # a few grams still weigh something on the form
        q = Decimal("0.001")
    return number_text(q)


# -- the import -------------------------------------------------------------------------------
@dataclass
class _Order:
    number: str
    rows: list[int] = field(default_factory=list)
    values: list[list[Cell]] = field(default_factory=list)
    fields: dict[str, Cell] = field(default_factory=dict)
    field_rows: dict[str, int] = field(default_factory=dict)
    items: list[Item] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    currencies: set[str] = field(default_factory=set)
    bad: bool = False


class _RowReader:
    def __init__(
        self,
        mapping: ColumnMapping,
        headers: list[str],
        style: NumberStyle,
        products: ProductIndex | None = None,
    ):
        self.mapping = mapping
        self.headers = headers
        self.idx = mapping.resolve(headers)
        self.style = style
        self.products = products or None  # an empty catalogue is no catalogue
        self.misses: list[RowProblem] = []

    def column(self, key: str) -> str:
        cols = self.idx.get(key)
        if not cols:
            return _LABELS.get(key, key)
        return self.headers[cols[0]]

    def raw(self, key: str, values: list[Cell]) -> Cell:
        cols = self.idx.get(key)
        if not cols:
            return None
        if len(cols) == 1:
            v = values[cols[0]] if cols[0] < len(values) else None
            if isinstance(v, str):
                if not v.strip():
                    return None
                v = restore(v)  # an exported file's neutralising apostrophe
            return v
        sep = ", " if key.endswith(("street",)) else " "
        parts = [cell_text(values[c]) for c in cols if c < len(values)]
        text = sep.join(p for p in parts if p)
        return text or None

    def has(self, key: str, values: list[Cell]) -> bool:
        return self.raw(key, values) is not None


def _is_order_level_empty(rr: _RowReader, values: list[Cell]) -> bool:
    """No mapped value besides (at most) an order number: report footers, notes, totals."""
    return not any(rr.has(k, values) for k in rr.idx if k != "order_number")


def import_orders(
    path: str | Path,
    mapping: ColumnMapping | None = None,
    *,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
    sender: Party | None = None,
    sheet: str | None = None,
    products: ProductIndex | None = None,
    packaging_kg: Decimal | str | None = None,
) -> ImportResult:
    """Read a spreadsheet of orders into declarations (one per order number).

    ``mapping`` None: detected from the headers. ``sender``: used for orders whose rows have no
    sender columns. ``products``: the product catalogue; lines are matched by SKU, else by exact
    product name, and only fields the file left empty are filled (listed in
    ``item.extra["filled_from_catalogue"]``). ``packaging_kg``: when an order has no gross
    weight, the sum of its net weights plus this allowance (marked
    ``extra["gross_weight_estimated"]``). Raises InputError when the file cannot be read, the
    mapping lacks the columns an import needs or ``packaging_kg`` is not a weight; problems in
    rows are collected in the result instead.
    """
    source = str(path)
    packaging = parse_packaging(packaging_kg)
    with open_sheet(path, sheet, header_score) as reader:
        headers = reader.headers
        if mapping is None:
            mapping = detect(headers)
        missing = mapping.missing_required()
        resolved = mapping.resolve(headers)
        missing += [
            _LABELS[k]
            for k in ("item.description",)
            if mapping.columns.get(k) and k not in resolved and _LABELS[k] not in missing
        ]
        if not any(k in resolved for k in ("item.unit_price", "item.value")):
            lbl = "Item unit price or line value"
            if lbl not in missing:
                missing.append(lbl)
        if "item.description" not in resolved and "Item description" not in missing:
            missing.append("Item description")
        if missing:
            raise InputError(
                "no column found for " + ", ".join(missing) + " (choose the columns in a "
                "mapping; columns in the file: " + ", ".join(h for h in headers if h)[:300] + ")",
                source=source,
            )
        style = NumberStyle(
            decimal=mapping.decimal, fallback="," if reader.delimiter == ";" else "."
        )
        rr = _RowReader(mapping, headers, style, products)
        result = ImportResult(
            source=source,
            mapping=mapping,
            headers=headers,
            header_row=reader.header_row,
            delimiter=reader.delimiter or ",",
        )
        orders: dict[str, _Order] = {}
        current: _Order | None = None
        has_order_col = "order_number" in rr.idx
        for n, values in reader.rows():
            if cancel is not None and n % 256 == 0:
                cancel.raise_if_cancelled()
            if progress is not None and n % 500 == 0:
                done, total = reader.position()
                progress(done, total, f"reading row {n:,}")
            if is_blank_row(values):
                continue
            if _is_order_level_empty(rr, values):
                result.rows_skipped += 1  # report footers, notes beside the table
                continue
            result.rows_read += 1
            number = cell_text(rr.raw("order_number", values)) if has_order_col else ""
            if not has_order_col:
                number = f"row-{n}"
            if not number:
                if current is None:
                    p = RowProblem(n, rr.column("order_number"), "no order number")
                    result.problems.append(p)
                    result.rejected.append(RejectedRow(n, values, [p]))
                    continue
                order = current
            else:
                if number not in orders:
                    orders[number] = _Order(number)
                order = orders[number]
            current = order
            _take_row(rr, order, n, values)
        if progress is not None:
            done, total = reader.position()
            progress(total or done, total, f"read {result.rows_read:,} rows")
    for order in orders.values():
        if cancel is not None:
            cancel.raise_if_cancelled()
        _finish(rr, order, sender, result, packaging)
    if rr.products is not None or packaging is not None:
        result.catalogue = _catalogue_report(rr, result, packaging)
    result.problems.sort(key=lambda p: p.row)  # stable: a row's problems keep their order
    result.rejected.sort(key=lambda r: r.row)
    return result


def _take_row(rr: _RowReader, order: _Order, n: int, values: list[Cell]) -> None:
    order.rows.append(n)
    order.values.append(values)
    problems: list[RowProblem] = []
    for t in TARGETS:
        if t.level != "order" or t.key == "order_number":
            continue
        v = rr.raw(t.key, values)
        if v is None:
            continue
        if t.key not in order.fields:
            order.fields[t.key] = v
            order.field_rows[t.key] = n
        elif t.key in ("currency", "recipient.country") and cell_text(v) != cell_text(
            order.fields[t.key]
        ):
            problems.append(
                RowProblem(
                    n,
                    rr.column(t.key),
                    f"{cell_text(v)!r} differs from {cell_text(order.fields[t.key])!r} on row "
                    f"{order.field_rows[t.key]} of the same order {order.number}",
                )
            )
    if any(rr.has(k, values) for k in _ITEM_PRESENCE):
        item, item_problems = _item_from_row(rr, order, n, values)
        problems += item_problems
        if item is not None and not item_problems:
            order.items.append(item)
    order.problems += problems
    if any(p.level == "error" for p in problems):
        order.bad = True


def _item_from_row(
    rr: _RowReader, order: _Order, n: int, values: list[Cell]
) -> tuple[Item | None, list[RowProblem]]:
    probs: list[RowProblem] = []

    def err(key: str, msg: str, level: str = "error") -> None:
        probs.append(RowProblem(n, rr.column(key), msg, level))

    item = Item()
    desc = cell_text(rr.raw("item.description", values))
    item.description = desc
    qty = Decimal(1)
    raw_q = rr.raw("item.quantity", values)
    if raw_q is not None:
        try:
            qty, _ = parse_number(raw_q, rr.style)
            if qty <= 0:
                err("item.quantity", f"quantity must be more than 0 (found {cell_text(raw_q)})")
        except CellError as e:
            err("item.quantity", str(e))
    item.quantity = number_text(qty)
    value: Decimal | None = None
    for key in ("item.value", "item.unit_price"):
        raw = rr.raw(key, values)
        if raw is None:
            continue
        try:
            amount, cur = parse_number(raw, rr.style)
        except CellError as e:
            err(key, str(e))
            break
        if amount < 0:
            err(key, f"a value cannot be negative (found {cell_text(raw)})")
            break
        if cur:
            order.currencies.add(cur)
        value = amount if key == "item.value" else amount * qty
        break
    else:
        err("item.value", "no price or value for this item")
    if value is not None:
        item.value = number_text(value, 2)
    unit = rr.mapping.weight_unit
    raw_unit = rr.raw("item.weight_unit", values)
    if raw_unit is not None:
        try:
            unit = parse_weight_unit(raw_unit)
        except CellError as e:
            err("item.weight_unit", str(e))
    for key in ("item.net_weight", "item.unit_weight"):
        raw = rr.raw(key, values)
        if raw is None:
            continue
        try:
            w, _ = parse_number(raw, rr.style)
        except CellError as e:
            err(key, str(e))
            break
        if w < 0:
            err(key, "a weight cannot be negative")
            break
        item.net_weight_kg = kg_text(w if key == "item.net_weight" else w * qty, unit)
        break
    raw_hs = rr.raw("item.hs_code", values)
    if raw_hs is not None:
        try:
            item.hs_code = parse_hs(raw_hs)
        except CellError as e:
            err("item.hs_code", str(e))
    raw_o = rr.raw("item.origin_country", values)
    if raw_o is not None:
        try:
            item.origin_country = parse_country(cell_text(raw_o))
        except CellError as e:
            err("item.origin_country", str(e))
    sku = cell_text(rr.raw("item.sku", values))
    if sku:
        item.extra["sku"] = sku
    if rr.products is not None and not any(p.level == "error" for p in probs):
        _complete_from_catalogue(rr, item, n, sku)
    if not item.description:
        err("item.description", "the item has no description")
    return (None if any(p.level == "error" for p in probs) else item), probs


def _complete_from_catalogue(rr: _RowReader, item: Item, n: int, sku: str) -> None:
    from shipdesk.core.exchange.catalogue_file import fill_item, has_gaps

    assert rr.products is not None
    product, how = rr.products.match(sku, item.description)
    if product is not None:
        if fill_item(item, product) and how == "name":
            item.extra["catalogue_match"] = f"name (SKU {product.sku})"
        return
    if not has_gaps(item):
        return
    if sku:
        rr.misses.append(
            RowProblem(
                n,
                rr.column("item.sku"),
                f"SKU {sku!r} is not in the product catalogue (nor is the name "
                f"{item.description!r}); net weight, HS code and origin not filled",
                "warning",
            )
        )
    else:
        rr.misses.append(
            RowProblem(
                n,
                rr.column("item.description"),
                f"no SKU, and no product named {item.description!r} in the catalogue; net "
                "weight, HS code and origin not filled",
                "warning",
            )
        )


def parse_packaging(value: Decimal | str | None) -> Decimal | None:
    """The packaging allowance in kg (None: not used); InputError when it is not a weight."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        d = value if isinstance(value, Decimal) else parse_number(str(value).strip())[0]
    except CellError:
        raise InputError(
            f"{value!r} is not a weight in kg (e.g. 0.15)", location="packaging_kg"
        ) from None
    if d < 0 or d > 1000:
        raise InputError(
            f"the packaging allowance must be between 0 and 1000 kg (found {value})",
            location="packaging_kg",
        )
    return d


def _catalogue_report(
    rr: _RowReader, result: ImportResult, packaging: Decimal | None
) -> CatalogueReport:
    from shipdesk.core.exchange.catalogue_file import FILLED_KEY
    from shipdesk.core.storage.products import FIELDS

    rep = CatalogueReport(products=len(rr.products) if rr.products is not None else 0)
    rep.fields = {f: 0 for f in FIELDS}
    imported_rows: set[int] = set()
    for o in result.orders:
        imported_rows.update(o.rows)
        if o.declaration.extra.get("gross_weight_estimated"):
            rep.gross_estimated += 1
        for item in o.declaration.items:
            rep.lines += 1
            filled = item.extra.get(FILLED_KEY) or []
            if filled:
                rep.completed += 1
            for f in filled:
                rep.fields[f] = rep.fields.get(f, 0) + 1
    rep.unmatched = [p for p in rr.misses if p.row in imported_rows]
    result.problems.extend(rep.unmatched)  # in the row report too (as warnings)
    result.problems.sort(key=lambda p: p.row)
    if packaging is not None:
        rep.packaging_kg = number_text(packaging)
    return rep


def _order_field(
    rr: _RowReader, order: _Order, key: str, parse: Any, probs: list[RowProblem]
) -> Any:
    raw = order.fields.get(key)
    if raw is None:
        return None
    try:
        return parse(raw)
    except CellError as e:
        probs.append(RowProblem(order.field_rows[key], rr.column(key), str(e)))
        return None


def _party(rr: _RowReader, order: _Order, role: str, probs: list[RowProblem]) -> tuple[Party, bool]:
    p = Party()
    found = False
    for k in PARTY_FIELDS:
        key = f"{role}.{k}"
        if key not in order.fields:
            continue
        found = True
        if k == "country":
            code = _order_field(rr, order, key, lambda v: parse_country(cell_text(v)), probs)
            p.country = code or ""
        else:
            text = cell_text(order.fields[key])
            if k in ("postcode", "phone", "tax_id"):
                text = text.lstrip("'")  # exports keep leading zeros with an apostrophe
            setattr(p, k, text)
    if p.country == "US" and p.postcode.isdigit() and len(p.postcode) < 5:
        p.postcode = p.postcode.zfill(5)  # a ZIP code that lost its leading zero in a number cell
    return p, found


def _finish(
    rr: _RowReader,
    order: _Order,
    sender: Party | None,
    result: ImportResult,
    packaging: Decimal | None = None,
) -> None:
    probs = list(order.problems)
    d = Declaration()
    d.recipient, _ = _party(rr, order, "recipient", probs)
    snd, found = _party(rr, order, "sender", probs)
    d.sender = (
        snd
        if found or sender is None
        else Party(**{k: getattr(sender, k) for k in PARTY_FIELDS}, extra=dict(sender.extra))
    )
    cur = _order_field(rr, order, "currency", parse_currency, probs)
    if cur:
        d.currency = cur
        if order.currencies - {cur}:
            probs.append(
                RowProblem(
                    order.rows[0],
                    rr.column("item.unit_price"),
                    f"amounts are in {', '.join(sorted(order.currencies))} but the order "
                    f"currency is {cur}",
                )
            )
    elif len(order.currencies) == 1:
        d.currency = next(iter(order.currencies))
    elif len(order.currencies) > 1:
        probs.append(
            RowProblem(
                order.rows[0],
                rr.column("item.unit_price"),
                f"the order mixes currencies ({', '.join(sorted(order.currencies))})",
            )
        )
    elif "currency" not in rr.idx:
        probs.append(
            RowProblem(
                order.rows[0],
                "Currency",
                f"no currency column or sign; {d.currency} assumed",
                "warning",
            )
        )
    cat = _order_field(rr, order, "category", parse_category, probs)
    if cat:
        d.category = cat
    d.category_explanation = cell_text(order.fields.get("category_explanation"))
    nd = _order_field(rr, order, "non_delivery", parse_non_delivery, probs)
    if nd:
        d.non_delivery = nd
    dt = _order_field(
        rr, order, "order_date", lambda v: parse_date(v, rr.mapping.date_order), probs
    )
    if dt:
        d.date = dt
    gw = _order_field(rr, order, "gross_weight_kg", lambda v: parse_number(v, rr.style)[0], probs)
    if gw is not None:
        hint = _unit_of(rr.column("gross_weight_kg"))
        d.gross_weight_kg = kg_text(gw, hint)
    pc = _order_field(rr, order, "postal_charges", lambda v: parse_number(v, rr.style)[0], probs)
    if pc is not None:
        d.postal_charges = number_text(pc, 2)
    for key in ("item_id", "invoice_number", "importer_reference", "ioss_number", "comments"):
        setattr(d, key, cell_text(order.fields.get(key)))
    d.item_id = d.item_id.replace(" ", "").upper()
    for key in ("licence_numbers", "certificate_numbers"):
        text = cell_text(order.fields.get(key))
        setattr(d, key, [t.strip() for t in re.split(r"[;,\n]", text) if t.strip()])
    d.items = order.items
    d.extra["order_number"] = order.number
    if packaging is not None and not d.gross_weight_kg.strip() and d.items:
        nets = [it.net_weight_kg.strip() for it in d.items]
        if all(nets):
            total = sum((Decimal(w) for w in nets), Decimal(0)) + packaging
            d.gross_weight_kg = kg_text(total, "kg")
            d.extra["gross_weight_estimated"] = {"packaging_kg": number_text(packaging)}
    if not order.items and not any(p.level == "error" for p in probs):
        probs.append(
            RowProblem(
                order.rows[0],
                rr.column("item.description"),
                f"order {order.number} has no item rows",
            )
        )
    errors = [p for p in probs if p.level == "error"]
    result.problems.extend(probs)
    if errors:
        bad_rows = {p.row for p in errors}
        for n, values in zip(order.rows, order.values):
            own = [p for p in probs if p.row == n]
            if n not in bad_rows:
                first = min(bad_rows)
                why = RowProblem(
                    n,
                    rr.column("order_number"),
                    f"not imported: another row of order {order.number} (row {first}) has an error",
                )
                own = [*own, why]
                result.problems.append(why)
            result.rejected.append(RejectedRow(n, values, own))
        return
    warnings = [p for p in probs if p.level != "error"]
    result.orders.append(ImportedOrder(order.number, d, list(order.rows), warnings))


def _unit_of(header: str) -> str:
    from shipdesk.core.exchange.mapping import _unit_hint

    return _unit_hint(header) or "kg"
