"""The matching engine: which rules fire for an item or a shipment.

Pure functions over a compiled :class:`~shipdesk.core.screening.ruleset.RuleSet`; the public
entry points are in :mod:`shipdesk.core.screening.screen`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from shipdesk.core import hscode
from shipdesk.core.errors import ShipdeskError
from shipdesk.core.rates import RateBook, convert
from shipdesk.core.screening.notes import text as note_text
from shipdesk.core.screening.phrases import PhrasePattern, Quantities, normalise, parse_quantities
from shipdesk.core.screening.reading import Reading, inside
from shipdesk.core.screening.ruleset import SEVERITY, Matcher, Rule, RuleSet
from shipdesk.core.text import ReadText, read_text

ITEM_CATEGORY_ALIASES = {
    "gift": "gift",
    "sale_of_goods": "sale",
    "sale": "sale",
    "commercial_sample": "sample",
    "sample": "sample",
    "documents": "documents",
    "returned_goods": "returned",
    "returned": "returned",
    "other": "other",
}


@dataclass(frozen=True)
class Finding:
    """One fired rule, for one item (``item_index``) or the whole declaration (None)."""

    rule: str
    level: str
    category: str
    message: str
    advice: str
    item_index: int | None = None
    source: str = ""
    confidence: str = ""
    title: str = ""
    notes: tuple[str, ...] = ()
    local: bool = False  # from the user's local rules, not one of the ShipDesk rules
    # the plain sentence for the customer (what may go and what to do), and the clerk's detail
    # (rule id, source, limit, date checked, confidence), both in the finding's language
    customer_text: str = ""
    detail: str = ""
    # the postal operator profile whose own rule this is (OP-* findings: its limits per parcel,
    # its refusal of a destination); empty for the findings of the rule files
    operator: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "level": self.level,
            "category": self.category,
            "message": self.message,
            "advice": self.advice,
            "item_index": self.item_index,
            "title": self.title,
            "source": self.source,
            "confidence": self.confidence,
            "local": self.local,
            "customer_text": self.customer_text,
            "detail": self.detail,
            "operator": self.operator,
        }


@dataclass
class Context:
    """What the engine knows about one item and its shipment."""

    text: str = ""  # normalised description
    quantities: Quantities = field(default_factory=Quantities)
    hs: str = ""
    destination: str = ""
    origins: frozenset[str] = frozenset()  # item origin and consignment origin, known ones
    sender_country: str = ""
    channel: str = "post"
    item_category: str = ""
    value_eur: Decimal | None = None  # per unit, when known
    parcel_value_eur: Decimal | None = None
    value_text: tuple[str, str] = ("", "")
    address_text: str = ""
    when: date | None = None
    candidates: set[int] | None = None  # matcher keys worth trying (None: all)
    rates: RateBook | None = None  # the rate book value limits convert with (None: shipped)
    raw: str = ""  # the description as read (punctuation kept), for the main product
    # what the rule set's reading found, worked out on first need: "accessory", "modifiers",
    # and per negation concept
    readings: dict[str, Any] = field(default_factory=dict)
    # the keyword spans of each matcher that hit (by matcher key)
    hits: dict[int, list[tuple[int, int]]] = field(default_factory=dict)


@dataclass(frozen=True)
class Hit:
    rule: Rule
    level: str
    notes: tuple[str, ...]


def make_context(
    description: str,
    *,
    hs_code: str = "",
    destination: str = "",
    origin: str = "",
    sender_country: str = "",
    channel: str = "post",
    item_category: str = "",
    value_eur: Decimal | None = None,
    parcel_value_eur: Decimal | None = None,
    value_text: tuple[str, str] = ("", ""),
    address: str = "",
    when: date | None = None,
    rates: RateBook | None = None,
) -> Context:
    origins = {c.strip().upper() for c in (origin, sender_country) if c and c.strip()}
    read = read_text(description)
    return Context(
        text=_screened(read),
        quantities=parse_quantities(read.text),
        hs=hscode.digits(hs_code),
        destination=(destination or "").strip().upper(),
        origins=frozenset(origins),
        sender_country=(sender_country or origin or "").strip().upper(),
        channel=channel,
        item_category=ITEM_CATEGORY_ALIASES.get((item_category or "").strip().lower(), ""),
        value_eur=value_eur,
        parcel_value_eur=parcel_value_eur,
        value_text=value_text,
        address_text=checked_text(address),
        when=when,
        rates=rates,
        raw=read.text,
    )


def checked_text(text: str) -> str:
    """The normalised form a text is screened in, after :func:`shipdesk.core.text.read_text`:
    invisible characters removed and look-alike letters of disguised words read as Latin.

    When the text held invisible characters, it is screened both with them removed and with
    each read as a space (``"pepper\u00adspray"`` is "pepperspray" on screen but may be meant
    as "pepper spray"); the two readings are separated by `` . `` so that no phrase matches
    across them (as :meth:`RuleSet.expand` does for translations).
    """
    return _screened(read_text(text))


def _screened(read: ReadText) -> str:
    joined = normalise(read.text)
    if read.spaced == read.text:
        return joined
    spaced = normalise(read.spaced)
    return joined if spaced == joined else f"{joined} . {spaced}"


def _spans(pattern: PhrasePattern | None, text: str) -> list[tuple[int, int]]:
    if pattern is None or not text:
        return []
    return [m.span() for m in pattern.finditer(text)]


def _conditions_ok(m: Matcher, q: Quantities) -> bool:
    for name, limit in m.conditions.items():
        qty, op = name.rsplit("_", 1)
        value = q.get(qty)
        if value is None:
            if m.conditions_required:
                return False
            continue
        if op == "gt" and not value > limit:
            return False
        if op == "le" and not value <= limit:
            return False
    return True


def matcher_hits(
    m: Matcher, ctx: Context, modifiers: Reading | None = None, notes: Reading | None = None
) -> bool:
    """True if this matcher fires for the item (any_item, HS prefix, or a surviving keyword).

    ``modifiers``: the reading whose colour, shape and style phrases (``gun metal``, ``vape
    style``) apply, looked for only once a keyword is found; a keyword inside one does not
    count, as inside an ``exclude`` phrase. ``notes``: the reading whose scent and flavour
    notes ("tobacco & vanilla scented", "Whisky-Aroma") apply in the same way."""
    if m.require_hs and not (ctx.hs and ctx.hs.startswith(m.require_hs)):
        return False  # this matcher applies only to goods under these headings
    if m.any_item:
        return _conditions_ok(m, ctx.quantities)
    if m.hs and ctx.hs and ctx.hs.startswith(m.hs) and _conditions_ok(m, ctx.quantities):
        return True
    if m.address_keywords is not None and m.address_keywords.search(ctx.address_text):
        return True
    if m.keywords is None or not ctx.text:
        return False
    if ctx.candidates is not None and m.key not in ctx.candidates:
        return False
    if m.keyword_hs_guard and ctx.hs and not ctx.hs.startswith(m.keyword_hs_guard):
        return False
    hits = keyword_hits(m, ctx, modifiers, notes)
    if not hits:
        return False
    ctx.hits[m.key] = hits  # where they stand, for the reading once the rule fires
    if m.unless_any is not None and m.unless_any.search(ctx.text):
        return False  # e.g. "lithium battery" next to the device it is installed in
    if m.require_any is not None:
        req = _spans(m.require_any, ctx.text)
        # the context word must be somewhere else than the keyword itself
        if not any(not (h[0] <= a and b <= h[1]) for a, b in req for h in hits):
            return False
    return _conditions_ok(m, ctx.quantities)


def keyword_hits(
    m: Matcher, ctx: Context, modifiers: Reading | None = None, notes: Reading | None = None
) -> list[tuple[int, int]]:
    """The spans of the matcher's keywords in the text that count: not inside an ``exclude``
    phrase, a modifier phrase or a scent or flavour note."""
    if m.keywords is None or not ctx.text:
        return []
    hits = _spans(m.keywords, ctx.text)
    if not hits:
        return []
    if m.exclude is not None:
        ex = _spans(m.exclude, ctx.text)
        hits = _outside(hits, ex)
    for reading, spans_of in ((modifiers, _modifiers), (notes, _notes)):
        if reading is not None and hits:
            spans = spans_of(reading, ctx)
            if spans:
                hits = _outside(hits, spans)
    return hits


def _outside(hits: list[tuple[int, int]], spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The hits that stand inside none of ``spans``."""
    return [h for h in hits if not inside(h, spans)]


def _positional(m: Matcher, ctx: Context) -> bool:
    """True when a matcher that fired did so by its keywords only (not by HS code, by any
    item or by the address), so where its keywords stand can say what the item is."""
    if m.any_item or (
        m.address_keywords is not None and m.address_keywords.search(ctx.address_text)
    ):
        return False
    return not (m.hs and ctx.hs and ctx.hs.startswith(m.hs))


def _hit_spans(
    matched: list[Matcher], ctx: Context, modifiers: Reading | None, notes: Reading | None
) -> list[tuple[int, int]] | None:
    """Where the keywords of the matchers that fired stand; None when one fired otherwise."""
    if not all(_positional(m, ctx) for m in matched):
        return None
    return [
        h for m in matched for h in ctx.hits.get(m.key) or keyword_hits(m, ctx, modifiers, notes)
    ]


def in_scope(rule: Rule, ctx: Context) -> bool:
    if ctx.channel not in rule.channels:
        return False
    if rule.origins is not None and not (ctx.origins & rule.origins):
        return False  # unknown origin: origin-scoped rules do not fire
    if rule.exclude_origins:
        consignment = ctx.sender_country or next(iter(ctx.origins), "")
        if consignment and consignment in rule.exclude_origins:
            return False
    if rule.item_categories is not None and ctx.item_category not in rule.item_categories:
        return False
    if ctx.when is not None:
        if rule.valid_from and ctx.when < rule.valid_from:
            return False
        if rule.valid_until and ctx.when > rule.valid_until:
            return False
    return True


def in_euros(
    amount: Decimal | None,
    currency: str,
    when: date | None = None,
    rates: RateBook | None = None,
) -> Decimal | None:
    """``amount`` in euros, converted the way the CN 22 / CN 23 choice converts.

    Both use :func:`shipdesk.core.rates.convert` with the rate book handed in (the workspace's:
    same tables, same rate date; None: the shipped tables), so a value
    limit and the form choice never disagree about what a parcel is worth. None when the amount
    is unknown or no rate can be had: the rule then says the value is unknown rather than guess.
    An empty currency means euros.
    """
    if amount is None:
        return None
    try:
        return convert(amount, currency or "EUR", "EUR", on=when, rates=rates).amount
    except ShipdeskError:  # unknown currency, no rate, unreadable rate table
        return None


def _value_check(rule: Rule, ctx: Context, lang: str) -> tuple[bool, bool, str]:
    """(in scope, value unknown, note). A rule with a value trigger and no usable value fires
    at ``warning`` with a note; with a value at or below the limit it does not fire."""
    trig = rule.value_gt
    if trig is None:
        return True, False, ""
    value = ctx.parcel_value_eur if trig.per == "parcel" else ctx.value_eur
    limit = in_euros(trig.amount, trig.currency, ctx.when, ctx.rates)
    if value is None or limit is None:
        note = note_text(
            "note.value_unknown", lang, amount=f"{trig.amount:f}", currency=trig.currency
        )
        return True, True, note
    if value > limit:
        shown, cur = ctx.value_text
        note = note_text(
            "note.value_over",
            lang,
            value=shown or f"{value:.2f}",
            currency=cur or "EUR",
            amount=f"{trig.amount:f}",
            limit_currency=trig.currency,
        )
        return True, False, note
    return False, False, ""


def _modifiers(reading: Reading, ctx: Context) -> list[tuple[int, int]]:
    spans = ctx.readings.get("modifiers")
    if spans is None:
        spans = ctx.readings["modifiers"] = reading.modifier_spans(ctx.text)
    return spans


def _notes(reading: Reading, ctx: Context) -> list[tuple[int, int]]:
    spans = ctx.readings.get("notes")
    if spans is None:
        # a stated strength (40 % vol, 18 mg nicotine) names the good itself, not a note
        q = ctx.quantities
        plain = q.abv is None and q.nicotine_mg_ml is None
        spans = ctx.readings["notes"] = reading.note_spans(ctx.text) if plain else []
    return spans


def _depiction(
    reading: Reading, ctx: Context, likeness: bool = False, carriers: bool = True
) -> bool:
    key = ("likeness" if carriers else "likeness_item") if likeness else "depiction"
    found = ctx.readings.get(key)
    if found is None:
        found = ctx.readings[key] = reading.is_depiction(
            ctx.raw or ctx.text, ctx.text, likeness, carriers
        )
    return bool(found)


def vetoed(rule: Rule, ctx: Context, reading: Reading | None) -> bool:
    """True when one of the rule's veto phrases says what the item is. A veto met only as
    something packed with the product ("Weißbier Geschenkset mit Glas") does not."""
    if rule.veto is None or rule.veto.search(ctx.text) is None:
        return False
    if reading is None or reading.accompaniments is None:
        return True
    packed = ctx.readings.get("accompaniments")
    if packed is None:
        packed = ctx.readings["accompaniments"] = reading.accompaniment_spans(ctx.text)
    return not packed or any(m.span() not in packed for m in rule.veto.finditer(ctx.text))


def _accessory(reading: Reading, ctx: Context) -> bool:
    found = ctx.readings.get("accessory")
    if found is None:
        found = ctx.readings["accessory"] = reading.is_accessory(
            ctx.raw or ctx.text, capacity_stated=ctx.quantities.wh is not None, read=ctx.text
        )
    return bool(found)


def _negated_concept(reading: Reading, concept: str, ctx: Context) -> bool:
    key = f"negated:{concept}"
    found = ctx.readings.get(key)
    if found is None:
        found = ctx.readings[key] = reading.negated(concept, ctx.text)
    return bool(found)


def _negated(reading: Reading, rule: Rule, ctx: Context) -> bool:
    return any(_negated_concept(reading, concept, ctx) for concept in rule.negated_by)


def _packed_good(
    rule: Rule,
    ctx: Context,
    reading: Reading | None,
    matched: list[Matcher],
    mods: Reading | None,
    notes: Reading | None,
) -> bool:
    """A veto does not stop a rule of the reading's packed-good categories whose good is packed
    with the article the veto names ("Humidor gift set with 5 cigars")."""
    if reading is None or rule.veto is None or rule.category not in reading.packed_good_categories:
        return False
    vetoes = [m.span() for m in rule.veto.finditer(ctx.text)]
    return reading.packed_good(ctx.text, _hit_spans(matched, ctx, mods, notes), vetoes)


def vetoed_by_reading(
    rule: Rule, ctx: Context, reading: Reading, hits: list[tuple[int, int]] | None = None
) -> bool:
    """True when the reading of the description stops a rule that matched: the item is an
    accessory for the regulated product (and nothing regulated is packed with it), an article
    named for what the rule regulates ("Weinregal für 16 Flaschen"), a depiction of it (a
    book, poster or sign), or it says the rule's concept is absent. ``hits``: where the rule's
    keywords stand (None: the rule fired by HS code or for any item); a hit said to be absent
    ("ohne Pflanze", "sans couteaux", "seeds not included") does not count."""
    if hits:
        hits = reading.live_hits(ctx.text, hits)
        if not hits:
            return True
    if (
        rule.reads_accessories
        and _accessory(reading, ctx)
        and not (hits and reading.packed_hit(ctx.text, hits))
    ):
        return True
    q = ctx.quantities
    # a stated strength or capacity names the good itself ("whisky 40 % decanter")
    stated = q.abv is not None or q.nicotine_mg_ml is not None or q.wh is not None
    if rule.reads_served and hits and reading.served_only(ctx.text, hits, stated):
        return True
    if (
        (rule.reads_depictions or rule.reads_likeness)
        and _depiction(reading, ctx, rule.reads_likeness, rule.reads_carriers)
        and not (hits and reading.packed_hit(ctx.text, hits))
    ):
        return True
    if (
        (rule.reads_articles or rule.reads_served)
        and hits
        and not stated
        and reading.articles is not None
        and reading.articles.modifiers_only(
            ctx.text,
            hits,
            rule.category,
            rule.hs_prefixes,
            described=rule.reads_articles,
            served=rule.reads_served,
            emptied=_negated_concept(reading, "contents", ctx),
        )
    ):
        return True
    return bool(rule.negated_by) and _negated(reading, rule, ctx)


def evaluate(
    rules: list[Rule],
    ctx: Context,
    *,
    lang: str = "en",
    applies_to: str | None = "item",
    reading: Reading | None = None,
) -> list[Hit]:
    """Fire the rules for one context; supersede; sort by severity (most severe first).

    ``reading``: the rule set's reading of accessories, modifiers and negations (None: none).
    """
    fired: list[Hit] = []
    for rule in rules:
        if applies_to is not None and rule.applies_to != applies_to:
            continue
        if not in_scope(rule, ctx):
            continue
        level = rule.level_for(ctx.channel)
        if rule.hs_exclude and ctx.hs and ctx.hs.startswith(rule.hs_exclude):
            continue
        mods = reading if rule.reads_modifiers else None
        note_reading = reading if rule.reads_notes else None
        matched = [m for m in rule.matchers if matcher_hits(m, ctx, mods, note_reading)]
        if not matched:
            continue
        if vetoed(rule, ctx, reading) and not _packed_good(
            rule, ctx, reading, matched, mods, note_reading
        ):
            continue
        if reading is not None:
            hits = _hit_spans(matched, ctx, mods, note_reading)
            if vetoed_by_reading(rule, ctx, reading, hits):
                continue
        ok, unknown, note = _value_check(rule, ctx, lang)
        if not ok:
            continue
        if unknown and all(m.any_item for m in rule.matchers):
            continue  # a pure value limit says nothing while the value is unknown
        notes: list[str] = [note] if note else []
        if unknown:
            level = "warning"
        if rule.confidence == "unconfirmed":
            level = "warning"
        q = ctx.quantities
        if q.wh_assumed_voltage and rule.category == "dangerous_goods":
            notes.append(
                note_text(
                    "note.assumed_voltage", lang, volts=f"{q.wh_assumed_voltage:g}", wh=f"{q.wh:g}"
                )
            )
        elif q.wh is not None and rule.category == "dangerous_goods":
            # the figure the Wh limits of the rule's advice are compared with (mAh x V too)
            notes.append(note_text("note.capacity", lang, wh=f"{q.wh:g}"))
        fired.append(Hit(rule, level, tuple(notes)))
    dropped = {s for h in fired for s in h.rule.supersedes}
    kept = [h for h in fired if h.rule.id not in dropped]
    kept.sort(key=lambda h: (SEVERITY[h.level], h.rule.id))
    return kept


def screen(ruleset: RuleSet, ctx: Context, *, lang: str, applies_to: str | None) -> list[Hit]:
    if ctx.candidates is None:
        ctx.text = ruleset.read_goods(ruleset.expand(ctx.text))
        ctx.candidates = ruleset.candidates(ctx.text)
    # only the rules that can fire for this item; evaluate() checks each one in full
    rules = ruleset.rules_to_try(ctx.destination, ctx.candidates, ctx.hs)
    return evaluate(
        rules,
        ctx,
        lang=lang,
        applies_to=applies_to,
        reading=ruleset.reading,
    )
