"""Vague goods descriptions (``resources/vague_terms.toml``, EN/FR/DE/ES).

A description is *vague* when, leaving out filler words, numbers and units, every word belongs
to a stop term ("gift", "spare parts", "vêtements", "Ersatzteile", "regalo"). It is *generic*
when it holds a stop term and only one other word ("phone accessories", "cotton clothes").
Matching ignores case and accents and prefers the longest term.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache

from shipdesk.core.errors import DataError
from shipdesk.core.i18n import N_, Phrase
from shipdesk.core.paths import resource
from shipdesk.core.text import fold, words

MAX_PHRASE = 6


@dataclass(frozen=True)
class Term:
    text: str
    lang: str
    missing: tuple[str, ...]
    example: str


@dataclass(frozen=True)
class Vagueness:
    level: str  # "vague" (only stop terms) or "generic" (a stop term and one more word)
    matched: str  # the words of the description that matched, as typed
    term: Term

    def hint(self) -> Phrase:
        """ "say what the article is, what it is made of and ...", told in the message's
        language (a hint of the data file the catalogue does not know stays English)."""
        hints = _data()[2]
        parts = [Phrase(hints.get(m, m)) for m in self.term.missing]
        if not parts:
            return Phrase(N_("say what the article is"))
        if len(parts) == 1:
            return Phrase(N_("say {a}"), a=parts[0])
        if len(parts) == 2:
            return Phrase(N_("say {a} and {b}"), a=parts[0], b=parts[1])
        first = parts[0] if len(parts) == 3 else ", ".join(parts[:-2])
        return Phrase(N_("say {a}, {b} and {c}"), a=first, b=parts[-2], c=parts[-1])


# The hints of resources/vague_terms.toml [hints], so that the catalogue translates them.
HINT_TEXTS = (N_("what the article is"), N_("what it is made of"), N_("what or who it is for"))


_WORD = re.compile(r"[^\W_]+", re.UNICODE)  # the words as typed, to show which ones matched


@lru_cache(maxsize=1)
def _data() -> tuple[dict[tuple[str, ...], Term], frozenset[str], dict[str, str]]:
    p = resource("vague_terms.toml")
    try:
        raw = tomllib.loads(p.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise DataError(f"{p}: cannot read the vague-term list ({exc})") from None
    phrases: dict[tuple[str, ...], Term] = {}
    for i, t in enumerate(raw.get("term", [])):
        try:
            term = Term(str(t["text"]), str(t["lang"]), tuple(t["missing"]), str(t["example"]))
        except KeyError as exc:
            raise DataError(f"{p}: term {i + 1} lacks {exc.args[0]!r}") from None
        for form in [t["text"], *t.get("forms", [])]:
            key = tuple(words(form))
            if key and key not in phrases:
                phrases[key] = term
    filler: set[str] = set()
    for lst in raw.get("filler", {}).values():
        for w in lst:
            filler.update(words(w))
    hints = {str(k): str(v) for k, v in raw.get("hints", {}).items()}
    return phrases, frozenset(filler), hints


def check_description(text: str) -> Vagueness | None:
    """``Vagueness`` when the description is vague or generic, else None."""
    phrases, filler, _ = _data()
    original = _WORD.findall(text)
    toks = [fold(t) for t in original]
    covered = [False] * len(toks)
    first: tuple[int, int, Term] | None = None
    i = 0
    while i < len(toks):
        for n in range(min(MAX_PHRASE, len(toks) - i), 0, -1):
            term = phrases.get(tuple(toks[i : i + n]))
            if term is not None:
                for k in range(i, i + n):
                    covered[k] = True
                if first is None:
                    first = (i, n, term)
                i += n
                break
        else:
            i += 1
    meaningful = [
        k for k, t in enumerate(toks) if not covered[k] and t not in filler and not t.isdigit()
    ]
    if first is None:
        return None
    i, n, term = first
    matched = " ".join(original[i : i + n])
    if not meaningful:
        return Vagueness("vague", matched, term)
    if len(meaningful) == 1:
        return Vagueness("generic", matched, term)
    return None


def only_filler(text: str) -> bool:
    """True when the description has no word beyond filler, numbers and units."""
    _, filler, _ = _data()
    return all(t in filler or t.isdigit() for t in words(text))


def terms_version() -> str:
    p = resource("vague_terms.toml")
    with open(p, "rb") as f:
        return str(tomllib.load(f).get("version", ""))
