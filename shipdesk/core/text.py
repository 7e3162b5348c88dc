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

Before either, text typed by a person is *read* by :func:`read_text`, the one normalisation that
screening and the HS lookup apply to what they check: Unicode NFKC, invisible and control
characters removed (ordinary white space read as a space), and letters of another alphabet that
look like Latin ones read as Latin where a word is disguised with them (see :func:`read_text`).
The text itself is never changed: validation tells the user when it held such characters.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from shipdesk.core.errors import DataError
from shipdesk.core.paths import resource

# Letters that are not a base letter plus an accent, so NFKD leaves them alone.
_SPELL_OUT = str.maketrans({"ß": "ss", "ø": "o", "æ": "ae", "œ": "oe"})
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_SPACES = re.compile(r"\s+")


def strip_accents(text: str) -> str:
    """Compatibility-decompose and drop the combining marks ("Vêtements" -> "Vetements").

    ASCII text has neither, and comes back as it is without a pass over its characters: the
    tariff index folds the 27,000 texts of its nomenclature and vocabulary when it loads, and
    that pass, one Python step a character, was a quarter of the load."""
    if text.isascii():
        return text
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


# -- reading typed text for checks ------------------------------------------------------------
CONFUSABLES_FILE = ("text", "confusables_latin.tsv")

# Default_Ignorable_Code_Point (Unicode DerivedCoreProperties.txt) beyond the format (Cf),
# control (Cc) and surrogate (Cs) categories, which are taken by category: combining grapheme
# joiner, Hangul fillers, Khmer inherent vowels, Mongolian variation selectors, variation
# selectors, halfwidth Hangul filler, reserved ignorables and tags. Unicode keeps this set stable.
_IGNORABLE_RANGES = (
    (0x034F, 0x034F),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFF8),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
)
_INVISIBLE_CATEGORIES = ("Cc", "Cf", "Cs")
# joiners that belong in the text of scripts that use them (Arabic, Indic) and in emoji; they are
# still removed for checking, but count as hidden only between letters of Latin, Cyrillic or Greek
_JOINERS = frozenset("\u200c\u200d")
_LOOKALIKE_SCRIPTS = frozenset({"LATIN", "CYRILLIC", "GREEK"})


def invisible(ch: str) -> bool:
    """True for a character that is never seen: a control or format character (zero-width
    space, soft hyphen, joiners, word joiner, NUL, direction marks, BOM, ...) or another default
    ignorable one (variation selectors, Hangul fillers, tags). Ordinary white space is not."""
    if ch.isspace():
        return False
    if unicodedata.category(ch) in _INVISIBLE_CATEGORIES:
        return True
    code = ord(ch)
    return code >= 0x034F and any(lo <= code <= hi for lo, hi in _IGNORABLE_RANGES)


@lru_cache(maxsize=1)
def confusables() -> dict[str, str]:
    """Letters of other scripts that look like one Latin letter (``"р"`` -> ``"p"``), from the
    dated table ``resources/text/confusables_latin.tsv`` (Unicode's confusables data)."""
    path = resource(*CONFUSABLES_FILE)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise DataError(f"{path}: cannot read the confusables table ({exc})") from exc
    table: dict[str, str] = {}
    for line in lines:
        if not line or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) >= 3 and len(parts[1]) == 1 and len(parts[2]) == 1:
            table[parts[1]] = parts[2]
    return table


@lru_cache(maxsize=4096)
def script(ch: str) -> str:
    """The script of a letter as its Unicode name starts ("LATIN", "CYRILLIC", "GREEK", "CJK",
    ...); "" for anything that is not a letter."""
    if not ch.isalpha():
        return ""
    if ch.isascii():
        return "LATIN"
    name = unicodedata.name(ch, "")
    return name.split(" ", 1)[0] if name else "UNKNOWN"


@dataclass(frozen=True)
class ReadText:
    """Typed text as the checks read it.

    ``text`` has invisible characters removed, so ``"power\u00adbank"`` reads ``"powerbank"``;
    ``spaced`` reads each of them as a space instead (``"power bank"``), for checks that must
    find a word either way (it equals ``text`` when there were none). ``hidden`` and
    ``lookalikes`` list what was found, for the warning that tells the user."""

    text: str
    spaced: str
    hidden: tuple[str, ...] = ()  # invisible characters found, each once, in order
    lookalikes: tuple[str, ...] = ()  # letters read as Latin, each once, in order

    @property
    def changed(self) -> bool:
        return bool(self.hidden or self.lookalikes)


_WORD_RUN = re.compile(r"[^\W_]+", re.UNICODE)


_NOT_PRINTABLE_ASCII = re.compile(r"[^\x20-\x7e]")


def _spaced_out(text: str) -> tuple[str, str, list[str]]:
    """(invisible characters removed, each read as a space, the hidden ones found).

    Only characters outside printable ASCII are looked at, so ordinary text costs one scan."""
    joined: list[str] = []
    spaced: list[str] = []
    hidden: list[str] = []
    last = 0
    n = len(text)
    for m in _NOT_PRINTABLE_ASCII.finditer(text):
        i = m.start()
        ch = text[i]
        if ch.isalnum():  # most characters outside ASCII: letters of other scripts
            continue
        if ch.isspace():
            in_joined = in_spaced = " "
        elif invisible(ch):
            in_joined, in_spaced = "", " "
            at_home = False
            if ch in _JOINERS:
                before = script(text[i - 1]) if i else ""
                after = script(text[i + 1]) if i + 1 < n else ""
                # at home between Arabic or Indic letters, or in an emoji
                at_home = before not in _LOOKALIKE_SCRIPTS or after not in _LOOKALIKE_SCRIPTS
            if at_home:
                in_spaced = ""
            elif ch not in hidden:
                hidden.append(ch)
        else:
            continue
        joined += (text[last:i], in_joined)
        spaced += (text[last:i], in_spaced)
        last = i + 1
    if last == 0:
        return text, text, hidden
    joined.append(text[last:])
    spaced.append(text[last:])
    return "".join(joined), "".join(spaced), hidden


def _unconfuse(text: str, table: dict[str, str], found: list[str]) -> str:
    """Read look-alike letters as Latin in the words that are disguised with them.

    A word is disguised when it mixes Latin letters with letters of another script that look
    like Latin ones ("роwer" with a Cyrillic р and о), or when every letter of it is such a
    look-alike while the text holds no word of that script that could not be Latin ("РОWЕR"
    alone, "раураl" in an English text). Genuine Russian, Greek or Chinese text is left as it
    is: "Внешний аккумулятор" has words no Latin text could look like, so its "сор"-like words
    are read as Cyrillic too.
    """
    words = [(m.start(), m.end()) for m in _WORD_RUN.finditer(text)]
    plan: list[tuple[int, int]] = []
    genuine: set[str] = set()  # scripts with a word that cannot pass for Latin
    whole: list[tuple[int, int, frozenset[str]]] = []
    for start, end in words:
        word = text[start:end]
        if word.isascii():
            continue
        scripts = {script(ch) for ch in word} - {""}
        if "LATIN" in scripts and len(scripts) > 1:
            plan.append((start, end))
            continue
        if "LATIN" in scripts:
            continue
        letters = [ch for ch in word if ch.isalpha()]
        if letters and all(ch in table for ch in letters):
            whole.append((start, end, frozenset(scripts)))
        else:
            genuine |= scripts
    plan.extend((s, e) for s, e, scripts in whole if not scripts & genuine)
    if not plan:
        return text
    out = list(text)
    for start, end in plan:
        for i in range(start, end):
            latin = table.get(out[i])
            if latin is not None:
                if out[i] not in found:
                    found.append(out[i])
                out[i] = latin
    return "".join(out)


def read_text(text: str) -> ReadText:
    """Text as screening and the HS lookup read it: NFKC, no invisible characters, look-alike
    letters of disguised words in Latin (see :class:`ReadText` and :func:`_unconfuse`).

    Ordinary text is returned as it is apart from NFKC and white space read as spaces:
    ``read_text("Внешний аккумулятор").text == "Внешний аккумулятор"``.
    """
    t = unicodedata.normalize("NFKC", text or "")
    joined, spaced, hidden = _spaced_out(t)
    if joined.isascii():
        return ReadText(joined, spaced if hidden else joined, tuple(hidden))
    table = confusables()
    found: list[str] = []
    joined = _unconfuse(joined, table, found)
    spaced = _unconfuse(spaced, table, found) if hidden else joined
    return ReadText(joined, spaced, tuple(hidden), tuple(found))


def checked_form(text: str) -> str:
    """:func:`read_text`'s ``text``: what a check compares, with invisible characters removed."""
    return read_text(text).text
