"""Compiled rules: the :class:`Rule`, :class:`Matcher` and :class:`RuleSet` the engine screens with.

A :class:`RuleSet` is built by :func:`~shipdesk.core.screening.rule_loader.compile_folder` from
the rule files; it indexes its matchers by keyword anchor and its rules by destination, and reads
French and German descriptions in English through the synonyms of ``groups.toml``. The words a
rule may use for its level, category, channel and so on are listed here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import Any

from shipdesk.core.screening.article_goods import ArticleGoods
from shipdesk.core.screening.phrases import (
    PhrasePattern,
    compile_phrases,
    normalise,
    parse_quantities,
    word_prefixes,
)
from shipdesk.core.screening.reading import Reading

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
# the customer sentences are read to the customer in any of the four languages of the counter
LANGS_CUSTOMER = ("en", "fr", "de", "es")
CUSTOMER_DEFAULT = "default"  # the category of the fallback sentences in groups.toml
CONDITIONS = (
    "abv_gt",
    "abv_le",
    "wh_gt",
    "wh_le",
    "li_grams_gt",
    "ml_gt",
    "nicotine_mg_ml_gt",
)


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
    # the matcher does not fire when any of these occurs anywhere in the text
    unless_any: PhrasePattern | None = None
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
    local: bool = False  # from the user's local rules (they only add findings)
    # the sentence for the customer at the rule's own level, per language (en, fr, de, es);
    # empty: the sentence of the rule's category and level in groups.toml
    customer: dict[str, str] = field(default_factory=dict)
    # the clerk's detail per language, built on first use (it depends on the rule alone)
    details: dict[str, str] = field(default_factory=dict, repr=False, compare=False)
    # None: as the rule set's accessory categories say; True/False: the rule's own choice
    accessory_veto: bool | None = None
    # None: as the rule set's article categories say; True/False: the rule's own choice
    article_veto: bool | None = None
    # concepts (groups.toml [reading.negations]) whose stated absence stops the rule
    negated_by: tuple[str, ...] = ()
    # set by the rule set from its reading: the modifier phrases apply to this rule's keywords,
    # and an accessory of the regulated product stops it
    reads_modifiers: bool = field(default=False, repr=False, compare=False)
    reads_accessories: bool = field(default=False, repr=False, compare=False)
    # the scent and flavour notes apply to this rule's keywords
    reads_notes: bool = field(default=False, repr=False, compare=False)
    reads_served: bool = field(default=False, repr=False, compare=False)
    reads_depictions: bool = field(default=False, repr=False, compare=False)
    reads_likeness: bool = field(default=False, repr=False, compare=False)
    # a likeness that may hold the good (a key ring) counts as one for this rule
    reads_carriers: bool = field(default=False, repr=False, compare=False)
    reads_articles: bool = field(default=False, repr=False, compare=False)
    # the HS prefixes of the rule's matchers (what it covers by code)
    hs_prefixes: tuple[str, ...] = field(default=(), repr=False, compare=False)

    def level_for(self, channel: str) -> str:
        return self.channel_levels.get(channel, self.level)


@dataclass
class RuleFile:
    path: str
    file_version: str
    date: str
    title: str
    rule_ids: list[str]
    local: bool = False


def _strength_stated(text: str) -> bool:
    """Whether a description states an alcoholic strength ("42% 0,5l", "45 % vol"); a bare
    "100%" (juice, cotton) is none."""
    abv = parse_quantities(text).abv
    return abv is not None and 1 < abv < 96


@dataclass
class RuleSet:
    dataset_version: str
    files: list[RuleFile]
    rules: list[Rule]
    groups: dict[str, frozenset[str]]
    origin: str = "shipped"  # "shipped" or "imported"
    folder: str = ""
    synonyms: dict[str, str] = field(default_factory=dict)
    # words with a second meaning ("Kirsch", "Most", "genièvre"), read as the drink only when
    # the description states an alcoholic strength ("Schwarzwälder Kirsch 42% 0,5l")
    stated_synonyms: dict[str, str] = field(default_factory=dict)
    # German compounds read by their last part ("Marillenschnaps" -> schnapps, "Bergkäse" ->
    # cheese): tail -> English, and the word endings that are no such compound ("Sparschwein")
    synonym_tails: dict[str, str] = field(default_factory=dict)
    tail_exceptions: tuple[str, ...] = ()
    by_id: dict[str, Rule] = field(default_factory=dict)
    # groups.toml [customer]: category (or "default") -> level -> language -> sentence
    customer: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)
    # accessories, modifiers and negations (groups.toml [reading])
    reading: Reading = field(default_factory=Reading)
    # the tariff vocabulary concepts that are regulated goods (article_goods.toml)
    article_goods: ArticleGoods | None = None

    def __post_init__(self) -> None:
        self.by_id = {r.id: r for r in self.rules}
        self._by_dest: dict[str, list[Rule]] = {}
        # destination -> its rules indexed by what can fire them
        self._tries: dict[str, _RuleIndex] = {}
        # anchor -> keys of matchers whose keywords can only match a word starting with it
        self._anchor_index: dict[str, set[int]] = {}
        self._always: set[int] = set()
        self._synonym_keys = {normalise(k): v for k, v in self.synonyms.items()}
        # the synonyms by their first word, and the patterns of the combinations of first words
        # met so far: a description is read with only the synonyms whose first word it holds
        self._synonym_groups: dict[str, list[str]] = {}
        for k in self._synonym_keys:
            self._synonym_groups.setdefault(k.split()[0], []).append(k)
        self._synonym_patterns: dict[tuple[str, ...], PhrasePattern] = {}
        self._stated_keys = {normalise(k): v for k, v in self.stated_synonyms.items()}
        self._stated_groups: dict[str, list[str]] = {}
        for k in self._stated_keys:
            self._stated_groups.setdefault(k.split()[0], []).append(k)
        tails = sorted(self.synonym_tails, key=len, reverse=True)
        self._tail_re = (
            re.compile(r"(?<![a-z0-9])[a-z]{3,}?(" + "|".join(tails) + r")(?![a-z0-9])")
            if tails
            else None
        )
        key = 0
        reading = self.reading
        for r in self.rules:
            r.reads_modifiers = r.category in reading.modifier_categories
            r.reads_notes = (
                r.category in reading.note_categories
                or not reading.note_concepts.isdisjoint(r.negated_by)
            )
            r.reads_served = r.category in reading.served_categories
            r.reads_depictions = r.category in (
                reading.depiction_categories or reading.modifier_categories
            )
            r.reads_articles = reading.articles is not None and (
                r.article_veto
                if r.article_veto is not None
                else r.category in reading.articles.categories
            )
            r.reads_carriers = r.category in reading.likeness_categories
            # a likeness that holds nothing (a plush, a costume), by the rules that read the
            # article (not the lithium-battery rules: a plush night light carries its battery)
            r.reads_likeness = r.reads_carriers or (
                r.reads_articles and r.category in reading.likeness_item_categories
            )
            r.hs_prefixes = tuple(p for m in r.matchers for p in m.hs)
            r.reads_accessories = (
                r.accessory_veto
                if r.accessory_veto is not None
                else r.category in reading.accessory_categories
            )
            for m in r.matchers:
                m.key = key
                key += 1
                if m.keywords is None:
                    continue
                if not m.anchors:
                    self._always.add(m.key)
                for a in m.anchors:
                    self._anchor_index.setdefault(a, set()).add(m.key)
        # no anchor is longer than this, so no longer prefix of a word can be looked up
        self._anchor_max = max(map(len, self._anchor_index), default=0)

    def expand(self, text: str) -> str:
        """``text`` followed by its English reading when it holds French or German words.

        CN23 descriptions are often written in French or German; the rules are written in
        English, so ``jouet pistolet`` is also read as ``toy pistol``. The English reading is
        separated by `` . `` so that no phrase matches across the two.
        """
        if not text:
            return text
        translated = text
        words = set(text.split())
        firsts = tuple(sorted(self._synonym_groups.keys() & words))
        stated = tuple(sorted(self._stated_groups.keys() & words))
        if stated and not _strength_stated(text):
            stated = ()
        if firsts or stated:
            cache_key = firsts + tuple("+" + w for w in stated)
            pattern = self._synonym_patterns.get(cache_key)
            if pattern is None:
                # a synonym translates only when matched exactly, so one whose first word is not
                # a word of the text never translates: leaving it out of the pattern changes
                # nothing
                phrases = [k for first in firsts for k in self._synonym_groups[first]]
                phrases += [k for first in stated for k in self._stated_groups[first]]
                pattern = compile_phrases(phrases) or PhrasePattern("(?!)")
                if len(self._synonym_patterns) >= 512:
                    self._synonym_patterns.clear()
                self._synonym_patterns[cache_key] = pattern
            keys = self._synonym_keys if not stated else {**self._stated_keys, **self._synonym_keys}
            translated = pattern.compile_now().sub(lambda m: keys.get(m.group(0), m.group(0)), text)
        if self._tail_re is not None:
            translated = self._tail_re.sub(self._tail_word, translated)
        return text if translated == text else f"{text} . {translated}"

    def read_goods(self, text: str) -> str:
        """``text`` (as :meth:`expand` gave it) followed by the phrase the rules match for the
        good its head article is, when ``article_goods.toml`` names that article's concept
        ("Kaminstreichhölzer" is also read as "matches"), after `` . `` as the English reading."""
        goods, articles = self.article_goods, self.reading.articles
        if goods is None or articles is None or not text:
            return text
        head = articles.head(text)
        if head is None:
            return text
        phrase, concepts = head
        if phrase in self._stated_keys and not _strength_stated(text):
            return text  # "marc de café": read as the drink only with a strength or a volume
        padded = f" {text} "
        extra = [p for p in goods.phrases(concepts, text) if f" {p} " not in padded]
        return " . ".join([text, *extra]) if extra else text

    def _tail_word(self, m: re.Match[str]) -> str:
        """A German compound read by its last part, unless it ends in an exception."""
        word = m.group(0)
        if word.endswith(self.tail_exceptions):
            return word
        return self.synonym_tails[m.group(1)]

    def candidates(self, text: str) -> set[int]:
        """Keys of the matchers whose keywords may match ``text`` (a normalised text)."""
        out = set(self._always)
        index = self._anchor_index
        for p in word_prefixes(text, self._anchor_max):
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

    def rules_to_try(self, destination: str, candidates: set[int], hs: str) -> list[Rule]:
        """The rules for ``destination`` that may fire for an item with these candidate matcher
        keys (:meth:`candidates`) and HS digits, in file order.

        A rule left out has no matcher that could fire: no ``any_item`` or address matcher, no
        HS prefix of ``hs``, no keyword matcher among the candidates. The index is built once
        per destination, so an item is compared with the few rules its words or HS code name
        instead of every rule for the destination.
        """
        index = self._tries.get(destination)
        if index is None:
            index = self._tries[destination] = _RuleIndex(self.rules_for(destination))
        return index.select(candidates, hs)

    def with_local(self, files: list[RuleFile], rules: list[Rule]) -> RuleSet:
        """This set with the user's local rules added (they can only add findings: the loader
        refuses a local rule that vetoes, supersedes or reuses the id of a rule of the set)."""
        return replace(self, files=[*self.files, *files], rules=[*self.rules, *rules])

    def without_local(self) -> RuleSet:
        """This set without the user's local rules (itself when it has none)."""
        if not any(r.local for r in self.rules):
            return self
        return replace(
            self,
            files=[f for f in self.files if not f.local],
            rules=[r for r in self.rules if not r.local],
        )

    def customer_table(self, rule: Rule, level: str) -> dict[str, str]:
        """The customer sentences for ``rule`` fired at ``level``, per language.

        The rule's own sentence holds at its own level; at another level (the courier's, or a
        warning because a value or the rule is unconfirmed) and for a rule without one, the
        sentence of its category and level, else the default sentence of the level.
        """
        if rule.customer and level == rule.level:
            return rule.customer
        by_level = self.customer.get(rule.category) or {}
        if level in by_level:
            return by_level[level]
        return (self.customer.get(CUSTOMER_DEFAULT) or {}).get(level, {})

    @property
    def local_rules(self) -> list[Rule]:
        return [r for r in self.rules if r.local]

    def version_text(self) -> str:
        newest = max((f.date for f in self.files if not f.local), default="")
        local = len(self.local_rules)
        if local:
            shared = len(self.rules) - local
            return (
                f"{self.dataset_version} ({newest}, {shared} rules, {self.origin}; "
                f"{local} local rules)"
            )
        return f"{self.dataset_version} ({newest}, {len(self.rules)} rules, {self.origin})"


class _RuleIndex:
    """A list of rules indexed by what can fire them (see :meth:`RuleSet.rules_to_try`)."""

    __slots__ = ("always", "by_hs", "by_key", "hs_lengths", "rules")

    def __init__(self, rules: list[Rule]) -> None:
        self.rules = rules
        always: list[int] = []
        self.by_key: dict[int, int] = {}  # keyword matcher key -> position of its rule
        self.by_hs: dict[str, list[int]] = {}  # HS prefix of a matcher -> positions
        for pos, r in enumerate(rules):
            for m in r.matchers:
                if m.any_item or m.address_keywords is not None:
                    always.append(pos)
                for prefix in m.hs:
                    self.by_hs.setdefault(prefix, []).append(pos)
                if m.keywords is not None:
                    self.by_key[m.key] = pos
        self.always = frozenset(always)
        self.hs_lengths = sorted({len(p) for p in self.by_hs})

    def select(self, candidates: set[int], hs: str) -> list[Rule]:
        by_key = self.by_key
        found = set(self.always)
        found.update(by_key[k] for k in candidates if k in by_key)
        if hs:
            by_hs = self.by_hs
            for n in self.hs_lengths:
                if n > len(hs):
                    break
                hit = by_hs.get(hs[:n])
                if hit:
                    found.update(hit)
        rules = self.rules
        return [rules[pos] for pos in sorted(found)]
