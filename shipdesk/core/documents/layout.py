"""Drawing on a reportlab canvas, in millimetres from the top-left corner.

Every value is drawn through :meth:`Doc.fit_in` / :meth:`Doc.draw_fitted`, which fit the text
into its box (``fitting``); what still does not fit is handed back to the caller, which moves it
to a continuation sheet. Nothing is drawn outside its box and nothing is dropped.

Each box drawn with a ``region`` name is recorded (page, bounding box in points from the top
left, as pdfplumber reports words), so tests can check that every value lands in its box.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.graphics.barcode.code128 import Code128
from reportlab.pdfgen.canvas import Canvas

from shipdesk.core.documents import bidi, fonts
from shipdesk.core.documents.fitting import (
    CONTINUED,
    LEADING,
    MIN_SIZE,
    MM,
    Fitted,
    fit,
    fitted_height,
    measure,
    wrap_paragraphs,
)

PAPERS: dict[str, tuple[float, float]] = {
    "a4": (210.0, 297.0),
    "letter": (215.9, 279.4),
    "label-4x6": (101.6, 152.4),
    "a6": (105.0, 148.0),
}

# Box captions (the bilingual UPU labels) print at the legible minimum, never smaller: a long
# caption wraps and its box is made taller (``caption_height``) instead of the text shrinking.
CAPTION_SIZE = MIN_SIZE
CAPTION_LEADING = 1.08


@functools.lru_cache(maxsize=1024)
def caption_lines(w: float, text: str, size: float = CAPTION_SIZE) -> tuple[str, ...]:
    """A caption wrapped to a box ``w`` mm wide (the same few captions come back on every
    page, so the wrapping is kept)."""
    return tuple(wrap_paragraphs([text], max(0.1, w - 1.2) * MM, size, False))


def caption_height(w: float, text: str, size: float = CAPTION_SIZE) -> float:
    """Height in mm that :meth:`Doc.label` uses for ``text`` in a box ``w`` mm wide."""
    return len(caption_lines(w, text, size)) * size * CAPTION_LEADING / MM + 0.7


BAR_H = 8.4  # Code 128 bars: at least 8 mm tall for the operators' scanners
BARCODE_TEXT_H = 3.2  # the number printed under the bars


def barcode_height(bars: float = BAR_H) -> float:
    """Height in mm :meth:`Doc.barcode` needs for bars ``bars`` mm tall and the number."""
    return bars + 0.6 + BARCODE_TEXT_H


TICK_PAD = 0.5  # padding round the text beside a tick box


def tick_layout(
    w: float, texts: Sequence[str], rows: int, size: float, box: float
) -> tuple[float, list[Fitted], list[float]]:
    """Tick boxes in columns of ``rows`` (filled column by column) across ``w`` mm: the column
    width, each text fitted beside its box (shrunk to the minimum, then wrapped), and the
    height of each row (its tallest text, at least the tick box)."""
    ncols = max(1, -(-len(texts) // rows))
    colw = w / ncols
    fitted = [measure(t, colw - box - 1.6, size=size, one_line=True, pad=TICK_PAD) for t in texts]
    heights = []
    for r in range(rows):
        row = [fitted_height(f, TICK_PAD) for f in fitted[r::rows]]
        heights.append(max([box + 0.8, *row]))
    return colw, fitted, heights


def ticks_height(w: float, texts: Sequence[str], rows: int, size: float, box: float) -> float:
    """Height in mm of :meth:`Doc.ticks` for these texts."""
    return sum(tick_layout(w, texts, rows, size, box)[2])


@dataclass(frozen=True)
class Region:
    """Where a named value was drawn: page index and box in points, origin top-left."""

    page: int
    name: str
    x0: float
    top: float
    x1: float
    bottom: float


class Doc:
    """A PDF being written: pages of one paper size, drawing helpers in mm from the top left."""

    def __init__(
        self, paper: str, *, title: str = "", author: str = "ShipDesk", dry: bool = False
    ) -> None:
        """``dry``: measure only (fitting runs, nothing is drawn), to count sheets beforehand."""
        fonts.register_fonts()
        self.paper = paper
        self.w, self.h = PAPERS[paper]
        self.dry = dry
        self.buf = io.BytesIO()
        self.c = Canvas(
            self.buf,
            pagesize=(self.w * MM, self.h * MM),
            pageCompression=1,
            invariant=1,
            initialFontName=fonts.font_name(),
            initialFontSize=9,
        )
        self.c.setTitle(title)
        self.c.setAuthor(author)
        self.c.setSubject(title)
        self.c.setCreator("ShipDesk")
        self.page = 0
        self.regions: list[Region] = []
        self.watermark = ""
        self.marker = CONTINUED  # note ending a box whose text continues elsewhere
        self.overflow: list[tuple[str, str]] = []  # (box label, text that did not fit)
        self._dirty = False

    # -- pages ----------------------------------------------------------------------------------
    def new_page(self) -> None:
        if self._dirty:
            self.c.showPage()
            self.page += 1
        self._dirty = True
        if self.watermark and not self.dry:
            self._draw_watermark()

    def _draw_watermark(self) -> None:
        c = self.c
        c.saveState()
        c.setFillGray(0.82)
        size = min(self.w, self.h) / 9.0 * MM / 2.2
        c.translate(self.w * MM / 2, self.h * MM / 2)
        c.rotate(55 if self.h > self.w else 30)
        for k, part in enumerate(self.watermark.split(" / ")):
            c.setFont(fonts.font_name(bold=True), size)
            c.drawCentredString(0, -k * size * 1.3, part)
        c.restoreState()

    def finish(self) -> bytes:
        if not self._dirty:
            self.new_page()
        self.c.showPage()
        self.c.save()
        return self.buf.getvalue()

    # -- primitives -----------------------------------------------------------------------------
    def _y(self, y_mm: float) -> float:
        return (self.h - y_mm) * MM

    def text(
        self,
        x: float,
        y: float,
        s: str,
        size: float,
        *,
        bold: bool = False,
        align: str = "left",
        width: float = 0.0,
    ) -> None:
        """Draw one line with its baseline at ``y`` mm; align within ``width`` mm if given."""
        if self.dry:
            return
        s, base = bidi.split_mark(s)  # a wrapped line keeps its paragraph's direction
        s = fonts.clean_text(s)
        if not s:
            return
        if bidi.has_rtl(s):
            s = bidi.visual(s, base)
        x_pt = x * MM
        if align != "left":
            tw = fonts.string_width(s, size, bold)
            if align == "right":
                x_pt = (x + width) * MM - tw
            elif align == "center":
                x_pt = x * MM + (width * MM - tw) / 2
        t = self.c.beginText(x_pt, self._y(y))
        for font, run in fonts.runs(s, bold):
            t.setFont(font, size)
            t.textOut(run)
        self.c.drawText(t)

    def rect(self, x: float, y: float, w: float, h: float, lw: float = 0.6) -> None:
        if self.dry:
            return
        self.c.setLineWidth(lw)
        self.c.rect(x * MM, self._y(y + h), w * MM, h * MM, stroke=1, fill=0)

    def fill_rect(self, x: float, y: float, w: float, h: float, grey: float = 0.88) -> None:
        if self.dry:
            return
        self.c.saveState()
        self.c.setFillGray(grey)
        self.c.rect(x * MM, self._y(y + h), w * MM, h * MM, stroke=0, fill=1)
        self.c.restoreState()

    def line(self, x1: float, y1: float, x2: float, y2: float, lw: float = 0.5) -> None:
        if self.dry:
            return
        self.c.setLineWidth(lw)
        self.c.line(x1 * MM, self._y(y1), x2 * MM, self._y(y2))

    def dashed(self, x1: float, y1: float, x2: float, y2: float) -> None:
        if self.dry:
            return
        self.c.saveState()
        self.c.setDash(2, 2)
        self.line(x1, y1, x2, y2, 0.4)
        self.c.restoreState()

    def record(self, name: str, x: float, y: float, w: float, h: float) -> None:
        self.regions.append(Region(self.page, name, x * MM, y * MM, (x + w) * MM, (y + h) * MM))

    # -- composite ------------------------------------------------------------------------------
    def fit_in(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        paragraphs: Sequence[str] | str,
        *,
        size: float = 9.0,
        min_size: float = MIN_SIZE,
        bold: bool = False,
        align: str = "left",
        one_line: bool = False,
        region: str | None = None,
        pad: float = 0.8,
        label: str | None = None,
    ) -> str:
        """Fit text inside the box (mm) and draw it; returns the text that did not fit.

        Text that does not fit is also kept in ``self.overflow`` under ``label`` (or the
        region name), so a layout can move it to a continuation sheet.
        """
        f = self.fit_box(
            x,
            y,
            w,
            h,
            paragraphs,
            size=size,
            min_size=min_size,
            bold=bold,
            align=align,
            one_line=one_line,
            region=region,
            pad=pad,
            label=label,
        )
        return f.rest

    def fit_box(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        paragraphs: Sequence[str] | str,
        *,
        size: float = 9.0,
        min_size: float = MIN_SIZE,
        bold: bool = False,
        align: str = "left",
        one_line: bool = False,
        region: str | None = None,
        pad: float = 0.8,
        label: str | None = None,
    ) -> Fitted:
        """:meth:`fit_in`, returning what was drawn (the size it took, the lines)."""
        if isinstance(paragraphs, str):
            paragraphs = [paragraphs]
        iw, ih = max(0.1, w - 2 * pad), max(0.1, h - 2 * pad * 0.6)
        f = fit(
            paragraphs,
            iw * MM,
            ih * MM,
            size=size,
            min_size=min_size,
            bold=bold,
            one_line=one_line,
            marker=self.marker,
        )
        self.draw_fitted(x, y, w, f, bold=bold, align=align, region=region, h=h, pad=pad)
        if f.rest:
            self.overflow.append((label or region or "", f.rest))
        return f

    @staticmethod
    def baseline(y: float, f: Fitted, pad: float = 0.8) -> float:
        """Baseline (mm) of the first line of ``f`` drawn from the top of a box at ``y``."""
        return y + pad * 0.6 + f.size / MM * 0.93

    def draw_fitted(
        self,
        x: float,
        y: float,
        w: float,
        f: Fitted,
        *,
        bold: bool = False,
        align: str = "left",
        region: str | None = None,
        h: float = 0.0,
        pad: float = 0.8,
    ) -> None:
        """Draw lines fitted beforehand (see :func:`fit`) from the top of a box."""
        if region:
            self.record(region, x, y, w, h or fitted_height(f, pad))
        iw = max(0.1, w - 2 * pad)
        line_h = f.size * LEADING / MM
        yy = self.baseline(y, f, pad)
        for k, ln in enumerate(f.lines):
            if f.marker and k == len(f.lines) - 1:
                self._marker(x + pad, yy, iw, ln, f.size)
            else:
                self.text(x + pad, yy, ln, f.size, bold=bold, align=align, width=iw)
            yy += line_h

    def _marker(self, x: float, y: float, width: float, note: str, size: float) -> None:
        """The "continued" note, made smaller (down to the legible minimum) or shorter (its
        first language, then just the arrow) to stay inside the box."""
        s = size
        while s > MIN_SIZE and fonts.string_width(note, s) > width * MM:
            s = max(MIN_SIZE, s - 0.25)
        for shorter in (note.split(" / ")[0], "→ …"):
            if fonts.string_width(note, s) <= width * MM:
                break
            note = shorter
        self.text(x, y, note, s)

    def label(
        self, x: float, y: float, w: float, text: str, *, size: float = CAPTION_SIZE
    ) -> float:
        """A box caption at the top of a box, wrapped at ``size`` (never smaller); returns the
        height it used (mm), the same as :func:`caption_height`."""
        size = max(size, MIN_SIZE)
        lines = caption_lines(w, text, size)
        yy = y + 0.5 + size / MM * 0.9
        for ln in lines:
            self.text(x + 0.6, yy, ln, size)
            yy += size * CAPTION_LEADING / MM
        return len(lines) * size * CAPTION_LEADING / MM + 0.7

    def ticks(
        self,
        x: float,
        y: float,
        w: float,
        entries: Sequence[tuple[str, str, bool]],
        *,
        rows: int,
        size: float,
        box: float,
    ) -> float:
        """Tick boxes with their texts, ``(region, text, ticked)`` filled column by column in
        columns of ``rows``; a text too long for its column wraps and its row grows. Returns
        the height used (mm)."""
        colw, fitted, heights = tick_layout(w, [t for _r, t, _c in entries], rows, size, box)
        for k, (region, _text, checked) in enumerate(entries):
            col, row = divmod(k, rows)
            cx = x + col * colw + 1.0
            ry = y + sum(heights[:row])
            f = fitted[k]
            # the box centred on the first line's small letters
            baseline = self.baseline(ry, f, TICK_PAD)
            self.checkbox(cx, baseline - f.size * 0.27 / MM - box / 2, checked, size=box)
            self.draw_fitted(
                cx + box + 0.4, ry, colw - box - 1.6, f, region=region, h=heights[row], pad=TICK_PAD
            )
        return sum(heights)

    def checkbox(self, x: float, y: float, checked: bool, size: float = 2.8) -> None:
        self.rect(x, y, size, size, 0.6)
        if checked:
            self.c.setLineWidth(1.0)
            self.line(x + 0.45, y + 0.45, x + size - 0.45, y + size - 0.45, 1.0)
            self.line(x + 0.45, y + size - 0.45, x + size - 0.45, y + 0.45, 1.0)

    def cut_marks(self, x: float, y: float, w: float, h: float, length: float = 4.0) -> None:
        """Corner crop marks just outside the rectangle."""
        gap = 1.0
        for cx, dx in ((x, -1), (x + w, 1)):
            for cy, dy in ((y, -1), (y + h, 1)):
                self.line(cx + dx * gap, cy, cx + dx * (gap + length), cy, 0.3)
                self.line(cx, cy + dy * gap, cx, cy + dy * (gap + length), 0.3)

    def barcode(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        value: str,
        *,
        region: str,
        bars: bool = True,
    ) -> None:
        """Code 128 of ``value`` centred in the box, human-readable text under the bars.

        Code 128 encodes printable ASCII only; any other value, and any value with ``bars``
        false, is printed as text alone.
        """
        if self.dry:
            return
        text_h = BARCODE_TEXT_H
        if not bars or not all(32 <= ord(ch) < 127 for ch in value):
            self.fit_in(x, y, w, h, value, size=10, bold=True, align="center", region=region)
            return
        bar_h = max(4.0, h - text_h - 0.6)
        bc = Code128(value, barHeight=bar_h * MM, barWidth=0.33 * MM, quiet=0, humanReadable=0)
        if bc.width > w * MM:
            bc = Code128(
                value,
                barHeight=bar_h * MM,
                barWidth=w * MM / bc.width * 0.33 * MM,
                quiet=0,
                humanReadable=0,
            )
        bx = x * MM + (w * MM - bc.width) / 2
        bc.drawOn(self.c, bx, self._y(y + bar_h))
        self.fit_in(
            x,
            y + bar_h + 0.2,
            w,
            text_h,
            value,
            size=9,
            bold=True,
            align="center",
            one_line=True,
            region=region,
            pad=0.2,
        )

    def copy_mark(self, x: float, y: float, w: float, copy: int, copies: int) -> None:
        if copies > 1:
            self.text(
                x,
                y,
                f"Copy {copy} of {copies} / Exemplaire {copy} sur {copies}",
                6.5,
                bold=True,
                align="right",
                width=w,
            )
