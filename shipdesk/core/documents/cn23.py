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

TOP = 9.0
BOTTOM = 9.0
HEADER_MIN_H = 24.0  # room for the item number's bars (more than the 8 mm asked for)
PARTY_H = 31.0  # sender, addressee: an address of seven lines at 7.5 pt
TICK_SIZE = 6.5  # category and non-delivery texts beside their tick boxes
CONT_HEADER_H = 17.0  # at least: title, sheet number and a line of the sender beside the bars
CONT_SIGN_H = 10.0  # date and signature at the foot of a continuation sheet
SIGN_ROOM = 12.0  # under the (15) caption: the date, and room to sign above the line


def _frame(doc: Doc) -> tuple[float, float]:
    width = min(190.0, doc.w - 16.0)
    return (doc.w - width) / 2, width


COMMERCIAL = labels.CN23["commercial"]


def _cols(width: float, currency: str) -> list[Col]:
    w = width
    # balanced at 6 pt: (7) and (8) wide enough for "For commercial items only" and their
    # captions in two lines each; no caption taller than that band and two lines
    return widen(
        [
            Col("description", labels.CN23["desc"], w * 0.36),
            Col("quantity", labels.CN23["qty"], w * 0.09, "right", True),
            Col("net_weight_kg", labels.CN23["net"], w * 0.11, "right", True),
            Col(
                "value", printed.with_unit(labels.CN23["value"], currency), w * 0.11, "right", True
            ),
            Col("hs_code", labels.CN23["hs"], w * 0.14, "left", True, COMMERCIAL),
            Col("origin_country", labels.CN23["origin"], w * 0.19, "left", True, COMMERCIAL),
        ]
    )


def _named_country(n: int, it: Item) -> str:
    return printed.country(it.origin_country)


def _row_data(job: printed.Job, cols: list[Col]) -> list[tuple[str, list[str]]]:
    cells = printed.item_cells() | {"origin_country": _named_country}
    return printed.item_rows(job.decl, [c.key for c in cols], cells)


class CN23:
    """Lays out one CN 23 (all its sheets) for one copy."""

    def __init__(self, job: printed.Job, doc: Doc) -> None:
        self.job = job
        self.decl = job.decl
        self.x0, self.W = _frame(doc)
        currency = (self.decl.currency or "").upper()
        self.cols = _cols(self.W, currency)
        self.head_h = header_height(doc, self.cols)
        self._measure()
        fixed = self.header_h + 2 * self.party_h + self.head_h + self.totals_h
        fixed += self.category_h + self.docs_h + self.nondelivery_h + self.bottom_h
        self.first_area = doc.h - TOP - BOTTOM - fixed
        self.next_area = doc.h - TOP - BOTTOM - self.cont_header_h - self.head_h - 6 - CONT_SIGN_H
        data = _row_data(job, self.cols)
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

    def _measure(self) -> None:
        """Heights (mm) of the fixed boxes from their captions and texts at 6 pt or more."""
        W, c = self.W, self.cols
        self.w1, self.w2 = W * 0.34, W * 0.30
        w2 = self.w2
        self.title_fit = measure_bilingual(
            labels.CUSTOMS_DECLARATION, w2, size=7, bold=True, one_line=True, pad=0.5
        )
        self.form_fit = measure("CN 23", w2, size=15, bold=True, pad=0.5)
        may, see = (
            measure_bilingual(t, w2, size=MIN_SIZE, pad=0.5)
            for t in (labels.MAY_BE_OPENED, labels.SEE_INSTRUCTIONS)
        )
        self.notes_fit = Fitted(MIN_SIZE, may.lines + see.lines, "")
        middle = sum(fitted_height(f, 0.5) for f in (self.title_fit, self.form_fit, self.notes_fit))
        w3 = W - self.w1 - w2
        number = caption_height(w3, labels.ITEM_NO) + 1.0 + barcode_height(BAR_H) + 0.7
        self.header_h = max(HEADER_MIN_H, middle + 0.4, number)
        # the importer's reference (two lines at 8.5 pt) over the importer's contact
        wr = W * 0.40
        self.ref_h = caption_height(wr, labels.CN23["importer_ref"]) + lines_height(2, 8.5)
        contact = caption_height(wr, labels.CN23["importer_contact"]) + lines_height(2, 8.5)
        self.party_h = max(PARTY_H, self.ref_h + contact)
        # totals: (4) under the net weights, (6) under the values, (9) under (7) and (8)
        self.totals_h = max(
            caption_height(c[2].width, labels.CN23["gross"]),
            caption_height(c[3].width, labels.CN23["total_value"]),
            caption_height(c[4].width + c[5].width, labels.CN23["charges"]),
        ) + lines_height(1, 9)
        # (10) category: caption, tick boxes, explanation (two lines) | (11) comments
        self.wl = W * 0.60
        texts = [labels.CATEGORY_LABELS[k] for k in labels.CN23_CATEGORY_ORDER]
        self.cat_caption_h = caption_height(self.wl, labels.CATEGORY_CN23)
        self.ticks_h = ticks_height(self.wl, texts, 3, TICK_SIZE, 2.8) + 0.4
        left = self.cat_caption_h + self.ticks_h + lines_height(2, 6.5)
        right = caption_height(W - self.wl, labels.CN23["comments"]) + lines_height(3, 8)
        self.category_h = max(left, right)
        # (12) licence (13) certificate (14) invoice: caption, two lines of numbers
        self.docs_h = max(
            caption_height(W / 3 - 4, labels.CN23[k]) for k in ("licence", "certificate", "invoice")
        ) + lines_height(2, 8)
        # non-delivery: the caption, then the two choices side by side
        self.nd_caption = labels.CN23["non_delivery"] + ":"
        self.nd_x = fonts.string_width(self.nd_caption, MIN_SIZE) / MM + 3.0
        self.nd_texts = [
            labels.CN23["return_priority"] if self.decl.return_priority else labels.CN23["return"],
            labels.CN23["abandon"],
        ]
        self.nondelivery_h = ticks_height(W - self.nd_x, self.nd_texts, 1, TICK_SIZE, 2.6) + 1.0
        # continuation sheets: the sender's name and address in full (up to six lines at 6 pt)
        self.sender_text = f"{labels.CN23['from']}: {printed.sender_line(self.decl)}"
        sender = measure(self.sender_text, W * 0.62, size=7.5)
        self.sender_h = min(fitted_height(sender), lines_height(6, MIN_SIZE))
        self.cont_header_h = max(CONT_HEADER_H, 10.8 + self.sender_h + 0.2)
        # office of origin | certification, (15) date and signature
        self.wo = W * 0.30
        self.cert_fit = measure(labels.CERTIFICATION, W - self.wo, size=MIN_SIZE)
        self.cert_h = fitted_height(self.cert_fit) + 0.2
        self.sign_caption_h = caption_height(W - self.wo, labels.CN23["sign"])
        self.bottom_h = max(
            self.cert_h + self.sign_caption_h + SIGN_ROOM,
            caption_height(self.wo, labels.CN23["office"]) + 20.0,  # the post's stamp
        )

    # -- sheet 1 --------------------------------------------------------------------------------
    def _sheet1(self, doc: Doc, copy: int, copies: int, sheets: int) -> list[tuple[str, str]]:
        d, x0, W = self.decl, self.x0, self.W
        mark = len(doc.overflow)
        y = TOP

        doc.copy_mark(x0, y - 2.2, W, copy, copies)
        if sheets > 1:
            doc.text(x0, y - 2.2, labels.SHEET.format(n=1, total=sheets), 6.5)
        # Header: operator | title | item number
        w1, w2 = self.w1, self.w2
        w3 = W - w1 - w2
        hh = self.header_h
        doc.rect(x0, y, w1, hh)
        lh = doc.label(x0, y, w1, labels.DESIGNATED_OPERATOR)
        doc.fit_in(
            x0,
            y + lh,
            w1,
            hh - lh,
            self.job.operator_name,
            size=10,
            bold=True,
            region="operator",
            label=labels.DESIGNATED_OPERATOR,
        )
        doc.rect(x0 + w1, y, w2, hh)
        ty = y + 0.3
        for fitted, region in (
            (self.title_fit, None),
            (self.form_fit, "form_name"),
            (self.notes_fit, None),
        ):
            doc.draw_fitted(
                x0 + w1,
                ty,
                w2,
                fitted,
                bold=fitted is not self.notes_fit,
                align="center",
                region=region,
                pad=0.5,
            )
            ty += fitted_height(fitted, 0.5)
        doc.rect(x0 + w1 + w2, y, w3, hh)
        lh = doc.label(x0 + w1 + w2, y, w3, labels.ITEM_NO)
        num = printed.item_number(d)
        if num.text:
            doc.barcode(  # 1 mm clear of its caption
                x0 + w1 + w2 + 2,
                y + lh + 1.0,
                w3 - 4,
                hh - lh - 1.7,
                num.text,
                region="item_id",
                bars=num.barcode,
            )
        y += hh

        # From / To with the references on the right
        wl = W * 0.60
        wr = W - wl
        for side, title in (("sender", labels.CN23["from"]), ("recipient", labels.CN23["to"])):
            party = getattr(d, side)
            ph = self.party_h
            doc.rect(x0, y, wl, ph)
            lh = doc.label(x0, y, wl, title)
            doc.fit_in(
                x0,
                y + lh,
                wl,
                ph - lh,
                printed.party_lines(party, with_contact=True),
                size=9,
                region=side,
                label=title,
            )
            if side == "sender":
                doc.rect(x0 + wl, y, wr, ph)
                lh = doc.label(x0 + wl, y, wr, labels.CN23["sender_ref"])
                # The IOSS number is never printed: it travels in the electronic data only.
                refs = [printed.labelled_tax_id(party, labels.CN23)]
                doc.fit_in(
                    x0 + wl,
                    y + lh,
                    wr,
                    ph - lh,
                    refs,
                    size=9,
                    region="sender.tax_id",
                    label=labels.CN23["sender_ref"],
                )
            else:
                half = self.ref_h
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
                doc.rect(x0 + wl, y + half, wr, ph - half)
                lh = doc.label(x0 + wl, y + half, wr, labels.CN23["importer_contact"])
                contact = [x for x in (party.phone, party.email) if x.strip()]
                doc.fit_in(
                    x0 + wl,
                    y + half + lh,
                    wr,
                    ph - half - lh,
                    contact,
                    size=8.5,
                    region="importer_contact",
                    label=labels.CN23["importer_contact"],
                )
            y += self.party_h

        # Items
        draw_header(doc, x0, y, self.cols, self.head_h)
        y += self.head_h
        y = draw_rows(doc, x0, y, self.cols, self.pages[0] if self.pages else [], self.first_area)

        # Totals: (4) gross weight under the net weights, (6) under the values, (9) charges.
        c = self.cols
        th = self.totals_h
        wa = c[0].width + c[1].width
        doc.rect(x0, y, wa, th)
        n_items = len({r.prefix for r in self.rows})
        note = f"{n_items} item line(s) / ligne(s)"
        if sheets > 1 and len(self.pages) > 1:
            note += " — see continuation sheets / voir feuilles de continuation"
        doc.fit_in(x0, y + 1, wa, th - 1, note, size=7)
        charges = d.postal_charges.strip()
        if charges:
            charges = f"{printed.money(charges)} {d.currency.upper()}"
        xx = x0 + wa
        for key, width, value, region, bold in (
            ("gross", c[2].width, printed.total_gross(d), "gross_weight_kg", True),
            (
                "total_value",
                c[3].width,
                f"{printed.total_value(d)} {d.currency.upper()}",
                "total_value",
                True,
            ),
            ("charges", c[4].width + c[5].width, charges, "postal_charges", False),
        ):
            doc.rect(xx, y, width, th)
            lh = doc.label(xx, y, width, labels.CN23[key])
            doc.fit_in(
                xx,
                y + lh,
                width,
                th - lh,
                value,
                size=9,
                bold=bold,
                align="right",
                one_line=True,
                region=region,
            )
            xx += width
        y += th

        # (10) category and (11) comments
        wl, ch = self.wl, self.category_h
        doc.rect(x0, y, wl, ch)
        lh = doc.label(x0, y, wl, labels.CATEGORY_CN23)
        entries = [
            (f"category.{cat}", labels.CATEGORY_LABELS[cat], d.category == cat)
            for cat in labels.CN23_CATEGORY_ORDER
        ]
        doc.ticks(x0, y + lh, wl, entries, rows=3, size=TICK_SIZE, box=2.8)
        ey = y + lh + self.ticks_h
        caption = labels.EXPLANATION + ":"
        # the explanation after its caption, the caption on the baseline of its first line
        tx = x0 + 1 + fonts.string_width(caption, MIN_SIZE, False) / MM + 1.0
        f = doc.fit_box(
            tx,
            ey,
            x0 + wl - 0.5 - tx,
            y + ch - ey,
            d.category_explanation,
            size=7.5,
            region="category_explanation",
            label=labels.EXPLANATION,
        )
        doc.text(x0 + 1, doc.baseline(ey, f), caption, MIN_SIZE)
        doc.rect(x0 + wl, y, W - wl, ch)
        lh = doc.label(x0 + wl, y, W - wl, labels.CN23["comments"])
        doc.fit_in(
            x0 + wl,
            y + lh,
            W - wl,
            ch - lh,
            d.comments,
            size=8,
            region="comments",
            label=labels.CN23["comments"],
        )
        y += ch

        # (12) licence (13) certificate (14) invoice
        w3, dh = W / 3, self.docs_h
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
            doc.rect(bx, y, w3, dh)
            lh = doc.label(bx + 4, y, w3 - 4, labels.CN23[key])
            doc.checkbox(bx + 0.8, y + 0.8, bool(value), size=2.6)
            doc.fit_in(
                bx + 3.4,
                y + lh,
                w3 - 3.4,
                dh - lh,
                value,
                size=8,
                region=region,
                label=labels.CN23[key],
            )
        y += dh

        # Non-delivery instruction (not a UPU CN 23 box; posts ask for it with the parcel)
        nh = self.nondelivery_h
        doc.rect(x0, y, W, nh)
        doc.text(x0 + 1, y + 0.5 + 0.3 + TICK_SIZE / MM * 0.93, self.nd_caption, MIN_SIZE)
        entries = [
            (f"non_delivery.{key}", text, d.non_delivery == key)
            for key, text in zip(("return", "abandon"), self.nd_texts)
        ]
        doc.ticks(x0 + self.nd_x, y + 0.5, W - self.nd_x, entries, rows=1, size=TICK_SIZE, box=2.6)
        y += nh

        # Office of origin | certification, (15) date and signature
        wo, bh = self.wo, self.bottom_h
        doc.rect(x0, y, wo, bh)
        doc.label(x0, y, wo, labels.CN23["office"])
        doc.rect(x0 + wo, y, W - wo, bh)
        doc.draw_fitted(x0 + wo, y + 0.2, W - wo, self.cert_fit)
        sy = y + self.cert_h
        doc.line(x0 + wo, sy, x0 + W, sy, 0.4)
        lh = doc.label(x0 + wo, sy, W - wo, labels.CN23["sign"])
        doc.fit_in(
            x0 + wo,
            sy + lh,
            (W - wo) * 0.35,
            lines_height(1, 9),
            printed.print_date(d),
            size=9,
            one_line=True,
            region="date",
        )
        doc.dashed(x0 + wo + (W - wo) * 0.38, y + bh - 3, x0 + W - 3, y + bh - 3)
        return doc.overflow[mark:]

    # -- continuation sheets --------------------------------------------------------------------
    def _cont_header(self, doc: Doc, n: int, copy: int, copies: int) -> float:
        d, x0, W = self.decl, self.x0, self.W
        y = TOP
        doc.copy_mark(x0, y - 2.2, W, copy, copies)
        hh = self.cont_header_h
        doc.rect(x0, y, W, hh)
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
            x0, y + 10.8, W * 0.62, self.sender_h, self.sender_text, size=7.5, region=f"sender~{n}"
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
        return y + hh + 3

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
