"""Guided narrowing: questions whose answers split the leading suggestions ("knitted or
woven?"), read from ``questions.toml`` beside the tariff index, and narrowing by an answer."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache

from shipdesk.core.errors import DataError
from shipdesk.core.tariff import nomenclature as _nom
from shipdesk.core.tariff.lookup import Suggestion, hs_suggestion, tariff_dir


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


@dataclass(frozen=True)
class _QDef:
    id: str
    text: str
    scope: str
    where: tuple[str, ...]
    answers: tuple[tuple[str, str, re.Pattern[str] | None], ...]


@lru_cache(maxsize=1)
def _question_defs() -> tuple[_QDef, ...]:
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
        s.path_text = hs_suggestion(s.hs6 or s.code[:6], 0.0, "").path_text
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
