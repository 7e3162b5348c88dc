"""Negation and absence in a screening description (``groups.toml`` ``[reading]``
``negators_before``, ``negators_after``, ``negation_joins`` and ``[reading.negations]``): a
concept said to be absent ("without battery", "sin alcohol", "batteriefreie"), and any rule's
keyword said to be absent ("ohne Pflanze", "sans couteaux", "seeds not included").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from shipdesk.core.screening.phrases import (
    TOKEN,
    WORD_CHARS,
    PhrasePattern,
    bare_regex,
    token_span,
)


@dataclass(frozen=True)
class Negators:
    """The negators read around a keyword: before it and after it as word tuples ("free of",
    "not included"), the words joining two negated things ("and", "ni") and the words after
    an after-negator that make it no negation ("free shipping", "free range")."""

    before: tuple[tuple[str, ...], ...] = ()
    after: tuple[tuple[str, ...], ...] = ()
    joins: tuple[str, ...] = ()
    not_after: frozenset[str] = frozenset()

    def hits_negated(self, text: str, hits: list[tuple[int, int]]) -> bool:
        """True when each hit is said to be absent (:meth:`live`)."""
        return bool(hits) and not self.live(text, hits)

    def live(self, text: str, hits: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """The hits not said to be absent. A hit is absent, as a concept of ``negations`` is,
        after a negator right before it, with at most an article or other things joined to it
        between ("without pot or plant", "ohne Topf und ohne Pflanze", "sans graines", "sin
        cuchillos"), before one right after it, with one more thing joined ("seeds not
        included", "tool and battery not included", "meat free"), or in a German compound
        ending in one ("batteriefreie")."""
        if not hits or not (self.before or self.after):
            return hits
        toks = [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]
        words = [t[2] for t in toks]
        out = []
        for hit in hits:
            span = token_span(toks, hit)
            if span is None or not (
                self._negated_before(words, span[0])
                or self._negated_after(words, span[1])
                or bool(self.free_front(words[span[1]]))
            ):
                out.append(hit)
        return out

    def _negator_before(self, words: list[str], j: int) -> bool:
        return any(
            j + 1 >= len(p) and tuple(words[j + 1 - len(p) : j + 1]) == p for p in self.before
        )

    def _negated_before(self, words: list[str], first: int) -> bool:
        j, skipped = first - 1, 0
        while j >= 0 and skipped < 4:
            w = words[j]
            if self._negator_before(words, j):
                return True
            if w in _ARTICLES:
                j, skipped = j - 1, skipped + 1
            elif (
                w in self.joins
                and j >= 1
                and not any(c.isdigit() for c in words[j - 1])
                and words[j - 1] != "."
            ):
                j, skipped = j - 2, skipped + 2  # "without pot or plant": "pot or" is joined
            else:
                return False
        return False

    def _negated_after(self, words: list[str], last: int) -> bool:
        starts = [last + 1]
        if last + 2 < len(words) and words[last + 1] in self.joins:
            starts.append(last + 3)  # "tool and battery not included"
        for k in starts:
            for p in self.after:
                if tuple(words[k : k + len(p)]) == p:
                    after = words[k + len(p) : k + len(p) + 1]
                    if not (after and after[0] in self.not_after):
                        return True
        return False

    def free_front(self, word: str) -> str:
        """The front of a compound ending in a one-word negator ("batterie" of
        "batteriefreie"); empty when the word is no such compound."""
        if len(word) < 7:
            return ""
        for (neg,) in (p for p in self.after if len(p) == 1):
            for end in (neg, *(neg + e for e in _ADJ_ENDINGS)):
                if word.endswith(end) and len(word) >= len(end) + 3:
                    return word[: -len(end)]
        return ""


# the articles a negator may have before what it negates ("without a battery", "sans la pile")
_ARTICLES = frozenset(
    [
        "a",
        "an",
        "any",
        "the",
        "de",
        "d",
        "la",
        "le",
        "les",
        "des",
        "el",
        "los",
        "las",
        "un",
        "une",
        "una",
        "der",
        "die",
        "das",
        "den",
    ]
)
# the endings a German adjective takes ("batteriefreie", "alkoholfreier")
_ADJ_ENDINGS = ("e", "er", "es", "en", "em")


def negation_pattern(
    words: list[str], before: list[str], after: list[str], joins: tuple[str, ...] = ()
) -> PhrasePattern:
    """A pattern for ``words`` said to be absent: a negator before them (``without``, ``no``,
    ``sans``, ``ohne``, ``sin`` ..., with at most one article between) or after them
    (``free``, ``frei``, ``not included`` ...), also with one more thing joined to them
    (``joins``: "battery and charger not included", "Akku und Ladegerät nicht enthalten")."""
    concept = "|".join(map(bare_regex, words))
    neg_before = "|".join(map(bare_regex, before))
    neg_after = "|".join(map(bare_regex, after))
    article = f"(?:(?:{'|'.join(sorted(_ARTICLES))})\\s)?"
    joined = ""
    if joins:
        join = "|".join(re.escape(j) for j in joins)
        joined = f"(?:\\s(?:{join})\\s[{WORD_CHARS}]+)?"
    body = (
        f"(?<![{WORD_CHARS}])(?:(?:{neg_before})\\s{article}(?:{concept})"
        f"|(?:{concept}){joined}\\s(?:{neg_after}))(?![{WORD_CHARS}])"
    )
    return PhrasePattern(body)
