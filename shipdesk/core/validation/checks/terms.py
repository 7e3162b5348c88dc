"""The trade term (Incoterm) of a sale, when one is given: a rule of the current edition."""

from __future__ import annotations

from shipdesk.core import incoterms
from shipdesk.core.validation.checks.context import Context
from shipdesk.core.validation.result import ERROR, WARNING


def rule_incoterm(ctx: Context) -> None:
    text = str(ctx.decl.extra.get("incoterm") or "").strip()
    if not text:
        return
    term = incoterms.parse(text)
    ed = incoterms.edition()
    if term.known:
        return
    if term.replaced_by:
        ctx.add(
            WARNING,
            "incoterm",
            "incoterm_retired",
            value=term.code,
            replacement=term.replaced_by,
            edition=ed.name,
        )
    else:
        ctx.add(
            ERROR,
            "incoterm",
            "incoterm_unknown",
            value=text,
            codes=", ".join(ed.rules),
            edition=ed.name,
        )
