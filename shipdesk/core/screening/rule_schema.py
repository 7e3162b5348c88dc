"""The rule-file schema: the fields a rule file, a rule and a matcher may hold, and the checks
that turn one ``[[rules]]`` table into a :class:`~shipdesk.core.screening.ruleset.Rule`.

Every problem is collected (file, rule and field named) rather than raised at once, so that
``rules check`` lists them all; :class:`Problems` raises them together as one
:class:`~shipdesk.core.errors.DataError`.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from shipdesk.core import hscode
from shipdesk.core.errors import DataError
from shipdesk.core.screening.phrases import (
    PhrasePattern,
    compile_phrases,
    phrase_anchor,
)
from shipdesk.core.screening.ruleset import (
    CATEGORIES,
    CHANNELS,
    CONDITIONS,
    CONFIDENCE,
    CUSTOMER_DEFAULT,
    ITEM_CATEGORIES,
    LANGS_CUSTOMER,
    LANGS_REQUIRED,
    LEVELS,
    Matcher,
    Rule,
    ValueTrigger,
)

SCHEMA = "restricted-rules/1"
FILE_FIELDS = {"schema", "dataset_version", "file_version", "date", "title", "rules", "groups"}
GROUP_FILE_FIELDS = {
    "schema",
    "dataset_version",
    "file_version",
    "date",
    "title",
    "groups",
    "phrase_sets",
    "synonyms",
    "stated_synonyms",
    "synonym_tails",
    "synonym_tail_exceptions",
    "customer",
    "reading",
}
RULE_FIELDS = {
    "id",
    "level",
    "channel_levels",
    "category",
    "title",
    "scope",
    "applies_to",
    "match",
    "hs_exclude",
    "veto",
    "veto_sets",
    "accessory_veto",
    "article_veto",
    "negated_by",
    "supersedes",
    "message",
    "advice",
    "customer",
    "legal_basis",
    "sources",
    "confidence",
    "valid_from",
    "valid_until",
    "review_by",
    "tests",
}
SCOPE_FIELDS = {
    "destinations",
    "exclude_destinations",
    "origins",
    "exclude_origins",
    "channels",
    "item_categories",
    "value_gt",
}
VALUE_FIELDS = {"amount", "currency", "per"}
MATCH_FIELDS = {
    "any_item",
    "hs",
    "keywords",
    "keyword_sets",
    "keyword_hs_guard",
    "exclude",
    "require_any",
    "unless_any",
    "conditions",
    "conditions_required",
    "address_keywords",
    "require_hs",
}
SOURCE_FIELDS = {"title", "url", "accessed"}
TEST_FIELDS = {"text", "hs", "dest", "origin", "channel", "expect"}
ID_RE = re.compile(r"^[A-Z0-9]+(?:-[A-Z0-9]+)*$")
CC_RE = re.compile(r"^[A-Z]{2}$")


class Problems:
    """Collects problems; raises one DataError listing them (first ones first)."""

    def __init__(self, eager: bool = False) -> None:
        self.items: list[str] = []
        self.eager = eager  # compile every pattern now (rule checking) or on first use

    def add(self, where: str, message: str) -> None:
        self.items.append(f"{where}: {message}")

    def raise_if_any(self) -> None:
        if self.items:
            head = self.items[:8]
            more = len(self.items) - len(head)
            text = "; ".join(head) + (f"; and {more} more" if more > 0 else "")
            raise DataError(f"invalid rule data: {text}")


def str_list(value: Any, where: str, name: str, probs: Problems) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        probs.add(where, f"'{name}' must be a list of strings")
        return []
    return list(value)


def _hs_list(value: Any, where: str, name: str, probs: Problems) -> tuple[str, ...]:
    out = []
    for v in str_list(value, where, name, probs):
        d = hscode.digits(v)
        if d != v.replace(".", "").strip() or not 2 <= len(d) <= 10:
            probs.add(where, f"'{name}' entry {v!r} is not an HS prefix of 2 to 10 digits")
            continue
        out.append(d)
    return tuple(out)


def _phrases(value: Any, where: str, name: str, probs: Problems) -> PhrasePattern | None:
    items = str_list(value, where, name, probs)
    for p in items:
        if not p.strip() or "<" in p or ">" in p:
            probs.add(where, f"'{name}' has an empty or placeholder phrase {p!r}")
            return None
    try:
        return compile_phrases(items, eager=probs.eager)
    except (ValueError, re.error) as exc:
        probs.add(where, f"'{name}' has a bad pattern: {exc}")
        return None


def date_field(value: Any, where: str, name: str, probs: Problems) -> date | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    probs.add(where, f"'{name}' must be an ISO date (YYYY-MM-DD), got {value!r}")
    return None


def _lang_table(
    value: Any,
    where: str,
    name: str,
    probs: Problems,
    required: tuple[str, ...] = LANGS_REQUIRED,
) -> dict[str, str]:
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in value.items()
    ):
        probs.add(where, f"'{name}' must be a table of language = text")
        return {}
    missing = [lang for lang in required if lang not in value]
    if missing:
        probs.add(where, f"'{name}' lacks the language(s) {', '.join(missing)}")
    return dict(value)


def _countries(
    value: Any, where: str, name: str, groups: dict[str, frozenset[str]], probs: Problems
) -> frozenset[str] | None:
    """Expand codes and group names; None means ALL."""
    items = str_list(value, where, name, probs)
    out: set[str] = set()
    for code in items:
        if code == "ALL":
            return None
        if code in groups:
            out |= groups[code]
        elif CC_RE.match(code):
            out.add(code)
        else:
            probs.add(where, f"'{name}' has an unknown country or group {code!r}")
    return frozenset(out)


def unknown_fields(data: dict[str, Any], allowed: set[str], where: str, probs: Problems) -> None:
    for k in data:
        if k not in allowed:
            probs.add(where, f"unknown field {k!r}")


def _matcher(
    data: Any, where: str, probs: Problems, sets: dict[str, list[str]] | None = None
) -> Matcher | None:
    if not isinstance(data, dict):
        probs.add(where, "each [[rules.match]] must be a table")
        return None
    unknown_fields(data, MATCH_FIELDS, where, probs)
    conds: dict[str, float] = {}
    raw_conds = data.get("conditions", {})
    if not isinstance(raw_conds, dict):
        probs.add(where, "'conditions' must be a table")
        raw_conds = {}
    for k, v in raw_conds.items():
        if k not in CONDITIONS:
            probs.add(where, f"unknown condition {k!r}")
        elif isinstance(v, bool) or not isinstance(v, int | float):
            probs.add(where, f"condition {k!r} must be a number")
        else:
            conds[k] = float(v)
    phrases = _keyword_list(data, where, sets or {}, probs)
    m = Matcher(
        any_item=bool(data.get("any_item", False)),
        hs=_hs_list(data.get("hs"), where, "hs", probs),
        keywords=_phrases(phrases, where, "keywords", probs),
        keyword_hs_guard=_hs_list(data.get("keyword_hs_guard"), where, "keyword_hs_guard", probs),
        exclude=_phrases(data.get("exclude"), where, "exclude", probs),
        require_any=_phrases(data.get("require_any"), where, "require_any", probs),
        unless_any=_phrases(data.get("unless_any"), where, "unless_any", probs),
        conditions=conds,
        conditions_required=bool(data.get("conditions_required", False)),
        address_keywords=_phrases(data.get("address_keywords"), where, "address_keywords", probs),
        require_hs=_hs_list(data.get("require_hs"), where, "require_hs", probs),
    )
    anchors = [phrase_anchor(p) for p in phrases or ()]
    m.anchors = () if any(a == "" for a in anchors) else tuple(sorted(set(anchors)))
    if not (m.any_item or m.hs or m.keywords or m.address_keywords):
        probs.add(where, "a matcher needs any_item, hs, keywords or address_keywords")
    if m.keywords is not None and not m.exclude and "exclude" not in data:
        probs.add(where, "a keyword matcher needs an 'exclude' list (it may be empty: [])")
    return m


def rule_from_table(
    data: Any,
    rel: str,
    index: int,
    groups: dict[str, frozenset[str]],
    probs: Problems,
    phrase_sets: dict[str, list[str]] | None = None,
) -> Rule | None:
    if not isinstance(data, dict):
        probs.add(f"{rel}: rule #{index + 1}", "must be a table")
        return None
    rid = data.get("id")
    if not isinstance(rid, str) or not ID_RE.match(rid):
        probs.add(f"{rel}: rule #{index + 1}", f"'id' missing or not [A-Z0-9-]+: {rid!r}")
        rid = f"#{index + 1}"
    where = f"{rel}: rule {rid}"
    unknown_fields(data, RULE_FIELDS, where, probs)
    level = data.get("level")
    if level not in LEVELS:
        probs.add(where, f"'level' must be one of {', '.join(LEVELS)}, got {level!r}")
    category = data.get("category")
    if category not in CATEGORIES:
        probs.add(where, f"'category' {category!r} is not a known category")
    cl = data.get("channel_levels", {})
    if not isinstance(cl, dict):
        probs.add(where, "'channel_levels' must be a table")
        cl = {}
    for ch, lv in cl.items():
        if ch not in CHANNELS:
            probs.add(where, f"'channel_levels' has an unknown channel {ch!r}")
        if lv not in LEVELS:
            probs.add(where, f"'channel_levels.{ch}' has an unknown level {lv!r}")
    confidence = data.get("confidence")
    if confidence not in CONFIDENCE:
        probs.add(where, f"'confidence' must be one of {', '.join(CONFIDENCE)}")
    if confidence == "unconfirmed" and (
        level != "warning" or any(v != "warning" for v in cl.values())
    ):
        probs.add(where, "an unconfirmed rule may only have the level 'warning'")
    scope = data.get("scope", {})
    if not isinstance(scope, dict):
        probs.add(where, "'scope' must be a table")
        scope = {}
    unknown_fields(scope, SCOPE_FIELDS, f"{where}: scope", probs)
    if "destinations" not in scope:
        probs.add(where, "'scope.destinations' is required (use [\"ALL\"] for everywhere)")
    channels = str_list(scope.get("channels"), where, "scope.channels", probs) or list(CHANNELS)
    for ch in channels:
        if ch not in CHANNELS:
            probs.add(where, f"'scope.channels' has an unknown channel {ch!r}")
    cats = None
    if "item_categories" in scope:
        cats = str_list(scope.get("item_categories"), where, "scope.item_categories", probs)
        for c in cats:
            if c not in ITEM_CATEGORIES:
                probs.add(where, f"'scope.item_categories' has an unknown category {c!r}")
    value = None
    if "value_gt" in scope:
        raw = scope["value_gt"]
        if not isinstance(raw, dict):
            probs.add(where, "'scope.value_gt' must be a table")
        else:
            unknown_fields(raw, VALUE_FIELDS, f"{where}: scope.value_gt", probs)
            try:
                amount = Decimal(str(raw.get("amount")))
                cur = str(raw.get("currency", ""))
                per = str(raw.get("per", "item"))
                if not re.fullmatch(r"[A-Z]{3}", cur) or per not in ("item", "parcel"):
                    raise InvalidOperation
                value = ValueTrigger(amount, cur, per)
            except (InvalidOperation, ValueError):
                probs.add(where, "'scope.value_gt' needs amount, a 3-letter currency, per")
    applies_to = data.get("applies_to", "item")
    if applies_to not in ("item", "declaration"):
        probs.add(where, "'applies_to' must be 'item' or 'declaration'")
    raw_match = data.get("match", [])
    if not isinstance(raw_match, list) or not raw_match:
        probs.add(where, "at least one [[rules.match]] is required")
        raw_match = []
    matchers = [
        m
        for i, md in enumerate(raw_match)
        if (m := _matcher(md, f"{where}: match #{i + 1}", probs, phrase_sets)) is not None
    ]
    sources = data.get("sources", [])
    if not isinstance(sources, list) or not all(isinstance(s, dict) for s in sources):
        probs.add(where, "'sources' must be a list of tables")
        sources = []
    for s in sources:
        unknown_fields(s, SOURCE_FIELDS, f"{where}: sources", probs)
    tests = data.get("tests", [])
    if not isinstance(tests, list) or not all(isinstance(t, dict) for t in tests):
        probs.add(where, "'tests' must be a list of tables")
        tests = []
    for t in tests:
        unknown_fields(t, TEST_FIELDS, f"{where}: tests", probs)
    if not data.get("legal_basis") and not sources:
        probs.add(where, "a rule needs a 'legal_basis' or 'sources'")
    review_by = date_field(data.get("review_by"), where, "review_by", probs)
    if review_by is None:
        probs.add(where, "'review_by' is required")
    accessory_veto = data.get("accessory_veto")
    if accessory_veto is not None and not isinstance(accessory_veto, bool):
        probs.add(where, "'accessory_veto' must be true or false")
        accessory_veto = None
    article_veto = data.get("article_veto")
    if article_veto is not None and not isinstance(article_veto, bool):
        probs.add(where, "'article_veto' must be true or false")
        article_veto = None
    rule = Rule(
        id=rid,
        level=level if level in LEVELS else "warning",
        category=category if category in CATEGORIES else "other",
        title=str(data.get("title", "")) or rid,
        file=rel,
        channel_levels={k: v for k, v in cl.items() if k in CHANNELS and v in LEVELS},
        destinations=_countries(
            scope.get("destinations", ["ALL"]), where, "scope.destinations", groups, probs
        ),
        exclude_destinations=_countries(
            scope.get("exclude_destinations"), where, "scope.exclude_destinations", groups, probs
        )
        or frozenset(),
        origins=(
            _countries(scope.get("origins"), where, "scope.origins", groups, probs)
            if "origins" in scope
            else None
        ),
        exclude_origins=_countries(
            scope.get("exclude_origins"), where, "scope.exclude_origins", groups, probs
        )
        or frozenset(),
        channels=frozenset(channels),
        item_categories=frozenset(cats) if cats is not None else None,
        value_gt=value,
        applies_to=applies_to,
        matchers=matchers,
        hs_exclude=_hs_list(data.get("hs_exclude"), where, "hs_exclude", probs),
        veto=_phrases(_veto_list(data, where, phrase_sets or {}, probs), where, "veto", probs),
        supersedes=tuple(str_list(data.get("supersedes"), where, "supersedes", probs)),
        message=_lang_table(data.get("message"), where, "message", probs),
        advice=_lang_table(data.get("advice"), where, "advice", probs),
        customer=(
            _lang_table(data["customer"], where, "customer", probs, LANGS_CUSTOMER)
            if "customer" in data
            else {}
        ),
        legal_basis=str(data.get("legal_basis", "")),
        sources=[{k: str(v) for k, v in s.items()} for s in sources],
        confidence=confidence if confidence in CONFIDENCE else "unconfirmed",
        valid_from=date_field(data.get("valid_from"), where, "valid_from", probs),
        valid_until=date_field(data.get("valid_until"), where, "valid_until", probs),
        review_by=review_by,
        tests=tests,
        accessory_veto=accessory_veto,
        article_veto=article_veto,
        negated_by=tuple(str_list(data.get("negated_by"), where, "negated_by", probs)),
    )
    return rule


def _phrases_with_sets(
    data: dict[str, Any],
    where: str,
    sets: dict[str, list[str]],
    probs: Problems,
    key: str,
    sets_key: str,
) -> list[str]:
    """The phrases under ``key`` plus those of the phrase sets named under ``sets_key``."""
    own = str_list(data.get(key), where, key, probs)
    for name in str_list(data.get(sets_key), where, sets_key, probs):
        if name not in sets:
            probs.add(where, f"'{sets_key}' names an unknown phrase set {name!r}")
            continue
        own.extend(sets[name])
    return own


def _keyword_list(
    data: dict[str, Any], where: str, sets: dict[str, list[str]], probs: Problems
) -> list[str] | None:
    """The matcher's keywords plus those of the named phrase sets (``keyword_sets``: a shared
    vocabulary such as the brand product lines that always carry a battery)."""
    if "keywords" not in data and "keyword_sets" not in data:
        return None
    return _phrases_with_sets(data, where, sets, probs, "keywords", "keyword_sets")


def _veto_list(
    data: dict[str, Any], where: str, sets: dict[str, list[str]], probs: Problems
) -> list[str] | None:
    """The rule's veto phrases plus those of the named phrase sets (``veto_sets``)."""
    return _phrases_with_sets(data, where, sets, probs, "veto", "veto_sets") or None


def customer_sentences(
    value: Any, where: str, probs: Problems
) -> dict[str, dict[str, dict[str, str]]]:
    """``groups.toml`` ``[customer]``: per category (or ``default``) and level, the sentence for
    the customer in every language of :data:`LANGS_CUSTOMER`. ``default`` must give every
    level, so that every rule at every level has a sentence."""
    if not isinstance(value, dict):
        probs.add(where, "'customer' must be a table of category = { level = { language = text } }")
        return {}
    out: dict[str, dict[str, dict[str, str]]] = {}
    for category, levels in value.items():
        here = f"{where}: customer.{category}"
        if category != CUSTOMER_DEFAULT and category not in CATEGORIES:
            probs.add(here, f"unknown category {category!r}")
            continue
        if not isinstance(levels, dict):
            probs.add(here, "must be a table of level = { language = text }")
            continue
        out[category] = {}
        for level, table in levels.items():
            if level not in LEVELS:
                probs.add(here, f"unknown level {level!r}")
                continue
            out[category][level] = _lang_table(
                table, f"{here}.{level}", "text", probs, LANGS_CUSTOMER
            )
    missing = [lv for lv in LEVELS if lv not in out.get(CUSTOMER_DEFAULT, {})]
    if missing:
        probs.add(where, f"'customer.{CUSTOMER_DEFAULT}' lacks the level(s) {', '.join(missing)}")
    return out
