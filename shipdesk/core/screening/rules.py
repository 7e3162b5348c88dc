"""Rule data: the schema of the TOML rule files, validation and compilation.

A rule folder holds ``groups.toml`` (country groups such as ``EU``) and any number of rule files
(``*.toml``, sub-folders included). :func:`compile_folder` reads them all, checks every field and
returns a :class:`RuleSet`; anything wrong raises :class:`~shipdesk.core.errors.DataError` naming
the file and the rule.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from shipdesk.core import hscode
from shipdesk.core.errors import DataError
from shipdesk.core.screening.text import (
    PhrasePattern,
    compile_phrases,
    normalise,
    phrase_anchor,
    word_prefixes,
)

SCHEMA = "restricted-rules/1"
LEVELS = ("prohibited", "restricted", "warning")
SEVERITY = {"prohibited": 0, "restricted": 1, "warning": 2}
CATEGORIES = (
    "dangerous_goods",
    "import_ban",
    "biosecurity",
    "cites",
    "weapons",
    "drugs_medicines",
    "tobacco_alcohol",
    "counterfeit",
    "sanctions",
    "valuables",
    "postal_rules",
    "other",
)
CHANNELS = ("post", "courier")
CONFIDENCE = ("confirmed", "knowledge", "unconfirmed")
ITEM_CATEGORIES = ("gift", "sale", "sample", "documents", "returned", "other")
LANGS_REQUIRED = ("en", "fr", "de")
CONDITIONS = (
    "abv_gt",
    "abv_le",
    "wh_gt",
    "wh_le",
    "li_grams_gt",
    "ml_gt",
    "nicotine_mg_ml_gt",
)

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
    "supersedes",
    "message",
    "advice",
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
    "keyword_hs_guard",
    "exclude",
    "require_any",
    "conditions",
    "conditions_required",
    "address_keywords",
    "require_hs",
}
SOURCE_FIELDS = {"title", "url", "accessed"}
TEST_FIELDS = {"text", "hs", "dest", "origin", "channel", "expect"}
ID_RE = re.compile(r"^[A-Z0-9]+(?:-[A-Z0-9]+)*$")
CC_RE = re.compile(r"^[A-Z]{2}$")


@dataclass(frozen=True)
class ValueTrigger:
    amount: Decimal
    currency: str
    per: str  # "item" or "parcel"


@dataclass
class Matcher:
    any_item: bool = False
    hs: tuple[str, ...] = ()
    keywords: PhrasePattern | None = None
    keyword_hs_guard: tuple[str, ...] = ()
    exclude: PhrasePattern | None = None
    require_any: PhrasePattern | None = None
    conditions: dict[str, float] = field(default_factory=dict)
    conditions_required: bool = False
    address_keywords: PhrasePattern | None = None
    require_hs: tuple[str, ...] = ()
    key: int = -1  # position in the rule set's anchor index
    anchors: tuple[str, ...] = ()  # empty: no prefilter for this matcher's keywords


@dataclass
class Rule:
    id: str
    level: str
    category: str
    title: str
    file: str
    channel_levels: dict[str, str]
    destinations: frozenset[str] | None  # None = all
    exclude_destinations: frozenset[str]
    origins: frozenset[str] | None
    exclude_origins: frozenset[str]
    channels: frozenset[str]
    item_categories: frozenset[str] | None
    value_gt: ValueTrigger | None
    applies_to: str
    matchers: list[Matcher]
    hs_exclude: tuple[str, ...]
    veto: PhrasePattern | None
    supersedes: tuple[str, ...]
    message: dict[str, str]
    advice: dict[str, str]
    legal_basis: str
    sources: list[dict[str, str]]
    confidence: str
    valid_from: date | None
    valid_until: date | None
    review_by: date | None
    tests: list[dict[str, Any]]

    def level_for(self, channel: str) -> str:
        return self.channel_levels.get(channel, self.level)


@dataclass
class RuleFile:
    path: str
    file_version: str
    date: str
    title: str
    rule_ids: list[str]


@dataclass
class RuleSet:
    dataset_version: str
    files: list[RuleFile]
    rules: list[Rule]
    groups: dict[str, frozenset[str]]
    origin: str = "shipped"  # "shipped" or "imported"
    folder: str = ""
    synonyms: dict[str, str] = field(default_factory=dict)
    by_id: dict[str, Rule] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.by_id = {r.id: r for r in self.rules}
        self._by_dest: dict[str, list[Rule]] = {}
        # anchor -> keys of matchers whose keywords can only match a word starting with it
        self._anchor_index: dict[str, set[int]] = {}
        self._always: set[int] = set()
        self._synonyms = compile_phrases(list(self.synonyms)) if self.synonyms else None
        self._synonym_keys = {normalise(k): v for k, v in self.synonyms.items()}
        self._synonym_first = {k.split()[0] for k in self._synonym_keys}
        key = 0
        for r in self.rules:
            for m in r.matchers:
                m.key = key
                key += 1
                if m.keywords is None:
                    continue
                if not m.anchors:
                    self._always.add(m.key)
                for a in m.anchors:
                    self._anchor_index.setdefault(a, set()).add(m.key)

    def expand(self, text: str) -> str:
        """``text`` followed by its English reading when it holds French or German words.

        CN23 descriptions are often written in French or German; the rules are written in
        English, so ``jouet pistolet`` is also read as ``toy pistol``. The English reading is
        separated by `` . `` so that no phrase matches across the two.
        """
        if self._synonyms is None or not text:
            return text
        if self._synonym_first.isdisjoint(text.split()):
            return text
        keys = self._synonym_keys
        translated = self._synonyms.compile_now().sub(
            lambda m: keys.get(m.group(0), m.group(0)), text
        )
        return text if translated == text else f"{text} . {translated}"

    def candidates(self, text: str) -> set[int]:
        """Keys of the matchers whose keywords may match ``text`` (a normalised text)."""
        out = set(self._always)
        index = self._anchor_index
        for p in word_prefixes(text):
            hit = index.get(p)
            if hit:
                out |= hit
        return out

    def rules_for(self, destination: str) -> list[Rule]:
        """Rules whose destination scope admits ``destination`` (cached per destination)."""
        key = destination
        hit = self._by_dest.get(key)
        if hit is None:
            hit = [
                r
                for r in self.rules
                if (r.destinations is None or destination in r.destinations)
                and destination not in r.exclude_destinations
            ]
            self._by_dest[key] = hit
        return hit

    def version_text(self) -> str:
        newest = max((f.date for f in self.files), default="")
        return f"{self.dataset_version} ({newest}, {len(self.rules)} rules, {self.origin})"


class _Problems:
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


def _str_list(value: Any, where: str, name: str, probs: _Problems) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        probs.add(where, f"'{name}' must be a list of strings")
        return []
    return list(value)


def _hs_list(value: Any, where: str, name: str, probs: _Problems) -> tuple[str, ...]:
    out = []
    for v in _str_list(value, where, name, probs):
        d = hscode.digits(v)
        if d != v.replace(".", "").strip() or not 2 <= len(d) <= 10:
            probs.add(where, f"'{name}' entry {v!r} is not an HS prefix of 2 to 10 digits")
            continue
        out.append(d)
    return tuple(out)


def _phrases(value: Any, where: str, name: str, probs: _Problems) -> PhrasePattern | None:
    items = _str_list(value, where, name, probs)
    for p in items:
        if not p.strip() or "<" in p or ">" in p:
            probs.add(where, f"'{name}' has an empty or placeholder phrase {p!r}")
            return None
    try:
        return compile_phrases(items, eager=probs.eager)
    except (ValueError, re.error) as exc:
        probs.add(where, f"'{name}' has a bad pattern: {exc}")
        return None


def _date(value: Any, where: str, name: str, probs: _Problems) -> date | None:
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


def _lang_table(value: Any, where: str, name: str, probs: _Problems) -> dict[str, str]:
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in value.items()
    ):
        probs.add(where, f"'{name}' must be a table of language = text")
        return {}
    missing = [lang for lang in LANGS_REQUIRED if lang not in value]
    if missing:
        probs.add(where, f"'{name}' lacks the language(s) {', '.join(missing)}")
    return dict(value)


def _countries(
    value: Any, where: str, name: str, groups: dict[str, frozenset[str]], probs: _Problems
) -> frozenset[str] | None:
    """Expand codes and group names; None means ALL."""
    items = _str_list(value, where, name, probs)
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


def _unknown(data: dict[str, Any], allowed: set[str], where: str, probs: _Problems) -> None:
    for k in data:
        if k not in allowed:
            probs.add(where, f"unknown field {k!r}")


def _matcher(data: Any, where: str, probs: _Problems) -> Matcher | None:
    if not isinstance(data, dict):
        probs.add(where, "each [[rules.match]] must be a table")
        return None
    _unknown(data, MATCH_FIELDS, where, probs)
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
    m = Matcher(
        any_item=bool(data.get("any_item", False)),
        hs=_hs_list(data.get("hs"), where, "hs", probs),
        keywords=_phrases(data.get("keywords"), where, "keywords", probs),
        keyword_hs_guard=_hs_list(data.get("keyword_hs_guard"), where, "keyword_hs_guard", probs),
        exclude=_phrases(data.get("exclude"), where, "exclude", probs),
        require_any=_phrases(data.get("require_any"), where, "require_any", probs),
        conditions=conds,
        conditions_required=bool(data.get("conditions_required", False)),
        address_keywords=_phrases(data.get("address_keywords"), where, "address_keywords", probs),
        require_hs=_hs_list(data.get("require_hs"), where, "require_hs", probs),
    )
    phrases = _str_list(data.get("keywords"), where, "keywords", probs)
    anchors = [phrase_anchor(p) for p in phrases]
    m.anchors = () if any(a == "" for a in anchors) else tuple(sorted(set(anchors)))
    if not (m.any_item or m.hs or m.keywords or m.address_keywords):
        probs.add(where, "a matcher needs any_item, hs, keywords or address_keywords")
    if m.keywords is not None and not m.exclude and "exclude" not in data:
        probs.add(where, "a keyword matcher needs an 'exclude' list (it may be empty: [])")
    return m


def _rule(
    data: Any,
    rel: str,
    index: int,
    groups: dict[str, frozenset[str]],
    probs: _Problems,
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
    _unknown(data, RULE_FIELDS, where, probs)
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
    _unknown(scope, SCOPE_FIELDS, f"{where}: scope", probs)
    if "destinations" not in scope:
        probs.add(where, "'scope.destinations' is required (use [\"ALL\"] for everywhere)")
    channels = _str_list(scope.get("channels"), where, "scope.channels", probs) or list(CHANNELS)
    for ch in channels:
        if ch not in CHANNELS:
            probs.add(where, f"'scope.channels' has an unknown channel {ch!r}")
    cats = None
    if "item_categories" in scope:
        cats = _str_list(scope.get("item_categories"), where, "scope.item_categories", probs)
        for c in cats:
            if c not in ITEM_CATEGORIES:
                probs.add(where, f"'scope.item_categories' has an unknown category {c!r}")
    value = None
    if "value_gt" in scope:
        raw = scope["value_gt"]
        if not isinstance(raw, dict):
            probs.add(where, "'scope.value_gt' must be a table")
        else:
            _unknown(raw, VALUE_FIELDS, f"{where}: scope.value_gt", probs)
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
        if (m := _matcher(md, f"{where}: match #{i + 1}", probs)) is not None
    ]
    sources = data.get("sources", [])
    if not isinstance(sources, list) or not all(isinstance(s, dict) for s in sources):
        probs.add(where, "'sources' must be a list of tables")
        sources = []
    for s in sources:
        _unknown(s, SOURCE_FIELDS, f"{where}: sources", probs)
    tests = data.get("tests", [])
    if not isinstance(tests, list) or not all(isinstance(t, dict) for t in tests):
        probs.add(where, "'tests' must be a list of tables")
        tests = []
    for t in tests:
        _unknown(t, TEST_FIELDS, f"{where}: tests", probs)
    if not data.get("legal_basis") and not sources:
        probs.add(where, "a rule needs a 'legal_basis' or 'sources'")
    review_by = _date(data.get("review_by"), where, "review_by", probs)
    if review_by is None:
        probs.add(where, "'review_by' is required")
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
        supersedes=tuple(_str_list(data.get("supersedes"), where, "supersedes", probs)),
        message=_lang_table(data.get("message"), where, "message", probs),
        advice=_lang_table(data.get("advice"), where, "advice", probs),
        legal_basis=str(data.get("legal_basis", "")),
        sources=[{k: str(v) for k, v in s.items()} for s in sources],
        confidence=confidence if confidence in CONFIDENCE else "unconfirmed",
        valid_from=_date(data.get("valid_from"), where, "valid_from", probs),
        valid_until=_date(data.get("valid_until"), where, "valid_until", probs),
        review_by=review_by,
        tests=tests,
    )
    return rule


def _veto_list(
    data: dict[str, Any], where: str, sets: dict[str, list[str]], probs: _Problems
) -> list[str] | None:
    """The rule's veto phrases plus those of the named phrase sets (``veto_sets``)."""
    own = _str_list(data.get("veto"), where, "veto", probs)
    for name in _str_list(data.get("veto_sets"), where, "veto_sets", probs):
        if name not in sets:
            probs.add(where, f"'veto_sets' names an unknown phrase set {name!r}")
            continue
        own.extend(sets[name])
    return own or None


def _read_toml(path: Path, rel: str) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise DataError(f"invalid rule data: {rel}: not valid TOML ({exc})") from exc
    except OSError as exc:
        raise DataError(f"invalid rule data: {rel}: cannot be read ({exc})") from exc


def _check_header(data: dict[str, Any], rel: str, probs: _Problems) -> None:
    if data.get("schema") != SCHEMA:
        probs.add(rel, f"'schema' must be {SCHEMA!r}")
    for key in ("file_version", "date"):
        if not isinstance(data.get(key), str | date):
            probs.add(rel, f"'{key}' is required (every rule file is versioned and dated)")
    _date(str(data.get("date", "")), rel, "date", probs)


def _cycles(rules: list[Rule]) -> list[list[str]]:
    graph = {r.id: [s for s in r.supersedes] for r in rules}
    state: dict[str, int] = {}
    found: list[list[str]] = []

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in graph.get(node, []):
            if state.get(nxt) == 1:
                found.append([*stack[stack.index(nxt) :], nxt])
            elif nxt in graph and state.get(nxt) is None:
                visit(nxt, stack)
        stack.pop()
        state[node] = 2

    for rid in graph:
        if rid not in state:
            visit(rid, [])
    return found


def compile_folder(folder: str | Path, *, origin: str = "shipped", eager: bool = False) -> RuleSet:
    """Read, validate and compile every rule file under ``folder``.

    With ``eager`` every regular expression is built now; otherwise on first use (faster start).
    """
    base = Path(folder)
    if not base.is_dir():
        raise DataError(f"rule folder not found: {base}")
    probs = _Problems(eager)
    groups: dict[str, frozenset[str]] = {}
    phrase_sets: dict[str, list[str]] = {}
    synonyms: dict[str, str] = {}
    dataset_version = ""
    gpath = base / "groups.toml"
    if gpath.exists():
        gdata = _read_toml(gpath, "groups.toml")
        _check_header(gdata, "groups.toml", probs)
        _unknown(gdata, GROUP_FILE_FIELDS, "groups.toml", probs)
        dataset_version = str(gdata.get("dataset_version", ""))
        for name, members in (gdata.get("groups") or {}).items():
            codes = _str_list(members, f"groups.toml: group {name}", "members", probs)
            bad = [c for c in codes if not CC_RE.match(c)]
            if bad:
                probs.add(f"groups.toml: group {name}", f"bad country codes {bad}")
            groups[name] = frozenset(codes)
        raw_syn = gdata.get("synonyms") or {}
        if not isinstance(raw_syn, dict):
            probs.add("groups.toml", "'synonyms' must be a table of phrase = English phrase")
            raw_syn = {}
        for key, value in raw_syn.items():
            if not isinstance(value, str) or not normalise(value) or not normalise(key):
                probs.add("groups.toml", f"synonym {key!r} must map to a non-empty string")
                continue
            synonyms["=" + " =".join(normalise(key).split())] = normalise(value)
        for name, phrases in (gdata.get("phrase_sets") or {}).items():
            phrase_sets[name] = _str_list(phrases, f"groups.toml: phrase set {name}", "", probs)
    if not dataset_version:
        probs.add("groups.toml", "'dataset_version' is required in groups.toml")
    files: list[RuleFile] = []
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    paths = sorted(p for p in base.rglob("*.toml") if p.name != "groups.toml")
    if not paths:
        probs.add(str(base), "no rule files (*.toml)")
    for path in paths:
        rel = path.relative_to(base).as_posix()
        data = _read_toml(path, rel)
        _check_header(data, rel, probs)
        _unknown(data, FILE_FIELDS - {"groups"}, rel, probs)
        raw_rules = data.get("rules", [])
        if not isinstance(raw_rules, list):
            probs.add(rel, "'rules' must be an array of tables ([[rules]])")
            raw_rules = []
        ids = []
        for i, rd in enumerate(raw_rules):
            rule = _rule(rd, rel, i, groups, probs, phrase_sets)
            if rule is None:
                continue
            if rule.id in seen:
                probs.add(f"{rel}: rule {rule.id}", f"duplicate id (also in {seen[rule.id]})")
                continue
            seen[rule.id] = rel
            ids.append(rule.id)
            rules.append(rule)
        files.append(
            RuleFile(
                rel,
                str(data.get("file_version", "")),
                str(data.get("date", "")),
                str(data.get("title", "")),
                ids,
            )
        )
    for r in rules:
        for s in r.supersedes:
            if s not in seen:
                probs.add(f"{r.file}: rule {r.id}", f"supersedes unknown rule {s!r}")
            if s == r.id:
                probs.add(f"{r.file}: rule {r.id}", "supersedes itself")
    for cyc in _cycles(rules):
        if len(cyc) > 2:
            first = seen.get(cyc[0], "?")
            probs.add(f"{first}: rule {cyc[0]}", "cycle in supersedes: " + " -> ".join(cyc))
    probs.raise_if_any()
    return RuleSet(
        dataset_version, files, rules, groups, origin=origin, folder=str(base), synonyms=synonyms
    )
