"""Packing list: the invoice's frame with quantities and weights, without values."""

from __future__ import annotations

from shipdesk.core.documents import printed
from shipdesk.core.documents.invoice import SheetDocument
from shipdesk.core.documents.layout import Doc
from shipdesk.core.documents.tables import Col


class PackingList(SheetDocument):
    kind = "packing"

    def title(self) -> str:
        return self.t["packing_list"]

    def terms_cells(self) -> list[tuple[str, str, str, float]]:
        # No values on a packing list: neither the currency nor the reason for export.
        return self.reference_cells()

    def declaration_text(self) -> str:
        return self.t["packing_declaration"]

    def columns(self) -> list[Col]:
        t, W = self.t, self.W
        return [
            Col("line", t["line"], W * 0.06, "right", True),
            Col("description", t["description"], W * 0.50),
            Col("hs_code", t["hs"], W * 0.12, "left", True),
            Col("origin_country", t["origin"], W * 0.09, "left", True),
            Col("quantity", printed.with_unit(t["qty"], t["pieces"]), W * 0.09, "right", True),
            Col("net_weight_kg", t["net_weight"], W * 0.14, "right", True),
        ]

    def totals(self) -> list[tuple[str, str, str]]:
        return self.weight_totals()


def draw(job: printed.Job, doc: Doc) -> None:
    """Draw the packing list ``job.copies`` times."""
    pl = PackingList(job, doc)
    for copy in range(1, job.copies + 1):
        pl.draw_copy(doc, copy, job.copies)
