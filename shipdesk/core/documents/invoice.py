"""Commercial / pro-forma invoice on A4 or Letter, in the language chosen for the document.

A sale of goods prints as a commercial invoice; every other category (gift, sample, returned
goods, documents, other) as a pro-forma invoice. The item table runs over as many pages as it
needs; the totals, remarks and the signed declaration come after the last line.
The packing list (``packing_list.py``) uses the same page frame without values.
"""

from __future__ import annotations

from decimal import Decimal

from shipdesk.core import incoterms
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

TOP = 12.0
BOTTOM = 14.0
TITLE_H = 16.0
PARTY_H = 34.0
TERMS_H = 11.0
FOOTER_H = 6.0
CONT_TITLE_H = 11.0


def _frame(doc: Doc) -> tuple[float, float]:
    width = min(186.0, doc.w - 20.0)
    return (doc.w - width) / 2, width


class SheetDocument:
    """An invoice-like document: title block, parties, terms, item table, closing part."""

    kind = "invoice"

    def __init__(self, job: printed.Job, doc: Doc) -> None:
        self.job = job
        self.decl = job.decl
        self.t = labels.texts(job.lang)
        self.loc = labels.lang_code(job.lang)  # numbers with the separators of the text
        self.x0, self.W = _frame(doc)
        self.cols = self.columns()
        self.rows = make_rows(self.cols, self.row_data(), size=8, min_height=5.0)
        self.head_h = header_height(doc, self.cols)
        self.closing = self.closing_parts()
        dry = Doc(doc.paper, dry=True)
        dry.marker = self.t["continued_below"]
        dry.new_page()
        self._terms(dry, self._parties(dry, self._title_block(dry)))
        # Boxes whose text does not fit continue in the closing part of the last page.
        self.closing += [(f"overflow:{lbl}", lbl, rest) for lbl, rest in dry.overflow]
        self.closing_h = self._closing_height()
        body = doc.h - TOP - BOTTOM - FOOTER_H
        terms_h = TERMS_H if self.terms_cells() else -2.0  # no box, nor the gap under it
        first = body - TITLE_H - PARTY_H - terms_h - self.head_h - 4
        nxt = body - CONT_TITLE_H - self.head_h - 2
        # The last page must also hold the closing part: paginate, then add a page if needed.
        self.pages = paginate_rows(self.rows, [first, nxt])
        last_cap = first if len(self.pages) == 1 else nxt
        self.last_room = last_cap - sum(r.height for r in self.pages[-1])
        self.extra_page = self.last_room < self.closing_h
        self.areas = [first] + [nxt] * (len(self.pages) - 1)
        self.count = len(self.pages) + (1 if self.extra_page else 0)

    # -- content --------------------------------------------------------------------------------
    def title(self) -> str:
        if self.decl.category == "sale_of_goods":
            return self.t["commercial_invoice"]
        return self.t["proforma_invoice"]

    def columns(self) -> list[Col]:
        t, W = self.t, self.W
        ccy = (self.decl.currency or "").upper()
        return [
            Col("line", t["line"], W * 0.05, "right", True),
            Col("description", t["description"], W * 0.33),
            Col("hs_code", t["hs"], W * 0.10, "left", True),
            Col("origin_country", t["origin"], W * 0.08, "left", True),
            Col("quantity", printed.with_unit(t["qty"], t["pieces"]), W * 0.07, "right", True),
            Col("unit_value", printed.with_unit(t["unit_value"], ccy), W * 0.12, "right", True),
            Col("value", printed.with_unit(t["line_total"], ccy), W * 0.13, "right", True),
            Col("net_weight_kg", t["net_weight"], W * 0.12, "right", True),
        ]

    def row_data(self) -> list[tuple[str, list[str]]]:
        keys = [c.key for c in self.cols]
        return printed.item_rows(self.decl, keys, printed.item_cells(self.loc))

    def totals(self) -> list[tuple[str, str, str]]:
        d, t = self.decl, self.t
        ccy = d.currency.upper()
        goods = d.total_value()
        charges = d.postal_charges_dec or Decimal(0)
        rows = [("total_value", t["subtotal"], f"{printed.money_dec(goods, self.loc)} {ccy}")]
        if d.postal_charges.strip():
            rows.append(
                (
                    "postal_charges",
                    t["charges"],
                    f"{printed.money(d.postal_charges, self.loc)} {ccy}",
                )
            )
        rows.append(
            ("invoice_total", t["total"], f"{printed.money_dec(goods + charges, self.loc)} {ccy}")
        )
        rows += self.weight_totals()
        return rows

    def weight_totals(self) -> list[tuple[str, str, str]]:
        t = self.t
        return [
            (
                "total_net",
                t["total_net"],
                printed.weight_dec(self.decl.total_net_weight(), self.loc),
            ),
            ("gross_weight_kg", t["total_gross"], printed.total_gross(self.decl, self.loc)),
            ("packages", t["packages"], "1"),
        ]

    def closing_parts(self) -> list[tuple[str, str, str]]:
        d, t = self.decl, self.t
        parts = []
        lic = ", ".join(str(x).strip() for x in d.licence_numbers if str(x).strip())
        cert = ", ".join(str(x).strip() for x in d.certificate_numbers if str(x).strip())
        if lic:
            parts.append(("licence_numbers", t["licences"], lic))
        if cert:
            parts.append(("certificate_numbers", t["certificates"], cert))
        if d.comments.strip():
            parts.append(("comments", t["comments"], d.comments.strip()))
        est = self.job.duties
        if self.kind == "invoice" and est is not None and est.incoterm == "DDP":
            parts.append(("duties", *labels.duties_block(est, self.job.lang, self.loc)))
        return parts

    def _text_h(self, text: str, size: float = 8) -> float:
        f = fit([text], (self.W - 1.6) * MM, 1e6, size=size)
        return fitted_height(f)

    def _closing_height(self) -> float:
        h = 3 + len(self.totals()) * 5.0 + 3
        for _k, _label, text in self.closing:
            h += 3.5 + self._text_h(text) + 1.5
        h += self._text_h(self.declaration_text(), 8) + 16
        return h

    # -- drawing --------------------------------------------------------------------------------
    def _footer(self, doc: Doc, n: int, copy: int, copies: int) -> None:
        y = doc.h - BOTTOM
        doc.line(self.x0, y, self.x0 + self.W, y, 0.3)
        ref = " · ".join(
            x
            for x in (
                self.title(),
                printed.invoice_number(self.decl),
                printed.item_number(self.decl).text,
            )
            if x
        )
        doc.fit_in(self.x0, y + 0.6, self.W * 0.7, 5, ref, size=7, one_line=True)
        doc.fit_in(
            self.x0 + self.W * 0.7,
            y + 0.6,
            self.W * 0.3,
            5,
            self.t["page"].format(n=n, total=self.count),
            size=7,
            align="right",
            one_line=True,
            region=f"page{n}",
        )
        if copies > 1:
            doc.text(
                self.x0,
                TOP - 4,
                self.t["copy"].format(n=copy, total=copies),
                7,
                bold=True,
                align="right",
                width=self.W,
            )

    def _title_block(self, doc: Doc) -> float:
        d, t, x0, W = self.decl, self.t, self.x0, self.W
        y = TOP
        doc.fit_in(
            x0, y, W * 0.55, 10, self.title(), size=18, bold=True, region="title", one_line=True
        )
        meta = []
        number = printed.invoice_number(d)
        if self.kind == "invoice" or number:
            meta.append((t["invoice_no"], number, "invoice_number"))
        meta.append((t["date"], printed.print_date(d), "date"))
        tracking = printed.item_number(d).text
        if tracking:
            meta.append((t["item_id"], tracking, "item_id"))
        my = y
        for label, value, region in meta:
            doc.text(x0 + W * 0.56, my + 3.3, label, 7.5)
            doc.fit_in(
                x0 + W * 0.72,
                my,
                W * 0.28,
                4.6,
                value,
                size=9,
                bold=True,
                one_line=True,
                region=region,
            )
            my += 4.7
        return y + TITLE_H

    def _parties(self, doc: Doc, y: float) -> float:
        d, t, x0, W = self.decl, self.t, self.x0, self.W
        half = W / 2 - 1.5
        for k, (side, title) in enumerate((("sender", t["seller"]), ("recipient", t["buyer"]))):
            p = getattr(d, side)
            bx = x0 + k * (half + 3)
            doc.rect(bx, y, half, PARTY_H)
            lh = doc.label(bx, y, half, title, size=6.5)
            lines = printed.party_lines(p, with_contact=False, lang=labels.lang_code(self.job.lang))
            extra = []
            if p.phone.strip():
                extra.append(f"{t['phone']}: {p.phone.strip()}")
            if p.email.strip():
                extra.append(f"{t['email']}: {p.email.strip()}")
            if p.tax_id.strip():
                extra.append(printed.labelled_tax_id(p, t))
            doc.fit_in(
                bx, y + lh, half, PARTY_H - lh, lines + extra, size=9, region=side, label=title
            )
        return y + PARTY_H + 2

    def terms_cells(self) -> list[tuple[str, str, str, float]]:
        """The boxes under the parties: (caption, value, region, relative width)."""
        d, t = self.decl, self.t
        reason = t.get(d.category, d.category)
        if d.category == "other" and d.category_explanation.strip():
            reason = f"{t['other']}: {d.category_explanation.strip()}"
        cells = [
            (t["reason"], reason, "category", 0.4),
            (t["currency"], d.currency.upper(), "currency", 0.15),
        ]
        term = str(d.extra.get("incoterm") or "").strip()
        if term:
            edition = incoterms.edition().name if incoterms.parse(term).known else ""
            value = f"{term} ({edition})" if edition else term
            cells.append((t["incoterm"], value, "incoterm", 0.25))
        # The IOSS number is never printed: it travels in the electronic data only.
        return cells + self.reference_cells()

    def reference_cells(self) -> list[tuple[str, str, str, float]]:
        ref = self.decl.importer_reference.strip()
        return [(self.t["importer_ref"], ref, "importer_reference", 0.23)] if ref else []

    def declaration_text(self) -> str:
        return self.t["declaration"]

    def _terms(self, doc: Doc, y: float) -> float:
        x0, W = self.x0, self.W
        cells = self.terms_cells()
        if not cells:
            return y
        scale = 1 / sum(wf for *_x, wf in cells)
        cx = x0
        for label, value, region, wf in cells:
            cw = W * wf * scale
            doc.rect(cx, y, cw, TERMS_H)
            lh = doc.label(cx, y, cw, label, size=6)
            doc.fit_in(cx, y + lh, cw, TERMS_H - lh, value, size=8.5, region=region, label=label)
            cx += cw
        return y + TERMS_H + 2

    def _closing(self, doc: Doc, y: float) -> None:
        x0, W, t = self.x0, self.W, self.t
        y += 3
        for region, label, value in self.totals():
            bold = region in ("invoice_total", "gross_weight_kg")
            doc.fit_in(x0 + W * 0.45, y, W * 0.33, 5, label, size=8.5, bold=bold, one_line=True)
            doc.fit_in(
                x0 + W * 0.78,
                y,
                W * 0.22,
                5,
                value,
                size=8.5,
                bold=bold,
                align="right",
                one_line=True,
                region=region,
            )
            y += 5.0
        y += 3
        for region, label, text in self.closing:
            doc.text(x0, y + 2.6, label, 6.5, bold=True)
            f = fit([text], (W - 1.6) * MM, 1e6, size=8)
            doc.draw_fitted(x0, y + 3.5, W, f, region=region)
            y += 3.5 + fitted_height(f) + 1.5
        f = fit([self.declaration_text()], (W - 1.6) * MM, 1e6, size=8)
        doc.draw_fitted(x0, y, W, f)
        y += fitted_height(f) + 10
        doc.fit_in(
            x0,
            y - 4.2,
            W * 0.3,
            5,
            printed.print_date(self.decl),
            size=9,
            one_line=True,
            region="signature_date",
        )
        signatory = str(self.decl.extra.get("signatory") or "").strip()
        if signatory:  # the person signing, in print, above the signature line
            doc.fit_in(
                x0 + W * 0.32,
                y - 4.2,
                W * 0.4,
                5,
                signatory,
                size=9,
                one_line=True,
                region="signatory",
            )
        doc.line(x0 + W * 0.32, y, x0 + W, y, 0.5)
        doc.text(x0 + W * 0.32, y + 3, t["signature"], 7)

    def draw_copy(self, doc: Doc, copy: int, copies: int) -> None:
        saved = doc.marker
        doc.marker = self.t["continued_below"]
        try:
            self._draw_pages(doc, copy, copies)
        finally:
            doc.marker = saved

    def _draw_pages(self, doc: Doc, copy: int, copies: int) -> None:
        for n in range(1, self.count + 1):
            doc.new_page()
            self._footer(doc, n, copy, copies)
            if n == 1:
                y = self._title_block(doc)
                y = self._parties(doc, y)
                y = self._terms(doc, y)
            else:
                page = self.t["page"].format(n=n, total=self.count)
                doc.fit_in(
                    self.x0,
                    TOP,
                    self.W,
                    7,
                    f"{self.title()} — {page}",
                    size=11,
                    bold=True,
                    one_line=True,
                )
                y = TOP + CONT_TITLE_H
            if n <= len(self.pages):
                rows: list[Row] = self.pages[n - 1]
                draw_header(doc, self.x0, y, self.cols, self.head_h)
                used = sum(r.height for r in rows)
                last_table = n == len(self.pages)
                area = used if last_table else self.areas[n - 1]
                y = draw_rows(
                    doc, self.x0, y + self.head_h, self.cols, rows, max(area, 0.1), rule_empty=False
                )
                if not last_table:
                    doc.text(self.x0, y + 4, self.t["continued"], 7.5, align="right", width=self.W)
            if n == self.count:
                self._closing(doc, y)


def draw(job: printed.Job, doc: Doc) -> None:
    """Draw the invoice ``job.copies`` times."""
    inv = SheetDocument(job, doc)
    for copy in range(1, job.copies + 1):
        inv.draw_copy(doc, copy, job.copies)
