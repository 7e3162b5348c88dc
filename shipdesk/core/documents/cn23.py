"""CN 23 customs declaration on A4 or Letter, with continuation sheets.

Sheet 1 follows the UPU layout box by box (1)-(15): header with the item number barcode, sender
and addressee with their references, the item lines, totals and postal charges, category,
comments, licence / certificate / invoice, office of origin and the signed certification.
Item lines that do not fit go on continuation sheets (which repeat the item number and the
sender); text that does not fit its box even at the minimum size goes to a "text continued"
part of the last continuation sheet.

Longer than most modules on purpose: sheet 1 is one page drawn top to bottom, each box placed
below the one before, so its boxes stay together in one method rather than spread over files.
"""

from __future__ import annotations

from shipdesk.core.documents import labels, printed
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

TOP = 9.0
BOTTOM = 9.0
HEADER_H = 24.0
PARTY_H = 31.0
TOTALS_H = 10.0
CATEGORY_H = 21.0
DOCS_H = 13.0
NONDELIVERY_H = 6.5
BOTTOM_H = 27.0
CONT_HEADER_H = 17.0
CONT_SIGN_H = 10.0  # date and signature at the foot of a continuation sheet


def _frame(doc: Doc) -> tuple[float, float]:
    width = min(190.0, doc.w - 16.0)
    return (doc.w - width) / 2, width


COMMERCIAL = labels.CN23["commercial"]


def _cols(width: float, currency: str) -> list[Col]:
    w = width
    return [
        Col("description", labels.CN23["desc"], w * 0.39),
        Col("quantity", labels.CN23["qty"], w * 0.08, "right", True),
        Col("net_weight_kg", labels.CN23["net"], w * 0.11, "right", True),
        Col("value", printed.with_unit(labels.CN23["value"], currency), w * 0.13, "right", True),
        Col("hs_code", labels.CN23["hs"], w * 0.13, "left", True, COMMERCIAL),
        Col("origin_country", labels.CN23["origin"], w * 0.16, "left", True, COMMERCIAL),
    ]


def _row_data(job: printed.Job) -> list[tuple[str, list[str]]]:
    out = []
    for i, it in printed.items(job.decl):
        out.append(
            (
                f"items[{i}]",
                [
                    it.description,
                    printed.quantity(it.quantity),
                    printed.weight(it.net_weight_kg),
                    printed.money(it.value),
                    it.hs_code,
                    printed.country(it.origin_country),
                ],
            )
        )
    return out


class CN23:
    """Lays out one CN 23 (all its sheets) for one copy."""

    def __init__(self, job: printed.Job, doc: Doc) -> None:
        self.job = job
        self.decl = job.decl
        self.x0, self.W = _frame(doc)
        currency = (self.decl.currency or "").upper()
        self.cols = _cols(self.W, currency)
        self.head_h = header_height(doc, self.cols)
        fixed = HEADER_H + 2 * PARTY_H + self.head_h + TOTALS_H + CATEGORY_H + DOCS_H
        fixed += NONDELIVERY_H + BOTTOM_H
        self.first_area = doc.h - TOP - BOTTOM - fixed
        self.next_area = doc.h - TOP - BOTTOM - CONT_HEADER_H - self.head_h - 6 - CONT_SIGN_H
        data = _row_data(job)
        self.rows = make_rows(self.cols, data)
        self.pages = paginate_rows(self.rows, [self.first_area, self.next_area])
        if len(self.pages) > 1:  # lines over several sheets are numbered
            self.rows = make_rows(self.cols, printed.numbered(data))
            self.pages = paginate_rows(self.rows, [self.first_area, self.next_area])
        # Measure sheet 1 to learn which boxes overflow (they need a continuation sheet).
        dry = Doc(doc.paper, dry=True)
        dry.new_page()
        self.overflow = self._sheet1(dry, 1, 1, 99)
        self.sheet_count = len(self.pages) + (1 if self.overflow else 0)

    # -- sheet 1 --------------------------------------------------------------------------------
    def _sheet1(self, doc: Doc, copy: int, copies: int, sheets: int) -> list[tuple[str, str]]:
        d, x0, W = self.decl, self.x0, self.W
        mark = len(doc.overflow)
        y = TOP

        doc.copy_mark(x0, y - 2.2, W, copy, copies)
        if sheets > 1:
            doc.text(x0, y - 2.2, labels.SHEET.format(n=1, total=sheets), 6.5)
        # Header: operator | title | item number
        w1, w2 = W * 0.34, W * 0.30
        w3 = W - w1 - w2
        doc.rect(x0, y, w1, HEADER_H)
        lh = doc.label(x0, y, w1, labels.DESIGNATED_OPERATOR)
        doc.fit_in(
            x0,
            y + lh,
            w1,
            HEADER_H - lh,
            self.job.operator_name,
            size=10,
            bold=True,
            region="operator",
            label=labels.DESIGNATED_OPERATOR,
        )
        doc.rect(x0 + w1, y, w2, HEADER_H)
        doc.fit_in(
            x0 + w1, y + 0.6, w2, 7.5, labels.CUSTOMS_DECLARATION, size=7, bold=True, align="center"
        )
        doc.fit_in(
            x0 + w1,
            y + 7.5,
            w2,
            7.5,
            "CN 23",
            size=15,
            bold=True,
            align="center",
            region="form_name",
        )
        doc.fit_in(
            x0 + w1,
            y + 15.5,
            w2,
            8,
            [labels.MAY_BE_OPENED, labels.SEE_INSTRUCTIONS],
            size=5.5,
            min_size=4.5,
            align="center",
        )
        doc.rect(x0 + w1 + w2, y, w3, HEADER_H)
        lh = doc.label(x0 + w1 + w2, y, w3, labels.ITEM_NO)
        num = printed.item_number(d)
        if num.text:
            doc.barcode(  # 1 mm clear of its caption
                x0 + w1 + w2 + 2,
                y + lh + 1.0,
                w3 - 4,
                HEADER_H - lh - 1.7,
                num.text,
                region="item_id",
                bars=num.barcode,
            )
        y += HEADER_H

        # From / To with the references on the right
        wl = W * 0.60
        wr = W - wl
        for side, title in (("sender", labels.CN23["from"]), ("recipient", labels.CN23["to"])):
            party = getattr(d, side)
            doc.rect(x0, y, wl, PARTY_H)
            lh = doc.label(x0, y, wl, title)
            doc.fit_in(
                x0,
                y + lh,
                wl,
                PARTY_H - lh,
                printed.party_lines(party, with_contact=True),
                size=9,
                region=side,
                label=title,
            )
            if side == "sender":
                doc.rect(x0 + wl, y, wr, PARTY_H)
                lh = doc.label(x0 + wl, y, wr, labels.CN23["sender_ref"])
                # The IOSS number is never printed: it travels in the electronic data only.
                refs = [printed.labelled_tax_id(party, labels.CN23)]
                doc.fit_in(
                    x0 + wl,
                    y + lh,
                    wr,
                    PARTY_H - lh,
                    refs,
                    size=9,
                    region="sender.tax_id",
                    label=labels.CN23["sender_ref"],
                )
            else:
                half = PARTY_H / 2
                doc.rect(x0 + wl, y, wr, half)
                lh = doc.label(x0 + wl, y, wr, labels.CN23["importer_ref"])
                refs = [
                    x
                    for x in (d.importer_reference, printed.labelled_tax_id(party, labels.CN23))
                    if x.strip()
                ]
                doc.fit_in(
                    x0 + wl,
                    y + lh,
                    wr,
                    half - lh,
                    refs,
                    size=8.5,
                    region="importer_reference",
                    label=labels.CN23["importer_ref"],
                )
                doc.rect(x0 + wl, y + half, wr, half)
                lh = doc.label(x0 + wl, y + half, wr, labels.CN23["importer_contact"])
                contact = [x for x in (party.phone, party.email) if x.strip()]
                doc.fit_in(
                    x0 + wl,
                    y + half + lh,
                    wr,
                    half - lh,
                    contact,
                    size=8.5,
                    region="importer_contact",
                    label=labels.CN23["importer_contact"],
                )
            y += PARTY_H

        # Items
        draw_header(doc, x0, y, self.cols, self.head_h)
        y += self.head_h
        y = draw_rows(doc, x0, y, self.cols, self.pages[0] if self.pages else [], self.first_area)

        # Totals: (4) gross weight under the net weights, (6) under the values, (9) charges.
        c = self.cols
        wa = c[0].width + c[1].width
        doc.rect(x0, y, wa, TOTALS_H)
        n_items = len({r.prefix for r in self.rows})
        note = f"{n_items} item line(s) / ligne(s)"
        if sheets > 1 and len(self.pages) > 1:
            note += " — see continuation sheets / voir feuilles de continuation"
        doc.fit_in(x0, y + 1, wa, TOTALS_H - 1, note, size=7)
        xx = x0 + wa
        doc.rect(xx, y, c[2].width, TOTALS_H)
        lh = doc.label(xx, y, c[2].width, labels.CN23["gross"], size=4.6)
        doc.fit_in(
            xx,
            y + lh,
            c[2].width,
            TOTALS_H - lh,
            printed.total_gross(d),
            size=9,
            bold=True,
            align="right",
            one_line=True,
            region="gross_weight_kg",
        )
        xx += c[2].width
        doc.rect(xx, y, c[3].width, TOTALS_H)
        lh = doc.label(xx, y, c[3].width, labels.CN23["total_value"], size=4.6)
        doc.fit_in(
            xx,
            y + lh,
            c[3].width,
            TOTALS_H - lh,
            f"{printed.total_value(d)} {d.currency.upper()}",
            size=9,
            bold=True,
            align="right",
            one_line=True,
            region="total_value",
        )
        xx += c[3].width
        wc = c[4].width + c[5].width
        doc.rect(xx, y, wc, TOTALS_H)
        lh = doc.label(xx, y, wc, labels.CN23["charges"], size=4.6)
        charges = d.postal_charges.strip()
        if charges:
            charges = f"{printed.money(charges)} {d.currency.upper()}"
        doc.fit_in(
            xx,
            y + lh,
            wc,
            TOTALS_H - lh,
            charges,
            size=9,
            align="right",
            one_line=True,
            region="postal_charges",
        )
        y += TOTALS_H

        # (10) category and (11) comments
        wl = W * 0.60
        doc.rect(x0, y, wl, CATEGORY_H)
        lh = doc.label(x0, y, wl, labels.CATEGORY_CN23)
        colw = wl / 2
        for k, cat in enumerate(labels.CN23_CATEGORY_ORDER):
            cx = x0 + 1.2 + (k // 3) * colw
            cy = y + lh + 0.4 + (k % 3) * 3.9
            doc.checkbox(cx, cy, d.category == cat)
            doc.fit_in(
                cx + 3.4,
                cy - 0.6,
                colw - 5,
                4.0,
                labels.CATEGORY_LABELS[cat],
                size=6.5,
                min_size=5,
                one_line=True,
                region=f"category.{cat}",
            )
        ey = y + lh + 12.4
        doc.text(x0 + 1, ey + 2, labels.EXPLANATION + ":", 5.5)
        doc.fit_in(
            x0 + 23,
            ey - 0.4,
            wl - 24,
            CATEGORY_H - (ey - y),
            d.category_explanation,
            size=7.5,
            region="category_explanation",
            label=labels.EXPLANATION,
        )
        doc.rect(x0 + wl, y, W - wl, CATEGORY_H)
        lh = doc.label(x0 + wl, y, W - wl, labels.CN23["comments"], size=4.6)
        doc.fit_in(
            x0 + wl,
            y + lh,
            W - wl,
            CATEGORY_H - lh,
            d.comments,
            size=8,
            region="comments",
            label=labels.CN23["comments"],
        )
        y += CATEGORY_H

        # (12) licence (13) certificate (14) invoice
        w3 = W / 3
        lic = ", ".join(x.strip() for x in d.licence_numbers if str(x).strip())
        cert = ", ".join(x.strip() for x in d.certificate_numbers if str(x).strip())
        for k, (key, value, region) in enumerate(
            (
                ("licence", lic, "licence_numbers"),
                ("certificate", cert, "certificate_numbers"),
                ("invoice", d.invoice_number.strip(), "invoice_number"),
            )
        ):
            bx = x0 + k * w3
            doc.rect(bx, y, w3, DOCS_H)
            lh = doc.label(bx + 4, y, w3 - 4, labels.CN23[key], size=4.8)
            doc.checkbox(bx + 0.8, y + 0.8, bool(value), size=2.6)
            doc.fit_in(
                bx + 3.4,
                y + lh,
                w3 - 3.4,
                DOCS_H - lh,
                value,
                size=8,
                region=region,
                label=labels.CN23[key],
            )
        y += DOCS_H

        # Non-delivery instruction (not a UPU CN 23 box; posts ask for it with the parcel)
        doc.rect(x0, y, W, NONDELIVERY_H)
        doc.text(x0 + 1, y + 4.2, labels.CN23["non_delivery"] + ":", 6)
        opts = (
            (
                "return",
                labels.CN23["return_priority"] if d.return_priority else labels.CN23["return"],
            ),
            ("abandon", labels.CN23["abandon"]),
        )
        ox = x0 + 56
        for key, text in opts:
            doc.checkbox(ox, y + 1.8, d.non_delivery == key, size=2.6)
            doc.fit_in(
                ox + 3.2,
                y + 0.9,
                62,
                5,
                text,
                size=6.5,
                min_size=5,
                one_line=True,
                region=f"non_delivery.{key}",
            )
            ox += 66
        y += NONDELIVERY_H

        # Office of origin | certification, (15) date and signature
        wo = W * 0.30
        doc.rect(x0, y, wo, BOTTOM_H)
        doc.label(x0, y, wo, labels.CN23["office"])
        doc.rect(x0 + wo, y, W - wo, BOTTOM_H)
        doc.fit_in(x0 + wo, y, W - wo, 12, labels.CERTIFICATION, size=5.8, min_size=4.5)
        sy = y + 12
        doc.line(x0 + wo, sy, x0 + W, sy, 0.4)
        lh = doc.label(x0 + wo, sy, W - wo, labels.CN23["sign"])
        doc.fit_in(
            x0 + wo,
            sy + lh,
            (W - wo) * 0.35,
            BOTTOM_H - 12 - lh,
            printed.print_date(d),
            size=9,
            one_line=True,
            region="date",
        )
        doc.dashed(x0 + wo + (W - wo) * 0.38, y + BOTTOM_H - 3, x0 + W - 3, y + BOTTOM_H - 3)
        return doc.overflow[mark:]

    # -- continuation sheets --------------------------------------------------------------------
    def _cont_header(self, doc: Doc, n: int, copy: int, copies: int) -> float:
        d, x0, W = self.decl, self.x0, self.W
        y = TOP
        doc.copy_mark(x0, y - 2.2, W, copy, copies)
        doc.rect(x0, y, W, CONT_HEADER_H)
        doc.fit_in(x0, y + 0.5, W * 0.62, 6, f"CN 23 — {labels.CONTINUATION}", size=11, bold=True)
        doc.fit_in(
            x0,
            y + 6.5,
            W * 0.62,
            5,
            labels.SHEET.format(n=n, total=self.sheet_count),
            size=8,
            region=f"sheet{n}",
        )
        doc.fit_in(
            x0,
            y + 10.8,
            W * 0.62,
            6,
            f"{labels.CN23['from']}: {printed.sender_line(d)}",
            size=7.5,
            min_size=6.0,
            region=f"sender~{n}",
        )
        num = printed.item_number(d)
        if num.text:
            doc.barcode(
                x0 + W * 0.64,
                y + 1,
                W * 0.34,
                CONT_HEADER_H - 2,
                num.text,
                region=f"item_id~{n}",
                bars=num.barcode,
            )
        return y + CONT_HEADER_H + 3

    def _overflow_part(self, doc: Doc, y: float, overflow: list[tuple[str, str]]) -> None:
        x0, W = self.x0, self.W
        doc.fit_in(x0, y, W, 6, labels.CONTINUED_TEXT, size=9, bold=True)
        y += 7
        for label, text in overflow:
            lh = doc.label(x0, y, W, label)
            f = fit([text], (W - 1.6) * MM, (doc.h - BOTTOM - CONT_SIGN_H - y - lh) * MM, size=8)
            doc.draw_fitted(x0, y + lh, W, f, region=f"overflow:{label}")
            y += lh + fitted_height(f) + 2

    def draw(self, doc: Doc, copy: int, copies: int) -> None:
        doc.new_page()
        self._sheet1(doc, copy, copies, self.sheet_count)
        for n in range(2, self.sheet_count + 1):
            doc.new_page()
            y = self._cont_header(doc, n, copy, copies)
            if n <= len(self.pages):
                rows: list[Row] = self.pages[n - 1]
                draw_header(doc, self.x0, y, self.cols, self.head_h)
                draw_rows(doc, self.x0, y + self.head_h, self.cols, rows, self.next_area)
            else:
                self._overflow_part(doc, y, self.overflow)
            self._cont_signature(doc, n)

    def _cont_signature(self, doc: Doc, n: int) -> None:
        """(15) Date and signature at the foot of a continuation sheet: each sheet is signed."""
        x0, W = self.x0, self.W
        y = doc.h - BOTTOM - CONT_SIGN_H
        doc.rect(x0, y, W, CONT_SIGN_H)
        lh = doc.label(x0, y, W, labels.CN23["sign"])
        doc.fit_in(
            x0,
            y + lh,
            W * 0.3,
            CONT_SIGN_H - lh,
            printed.print_date(self.decl),
            size=9,
            one_line=True,
            region=f"date~{n}",
        )
        doc.dashed(x0 + W * 0.32, y + CONT_SIGN_H - 2, x0 + W - 3, y + CONT_SIGN_H - 2)


def draw(job: printed.Job, doc: Doc) -> None:
    """Draw the CN 23 ``job.copies`` times, every sheet marked with its copy number."""
    form = CN23(job, doc)
    for copy in range(1, job.copies + 1):
        form.draw(doc, copy, job.copies)
