"""Reading and checking ``article_goods.toml`` (see :mod:`shipdesk.core.screening.article_goods`):
every entry names its concept, the English phrase, the rules it feeds, its source and date and
whether it is confirmed; problems name the file and the entry."""

from __future__ import annotations

from typing import Any

from shipdesk.core.screening.article_goods import ArticleGood, ArticleGoods
from shipdesk.core.screening.phrases import normalise
from shipdesk.core.screening.rule_schema import Problems, date_field, str_list

_ENTRY_FIELDS = {"concept", "reads_as", "rules", "battery", "source", "date", "confidence"}
_FILE_FIELDS = {
    "schema", "file_version", "date", "title", "battery_words", "mains_words", "goods"
}  # fmt: skip


def read_article_goods(data: dict[str, Any], rel: str, probs: Problems) -> ArticleGoods:
    """Check and compile the table of ``article_goods.toml``; problems name the entry."""
    for k in data:
        if k not in _FILE_FIELDS:
            probs.add(rel, f"unknown field {k!r}")
    by: dict[str, list[ArticleGood]] = {}
    raw = data.get("goods", [])
    if not isinstance(raw, list):
        probs.add(rel, "'goods' must be an array of tables ([[goods]])")
        raw = []
    for i, ent in enumerate(raw):
        where = f"{rel}: goods #{i + 1}"
        if not isinstance(ent, dict):
            probs.add(where, "must be a table")
            continue
        where = f"{rel}: goods {ent.get('concept', f'#{i + 1}')!s}"
        for k in ent:
            if k not in _ENTRY_FIELDS:
                probs.add(where, f"unknown field {k!r}")
        concept, reads_as = ent.get("concept"), ent.get("reads_as")
        if not isinstance(concept, str) or not concept:
            probs.add(where, "'concept' must name a tariff vocabulary concept")
            continue
        if not isinstance(reads_as, str) or not normalise(reads_as):
            probs.add(where, "'reads_as' must be the English phrase the rules match")
            continue
        rules = str_list(ent.get("rules"), where, "rules", probs)
        if not rules:
            probs.add(where, "'rules' must name the rules the phrase feeds")
        battery = ent.get("battery", "")
        if battery not in ("", "always", "usually"):
            probs.add(where, "'battery' must be 'always' or 'usually'")
        confidence = ent.get("confidence")
        if confidence not in ("confirmed", "unconfirmed"):
            probs.add(where, "'confidence' must be 'confirmed' or 'unconfirmed'")
        source = ent.get("source")
        if not isinstance(source, str) or not source.strip():
            probs.add(where, "'source' is required")
            source = ""
        when = date_field(ent.get("date"), where, "date", probs)
        if when is None:
            probs.add(where, "'date' is required")
        by.setdefault(concept, []).append(
            ArticleGood(
                concept,
                normalise(reads_as),
                tuple(rules),
                battery != "usually" and confidence == "confirmed",
                bool(battery),
                source,
                when.isoformat() if when else "",
                str(confidence),
            )
        )
    words = str_list(data.get("battery_words", []), rel, "battery_words", probs)
    mains = str_list(data.get("mains_words", []), rel, "mains_words", probs)
    return ArticleGoods(
        {k: tuple(v) for k, v in by.items()},
        frozenset(normalise(w) for w in words),
        tuple(normalise(w) for w in mains),
        str(data.get("file_version", "")),
    )


def check_rules(goods: ArticleGoods, known: set[str], rel: str, probs: Problems) -> None:
    """Every entry must feed a rule of the set (a bundle without some destinations still holds
    one of the rules an entry names)."""
    for concept, entries in goods.by_concept.items():
        for g in entries:
            if known.isdisjoint(g.rules):
                probs.add(f"{rel}: goods {concept}", f"'rules' names no rule of the set {g.rules}")
