"""Text fitting: wrapping a value to a box's width and shrinking it, step by step down to a
legible minimum, until it fits the box's height; what still does not fit is handed back.

Sizes are in points, boxes in points (``MM`` converts millimetres).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from shipdesk.core.documents import bidi, fonts

MM = 72.0 / 25.4
MIN_SIZE = 6.0  # legible minimum for values, in points
LEADING = 1.17
CONTINUED = "→ continued on continuation sheet / suite sur feuille de continuation"


@dataclass
class Fitted:
    """Result of fitting text into a box: font size, lines drawn, text left over."""

    size: float
    lines: list[str]
    rest: str
    marker: str = ""  # the last line when it is the "continued" note, not text

    @property
    def overflow(self) -> bool:
        return bool(self.rest)


def _split_long_word(word: str, width: float, size: float, bold: bool) -> list[str]:
    parts: list[str] = []
    cur = ""
    for ch in word:
        if cur and fonts.string_width(cur + ch, size, bold) > width:
            parts.append(cur)
            cur = ch
        else:
            cur += ch
    if cur:
        parts.append(cur)
    return parts


def wrap(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """Greedy word wrap of one paragraph to ``width`` points; long words are broken."""
    text = " ".join(text.split(" "))
    if fonts.string_width(text, size, bold) <= width:
        return [text] if text.strip() else []
    space = fonts.string_width(" ", size, bold)
    lines: list[str] = []
    cur = ""
    cur_w = 0.0
    for word in text.split():
        w = fonts.string_width(word, size, bold)
        if w > width:
            if cur:
                lines.append(cur)
            pieces = _split_long_word(word, width, size, bold)
            lines.extend(pieces[:-1])
            cur = pieces[-1]
            cur_w = fonts.string_width(cur, size, bold)
            continue
        if not cur:
            cur, cur_w = word, w
        elif cur_w + space + w <= width:
            cur += " " + word
            cur_w += space + w
        else:
            lines.append(cur)
            cur, cur_w = word, w
    if cur:
        lines.append(cur)
    return lines


def wrap_paragraphs(paragraphs: Sequence[str], width: float, size: float, bold: bool) -> list[str]:
    out: list[str] = []
    for p in paragraphs:
        text = fonts.clean_text(p)
        mark = bidi.direction_mark(text)
        out.extend(mark + line for line in wrap(text, width, size, bold))
    return out


def fit(
    paragraphs: Sequence[str],
    width: float,
    height: float,
    *,
    size: float,
    min_size: float = MIN_SIZE,
    bold: bool = False,
    one_line: bool = False,
    marker: str = CONTINUED,
) -> Fitted:
    """Fit paragraphs (points) by wrapping and shrinking; the rest is what did not fit.

    ``one_line`` prefers shrinking to keep a value on one line (numbers, codes) and wraps only
    once the minimum size is reached. When text is left over, the last line drawn is ``marker``
    (saying where the rest continues).
    """
    paragraphs = [p for p in paragraphs if p and p.strip()]
    if not paragraphs:
        return Fitted(size, [], "")
    s = size
    while True:
        lines = wrap_paragraphs(paragraphs, width, s, bold)
        capacity = max(0, math.floor((height + 0.01) / (s * LEADING)))
        ok = len(lines) <= capacity
        if one_line and s > min_size:
            ok = ok and len(lines) <= len(paragraphs)
        if ok:
            return Fitted(s, lines, "")
        if s <= min_size:
            break
        s = max(min_size, s - 0.5)
    # At the minimum size: keep what fits, the last line says where the rest went.
    if capacity <= 1:
        keep = 0
    else:
        keep = capacity - 1
    drawn = lines[:keep]
    rest = " ".join(lines[keep:])
    if capacity >= 1:
        drawn.append(marker)
        return Fitted(s, drawn, rest, marker)
    return Fitted(s, drawn, rest)


def fitted_height(f: Fitted, pad: float = 0.8) -> float:
    """Height in mm a fitted block needs, padding included."""
    return len(f.lines) * f.size * LEADING / MM + 2 * pad * 0.6


def measure(
    paragraphs: Sequence[str] | str,
    width: float,
    *,
    size: float,
    min_size: float = MIN_SIZE,
    bold: bool = False,
    one_line: bool = False,
    pad: float = 0.8,
) -> Fitted:
    """Fit text to a box ``width`` mm wide with no limit on its height (for fixed texts such as
    captions and the certification, whose box is made as tall as the text needs)."""
    if isinstance(paragraphs, str):
        paragraphs = [paragraphs]
    return fit(
        paragraphs,
        max(0.1, width - 2 * pad) * MM,
        1e6,
        size=size,
        min_size=min_size,
        bold=bold,
        one_line=one_line,
    )


def measure_bilingual(text: str, width: float, **kw: Any) -> Fitted:
    """Like :func:`measure`; an "English / French" text that needs more than one line breaks
    after the slash first, so each language starts its own line."""
    f = measure(text, width, **kw)
    if len(f.lines) > 1 and " / " in text:
        first, rest = text.split(" / ", 1)
        f = measure([first + " /", rest], width, **kw)
    return f


def lines_height(lines: int, size: float, pad: float = 0.8) -> float:
    """Height in mm of a box holding ``lines`` lines at ``size`` points, padding included."""
    return lines * size * LEADING / MM + 2 * pad * 0.6
