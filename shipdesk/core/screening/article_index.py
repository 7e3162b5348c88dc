"""The index of the tariff vocabulary's terms the article reading looks up
(:mod:`shipdesk.core.screening.articles`): normalised English, German, French and Spanish terms
with the 4-digit HS headings of their codes, their languages and their concepts, built once on
first need from ``resources/tariff/vocabulary.csv``.
"""

from __future__ import annotations

import threading
from pathlib import Path

from shipdesk.core.screening.phrases import normalise

_LANGS = ("en", "de", "fr", "es")
_MAX_WORDS = 4  # the longest vocabulary term looked for, in words
_MIN_TAIL = 4  # a compound's tail term has at least this many letters, with 3 in front


# plural endings and what replaces them: English ones first, then German and French ones
_PLURALS = (("ies", "y"), ("es", ""), ("s", ""), ("en", ""), ("n", ""), ("e", ""))
_ENGLISH_PLURALS = _PLURALS[:3]


def singulars(word: str, plurals: tuple[tuple[str, str], ...] = _PLURALS) -> tuple[str, ...]:
    """The word and the forms it may be a plural of (en, de, fr, es, or the endings given)."""
    out = [word]
    for end, repl in plurals:
        if word.endswith(end) and len(word) - len(end) >= 3:
            out.append(word[: len(word) - len(end)] + repl)
    return tuple(out)


class ArticleIndex:
    """Normalised vocabulary terms -> the 4-digit HS headings of their codes, and the languages
    the term is written in."""

    __slots__ = ("_concepts", "_ends", "_english", "_firsts", "_found", "_langs", "_terms")

    def __init__(
        self,
        terms: dict[str, frozenset[str]],
        langs: dict[str, frozenset[str]],
        concepts: dict[str, frozenset[str]] | None = None,
    ) -> None:
        self._terms = terms
        self._langs = langs
        self._concepts = concepts or {}
        self._ends: frozenset[str] | None = None
        self._english: frozenset[str] | None = None
        self._firsts: frozenset[str] | None = None
        self._found: dict[tuple[str, ...], list[tuple[int, int, frozenset[str]]]] = {}

    def concepts(self, phrase: str) -> frozenset[str]:
        """The vocabulary concepts of a phrase as written or with an English plural ending
        taken off (not the German or French endings :meth:`headings` also tries: "Kirsche" is
        no kirsch)."""
        return _lookup(self._concepts, phrase, _ENGLISH_PLURALS) or frozenset()

    def is_english_word(self, word: str) -> bool:
        """Whether a word is a word of some English vocabulary term ("liquid" of "liquid soap")."""
        if self._english is None:
            self._english = frozenset(
                w for t, g in self._langs.items() if "en" in g for w in t.split()
            )
        return word in self._english

    def is_head_word(self, word: str) -> bool:
        """Whether a word ends some vocabulary term (as written): a noun that can head an
        article ("guards", "oil"), not a brand, model or describing word."""
        if self._ends is None:
            self._ends = frozenset(t.rsplit(" ", 1)[-1] for t in self._terms)
        return word in self._ends

    def langs(self, phrase: str) -> frozenset[str]:
        """The languages of a phrase :meth:`headings` found (its own spelling or a singular)."""
        return _lookup(self._langs, phrase) or frozenset()

    @classmethod
    def from_vocabulary(cls, path: Path) -> ArticleIndex:
        from shipdesk.core.tariff.vocabulary import read_vocabulary

        found, _ = read_vocabulary(path)
        terms: dict[str, set[str]] = {}
        langs: dict[str, set[str]] = {}
        concepts: dict[str, set[str]] = {}
        for t in found:
            if t.lang in _LANGS:
                key = normalise(t.term)
                if key:
                    terms.setdefault(key, set()).update(c[:4] for c in t.codes)
                    langs.setdefault(key, set()).add(t.lang)
                    concepts.setdefault(key, set()).add(t.concept)
        return cls(
            {k: frozenset(v) for k, v in terms.items()},
            {k: frozenset(v) for k, v in langs.items()},
            {k: frozenset(v) for k, v in concepts.items()},
        )

    def headings(self, phrase: str) -> frozenset[str] | None:
        """The headings of a normalised phrase (its last word may be a plural)."""
        return _lookup(self._terms, phrase)

    def find(self, words: list[str]) -> list[tuple[int, int, frozenset[str]]]:
        """The longest vocabulary term starting at each word, not overlapping the one before:
        (first, end, headings); the texts of the last items are kept (every rule that fired
        for an item reads the same words)."""
        key = tuple(words)
        got = self._found.get(key)
        if got is None:
            if len(self._found) >= 256:
                self._found.clear()
            got = self._found[key] = self._find(words)
        return got

    def _find(self, words: list[str]) -> list[tuple[int, int, frozenset[str]]]:
        out = []
        if self._firsts is None:
            # the first words of the terms of two words or more: only the last word of a term
            # may be a plural, so a phrase starting with another word is no term
            self._firsts = frozenset(t.split(" ", 1)[0] for t in self._terms if " " in t)
        firsts = self._firsts
        i = 0
        while i < len(words):
            longest = min(_MAX_WORDS, len(words) - i) if words[i] in firsts else 1
            for n in range(longest, 0, -1):
                got = self.headings(" ".join(words[i : i + n]))
                if got is not None:
                    out.append((i, i + n, got))
                    i += n
                    break
            else:
                i += 1
        return out

    def tail(self, word: str) -> tuple[str, frozenset[str]] | None:
        """The longest vocabulary term ending a compound word whose front is a term too, with
        a linking letter or two ("wein|trauben", "cheese|cake", "wachstuch|tischdecke")."""
        for k in range(3, len(word) - _MIN_TAIL + 1):
            got = self.headings(word[k:])
            front = word[:k]
            if got is not None and (
                self.headings(front) is not None
                or (front[-1] in "sne" and self.headings(front[:-1]) is not None)
            ):
                return word[k:], got
        return None

    def german_tail(self, word: str) -> str | None:
        """The longest German vocabulary term ending a compound word, four letters or more
        after at least three ("stirn|lampe"), whatever its front; None when the word is a term
        itself or has no such tail ("beechams" is no compound of "hams")."""
        if self.headings(word) is not None:
            return None
        for k in range(3, len(word) - _MIN_TAIL + 1):
            if self.headings(word[k:]) is not None and "de" in self.langs(word[k:]):
                return word[k:]
        return None


def _lookup(
    table: dict[str, frozenset[str]],
    phrase: str,
    plurals: tuple[tuple[str, str], ...] = _PLURALS,
) -> frozenset[str] | None:
    """A normalised phrase's entry in ``table``, as written or with its last word a plural."""
    got = table.get(phrase)
    if got is not None:
        return got
    words = phrase.split()
    if not words:
        return None
    head = " ".join(words[:-1])
    for form in singulars(words[-1], plurals)[1:]:
        got = table.get(f"{head} {form}" if head else form)
        if got is not None:
            return got
    return None


_lock = threading.Lock()
_cache: dict[Path, ArticleIndex] = {}


def article_index(path: Path | None = None) -> ArticleIndex:
    """The index of the shipped tariff vocabulary (or of ``path``), built once."""
    if path is None:
        from shipdesk.core.paths import resource

        path = resource("tariff", "vocabulary.csv")
    with _lock:
        index = _cache.get(path)
        if index is None:
            index = _cache[path] = ArticleIndex.from_vocabulary(path)
    return index
