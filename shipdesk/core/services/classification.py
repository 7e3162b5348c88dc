"""Classification: HS suggestions, the nomenclature tree, the user's confirmed codes.

The tariff search gets the workspace's catalogue (codes the user confirmed come first) and its
national tariff store (8 to 10 digit lines follow their subheadings).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from shipdesk.core.services.workspace import Workspace

if TYPE_CHECKING:
    from shipdesk.core.storage.catalogue import CatalogueEntry
    from shipdesk.core.tariff.api import Node, SearchResult, Suggestion


def suggest(ws: Workspace, text: str, top: int = 5) -> list[Suggestion]:
    """Ranked HS suggestions for an item description."""
    from shipdesk.core.tariff.api import suggest as _suggest  # numpy and the encoder load lazily

    return _suggest(text, top, catalogue=ws.catalogue, national_store=ws.national_tariffs)


def search(ws: Workspace, text: str, top: int = 5) -> SearchResult:
    """Suggestions with the reading used (corrections, English wording)."""
    from shipdesk.core.tariff.api import search as _search

    return _search(text, top=top, catalogue=ws.catalogue, national_store=ws.national_tariffs)


def children(ws: Workspace, code: str | None) -> list[Node]:
    """The browse tree below ``code`` (None: the sections), national lines included."""
    from shipdesk.core.tariff.api import children as _children

    return _children(code, ws.national_tariffs)


def _norm(description: str) -> str:
    from shipdesk.core.tariff.textutil import norm_phrase

    return norm_phrase(description or "")


def remember(ws: Workspace, description: str, hs_code: str) -> CatalogueEntry:
    """Record that the user confirmed ``hs_code`` for ``description``."""
    return ws.catalogue.remember(description, _norm(description), hs_code)


def confirmed(ws: Workspace, description: str) -> list[CatalogueEntry]:
    """Codes confirmed before for exactly this description (case, accents and punctuation
    ignored), most used first."""
    return ws.catalogue.lookup(_norm(description))


def catalogue_entries(ws: Workspace) -> list[CatalogueEntry]:
    return ws.catalogue.entries()


def forget(ws: Workspace, entry_id: int) -> bool:
    return ws.catalogue.forget(entry_id)
