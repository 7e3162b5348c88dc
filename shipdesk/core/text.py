"""Text folding: the one place that decides when two spellings count as the same word.

Screening keywords, vague-description terms and tariff words are all compared after folding, so
the rules live here once. Two folds exist, and the difference is deliberate:

* :func:`fold` is the full one: compatibility forms, Unicode case folding, accents stripped, and
  the letters that carry no accent to strip (ß, ø, æ, œ) spelled out in Latin, so "Œuvre",
  "oeuvre" and "ŒUVRE" are one word.
* :func:`lower_fold` is the older, narrower one the tariff search and the product catalogue were
  built with: ``str.lower`` rather than case folding, and ø, æ, œ kept as letters. Catalogue keys
  already stored in users' databases were written with it; folding them any other way would
  quietly lose their exact matches.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

# Letters that are not a base letter plus an accent, so NFKD leaves them alone.
_SPELL_OUT = str.maketrans({"ß": "ss", "ø": "o", "æ": "ae", "œ": "oe"})
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_SPACES = re.compile(r"\s+")


def strip_accents(text: str) -> str:
    """Compatibility-decompose and drop the combining marks ("Vêtements" -> "Vetements")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold(text: str) -> str:
    """Case-fold, strip accents and spell out ß, ø, æ, œ; nothing else changes.

    ``fold("Pâté ŒUVRE Straße")`` is ``"pate oeuvre strasse"``. Spacing and punctuation are
    kept, so callers can still split words or match patterns on the result.
    """
    t = unicodedata.normalize("NFKC", text or "").casefold()
    return strip_accents(t).translate(_SPELL_OUT)


def lower_fold(text: str) -> str:
    """Lower-case and strip accents, with ß as ss but ø, æ, œ kept ("Ledergürtel" -> "ledergurtel").

    Used by the tariff search and the product catalogue, whose stored keys were written with it.
    """
    return strip_accents((text or "").lower().replace("ß", "ss"))


def words(text: str, folder: Callable[[str], str] = fold) -> list[str]:
    """The folded words of a text: runs of letters and digits; punctuation and ``_`` split."""
    return _WORD.findall(folder(text))


def squash_spaces(text: str) -> str:
    """Runs of white space as one space, none at either end."""
    return _SPACES.sub(" ", text or "").strip()
