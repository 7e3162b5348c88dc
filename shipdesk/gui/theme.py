"""The window's colours: the system's palette, or ShipDesk's light or dark one, and the few
colours the palette has no role for (problem marks), derived from whichever palette is in use.

Every colour the window shows comes from the application's palette: widgets use its roles,
and the marks of errors and warnings come from :func:`role_colors`, which tints the palette's
base with a hue and picks a text colour that reads on it (WCAG contrast of at least 4.5:1, the
level for normal text). Nothing is conveyed by colour alone: every mark also has a symbol and
a word (``widgets/marks.py``, the items table's marks).

"system" keeps the platform's style and palette as Qt found them at start; "light" and "dark"
use the Fusion style with the palettes below, so they look the same on every platform.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

MIN_CONTRAST = 4.5  # WCAG 2 AA, normal text

# (role, light, dark): the two palettes ShipDesk brings (Fusion's own light colours, and a dark
# one with the same structure)
_PALETTE: list[tuple[QPalette.ColorRole, str, str]] = [
    (QPalette.ColorRole.Window, "#efefef", "#2b2b2b"),
    (QPalette.ColorRole.WindowText, "#000000", "#e8e8e8"),
    (QPalette.ColorRole.Base, "#ffffff", "#1e1e1e"),
    (QPalette.ColorRole.AlternateBase, "#f7f7f7", "#262626"),
    (QPalette.ColorRole.ToolTipBase, "#ffffdc", "#3a3a3a"),
    (QPalette.ColorRole.ToolTipText, "#000000", "#e8e8e8"),
    (QPalette.ColorRole.PlaceholderText, "#6e6e6e", "#a0a0a0"),
    (QPalette.ColorRole.Text, "#000000", "#e8e8e8"),
    (QPalette.ColorRole.Button, "#efefef", "#353535"),
    (QPalette.ColorRole.ButtonText, "#000000", "#e8e8e8"),
    (QPalette.ColorRole.BrightText, "#ffffff", "#ffffff"),
    (QPalette.ColorRole.Light, "#ffffff", "#4a4a4a"),
    (QPalette.ColorRole.Midlight, "#cacaca", "#3e3e3e"),
    (QPalette.ColorRole.Mid, "#b8b8b8", "#2f2f2f"),
    (QPalette.ColorRole.Dark, "#9f9f9f", "#1a1a1a"),
    (QPalette.ColorRole.Shadow, "#767676", "#000000"),
    (QPalette.ColorRole.Highlight, "#308cc6", "#2f6fad"),
    (QPalette.ColorRole.HighlightedText, "#ffffff", "#ffffff"),
    (QPalette.ColorRole.Link, "#0000ff", "#8ab4f8"),
    (QPalette.ColorRole.LinkVisited, "#ff00ff", "#c58af9"),
]
_DISABLED: list[tuple[QPalette.ColorRole, str, str]] = [
    (QPalette.ColorRole.WindowText, "#6e6e6e", "#8a8a8a"),
    (QPalette.ColorRole.Text, "#6e6e6e", "#8a8a8a"),
    (QPalette.ColorRole.ButtonText, "#6e6e6e", "#8a8a8a"),
]

# the hue of each mark, in degrees; its lightness and saturation follow the palette
HUES = {"error": 355, "warning": 38}
TINT = 0.22  # how much of the hue is mixed into the base colour behind a marked cell

_system: tuple[str, QPalette] | None = None  # the platform's style and palette, as found
_colors: dict[tuple[str, int], RoleColors] = {}  # by level and palette (its cache key)


def palette_for(theme: str) -> QPalette:
    """ShipDesk's "light" or "dark" palette."""
    dark = theme == "dark"
    pal = QPalette()
    for role, light_hex, dark_hex in _PALETTE:
        pal.setColor(role, QColor(dark_hex if dark else light_hex))
    for role, light_hex, dark_hex in _DISABLED:
        pal.setColor(QPalette.ColorGroup.Disabled, role, QColor(dark_hex if dark else light_hex))
    return pal


def apply_theme(app: QApplication, theme: str) -> None:
    """Use the palette of ``theme`` ("system", "light", "dark") in the whole application. The
    problem marks already shown keep their colours: ``widgets.marks.switch_theme`` draws them
    again."""
    global _system
    if _system is None:
        if theme not in ("light", "dark"):
            return  # the system's look is still in place: nothing to set, nothing to restyle
        style = app.style()
        _system = (style.name() if style is not None else "fusion", QPalette(app.palette()))
    if theme in ("light", "dark"):
        app.setStyle(QStyleFactory.create("Fusion"))
        app.setPalette(palette_for(theme))
    else:
        name, pal = _system
        app.setStyle(QStyleFactory.create(name) or QStyleFactory.create("Fusion"))
        app.setPalette(pal)


def is_dark(pal: QPalette | None = None) -> bool:
    pal = pal or QGuiApplication.palette()
    return pal.color(QPalette.ColorRole.Base).lightnessF() < 0.5


# -- contrast ---------------------------------------------------------------------------------
def luminance(c: QColor) -> float:
    """Relative luminance (WCAG 2)."""

    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio of two colours, 1 to 21."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _mix(a: QColor, b: QColor, t: float) -> QColor:
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * t,
        a.greenF() + (b.greenF() - a.greenF()) * t,
        a.blueF() + (b.blueF() - a.blueF()) * t,
    )


def readable(hue: int, background: QColor, minimum: float = MIN_CONTRAST) -> QColor:
    """A strong colour of ``hue`` that reads on ``background``: darker on a light background,
    lighter on a dark one, as saturated as the contrast allows."""
    dark_bg = luminance(background) < 0.18
    steps = range(50, 101) if dark_bg else range(50, -1, -1)
    best = QColor.fromHslF(hue / 360, 0.9, 0.5)
    for lightness in steps:
        c = QColor.fromHslF(hue / 360, 0.9, lightness / 100)
        best = c
        if contrast(c, background) >= minimum + 0.1:  # a margin for rounding to 8 bits
            return c
    return best


@dataclass(frozen=True)
class RoleColors:
    """The colours of one kind of mark: ``text`` on ``background`` (a marked cell), ``border``
    around a marked field, ``message`` for the words beside it (on the window colour)."""

    text: QColor
    background: QColor
    border: QColor
    message: QColor


def role_colors(level: str, pal: QPalette | None = None) -> RoleColors:
    """The colours of an "error" or "warning" mark under ``pal`` (default: the application's)."""
    pal = pal or QGuiApplication.palette()
    key = (level, pal.cacheKey())
    known = _colors.get(key)
    if known is None:
        known = _colors[key] = _role_colors(level, pal)
    return known


def _role_colors(level: str, pal: QPalette) -> RoleColors:
    hue = HUES.get(level, HUES["warning"])
    base = pal.color(QPalette.ColorRole.Base)
    window = pal.color(QPalette.ColorRole.Window)
    tint = QColor.fromHslF(hue / 360, 0.9, 0.5)
    background = _mix(base, tint, TINT)
    text = pal.color(QPalette.ColorRole.Text)
    if contrast(text, background) < MIN_CONTRAST + 0.1:
        text = readable(hue, background)
    message = readable(hue, window)
    # a border needs 3:1 (WCAG 1.4.11); the message's colour has more, and goes with it
    return RoleColors(text=text, background=background, border=message, message=message)
