"""The legal notes and General Rules of Interpretation, applied where a seller's line triggers
them: Chapter 95 festive articles, sets put up for retail sale (GRI 3(b)), parts and
accessories (Sections XVI and XVII), made-up textile articles, food preparations, knitted or
woven and men's or women's garments (Chapters 61 and 62), precious-metal or imitation
jewellery, and the containers of heading 42.02.

The rules are data (``resources/tariff/notes.toml``, dated); this module only reads and applies
them. A rule that decides or moves a suggestion says so in the candidate's ``note``
("Chapter 95 note 1 and heading 95.05: festive articles (Christmas decorations)").
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from shipdesk.core.errors import DataError
from shipdesk.core.tariff.textutil import words

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence
    from pathlib import Path

    from shipdesk.core.tariff.nomenclature import Nomenclature
    from shipdesk.core.tariff.query import Reading

__all__ = ["NoteRule", "Notes", "SwapRule", "Texts", "read_notes", "texts_of"]


class _Ranked(Protocol):
    """What the rules read and change of a ranked candidate (``ranking.Candidate``)."""

    code: str
    score: float
    source: str
    evidence: dict[str, int]
    note: str

    def __init__(
        self, code: str, score: float, source: str, evidence: dict[str, int], note: str = ""
    ) -> None: ...


C = TypeVar("C", bound=_Ranked)


@dataclass(frozen=True)
class Texts:
    """The word lists of one description a rule is matched against.

    ``own``: the description as typed (folded) and as read (compounds split, typos
    corrected). ``heads``: the same lists and the English wording, each cut before its first
    connector ("with", "mit", "avec"...): the article a line names comes before it, what
    follows is a part, an accessory or the contents ("Laptop with charger" is a laptop). A
    rule's `when` reads the heads; `also` and `unless` read the whole of ``own`` (the English
    wording words a foreign shop term as its concept's first English term, which may name a
    material or a use the description does not).
    """

    heads: list[list[str]]
    own: list[list[str]]
    _heads: _Words = field(init=False, repr=False, compare=False)
    _own: _Words = field(init=False, repr=False, compare=False)
    _all: _Words = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_heads", _Words(self.heads))
        object.__setattr__(self, "_own", _Words(self.own))
        object.__setattr__(self, "_all", _Words([*self.own, *self.heads[-1:]]))


class _Words:
    """Word lists indexed for the rules' patterns: a one-word pattern is a set look-up (of the
    words, their beginnings or their ends), a phrase is looked for word by word only when its
    first word is there."""

    def __init__(self, lists: Sequence[Sequence[str]]) -> None:
        self.lists = [list(ws) for ws in lists]
        self.exact: set[str] = set()
        self.starts: set[str] = set()
        self.ends: set[str] = set()
        for ws in self.lists:
            for w in ws:
                self.exact.add(w)
                for k in range(1, len(w) + 1):
                    self.starts.add(w[:k])
                    self.ends.add(w[-k:])

    def has(self, pattern: str) -> bool:
        head, tail = pattern.startswith("*"), pattern.endswith("*")
        if head and tail:
            core = pattern.strip("*")
            return any(core in w for w in self.exact)
        if tail:
            return pattern[:-1] in self.starts
        if head:
            return pattern[1:] in self.ends
        return pattern in self.exact

    def found(self, patterns: Sequence[tuple[str, ...]]) -> bool:
        for phrase in patterns:
            if not self.has(phrase[0]):
                continue
            n = len(phrase)
            if n == 1:
                return True
            for ws in self.lists:
                for i in range(len(ws) - n + 1):
                    if all(_word_matches(p, ws[i + j]) for j, p in enumerate(phrase)):
                        return True
        return False


def texts_of(reading: Reading, head_end: Callable[[list[str]], int]) -> Texts:
    """The word lists of ``reading``; ``head_end(words)`` is where the article's words end."""
    own = [words(reading.original), list(reading.words)]
    english = words(reading.english)
    return Texts([ws[: head_end(ws)] for ws in [*own, english]], own)


TRANSLATED = ("de", "fr", "es")  # languages a rule's reason may be given in besides English
DEMOTE_FACTOR = 0.5  # a candidate a rule moves down keeps this share of its score
LEAD_STEP = 0.01  # the codes a rule puts first lead the former first by this much, in order
# a code a note puts first scores at least this ("medium": a note that fires is evidence; on
# blind4 such first codes under 0.4 were right 6 times in 8, not the "weak" a cue says)
NOTE_FLOOR = 0.4


def _patterns(raw: Any, where: str) -> tuple[tuple[str, ...], ...]:
    """Each entry as a tuple of words (a phrase); a word may end in "*" (prefix)."""
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(isinstance(x, str) and x.strip() for x in raw):
        raise DataError(f"{where}: expected a list of words")
    return tuple(tuple(x.lower().split()) for x in raw)


def _word_matches(pattern: str, word: str) -> bool:
    """ "kugel*" matches words starting with "kugel", "*marmelade" words ending with it (the
    last part of a German compound), "*kugel*" words containing it."""
    head, tail = pattern.startswith("*"), pattern.endswith("*")
    core = pattern.strip("*")
    if head and tail:
        return core in word
    if tail:
        return word.startswith(core)
    if head:
        return word.endswith(core)
    return word == pattern


@dataclass(frozen=True)
class _Trigger:
    when: tuple[tuple[str, ...], ...]
    also: tuple[tuple[str, ...], ...]
    unless: tuple[tuple[str, ...], ...]
    when_none: tuple[tuple[str, ...], ...] = ()  # fires when none of these words is there

    def fires(self, texts: Texts) -> bool:
        if self.when_none:
            if texts._all.found(self.when_none):
                return False
        elif not texts._heads.found(self.when):
            return False
        if self.also and not texts._own.found(self.also):
            return False
        return not (self.unless and texts._own.found(self.unless))


@dataclass(frozen=True)
class NoteRule:
    """Puts ``first`` first (in order) and moves the codes under ``demote`` down."""

    id: str
    group: str
    note: str
    reason: str
    trigger: _Trigger
    first: tuple[str, ...]
    demote: tuple[str, ...]
    reason_texts: dict[str, str]  # the reason in German, French and Spanish, by language

    @property
    def label(self) -> str:
        return f"{self.note}: {self.reason}"


@dataclass(frozen=True)
class SwapRule:
    """Replaces a candidate of a mapped heading by the subheading of the other heading with
    the same wording (e.g. 6204.42 woven cotton dresses -> 6104.42 knitted ones)."""

    id: str
    group: str
    note: str
    reason: str
    trigger: _Trigger
    pairs: dict[str, str]  # subheading -> its counterpart
    reason_texts: dict[str, str]  # the reason in German, French and Spanish, by language

    @property
    def label(self) -> str:
        return f"{self.note}: {self.reason}"


_GARMENT_WORDS = re.compile(
    r"men's or boys'|women's or girls'|\(not knitted or crocheted\)|knitted or crocheted|"
    r"[;,()]|\s+"
)


def _garment_key(description: str) -> tuple[str, str]:
    """The goods and the fibre of a Chapter 61/62 subheading, without its chapter and gender
    words: ("dresses", "of cotton")."""
    goods, _, rest = description.lower().partition(";")
    return (
        " ".join(_GARMENT_WORDS.sub(" ", goods).split()),
        " ".join(_GARMENT_WORDS.sub(" ", rest).split()),
    )


def _counterparts(nom: Nomenclature, mapping: dict[str, str]) -> dict[str, str]:
    """Each subheading of a mapped heading and the subheading of the other heading for the same
    goods and fibre; where the wording of the goods differs ("Shirts" and "Blouses, shirts and
    shirt-blouses"), the one subheading of that fibre."""
    out: dict[str, str] = {}
    for src, dst in mapping.items():
        kids = nom.kids.get(dst, [])
        exact = {_garment_key(nom.entries[c].description): c for c in kids}
        fibres: dict[str, list[str]] = {}
        for c in kids:
            fibres.setdefault(_garment_key(nom.entries[c].description)[1], []).append(c)
        for code in nom.kids.get(src, []):
            key = _garment_key(nom.entries[code].description)
            same_fibre = fibres.get(key[1], [])
            twin = exact.get(key) or (same_fibre[0] if len(same_fibre) == 1 else None)
            if twin:
                out[code] = twin
    return out


class Notes:
    """The rules of ``notes.toml``, applied to the ranked candidates of one description."""

    def __init__(
        self, rules: Sequence[NoteRule], swaps: Sequence[SwapRule], date: str = ""
    ) -> None:
        self.rules = list(rules)
        self.swaps = list(swaps)
        self.date = date
        every: list[NoteRule | SwapRule] = [*swaps, *rules]
        self._by_label = {r.label: r for r in every}

    def reason_text(self, label: str, lang: str) -> tuple[str, str]:
        """(the reason, the note) of the rule whose ``label`` a suggestion carries, the
        reason in ``lang`` when the file has it (else English); ("", "") for an unknown label."""
        rule = self._by_label.get(label)
        if rule is None:
            return "", ""
        return rule.reason_texts.get(lang, rule.reason), rule.note

    def fired(self, texts: Texts) -> list[NoteRule | SwapRule]:
        """The rules the description triggers: swaps first, then at most one rule a group."""
        out: list[NoteRule | SwapRule] = []
        groups: set[str] = set()
        every: list[NoteRule | SwapRule] = [*self.swaps, *self.rules]
        for rule in every:
            if rule.group in groups or not rule.trigger.fires(texts):
                continue
            groups.add(rule.group)
            out.append(rule)
        return out

    def apply(self, candidates: list[C], texts: Texts) -> list[C]:
        """The candidates re-ranked by the rules the description (``texts``) triggers; a
        candidate a rule decides or moves has the rule in its ``note``."""
        fired = self.fired(texts)
        if not fired or not candidates:
            return candidates
        make = type(candidates[0])
        by_code = {c.code: c for c in candidates}
        for rule in fired:
            if isinstance(rule, SwapRule):
                for c in list(by_code.values()):
                    twin = rule.pairs.get(c.code)
                    if twin is None:
                        continue
                    old = by_code.get(twin)
                    score = max(c.score, old.score if old else 0.0)
                    by_code[twin] = make(
                        twin,
                        score,
                        old.source if old else c.source,
                        dict(old.evidence if old else c.evidence),
                        rule.label,
                    )
                    c.score *= DEMOTE_FACTOR
                continue
            top = max(c.score for c in by_code.values())
            before = min(by_code.values(), key=lambda c: (-c.score, c.code))
            for c in by_code.values():
                if c.code not in rule.first and c.code.startswith(rule.demote):
                    c.score *= DEMOTE_FACTOR
            leader = min(by_code.values(), key=lambda c: (-c.score, c.code))
            if not rule.first:  # a rule that only moves down: the new leader says why
                if leader is not before:
                    leader.note = leader.note or rule.label
                continue
            if leader.code == rule.first[0]:
                leader.note = leader.note or rule.label
                continue
            for i, code in enumerate(rule.first):
                score = max(top, NOTE_FLOOR) + LEAD_STEP * (len(rule.first) - i)
                old = by_code.get(code)
                if old is None:
                    by_code[code] = make(code, score, "hs2022", {}, rule.label)
                else:
                    old.score = max(old.score, score)
                    old.note = rule.label
        out = sorted(by_code.values(), key=lambda c: (-c.score, c.code))
        best = out[0].score
        if best > 1.0:
            for c in out:
                c.score /= best
        return out


def read_notes(path: Path, nom: Nomenclature) -> Notes:
    """The rules of ``path``; a rule with a missing field, an unknown code or a heading
    that is not in the nomenclature is refused with DataError naming the file and rule."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise DataError(f"{path}: the tariff notes cannot be read ({exc})") from None

    def text(entry: dict[str, Any], key: str, where: str) -> str:
        value = entry.get(key)
        if not isinstance(value, str) or not value.strip():
            raise DataError(f"{where}: '{key}' is missing")
        return value.strip()

    def trigger(entry: dict[str, Any], where: str) -> _Trigger:
        when = _patterns(entry.get("when"), f"{where}, 'when'")
        when_none = _patterns(entry.get("when_none"), f"{where}, 'when_none'")
        if not when and not when_none:
            raise DataError(f"{where}: 'when' is missing")
        return _Trigger(
            when,
            _patterns(entry.get("also"), f"{where}, 'also'"),
            _patterns(entry.get("unless"), f"{where}, 'unless'"),
            when_none,
        )

    def codes(raw: Any, where: str, lengths: Iterable[int]) -> tuple[str, ...]:
        if not isinstance(raw, list) or not all(isinstance(x, str) for x in raw):
            raise DataError(f"{where}: expected a list of codes")
        for c in raw:
            if len(c) not in lengths or not c.isdigit():
                raise DataError(f"{where}: {c!r} is not a code of the expected length")
        return tuple(raw)

    def translations(entry: dict[str, Any], where: str) -> dict[str, str]:
        out: dict[str, str] = {}
        for lang in TRANSLATED:
            value = entry.get(f"reason_{lang}")
            if value is not None:
                out[lang] = text(entry, f"reason_{lang}", where)
        return out

    def common(entry: dict[str, Any], where: str) -> tuple[str, str, str, str, _Trigger]:
        """What rules and swaps share: id, group, note, reason and trigger."""
        return (
            text(entry, "id", where),
            text(entry, "group", where),
            text(entry, "note", where),
            text(entry, "reason", where),
            trigger(entry, where),
        )

    rules: list[NoteRule] = []
    for n, entry in enumerate(data.get("rule", []), 1):
        where = f"{path}, rule {entry.get('id') or n}"
        first = codes(entry.get("first"), f"{where}, 'first'", (6,))
        demote = codes(entry.get("demote", []), f"{where}, 'demote'", (2, 4, 6))
        if not first and not demote:
            raise DataError(f"{where}: 'first' and 'demote' are both empty")
        for c in first:
            if c not in nom.entries:
                raise DataError(f"{where}: {c} is not an HS 2022 subheading")
        rules.append(NoteRule(*common(entry, where), first, demote, translations(entry, where)))
    swaps: list[SwapRule] = []
    for n, entry in enumerate(data.get("swap", []), 1):
        where = f"{path}, swap {entry.get('id') or n}"
        mapping: dict[str, str] = {}
        for pair in entry.get("map", []):
            src, _, dst = str(pair).partition(">")
            if src not in nom.entries or dst not in nom.entries or len(src) != 4:
                raise DataError(f"{where}: {pair!r} is not a pair of HS 2022 headings")
            mapping[src] = dst
        if not mapping:
            raise DataError(f"{where}: 'map' is empty")
        swaps.append(
            SwapRule(*common(entry, where), _counterparts(nom, mapping), translations(entry, where))
        )
    return Notes(rules, swaps, str(data.get("date", "")))
