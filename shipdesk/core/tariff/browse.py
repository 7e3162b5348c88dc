"""Browsing the nomenclature as a tree: sections, chapters, headings, subheadings and, under a
subheading, the lines of the national tariffs the user imported."""

from __future__ import annotations

from dataclasses import dataclass

from shipdesk.core import hscode
from shipdesk.core.errors import DataError
from shipdesk.core.storage.interfaces import NationalTariffRepository
from shipdesk.core.tariff import nomenclature as _nom
from shipdesk.core.tariff.national import has_lines, lines_under


@dataclass(frozen=True)
class Node:
    """One row of the browse tree."""

    code: str  # section numeral ("XI"), 2, 4, 6 digits, or a national code
    description: str
    level: str  # "section", "chapter", "heading", "subheading" or "national"
    has_children: bool


def children(
    code: str | None, national_store: NationalTariffRepository | None = None
) -> list[Node]:
    """Children in the browse tree: None -> sections; section -> chapters; chapter -> headings;
    heading -> subheadings; subheading -> national lines (if a tariff was imported into
    ``national_store``)."""
    n = _nom.nomenclature()
    if code is None or code == "":
        return [Node(s.numeral, s.name, "section", bool(s.chapters)) for s in n.sections]
    for s in n.sections:
        if s.numeral == code:
            return [Node(c, n.entries[c].description, "chapter", True) for c in s.chapters]
    c = hscode.clean(code)
    if len(c) in (2, 4):
        level = "heading" if len(c) == 2 else "subheading"
        return [
            Node(
                k,
                n.entries[k].description,
                level,
                level == "heading" or _has_national(k, national_store),
            )
            for k in n.kids.get(c, [])
        ]
    if len(c) == 6 and national_store is not None:
        return [
            Node(x.code, f"{x.description} [{x.source}]", "national", False)
            for x in lines_under(c, national_store)
        ]
    return []


def _has_national(hs6: str, store: NationalTariffRepository | None) -> bool:
    if store is None:
        return False
    try:
        return has_lines(hs6, store)
    except DataError:
        return False
