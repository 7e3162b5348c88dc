"""Text handling for screening: normalisation, keyword patterns and quantities.

Everything here is pure and fast; the compiled patterns are built once when a rule set loads.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from shipdesk.core.text import fold, squash_spaces

_PUNCT = re.compile(r"[_/,;:()\[\]{}<>\"!?*+=|\\#&@~`^$-]+|(?<!\d)\.|\.(?!\d)")
_APOS = re.compile(r"['’‘`´]")
WORD_CHARS = "a-z0-9"
# a word of a normalised text with the points and percent signs of its figures ("4.5", "40%")
TOKEN = re.compile(f"[{WORD_CHARS}.%]+")


def normalise(text: str) -> str:
    """The form descriptions and keywords are matched in.

    Case, accents and punctuation go; a hyphen equals a space; an apostrophe joins
    (``traveller's`` → ``travellers``); ``%`` and decimals such as ``3.7`` stay.
    """
    t = _APOS.sub("", fold(text))
    t = _PUNCT.sub(" ", t)
    return squash_spaces(t)


def _inflect(token: str) -> str:
    """A regex for one keyword token that also accepts simple plural/inflected forms."""
    if token.startswith("="):  # exact form only
        return re.escape(token[1:])
    if token.endswith("*"):  # prefix: any word continuation
        return re.escape(token[:-1]) + f"[{WORD_CHARS}]*"
    esc = re.escape(token)
    if len(token) <= 2 or token[-1].isdigit():
        return esc
    if token.endswith("fe"):
        return re.escape(token[:-2]) + "(?:fe|fes|ves)"
    if token.endswith("f") and not token.endswith("ff"):
        return re.escape(token[:-1]) + "(?:f|fs|ves)"
    if token.endswith("y") and token[-2:-1] not in "aeiou":
        return re.escape(token[:-1]) + "(?:y|ies)"
    if token.endswith(("s", "x", "z", "ch", "sh")):
        return esc + "(?:es)?"
    return esc + "(?:s|es)?"


def phrase_regex(phrase: str) -> str:
    """The regex source for a keyword phrase (word-bounded, tokens separated by spaces).

    ``*`` at the end of a token allows any continuation (``sparkler*``); ``=`` in front of a
    token switches off the automatic plural forms (``=gin``); a lone ``?`` stands for any one
    word (``iphone ? case``).
    """
    parts: list[str] = []
    for raw in phrase.split():
        if raw == "?":
            # a word: at least one word character, so the " . " between a description and its
            # English reading is never a word ("12v . battery" is no "12v ? battery")
            parts.append(f"[.%]*[{WORD_CHARS}][{WORD_CHARS}.%]*")
            continue
        star = raw.endswith("*")
        exact = raw.startswith("=")
        tokens = normalise(raw.replace("*", " ").replace("=", " ")).split()
        for i, tok in enumerate(tokens):
            last = i == len(tokens) - 1
            if star and last:
                parts.append(_inflect(tok + "*"))
            elif exact or len(tokens) > 1:
                # a token split by punctuation ("wd-40") keeps its exact pieces
                parts.append(_inflect("=" + tok) if not last or exact else _inflect(tok))
            else:
                parts.append(_inflect(tok))
    if not parts:
        raise ValueError(f"empty phrase {phrase!r}")
    body = " ".join(parts)
    return f"(?<![{WORD_CHARS}]){body}(?![{WORD_CHARS}])"


def token_span(toks: list[tuple[int, int, str]], hit: tuple[int, int]) -> tuple[int, int] | None:
    """The first and last of the tokens ``(start, end, word)`` a hit ``(start, end)`` of the
    same text overlaps; None when it overlaps none."""
    inside = [i for i, t in enumerate(toks) if t[0] < hit[1] and hit[0] < t[1]]
    return (inside[0], inside[-1]) if inside else None


def bare_regex(phrase: str) -> str:
    """:func:`phrase_regex` without its word bounds, to join with others inside one pattern."""
    return (
        phrase_regex(phrase)
        .removeprefix(f"(?<![{WORD_CHARS}])")
        .removesuffix(f"(?![{WORD_CHARS}])")
    )


def phrase_anchor(phrase: str) -> str:
    """The literal start every match of ``phrase`` must have (its first word's stem).

    A word of the text that begins with this stem is needed for the phrase to match, so a rule
    set can skip patterns whose anchor is absent. Empty when the phrase starts with ``?``.
    """
    raw = phrase.split()
    if not raw or raw[0] == "?":
        return ""
    first = raw[0]
    star, exact = first.endswith("*"), first.startswith("=")
    tokens = normalise(first.replace("*", " ").replace("=", " ")).split()
    if not tokens:
        return ""
    tok = tokens[0]
    words = re.findall(f"[{WORD_CHARS}]+", tok)
    if not words:
        return ""
    tok = words[0]
    if star or exact or len(tokens) > 1 or tok != tokens[0]:
        return tok
    if len(tok) <= 2 or tok[-1].isdigit():
        return tok
    if tok.endswith("fe"):
        return tok[:-2]
    if tok.endswith("f") and not tok.endswith("ff"):
        return tok[:-1]
    if tok.endswith("y") and tok[-2:-1] not in "aeiou":
        return tok[:-1]
    return tok


_TEXT_WORD = re.compile(f"[{WORD_CHARS}]+")


def word_prefixes(text: str, max_len: int | None = None) -> set[str]:
    """The prefixes of the words of a normalised text (for anchor look-ups).

    With ``max_len`` only prefixes up to that many characters are kept: an anchor look-up
    needs none longer than the longest anchor, and keeping every prefix of a word costs memory
    in the square of its length (a single 60,000-character word would need gigabytes). With
    the cap the set holds at most ``max_len`` prefixes per distinct word, so it grows linearly
    with the text.
    """
    out: set[str] = set()
    for w in set(_TEXT_WORD.findall(text)):
        n = len(w) if max_len is None else min(len(w), max_len)
        out.update(w[:i] for i in range(1, n + 1))
    return out


class PhrasePattern:
    """A compiled alternation of phrases, built on first use.

    Regex compilation is most of the cost of loading a rule set, and most patterns (vetoes,
    exclusions, keywords of rules for other destinations) are never needed in a session.
    ``compile_now`` builds it at once (the rule checker does, so a broken pattern is reported
    when the rules are validated rather than when an item is screened).
    """

    __slots__ = ("_re", "source")

    def __init__(self, source: str) -> None:
        self.source = source
        self._re: re.Pattern[str] | None = None

    def compile_now(self) -> re.Pattern[str]:
        if self._re is None:
            self._re = re.compile(self.source)
        return self._re

    def search(self, text: str) -> re.Match[str] | None:
        return self.compile_now().search(text)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.compile_now().finditer(text)


def compile_phrases(phrases: list[str], *, eager: bool = False) -> PhrasePattern | None:
    """One alternation pattern for a list of phrases (None for an empty list)."""
    if not phrases:
        return None
    # longer phrases first so the reported span is the most specific one
    ordered = sorted(phrases, key=lambda p: -len(p))
    # Every phrase starts with the same word-start look-behind: it is tested once, in front of
    # the alternation, instead of once per phrase. The matches are the same (a zero-width test
    # at the same position), but a position inside a word is given up at once rather than after
    # trying each of the (hundreds of) phrases there, which made a search 20-30 times slower.
    start = f"(?<![{WORD_CHARS}])"
    bodies = "|".join(f"(?:{phrase_regex(p).removeprefix(start)})" for p in ordered)
    pattern = PhrasePattern(f"{start}(?:{bodies})")
    if eager:
        pattern.compile_now()
    return pattern


# -- quantities ---------------------------------------------------------------------------
_NUM = r"(\d+(?:[.,]\d+)?|\d{1,3}(?:[ ,.]\d{3})+)"
_RE_WH = re.compile(_NUM + r"\s?(k)?wh\b")
_RE_MAH = re.compile(_NUM + r"\s?(m)?ah\b")
_RE_V = re.compile(r"(?<![\w.])" + r"(\d+(?:[.,]\d+)?)\s?v(?:olts?)?\b")
_RE_ABV = re.compile(
    r"(\d+(?:[.,]\d+)?)\s?%\s?(?:vol\b|abv\b|alc\b|alcohol\b)?|"
    r"(?:abv|alc\.?|alcohol)\s?(\d+(?:[.,]\d+)?)\s?%"
)
_RE_PROOF = re.compile(r"(\d+(?:[.,]\d+)?)\s?proof\b")
_RE_VOL = re.compile(r"(\d+(?:[.,]\d+)?)\s?(ml|cl|dl|l|ltr|litre|liter|litres|liters)\b")
_RE_NIC_MGML = re.compile(r"(\d+(?:[.,]\d+)?)\s?mg\s?/\s?ml\b")
_RE_NIC_MG = re.compile(r"(\d+(?:[.,]\d+)?)\s?mg\b")
_RE_LI_G = re.compile(r"(\d+(?:[.,]\d+)?)\s?g(?:rams?)?\s+(?:of\s+)?lithium\b")


def _num(text: str) -> float:
    t = text.strip()
    if re.fullmatch(r"\d{1,3}(?:[ ,.]\d{3})+", t):
        return float(re.sub(r"[ ,.]", "", t))
    return float(t.replace(",", "."))


@dataclass(frozen=True)
class Quantities:
    """Numbers read from a description. ``None`` = not stated."""

    wh: float | None = None
    wh_assumed_voltage: float | None = None  # set when Wh was computed from mAh alone
    mah: float | None = None
    volts: float | None = None
    abv: float | None = None
    ml: float | None = None
    nicotine_mg_ml: float | None = None
    li_grams: float | None = None

    def get(self, name: str) -> float | None:
        return getattr(self, name)


ASSUMED_LI_ION_VOLTS = 3.7


def parse_quantities(text: str) -> Quantities:
    """Watt-hours (or mAh with V), ABV, volume in ml, nicotine mg/ml and lithium grams."""
    t = fold(text)
    wh = mah = volts = abv = ml = nic = li = None
    assumed = None
    m = _RE_WH.search(t)
    if m:
        wh = _num(m.group(1)) * (1000 if m.group(2) else 1)
    m = _RE_MAH.search(t)
    if m:
        mah = _num(m.group(1)) * (1 if m.group(2) else 1000)
    m = _RE_V.search(t)
    if m:
        volts = _num(m.group(1))
    if wh is None and mah is not None:
        if volts is not None and 0 < volts <= 60:
            wh = round(volts * mah / 1000.0, 2)
        else:
            assumed = ASSUMED_LI_ION_VOLTS
            wh = round(assumed * mah / 1000.0, 2)
    for m in _RE_ABV.finditer(t):
        val = _num(m.group(1) or m.group(2))
        if m.group(1) and not re.search(r"(?:vol|abv|alc|alcohol)\b", m.group(0)):
            # a bare "40%": not when a word follows that is not a unit ("100% cotton")
            nxt = t[m.end() :].split()[:1]
            if nxt and re.match(r"[a-z]", nxt[0]) and nxt[0] not in ("l", "cl", "ml", "btl"):
                continue
        if 0 < val <= 100:
            abv = val
            break
    if abv is None:
        m = _RE_PROOF.search(t)
        if m:
            abv = _num(m.group(1)) / 2
    m = _RE_VOL.search(t)
    if m:
        factor = {"ml": 1, "cl": 10, "dl": 100}.get(m.group(2), 1000)
        ml = _num(m.group(1)) * factor
    m = _RE_NIC_MGML.search(t)
    if m:
        nic = _num(m.group(1))
    elif "nicotine" in t or re.search(r"\bnic\b", t):
        pct = [
            _num(x.group(1))
            for x in re.finditer(r"(\d+(?:[.,]\d+)?)\s?%", t)
            if _num(x.group(1)) <= 10
        ]
        if pct:
            nic = pct[0] * 10  # 2 % nicotine = 20 mg/ml
            if abv is not None and abv == pct[0]:
                abv = None
        else:
            m = _RE_NIC_MG.search(t)
            if m:
                nic = _num(m.group(1))
    m = _RE_LI_G.search(t)
    if m:
        li = _num(m.group(1))
    return Quantities(
        wh=wh,
        wh_assumed_voltage=assumed,
        mah=mah,
        volts=volts,
        abv=abv,
        ml=ml,
        nicotine_mg_ml=nic,
        li_grams=li,
    )
