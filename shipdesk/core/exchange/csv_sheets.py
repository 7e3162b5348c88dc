"""CSV text files: reading them for import (encoding and delimiter detected), writing CSV text.

Encoding: UTF-8 (with or without BOM), UTF-16 with BOM (Excel's "Unicode text"); otherwise
Shift-JIS (Windows code page 932) or GB18030 when the whole file decodes strictly in it and the
text is plausible (Japanese with kana; Chinese in the common GB2312 characters), otherwise
Windows-1252 (then Latin-1). A file that is UTF-8 apart from a few stray bytes is refused
naming the line, never read as Windows-1252 mojibake. :data:`ENCODING_NAMES` says in words which
encoding was assumed (the import report shows it). The delimiter is chosen among comma,
semicolon, tab and bar by which gives the most consistent number of fields over the first lines.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from shipdesk.core.errors import InputError
from shipdesk.core.exchange.safety import MAX_CELL_CHARS, MAX_COLUMNS
from shipdesk.core.exchange.sheet_reader import Cell, SheetReader, clip_cell
from shipdesk.core.exchange.xlsx_sheets import OLE_MAGIC
from shipdesk.core.i18n import N_, NC_, Phrase
from shipdesk.core.input_files import decodes

_DELIMITERS = (",", ";", "\t", "|")

ENCODING_NAMES = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 (with BOM)",
    "utf-16": "UTF-16",
    "cp932": "Shift-JIS (Japanese, Windows code page 932)",
    "gb18030": "GB18030 (Chinese)",
    "cp1252": "Windows-1252 (Western European)",
    "latin-1": "Latin-1",
}
"""How each encoding :func:`detect_encoding` returns is named in reports."""

_SAMPLE_BYTES = 1 << 20


def _is_kana(c: str) -> bool:
    return "\u3040" <= c <= "\u30ff"  # hiragana and full-width katakana


def _is_cjk(c: str) -> bool:
    return (
        "\u4e00" <= c <= "\u9fff"  # unified ideographs
        or "\u3000" <= c <= "\u303f"  # ideographic punctuation
        or "\uff01" <= c <= "\uff9f"  # full-width forms, half-width katakana
        or "\u3400" <= c <= "\u4dbf"  # extension A
    )


def _japanese(text: str) -> bool:
    """Plausible Japanese: every non-ASCII character Japanese, some of them kana (text in
    another encoding read as Shift-JIS gives kanji at best, almost never kana)."""
    wide = [c for c in text if c > "\x7f"]
    kana = sum(1 for c in wide if _is_kana(c))
    return kana > 0 and all(_is_kana(c) or _is_cjk(c) or c in "\u00a5\u203e" for c in wide)


def _chinese(text: str) -> bool:
    """Plausible Chinese: every non-ASCII character CJK, nearly all of them among the common
    characters of GB2312 (Western text read as GB18030 gives rare characters: "ü" and the
    letter after it become one ideograph outside GB2312)."""
    wide = [c for c in text if c > "\x7f"]
    if not wide or not all(_is_cjk(c) for c in wide):
        return False
    common = 0
    for c in wide:
        try:
            c.encode("gb2312")
        except UnicodeEncodeError:
            continue
        common += 1
    return common >= 0.9 * len(wide)


def _east_asian(path: Path) -> str:
    """ "cp932" or "gb18030" when the file is plausibly Japanese or Chinese, else ""."""
    with path.open("rb") as fh:
        sample = fh.read(_SAMPLE_BYTES)
        if fh.read(1):
            sample = sample[: sample.rfind(b"\n") + 1]  # never cut a character in two
    for encoding, plausible in (("cp932", _japanese), ("gb18030", _chinese)):
        try:
            text = sample.decode(encoding)
        except UnicodeDecodeError:
            continue
        if plausible(text) and decodes(path, encoding):
            return encoding
    return ""


def _utf8_stray_byte_line(path: Path) -> int:
    """The line of the first byte that is not UTF-8 when the file is UTF-8 apart from a few
    such bytes (at least as many well-formed non-ASCII characters as bad bytes), else 0.

    Such a file was written as UTF-8 and damaged (or one cell pasted from elsewhere): reading
    it all as Windows-1252 would turn every "ü" into "Ã¼" without a word.
    """
    # surrogateescape turns each bad byte into a lone surrogate, which real text never holds
    dec = codecs.getincrementaldecoder("utf-8")(errors="surrogateescape")
    good = bad = 0
    first_line = lines = 0
    with path.open("rb") as fh:
        while True:
            chunk = fh.read(1 << 20)
            text = dec.decode(chunk, final=not chunk)
            if not text.isascii():
                strays = [i for i, c in enumerate(text) if "\udc80" <= c <= "\udcff"]
                if strays and not first_line:
                    first_line = lines + text.count("\n", 0, strays[0]) + 1
                bad += len(strays)
                good += sum(1 for c in text if c > "\x7f") - len(strays)
            lines += text.count("\n")
            if not chunk:
                break
    return first_line if bad and good >= bad else 0


def detect_encoding(path: Path) -> str:
    """utf-8-sig / utf-16 (by BOM), utf-8 if the whole file decodes, cp932 or gb18030 if the
    whole file decodes and reads as Japanese or Chinese, else cp1252 or latin-1.

    A file that is UTF-8 except for a few stray bytes is refused (InputError naming the line)
    rather than read as Windows-1252 mojibake.
    """
    with path.open("rb") as fh:
        head = fh.read(4)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    stray = _utf8_stray_byte_line(path)
    if stray:
        raise InputError(
            Phrase(
                N_(
                    "the file is UTF-8 text except for bytes that are not UTF-8; nothing was "
                    "read, so that no text is garbled. Correct that line or save the file again "
                    "as UTF-8"
                )
            ),
            source=str(path),
            location=Phrase.in_context("file", NC_("file", "line {n}"), n=stray),
        )
    if decodes(path, "utf-8"):
        return "utf-8"
    return _east_asian(path) or ("cp1252" if decodes(path, "cp1252") else "latin-1")


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


def open_csv(path: Path) -> SheetReader:
    with path.open("rb") as raw:
        probe = raw.read(8192)
    if probe.startswith(OLE_MAGIC) or probe.startswith(b"PK\x03\x04"):
        raise InputError(
            Phrase(
                N_(
                    "this is a spreadsheet workbook, not a text CSV file; give it the .xlsx "
                    "extension or save it as CSV"
                )
            ),
            source=str(path),
        )
    encoding = detect_encoding(path)
    if b"\x00" in probe and not encoding.startswith("utf-16"):
        raise InputError(Phrase(N_("not a text CSV file (it holds binary data)")), source=str(path))
    fh: TextIO = path.open("r", encoding=encoding, newline="")
    sample = fh.read(65536)
    fh.seek(0)
    delimiter = detect_delimiter(sample)
    reader = SheetReader(source=str(path), kind="csv", encoding=encoding, delimiter=delimiter)
    reader.closers.append(fh)
    rows = csv.reader(fh, delimiter=delimiter)

    def gen() -> Iterator[tuple[int, list[Cell]]]:
        try:
            while True:
                with _cell_limit(_CSV_FIELD_LIMIT):
                    values = next(rows, None)
                if values is None:
                    return
                yield rows.line_num, [clip_cell(v) for v in values[:MAX_COLUMNS]]
        except csv.Error as exc:
            raise InputError(
                Phrase(N_("broken CSV ({error})"), error=str(exc)),
                source=str(path),
                location=Phrase.in_context("file", NC_("file", "line {n}"), n=rows.line_num),
            ) from None
        except UnicodeDecodeError as exc:
            raise InputError(
                Phrase(N_("cannot decode the text ({error})"), error=exc.reason), source=str(path)
            ) from None

    reader.source_rows = gen()
    size = path.stat().st_size
    reader.progress_of = lambda: (fh.buffer.tell(), size)
    return reader


def csv_text(rows: list[list[Any]], delimiter: str = ",") -> str:
    """Rows as CSV text (used for rejected-row files)."""
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    w.writerows(rows)
    return buf.getvalue()
