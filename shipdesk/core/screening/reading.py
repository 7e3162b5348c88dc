"""How a screening description is read beyond its keywords (``groups.toml`` ``[reading]``):
its main product and what is an accessory or a part of another product, scent and flavour
notes, depictions, what is packed with it, negations and batteries said to be inside.

Built on the keyword phrase syntax of :mod:`shipdesk.core.screening.phrases`.
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass, field
from typing import Any

from shipdesk.core.screening.articles import ArticleReading
from shipdesk.core.screening.negation import Negators
from shipdesk.core.screening.phrases import TOKEN, PhrasePattern, normalise

# The main product is named before the first comma, bracket, plus sign or dash between spaces;
# what follows ("..., silicone band", "(no battery)", "+ charger") comes with it or describes it.
_MAIN_CUT = re.compile(r"[,;|+(\[]|\s[-–—]\s")


def _forms(token: str) -> frozenset[str]:
    """The inflected forms :func:`_inflect` accepts for a plain word."""
    if len(token) <= 2 or token[-1].isdigit():
        return frozenset({token})
    if token.endswith("fe"):
        return frozenset({token, token + "s", token[:-2] + "ves"})
    if token.endswith("f") and not token.endswith("ff"):
        return frozenset({token, token + "s", token[:-1] + "ves"})
    if token.endswith("y") and token[-2:-1] not in "aeiou":
        return frozenset({token, token[:-1] + "ies"})
    if token.endswith(("s", "x", "z", "ch", "sh")):
        return frozenset({token, token + "es"})
    return frozenset({token, token + "s", token + "es"})


class WordPhrases:
    """Phrases matched word by word through an index of their words, for the reading's long
    lists (accessory nouns, compounds, modifiers), where one alternation pattern would try every
    phrase at every position of the text. Same phrase syntax as keywords: each word accepts its
    simple inflections, ``word*`` any continuation, a lone ``?`` any one word."""

    __slots__ = ("_exact", "_prefix", "_stems", "phrases")

    def __init__(self, phrases: list[str]) -> None:
        self.phrases = phrases
        # anchor word -> (tokens of the phrase, position of the anchor in it)
        self._exact: dict[str, list[tuple[tuple[tuple[str, Any], ...], int]]] = {}
        self._prefix: list[tuple[str, tuple[tuple[str, Any], ...], int]] = []
        for phrase in phrases:
            tokens: list[tuple[str, Any]] = []
            for raw in phrase.split():
                if raw == "?":
                    tokens.append(("any", None))
                    continue
                words = normalise(raw.replace("*", " ")).split()
                for i, w in enumerate(words):
                    last = i == len(words) - 1
                    if raw.endswith("*") and last:
                        tokens.append(("prefix", w))
                    else:
                        tokens.append(("word", _forms(w)))
            anchor = next((i for i, t in enumerate(tokens) if t[0] != "any"), None)
            if anchor is None:
                continue
            kind, value = tokens[anchor]
            entry = (tuple(tokens), anchor)
            if kind == "prefix":
                self._prefix.append((value, *entry))
            else:
                for form in value:
                    self._exact.setdefault(form, []).append(entry)
        # every stem of the prefix anchors, tested at once before the loop over them
        self._stems = tuple(stem for stem, _, _ in self._prefix)

    def spans(self, text: str) -> list[tuple[int, int]]:
        """The character spans of every match in a normalised text.

        The words are kept as two arrays of offsets, so memory stays linear and small even
        for a very long text (a megabyte of words is about 170,000 of them)."""
        starts, ends = array("l"), array("l")
        for m in TOKEN.finditer(text):
            starts.append(m.start())
            ends.append(m.end())
        n = len(starts)
        out: list[tuple[int, int]] = []
        for j in range(n):
            w = text[starts[j] : ends[j]]
            cands = list(self._exact.get(w, ()))
            if self._stems and w.startswith(self._stems):
                cands += [(tok, a) for stem, tok, a in self._prefix if w.startswith(stem)]
            for tokens, anchor in cands:
                start = j - anchor
                end = start + len(tokens)
                if start < 0 or end > n:
                    continue
                if all(
                    kind == "any"
                    or (kind == "prefix" and text[starts[k] : ends[k]].startswith(value))
                    or (kind == "word" and text[starts[k] : ends[k]] in value)
                    for k, (kind, value) in enumerate(tokens, start)
                ):
                    out.append((starts[start], ends[end - 1]))
        return out


def inside(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    """Whether ``span`` stands inside one of ``spans``."""
    return any(a <= span[0] and span[1] <= b for a, b in spans)


def _tail_spans(text: str, tails: tuple[str, ...]) -> list[tuple[int, int]]:
    """The words of a normalised text that are compounds ending in one of ``tails`` (with at
    least three letters in front: "laptoptasche", not "tasche" itself)."""
    if not tails:
        return []
    return [
        m.span()
        for m in TOKEN.finditer(text)
        if m.group().endswith(tails)  # one test for all the tails first: most words end in none
        and any(m.group().endswith(t) and len(m.group()) >= len(t) + 3 for t in tails)
    ]


def _word_at(text: str, a: int, b: int) -> str:
    m = TOKEN.search(text, a)
    return m.group() if m else text[a:b]


# words that may stand between a part and "for": counts, sets, "de ..." (the part's own)
_FILLERS = frozenset({"set", "pack", "pcs", "pc", "stuck", "piezas", "pieces", "unidades", "lot"})
_OF = frozenset({"de", "d", "du", "des", "del", "of"})
_COUNTWORD_CHARSS = frozenset({"a", "an", "one", "two", "un", "une", "una", "ein", "eine", "einem"})


def _fillers_only(words: list[str], spare: frozenset[str]) -> bool:
    i = 0
    while i < len(words):
        w = words[i]
        if w in _OF and i + 1 < len(words):
            i += 2  # "de rasoir", "de rechange"
            continue
        if not (w in spare or w in _FILLERS or w.isdigit() or re.fullmatch(r"\d+x|x\d+", w)):
            return False
        i += 1
    return True


def _note_word(text: str, tok: tuple[int, int], stops: set[int]) -> bool:
    """A word that may be part of a scent or flavour note (not a link, number or end)."""
    word = text[tok[0] : tok[1]]
    return tok[0] not in stops and word != "." and not any(c.isdigit() for c in word)


@dataclass
class Reading:
    """How a description is read beyond its keywords (``groups.toml`` ``[reading]``).

    * accessories: a product made *for* another product ("case for iPhone 15 Pro", "iPhone 15
      Pro clear case", "Samsung S24 Hülle") is not that product, so the rules of the
      ``accessory_categories`` (or a rule's own ``accessory_veto``) do not fire for it. The
      main product is the text before the first comma, bracket or link word ("with", "mit",
      "avec", "con", "and" ...); it is an accessory when it holds an accessory noun that is not
      part of a compound naming a device or a battery ("charging case", "battery case") and
      that comes before the first "for" ("for sensitive skin" says what a gel is for). A
      stated capacity (Wh, mAh) or a battery said to be inside ("built-in battery") means the
      item carries a battery, never an accessory.
    * modifiers: colour, shape and style words ("gun metal grey", "vape style", "bullet
      journal", "knife pleats", "bath bomb"): a keyword of a rule of the
      ``modifier_categories`` found inside one of these phrases does not count; the product
      noun decides.
    * negations: "battery-free", "without battery", "sans pile", "ohne Akku", "CBD-free",
      "alcohol-free", "sin alcohol": a rule whose ``negated_by`` names the concept does not
      fire when the description says the concept is absent.
    """

    accessory_categories: frozenset[str] = frozenset()
    modifier_categories: frozenset[str] = frozenset()
    accessory_nouns: WordPhrases | None = None
    device_compounds: WordPhrases | None = None  # always the device (or a battery)
    body_compounds: WordPhrases | None = None  # the device's body, unless "for ..." follows
    links: WordPhrases | None = None
    for_words: WordPhrases | None = None
    modifiers: WordPhrases | None = None
    # phrases saying the item holds a battery ("built-in battery"): never a passive accessory
    battery_inside: WordPhrases | None = None
    negations: dict[str, PhrasePattern] = field(default_factory=dict)
    # each concept's words alone, for a German compound ending in a negator ("batteriefreie")
    negation_words: dict[str, PhrasePattern] = field(default_factory=dict)
    negators_before: tuple[str, ...] = ()  # normalised: "without", "sin", "ohne" ...
    # the same negators read around a keyword of any rule (``live_hits``)
    negators: Negators | None = None
    # the words an accessory noun can start with (a quick test before the patterns)
    noun_words: frozenset[str] = frozenset()
    # German compounds ending in an accessory noun ("laptoptasche", "wandhalterung")
    compound_tails: tuple[str, ...] = ()
    # parts of a product (heads, propellers, stickers): the item is the part when "for" follows
    # it ("heads for massage gun", "hélices de rechange pour drone") or a spare word goes with
    # it ("replacement heads", "Ersatzaufsätze"); ``part_tails`` end German compounds
    part_nouns: WordPhrases | None = None
    part_tails: tuple[str, ...] = ()
    spare_words: frozenset[str] = frozenset()  # "spare", "ersatz", "rechange", "repuesto" ...
    part_fillers: frozenset[str] = frozenset()  # sizes and units between a part and "for"
    # scent and flavour notes: a keyword among the notes a marker names ("tobacco & vanilla
    # scented", "Whisky-Aroma", "parfumée tabac", "aroma de tabaco") does not count; the
    # markers are words (kept in the note) or the scented product (a candle, soap, diffuser:
    # not part of the note, so its own rules still read it)
    note_markers: WordPhrases | None = None
    note_tails: tuple[str, ...] = ()  # German compounds ending in a marker ("raumduft")
    note_heads: WordPhrases | None = None
    note_words: int = 0  # how many words a note may hold on either side of its marker
    # the rules that read notes: of these categories, or stopped by these negation concepts
    # (the perfume and flammable-alcohol rules are dangerous goods, negated by "alcohol")
    note_categories: frozenset[str] = frozenset()
    note_concepts: frozenset[str] = frozenset()
    # the product is a depiction or a text about the good (a book, novel, poster, sign)
    depictions: WordPhrases | None = None
    depiction_tails: tuple[str, ...] = ()  # German compounds ("kochbuch", "blechschild")
    depiction_compounds: WordPhrases | None = None  # never a depiction ("roman candle")
    # what is packed with a product ("with glass", "mit Glas"): a veto met only there does not
    # say what the product is
    accompaniments: WordPhrases | None = None
    # words joining two negated things ("battery and charger not included")
    negation_joins: tuple[str, ...] = ()
    # "an article for X": the rules of ``served_categories`` do not fire when each of their
    # keywords is met only in what an article serves ("Weinregal für 16 Flaschen", "tabla de
    # quesos", "cave à cigares"). The article is named before the first "for" word by an
    # accessory noun, a ``served_nouns`` noun or a German compound ending in a tail; a
    # ``served_leads`` phrase names the article and starts what it serves at once; a
    # ``packed_links`` word ("with", "mit", "avec", "con") starts what is packed with it, read
    # as the item itself
    served_categories: frozenset[str] = frozenset()
    served_nouns: WordPhrases | None = None
    served_tails: tuple[str, ...] = ()
    served_leads: WordPhrases | None = None
    packed_links: WordPhrases | None = None
    # colour, shape and style compounds ("cognacfarben", "zigarrenform"): modifiers too
    modifier_tails: tuple[str, ...] = ()
    # the categories whose rules read depictions (empty: the modifier categories)
    depiction_categories: frozenset[str] = frozenset()
    # articles that never hold the good they are named after ("wine rack", "ham stand",
    # "cigar cutter"; German compounds ending in ``named_tails``: "weinregal"), read as the
    # article by the rules of ``served_categories``
    named_articles: WordPhrases | None = None
    named_tails: tuple[str, ...] = ()
    # things made in a good's likeness or printed with it (ornaments, key rings, plush,
    # costumes, mugs): read as depictions by the rules of ``likeness_categories``
    likenesses: WordPhrases | None = None
    likeness_categories: frozenset[str] = frozenset()
    # the categories that read a likeness only by ``likeness_items`` (no key ring, magnet, mug)
    likeness_item_categories: frozenset[str] = frozenset()
    likeness_items: WordPhrases | None = None
    # the article the main product names, from the tariff vocabulary (``articles.py``)
    articles: ArticleReading | None = None
    # a good packed with an article ("Humidor mit 5 Zigarren", "Weinset mit Korkenzieher und
    # Rotwein"): a veto naming the article does not stop the rules of these categories
    packed_good_categories: frozenset[str] = frozenset()
    packed_articles: WordPhrases | None = None  # the articles a good is packed with
    _last_clauses: tuple[str, list[tuple[int, int, str]]] | None = field(
        default=None, repr=False, compare=False
    )

    def main_product(self, raw: str, read: str = "") -> str:
        """The normalised words naming the main product of a description as typed (``read``:
        its normalised form, when known, saves normalising it again)."""
        head = _MAIN_CUT.split(raw, maxsplit=1)[0]
        if read and head == raw:
            main = read.split(" . ", 1)[0]  # no cut: the first reading is the main part
        else:
            main = normalise(head)
        if self.links is not None:
            cuts = [a for a, _ in self.links.spans(main) if a > 0]
            if cuts:
                main = main[: min(cuts)].rstrip()
        return main

    def is_accessory(self, raw: str, capacity_stated: bool = False, read: str = "") -> bool:
        """True when the main product is an accessory for another product."""
        if self.accessory_nouns is None or capacity_stated:
            return False
        words = [m.group() for m in TOKEN.finditer(read)]
        if (
            read
            and self.noun_words
            and self.noun_words.isdisjoint(words)
            and not any(w.endswith(self.compound_tails + self.part_tails) for w in words)
            and (self.part_nouns is None or not self.part_nouns.spans(read))
        ):
            return False  # no word an accessory noun can start with
        if read and self.battery_inside is not None and self.battery_inside.spans(read):
            return False  # "solar charger with built-in battery" carries a battery
        main = self.main_product(raw, read)
        nouns = self.accessory_nouns.spans(main) + _tail_spans(main, self.compound_tails)
        nouns += self._part_spans(main)
        if not nouns:
            return False
        device = self.device_compounds.spans(main) if self.device_compounds is not None else []
        body = self.body_compounds.spans(main) if self.body_compounds is not None else []
        # what the product is for follows "for": "shaving gel for sensitive skin" is a gel, so an
        # accessory noun that starts after the first "for" (not at the start) does not count
        fors = [a for a, _ in self.for_words.spans(main) if a > 0] if self.for_words else []
        for_at = min(fors, default=len(main))
        for span in nouns:
            if inside(span, device) or span[0] > for_at:
                continue
            before = main[: span[0]].split()
            if before and before[-1] in self.negators_before:
                continue  # "sin cable", "without cord": cordless, not a cable
            if inside(span, body):
                rest = main[span[1] :].lstrip()
                follows = self.for_words.spans(rest) if self.for_words is not None else []
                if not any(a == 0 for a, _ in follows):
                    continue
            return True
        return False

    def _part_spans(self, main: str) -> list[tuple[int, int]]:
        """The parts the main product is named as: a part noun followed by "for" (with only
        spare words, counts or "de ..." between) or next to a spare word."""
        if self.part_nouns is None and not self.part_tails:
            return []
        spans = self.part_nouns.spans(main) if self.part_nouns is not None else []
        spans += _tail_spans(main, self.part_tails)
        if not spans:
            return []
        fors = [a for a, _ in self.for_words.spans(main) if a > 0] if self.for_words else []
        for_at = min(fors, default=-1)
        out = []
        for a, b in spans:
            before = main[:a].split()[-1:]
            word = _word_at(main, a, b)
            spare = (before and before[0] in self.spare_words) or any(
                word.startswith(w) and len(word) > len(w) + 2 for w in self.spare_words
            )
            if not spare and for_at > a:
                rest = main[b:for_at].split()
                spare = _fillers_only(rest, self.spare_words | self.part_fillers)
            if spare:
                out.append((a, b))
        return out

    def modifier_spans(self, text: str) -> list[tuple[int, int]]:
        spans = self.modifiers.spans(text) if self.modifiers is not None else []
        return spans + _tail_spans(text, self.modifier_tails)

    def clauses(self, text: str) -> list[tuple[int, int, str]]:
        """The clauses of a normalised text, as (start, end, kind): ``head`` names the item,
        ``served`` what an article named in the head is for ("case *for vape*", "planche *à
        fromage*", "tabla *de quesos*"), ``packed`` what comes with the item ("charger *with
        spare battery*"). Each reading (`` . ``) is read apart; a "for" word starts a served
        clause only after an article, a packing link only after the first word."""
        cached = self._last_clauses
        if cached is not None and cached[0] == text:
            return cached[1]
        out: list[tuple[int, int, str]] = []
        pos = 0
        for seg in text.split(" . "):
            out += self._segment_clauses(seg, pos)
            pos += len(seg) + 3
        # every rule that fired reads the same text: keep the last one's clauses (one tuple,
        # replaced whole, so a reader in another thread sees a text and its own clauses)
        self._last_clauses = (text, out)
        return out

    def _segment_clauses(self, seg: str, base: int) -> list[tuple[int, int, str]]:
        toks = [(m.start(), m.end()) for m in TOKEN.finditer(seg)]
        if not toks:
            return []
        fors = {a for a, _ in self.for_words.spans(seg)} if self.for_words else set()
        packs = {a for a, _ in self.packed_links.spans(seg)} if self.packed_links else set()
        leads = {b for _, b in self.served_leads.spans(seg)} if self.served_leads else set()
        articles: list[tuple[int, int]] = []
        if fors or any(seg[a:b] == "a" for a, b in toks):  # only a "for" word needs an article
            articles = self.accessory_nouns.spans(seg) if self.accessory_nouns else []
            articles += self.served_nouns.spans(seg) if self.served_nouns else []
            articles += _tail_spans(seg, self.compound_tails + self.served_tails)
            if articles and self.device_compounds is not None:
                # "charging case", "battery case": a device, not an article
                device = self.device_compounds.spans(seg)
                articles = [span for span in articles if not inside(span, device)]
        cuts: list[tuple[int, str]] = [(0, "head")]
        kind = "head"
        for i, (a, b) in enumerate(toks):
            if i > 0 and a in packs:
                kind = "packed"
            elif (
                i > 0 and a in fors and (kind == "packed" or any(e <= a for _, e in articles))
            ) or (kind == "head" and (b in leads or self._article_a(seg, toks, i, articles))):
                kind = "served"
            else:
                continue
            cuts.append((b, kind))
        ends = [c for c, _ in cuts[1:]] + [len(seg)]
        return [(base + c, base + e, k) for (c, k), e in zip(cuts, ends, strict=True)]

    @staticmethod
    def _article_a(
        seg: str, toks: list[tuple[int, int]], i: int, articles: list[tuple[int, int]]
    ) -> bool:
        """French "à" right after an article noun: "planche à fromage", "cave à cigares"."""
        a, b = toks[i]
        return seg[a:b] == "a" and i > 0 and any(e == toks[i - 1][1] for _, e in articles)

    def served_only(self, text: str, hits: list[tuple[int, int]], stated: bool = False) -> bool:
        """True when every hit lies in what an article named in the head serves, or names
        such an article itself ("wine rack", "ham stand", "Weinregal"; not when a strength or
        a capacity is ``stated``: "whisky 40 % decanter" holds whisky)."""
        if not hits:
            return False
        clauses = self.clauses(text)
        served = [(a, b) for a, b, k in clauses if k == "served"]
        rest = [h for h in hits if not inside(h, served)]
        if not rest:
            return True
        if stated or self.named_articles is None:
            return False
        heads = [(a, b) for a, b, k in clauses if k == "head"]
        if not all(inside(h, heads) for h in rest):
            return False
        starts = {a for a, _ in self.named_articles.spans(text)}
        return all(self._names_article(text, h, starts) for h in rest)

    def _names_article(self, text: str, hit: tuple[int, int], starts: set[int]) -> bool:
        """The good's name right before an article noun ("ham stand"), or the front of a
        German compound ending in one ("weinregal")."""
        a, b = hit
        if b + 1 in starts and text[b : b + 1] == " ":
            return True
        # one word between ("vape pen charging dock"), not a number or a link
        m = TOKEN.search(text, b)
        if m is not None and m.end() + 1 in starts and text[m.end() : m.end() + 1] == " ":
            word = m.group()
            links = (self.links, self.packed_links, self.for_words)
            if (
                not any(c.isdigit() for c in word)
                and word not in self.negators_before
                and not any(p is not None and p.spans(word) for p in links)
            ):
                return True
        m = TOKEN.search(text, a)
        if m is None or m.start() != a:
            return False
        word = m.group()
        return any(word.endswith(t) and len(word) >= len(t) + 3 for t in self.named_tails)

    def packed_hit(self, text: str, hits: list[tuple[int, int]]) -> bool:
        """True when a hit lies in what is packed with the item ("with spare battery")."""
        packed = [(a, b) for a, b, k in self.clauses(text) if k == "packed"]
        return any(inside(h, packed) for h in hits)

    def packed_good(
        self, text: str, hits: list[tuple[int, int]] | None, vetoes: list[tuple[int, int]]
    ) -> bool:
        """True when each veto phrase names an article (``packed_articles``: a humidor, a
        corkscrew, glasses) and a keyword hit lies in what is packed with it, neither inside a veto
        phrase nor naming the one right after it ("cigar box *with 5 cigars*", but not "cigar box
        with *cigar cutter*" or "glass with *whisky* stones"): the good itself is in the parcel."""
        articles = self.packed_articles.spans(text) if self.packed_articles else []
        if not hits or not all(inside(v, articles) for v in vetoes):
            return False  # only a veto naming an article the good is packed with
        packed = [(a, b) for a, b, k in self.clauses(text) if k == "packed"]
        return any(
            inside(h, packed) and not any(a <= h[1] + 1 and h[0] < b for a, b in vetoes)
            for h in hits
        )

    def note_spans(self, text: str) -> list[tuple[int, int]]:
        """The scent and flavour notes of a normalised text that names a scented or flavoured
        product (a candle, soap, diffuser, coffee, tea: ``note_heads``, ``note_tails``): up to
        ``note_words`` words on either side of a marker or of that product, not across a link
        (other than "and", "und", "et", "y") or "for" word, a number or a reading's end
        (`` . ``). A marker is part of its note ("parfumée", "Duft"); the product is not, so
        that its own rules still read it."""
        heads = [(a, b, False) for a, b in self.note_heads.spans(text)] if self.note_heads else []
        heads += [(a, b, True) for a, b in _tail_spans(text, self.note_tails)]
        if not heads:
            return []  # notes only where a scented or flavoured product is named
        marks = (
            [(a, b, True) for a, b in self.note_markers.spans(text)] if self.note_markers else []
        )
        marks += heads
        toks = [(m.start(), m.end()) for m in TOKEN.finditer(text)]
        stops: set[int] = set()
        for pattern in (self.links, self.for_words):
            if pattern is not None:
                stops.update(
                    a for a, b in pattern.spans(text) if text[a:b] not in self.negation_joins
                )
        out = []
        for a, b, keep in marks:
            first = next(i for i, t in enumerate(toks) if t[0] >= a)
            last = max(i for i, t in enumerate(toks) if t[1] <= b)
            lo = first
            while lo > 0 and first - lo < self.note_words and _note_word(text, toks[lo - 1], stops):
                lo -= 1
            hi = last
            while (
                hi + 1 < len(toks)
                and hi - last < self.note_words
                and _note_word(text, toks[hi + 1], stops)
            ):
                hi += 1
            if keep:
                out.append((toks[lo][0], toks[hi][1]))
            else:
                if lo < first:
                    out.append((toks[lo][0], toks[first - 1][1]))
                if hi > last:
                    out.append((toks[last + 1][0], toks[hi][1]))
        return out

    def is_depiction(
        self, raw: str, read: str = "", likeness: bool = False, carriers: bool = True
    ) -> bool:
        """True when the main product is a depiction or text about a good (a book, novel,
        poster, sign), not the good: "The Whisky Bible paperback", "Das Parfum Roman";
        ``likeness``: also a thing made in its likeness (an ornament, key ring, plush toy);
        ``carriers``: a likeness that may carry or be the good (a key ring, a magnet, a mug)
        counts too; else only ``likeness_items``."""
        if self.depictions is None and not self.depiction_tails and not likeness:
            return False
        main = self.main_product(raw, read)
        spans = self.depictions.spans(main) if self.depictions is not None else []
        things = self.likenesses if carriers else self.likeness_items
        if likeness and things is not None:
            spans += things.spans(main)
        spans += _tail_spans(main, self.depiction_tails)
        if not spans:
            return False
        never = self.depiction_compounds.spans(main) if self.depiction_compounds else []
        return any(not inside(span, never) for span in spans)

    def accompaniment_spans(self, text: str) -> set[tuple[int, int]]:
        """The spans of a normalised text naming something packed with the product: an
        accompaniment right after a link word, a count or an article between ("mit glas",
        "with 2 glasses", "avec un verre")."""
        if self.accompaniments is None or self.links is None:
            return set()
        out = set()
        for a, b in self.accompaniments.spans(text):
            before = text[:a].split()[-3:]
            while before and (before[-1].isdigit() or before[-1] in _COUNTWORD_CHARSS):
                before.pop()
            if before and any(x == 0 for x, _ in self.links.spans(before[-1])):
                out.add((a, b))
        return out

    def negated(self, concept: str, text: str) -> bool:
        pattern = self.negations.get(concept)
        if pattern is not None and pattern.search(text) is not None:
            return True
        words = self.negation_words.get(concept)
        if words is None or self.negators is None:
            return False
        for m in TOKEN.finditer(text):
            front = self.negators.free_front(m.group())
            if front and words.search(front) is not None:
                return True  # "batteriefreie Türklingel", "alkoholfreier Glühwein"
        return False

    def live_hits(self, text: str, hits: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """The hits not said to be absent (:meth:`Negators.live`)."""
        return hits if self.negators is None else self.negators.live(text, hits)
