"""Reading a shop description: German compounds, typos, foreign words and shop terms.

The reader turns "Herren Ledergürtel" into the English words the nomenclature and the encoder
understand ("men's leather belt") and lists the vocabulary concepts the text names. A word is
corrected only when it is unknown: it is neither a word of the nomenclature, the vocabulary, the
glossary nor an English word of the encoder's vocabulary. Known words are never changed.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz, process

from shipdesk.core.errors import DataError
from shipdesk.core.tariff.textutil import words
from shipdesk.core.tariff.vocabulary import Term
from shipdesk.core.text import lower_fold

MAX_NGRAM = 5
# a word with a capital after a small letter: a brand or model name ("ThermoScan", "iPhone")
_CAMEL = re.compile(r"\b\w*[a-z]\w*?[A-Z]\w*")
_CAPITAL = re.compile(r"\b[A-Z]\w*")
_FUER = re.compile(r"\b(?:für|fuer)\b", re.IGNORECASE)


def stem(word: str) -> str:
    """A light plural folding used for phrase matching ("sneakers" -> "sneaker")."""
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def phrase_key(ws: list[str]) -> str:
    return " ".join(stem(w) for w in ws)


def read_glossary(path: Path) -> dict[str, str]:
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataError(f"{path}: cannot read the tariff glossary ({exc})") from None
    rows = csv.DictReader(
        io.StringIO("\n".join(ln for ln in raw.splitlines() if not ln.startswith("#")))
    )
    out: dict[str, str] = {}
    for rec in rows:
        w = lower_fold((rec.get("word") or "").strip())
        en = (rec.get("en") or "").strip()
        if w and en:
            out[w] = en
    return out


@dataclass
class VocabMatch:
    concept: str
    term_index: int
    start: int
    end: int  # word span [start, end) in the reading
    foreign: bool = False  # a term in another language than English
    ambiguous: bool = False  # ... that is also an English word ("scotch", "box", "rock")
    # names what the article is scented with, shaped like or printed with: "marker" when a
    # marker word says so ("apple print"), "food" when a food is named beside other goods
    modifier: str = ""


@dataclass
class Reading:
    original: str
    words: list[str]  # folded words after compound splitting and typo correction
    english: str  # text for the encoder and the full-text search
    corrections: dict[str, str] = field(default_factory=dict)
    matches: list[VocabMatch] = field(default_factory=list)
    product: str = ""  # english without the words of modifier concepts (the article alone)
    title: bool = False  # read as a marketplace title (more than TITLE_WORDS words)

    @property
    def changed(self) -> bool:
        return bool(self.corrections)

    @property
    def stated(self) -> list[str]:
        """The description's own words, then those of its English reading: what it states,
        in either (a subheading's words and materials are looked for in both)."""
        return [*self.words, *words(self.english)]

    @property
    def search_text(self) -> str:
        """What the full-text search and the encoder are given: the article without what it
        is scented with, shaped like or printed with."""
        return self.product or self.english


class QueryReader:
    def __init__(
        self,
        terms: list[Term],
        glossary: dict[str, str],
        nomenclature_words: set[str],
        english_words: set[str],
    ) -> None:
        self.terms = terms
        self.glossary = glossary
        self.phrases: dict[str, list[int]] = {}
        vocab_words: set[str] = set()
        self.first_en: dict[str, str] = {}
        for i, t in enumerate(terms):
            ws = words(t.term)
            if not ws:
                continue
            vocab_words.update(ws)
            self.phrases.setdefault(phrase_key(ws), []).append(i)
            if t.lang == "en" and t.concept not in self.first_en:
                self.first_en[t.concept] = t.term
        gloss_words = set(glossary)
        # "Dames", "Herren", "donna": whom the goods are for, never goods of their own beside
        # other words ("Dames joggingbroek" is no draughts game)
        self.audience = frozenset(w for w, en in glossary.items() if en.endswith(("'s", "s'")))
        # words that may be suggested as corrections (real tariff and shop words)
        self.targets = {
            w
            for w in (nomenclature_words | vocab_words | gloss_words)
            if len(w) >= 3 and w.isalpha()
        }
        # by initial, each list sorted: one sort per initial, not one of all 20,000 words, which
        # kept the interpreter lock 5-15 ms in one call on the warm-up thread beside the window
        buckets: dict[str, list[str]] = {}
        for w in self.targets:
            buckets.setdefault(w[0], []).append(w)
        self.by_initial = {c: sorted(ws) for c, ws in sorted(buckets.items())}
        # words that are left alone
        self.english = english_words
        known = nomenclature_words | vocab_words | gloss_words | english_words
        self.known = known | {stem(w) for w in known}
        # parts a German compound may be split into
        self.parts = {w for w in vocab_words | gloss_words if len(w) >= 3}

    # -- word level ---------------------------------------------------------------------------
    def _split_compound(self, w: str) -> list[str] | None:
        if len(w) < 7 or not w.isalpha():
            return None
        best: list[str] | None = None
        for i in range(3, len(w) - 2):
            left, right = w[:i], w[i:]
            for link in ("", "s", "n", "en", "e"):
                if link and not left.endswith(link):
                    continue
                stem_left = left[: len(left) - len(link)] if link else left
                if stem_left in self.parts and (right in self.parts or stem(right) in self.parts):
                    cand = [stem_left, right]
                    if best is None or len(right) > len(best[1]):
                        best = cand
        return best

    def _correct(self, w: str, strict: bool = False) -> str | None:
        """The known word ``w`` is a typo of, if any; ``strict`` (in a long title, where most
        unknown words are brand and model names): only a near-certain one."""
        if len(w) < 4 or not w.isalpha():
            return None
        pool = self.by_initial.get(w[0], [])
        cutoff = STRICT_CUTOFF if strict else 80
        hit = process.extractOne(w, pool, scorer=fuzz.ratio, score_cutoff=cutoff)
        if hit is None and len(w) >= 6 and not strict:  # a typo in the first letter
            hit = process.extractOne(w, self.targets, scorer=fuzz.ratio, score_cutoff=86)
        return hit[0] if hit else None

    def _is_known(self, w: str) -> bool:
        return w in self.known or stem(w) in self.known or not w.isalpha()

    # -- text level ---------------------------------------------------------------------------
    def _glossary_phrases(self, ws: list[str]) -> list[str]:
        """Join two-word glossary phrases ("sans fil") into one token, read as its meaning."""
        out: list[str] = []
        i = 0
        while i < len(ws):
            pair = " ".join(ws[i : i + 2])
            if i + 1 < len(ws) and pair in self.glossary:
                out.append(pair)
                i += 2
            else:
                out.append(ws[i])
                i += 1
        return out

    def read(self, text: str) -> Reading:
        out_words: list[str] = []
        corrections: dict[str, str] = {}
        # a marketplace title: read its article (see article_words)
        title = len(words(text)) > TITLE_WORDS
        # German "für" is "for" (folded it would be "fur", the material)
        raw = self._glossary_phrases(words(_FUER.sub("for", text)))
        # the line names its goods with known words: an unknown word beside them is a brand or
        # model name, not a typo of other goods ("Petzl" is no pretzel, "Skoda" no soda)
        anchored = bool(self._match([w for w in raw if " " in w or self._is_known(w)]))
        camel = {lower_fold(w) for w in _CAMEL.findall(text)} if anchored else set()
        caps = {lower_fold(w) for w in _CAPITAL.findall(text)} if anchored else set()
        for w in raw:
            if " " in w:
                out_words.append(w)
                continue
            if self._is_known(w) or (title and w in NOISE):
                out_words.append(w)
                continue
            if w in camel:  # "ThermoScan", "PlayStation": a name, not "thermos can"
                if not title:
                    out_words.append(w)
                continue
            parts = self._split_compound(w)
            if parts:
                out_words.extend(parts)
                continue
            fixed = self._correct(w, strict=title)
            if fixed and anchored and (title or w in caps or phrase_key([fixed]) in self.phrases):
                fixed = None
            if fixed and fixed != w:
                corrections[w] = fixed
                out_words.append(fixed)
            elif not title:  # in a title an unknown word is a brand or model name
                out_words.append(w)
        matches = self._match(out_words)
        if title:
            article = article_words(out_words, matches)
            if article and article != out_words:
                out_words = article
                matches = self._match(out_words)
        mark_modifiers(out_words, matches, self.terms)
        english = self._english(out_words, matches)
        product = ""
        # words a marker names as a modifier are left out of the search text; a food beside
        # other goods only weighs less (it may be the goods, in a named container)
        if any(m.modifier == "marker" for m in matches):
            kept = [m for m in matches if m.modifier != "marker"]
            gone = {
                i
                for m in matches
                if m.modifier == "marker"
                for i in range(m.start, m.end + (m.end < len(out_words)))
                if not any(k.start <= i < k.end for k in kept)
                and (i < m.end or out_words[i] in DECORATIONS)
            }
            article = [w for i, w in enumerate(out_words) if i not in gone]
            product = self._english(article, self._match(article)) if article else ""
        return Reading(text, out_words, english, corrections, matches, product, title)

    def _match(self, ws: list[str]) -> list[VocabMatch]:
        found: list[VocabMatch] = []
        n = len(ws)
        for size in range(min(MAX_NGRAM, n), 0, -1):
            for start in range(0, n - size + 1):
                ids = self.phrases.get(phrase_key(ws[start : start + size]))
                if not ids or (size == 1 and n > 1 and ws[start] in self.audience):
                    continue
                end = start + size
                if any(m.start <= start and end <= m.end for m in found):
                    continue  # inside a longer match
                seen: set[str] = set()
                span = ws[start:end]
                for i in ids:
                    t = self.terms[i]
                    if t.concept in seen:
                        continue
                    seen.add(t.concept)
                    foreign = t.lang != "en"
                    ambiguous = foreign and all(w in self.english for w in span)
                    found.append(VocabMatch(t.concept, i, start, end, foreign, ambiguous))
        found.sort(key=lambda m: m.start)
        return found

    def _english(self, ws: list[str], matches: list[VocabMatch]) -> str:
        out: list[str] = []
        i = 0
        by_start: dict[int, VocabMatch] = {}
        for m in matches:
            # a foreign modifier keeps its own word: its concept's English wording ("vanilla
            # pods" for "Vanille") would pull the search towards the modifier
            if m.foreign and not m.ambiguous and not m.modifier and m.start not in by_start:
                by_start[m.start] = m
        while i < len(ws):
            match = by_start.get(i)
            if match is not None:
                out.append(self.first_en.get(match.concept, self.terms[match.term_index].term))
                i = match.end
                continue
            w = ws[i]
            out.append(self.glossary.get(w, w))
            i += 1
        return " ".join(out)


def _word_set(text: str) -> frozenset[str]:
    return frozenset(words(text))  # folded as the words of a description are


# A description of more words than this is read as a marketplace title: brand and model names
# (unknown words), sizes, model numbers, colours, pack counts and selling words are left out,
# so the article's words decide ("Lodge 10.25 Inch Cast Iron Skillet Pre-Seasoned, Black" is
# read as "cast iron skillet pre seasoned").
TITLE_WORDS = 10
STRICT_CUTOFF = 90  # a typo corrected in a title: only a near-certain one ("conditoner")
NOISE = _word_set(
    # colours
    "black white red blue green yellow pink purple orange grey gray brown beige navy ivory "
    "khaki olive teal turquoise burgundy charcoal cream multicolor multicolour multi colour "
    "color colors colours schwarz weiß weiss rot blau grün gelb grau braun noir blanc rouge "
    "bleu vert jaune gris marron negro blanco rojo azul amarillo nero bianco rosso blu giallo "
    "grigio zwart wit rood blauw groen geel grijs czarny biały czerwony niebieski zielony szary "
    # pack counts and sizes
    "pack packs count ct pcs pc piece pieces pair pairs set of size sizes small medium large "
    "xs s m l xl xxl xxxl inch inches cm mm ml kg g oz lb lbs ft feet qt quart liter litre "
    "mah w v gb tb mp hz dpi stück stk lot "
    # selling words
    "new upgraded upgrade premium original best gift gifts ideal perfect professional pro "
    "ultra super max quality high durable heavy duty compatible fast classic deluxe edition "
    "version model style series official authentic certified value family bulk multipack "
    "variety free shipping sale hot latest brand home everyday essential essentials"
)


def article_words(ws: list[str], matches: list[VocabMatch]) -> list[str]:
    """The words of a marketplace title that name and describe its article: the title
    without model numbers and sizes (words with digits), colours, pack counts and selling
    words, unless a shop term names them ("black tea", "set of pans")."""
    named = {i for m in matches for i in range(m.start, m.end)}
    return [
        w
        for i, w in enumerate(ws)
        if i in named or not (w in NOISE or any(ch.isdigit() for ch in w))
    ]


# Words that say the word before them describes the article rather than names it
# ("strawberry scented candle", "cat shaped mug", "phone case with apple print") ...
MARKERS_AFTER = _word_set(
    "shaped shape scented scent flavour flavor flavoured flavored print printed pattern "
    "patterned motif themed theme design style fragrance fragranced aroma duft motiv "
    "form förmig"
)
# Marker words that go with their modifier (a print or a shape is no part of the article);
# "scented", "flavoured" stay: they refine the article (perfumed articles, flavoured waters).
DECORATIONS = _word_set(
    "shaped shape print printed pattern patterned motif themed theme design style form förmig motiv"
)
# ... and words after which the next words do ("bougie parfum vanille", "vela aroma de
# vainilla", "candela al profumo di lavanda", "mydło o zapachu kawy").
MARKERS_BEFORE = _word_set(
    "parfum parfumée parfumé senteur goût arôme aroma sabor olor gusto profumo profumata "
    "profumato geur smaak zapach zapachu smaku forme forma vorm kształcie motif motiv "
    "imprimé print"
)
# small words that may stand between a marker and what it introduces
LINKS = _word_set("de di da du des del della alla al a la le o w van met")
FOOD = "food"
APPAREL = "apparel"
SLEEVES = _word_set("sleeve sleeves sleeved")


def mark_modifiers(ws: list[str], matches: list[VocabMatch], terms: list[Term]) -> None:
    """Flag the named concepts that only describe the article: the product noun decides.

    A concept is a modifier when a marker word follows it ("apple print") or precedes it
    ("parfum vanille"), or when it is a food named beside a concept that is not a food: the
    food is then the scent, flavour, shape or print of the article ("Duftkerze Vanille",
    "coffee scented soap"), not the goods.
    """
    marked: list[tuple[VocabMatch, int]] = []  # (concept, index of its marker word)
    for m in matches:
        nxt = ws[m.end] if m.end < len(ws) else ""
        # a garment named right before "sleeve" names the sleeves ("short sleeve bodysuit",
        # "long-sleeved top"), not the goods, whatever else the line names
        if nxt in SLEEVES and terms[m.term_index].category == APPAREL:
            m.modifier = "marker"
            continue
        before = [(i, ws[i]) for i in range(max(0, m.start - 3), m.start) if ws[i] not in LINKS]
        if nxt in MARKERS_AFTER:
            marked.append((m, m.end))
        elif before and before[-1][1] in MARKERS_BEFORE:
            marked.append((m, before[-1][0]))
    for m, at in marked:
        # only where other goods are named: "linocut print" is a print, "apple print phone
        # case" a phone case
        others = [
            g for g in matches if g is not m and not g.start <= at < g.end and g.end <= m.start
        ] + [g for g in matches if g is not m and not g.start <= at < g.end and g.start > at]
        if others:
            m.modifier = "marker"
            for g in matches:
                if g.start == at:  # the marker word named as goods itself ("print")
                    g.modifier = "marker"
    named_goods = [m for m in matches if not m.modifier and terms[m.term_index].category != FOOD]
    if named_goods:
        for m in matches:
            if terms[m.term_index].category == FOOD and not any(
                g.start <= m.start and m.end <= g.end for g in named_goods
            ):
                m.modifier = m.modifier or "food"


def whole_line_code(reading: Reading, concept_codes: dict[str, tuple[str, ...]]) -> str:
    """The code of the one shop term that is the whole line, every word of it ("waffle maker",
    "game cartridge"), when its concept has one code; else "". Such a line is that code,
    whatever the other lists read in its words (waffles, pistol cartridges)."""
    named = [m for m in reading.matches if not m.modifier]
    alpha = [i for i, w in enumerate(reading.words) if w.isalpha()]
    if len(named) != 1 or not alpha:
        return ""
    m = named[0]
    codes = concept_codes[m.concept]
    return codes[0] if m.start <= alpha[0] and alpha[-1] < m.end and len(codes) == 1 else ""
