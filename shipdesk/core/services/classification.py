"""Classification: HS suggestions, the nomenclature tree, the user's confirmed codes.

The tariff search gets the workspace's catalogue (codes the user confirmed come first) and its
national tariff store (8 to 10 digit lines follow their subheadings). The deciding questions
that narrow a list of suggestions, and what the faces need to know about the nomenclature
(whether a code exists, the section of a chapter), are asked here too.

The result types are named here for annotations; the tariff package (numpy and the sentence
encoder behind it) is imported only inside the functions.
"""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path
from typing import TYPE_CHECKING

from shipdesk.core.errors import DataError
from shipdesk.core.services.workspace import Workspace

if TYPE_CHECKING:
    from collections.abc import Sequence

    from shipdesk.core.storage.catalogue import CatalogueEntry as CatalogueEntry
    from shipdesk.core.tariff.browse import Node as Node
    from shipdesk.core.tariff.examples import Example as Example
    from shipdesk.core.tariff.lookup import SearchResult as SearchResult
    from shipdesk.core.tariff.lookup import Suggestion as Suggestion
    from shipdesk.core.tariff.narrowing import Question as Question


def warm_up() -> None:
    """Load the search index and the sentence encoder now (from a background thread at start),
    so the first suggestion is quick."""
    from shipdesk.core.tariff.lookup import warm_up as _warm_up

    _warm_up()


def load_libraries() -> None:
    """Import the numerical library the lookup runs on, on the calling thread. Importing a
    compiled module holds the interpreter lock for the whole import (20-30 ms a module, about
    50 ms in all), which on the background warm-up thread would stop the window for that long
    while the user types; the app calls this before its window shows instead."""
    import numpy  # noqa: F401


def load_encoder() -> None:
    """Set up the sentence encoder on the calling thread (50-60 ms), ahead of the rest of the
    lookup. The app calls this before its window shows: on the background warm-up thread the
    set-up kept the window from the interpreter lock for 20-70 ms while the first keys were
    typed; the rest of the warm-up gives the lock up between small steps."""
    from shipdesk.core.tariff.lookup import load_encoder as _load

    _load()


def query_limit() -> int:
    """The most characters a search may have (that of an item description); a longer query is
    refused with InputError. The search box takes its maximum length from here."""
    from shipdesk.core.model import QUERY_LIMIT

    return QUERY_LIMIT


def check_query(text: str) -> None:
    """Refuse (InputError) a description longer than :func:`query_limit`, as the searches do."""
    from shipdesk.core.tariff.lookup import check_query as _check

    _check(text)


def reason_text(suggestion: Suggestion, lang: str) -> tuple[str, str]:
    """(the short reason in ``lang``, the legal note it applies) when a note or GRI decided or
    moved ``suggestion``; ("", "") when none did."""
    from shipdesk.core.tariff.lookup import reason_text as _reason_text

    return _reason_text(suggestion.reason, lang)


def suggest(ws: Workspace, text: str, top: int = 5) -> list[Suggestion]:
    """Ranked HS suggestions for an item description."""
    from shipdesk.core.tariff.lookup import suggest as _suggest  # numpy and the encoder load lazily

    return _suggest(text, top, catalogue=ws.catalogue, national_store=ws.national_tariffs)


class SuggestionCache:
    """Suggestions already made in a batch, by query text, the least recently used dropped
    first once ``max_entries`` or about ``max_bytes`` are held.

    The query text is the search's own (:func:`shipdesk.core.tariff.lookup.query_text`), so a
    description that comes again, however it was spaced, is answered from here. What a
    suggestion costs is estimated from its texts; the estimate is on the high side. The cache
    is emptied when the user's confirmed codes or the imported national tariffs change.
    """

    def __init__(self, max_entries: int = 8192, max_bytes: int = 16 * 1024 * 1024) -> None:
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.bytes = 0
        self.hits = 0
        self.misses = 0
        self._state: object = None
        self._items: OrderedDict[tuple[int, str], tuple[list[Suggestion], int]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._items)

    @staticmethod
    def cost(text: str, suggestions: Sequence[Suggestion]) -> int:
        """Estimated bytes of an entry: the objects and every text they hold."""
        size = 200 + 2 * len(text)
        for s in suggestions:
            size += 600 + 64 * len(s.evidence)  # the evidence: shared rows, a list of refs
            size += 2 * sum(
                len(x)
                for x in (
                    s.code,
                    s.description,
                    s.source,
                    s.heading,
                    s.heading_description,
                    s.chapter,
                    s.chapter_description,
                    s.hs6,
                    s.path_text,
                )
            )
        return size

    def get(self, top: int, text: str) -> list[Suggestion] | None:
        item = self._items.get((top, text))
        if item is None:
            self.misses += 1
            return None
        self._items.move_to_end((top, text))
        self.hits += 1
        return item[0]

    def put(self, top: int, text: str, suggestions: list[Suggestion]) -> None:
        size = self.cost(text, suggestions)
        if size > self.max_bytes:
            return
        old = self._items.pop((top, text), None)
        if old is not None:
            self.bytes -= old[1]
        self._items[(top, text)] = (suggestions, size)
        self.bytes += size
        while len(self._items) > self.max_entries or self.bytes > self.max_bytes:
            _, (_, dropped) = self._items.popitem(last=False)
            self.bytes -= dropped

    def clear(self) -> None:
        self._items.clear()
        self.bytes = 0

    def check_state(self, state: object) -> None:
        """Empty the cache if ``state`` (what the suggestions depend on) changed."""
        if state != self._state:
            self.clear()
            self._state = state


def _state(ws: Workspace) -> object:
    """What suggestions depend on besides the query: confirmed codes and national tariffs."""
    try:
        return (ws.catalogue.location, *ws.catalogue.signature(), ws.national_tariffs.stamp())
    except DataError:
        return None


def suggest_many(
    ws: Workspace, texts: Sequence[str], top: int = 5, cache: SuggestionCache | None = None
) -> list[list[Suggestion]]:
    """:func:`suggest` for each text, in order, with the same results, several times quicker.

    Texts seen before are answered from ``cache`` (the same list objects each time: read
    them, do not change them); the others are searched together. A text over the limit is
    refused with InputError (see :func:`check_query`) before any work.
    """
    from shipdesk.core.tariff.lookup import check_query as _check
    from shipdesk.core.tariff.lookup import query_text, search_many

    for t in texts:
        _check(t)
    top = max(1, int(top))
    keys = [query_text(t) for t in texts]
    state = _state(ws) if cache is not None else None
    use_cache = cache is not None and state is not None
    if cache is not None and use_cache:
        cache.check_state(state)
    out: list[list[Suggestion] | None] = [None] * len(texts)
    todo: dict[str, int] = {}  # query text -> the first index that asks for it
    for i, key in enumerate(keys):
        if cache is not None and use_cache:
            hit = cache.get(top, key)
            if hit is not None:
                out[i] = hit
                continue
        todo.setdefault(key, i)
    if todo:
        found = search_many(
            [texts[i] for i in todo.values()],
            top,
            catalogue=ws.catalogue,
            national_store=ws.national_tariffs,
        )
        fresh = {key: res.suggestions for key, res in zip(todo, found)}
        for i, key in enumerate(keys):
            if out[i] is None:
                out[i] = fresh[key]
        if cache is not None and use_cache:
            for key, suggestions in fresh.items():
                cache.put(top, key, suggestions)
    return [x if x is not None else [] for x in out]


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
