"""The ECB euro reference-rate files (``eurofxref.csv``, ``eurofxref-hist.csv``, the daily and
historical XML, or a zip of one) read into a rate table; storing it is the rates repository's job.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from xml.etree.ElementTree import ParseError

import defusedxml.ElementTree as DET
from defusedxml import DefusedXmlException

from shipdesk.core.errors import InputError
from shipdesk.core.rates import Table, positive_rate


@dataclass(frozen=True)
class ImportSummary:
    path: str
    dates: int
    currencies: int
    first: date
    last: date

    def describe(self) -> str:
        span = self.first.isoformat()
        if self.last != self.first:
            span += f" to {self.last.isoformat()}"
        return (
            f"imported {self.dates} date(s) of euro reference rates ({span}), "
            f"{self.currencies} currencies, from {self.path}"
        )


_ECB_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d %b %Y")


_ECB_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d %b %Y")


def _ecb_date(text: str) -> date:
    text = text.strip()
    for fmt in _ECB_DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def parse_ecb_csv(text: str, source: str = "") -> Table:
    """Parse eurofxref.csv (one day, ``20 October 2025``) or eurofxref-hist.csv (ISO dates)."""
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    rows = [[c.strip() for c in r] for r in rows if any(c.strip() for c in r)]
    if not rows or rows[0][0].lower() != "date":
        raise InputError("not an ECB reference-rate CSV (first column must be Date)", source=source)
    header = rows[0]
    out: Table = {}
    for n, row in enumerate(rows[1:], start=2):
        try:
            d = _ecb_date(row[0])
        except ValueError:
            raise InputError(f"bad date {row[0]!r}", source=source, location=f"row {n}") from None
        day: dict[str, tuple[Decimal, str]] = {}
        for code, cell in zip(header[1:], row[1:]):
            if not code or not cell or cell.upper() == "N/A":
                continue
            if not re.fullmatch(r"[A-Z]{3}", code):
                raise InputError(f"bad currency column {code!r}", source=source, location="row 1")
            v = positive_rate(cell)
            if v is None:
                raise InputError(
                    f"{code}: {cell!r} is not a positive number", source=source, location=f"row {n}"
                )
            day[code] = (v, "")
        if day:
            out[d] = day
    if not out:
        raise InputError("no rates found", source=source)
    return out


def parse_ecb_xml(data: bytes, source: str = "") -> Table:
    """Parse eurofxref-daily.xml / eurofxref-hist.xml (``<Cube time=...><Cube currency rate>``)."""
    try:
        root = DET.fromstring(data)
    except (ParseError, DefusedXmlException) as exc:
        raise InputError(f"not readable XML ({exc})", source=source) from None
    out: Table = {}
    for el in root.iter():
        if not el.tag.endswith("Cube") or "time" not in el.attrib:
            continue
        try:
            d = date.fromisoformat(el.attrib["time"])
        except ValueError:
            raise InputError(f"bad date {el.attrib['time']!r}", source=source) from None
        day: dict[str, tuple[Decimal, str]] = {}
        for c in el:
            code, rate = c.attrib.get("currency", ""), c.attrib.get("rate", "")
            if not re.fullmatch(r"[A-Z]{3}", code):
                continue
            v = positive_rate(rate)
            if v is None:
                raise InputError(f"{code} on {d}: bad rate {rate!r}", source=source)
            day[code] = (v, "")
        if day:
            out[d] = day
    if not out:
        raise InputError(
            "no <Cube time=...> rates found: not an ECB reference-rate file", source=source
        )
    return out


def read_ecb(path: str | Path) -> tuple[Table, ImportSummary]:
    """Read an ECB euro reference-rate file (CSV, XML or a zip of one): the publications and a
    summary. Storing them is the rates repository's job."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except FileNotFoundError:
        raise InputError("file not found", source=str(p)) from None
    except OSError as exc:
        raise InputError(f"cannot read the file ({exc.strerror})", source=str(p)) from None
    if p.suffix.lower() == ".zip":
        raw = _unzip_single(raw, str(p))
    head = raw.lstrip()[:100]
    if head.startswith(b"<"):
        parsed = parse_ecb_xml(raw, str(p))
    else:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise InputError("not a UTF-8 text file", source=str(p)) from None
        parsed = parse_ecb_csv(text, str(p))
    codes: set[str] = set()
    for rates in parsed.values():
        codes.update(rates)
    return parsed, ImportSummary(str(p), len(parsed), len(codes), min(parsed), max(parsed))


def ecb_source(path: str | Path) -> str:
    """The source text stored with imported ECB publications."""
    return f"ECB euro reference rates, imported from {Path(path).name}"


def _unzip_single(raw: bytes, source: str) -> bytes:
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as z:
            names = [n for n in z.namelist() if n.lower().endswith((".csv", ".xml"))]
            if not names:
                raise InputError("the zip file holds no CSV or XML file", source=source)
            return z.read(names[0])
    except zipfile.BadZipFile:
        raise InputError("not a readable zip file", source=source) from None
