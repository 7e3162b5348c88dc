"""CN 22 customs declaration: one label on 4x6 in / A6 stock, or four to a sheet with cut marks.

Boxes as on the UPU CN 22: header (operator, CUSTOMS DECLARATION CN 22, May be opened
officially), the item number barcode when there is one, the category tick boxes with the
explanation, item lines (1)-(5), totals (6) and (7), the certification with (8) date and
signature. Item lines that do not fit go on continuation labels of the same size.
"""

from __future__ import annotations

from dataclasses import dataclass

from shipdesk.core.documents import fonts, labels, printed
from shipdesk.core.documents.fitting import (
    MIN_SIZE,
    MM,
    Fitted,
    fit,
    fitted_height,
    lines_height,
    measure,
    measure_bilingual,
)
from shipdesk.core.documents.layout import (
    BAR_H,
    Doc,
    barcode_height,
    caption_height,
    ticks_height,
)
from shipdesk.core.documents.tables import (
    Col,
    Row,
    draw_header,
    draw_rows,
    header_height,
    make_rows,
    widen,
)
from shipdesk.core.documents.tables import paginate as paginate_rows
from shipdesk.core.model import Item

LABEL_MARGIN = 5.0  # mm kept clear at each edge of a 4x6 or A6 label
EXPLANATION_SIZE = MIN_SIZE  # the "Explanation" caption before the text
TICK_SIZE = 6.5  # the category texts beside their tick boxes (down to 6 pt, then wrapped)
TOTAL_SIZE = 8.0  # the totals (6) and (7)
DATE_SIZE = 7.5
CONT_TITLE_H = 11.0  # at least: title and sender of a continuation label


@dataclass(frozen=True)
class Frame:
    x: float
    y: float
    w: float
    h: float


def frames(doc: Doc) -> list[Frame]:
    """Where labels go on a page: the whole label, or a 2 x 2 grid on A4 / Letter."""
    if doc.paper in ("label-4x6", "a6"):
        # 5 mm clear of every edge (label printers do not print to the edge); the sheet and
        # copy line above the frame stays inside that margin too
        m = LABEL_MARGIN
        return [Frame(m, m + 3.0, doc.w - 2 * m, doc.h - 2 * m - 3.0)]
    cw, ch = doc.w / 2, doc.h / 2
    fw, fh = min(97.0, cw - 10), ch - 16
    out = []
    for r in range(2):
        for c in range(2):
            out.append(Frame(c * cw + (cw - fw) / 2, r * ch + (ch - fh) / 2 + 1, fw, fh))
    return out


COMMERCIAL = labels.CN22["commercial"]


def _cols(w: float, currency: str) -> list[Col]:
    # balanced at 6 pt: the description as wide as it gets before the caption row (the
    # "For commercial items only" band over (4) and (5) included) grows taller
    return widen(
        [
            Col("description", labels.CN22["desc"], w * 0.40),
            Col("net_weight_kg", labels.CN22["weight"], w * 0.12, "right", True),
            Col(
                "value", printed.with_unit(labels.CN22["value"], currency), w * 0.13, "right", True
            ),
            Col("hs_code", labels.CN22["hs"], w * 0.17, "left", True, COMMERCIAL),
            Col("origin_country", labels.CN22["origin"], w * 0.18, "left", True, COMMERCIAL),
        ]
    )


def _qty_description(n: int, it: Item) -> str:
    qty = printed.quantity(it.quantity)
    return f"{qty} × {it.description}" if qty else it.description


def _row_data(job: printed.Job, cols: list[Col]) -> list[tuple[str, list[str]]]:
    cells = printed.item_cells() | {"description": _qty_description}
    return printed.item_rows(job.decl, [c.key for c in cols], cells)


class CN22:
    """One CN 22 (first label and continuation labels). Every box is as tall as its caption and
    fixed texts need at the 6 pt minimum; the item lines get what is left of the label."""

    def __init__(self, job: printed.Job, doc: Doc) -> None:
        self.job = job
        self.decl = job.decl
        self.frame0 = frames(doc)[0]
        f = self.frame0
        W = f.w
        self.cols = _cols(W, (self.decl.currency or "").upper())
        self.head_h = header_height(doc, self.cols)
        self._measure(W)
        self.has_number = bool(printed.item_number(job.decl).text)
        fixed = self.header_h + self.category_h + self.head_h + self.totals_h
        fixed += self.cert_h + self.sign_h + (self.barcode_h if self.has_number else 0.0)
        self.first_area = f.h - fixed
        # a continuation label repeats the item number (with bars), the sender and a signature
        self.cont_head_h = self.cont_title_h + (barcode_height() + 0.6 if self.has_number else 0)
        self.next_area = f.h - self.cont_head_h - self.head_h - 2 - self.sign_h
        data = _row_data(job, self.cols)
        self.rows = make_rows(self.cols, data, size=6.8, min_height=4.0)
        self.pages = paginate_rows(self.rows, [self.first_area, self.next_area])
        if len(self.pages) > 1:  # lines over several labels are numbered
            self.rows = make_rows(self.cols, printed.numbered(data), size=6.8, min_height=4.0)
            self.pages = paginate_rows(self.rows, [self.first_area, self.next_area])
        dry = Doc(doc.paper, dry=True)
        dry.new_page()
        self.overflow = self._label1(dry, f, 1, 1, 99)
        self.count = len(self.pages) + (1 if self.overflow else 0)

    def _measure(self, W: float) -> None:
        """Heights (mm) of the fixed boxes from their texts at their sizes, 6 pt at least."""
        self.wl = W * 0.40
        wr = W - self.wl
        self.title_fit = measure_bilingual(
            labels.CUSTOMS_DECLARATION, wr, size=6.5, bold=True, one_line=True, pad=0.4
        )
        self.form_fit = measure("CN 22", wr, size=12, bold=True, pad=0.4)
        may, see = (
            measure_bilingual(t, wr, size=6, pad=0.4)
            for t in (labels.MAY_BE_OPENED, labels.SEE_INSTRUCTIONS)
        )
        self.notes_fit = Fitted(6, may.lines + see.lines, "")
        right = sum(fitted_height(x, 0.4) for x in (self.title_fit, self.form_fit, self.notes_fit))
        left = caption_height(self.wl, labels.DESIGNATED_OPERATOR) + lines_height(2, 8)
        self.header_h = max(left, right) + 0.4
        self.barcode_h = caption_height(W, labels.ITEM_NO) + 1.0 + barcode_height(BAR_H) + 0.4
        texts = [labels.CATEGORY_LABELS[c] for c in labels.CN22_CATEGORY_ORDER]
        self.ticks_h = ticks_height(W, texts, 3, TICK_SIZE, 2.5) + 0.6
        d = self.decl
        self.explanation_h = (
            lines_height(2, 6.5) if d.category == "other" or d.category_explanation else 0.0
        )
        self.category_h = self.ticks_h + self.explanation_h
        half = W / 2
        self.totals_h = max(
            caption_height(half, labels.CN22[k]) for k in ("total_weight", "total_value")
        ) + lines_height(1, TOTAL_SIZE)
        self.cert_fit = measure(labels.CERTIFICATION, W, size=MIN_SIZE)
        self.cert_h = fitted_height(self.cert_fit) + 0.2
        self.sign_caption_h = caption_height(W, labels.CN22["sign"])
        # continuation labels: the sender's name and address in full (up to six lines at 6 pt)
        sender = measure(printed.sender_line(d), W, size=6.5)
        self.sender_h = min(fitted_height(sender), lines_height(6, MIN_SIZE))
        self.cont_title_h = max(CONT_TITLE_H, 5.3 + self.sender_h + 0.4)
        self.sign_h = self.sign_caption_h + 7.0  # the date, and room to sign above the line

    def _top(self, doc: Doc, f: Frame, copy: int, copies: int, n: int, total: int) -> None:
        if total > 1:
            doc.text(f.x, f.y - 1.2, labels.SHEET.format(n=n, total=total), 6.0)
        if copies > 1:
            doc.text(
                f.x,
                f.y - 1.2,
                f"Copy {copy} of {copies} / Exemplaire {copy} sur {copies}",
                6.0,
                bold=True,
                align="right",
                width=f.w,
            )

    def _label1(self, doc: Doc, f: Frame, copy: int, copies: int, total: int) -> list:
        d = self.decl
        mark = len(doc.overflow)
        x0, y, W = f.x, f.y, f.w
        self._top(doc, f, copy, copies, 1, total)
        doc.rect(x0, y, W, f.h, 0.9)
        # Header: operator | CUSTOMS DECLARATION, CN 22, May be opened officially
        wl, hh = self.wl, self.header_h
        lh = doc.label(x0, y, wl, labels.DESIGNATED_OPERATOR)
        doc.fit_in(
            x0,
            y + lh,
            wl,
            hh - lh,
            self.job.operator_name,
            size=8,
            bold=True,
            region="operator",
            label=labels.DESIGNATED_OPERATOR,
        )
        doc.line(x0 + wl, y, x0 + wl, y + hh)
        ty = y + 0.2
        for fitted, region in (
            (self.title_fit, None),
            (self.form_fit, "form_name"),
            (self.notes_fit, None),
        ):
            doc.draw_fitted(
                x0 + wl,
                ty,
                W - wl,
                fitted,
                bold=fitted is not self.notes_fit,
                align="center",
                region=region,
                pad=0.4,
            )
            ty += fitted_height(fitted, 0.4)
        y += hh
        doc.line(x0, y, x0 + W, y, 0.6)
        num = printed.item_number(d)
        if num.text:
            lh = doc.label(x0, y, W, labels.ITEM_NO)
            doc.barcode(  # 1 mm clear of its caption
                x0 + 4,
                y + lh + 1.0,
                W - 8,
                barcode_height(BAR_H),
                num.text,
                region="item_id",
                bars=num.barcode,
            )
            y += self.barcode_h
            doc.line(x0, y, x0 + W, y, 0.6)
        # Category
        entries = [
            (f"category.{cat}", labels.CATEGORY_LABELS[cat], d.category == cat)
            for cat in labels.CN22_CATEGORY_ORDER
        ]
        doc.ticks(x0, y + 0.3, W, entries, rows=3, size=TICK_SIZE, box=2.5)
        if self.explanation_h:
            ey = y + self.ticks_h
            caption = labels.EXPLANATION + ":"
            # the explanation starts after its caption, however long the caption prints
            tx = x0 + 1 + fonts.string_width(caption, EXPLANATION_SIZE, False) / MM + 1.0
            expl = doc.fit_box(
                tx,
                ey,
                x0 + W - 1 - tx,
                self.explanation_h,
                d.category_explanation,
                size=6.5,
                region="category_explanation",
                label=labels.EXPLANATION,
            )
            # the caption on the baseline of the explanation's first line
            doc.text(x0 + 1, doc.baseline(ey, expl), caption, EXPLANATION_SIZE)
        y += self.category_h
        doc.line(x0, y, x0 + W, y, 0.6)
        # Items
        draw_header(doc, x0, y, self.cols, self.head_h)
        y += self.head_h
        y = draw_rows(doc, x0, y, self.cols, self.pages[0] if self.pages else [], self.first_area)
        # Totals
        half = W / 2
        for k, (key, value, region) in enumerate(
            (
                ("total_weight", printed.total_gross(d), "gross_weight_kg"),
                ("total_value", f"{printed.total_value(d)} {d.currency.upper()}", "total_value"),
            )
        ):
            bx = x0 + k * half
            doc.rect(bx, y, half, self.totals_h)
            lh = doc.label(bx, y, half, labels.CN22[key])
            doc.fit_in(
                bx,
                y + lh,
                half,
                self.totals_h - lh,
                value,
                size=TOTAL_SIZE,
                bold=True,
                align="right",
                one_line=True,
                region=region,
                label=labels.CN22[key],
            )
        y += self.totals_h
        # Certification, (8) date and signature
        doc.draw_fitted(x0, y + 0.2, W, self.cert_fit)
        y += self.cert_h
        self._signature(doc, x0, y, W, region="date")
        return doc.overflow[mark:]

    def _signature(self, doc: Doc, x0: float, y: float, W: float, *, region: str) -> None:
        """(8) Date and sender's signature, on the first label and on every continuation."""
        doc.line(x0, y, x0 + W, y, 0.6)
        lh = doc.label(x0, y, W, labels.CN22["sign"])
        doc.fit_in(
            x0,
            y + lh,
            W * 0.35,
            lines_height(1, DATE_SIZE),
            printed.print_date(self.decl),
            size=DATE_SIZE,
            one_line=True,
            region=region,
        )
        line_y = y + self.sign_h - 1.8
        doc.dashed(x0 + W * 0.38, line_y, x0 + W - 2, line_y)

    def _cont(self, doc: Doc, f: Frame, n: int, copy: int, copies: int) -> None:
        d = self.decl
        x0, y, W = f.x, f.y, f.w
        self._top(doc, f, copy, copies, n, self.count)
        doc.rect(x0, y, W, f.h, 0.9)
        doc.fit_in(
            x0, y + 0.3, W, 5, f"CN 22 — {labels.CONTINUATION}", size=8, bold=True, one_line=True
        )
        doc.fit_in(
            x0, y + 5.3, W, self.sender_h, printed.sender_line(d), size=6.5, region=f"sender~{n}"
        )
        num = printed.item_number(d)
        if num.text:
            doc.barcode(
                x0 + 4,
                y + self.cont_title_h,
                W - 8,
                barcode_height(BAR_H),
                num.text,
                region=f"item_id~{n}",
                bars=num.barcode,
            )
        y += self.cont_head_h
        doc.line(x0, y, x0 + W, y, 0.6)
        if n <= len(self.pages):
            draw_header(doc, x0, y, self.cols, self.head_h)
            draw_rows(doc, x0, y + self.head_h, self.cols, self.pages[n - 1], self.next_area)
        else:
            doc.fit_in(x0, y, W, 5, labels.CONTINUED_TEXT, size=7, bold=True)
            y += 5
            bottom = f.y + f.h - self.sign_h
            for label, text in self.overflow:
                lh = doc.label(x0, y, W, label)
                fitted = fit([text], (W - 1.6) * MM, (bottom - y - lh) * MM, size=6.5)
                doc.draw_fitted(x0, y + lh, W, fitted, region=f"overflow:{label}")
                y += lh + fitted_height(fitted) + 1.5
        self._signature(doc, x0, f.y + f.h - self.sign_h, W, region=f"date~{n}")

    def labels_for_copy(self, copy: int, copies: int) -> list[tuple[int, int, int]]:
        return [(n, copy, copies) for n in range(1, self.count + 1)]

    def draw_label(self, doc: Doc, f: Frame, n: int, copy: int, copies: int) -> None:
        # Labels keep their own geometry: shift the measured layout to the frame.
        if n == 1:
            self._label1(doc, f, copy, copies, self.count)
        else:
            self._cont(doc, f, n, copy, copies)


def draw(job: printed.Job, doc: Doc) -> None:
    """Draw all labels of all copies; on A4 / Letter four to a sheet, with cut marks."""
    form = CN22(job, doc)
    todo: list[tuple[int, int, int]] = []
    for copy in range(1, job.copies + 1):
        todo.extend(form.labels_for_copy(copy, job.copies))
    slots = frames(doc)
    for k, (n, copy, copies) in enumerate(todo):
        slot = k % len(slots)
        if slot == 0:
            doc.new_page()
        f = slots[slot]
        if len(slots) > 1:
            doc.cut_marks(f.x - 1.5, f.y - 3.5, f.w + 3, f.h + 5)
        form.draw_label(doc, f, n, copy, copies)


__all__ = ["CN22", "Row", "draw", "frames"]
