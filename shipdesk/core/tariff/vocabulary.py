"""The curated shop-language vocabulary (resources/tariff/vocabulary.csv).

Each row is one concept: an HS 2022 subheading (or a few, most likely first) and the words
sellers use for it in English, German, French, Spanish, Italian, Dutch and Polish. Format
(UTF-8 CSV, ``#`` lines are comments; ``# date: YYYY-MM-DD`` gives the vocabulary version)::

    concept,category,codes,en,de,fr,es,it,nl,pl,source
    hoodie,apparel,611020 611030,hoodie|hooded sweatshirt,Kapuzenpullover,sweat à capuche,...

Terms within a language are separated by ``|``. Every code must exist in HS 2022.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from shipdesk.core.errors import DataError
from shipdesk.core.tariff.nomenclature import code_exists

LANGS = ("en", "de", "fr", "es", "it", "nl", "pl")
_DATE = re.compile(r"#\s*date:\s*(\d{4}-\d{2}-\d{2})")


@dataclass(frozen=True, slots=True)
class Term:
    concept: str
    term: str
    lang: str
    codes: tuple[str, ...]
    category: str


def read_vocabulary(path: Path) -> tuple[list[Term], str]:
    """All terms, in file order, and the vocabulary date. Checks every code exists."""
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataError(f"{path}: cannot read the tariff vocabulary ({exc})") from None
    date = ""
    lines = []
    for line in raw.splitlines():
        if line.startswith("#"):
            m = _DATE.match(line)
            if m:
                date = m.group(1)
            lines.append("")  # keep line numbers for messages
        else:
            lines.append(line)
    reader = csv.DictReader(io.StringIO("\n".join(ln for ln in lines if ln.strip())))
    needed = {"concept", "category", "codes", *LANGS}
    if not reader.fieldnames or not needed <= set(reader.fieldnames):
        raise DataError(f"{path}: header must have the columns {sorted(needed)}")
    terms: list[Term] = []
    seen: set[str] = set()
    for rec in reader:
        concept = (rec.get("concept") or "").strip()
        codes = tuple((rec.get("codes") or "").split())
        where = f"{path.name}: concept {concept!r}"
        if not concept or not codes:
            raise DataError(f"{where}: concept and codes are required")
        if concept in seen:
            raise DataError(f"{where}: concept listed twice")
        seen.add(concept)
        for c in codes:
            if len(c) != 6 or not code_exists(c):
                raise DataError(f"{where}: {c} is not an HS 2022 subheading")
        for lang in LANGS:
            for t in (rec.get(lang) or "").split("|"):
                t = t.strip()
                if t:
                    terms.append(Term(concept, t, lang, codes, (rec.get("category") or "").strip()))
    return terms, date


def embed_text(t: Term) -> str:
    """The text embedded for a vocabulary term."""
    return t.term
