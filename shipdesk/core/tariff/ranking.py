"""The loaded HS 2022 search engine: index, embeddings, encoder, vocabulary and ranking.

Ranking fuses several ranked lists with weighted reciprocal-rank fusion (k = 10):
full-text BM25 over the subheading, heading and chapter texts; cosine similarity of the query
embedding to the embedded full text and to the subheading text alone; the curated vocabulary
(shop terms named in the query, the terms nearest to the query in embedding space, and the
terms sharing words with it by full-text search); and the codes of the nearest examples of the
example index (coded references, rulings and tariff lines), when they agree. The user's
confirmed classifications of similar items come first.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import sqlite3
import threading
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np

from shipdesk.core.errors import DataError
from shipdesk.core.pacing import step_aside
from shipdesk.core.tariff.article import article_end, head_end
from shipdesk.core.tariff.encoder import Encoder
from shipdesk.core.tariff.examples import ExampleIndex, QuantizedRows, widen
from shipdesk.core.tariff.nomenclature import Nomenclature, nomenclature
from shipdesk.core.tariff.notes import read_notes, texts_of
from shipdesk.core.tariff.query import (
    QueryReader,
    Reading,
    VocabMatch,
    read_glossary,
    stem,
    whole_line_code,
)
from shipdesk.core.tariff.siblings import (
    SubheadingText,
    by_age,
    read_subheading,
    reorder,
    stated_materials,
    stated_word,
    text_words,
    to_first,
)
from shipdesk.core.tariff.textutil import STOPWORDS, full_text, words
from shipdesk.core.tariff.vocabulary import read_vocabulary

RRF_K = 10.0
DEPTH = 100  # candidates taken from each ranked list
W_FTS = 1.0
W_FULL = 1.0
W_DESC = 1.0
W_VOCAB = 2.0
W_VOCAB_NEAR = 1.0
W_VOCAB_FTS = 1.0
# A line that names no shop term (or only what the article is scented with, shaped like or
# printed with) is goods the vocabulary does not name: the terms nearest to it in embedding
# space (goods like it that are named) count this many times their weight, as its words are
# read only by the nomenclature text otherwise (docs/benchmarks.md, "Ranking round 9").
W_NEAR_UNNAMED = 2.0
VOCAB_NEAR_MIN = 0.55  # cosine of a vocabulary term to the query to count as "near"
# The example index (examples.py) as a seventh list: the codes of the examples nearest to the
# query, each voted for by its examples' cosines times their kind's weight, taken only when the
# best voted code holds at least EX_SHARE of the votes (when the nearest examples scatter over
# many codes they moved more right first suggestions away than to the top; docs/benchmarks.md).
W_EXAMPLES = 1.0
EX_K = 20  # nearest examples that vote
EX_MIN = 0.5  # cosine of an example to the query to vote
EX_SHARE = 0.5  # share of all votes the best voted code needs, else the list is left out
# a reference is a shop word and a ruling a decision; a tariff line is legal text, which the
# nomenclature lists already read
EX_KIND_WEIGHT = {"ruling": 1.0, "reference": 1.0, "tariff_line": 0.5}
_DIGIT = re.compile(r"\d")


@dataclass
class Candidate:
    code: str
    score: float
    source: str  # "hs2022", "vocabulary" or "catalogue"
    evidence: dict[str, int]  # list name -> rank (1-based)
    note: str = ""  # the legal note or GRI that decided or moved this candidate (notes.toml)


def fts5_available() -> bool:
    try:
        con = sqlite3.connect(":memory:")
        con.execute("CREATE VIRTUAL TABLE t USING fts5(x)")
        con.close()
        return True
    except sqlite3.OperationalError:
        return False


class _PyBM25:
    """Full-text fallback for SQLite builds without FTS5: BM25 over the same texts."""

    def __init__(self, docs: list[list[str]], k1: float = 1.2, b: float = 0.75) -> None:
        self.k1, self.b = k1, b
        self.postings: dict[str, list[tuple[int, int]]] = {}
        self.lengths = [len(d) for d in docs]
        self.avg = sum(self.lengths) / max(len(docs), 1)
        for i, d in enumerate(docs):
            tf: dict[str, int] = {}
            for w in d:
                tf[w] = tf.get(w, 0) + 1
            for w, c in tf.items():
                self.postings.setdefault(w, []).append((i, c))
        self.n = len(docs)

    def search(self, terms: list[str], limit: int) -> list[int]:
        scores: dict[int, float] = {}
        for t in set(terms):
            plist = self.postings.get(t)
            if not plist:
                continue
            idf = math.log(1 + (self.n - len(plist) + 0.5) / (len(plist) + 0.5))
            for i, c in plist:
                norm = (
                    c
                    * (self.k1 + 1)
                    / (c + self.k1 * (1 - self.b + self.b * self.lengths[i] / self.avg))
                )
                scores[i] = scores.get(i, 0.0) + idf * norm
        return [i for i, _ in sorted(scores.items(), key=lambda kv: -kv[1])[:limit]]


class Engine:
    """Everything the search needs, loaded once (see :func:`shipdesk.core.tariff.lookup.engine`)."""

    def __init__(
        self,
        folder: Path,
        use_fts5: bool | None = None,
        examples: ExampleIndex | None = None,
        encoder: Encoder | None = None,
    ) -> None:
        """``encoder``: the sentence encoder of ``folder``'s model, when it was set up ahead
        (:func:`shipdesk.core.tariff.lookup.load_encoder`); else it is set up here."""
        self.folder = folder
        man_path = folder / "manifest.json"
        try:
            self.manifest = json.loads(man_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise DataError(
                f"{man_path}: the tariff index manifest is missing or broken ({exc})"
            ) from None
        self.nom: Nomenclature = nomenclature()
        self.codes = self.nom.codes(6)
        self.row = {c: i for i, c in enumerate(self.codes)}
        self._check_codes()
        self.terms, _ = read_vocabulary(folder / "vocabulary.csv")
        self.notes = read_notes(folder / "notes.toml", self.nom)
        self.use_notes = True  # switched off only to measure the ranking without them
        self.use_siblings = True  # switched off only to measure the ranking without them
        self.use_head_term = True  # switched off only to measure the ranking without it
        self._sub_texts: dict[str, SubheadingText] = {}
        self.e_full = widen(*self._matrix("hs_full", len(self.codes)))
        self.e_desc = widen(*self._matrix("hs_desc", len(self.codes)))
        # the vocabulary's rows stay int8 as shipped (8 MB instead of 32 MB as float32)
        self.e_vocab = QuantizedRows(*self._matrix("vocab", len(self.terms)))
        self.concept_codes: dict[str, tuple[str, ...]] = {}
        self.concept_en: dict[str, int] = {}
        for i, t in enumerate(self.terms):
            self.concept_codes.setdefault(t.concept, t.codes)
            if t.lang == "en":
                self.concept_en.setdefault(t.concept, i)
        self.path_text = {c: full_text(self.nom, c) for c in self.codes}
        self.use_fts5 = fts5_available() if use_fts5 is None else use_fts5
        self.use_vocabulary = True  # switched off only to measure the nomenclature ranking alone
        self.weights = {
            "fts": W_FTS,
            "full": W_FULL,
            "desc": W_DESC,
            "vocab": W_VOCAB,
            "near": W_VOCAB_NEAR,
            "near_unnamed": W_NEAR_UNNAMED,
            "vocab_fts": W_VOCAB_FTS,
            "examples": W_EXAMPLES,
        }
        self.ex_k = EX_K
        self.ex_min = EX_MIN
        self.ex_share = EX_SHARE
        self.ex_kind_weight = dict(EX_KIND_WEIGHT)
        self.examples = examples  # its rows stay int8 in their memory map (ExampleIndex.rows)
        self.rrf_k = RRF_K
        self._db_lock = threading.Lock()
        self.db: sqlite3.Connection | None = None
        self.bm25: _PyBM25 | None = None
        self.vocab_bm25: _PyBM25 | None = None
        if self.use_fts5:
            db_path = folder / "hs2022.sqlite"
            try:
                self.db = sqlite3.connect(
                    f"file:{db_path.as_posix()}?mode=ro&immutable=1",
                    uri=True,
                    check_same_thread=False,
                )
                self.db.execute("SELECT count(*) FROM hs_fts").fetchone()
            except sqlite3.DatabaseError as exc:
                raise DataError(f"{db_path}: the tariff index cannot be opened ({exc})") from None
        else:
            self.bm25 = _PyBM25([self._fts_words(self.path_text[c]) for c in self.codes])
            self.vocab_bm25 = _PyBM25([self._fts_words(t.term) for t in self.terms])
        nom_words = set()
        for e in self.nom.entries.values():
            nom_words.update(words(e.description))
        self.encoder = encoder if encoder is not None else Encoder(folder / "model")
        english = {
            t for t in self.encoder.tokenizer.vocab if t.isalpha() and t.isascii() and len(t) >= 2
        }
        self.reader = QueryReader(
            self.terms, read_glossary(folder / "glossary.csv"), nom_words, english
        )

    # -- loading ------------------------------------------------------------------------------
    def _check_codes(self) -> None:
        got = hashlib.sha256("\n".join(self.codes).encode()).hexdigest()
        if got != self.manifest.get("subheading_codes_sha256"):
            raise DataError(
                "the tariff index was built for another HS nomenclature version; "
                "run tools/build_tariff.py"
            )

    def _matrix(self, name: str, rows: int) -> tuple[np.ndarray, np.ndarray | None]:
        """The embeddings ``name`` as shipped, and their scales when they are int8."""
        info = self.manifest.get("embeddings", {}).get(name, {})
        path = self.folder / info.get("file", f"{name}_f16.npy")
        try:
            mat = np.load(path)
            # int8 rows with a float32 scale each (the vocabulary's, tools/build_tariff.py)
            scales = np.load(self.folder / info["scale_file"]) if "scale_file" in info else None
        except (OSError, ValueError) as exc:
            raise DataError(f"{path}: cannot load the tariff embeddings ({exc})") from None
        if mat.shape != (rows, 384) or (scales is not None and scales.shape != (rows,)):
            raise DataError(f"{path}: expected {rows}x384 embeddings, found {mat.shape}")
        return mat, scales

    @staticmethod
    def _fts_words(text: str) -> list[str]:
        return [stem(w) for w in words(text) if w not in STOPWORDS]

    # -- ranked lists ------------------------------------------------------------------------
    def fts(self, text: str, limit: int = DEPTH) -> list[str]:
        step_aside()
        ws = [w for w in words(text) if w not in STOPWORDS and len(w) > 1]
        if not ws:
            return []
        if self.bm25 is not None:
            return [self.codes[i] for i in self.bm25.search([stem(w) for w in ws], limit)]
        q = " OR ".join('"' + w.replace('"', "") + '"' for w in dict.fromkeys(ws))
        assert self.db is not None  # no Python BM25 index means the FTS5 database is open
        with self._db_lock:
            rows = self.db.execute(
                "SELECT code FROM hs_fts WHERE hs_fts MATCH ? "
                "ORDER BY bm25(hs_fts, 0.0, 3.0, 1.5, 1.0) LIMIT ?",
                (q, limit),
            ).fetchall()
        return [r[0] for r in rows]

    def vocab_fts(self, text: str, limit: int = 30) -> list[str]:
        """Codes of the vocabulary terms that share words with the query (full-text, BM25)."""
        step_aside()
        ws = [w for w in words(text) if w not in STOPWORDS and len(w) > 1]
        if not ws:
            return []
        if self.vocab_bm25 is not None:
            ids = self.vocab_bm25.search([stem(w) for w in ws], limit)
        else:
            q = " OR ".join('"' + w.replace('"', "") + '"' for w in dict.fromkeys(ws))
            assert self.db is not None  # as in fts()
            with self._db_lock:
                rows = self.db.execute(
                    "SELECT id FROM vocab_fts WHERE vocab_fts MATCH ? ORDER BY bm25(vocab_fts) "
                    "LIMIT ?",
                    (q, limit),
                ).fetchall()
            ids = [int(r[0]) for r in rows]
        out: list[str] = []
        for i in ids:
            for c in self.terms[i].codes:
                if c not in out:
                    out.append(c)
        return out

    def example_near(self, qv: np.ndarray) -> list[str]:
        """Codes of the examples nearest to the query (cosine at least ``ex_min``, the
        ``ex_k`` nearest), each code scored by the cosines of its examples times their kind's
        weight, best first; nothing when the best code holds less than ``ex_share`` of the
        votes (the nearest examples disagree)."""
        if self.examples is None or len(self.examples) < 2:
            return []
        sims = self.examples.cosines(qv)
        step_aside()
        k = min(self.ex_k, len(sims) - 1)
        idx = np.argpartition(-sims, k)[:k]
        votes: dict[str, float] = {}
        for i in idx[np.argsort(-sims[idx])]:
            sim = float(sims[i])
            if sim < self.ex_min:
                break
            ex = self.examples.examples[int(i)]
            w = self.ex_kind_weight.get(ex.kind, 0.0)
            if w > 0:
                votes[ex.code] = votes.get(ex.code, 0.0) + w * sim
        ranked = sorted(votes, key=lambda c: -votes[c])
        total = sum(votes.values())
        if not ranked or votes[ranked[0]] < self.ex_share * total:
            return []
        return ranked

    def dense(self, qv: np.ndarray, mat: np.ndarray, limit: int = DEPTH) -> list[str]:
        step_aside()
        s = mat @ qv
        idx = np.argpartition(-s, min(limit, len(s) - 1))[:limit]
        idx = idx[np.argsort(-s[idx])]
        return [self.codes[i] for i in idx]

    def vocab_lists(
        self, reading: Reading, qv: np.ndarray
    ) -> tuple[list[str], list[str], VocabMatch | None]:
        """Codes of the concepts named in the query, of the terms nearest to it, and the named
        concept ranked first (None when none is named)."""
        sims = self.e_vocab.cosines(qv)
        step_aside()
        named: list[tuple[float, int, VocabMatch]] = []
        # "Smartphone with battery installed", "laptop with charger": the article is what comes
        # before the connector; what follows it is a part or an accessory.
        tail = article_end(reading)
        head_named = any(m.end <= tail for m in reading.matches)
        for m in reading.matches:
            en = self.concept_en.get(m.concept, m.term_index)
            # a foreign term's own embedding means little to an English model: judge the concept
            # by its English wording
            weight = (
                float(sims[en]) if m.foreign else max(float(sims[en]), float(sims[m.term_index]))
            )
            span = m.end - m.start
            if head_named and m.start >= tail:
                weight -= TAIL_PENALTY
            if m.modifier:
                weight -= MODIFIER_PENALTY
            named.append((weight + 0.05 * span, m.start, m))
        named.sort(key=lambda x: (-x[0], x[1]))
        named_codes: list[str] = []
        for _, _, m in named:
            concept = m.concept
            for c in self.concept_codes[concept]:
                if c not in named_codes:
                    named_codes.append(c)
        near_codes: list[str] = []
        top = np.argsort(-sims)[:20]
        for i in top:
            if sims[i] < VOCAB_NEAR_MIN:
                break
            for c in self.terms[int(i)].codes:
                if c not in near_codes:
                    near_codes.append(c)
        return named_codes, near_codes, (named[0][2] if named else None)

    def head_codes(self, reading: Reading) -> list[str]:
        """Codes of the concepts named before a connector ("smartphone" in "smartphone with
        battery"), when the description has both a head and a tail; else nothing."""
        tail = article_end(reading)
        if tail >= len(reading.words):
            return []
        out: list[str] = []
        for m in reading.matches:
            if m.end <= tail and not m.modifier:
                for c in self.concept_codes[m.concept]:
                    if c not in out:
                        out.append(c)
        return out

    # -- ranking -----------------------------------------------------------------------------
    def rank(self, reading: Reading, qv: np.ndarray) -> list[Candidate]:
        w = self.weights
        lists: list[tuple[str, float, list[str]]] = [
            ("fts", w["fts"], self.fts(reading.search_text)),
            ("full", w["full"], self.dense(qv, self.e_full)),
            ("desc", w["desc"], self.dense(qv, self.e_desc)),
        ]
        named, near, lead = self.vocab_lists(reading, qv) if self.use_vocabulary else ([], [], None)
        if named:
            lists.append(("vocab", w["vocab"], named))
        if near:
            unnamed = not any(not m.modifier for m in reading.matches)
            lists.append(("near", w["near"] * (w["near_unnamed"] if unnamed else 1.0), near))
        if self.use_vocabulary and w["vocab_fts"] > 0:
            lists.append(("vocab_fts", w["vocab_fts"], self.vocab_fts(reading.search_text)))
        near_examples = self.example_near(qv) if w["examples"] > 0 else []
        if near_examples:
            lists.append(("examples", w["examples"], near_examples))
        head = self.head_codes(reading) if self.use_vocabulary else []
        if head:
            lists.append(("head", w["vocab"], head))
        lists = [x for x in lists if x[1] > 0]
        scores: dict[str, float] = {}
        evidence: dict[str, dict[str, int]] = {}
        for name, weight, codes in lists:
            for rank, code in enumerate(codes, 1):
                scores[code] = scores.get(code, 0.0) + weight / (self.rrf_k + rank)
                evidence.setdefault(code, {})[name] = rank
        best = sum(wt for _, wt, _ in lists) / (self.rrf_k + 1)
        out = [
            Candidate(
                c, s / best, "vocabulary" if "vocab" in evidence[c] else "hs2022", evidence[c]
            )
            for c, s in scores.items()
        ]
        out.sort(key=lambda c: (-c.score, c.code))
        step_aside()
        if lead is not None and self.use_head_term:
            out = self._head_term_first(out, reading, lead)
        if self.use_siblings:
            out = reorder(out, reading.stated, self.subheading_text)
            out = by_age(out, reading.words, date.today().year)
            out = self._parts_first(out, reading)
            step_aside()
        if self.use_notes:
            out = self.notes.apply(out, texts_of(reading, head_end))
        # a line that is one shop term of one code is that code, unless a legal note decided
        code = whole_line_code(reading, self.concept_codes) if self.use_head_term else ""
        k = next((k for k, c in enumerate(out) if c.code == code), 0)
        if k and not out[0].note:
            to_first(out, k)
        return out

    def _head_term_first(
        self, out: list[Candidate], reading: Reading, lead: VocabMatch
    ) -> list[Candidate]:
        """The first code of the shop term that names the article put first when the fused
        lists only disagree with it between the subheadings of its heading."""
        code = self.concept_codes[lead.concept][0]
        if not out or out[0].code == code or out[0].code[:4] != code[:4]:
            return out
        if lead.modifier or lead.start >= article_end(reading):
            return out
        # the first candidate's own words ("reels", "intake air", "ceiling") stated in the
        # description: the lists read a fact the term does not distinguish, it stays first
        stated = {w for t in reading.stated for w in text_words(t)}
        own = self._own_words(out[0].code) - self._own_words(code)
        if any(stated_word(w, stated) for w in own):
            return out
        for k, c in enumerate(out[:HEAD_TERM_WINDOW]):
            if c.code == code:
                to_first(out, k)
                break
        return out

    def _parts_first(self, out: list[Candidate], reading: Reading) -> list[Candidate]:
        """Section XVI note 2(b): a line that says it is a replacement or spare part ("Vacuum
        cleaner hose replacement", "Stand mixer dough hook attachment") of a machine of Chapter
        84 or 85 ranked first is the parts subheading of that machine's heading, when the
        heading has one (8508.70, 8509.90)."""
        if not out or out[0].code[:2] not in ("84", "85"):
            return out
        if not any(w in PART_WORDS or w.startswith(PART_PREFIXES) for w in reading.words):
            return out
        parts = self._parts_code(out[0].code[:4])
        if not parts or parts == out[0].code:
            return out
        for k, c in enumerate(out):
            if c.code == parts:
                to_first(out, k)
                return out
        top = out[0]
        out.insert(0, Candidate(parts, top.score, "hs2022", {}))
        top.score *= PARTS_STEP
        return out

    def _parts_code(self, heading: str) -> str:
        """The one subheading of ``heading`` for its parts ("Parts of vacuum cleaners"), or ""."""
        found = [
            c
            for c in self.nom.kids.get(heading, [])
            if _PARTS_TEXT.search(self.nom.entries[c].description.lower())
        ]
        return found[0] if len(found) == 1 else ""

    def _own_words(self, code: str) -> frozenset[str]:
        e = self.nom.entries.get(code[:6])
        return text_words(e.description if e else "")

    def cue_facts(self, reading: Reading) -> tuple[int, int]:
        """For the confidence cue: how many words of the description no shop term it names
        covers (stop words, one-letter words and words with digits, sizes and counts, left
        out), and how many different first codes the shop terms it names give."""
        covered: set[int] = set()
        for m in reading.matches:
            covered.update(range(m.start, m.end))
        unnamed = sum(
            1
            for i, w in enumerate(reading.words)
            if i not in covered and len(w) > 1 and w not in STOPWORDS and not _DIGIT.search(w)
        )
        firsts = {self.concept_codes[m.concept][0] for m in reading.matches}
        return unnamed, len(firsts)

    def fibre_unread(self, reading: Reading, code: str) -> bool:
        """For the confidence cue: the description states a textile fibre ("di cotone", "en
        coton") and ``code`` is outside the textile chapters 50 to 63 while neither its
        subheading, its heading nor its chapter names any material, so nothing of the code read
        the fibre ("Tovaglioli di cotone" as paper serviettes of 48.18)."""
        if not code or "50" <= code[:2] <= "63":
            return False
        stated = stated_materials(reading.stated)
        if not stated & FIBRES:
            return False
        return not any(self.subheading_text(k).materials for k in (code[:6], code[:4], code[:2]))

    def subheading_text(self, code: str) -> SubheadingText:
        """What a subheading's text names and excludes (materials, words), read once (a
        heading's or chapter's for a code of 4 or 2 digits)."""
        got = self._sub_texts.get(code)
        if got is None:
            e = self.nom.entries.get(code[:6])
            got = read_subheading(e.description if e else "")
            self._sub_texts[code] = got
        return got

    def encode(self, text: str) -> np.ndarray:
        return self.encoder.encode_one(text)


# Words that say the goods are a part of the machine the line names, in the seven languages
PART_WORDS = frozenset(
    words(
        "replacement spare attachment part parts rechange repuesto recambio ricambio reserve "
        "reserveonderdeel onderdeel zapasowy zapasowa zapasowe czesc"
    )
)
PART_PREFIXES = ("ersatz", "vervang")
PARTS_STEP = 0.99  # the machine a parts subheading is put before keeps this share of its score
_PARTS_TEXT = re.compile(r"(?:^|; )parts\b")
TAIL_PENALTY = 0.3
HEAD_TERM_WINDOW = 5  # candidates among which the named term's first code is looked for
# the textile fibres among the material keys of siblings.stated_materials
FIBRES = frozenset(["cotton", "wool", "silk", "flax", "synthetic", "artificial"])
MODIFIER_PENALTY = 0.3  # a concept that only describes the article (query.mark_modifiers)
