"""Text recipes and word handling shared by the build step and the runtime search."""

from __future__ import annotations

from typing import TYPE_CHECKING

from shipdesk.core.text import checked_form, lower_fold
from shipdesk.core.text import words as text_words

if TYPE_CHECKING:
    from shipdesk.core.tariff.nomenclature import Nomenclature

# Words that carry no meaning for a tariff search (English and the common shop-language words).
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "in",
        "into",
        "is",
        "it",
        "of",
        "on",
        "or",
        "other",
        "than",
        "the",
        "their",
        "this",
        "to",
        "with",
        "without",
        "not",
        "nor",
        "its",
        "whether",
        "n.e.s",
        "nes",
        "e.g",
        "etc",
        "incl",
        "including",
        "new",
        "set",
        "pcs",
        "pc",
        "piece",
        "pieces",
        "x",
        "cm",
        "mm",
        "ml",
        "l",
        "g",
        "kg",
        "inch",
        "size",
    ]
)


def full_text(n: Nomenclature, code: str) -> str:
    """The index text of a subheading: "<subheading>. <heading>. <chapter>"."""
    e = n.entries[code]
    assert e.parent is not None  # a subheading has its heading
    h = n.entries[e.parent]
    assert h.parent is not None  # and a heading its chapter
    ch = n.entries[h.parent]
    return f"{e.description}. {h.description}. {ch.description}"


def words(text: str) -> list[str]:
    """Folded words of a text (letters and digits; punctuation splits).

    The tariff folds with :func:`shipdesk.core.text.lower_fold`, the fold its stored catalogue
    keys were written with.
    """
    return text_words(text, lower_fold)


def norm_phrase(text: str) -> str:
    """A canonical form for phrase matching: folded words joined by single spaces, read as
    :func:`shipdesk.core.text.checked_form` reads typed text (no invisible characters, the
    look-alike letters of a disguised word in Latin)."""
    return " ".join(words(checked_form(text)))
