"""What article a description names, read from the tariff vocabulary: a keyword that only
describes another article ("cactus print pyjama", "Tablier motif bouteilles de vin", "Weintrauben
Lichterkette", "empty whisky bottle") does not make the item the good it names.

The tariff vocabulary (``resources/tariff/vocabulary.csv``, :mod:`shipdesk.core.tariff.vocabulary`)
names far more articles, with their HS codes, than the screening's own lists. Its English, German,
French and Spanish terms are looked up here by their normalised words, built once on first need.
``groups.toml`` ``[reading]`` says which rules read it (``article_categories``), the HS chapters or
headings a category's goods lie in when the hit itself is no vocabulary term
(``article_headings``), the articles that hold a good rather than describe it (``holders``: a gift
set, a box, a pot), the words that join a head to what it shows in head-first languages
(``article_joins``: "de", "à", "motif", "estampado") and the words that say a holder is empty
(``empty_words``). The reading only ever stops a rule; it never adds a finding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from shipdesk.core.screening.article_index import ArticleIndex, article_index, singulars
from shipdesk.core.screening.phrases import WORD_CHARS, token_span

_TOKEN = re.compile(f"[{WORD_CHARS}]+")
_HEAD_WORDS = 32  # a title's head is read in its first words only


def _covered(headings: frozenset[str], prefixes: tuple[str, ...]) -> bool:
    """Whether any heading lies under one of the prefixes (chapters or headings)."""
    return any(h.startswith(prefixes) or p.startswith(h) for h in headings for p in prefixes)


@dataclass
class ArticleReading:
    """The lists of ``groups.toml`` ``[reading]`` the article reading uses (see the module)."""

    categories: frozenset[str] = frozenset()
    headings: dict[str, tuple[str, ...]] = field(default_factory=dict)
    holders: frozenset[str] = frozenset()  # normalised, one or more words
    holder_tails: tuple[str, ...] = ()
    cuts: frozenset[str] = frozenset()  # words ending the main product (links, "for", "in")
    for_words: frozenset[str] = frozenset()  # "for", "für", "pour", "para" ...
    empty_words: frozenset[str] = frozenset()
    # the HS chapters of the everyday articles a good's word may describe (clothes, textiles,
    # paper and print, toys and party goods, household ware): an article read as what the item
    # is lies wholly under them
    chapters: tuple[str, ...] = ()
    # the HS chapters of the articles whose own name holds the good's word ("pistolet à
    # silicone", "spirit level", "bath bomb", "cigarettes russes"): the everyday ones and tools,
    # appliances, instruments, cosmetics and prepared foods
    term_chapters: tuple[str, ...] = ()
    # words in a hit or right after it that name what the article is made of ("seed paper cards")
    materials: frozenset[str] = frozenset()
    # words joining a head-first article to what it shows ("Tablier de ...", "Housse à ...")
    joins: frozenset[str] = frozenset()
    # words that mark a French or Spanish title, read head first
    head_first: frozenset[str] = frozenset()
    # a print or motif of the good: a marker after it ("cactus print", "Feuerwerk Motiv") or
    # before it ("motif cactus", "estampado de fuegos artificiales"), up to ``motif_words`` words
    # away, not across a number, a link or a "for" word
    motifs_after: frozenset[str] = frozenset()
    motifs_before: frozenset[str] = frozenset()
    motif_words: int = 3
    shapes: frozenset[str] = frozenset()  # "shaped", "themed": a likeness, article or not
    # "forme", "forma", "shape": a likeness of the good after it ("en forme de cactus", "con
    # forma de cactus", "in the shape of a cactus"), article or not
    shapes_before: frozenset[str] = frozenset()
    # "colour", "couleur", "Farbe": the good beside it names a colour ("couleur bordeaux")
    colours: frozenset[str] = frozenset()
    # a flavour or scent of the good, right after it ("Bier Geschmack") or before it ("goût bière")
    notes_after: frozenset[str] = frozenset()
    notes_before: frozenset[str] = frozenset()
    # the goods an article of food or cosmetics is made with rather than is: (the goods'
    # headings, the headings of the articles made with them) ("marmalade with whisky", "Käse mit
    # Rotwein", "Moutarde au vin blanc", "biscuits pur beurre"), and the words after the article
    # that name what it is made with ("with", "mit", "au", "al", "in")
    ingredients: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = ()
    ingredient_links: frozenset[str] = frozenset()
    index_path: Path | None = None

    def _everyday(self, headings: frozenset[str]) -> bool:
        return bool(headings) and all(h.startswith(self.chapters) for h in headings)

    def _holder(self, phrase: str) -> bool:
        if phrase in self.holders or any(f in self.holders for f in singulars(phrase)):
            return True
        return " " not in phrase and phrase.endswith(self.holder_tails)

    def modifiers_only(
        self,
        text: str,
        hits: list[tuple[int, int]],
        category: str,
        hs: tuple[str, ...],
        *,
        described: bool = True,
        served: bool = False,
        emptied: bool = False,
    ) -> bool:
        """True when every hit only describes another article (``described``: a print or motif
        of the good, an article the main product ends or starts with, a compound ending in one,
        an empty holder) or names what an article is for (``served``: "Landing gear for DJI
        Mavic 3") in each reading of the text (`` . ``-separated); ``emptied``: the text says
        the holder's contents are absent ("bottle not included", "ohne Inhalt"). The hit's
        good, by its own vocabulary headings or else its category's, must not be what the
        article is."""
        if not hits:
            return False
        index = article_index(self.index_path)
        first_seg = text.split(" . ", 1)[0].split()
        typed, head_first = self._typed(index, first_seg)
        ctx = _Ctx(index, category, hs, not head_first, typed, emptied)
        if described and self._named_within(text, hits, ctx):
            return True
        base = 0
        left = list(hits)
        for seg in text.split(" . "):
            end = base + len(seg)
            mine = [h for h in left if base <= h[0] and h[1] <= end]
            if mine:
                toks = [(m.start() + base, m.end() + base, m.group()) for m in _TOKEN.finditer(seg)]
                for h in mine:
                    if not (
                        (described and self._describes(toks, h, ctx))
                        or (described and self._ingredient(toks, h, ctx))
                        or (served and self._serves(toks, h, ctx))
                    ):
                        return False
                left = [h for h in left if h not in mine]
            base = end + 3
        return not left

    def _named_within(self, text: str, hits: list[tuple[int, int]], c: _Ctx) -> bool:
        """Every hit of the description as typed is a word of a longer vocabulary term it
        names, an article under another heading ("Pistolet à silicone", "Batería de cocina",
        "spirit level"); the readings after it translate those words, so they hold no more
        hits than it does."""
        segs = text.split(" . ")
        mine = [h for h in hits if h[1] <= len(segs[0])]
        if not mine or len(hits) > len(mine) * len(segs):
            return False
        toks = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(segs[0])]
        words = [t[2] for t in toks]
        terms = c.index.find(words)
        for hit in mine:
            span = token_span(toks, hit)
            if span is None:
                return False
            first, last = span
            term = next(((i, j, h) for i, j, h in terms if i <= first and last < j), None)
            if term is None or term[1] - term[0] <= last - first + 1:
                return False
            phrase = " ".join(words[term[0] : term[1]])
            found = term[2]
            rule = self._rule_headings(c, " ".join(words[first : last + 1]))
            if all(h[:2] < "25" for h in found):
                rule += self.headings.get(c.category, ())  # a food made of the good is the good
            if (
                self._holder(phrase)
                or not all(h.startswith(self.term_chapters) for h in found)
                or _covered(found, rule)
            ):
                return False
        return True

    def _typed(
        self, index: ArticleIndex, first_seg: list[str]
    ) -> tuple[dict[str, frozenset[str]], bool]:
        """The articles the description as typed names (not only its English reading), with
        their headings, and whether it is read head first."""
        typed = {" ".join(first_seg[i:j]): h for i, j, h in index.find(first_seg)}
        for w in first_seg:
            tail = index.tail(w) if w not in typed else None
            if tail is not None:
                typed.setdefault(tail[0], tail[1])
        return typed, self._head_first(first_seg, [index.langs(t) for t in typed])

    def _head_first(self, words: list[str], langs: list[frozenset[str]]) -> bool:
        """A French or Spanish title is read head first: it has their little words, or names
        articles in them (``langs``: the languages of each) and none only in English or German."""
        return not self.head_first.isdisjoint(words) or (
            any(not g.isdisjoint(("fr", "es")) and g.isdisjoint(("en", "de")) for g in langs)
            and not any(g and g <= {"en", "de"} for g in langs)
        )

    def head_concepts(self, text: str) -> frozenset[str]:
        """The concepts of :meth:`head` (none when it reads no head)."""
        got = self.head(text)
        return got[1] if got else frozenset()

    def head(self, text: str) -> tuple[str, frozenset[str]] | None:
        """The article a normalised description names and its vocabulary concepts: in its
        first reading, the main product (up to the first link, "for" word or number after its
        first word); its last term in English or German word order (a German compound after it
        by its longest German tail: "Kaminstreichhölzer"), its first word's term in French or
        Spanish. Nothing when that article is a holder (a gift set, a box), a print, shape,
        colour or flavour of it is said ("cigar print", "goût whisky"), a noun the vocabulary
        knows follows it, an everyday article stands beside it ("Samtkissen Bordeaux", "Ron
        Weasley figura"), or the title mixes head-first words into a head-last reading: the
        positive reading stays on the safe side."""
        index = article_index(self.index_path)
        words = text.split(" . ", 1)[0].split()[:_HEAD_WORDS]
        if not words or any(w in self.empty_words for w in words):
            return None
        cut = next((i for i in range(1, len(words)) if self._stop(words[i])), len(words))
        main = words[:cut]
        found = index.find(words)
        terms = [t for t in found if t[1] <= cut]
        # read in French or Spanish word order as :meth:`_typed` reads it, without the tails
        langs = [index.langs(" ".join(words[i:j])) for i, j, _ in found]
        head_first = self._head_first(words, langs)
        pick: tuple[int, int, str] | None = None
        if head_first:
            # no everyday article after it ("Ron Weasley figura coleccionable" is a figure)
            if terms and terms[0][0] == 0:
                i, j, _ = terms[0]
                after = [(" ".join(main[a:b]), h) for a, b, h in terms[1:]]
                if not any(self._everyday(h) and not self._holder(t) for t, h in after):
                    pick = (i, j, " ".join(main[i:j]))
        else:
            pick = self._last_head(index, main, terms)
        if pick is None:
            return None
        i, j, phrase = pick
        head_langs = index.langs(phrase)
        # the head is a word of the order's languages ("portable" heads no English title), and
        # a German-only term is no English word too ("liquid")
        if head_langs.isdisjoint(("fr", "es") if head_first else ("en", "de")):
            return None
        if head_langs == {"de"} and all(index.is_english_word(w) for w in phrase.split()):
            return None
        if self._holder(phrase) or self._motif(words, i, j - 1) is not False:
            return None
        if self.colours and (
            (i > 0 and words[i - 1] in self.colours)
            or (j < len(words) and words[j] in self.colours)
        ):
            return None  # "Pull couleur bordeaux": a colour named after the good
        marks = self.notes_after | self.notes_before | self.motifs_after | self.motifs_before
        if phrase in marks or self._note(words, i, j - 1):
            return None  # "Tabak und Leder Duft": a scent, not a perfume
        concepts = index.concepts(phrase)
        return (phrase, concepts) if concepts else None

    def _last_head(
        self, index: ArticleIndex, main: list[str], terms: list[tuple[int, int, frozenset[str]]]
    ) -> tuple[int, int, str] | None:
        """The head of a head-last main product: its last term or a German compound after it;
        None when a noun the vocabulary knows follows it ("Hair clipper guards"), a term before
        it is French or Spanish only (a mixed title) or an everyday article stands before it
        (then the good is the article's colour, motif or name)."""
        pick: tuple[int, int, str] | None = None
        if terms:
            i, j, _ = terms[-1]
            pick = (i, j, " ".join(main[i:j]))
        start = pick[1] if pick else 0
        for k in range(len(main) - 1, start - 1, -1):
            tail = index.german_tail(main[k])
            if tail is not None:
                pick = (k, k + 1, tail)
                break
        if pick is None or any(index.is_head_word(w) for w in main[pick[1] :]):
            return None
        for i, j, found in terms:
            term = " ".join(main[i:j])
            g = index.langs(term)
            if i < pick[0] and g and g <= {"fr", "es"}:
                return None
            if i < pick[0] and self._everyday(found) and not self._holder(term):
                return None  # "Samtkissen Bordeaux", "Robe rouge bordeaux": a colour or a name
        for k in range(pick[0]):
            tail = index.german_tail(main[k])
            heads = index.headings(tail) if tail else None
            if tail and heads and self._everyday(heads) and not self._holder(tail):
                return None
        return pick

    def _rule_headings(self, ctx: _Ctx, phrase: str) -> tuple[str, ...]:
        own = ctx.index.headings(phrase)
        return (tuple(sorted(own)) if own else self.headings.get(ctx.category, ())) + ctx.hs

    def _other(self, ctx: _Ctx, found: frozenset[str], phrase: str, rule: tuple[str, ...]) -> bool:
        """An everyday article the text names that is not the hit's good and holds no good."""
        return (
            phrase in ctx.typed
            and not self._holder(phrase)
            and self._everyday(found)
            and not _covered(found, rule)
        )

    def _stop(self, word: str) -> bool:
        return word in self.cuts or any(c.isdigit() for c in word)

    def _motif(self, words: list[str], first: int, last: int) -> bool | None:
        """The hit (words ``first`` to ``last``) is the motif a print marker names; None when
        the marker is a shape ("cheese wedge shaped"), which needs no article beside it."""
        for k in range(last + 1, min(len(words), last + 1 + self.motif_words)):
            if words[k] in self.shapes:
                return None
            if words[k] in self.motifs_after:
                return True
            if self._stop(words[k]):
                break
        for k in range(first - 1, max(-1, first - 1 - self.motif_words), -1):
            if words[k] in self.shapes_before:
                return None
            if words[k] in self.motifs_before:
                return True
            if self._stop(words[k]):
                break
        return False

    def _note(self, words: list[str], first: int, last: int) -> bool:
        """A flavour or scent marker right after the hit ("Bier Geschmack", "whisky scented") or
        right before it ("goût bière", "aroma whisky")."""
        after = last + 1 < len(words) and words[last + 1] in self.notes_after
        return after or (first > 0 and words[first - 1] in self.notes_before)

    def _describes(self, toks: list[tuple[int, int, str]], hit: tuple[int, int], c: _Ctx) -> bool:
        words = [t[2] for t in toks]
        span = token_span(toks, hit)
        if span is None:
            return False
        first, last = span
        motif = self._motif(words, first, last)
        if motif is None:
            return True  # the good's shape: "cheese wedge shaped doorstop"
        note = self._note(words, first, last)
        if note or motif:
            hit_words = " ".join(words[first : last + 1])
            rule = self._rule_headings(c, hit_words)
            others = [(term, h) for term, h in c.typed.items() if term not in hit_words]
            if note and any(not self._holder(t) and not _covered(h, rule) for t, h in others):
                return True  # a flavour or scent of the good on another article
            if motif and any(self._other(c, h, t, rule) for t, h in others):
                return True  # a print of the good on an everyday article ("cactus print pyjama")
        cut = next((i for i in range(1, len(words)) if self._stop(words[i])), len(words))
        if last >= cut:
            return False  # not in the main product: it may be what is packed with it
        words = words[:cut]
        phrase = " ".join(words[first : last + 1])
        rule = self._rule_headings(c, phrase)
        if not rule:
            return False
        empty = c.emptied or any(w in self.empty_words for w in words)
        if empty and any(self._holder(w) for w in words if w not in self.empty_words):
            return True  # an empty box, bottle, jar or tin
        if first == last and c.index.headings(phrase) is None:
            # a compound holding the good's word and ending in another article: "Weintrauben",
            # "cheesecake" (not a holder: "Zigarrenkiste" holds cigars)
            tail = c.index.tail(words[first])
            if tail is not None and self._other(c, tail[1], tail[0], rule):
                return True
        terms = [(i, j, h) for i, j, h in c.index.find(words) if j <= first or i > last]
        if not terms:
            return False
        # head last (English, German): the main product ends in an everyday article, not one made
        # of the good ("seed paper greeting cards")
        i, j, found = terms[-1]
        head = " ".join(words[i:j])
        if (
            c.last_head
            and i > last
            and j == len(words)
            and self.materials.isdisjoint(words[last:i])
            and not c.index.langs(head).isdisjoint(("en", "de"))
            and self._other(c, found, head, rule)
        ):
            return True
        # head first (French, Spanish): the main product starts with an everyday article
        i, j, found = terms[0]
        head = " ".join(words[i:j])
        return (
            i == 0
            and j <= first
            and (j == first or words[j] in self.joins or words[j] in self.motifs_before)
            and not c.last_head
            and self._other(c, found, head, rule)
        )

    def _ingredient(self, toks: list[tuple[int, int, str]], hit: tuple[int, int], c: _Ctx) -> bool:
        """The hit is a good (by its own vocabulary headings) that the article the item is, a
        food or a cosmetic (``ingredients``), is made with: the hit before that article at the
        end of the main product ("whisky marmalade", "red wine face mask") or after an
        ``ingredient_links`` word right after it ("marmalade with whisky", "Käse mit Rotwein");
        in French and Spanish order after the article that starts the title ("Moutarde à
        l'ancienne au vin blanc", "Mermelada de naranja al whisky", "Biscuits pur beurre")."""
        if not self.ingredients:
            return False
        words = [t[2] for t in toks]
        span = token_span(toks, hit)
        if span is None:
            return False
        first, last = span
        hit_words = " ".join(words[first : last + 1])
        goods = c.index.headings(hit_words)
        if not goods:
            return False
        made_in = [
            into for keys, into in self.ingredients if all(h.startswith(keys) for h in goods)
        ]
        if not made_in:
            return False
        terms = [(i, j, h) for i, j, h in c.index.find(words) if j <= first or i > last]
        if c.last_head:
            cut = next((i for i in range(1, len(words)) if self._stop(words[i])), len(words))
            head = None
            if last < cut:
                main = [t for t in terms if t[1] <= cut]
                # the article right after the hit ends the main product ("whisky marmalade")
                head = main[-1] if main and main[-1][0] == last + 1 and main[-1][1] == cut else None
            elif words[cut] in self.ingredient_links and first - cut <= 3:
                before = [t for t in terms if t[1] <= cut]
                head = before[-1] if before and before[-1][1] == cut else None
        else:
            head = terms[0] if terms and terms[0][0] == 0 and terms[0][1] <= first else None
        if head is None:
            return False
        i, j, found = head
        phrase = " ".join(words[i:j])
        rule = self._rule_headings(c, hit_words)
        return (
            not self._holder(phrase)
            and any(all(h.startswith(into) for h in found) for into in made_in)
            and not _covered(found, rule)
        )

    def _serves(self, toks: list[tuple[int, int, str]], hit: tuple[int, int], c: _Ctx) -> bool:
        """The hit stands after a "for" word that follows an article the text names, with no
        hit of the good before it ("Train d'atterrissage pour drone DJI Mavic 3")."""
        words = [t[2] for t in toks]
        k = next((i for i in range(1, len(words)) if words[i] in self.for_words), None)
        if k is None or toks[k][1] > hit[0]:
            return False
        # the good follows "for" at once, or after one word the vocabulary does not know (a brand)
        at = next(i for i, t in enumerate(toks) if t[1] > hit[0])
        if at > k + 2 or (at == k + 2 and c.index.headings(words[k + 1]) is not None):
            return False
        before = words[:k]
        phrase = " ".join(w for t, w in zip(toks, words, strict=True) if hit[0] <= t[0] < hit[1])
        rule = self._rule_headings(c, phrase)
        for i, j, found in c.index.find(before):
            term = " ".join(before[i:j])
            if term in c.typed and self._everyday(found) and not _covered(found, rule):
                return True
        return False


@dataclass
class _Ctx:
    """What every hit of one rule in one text is read against."""

    index: ArticleIndex
    category: str
    hs: tuple[str, ...]
    last_head: bool  # English or German word order: the head noun comes last
    typed: dict[str, frozenset[str]]  # the articles the typed text names, with their headings
    emptied: bool = False  # the text says a holder's contents are absent ("bottle not included")
