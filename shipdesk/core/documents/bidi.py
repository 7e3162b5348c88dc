"""Right-to-left text for PDF lines: Arabic letter shaping and visual reordering.

reportlab draws characters in the order given, one glyph each. Hebrew and Arabic names must be
drawn right to left, and Arabic letters take their joined (initial, medial, final) forms. This
module turns one logical line into the visual string to draw:

* shaping maps Arabic letters to the presentation forms (U+FB50-U+FEFF), built from the Unicode
  decompositions in ``unicodedata``, with the lam-alef ligatures;
* reordering is a compact form of the Unicode bidirectional algorithm for a single line: strong
  runs, numbers kept left-to-right, neutrals taking the direction of their neighbours, paragraph
  direction from the first strong character, mirrored brackets in right-to-left runs.

It covers names, addresses and item descriptions; embedded direction controls (LRE, RLO, ...)
are ignored, as the text is cleaned of format characters before drawing.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_RTL_BLOCKS = re.compile("[\u0590-\u08ff\ufb1d-\ufefc]")

_ALEFS = ("\u0622", "\u0623", "\u0625", "\u0627")
_MIRROR = str.maketrans("()[]{}<>«»‹›", ")(][}{><»«›‹")


def has_rtl(text: str) -> bool:
    """True if ``text`` holds a right-to-left letter (Hebrew, Arabic, Syriac, Thaana, N'Ko...)."""
    if not _RTL_BLOCKS.search(text):
        return False
    return any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text)


@lru_cache(maxsize=1)
def _forms() -> tuple[dict[str, dict[str, str]], dict[tuple[str, str], dict[str, str]]]:
    """(letter -> {form: char}, (lam, alef) -> {form: char}) from the presentation forms."""
    letters: dict[str, dict[str, str]] = {}
    ligatures: dict[tuple[str, str], dict[str, str]] = {}
    for code in list(range(0xFB50, 0xFDFF)) + list(range(0xFE70, 0xFEFF)):
        ch = chr(code)
        dec = unicodedata.decomposition(ch)
        if not dec.startswith("<"):
            continue
        tag, _, rest = dec.partition(" ")
        form = tag.strip("<>")
        if form not in ("isolated", "final", "initial", "medial"):
            continue
        parts = [chr(int(x, 16)) for x in rest.split()]
        if len(parts) == 1:
            letters.setdefault(parts[0], {}).setdefault(form, ch)
        elif len(parts) == 2 and parts[0] == "\u0644" and parts[1] in _ALEFS:
            ligatures.setdefault((parts[0], parts[1]), {}).setdefault(form, ch)
    return letters, ligatures


def _is_transparent(ch: str) -> bool:
    return unicodedata.category(ch) in ("Mn", "Me", "Cf")


def _joins_forward(ch: str) -> bool:
    """Dual-joining: the letter connects to the following one (it has an initial form)."""
    letters, _ = _forms()
    f = letters.get(ch)
    return bool(f and "initial" in f) or ch == "\u0640"  # tatweel joins both ways


def _joins_backward(ch: str) -> bool:
    letters, _ = _forms()
    f = letters.get(ch)
    return bool(f and "final" in f) or ch == "\u0640"


def shape_arabic(text: str) -> str:
    """Replace Arabic letters with their contextual presentation forms (logical order kept)."""
    letters, ligatures = _forms()
    if not any(ch in letters for ch in text):
        return text
    chars = list(text)
    out: list[str] = []
    i = 0
    n = len(chars)

    def prev_joining(idx: int) -> bool:
        j = idx - 1
        while j >= 0 and _is_transparent(chars[j]):
            j -= 1
        return j >= 0 and _joins_forward(chars[j])

    def next_letter(idx: int) -> int:
        j = idx + 1
        while j < n and _is_transparent(chars[j]):
            j += 1
        return j

    while i < n:
        ch = chars[i]
        forms = letters.get(ch)
        if not forms:
            out.append(ch)
            i += 1
            continue
        joined_before = prev_joining(i) and "final" in forms
        j = next_letter(i)
        # lam + alef ligature
        if ch == "\u0644" and j < n and (ch, chars[j]) in ligatures:
            lig = ligatures[(ch, chars[j])]
            form = "final" if joined_before and "final" in lig else "isolated"
            out.append(lig.get(form, lig.get("isolated", ch + chars[j])))
            out.extend(chars[i + 1 : j])  # marks between lam and alef
            i = j + 1
            continue
        joins_after = j < n and _joins_forward(ch) and _joins_backward(chars[j])
        if joined_before and joins_after and "medial" in forms:
            form = "medial"
        elif joined_before:
            form = "final"
        elif joins_after and "initial" in forms:
            form = "initial"
        else:
            form = "isolated"
        out.append(forms.get(form) or forms.get("isolated") or ch)
        i += 1
    return "".join(out)


def _strength(ch: str) -> str:
    """'L', 'R', 'N' (number: European or Arabic digits) or '' (neutral)."""
    b = unicodedata.bidirectional(ch)
    if b in ("R", "AL"):
        return "R"
    if b == "L":
        return "L"
    if b in ("EN", "AN"):
        return "N"
    return ""


def reorder(text: str) -> str:
    """The visual order of one logical line (a single-line subset of the bidi algorithm)."""
    if not text:
        return text
    kinds = [_strength(ch) for ch in text]
    base_rtl = next((k == "R" for k in kinds if k in ("L", "R")), False)
    base = "R" if base_rtl else "L"
    # Numbers and separators between digits of a number (1,234.50) behave as one number.
    n = len(text)
    for i in range(1, n - 1):
        if (
            kinds[i] == ""
            and kinds[i - 1] == "N"
            and kinds[i + 1] == "N"
            and unicodedata.bidirectional(text[i]) in ("CS", "ES", "ET")
        ):
            kinds[i] = "N"
    # Direction of each character: numbers count as R for their neutral neighbours (W7/N1).
    dirs = ["R" if k == "N" and _after_strong(kinds, i) == "R" else k for i, k in enumerate(kinds)]
    dirs = [("L" if d == "N" else d) for d in dirs]
    resolved = list(dirs)
    i = 0
    while i < n:
        if resolved[i]:
            i += 1
            continue
        j = i
        while j < n and not dirs[j]:
            j += 1
        before = dirs[i - 1] if i > 0 else base
        after = dirs[j] if j < n else base
        fill = before if before == after else base
        for k in range(i, j):
            resolved[k] = fill
        i = j
    # Embedding levels: base 0 (LTR) or 1 (RTL); R on LTR -> 1; L and numbers on RTL -> 2;
    # numbers inside an RTL run on an LTR line -> 2.
    levels: list[int] = []
    for kind, d in zip(kinds, resolved):
        if base == "L":
            lvl = 1 if d == "R" else 0
            if kind == "N" and d == "R":
                lvl = 2
        else:
            lvl = 1 if d == "R" and kind != "N" else 2
        levels.append(lvl)
    chars = [ch.translate(_MIRROR) if lvl % 2 else ch for ch, lvl in zip(text, levels)]
    top = max(levels)
    low = min(lvl for lvl in levels if lvl % 2) if any(lvl % 2 for lvl in levels) else top + 1
    for level in range(top, low - 1, -1):
        i = 0
        while i < n:
            if levels[i] >= level:
                j = i
                while j < n and levels[j] >= level:
                    j += 1
                chars[i:j] = chars[i:j][::-1]
                levels[i:j] = levels[i:j][::-1]
                i = j
            else:
                i += 1
    return "".join(chars)


def _after_strong(kinds: list[str], i: int) -> str:
    """The strong direction before position ``i`` (for numbers: W2/W7)."""
    for k in reversed(kinds[:i]):
        if k in ("L", "R"):
            return k
    return ""


def visual(text: str) -> str:
    """Shape and reorder a logical line for drawing; text without RTL letters is unchanged."""
    if not has_rtl(text):
        return text
    return reorder(shape_arabic(text))
