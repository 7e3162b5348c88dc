"""National tariffs (8 to 10 digit lines under the HS subheadings), imported from files.

Accepted files (see docs/tariff.md for the exact columns):

- ``us-hts``: the US Harmonized Tariff Schedule export, CSV (columns "HTS Number", "Indent",
  "Description", ...) or JSON (a list of objects with "htsno", "indent", "description").
- ``eu-cn``: the EU Combined Nomenclature as an Excel workbook (.xlsx): a header row with a code
  column ("CN code", "CN_CODE", "Code", "Goods code", "CNKEY") and a description column
  ("Description", "NAME_EN", "Self-explanatory text", "Name"), optionally an indent column
  ("Level", "Indent"); leading dashes in the description ("- - ") count as indents.
- ``uk``: the UK Trade Tariff commodity CSV (columns "commodity__code",
  "productline__suffix", "description", "indentation"; or "Commodity code", "Description").

Imports persist in the national tariff store handed in (``storage.national_tariff``, the file
``national_tariffs.sqlite3`` in the user data folder); importing the same tariff again replaces
it. Lines are matched to HS 2022 by their first six digits.
"""

from __future__ import annotations

import csv
import itertools
import re
import threading
from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from shipdesk.core import hscode
from shipdesk.core.errors import InputError
from shipdesk.core.input_files import check_file_size, decodes, open_workbook, sheet_rows
from shipdesk.core.nesting import load_json
from shipdesk.core.storage.interfaces import NationalTariffRepository
from shipdesk.core.storage.national_tariff import NationalLine, TariffInfo
from shipdesk.core.tariff.nomenclature import code_exists
from shipdesk.core.tariff.textutil import STOPWORDS, words

KINDS = ("us-hts", "eu-cn", "uk")

MAX_TARIFF_ROWS = 300_000
"""Most rows read from one national tariff file (the US HTS has about 35,000)."""

MAX_TARIFF_COLUMNS = 100
"""Columns read from a tariff sheet; the code, text and indent columns come first in every
known layout."""

HEADER_ROWS = 15
"""The header row must be among the first rows of the file."""

_CODE_COLS = (
    "hts number", "htsno", "hts", "cn code", "cn_code", "cncode", "code", "goods code",
    "cnkey", "cn8", "commodity code", "commodity__code", "commodity_code",
    "goods_nomenclature_item_id",
)  # fmt: skip
_DESC_COLS = (
    "description", "name_en", "self-explanatory text", "self-explanatory texts",
    "self-explanatory text (en)", "name", "designation", "formatted_description",
    "goods description",
)  # fmt: skip
_INDENT_COLS = ("indent", "indentation", "level", "number_indents", "indents", "hier_pos")
_SUFFIX_COLS = ("productline__suffix", "producline_suffix", "productline_suffix", "suffix")
# the third-country / general duty rate, as each tariff's export names it
_DUTY_COLS = (
    "general rate of duty", "general", "ukgt_duty_rate", "ukgt duty rate", "third country duty",
    "third_country_duty", "erga omnes", "conventional rate of duty",
    "conventional rate of duty (%)", "rate of duty", "duty rate", "duty",
)  # fmt: skip


@dataclass(frozen=True)
class ImportSummary:
    source: str  # e.g. "us-hts-2026"
    kind: str
    lines: int  # national lines stored
    skipped: int  # rows without a usable 8-10 digit code under an HS 2022 subheading
    path: str
    rows: int = 0  # data rows read from the file (every one, whatever size the file states)


# -- lookups (lines come from the store handed in) ----------------------------------------------
_lock = threading.Lock()
_cache: dict[str, Any] = {}


def list_tariffs(store: NationalTariffRepository) -> list[TariffInfo]:
    return store.list_tariffs()


def _all_lines(store: NationalTariffRepository) -> dict[str, list[NationalLine]]:
    """Lines by HS6, cached until the store changes."""
    stamp = store.stamp()
    if stamp is None:
        return {}
    with _lock:
        if _cache.get("stamp") == stamp:
            lines: dict[str, list[NationalLine]] = _cache["lines"]
            return lines
        by: dict[str, list[NationalLine]] = {}
        sources: set[str] = set()
        for line in store.all_lines():
            by.setdefault(line.code[:6], []).append(line)
            sources.add(line.source)
        _cache.update(stamp=stamp, lines=by, sources=frozenset(sources))
        return by


def imported_sources(store: NationalTariffRepository) -> frozenset[str]:
    """The tariffs whose lines are in the store ("us-hts-2026", ...)."""
    if not _all_lines(store):
        return frozenset()
    with _lock:
        found: frozenset[str] = _cache.get("sources", frozenset())
        return found


def has_lines(hs6: str, store: NationalTariffRepository) -> bool:
    return bool(_all_lines(store).get(hs6))


def lines_under(hs6: str, store: NationalTariffRepository) -> list[NationalLine]:
    return list(_all_lines(store).get(hs6, []))


def describe_line(code: str, store: NationalTariffRepository) -> str | None:
    for line in _all_lines(store).get(code[:6], []):
        if line.code == code:
            return line.description
    return None


def best_lines(
    hs6_codes: list[str], text: str, store: NationalTariffRepository
) -> dict[str, list[NationalLine]]:
    """For each subheading, the national line(s) whose text best fits ``text`` (one per tariff)."""
    by = _all_lines(store)
    if not by:
        return {}
    q = {w for w in words(text) if w not in STOPWORDS}
    q |= {w[:-1] for w in q if w.endswith("s")}
    out: dict[str, list[NationalLine]] = {}
    for hs6 in hs6_codes:
        per_source: dict[str, list[NationalLine]] = {}
        for line in by.get(hs6, []):
            per_source.setdefault(line.source, []).append(line)
        picked: list[NationalLine] = []
        for lines in per_source.values():
            if len(lines) == 1:
                picked.append(lines[0])
                continue
            best, best_score = None, 0
            for line in lines:
                lw = set(words(line.description))
                lw |= {w[:-1] for w in lw if w.endswith("s")}
                score = len(q & lw)
                if score > best_score:
                    best, best_score = line, score
            if best is not None:
                picked.append(best)
        if picked:
            out[hs6] = picked
    return out


# -- parsing --------------------------------------------------------------------------------------
@dataclass
class _Row:
    code: str  # digits only, may be empty (a text line)
    description: str
    indent: int
    suffix: str = ""
    duty: str = ""


def _norm_header(h: Any) -> str:
    return re.sub(r"\s+", " ", str(h or "").strip().lower())


def _find_col(header: list[str], names: tuple[str, ...]) -> int | None:
    for name in names:
        if name in header:
            return header.index(name)
    return None


def _to_int(value: Any) -> int | None:
    try:
        return int(float(str(value).strip()))
    except (TypeError, ValueError):
        return None


def _too_many_rows(source: str) -> InputError:
    return InputError(
        f"more than {MAX_TARIFF_ROWS:,} rows; a national tariff has far fewer (is this the "
        "right file?)",
        source=source,
    )


def _rows_from_table(table: Iterable[list[Any]], source: str) -> Iterator[_Row]:
    """The rows below the header, one at a time (the table is read as it is consumed)."""
    it = iter(table)
    head = list(itertools.islice(it, HEADER_ROWS))
    header_at = None
    for i, row in enumerate(head):
        h = [_norm_header(c) for c in row]
        if _find_col(h, _CODE_COLS) is not None and _find_col(h, _DESC_COLS) is not None:
            header_at = i
            break
    if header_at is None:
        raise InputError(
            "no header row with a code column (e.g. 'HTS Number', 'CN code', 'commodity__code') "
            f"and a description column found in the first {HEADER_ROWS} rows",
            source=source,
        )
    header = [_norm_header(c) for c in head[header_at]]
    ci = _find_col(header, _CODE_COLS)
    di = _find_col(header, _DESC_COLS)
    ii = _find_col(header, _INDENT_COLS)
    si = _find_col(header, _SUFFIX_COLS)
    ui = _find_col(header, _DUTY_COLS)
    count = 0
    for row in itertools.chain(head[header_at + 1 :], it):
        if not any(str(c or "").strip() for c in row):
            continue
        count += 1
        if count > MAX_TARIFF_ROWS:
            raise _too_many_rows(source)

        def cell(i: int | None, row: list[Any] = row) -> str:
            return (
                str(row[i]).strip() if i is not None and i < len(row) and row[i] is not None else ""
            )

        desc = cell(di)
        dashes = re.match(r"^((?:-\s*)+)", desc)
        dash_indent = dashes.group(1).count("-") if dashes else 0
        if dashes:
            desc = desc[dashes.end() :].strip()
        indent = _to_int(cell(ii)) if ii is not None else None
        yield _Row(
            hscode.digits(cell(ci)),
            desc,
            indent if indent is not None else dash_indent,
            cell(si),
            cell(ui)[:80],
        )


def _csv_encoding(path: Path) -> str:
    return "utf-8-sig" if decodes(path, "utf-8-sig") else "cp1252"


def _read_csv(path: Path) -> Generator[list[str], None, None]:
    """The rows of a tariff CSV, read as they are consumed."""
    with path.open("r", encoding=_csv_encoding(path), errors="replace", newline="") as fh:
        sample = fh.read(4096)
        fh.seek(0)
        try:
            dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        try:
            yield from csv.reader(fh, dialect)
        except csv.Error as exc:
            raise InputError(f"broken CSV ({exc})", source=str(path)) from None


def _sheet_table(ws: Any) -> Iterator[list[Any]]:
    for _n, values in sheet_rows(ws, MAX_TARIFF_COLUMNS):
        yield values


def _read_xlsx(path: Path) -> Iterator[list[Any]]:
    """The rows of the first sheet with a code column header (else the first sheet), streamed;
    every row is read, whatever size the sheet states."""
    wb = open_workbook(path)
    try:
        chosen = wb.worksheets[0] if wb.worksheets else None
        for ws in wb.worksheets:
            head = list(itertools.islice(_sheet_table(ws), HEADER_ROWS))
            if any(_find_col([_norm_header(c) for c in r], _CODE_COLS) is not None for r in head):
                chosen = ws
                break
        if chosen is not None:
            yield from _sheet_table(chosen)
    except InputError:
        raise
    except Exception as exc:  # openpyxl raises many types for broken files
        raise InputError(
            f"not a readable Excel workbook ({type(exc).__name__}: {exc})", source=str(path)
        ) from None
    finally:
        wb.close()


def _read_json(path: Path) -> list[_Row]:
    try:
        data = load_json(path.read_text(encoding="utf-8-sig"), str(path))
    except (UnicodeDecodeError, ValueError) as exc:
        raise InputError(f"not valid JSON ({exc})", source=str(path)) from None
    if isinstance(data, dict):
        for key in ("data", "rows", "items", "hts"):
            if isinstance(data.get(key), list):
                data = data[key]
                break
    if not isinstance(data, list):
        raise InputError(
            "expected a JSON list of tariff lines (objects with 'htsno')", source=str(path)
        )
    out: list[_Row] = []
    for i, obj in enumerate(data):
        if not isinstance(obj, dict) or "description" not in obj:
            raise InputError(
                "each tariff line needs 'htsno' and 'description'",
                source=str(path),
                location=f"item {i}",
            )
        out.append(
            _Row(
                hscode.digits(obj.get("htsno") or obj.get("code") or ""),
                str(obj.get("description") or "").strip(),
                _to_int(obj.get("indent")) or 0,
                duty=str(obj.get("general") or obj.get("duty") or "").strip()[:80],
            )
        )
    return out


def detect_kind(path: Path) -> str:
    ext = path.suffix.lower()
    if ext == ".json":
        return "us-hts"
    if ext in (".xlsx", ".xlsm"):
        return "eu-cn"
    if ext in (".csv", ".txt", ".tsv"):
        rows = _read_csv(path)
        try:
            head = [_norm_header(c) for r in itertools.islice(rows, HEADER_ROWS) for c in r]
        finally:
            rows.close()
        if "hts number" in head or "htsno" in head:
            return "us-hts"
        if any(
            h in head
            for h in (
                "commodity__code",
                "commodity code",
                "commodity_code",
                "goods_nomenclature_item_id",
            )
        ):
            return "uk"
        if any(h in head for h in ("cn code", "cn_code", "cnkey", "cn8")):
            return "eu-cn"
    raise InputError(
        "cannot tell which national tariff this file is; pass --kind us-hts, eu-cn or uk",
        source=str(path),
    )


def _norm_code(digits: str, kind: str) -> str:
    """US HTS and UK codes are kept as written (8 or 10 digits); EU CN keys (e.g. the 12-digit
    CNKEY "610910000080") are cut to the 8-digit CN code, or 10 for a TARIC code."""
    code = digits[:10]
    if kind == "eu-cn":
        while len(code) > 8 and code.endswith("00"):
            code = code[:-2]
    return code


def _above_hs6(code: str) -> bool:
    """A heading-level line padded with zeros (e.g. UK "6109000000")."""
    return code_exists(code[:4]) and not code_exists(code[:6]) and not code[4:].strip("0")


def _lines(rows: Iterable[_Row], kind: str) -> tuple[list[tuple[str, str, str]], int, int]:
    """(code, text, duty) of the national lines, the rows skipped and the rows read. A line
    without a duty rate of its own takes the rate of the nearest line above it that has one (the
    US HTS writes the rate on the 8-digit line, not on its 10-digit statistical lines)."""
    stack: dict[int, str] = {}
    duties: dict[int, str] = {}
    found: dict[str, tuple[str, str, str]] = {}  # code -> (description, suffix, duty)
    skipped = read = 0
    for r in rows:
        read += 1
        for k in [k for k in stack if k >= r.indent]:
            del stack[k]
        for k in [k for k in duties if k >= r.indent]:
            del duties[k]
        stack[r.indent] = r.description.rstrip(":").strip()
        if r.duty:
            duties[r.indent] = r.duty
        duty = duties[max(duties)] if duties else ""
        if not r.code:
            continue
        code = _norm_code(r.code, kind)
        if len(code) < 8 or _above_hs6(code):
            continue
        if not code_exists(code[:6]):
            skipped += 1
            continue
        parents = [stack[k] for k in sorted(stack) if k < r.indent]
        # parents above the HS6 level repeat the nomenclature: keep the deepest three
        text = " — ".join([*parents[-3:], stack[r.indent]]) if parents else stack[r.indent]
        prev = found.get(code)
        if prev is None or r.suffix == "80" or (prev[1] != "80" and not prev[0]):
            found[code] = (text, r.suffix, duty)
    return [(c, d, u) for c, (d, _, u) in sorted(found.items())], skipped, read


def import_file(
    path: str | Path, store: NationalTariffRepository, kind: str | None = None
) -> ImportSummary:
    """Read a national tariff file (US HTS CSV/JSON, EU CN xlsx, UK tariff CSV) and store its
    lines in ``store`` (replacing an earlier import of it)."""
    path = Path(path)
    src = str(path)
    check_file_size(path)
    if kind is not None and kind not in KINDS:
        raise InputError(f"unknown tariff kind {kind!r}; use one of {', '.join(KINDS)}", source=src)
    kind = kind or detect_kind(path)
    ext = path.suffix.lower()
    try:
        rows: Iterable[_Row]
        if ext == ".json":
            rows = _read_json(path)
        elif ext in (".xlsx", ".xlsm"):
            rows = _rows_from_table(_read_xlsx(path), src)
        else:
            rows = _rows_from_table(_read_csv(path), src)
        lines, skipped, read = _lines(rows, kind)
    except OSError as exc:
        raise InputError(f"cannot read the file ({exc})", source=src) from None
    if not lines:
        raise InputError(
            f"no {kind} tariff lines of 8 to 10 digits under an HS 2022 subheading were found",
            source=src,
        )
    year = re.search(r"(20\d\d)", path.name)
    source = f"{kind}-{year.group(1) if year else datetime.now(UTC).year}"
    store.replace_source(source, kind, path.name, lines)
    return ImportSummary(source, kind, len(lines), skipped, src, read)


def rebuild(store: NationalTariffRepository) -> int:
    """Re-derive the HS6 link of every stored line and rebuild the store's indexes."""
    return store.rebuild()


def remove(source: str, store: NationalTariffRepository) -> bool:
    return store.remove(source)
