"""Fonts for the printed documents: the bundled family, system fallbacks, glyph coverage.

The bundled family (DejaVu Sans Condensed, regular and bold, in ``resources/fonts``) draws Latin
(extended), Cyrillic, Greek, Armenian, Georgian and Hebrew. Characters it lacks (CJK, Thai,
Devanagari, ...) are drawn with a fallback font: first any TrueType file in
``resources/fonts/fallback`` (an optional bundle), then the folders named in ``SHIPDESK_FONTS``
(separated by ``os.pathsep``), then well-known wide-coverage fonts installed on the system
(unless ``SHIPDESK_SYSTEM_FONTS=0``, which makes the documents independent of what the machine
has installed). Fallback fonts are read only when a character needs them, and only once per
process.

A character no font can draw is reported by :func:`missing_glyphs`; validation turns it into an
error on the field, and :func:`check_printable` refuses to print it, so no document ever shows an
empty box where a name should be.
"""

from __future__ import annotations

import fnmatch
import itertools
import os
import sys
import threading
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from shipdesk.core.paths import resource

ENV_FONTS = "SHIPDESK_FONTS"
ENV_SYSTEM_FONTS = "SHIPDESK_SYSTEM_FONTS"  # "0" (or no/off/false): skip the system folders

REGULAR = "ShipDeskSans"
BOLD = "ShipDeskSans-Bold"
_BUNDLED = {REGULAR: "DejaVuSansCondensed.ttf", BOLD: "DejaVuSansCondensed-Bold.ttf"}

# Wide-coverage TrueType fonts commonly installed on Linux, Windows and macOS, best first.
# Patterns are matched against lower-case file names. CFF-flavoured OpenType fonts (.otf) are
# not usable for embedding here and are left out.
SYSTEM_FALLBACK_PATTERNS: tuple[str, ...] = (
    "notosans-regular.ttf",
    "notosans*-regular.ttf",
    "notonaskharabic-regular.ttf",
    "notosanscjk*.ttc",
    "droidsansfallbackfull.ttf",
    "droidsansfallback.ttf",
    "wqy-microhei.ttc",
    "wqy-zenhei.ttc",
    "uming.ttc",
    "ukai.ttc",
    "ipaexg.ttf",
    "ipagp.ttf",
    "ipag.ttf",
    "nanumgothic.ttf",
    "unbatang.ttf",
    "freesans.ttf",
    "freeserif.ttf",
    "arialuni.ttf",
    "arial unicode.ttf",
    "msyh.ttc",
    "msjh.ttc",
    "simsun.ttc",
    "msgothic.ttc",
    "malgun.ttf",
    "nirmala.ttf",
    "leelawui.ttf",
    "tahoma.ttf",
    "segoeui.ttf",
    "arial.ttf",
    "applegothic.ttf",
    "arialhb.ttc",
)

_FONT_SUFFIXES = (".ttf", ".ttc")


def _ignorable(ch: str) -> bool:
    """Characters that are never drawn: controls, format marks, variation selectors, spaces."""
    if ch in " \t\n\r":
        return True
    cat = unicodedata.category(ch)
    if cat in ("Cc", "Cf", "Zl", "Zp"):
        return True
    return 0xFE00 <= ord(ch) <= 0xFE0F


def clean_text(text: str) -> str:
    """Text as it is drawn: NFC-composed, tabs and line breaks as spaces, invisible marks gone."""
    text = unicodedata.normalize("NFC", text)
    out = []
    for ch in text:
        if ch in "\t\r\n":
            out.append(" ")
        elif not _ignorable(ch) or ch == " ":
            out.append(ch)
    return "".join(out)


@dataclass
class _Face:
    name: str
    path: Path
    subfont: int = 0
    cmap: frozenset[int] = field(default_factory=frozenset)
    loaded: bool = False
    broken: bool = False


class _Registry:
    """Registered fonts and their coverage; built once per process, safe across threads."""

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._bundled: dict[str, frozenset[int]] = {}
        self._fallbacks: list[_Face] | None = None
        self._char_font: dict[int, str | None] = {}

    # -- bundled --------------------------------------------------------------------------------
    def ensure_bundled(self) -> None:
        if self._bundled:
            return
        with self._lock:
            if self._bundled:
                return
            from shipdesk.core.errors import DataError

            loaded: dict[str, frozenset[int]] = {}
            for name, filename in _BUNDLED.items():
                path = resource("fonts", filename)
                try:
                    font = TTFont(name, str(path))
                except Exception as exc:
                    raise DataError(f"Bundled font {path} cannot be read: {exc}") from exc
                pdfmetrics.registerFont(font)
                loaded[name] = frozenset(font.face.charToGlyph)
            self._bundled = loaded

    def bundled_cmap(self, name: str) -> frozenset[int]:
        self.ensure_bundled()
        return self._bundled[name]

    # -- fallbacks ------------------------------------------------------------------------------
    def fallbacks(self) -> list[_Face]:
        if self._fallbacks is None:
            with self._lock:
                if self._fallbacks is None:
                    self._fallbacks = [
                        _Face(f"ShipDeskFallback{next(_FALLBACK_IDS)}", p)
                        for p in _fallback_files()
                    ]
        return self._fallbacks

    def _load(self, face: _Face) -> None:
        if face.loaded or face.broken:
            return
        try:
            font = TTFont(face.name, str(face.path), subfontIndex=face.subfont)
        except Exception:  # not a usable TrueType font (CFF outlines, damaged, ...): skip it
            face.broken = True
            return
        pdfmetrics.registerFont(font)
        face.cmap = frozenset(font.face.charToGlyph)
        face.loaded = True

    def fallback_for(self, code: int) -> str | None:
        if code in self._char_font:
            return self._char_font[code]
        with self._lock:
            found: str | None = None
            for face in self.fallbacks():
                self._load(face)
                if face.loaded and code in face.cmap:
                    found = face.name
                    break
            self._char_font[code] = found
            return found

    def reset(self) -> None:
        """Forget the fallback search (tests change ``SHIPDESK_FONTS``)."""
        with self._lock:
            self._fallbacks = None
            self._char_font = {}


_REGISTRY = _Registry()
_FALLBACK_IDS = itertools.count()


def _search_dirs() -> tuple[list[Path], list[Path]]:
    """(folders whose every font is used, system folders searched by known names)."""
    explicit = [resource("fonts", "fallback")]
    for part in os.environ.get(ENV_FONTS, "").split(os.pathsep):
        if part.strip():
            explicit.append(Path(part.strip()).expanduser())
    home = Path.home()
    system: list[Path] = []
    if os.environ.get(ENV_SYSTEM_FONTS, "").strip().lower() in ("0", "no", "off", "false"):
        return explicit, system
    if sys.platform.startswith("win"):
        windir = os.environ.get("WINDIR", r"C:\Windows")
        system.append(Path(windir) / "Fonts")
        local = os.environ.get("LOCALAPPDATA")
        if local:
            system.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    elif sys.platform == "darwin":
        system += [
            Path("/System/Library/Fonts"),
            Path("/System/Library/Fonts/Supplemental"),
            Path("/Library/Fonts"),
            home / "Library" / "Fonts",
        ]
    else:
        system += [
            Path("/usr/share/fonts"),
            Path("/usr/local/share/fonts"),
            home / ".local" / "share" / "fonts",
            home / ".fonts",
        ]
    return explicit, system


def _walk_fonts(folder: Path) -> list[Path]:
    out: list[Path] = []
    if not folder.is_dir():
        return out
    for root, _dirs, files in os.walk(folder):
        for f in sorted(files):
            if f.lower().endswith(_FONT_SUFFIXES):
                out.append(Path(root) / f)
    return out


def _fallback_files() -> list[Path]:
    explicit, system = _search_dirs()
    files: list[Path] = []
    for folder in explicit:
        files.extend(_walk_fonts(folder))
    found: list[Path] = []
    for folder in system:
        found.extend(_walk_fonts(folder))
    by_pattern: list[Path] = []
    for pattern in SYSTEM_FALLBACK_PATTERNS:
        for p in found:
            if p not in by_pattern and fnmatch.fnmatch(p.name.lower(), pattern):
                by_pattern.append(p)
    seen: set[Path] = set()
    result = []
    for p in files + by_pattern:
        if p not in seen:
            seen.add(p)
            result.append(p)
    return result


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
    if code in _REGISTRY.bundled_cmap(primary):
        return primary
    if bold and code in _REGISTRY.bundled_cmap(REGULAR):
        return REGULAR
    return _REGISTRY.fallback_for(code)


def missing_glyphs(text: str) -> str:
    """The characters of ``text`` that no available font can draw, each once, in order.

    Spaces, line breaks, control and format characters are not drawn and never reported. The
    text is NFC-composed first, as it is when printed.
    """
    if not text:
        return ""
    register_fonts()
    cmap = _REGISTRY.bundled_cmap(REGULAR)
    out: list[str] = []
    for ch in unicodedata.normalize("NFC", text):
        if ord(ch) in cmap or _ignorable(ch) or ch in out:
            continue
        if _REGISTRY.fallback_for(ord(ch)) is None:
            out.append(ch)
    return "".join(out)


def runs(text: str, bold: bool = False) -> list[tuple[str, str]]:
    """Split cleaned ``text`` into (font name, substring) runs, each drawable by its font.

    Characters no font draws are dropped here; callers check with :func:`missing_glyphs` (or
    :func:`check_printable`) before drawing.
    """
    primary = font_name(bold)
    cmap = _REGISTRY.bundled_cmap(primary)
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
    from shipdesk.core.documents.bidi import has_rtl, shape_arabic

    if has_rtl(text):
        text = shape_arabic(text)
    primary = font_name(bold)
    cmap = _REGISTRY.bundled_cmap(primary)
    if all(ord(ch) in cmap for ch in text):
        return pdfmetrics.stringWidth(text, primary, size)
    return sum(pdfmetrics.stringWidth(t, f, size) for f, t in runs(text, bold))


def check_printable(text: str, field_path: str) -> None:
    """Raise ``InputError`` naming ``field_path`` if some character of ``text`` cannot print."""
    missing = missing_glyphs(text)
    if missing:
        from shipdesk.core.errors import InputError

        shown = ", ".join(f"'{c}' (U+{ord(c):04X})" for c in missing[:5])
        more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
        raise InputError(
            f"no available font can print {shown}{more}; install a font covering this script "
            f"or put one in the folder named by {ENV_FONTS}",
            location=field_path,
        )


def fallback_font_files() -> list[Path]:
    """The fallback font files that would be searched, in order (for diagnostics and docs)."""
    return [f.path for f in _REGISTRY.fallbacks()]


def reset_fallbacks() -> None:
    """Search the fallback folders again (after ``SHIPDESK_FONTS`` or installed fonts change)."""
    _REGISTRY.reset()
