"""The schema of ``groups.toml`` ``[reading]``: the lists of the reading of a description
beyond its keywords (:class:`~shipdesk.core.screening.reading.Reading`), checked and compiled."""

from __future__ import annotations

from typing import Any

from shipdesk.core.screening.articles import ArticleReading
from shipdesk.core.screening.negation import Negators, negation_pattern
from shipdesk.core.screening.phrases import (
    PhrasePattern,
    compile_phrases,
    normalise,
    phrase_regex,
)
from shipdesk.core.screening.reading import Reading, WordPhrases
from shipdesk.core.screening.rule_schema import Problems, str_list, unknown_fields
from shipdesk.core.screening.ruleset import CATEGORIES

READING_FIELDS = {
    "accessory_categories",
    "modifier_categories",
    "accessory_nouns",
    "device_compounds",
    "body_compounds",
    "links",
    "for_words",
    "modifiers",
    "battery_inside",
    "negators_before",
    "negators_after",
    "negations",
    "negation_joins",
    "not_negations_after",
    "compound_tails",
    "part_nouns",
    "part_tails",
    "spare_words",
    "part_fillers",
    "note_markers",
    "note_tails",
    "note_heads",
    "note_words",
    "note_categories",
    "note_concepts",
    "depictions",
    "depiction_tails",
    "depiction_compounds",
    "accompaniments",
    "served_categories",
    "served_nouns",
    "served_tails",
    "served_leads",
    "packed_links",
    "modifier_tails",
    "depiction_categories",
    "named_articles",
    "named_tails",
    "likenesses",
    "likeness_categories",
    "likeness_item_categories",
    "likeness_items",
    "article_categories",
    "article_headings",
    "holders",
    "holder_tails",
    "article_cuts",
    "article_joins",
    "motifs_after",
    "motifs_before",
    "motif_shapes",
    "motif_shapes_before",
    "colour_words",
    "flavours_after",
    "flavours_before",
    "empty_words",
    "ingredients",
    "ingredient_links",
    "article_chapters",
    "article_term_chapters",
    "article_materials",
    "head_first_words",
    "packed_good_categories",
    "packed_articles",
}


def reading_table(data: Any, where: str, probs: Problems) -> Reading:
    """``groups.toml`` ``[reading]``: accessories, modifiers and negations (see
    :class:`~shipdesk.core.screening.reading.Reading`)."""
    if not isinstance(data, dict):
        probs.add(where, "'reading' must be a table")
        return Reading()
    unknown_fields(data, READING_FIELDS, f"{where}: reading", probs)

    def words(name: str) -> list[str]:
        return str_list(data.get(name), f"{where}: reading", name, probs)

    def pattern(name: str) -> WordPhrases | None:
        listed = words(name)
        for phrase in listed:
            try:
                phrase_regex(phrase)
            except ValueError:
                probs.add(f"{where}: reading", f"'{name}' has an empty phrase {phrase!r}")
        return WordPhrases(listed) if listed else None

    def normed(name: str) -> frozenset[str]:
        return frozenset(normalise(w) for w in words(name))

    def tails(name: str) -> tuple[str, ...]:
        listed = tuple(normalise(w) for w in words(name))
        for tail in listed:
            if not tail or " " in tail:
                probs.add(f"{where}: reading", f"'{name}': {tail!r} is not one word")
        return listed

    note_words = data.get("note_words", 0)
    if not isinstance(note_words, int) or isinstance(note_words, bool) or not 0 <= note_words <= 8:
        probs.add(f"{where}: reading", "'note_words' must be a whole number from 0 to 8")
        note_words = 0

    for noun in words("accessory_nouns"):
        if "*" in noun or "?" in noun.split():
            probs.add(f"{where}: reading", f"accessory noun {noun!r}: no '*' or '?' (whole words)")
    cats = {}
    for name in (
        "accessory_categories",
        "modifier_categories",
        "note_categories",
        "served_categories",
        "depiction_categories",
        "likeness_categories",
        "likeness_item_categories",
        "article_categories",
        "packed_good_categories",
    ):
        cats[name] = frozenset(words(name))
        for c in cats[name] - set(CATEGORIES):
            probs.add(f"{where}: reading", f"'{name}' names an unknown category {c!r}")
    negations: dict[str, PhrasePattern] = {}
    negation_words: dict[str, PhrasePattern] = {}
    raw_neg = data.get("negations") or {}
    if not isinstance(raw_neg, dict):
        probs.add(f"{where}: reading", "'negations' must be a table of concept = [words]")
        raw_neg = {}
    before, after = words("negators_before"), words("negators_after")
    joins = tuple(normalise(w) for w in words("negation_joins"))
    for concept, members in raw_neg.items():
        listed = str_list(members, f"{where}: reading.negations", concept, probs)
        if listed and before and after:
            negations[concept] = negation_pattern(listed, before, after, joins)
            alone = compile_phrases(listed)
            if alone is not None:
                negation_words[concept] = alone
            if probs.eager:
                negations[concept].compile_now()
    concepts = words("note_concepts")
    for concept in concepts:
        if concept not in raw_neg:
            probs.add(f"{where}: reading", f"'note_concepts' names an unknown concept {concept!r}")
    articles = None
    if cats["article_categories"]:
        articles = ArticleReading(
            categories=cats["article_categories"],
            headings=_headings(data.get("article_headings"), where, probs),
            holders=normed("holders"),
            holder_tails=tails("holder_tails"),
            cuts=normed("article_cuts"),
            joins=normed("article_joins"),
            for_words=normed("for_words"),
            motifs_after=normed("motifs_after"),
            motifs_before=normed("motifs_before"),
            shapes=normed("motif_shapes"),
            shapes_before=normed("motif_shapes_before"),
            colours=normed("colour_words"),
            notes_after=normed("flavours_after"),
            notes_before=normed("flavours_before"),
            empty_words=normed("empty_words"),
            chapters=tuple(words("article_chapters")),
            term_chapters=tuple(words("article_term_chapters")),
            materials=normed("article_materials"),
            head_first=normed("head_first_words"),
            ingredients=_ingredients(data.get("ingredients"), where, probs),
            ingredient_links=normed("ingredient_links"),
        )
    return Reading(
        articles=articles,
        accessory_categories=cats["accessory_categories"],
        modifier_categories=cats["modifier_categories"],
        accessory_nouns=pattern("accessory_nouns"),
        device_compounds=pattern("device_compounds"),
        body_compounds=pattern("body_compounds"),
        links=pattern("links"),
        for_words=pattern("for_words"),
        modifiers=pattern("modifiers"),
        battery_inside=pattern("battery_inside"),
        negations=negations,
        negation_words=negation_words,
        negators_before=tuple(normalise(w) for w in before if " " not in normalise(w)),
        negators=Negators(
            before=_word_tuples(before),
            after=_word_tuples(after),
            joins=joins,
            not_after=normed("not_negations_after"),
        ),
        noun_words=frozenset(_noun_words(words("accessory_nouns"))),
        negation_joins=joins,
        compound_tails=tails("compound_tails"),
        part_nouns=pattern("part_nouns"),
        part_tails=tails("part_tails"),
        spare_words=normed("spare_words"),
        part_fillers=normed("part_fillers"),
        note_markers=pattern("note_markers"),
        note_tails=tails("note_tails"),
        note_heads=pattern("note_heads"),
        note_words=note_words,
        note_categories=cats["note_categories"],
        note_concepts=frozenset(concepts),
        depictions=pattern("depictions"),
        depiction_tails=tails("depiction_tails"),
        depiction_compounds=pattern("depiction_compounds"),
        accompaniments=pattern("accompaniments"),
        served_categories=cats["served_categories"],
        served_nouns=pattern("served_nouns"),
        served_tails=tails("served_tails"),
        served_leads=pattern("served_leads"),
        packed_links=pattern("packed_links"),
        modifier_tails=tails("modifier_tails"),
        depiction_categories=cats["depiction_categories"],
        named_articles=pattern("named_articles"),
        named_tails=tails("named_tails"),
        likenesses=pattern("likenesses"),
        likeness_categories=cats["likeness_categories"],
        likeness_item_categories=cats["likeness_item_categories"],
        likeness_items=pattern("likeness_items"),
        packed_good_categories=cats["packed_good_categories"],
        packed_articles=pattern("packed_articles"),
    )


def _headings(raw: Any, where: str, probs: Problems) -> dict[str, tuple[str, ...]]:
    """``article_headings``: category -> the HS chapters or headings (2 or 4 digits) its goods
    lie in."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        probs.add(f"{where}: reading", "'article_headings' must be a table of category = [codes]")
        return {}
    out = {}
    for cat, codes in raw.items():
        listed = str_list(codes, f"{where}: reading.article_headings", cat, probs)
        if cat not in CATEGORIES:
            probs.add(f"{where}: reading", f"'article_headings' names an unknown category {cat!r}")
        for code in listed:
            if not (code.isdigit() and len(code) in (2, 4)):
                probs.add(
                    f"{where}: reading.article_headings",
                    f"{cat}: {code!r} is not an HS chapter or heading (2 or 4 digits)",
                )
        out[cat] = tuple(listed)
    return out


def _ingredients(
    raw: Any, where: str, probs: Problems
) -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    """``ingredients``: a list of tables ``{ goods = [headings], in = [chapters or headings] }``:
    the goods an article under ``in`` is made with rather than is."""
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(isinstance(t, dict) for t in raw):
        probs.add(f"{where}: reading", "'ingredients' must be a list of { goods, in } tables")
        return ()
    out = []
    for n, table in enumerate(raw, 1):
        at = f"{where}: reading.ingredients[{n}]"
        unknown_fields(table, {"goods", "in"}, at, probs)
        lists = []
        for name in ("goods", "in"):
            codes = str_list(table.get(name), at, name, probs)
            if not codes:
                probs.add(at, f"'{name}' must name at least one HS chapter or heading")
            for code in codes:
                if not (code.isdigit() and len(code) in (2, 4)):
                    probs.add(
                        at, f"{name}: {code!r} is not an HS chapter or heading (2 or 4 digits)"
                    )
            lists.append(tuple(codes))
        out.append((lists[0], lists[1]))
    return tuple(out)


def _word_tuples(phrases: list[str]) -> tuple[tuple[str, ...], ...]:
    """Each phrase as the tuple of its normalised words (empty ones left out)."""
    return tuple(t for t in (tuple(normalise(p).split()) for p in phrases) if t)


def _noun_words(nouns: list[str]) -> set[str]:
    """Every plural form of the first word of each accessory noun (``case``, ``cases``,
    ``hulle``): a text with none of them holds no accessory noun (they have no ``*``)."""
    out: set[str] = set()
    for noun in nouns:
        first = normalise(noun.replace("*", " ").replace("=", " ")).split()[:1]
        if not first:
            continue
        w = first[0]
        out.update({w, w + "s", w + "es"})
        if w.endswith("y"):
            out.add(w[:-1] + "ies")
        if w.endswith("fe"):
            out.add(w[:-2] + "ves")
        elif w.endswith("f"):
            out.add(w[:-1] + "ves")
    return out
