"""Every printed text field: characters no available font can draw."""

from __future__ import annotations

from shipdesk.core.glyphs import missing_glyphs
from shipdesk.core.validation.checks.context import Context
from shipdesk.core.validation.result import ERROR


def _printed_fields(ctx: Context) -> list[tuple[str, str]]:
    d = ctx.decl
    out: list[tuple[str, str]] = []
    for role, party in (("sender", d.sender), ("recipient", d.recipient)):
        for f in ("name", "company", "street", "city", "postcode", "region", "phone", "email"):
            out.append((f"{role}.{f}", getattr(party, f)))
    for i, it in ctx.items():
        out.append((f"items[{i}].description", it.description))
    for key in ("category_explanation", "comments", "invoice_number", "importer_reference"):
        out.append((key, getattr(d, key)))
    for key in ("licence_numbers", "certificate_numbers"):
        for j, v in enumerate(getattr(d, key)):
            out.append((f"{key}[{j}]", str(v)))
    return out


def rule_glyphs(ctx: Context) -> None:
    for path, text in _printed_fields(ctx):
        if text and text.strip():
            missing = missing_glyphs(text)
            if missing:
                chars = ", ".join(f"'{c}' (U+{ord(c):04X})" for c in missing[:8])
                ctx.add(ERROR, path, "glyphs_missing", chars=chars)
