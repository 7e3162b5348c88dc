"""CN 22 customs declaration: one label on 4x6 in / A6 stock, or four to a sheet with cut marks.

Boxes as on the UPU CN 22: header (operator, CUSTOMS DECLARATION CN 22, May be opened
officially), the item number barcode when there is one, the category tick boxes with the
explanation, item lines (1)-(5), totals (6) and (7), the certification with (8) date and
signature. Item lines that do not fit go on continuation labels of the same size.
"""

from __future__ import annotations

from dataclasses import dataclass

from shipdesk.core.documents import fonts, labels, printed
from shipdesk.core.documents.fitting import MM, fit, fitted_height
from shipdesk.core.documents.layout import Doc
from shipdesk.core.documents.tables import (
    Col,
    Row,
    draw_header,
    draw_rows,
    header_height,
    make_rows,
)
from shipdesk.core.documents.tables import paginate as paginate_rows

HEADER_H = 17.0
BARCODE_H = 16.0  # caption, 1 mm, bars of about 9 mm, the number
TOTALS_H = 8.5
CERT_H = 15.0
SIGN_H = 9.5
CONT_HEADER_H = 11.0  # title and sender of a continuation label
CONT_BARCODE_H = 11.0  # its item number with bars
LABEL_MARGIN = 5.0  # mm kept clear at each edge of a 4x6 or A6 label
EXPLANATION_SIZE = 6.0  # the project's legible minimum for printed text


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
    return [
        Col("description", labels.CN22["desc"], w * 0.40),
        Col("net_weight_kg", labels.CN22["weight"], w * 0.13, "right", True),
        Col("value", printed.with_unit(labels.CN22["value"], currency), w * 0.15, "right", True),
        Col("hs_code", labels.CN22["hs"], w * 0.15, "left", True, COMMERCIAL),
        Col("origin_country", labels.CN22["origin"], w * 0.17, "left", True, COMMERCIAL),
    ]


def _row_data(job: printed.Job) -> list[tuple[str, list[str]]]:
    out = []
    for i, it in printed.items(job.decl):
        qty = printed.quantity(it.quantity)
        desc = f"{qty} × {it.description}" if qty else it.description
        out.append(
            (
                f"items[{i}]",
                [
                    desc,
                    printed.weight(it.net_weight_kg),
                    printed.money(it.value),
                    it.hs_code,
                    it.origin_country.strip().upper(),
                ],
            )
        )
    return out


class CN22:
    def __init__(self, job: printed.Job, doc: Doc) -> None:
        self.job = job
        self.decl = job.decl
        self.frame0 = frames(doc)[0]
        f = self.frame0
        self.cols = _cols(f.w, (self.decl.currency or "").upper())
        self.head_h = header_height(doc, self.cols)
        bar = BARCODE_H if self.decl.item_id.strip() else 0.0
        cat_h = self._category_height()
        fixed = HEADER_H + bar + cat_h + self.head_h + TOTALS_H + CERT_H + SIGN_H
        self.first_area = f.h - fixed
        # a continuation label repeats the item number (with bars), the sender and a signature
        self.cont_head_h = CONT_HEADER_H + (
            CONT_BARCODE_H if printed.item_number(job.decl).text else 0
        )
        self.next_area = f.h - self.cont_head_h - self.head_h - 2 - SIGN_H
        data = _row_data(job)
        self.rows = make_rows(self.cols, data, size=6.8, min_height=4.0)
        self.pages = paginate_rows(self.rows, [self.first_area, self.next_area])
        if len(self.pages) > 1:  # lines over several labels are numbered
            self.rows = make_rows(self.cols, printed.numbered(data), size=6.8, min_height=4.0)
            self.pages = paginate_rows(self.rows, [self.first_area, self.next_area])
        dry = Doc(doc.paper, dry=True)
        dry.new_page()
        self.overflow = self._label1(dry, f, 1, 1, 99)
        self.count = len(self.pages) + (1 if self.overflow else 0)

    def _category_height(self) -> float:
        return 17.0 if self.decl.category == "other" or self.decl.category_explanation else 11.0

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
        # Header
        wl = W * 0.40
        lh = doc.label(x0, y, wl, labels.DESIGNATED_OPERATOR, size=4.5)
        doc.fit_in(
            x0,
            y + lh,
            wl,
            HEADER_H - lh,
            self.job.operator_name,
            size=8,
            bold=True,
            region="operator",
            label=labels.DESIGNATED_OPERATOR,
        )
        doc.line(x0 + wl, y, x0 + wl, y + HEADER_H)
        doc.fit_in(
            x0 + wl,
            y + 0.3,
            W - wl,
            5.2,
            labels.CUSTOMS_DECLARATION,
            size=6,
            bold=True,
            min_size=4.5,
            align="center",
            one_line=True,
        )
        doc.fit_in(
            x0 + wl,
            y + 4.6,
            W - wl,
            6,
            "CN 22",
            size=12,
            bold=True,
            align="center",
            region="form_name",
        )
        doc.fit_in(
            x0 + wl,
            y + 10.2,
            W - wl,
            HEADER_H - 10.2,
            [labels.MAY_BE_OPENED, labels.SEE_INSTRUCTIONS],
            size=5.2,
            min_size=3.8,
            align="center",
            pad=0.4,
        )
        y += HEADER_H
        doc.line(x0, y, x0 + W, y, 0.6)
        num = printed.item_number(d)
        if num.text:
            lh = doc.label(x0, y, W, labels.ITEM_NO, size=4.5)
            doc.barcode(  # 1 mm clear of its caption
                x0 + 4,
                y + lh + 1.0,
                W - 8,
                BARCODE_H - lh - 1.4,
                num.text,
                region="item_id",
                bars=num.barcode,
            )
            y += BARCODE_H
            doc.line(x0, y, x0 + W, y, 0.6)
        # Category
        cat_h = self._category_height()
        colw = W / 2
        for k, cat in enumerate(labels.CN22_CATEGORY_ORDER):
            cx = x0 + 1.2 + (k // 3) * colw
            cy = y + 0.9 + (k % 3) * 3.3
            doc.checkbox(cx, cy, d.category == cat, size=2.5)
            doc.fit_in(
                cx + 3.0,
                cy - 0.7,
                colw - 4.5,
                3.6,
                labels.CATEGORY_LABELS[cat],
                size=5.6,
                min_size=4.2,
                one_line=True,
                region=f"category.{cat}",
            )
        if cat_h > 11.0:
            ey = y + 10.6
            caption = labels.EXPLANATION + ":"
            doc.text(x0 + 1, ey + 2.0, caption, EXPLANATION_SIZE)
            # the explanation starts after its caption, however long the caption prints
            tx = x0 + 1 + fonts.string_width(caption, EXPLANATION_SIZE, False) / MM + 1.5
            doc.fit_in(
                tx,
                ey - 0.2,
                x0 + W - 1 - tx,
                cat_h - 10.6,
                d.category_explanation,
                size=6.5,
                region="category_explanation",
                label=labels.EXPLANATION,
            )
        y += cat_h
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
            doc.rect(bx, y, half, TOTALS_H)
            lh = doc.label(bx, y, half, labels.CN22[key], size=4.5)
            doc.fit_in(
                bx,
                y + lh,
                half,
                TOTALS_H - lh,
                value,
                size=8,
                bold=True,
                align="right",
                one_line=True,
                region=region,
                label=labels.CN22[key],
            )
        y += TOTALS_H
        # Certification, (8) date and signature
        doc.fit_in(x0, y + 0.2, W, CERT_H - 0.2, labels.CERTIFICATION, size=5.2, min_size=4.0)
        y += CERT_H
        self._signature(doc, x0, y, W, region="date")
        return doc.overflow[mark:]

    def _signature(self, doc: Doc, x0: float, y: float, W: float, *, region: str) -> None:
        """(8) Date and sender's signature, on the first label and on every continuation."""
        doc.line(x0, y, x0 + W, y, 0.6)
        lh = doc.label(x0, y, W, labels.CN22["sign"], size=4.5)
        doc.fit_in(
            x0,
            y + lh,
            W * 0.35,
            SIGN_H - lh,
            printed.print_date(self.decl),
            size=7.5,
            one_line=True,
            region=region,
        )
        doc.dashed(x0 + W * 0.38, y + SIGN_H - 1.8, x0 + W - 2, y + SIGN_H - 1.8)

    def _cont(self, doc: Doc, f: Frame, n: int, copy: int, copies: int) -> None:
        d = self.decl
        x0, y, W = f.x, f.y, f.w
        self._top(doc, f, copy, copies, n, self.count)
        doc.rect(x0, y, W, f.h, 0.9)
        doc.fit_in(
            x0, y + 0.3, W, 5, f"CN 22 — {labels.CONTINUATION}", size=8, bold=True, one_line=True
        )
        doc.fit_in(
            x0,
            y + 5.3,
            W,
            5,
            printed.sender_line(d),
            size=6.5,
            min_size=6.0,
            region=f"sender~{n}",
        )
        num = printed.item_number(d)
        if num.text:
            doc.barcode(
                x0 + 4,
                y + CONT_HEADER_H,
                W - 8,
                CONT_BARCODE_H - 0.6,
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
            bottom = f.y + f.h - SIGN_H
            for label, text in self.overflow:
                lh = doc.label(x0, y, W, label)
                fitted = fit([text], (W - 1.6) * MM, (bottom - y - lh) * MM, size=6.5)
                doc.draw_fitted(x0, y + lh, W, fitted, region=f"overflow:{label}")
                y += lh + fitted_height(fitted) + 1.5
        self._signature(doc, x0, f.y + f.h - SIGN_H, W, region=f"date~{n}")

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
