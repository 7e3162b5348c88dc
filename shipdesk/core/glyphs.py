"""Glyph coverage: which characters the fonts available to the documents can print.

Validation reports a character no font can draw as an error on its field, and the documents
refuse to print it; both ask this module, so neither calls into the other and the answer is the
same for both.

The bundled family (DejaVu Sans Condensed, regular and bold, in ``resources/fonts``) draws Latin
(extended), Cyrillic, Greek, Armenian, Georgian and Hebrew. Its coverage is read from the fonts'
character maps with the standard library, the same way reportlab reads them (a test compares
the two), so checking ordinary text does not load reportlab. Characters it lacks (CJK, Thai,
Devanagari, ...) are looked up in fallback fonts: first any TrueType file in
``resources/fonts/fallback`` (an optional bundle), then the folders named in ``SHIPDESK_FONTS``
(separated by ``os.pathsep``), then well-known wide-coverage fonts installed on the system
(unless ``SHIPDESK_SYSTEM_FONTS=0``, which makes the documents independent of what the machine
has installed). A fallback font is opened with reportlab, which decides whether it can be
embedded at all, only when a character needs it, and only once per process.
"""

from __future__ import annotations

import fnmatch
import itertools
import os
import struct
import sys
import threading
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from shipdesk.core.errors import DataError
from shipdesk.core.paths import resource

ENV_FONTS = "SHIPDESK_FONTS"
ENV_SYSTEM_FONTS = "SHIPDESK_SYSTEM_FONTS"  # "0" (or no/off/false): skip the system folders

BUNDLED_REGULAR = "DejaVuSansCondensed.ttf"
BUNDLED_BOLD = "DejaVuSansCondensed-Bold.ttf"

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


def ignorable(ch: str) -> bool:
    """Characters that are never drawn: controls, format marks, variation selectors, spaces."""
    if ch in " \t\n\r":
        return True
    cat = unicodedata.category(ch)
    if cat in ("Cc", "Cf", "Zl", "Zp"):
        return True
    return 0xFE00 <= ord(ch) <= 0xFE0F


# -- the bundled fonts' character maps -------------------------------------------------------------
def _cmap_codes(data: bytes) -> frozenset[int]:
    """The code points a TrueType font maps, chosen and read as reportlab's ``TTFontFile`` does
    (the last Unicode subtable listed wins; a space stands in for a no-break space and back)."""
    if data[:4] == b"ttcf":
        (offset,) = struct.unpack_from(">I", data, 12)  # the first font of a collection
    else:
        offset = 0
    (num_tables,) = struct.unpack_from(">H", data, offset + 4)
    tables = {}
    for i in range(num_tables):
        tag, _checksum, start, _length = struct.unpack_from(">4sIII", data, offset + 12 + 16 * i)
        tables[tag] = start
    cmap = tables[b"cmap"]
    version, count = struct.unpack_from(">HH", data, cmap)
    if count == 0 and version != 0:
        count = version
    chosen, enc = None, 0
    for i in range(count):
        platform, encoding, sub = struct.unpack_from(">HHI", data, cmap + 4 + 8 * i)
        if platform == 3:
            enc, chosen = 1, sub
        elif platform == 1 and encoding == 0 and enc != 1:
            enc, chosen = 2, sub
        elif (platform == 1 and encoding == 1) or (platform == 0 and encoding != 5):
            enc, chosen = 1, sub
    if chosen is None:
        raise ValueError("no suitable character map")
    pos = cmap + chosen
    (fmt,) = struct.unpack_from(">H", data, pos)
    codes: set[int] = set()
    if fmt in (12, 13):
        (groups,) = struct.unpack_from(">I", data, pos + 12)
        for g in range(groups):
            start, end = struct.unpack_from(">II", data, pos + 16 + 12 * g)
            codes.update(range(start, end + 1))
    elif fmt == 4:
        (seg_x2,) = struct.unpack_from(">H", data, pos + 6)
        segs = seg_x2 // 2
        ends = struct.unpack_from(f">{segs}H", data, pos + 14)
        starts = struct.unpack_from(f">{segs}H", data, pos + 16 + seg_x2)
        for start, end in zip(starts, ends, strict=True):
            codes.update(range(start, end + 1))
    else:
        raise ValueError(f"character map format {fmt} is not read here")
    if 0x20 in codes or 0xA0 in codes:
        codes.update((0x20, 0xA0))
    return frozenset(codes)


@lru_cache(maxsize=2)
def bundled_coverage(bold: bool = False) -> frozenset[int]:
    """The code points the bundled regular (or bold) face draws."""
    path = resource("fonts", BUNDLED_BOLD if bold else BUNDLED_REGULAR)
    try:
        return _cmap_codes(path.read_bytes())
    except (OSError, ValueError, KeyError, struct.error) as exc:
        raise DataError(f"Bundled font {path} cannot be read: {exc}") from exc


# -- fallback fonts --------------------------------------------------------------------------------
@dataclass
class FallbackFace:
    """A fallback font file; ``font`` is its reportlab ``TTFont`` once it has been opened."""

    name: str
    path: Path
    subfont: int = 0
    cmap: frozenset[int] = field(default_factory=frozenset)
    font: object | None = None
    broken: bool = False


class _Fallbacks:
    """The fallback faces and which one draws each character; built once, safe across threads."""

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._faces: list[FallbackFace] | None = None
        self._char_face: dict[int, FallbackFace | None] = {}

    def faces(self) -> list[FallbackFace]:
        if self._faces is None:
            with self._lock:
                if self._faces is None:
                    self._faces = [
                        FallbackFace(f"ShipDeskFallback{next(_FALLBACK_IDS)}", p)
                        for p in _fallback_files()
                    ]
        return self._faces

    @staticmethod
    def _open(face: FallbackFace) -> None:
        if face.font is not None or face.broken:
            return
        # reportlab is imported here only: it alone says whether a font can be embedded, and
        # text the bundled fonts cover never gets this far
        from reportlab.pdfbase.ttfonts import TTFont

        try:
            font = TTFont(face.name, str(face.path), subfontIndex=face.subfont)
        except Exception:  # not a usable TrueType font (CFF outlines, damaged, ...): skip it
            face.broken = True
            return
        face.cmap = frozenset(font.face.charToGlyph)
        face.font = font

    def face_for(self, code: int) -> FallbackFace | None:
        if code in self._char_face:
            return self._char_face[code]
        with self._lock:
            found: FallbackFace | None = None
            for face in self.faces():
                self._open(face)
                if face.font is not None and code in face.cmap:
                    found = face
                    break
            self._char_face[code] = found
            return found

    def reset(self) -> None:
        with self._lock:
            self._faces = None
            self._char_face = {}


_FALLBACKS = _Fallbacks()
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


# -- public API ------------------------------------------------------------------------------------
def fallback_for(code: int) -> FallbackFace | None:
    """The first fallback face that draws the code point ``code``, or None."""
    return _FALLBACKS.face_for(code)


def missing_glyphs(text: str) -> str:
    """The characters of ``text`` that no available font can draw, each once, in order.

    Spaces, line breaks, control and format characters are not drawn and never reported. The
    text is NFC-composed first, as it is when printed.
    """
    if not text:
        return ""
    cmap = bundled_coverage()
    out: list[str] = []
    for ch in unicodedata.normalize("NFC", text):
        if ord(ch) in cmap or ignorable(ch) or ch in out:
            continue
        if fallback_for(ord(ch)) is None:
            out.append(ch)
    return "".join(out)


def fallback_font_files() -> list[Path]:
    """The fallback font files that would be searched, in order (for diagnostics and docs)."""
    return [f.path for f in _FALLBACKS.faces()]


def reset_fallbacks() -> None:
    """Search the fallback folders again (after ``SHIPDESK_FONTS`` or installed fonts change)."""
    _FALLBACKS.reset()
