"""Regulated goods found through the article a description names (``article_goods.toml``).

The rules match keywords; a title that names its article only by a word their lists do not hold
("Afeitadora eléctrica Braun", "Kaminstreichhölzer", "Dague de chasse") got no finding. The
tariff vocabulary names those articles in seven languages, each as a concept
(:mod:`shipdesk.core.screening.articles`). ``article_goods.toml`` lists the concepts whose goods
ARE a regulated good or always carry an installed battery, each with the English phrase the rules
already match for it (``reads_as``) and the rules it feeds. When the head article of a
description (as :meth:`ArticleReading.head_concepts` reads it: not a modifier, not what an
article is "for", not a print or flavour of it) is such a concept, the description is read as
that phrase too, after a `` . `` like the English reading of the synonyms, so the rules fire as if
their keyword had matched, with every veto and reading of the rule still applied.

``battery = "usually"``: kinds sold with and without a battery (a tyre inflator, a TENS unit,
a drill) are read as the phrase only when a battery word stands anywhere in the description
(``battery_words``); so are entries marked ``confidence = "unconfirmed"``.
"""

from __future__ import annotations

from dataclasses import dataclass

from shipdesk.core.screening.phrases import parse_quantities

FILE_NAME = "article_goods.toml"


@dataclass(frozen=True)
class ArticleGood:
    concept: str
    reads_as: str  # normalised English phrase the rules match
    rules: tuple[str, ...]
    alone: bool  # may add a finding without a battery word in the text
    battery: bool  # a battery-device kind: a mains word in the text stops it
    source: str
    date: str
    confidence: str


@dataclass(frozen=True)
class ArticleGoods:
    """The entries by concept, and the words that say a battery is there."""

    by_concept: dict[str, tuple[ArticleGood, ...]]
    battery_words: frozenset[str]
    mains_words: tuple[str, ...] = ()  # "corded", "mit Kabel": the device has no battery
    file_version: str = ""

    def _battery(self, text: str) -> bool:
        """A battery word, or a stated capacity ("2000mAh", "5Ah", "56 Wh"), in the text."""
        padded = f" {text} "
        if any(f" {w} " in padded for w in self.battery_words):
            return True
        if parse_quantities(text).wh is not None:  # Wh stated, or read from mAh or Ah
            return True
        return any(w.startswith(("akku", "batter", "bateri")) for w in text.split())

    def phrases(self, concepts: frozenset[str], text: str) -> list[str]:
        """The phrases a description whose head article is one of ``concepts`` is read as."""
        out: list[str] = []
        if not concepts or not all(c in self.by_concept for c in concepts):
            return out  # a term of another article too ("notebook": a laptop or a paper one)
        padded = f" {text} "
        mains = any(f" {w} " in padded for w in self.mains_words)
        for concept in sorted(concepts):
            for good in self.by_concept.get(concept, ()):
                if good.battery and mains:
                    continue
                if not good.alone and not self._battery(text):
                    continue
                if good.reads_as not in out:
                    out.append(good.reads_as)
        return out
