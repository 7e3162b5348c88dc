"""Printable documents: CN22, CN23, commercial / pro-forma invoice and packing list as PDF.

``render(decl, form=..., paper=...)`` returns PDF bytes; ``render_many`` writes a batch, with
the fonts registered once; ``core.glyphs.missing_glyphs`` tells which characters cannot be
printed.
"""

from shipdesk.core.documents.render import FORMS, Rendered, render, render_document, render_many

__all__ = ["FORMS", "Rendered", "render", "render_document", "render_many"]
