"""Cell values as shop exports write them, cleaned into the values a declaration holds.

Numbers with thousands separators or comma decimals and a currency sign or code beside them,
dates as text in the usual forms or as spreadsheet dates, country names or codes, HS codes that
lost their leading zero in a number cell, categories and non-delivery choices in plain words,
weights in kg, g, lb or oz (also when the unit is only named in the column header). A value that
cannot be used raises :class:`CellError`, whose message is shown to the user beside the row and
column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache

import pycountry

from shipdesk.core import hscode
from shipdesk.core.countries import country_code
from shipdesk.core.exchange.mapping import norm_header
from shipdesk.core.exchange.sheet_reader import Cell
from shipdesk.core.i18n import N_, Phrase
from shipdesk.core.model import Category, NonDelivery
from shipdesk.core.units import KG_PER_UNIT as KG_PER_UNIT  # the same units as the window


class CellError(ValueError):
    """A cell value that cannot be used; the message (a ``Phrase``: English, told again in the
    interface language where it is shown) is shown to the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.text = message


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
        raise CellError(Phrase(N_("expected a number, found true/false")))
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
        raise CellError(Phrase(N_("empty")))
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
        raise CellError(Phrase(N_("{value!r} is not a number"), value=cell_text(value)))
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
                raise CellError(
                    Phrase(N_("{value!r} is not a number (misplaced separators)"), value=text)
                )
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
        raise CellError(Phrase(N_("{value!r} is not a number"), value=cell_text(value))) from None
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
    return pycountry.currencies.get(alpha_3=code.upper()) is not None


def parse_currency(value: Cell) -> str:
    text = cell_text(value).strip()
    if _CURRENCY_SIGNS.get(text):
        return _CURRENCY_SIGNS[text]
    code = text.upper()
    if len(code) == 3 and code.isalpha() and _is_currency(code):
        return code
    raise CellError(
        Phrase(N_("{value!r} is not an ISO 4217 currency code (e.g. EUR, USD, GBP)"), value=text)
    )


def parse_country(text: str) -> str:
    """ISO 3166-1 alpha-2 code for a code (2 or 3 letters), a name or an everyday alias, as the
    one country parser (``countries.read_country``) reads it."""
    t = " ".join(text.split())
    if not t:
        raise CellError(Phrase(N_("empty")))
    code = country_code(t)
    if code is not None:
        return code
    if len(t) == 2 and t.isalpha():
        raise CellError(Phrase(N_("{value!r} is not an ISO country code"), value=t))
    raise CellError(
        Phrase(N_("unknown country {value!r} (use the two-letter ISO code, e.g. DE)"), value=t)
    )


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
            from openpyxl.utils.datetime import from_excel  # openpyxl kept lazy: slow to import

            return from_excel(value).date().isoformat()
        raise CellError(Phrase(N_("{value!r} is not a date"), value=value))
    text = cell_text(value)
    if not text:
        raise CellError(Phrase(N_("empty")))
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
    raise CellError(Phrase(N_("{value!r} is not a date (write it as YYYY-MM-DD)"), value=text))


def _mkdate(y: int, m: int, d: int, text: str) -> str:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        raise CellError(Phrase(N_("{value!r} is not a valid date"), value=text)) from None


def parse_hs(value: Cell) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        digits = cell_text(value)
        if not digits.isdigit():
            raise CellError(Phrase(N_("{value!r} is not an HS code"), value=digits))
        if len(digits) in (5, 7, 9):  # the leading zero of chapters 01-09 lost in a number cell
            digits = "0" + digits
    else:
        digits = hscode.clean(cell_text(value))
        if not digits.isdigit():
            raise CellError(
                Phrase(N_("{value!r} is not an HS code (6 to 10 digits)"), value=cell_text(value))
            )
    if not 4 <= len(digits) <= 10:
        raise CellError(Phrase(N_("{value!r} is not an HS code (6 to 10 digits)"), value=digits))
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
        Phrase(
            N_(
                "{value!r} is not a category (gift, documents, commercial_sample, "
                "returned_goods, sale_of_goods, other)"
            ),
            value=cell_text(value),
        )
    )


def parse_non_delivery(value: Cell) -> str:
    key = norm_header(cell_text(value))
    if key.startswith("return"):
        return NonDelivery.RETURN.value
    if key.startswith("abandon") or key.startswith("treatasabandoned"):
        return NonDelivery.ABANDON.value
    raise CellError(Phrase(N_("{value!r}: write 'return' or 'abandon'"), value=cell_text(value)))


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
    raise CellError(
        Phrase(N_("{value!r} is not a weight unit (kg, g, lb, oz)"), value=cell_text(value))
    )


def kg_text(d: Decimal, unit: str) -> str:
    kg = d * KG_PER_UNIT[unit]
    if kg == 0:
        return "0"
    q = kg.quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)
    if q == 0:  # a few grams still weigh something on the form
        q = Decimal("0.001")
    return number_text(q)


_UNIT_HINTS = (
    (re.compile(r"\((g|grams?)\)|\bgrams?\b|\bgramm\b"), "g"),
    (re.compile(r"\((lbs?|pounds?)\)|\blbs?\b|\bpounds?\b"), "lb"),
    (re.compile(r"\((oz|ounces?)\)|\bounces?\b|\boz\b"), "oz"),
    (re.compile(r"\(kg\)|\bkg\b|\bkilo"), "kg"),
)


def weight_unit_in_header(header: str) -> str | None:
    """The weight unit a column header names ("Weight (g)" -> "g"), or None."""
    h = header.casefold()
    for rx, unit in _UNIT_HINTS:
        if rx.search(h):
            return unit
    return None
