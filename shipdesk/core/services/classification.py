"""Classification: HS suggestions, the nomenclature tree, the user's confirmed codes.

The tariff search gets the workspace's catalogue (codes the user confirmed come first) and its
national tariff store (8 to 10 digit lines follow their subheadings). The deciding questions
that narrow a list of suggestions, and what the faces need to know about the nomenclature
(whether a code exists, the section of a chapter), are asked here too.

The result types are named here for annotations; the tariff package (numpy and the sentence
encoder behind it) is imported only inside the functions.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from shipdesk.core.services.workspace import Workspace

if TYPE_CHECKING:
    from collections.abc import Sequence

    from shipdesk.core.storage.catalogue import CatalogueEntry as CatalogueEntry
    from shipdesk.core.tariff.browse import Node as Node
    from shipdesk.core.tariff.lookup import SearchResult as SearchResult
    from shipdesk.core.tariff.lookup import Suggestion as Suggestion
    from shipdesk.core.tariff.narrowing import Question as Question


def warm_up() -> None:
    """Load the search index and the sentence encoder now (from a background thread at start),
    so the first suggestion is quick."""
    from shipdesk.core.tariff.lookup import warm_up as _warm_up

    _warm_up()


def query_limit() -> int:
    """The most characters a search may have (that of an item description); a longer query is
    refused with InputError. The search box takes its maximum length from here."""
    from shipdesk.core.model import QUERY_LIMIT

    return QUERY_LIMIT


def suggest(ws: Workspace, text: str, top: int = 5) -> list[Suggestion]:
    """Ranked HS suggestions for an item description."""
    from shipdesk.core.tariff.lookup import suggest as _suggest  # numpy and the encoder load lazily

    return _suggest(text, top, catalogue=ws.catalogue, national_store=ws.national_tariffs)


def search(ws: Workspace, text: str, top: int = 5) -> SearchResult:
    """Suggestions with the reading used (corrections, English wording)."""
    from shipdesk.core.tariff.lookup import search as _search

    return _search(text, top=top, catalogue=ws.catalogue, national_store=ws.national_tariffs)


def children(ws: Workspace, code: str | None) -> list[Node]:
    """The browse tree below ``code`` (None: the sections), national lines included."""
    from shipdesk.core.tariff.browse import children as _children

    return _children(code, ws.national_tariffs)


def questions(suggestions: Sequence[Suggestion]) -> list[Question]:
    """Deciding questions (knitted or woven, material...) whose answers split ``suggestions``,
    the most useful first."""
    from shipdesk.core.tariff.narrowing import questions as _questions

    return _questions(list(suggestions))


def narrow(suggestions: Sequence[Suggestion], question_id: str, answer_id: str) -> list[Suggestion]:
    """The suggestions that fit an answer to a deciding question."""
    from shipdesk.core.tariff.narrowing import narrow as _narrow

    return _narrow(list(suggestions), question_id, answer_id)


def code_exists(code: str) -> bool:
    """Whether ``code`` is a chapter, heading or subheading of HS 2022."""
    from shipdesk.core.tariff.nomenclature import code_exists as _exists

    return _exists(code)


def section_numerals() -> set[str]:
    """The Roman numerals of the nomenclature's sections (``I`` to ``XXI``)."""
    from shipdesk.core.tariff.nomenclature import nomenclature

    return {s.numeral for s in nomenclature().sections}


def section_of(code: str) -> str | None:
    """The section numeral of the chapter ``code`` starts with (None: no such chapter)."""
    from shipdesk.core.tariff.nomenclature import entry

    e = entry(code[:2])
    return e.section if e is not None else None


def tariff_dir() -> Path:
    """The folder of the shipped tariff index."""
    from shipdesk.core.tariff.lookup import tariff_dir as _dir

    return _dir()


def full_text_search() -> bool:
    """Whether SQLite's FTS5 serves the full-text search (else a built-in ranking does)."""
    from shipdesk.core.tariff.ranking import fts5_available  # numpy

    return fts5_available()


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
