"""Right-to-left text for PDF lines: Arabic letter shaping and visual reordering.

reportlab draws characters in the order given, one glyph each. Hebrew and Arabic text must be
drawn right to left, and Arabic letters take their joined (initial, medial, final) forms. This
module turns one logical line into the visual string to draw, with maintained implementations:

* shaping: ``arabic_reshaper`` (presentation forms U+FB50-U+FEFF, lam-alef ligatures);
* resolving levels: the Unicode bidirectional algorithm of ``python-bidi`` (the ``unicode-bidi``
  Rust crate, which implements the bracket-pair rule N0 that keeps "(...)" together, unlike
  the package's older pure-Python module); its resolved levels are read from the result it
  gives with ``debug=True``;
* reordering (rule L2) and mirroring brackets in right-to-left runs (rule L4, with the
  package's mirroring table): here, since the crate's display string does not mirror.

A line cut from a longer paragraph keeps the paragraph's direction: ``fitting`` puts a
direction mark (``RLM`` / ``LRM``) in front of every wrapped line of a paragraph holding
right-to-left text, and the drawing code passes it on as ``base``. Without it, the second line
of an English description with an Arabic word would be laid out right to left when it happens
to begin with the Arabic word.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from arabic_reshaper import ArabicReshaper
from bidi import get_display
from bidi.mirror import MIRRORED

_RTL_BLOCKS = re.compile("[\u0590-\u08ff\ufb1d-\ufefc]")
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")

RLM = "\u200f"  # right-to-left mark: the paragraph of this line runs right to left
LRM = "\u200e"  # left-to-right mark


def has_rtl(text: str) -> bool:
    """True if ``text`` holds a right-to-left letter (Hebrew, Arabic, Syriac, Thaana, N'Ko...)."""
    if not _RTL_BLOCKS.search(text):
        return False
    return any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text)


def base_direction(text: str) -> str:
    """The paragraph direction of ``text``, "L" or "R": that of its first strong character
    (rules P2-P3 of the bidirectional algorithm); "L" when it has none."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind == "L":
            return "L"
        if kind in ("R", "AL"):
            return "R"
    return "L"


def direction_mark(paragraph: str) -> str:
    """The mark to put before each wrapped line of ``paragraph``: empty for text without
    right-to-left letters, which needs no reordering."""
    if not has_rtl(paragraph):
        return ""
    return RLM if base_direction(paragraph) == "R" else LRM


@lru_cache(maxsize=1)
def _reshaper() -> ArabicReshaper:
    # keep harakat (vowel marks) and draw lam-alef as its ligature, as a printed form expects
    return ArabicReshaper(configuration={"delete_harakat": False, "support_ligatures": True})


def shape_arabic(text: str) -> str:
    """Arabic letters in their joined forms (logical order kept)."""
    if not _ARABIC.search(text):
        return text
    return str(_reshaper().reshape(text))


def _levels(text: str, base: str) -> list[int]:
    """The resolved embedding level of each character (rules P-I of the algorithm)."""
    info = str(get_display(text, base_dir=base, debug=True))
    block = info.split("levels:", 1)[1].split("]", 1)[0]
    per_byte = [int(x) for x in re.findall(r"Level\(\s*(\d+)", block)]
    if len(per_byte) != len(text.encode("utf-8")):
        raise RuntimeError("python-bidi gave levels in an unexpected form")
    levels, i = [], 0
    for ch in text:
        levels.append(per_byte[i])
        i += len(ch.encode("utf-8"))
    return levels


def reorder(text: str, base: str | None = None) -> str:
    """The visual (left-to-right drawing) order of one line; ``base`` is the paragraph
    direction ("L" or "R"), taken from the line itself when not given."""
    if not text:
        return text
    base = base or base_direction(text)
    levels = _levels(text, base)
    # L1: whitespace at the end of the line takes the paragraph level
    end = len(text)
    while end and unicodedata.bidirectional(text[end - 1]) in ("WS", "S", "B", "BN"):
        end -= 1
        levels[end] = 1 if base == "R" else 0
    # L4: a mirrored character at an odd (right-to-left) level takes its mirror glyph
    chars = [MIRRORED.get(ch, ch) if lvl % 2 else ch for ch, lvl in zip(text, levels)]
    # L2: from the highest level down to the lowest odd one, reverse every run at or above it
    order = list(range(len(text)))
    odd = [lvl for lvl in levels if lvl % 2]
    if odd:
        for lvl in range(max(levels), min(odd) - 1, -1):
            i = 0
            while i < len(order):
                if levels[order[i]] >= lvl:
                    j = i
                    while j < len(order) and levels[order[j]] >= lvl:
                        j += 1
                    order[i:j] = order[i:j][::-1]
                    i = j
                else:
                    i += 1
    return "".join(chars[k] for k in order)


def visual(text: str, base: str | None = None) -> str:
    """One logical line as the string to draw: shaped, then reordered."""
    if not has_rtl(text):
        return text
    return reorder(shape_arabic(text), base)


def split_mark(line: str) -> tuple[str, str | None]:
    """(line without a leading direction mark, the direction the mark gives or None)."""
    if line.startswith(RLM):
        return line[1:], "R"
    if line.startswith(LRM):
        return line[1:], "L"
    return line, None
