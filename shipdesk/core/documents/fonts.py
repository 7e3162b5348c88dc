"""Fonts for the printed documents: the bundled family registered with reportlab, and which
font draws each character.

Which characters can be printed at all (the bundled coverage and the fallback search) is decided
by ``core.glyphs``, which validation asks too; this module registers the bundled faces and the
fallback faces glyphs found with reportlab, splits text into runs of one font, measures it, and
:func:`check_printable` refuses text with a character no font can draw, so no document ever shows
an empty box where a name should be.
"""

from __future__ import annotations

import threading
import unicodedata

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from shipdesk.core import glyphs
from shipdesk.core.documents.bidi import has_rtl, shape_arabic
from shipdesk.core.errors import DataError, InputError
from shipdesk.core.paths import resource

REGULAR = "ShipDeskSans"
BOLD = "ShipDeskSans-Bold"
_BUNDLED = {REGULAR: glyphs.BUNDLED_REGULAR, BOLD: glyphs.BUNDLED_BOLD}


def clean_text(text: str) -> str:
    """Text as it is drawn: NFC-composed, tabs and line breaks as spaces, invisible marks gone."""
    text = unicodedata.normalize("NFC", text)
    out = []
    for ch in text:
        if ch in "\t\r\n":
            out.append(" ")
        elif not glyphs.ignorable(ch) or ch == " ":
            out.append(ch)
    return "".join(out)


class _Registry:
    """Fonts registered with reportlab; once per process, safe across threads."""

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._bundled = False
        self._fallbacks: set[str] = set()

    def ensure_bundled(self) -> None:
        if self._bundled:
            return
        with self._lock:
            if self._bundled:
                return
            for name, filename in _BUNDLED.items():
                path = resource("fonts", filename)
                try:
                    font = TTFont(name, str(path))
                except Exception as exc:
                    raise DataError(f"Bundled font {path} cannot be read: {exc}") from exc
                pdfmetrics.registerFont(font)
            self._bundled = True

    def fallback_for(self, code: int) -> str | None:
        face = glyphs.fallback_for(code)
        if face is None:
            return None
        if face.name not in self._fallbacks:
            with self._lock:
                if face.name not in self._fallbacks:
                    pdfmetrics.registerFont(face.font)
                    self._fallbacks.add(face.name)
        return face.name


_REGISTRY = _Registry()


def _coverage(name: str) -> frozenset[int]:
    return glyphs.bundled_coverage(bold=name == BOLD)


# -- public API ---------------------------------------------------------------------------------
def register_fonts() -> None:
    """Register the bundled fonts with reportlab (idempotent; cheap after the first call)."""
    _REGISTRY.ensure_bundled()


def font_name(bold: bool = False) -> str:
    """The reportlab name of the bundled regular or bold face (registers on first use)."""
    _REGISTRY.ensure_bundled()
    return BOLD if bold else REGULAR


def font_for(ch: str, bold: bool = False) -> str | None:
    """The registered font that draws ``ch`` (bundled first, then fallbacks), or None."""
    code = ord(ch)
    primary = font_name(bold)
    if code in _coverage(primary):
        return primary
    if bold and code in _coverage(REGULAR):
        return REGULAR
    return _REGISTRY.fallback_for(code)


def runs(text: str, bold: bool = False) -> list[tuple[str, str]]:
    """Split cleaned ``text`` into (font name, substring) runs, each drawable by its font.

    Characters no font draws are dropped here; callers check with ``glyphs.missing_glyphs`` (or
    :func:`check_printable`) before drawing.
    """
    primary = font_name(bold)
    cmap = _coverage(primary)
    out: list[tuple[str, str]] = []
    cur_font: str | None = None
    buf: list[str] = []
    for ch in text:
        if ord(ch) in cmap or ch == " ":
            f: str | None = primary
        else:
            f = font_for(ch, bold)
            if f is None:
                continue
        if f != cur_font and buf:
            out.append((cur_font or primary, "".join(buf)))
            buf = []
        cur_font = f
        buf.append(ch)
    if buf:
        out.append((cur_font or primary, "".join(buf)))
    return out


def string_width(text: str, size: float, bold: bool = False) -> float:
    """Width in points of cleaned ``text`` drawn at ``size``, fallback fonts included."""
    if has_rtl(text):
        text = shape_arabic(text)
    primary = font_name(bold)
    cmap = _coverage(primary)
    if all(ord(ch) in cmap for ch in text):
        return pdfmetrics.stringWidth(text, primary, size)
    return sum(pdfmetrics.stringWidth(t, f, size) for f, t in runs(text, bold))


def check_printable(text: str, field_path: str) -> None:
    """Raise ``InputError`` naming ``field_path`` if some character of ``text`` cannot print."""
    missing = glyphs.missing_glyphs(text)
    if missing:
        shown = ", ".join(f"'{c}' (U+{ord(c):04X})" for c in missing[:5])
        more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
        raise InputError(
            f"no available font can print {shown}{more}; install a font covering this script "
            f"or put one in the folder named by {glyphs.ENV_FONTS}",
            location=field_path,
        )
