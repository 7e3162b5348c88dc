"""Spreadsheet safety: formula neutralisation on export and size limits on import.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return (after any
blanks) can be run as a formula by a spreadsheet program (CSV/formula injection). Every text cell
ShipDesk writes to a spreadsheet or CSV goes through :func:`neutralise`, which first removes
control characters (they could hide the trigger) and then puts an apostrophe in front of it.

Imports refuse files larger than :data:`MAX_FILE_BYTES` (checked in
:mod:`shipdesk.core.input_files`, shared with the tariff import) or with more than
:data:`MAX_ROWS` data rows, so a wrong or hostile file cannot exhaust memory.
"""

from __future__ import annotations

from typing import Any

from shipdesk.core.errors import InputError
from shipdesk.core.i18n import N_, Phrase
from shipdesk.core.input_files import MAX_FILE_BYTES as MAX_FILE_BYTES
from shipdesk.core.input_files import check_file_size as check_file_size

MAX_ROWS = 100_000
"""Most data rows read from one sheet or CSV file."""

MAX_ORDER_ROWS = 25_000
"""Most data rows of one file of orders: every order is held as a declaration until the batch
has run, about 7 KB each, so 25,000 rows stay under 300 MB of memory (measured: 20,000 one-line
orders peak at 198 MB, 100,000 at 752 MB)."""

MAX_SCANNED_ROWS = 1_100_000
"""Most rows looked at, blank ones included (an Excel sheet has at most 1,048,576): a file of
millions of empty lines is refused in seconds instead of being read for minutes."""

MAX_COLUMNS = 500
"""Most columns read from one row; columns past this are ignored."""

MAX_CELL_CHARS = 10_000
"""Longest cell text kept; longer text is cut (no real order field is this long)."""

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_BLANK = " \t\r\n"
# C0 control characters other than tab, line feed and carriage return, and DEL: invisible, not
# allowed in an .xlsx cell, and they would hide a formula trigger from the check below.
_CONTROL = {c: None for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F]}


def clean_text(text: str) -> str:
    """``text`` without the control characters a spreadsheet cell cannot hold."""
    return text.translate(_CONTROL)


def _needs_quote(text: str) -> bool:
    """Would a spreadsheet program read ``text`` as a formula (or is it an apostrophe before
    one, which :func:`restore` would otherwise take off)?"""
    if text.startswith(_TRIGGERS) or text.lstrip(_BLANK).startswith(_TRIGGERS):
        return True
    return text.startswith("'") and _needs_quote(text[1:])


def neutralise(value: Any) -> Any:
    """Return ``value`` safe to put in a spreadsheet cell or CSV field.

    Control characters are removed first, so none can hide a formula trigger; text that then
    starts with a trigger, after any leading blanks, gets a leading apostrophe. Numbers, dates
    and other non-text values are returned unchanged (they cannot be formulas).
    """
    if not isinstance(value, str):
        return value
    text = clean_text(value)
    return "'" + text if _needs_quote(text) else text


def restore(text: str) -> str:
    """Undo :func:`neutralise` on text read back from an exported file."""
    if text.startswith("'") and _needs_quote(text[1:]):
        return text[1:]
    return text


def scanned_limit_error(source: str, limit: int, data_rows: int) -> InputError:
    return InputError(
        Phrase(
            N_(
                "more than {limit} rows, {data} of them with data and the rest blank; delete "
                "the empty rows or save only the table as a new file"
            ),
            limit=f"{limit:,}",
            data=f"{data_rows:,}",
        ),
        source=source,
    )


def row_limit_error(source: str, limit: int = MAX_ROWS) -> InputError:
    return InputError(
        Phrase(
            N_(
                "more than {limit} data rows; ShipDesk imports up to {limit} rows per file "
                "(split it into smaller files)"
            ),
            limit=f"{limit:,}",
        ),
        source=source,
    )
