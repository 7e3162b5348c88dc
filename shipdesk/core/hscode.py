"""HS codes as people write them: the one place that cleans and checks their shape.

A code is typed or pasted as "6109.10", "6109 10", "6109-10" or "6109'10" (the Swiss grouping);
every part of ShipDesk that reads a code (the declaration checks, spreadsheet import, the tariff
lookup, the items table) must agree on what that code is, so the cleaning lives here once.
"""

from __future__ import annotations

import re

# What people put between digit groups: spaces, dots, hyphens, apostrophes.
_SEPARATORS = re.compile(r"[\s.\-'’]")

# 6 digits: the international HS subheading; 8, 9 (Japan) or 10: national tariff lines.
DECLARABLE_LENGTHS = (6, 8, 9, 10)


def clean(code: object) -> str:
    """The code without grouping separators ("6109.10" -> "610910").

    Anything else is kept, so "61A910" stays as typed and a caller can reject it instead of
    silently reading another code. ``None`` gives "".
    """
    return _SEPARATORS.sub("", "" if code is None else str(code))


def digits(code: object) -> str:
    """Only the digits of a code ("8507.60.00" -> "85076000").

    For matching and keys where any other character is noise (rule prefixes, national tariff
    files, the classification catalogue); to check what a user typed, use :func:`clean`.
    """
    return "".join(ch for ch in ("" if code is None else str(code)) if ch.isdigit())


def is_declarable(code: str) -> bool:
    """True for a cleaned code that can stand on a declaration: digits 0-9 only (never "٦١٠٩١٠"),
    6 or 8 to 10 long."""
    return code.isascii() and code.isdigit() and len(code) in DECLARABLE_LENGTHS
