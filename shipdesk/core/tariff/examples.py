"""Classification decisions of customs authorities and other goods descriptions an authority
has coded, kept as examples: the ones nearest to a query are shown as evidence for the code
they support ("like CBP ruling NY 857043 (1990): woman's knit sweater -> 6110.20").

Each example is of one kind, and says so wherever it is shown:

- ``ruling``: a published classification decision (a CBP ruling, an HMRC advance tariff ruling);
- ``reference``: a goods term or a parcel line a customs authority coded for its own tariff
  search (HMRC's Trade Tariff search references), not a decision;
- ``tariff_line``: a line of a national tariff, the official text of the goods under a code
  (a US HTS statistical line), not a decision.

The table (``examples.csv.gz``, a gzip-compressed CSV: 0.5 MB instead of 4.5) and its
sentence embeddings (``examples_i8.npy``, one row per example, the same encoder as the queries,
each row stored as int8 with its own scale in ``examples_scale.npy``) are compiled by
``tools/build_examples.py``; every code in it is an HS 2022 subheading (codes of older editions
were mapped with the correlation tables or dropped at build time). Eight bits a dimension halve
the shipped size of float16 and move a cosine by less than 0.01 (``quantize``); the rows stay
in a read-only memory map and are never widened all at once: the ranking's cosines to every row
are computed ``ROWS_AT_ONCE`` rows at a time (:class:`QuantizedRows`), the evidence widens only
the rows of the codes a query's suggestions name. numpy is imported on first use only, like the
rest of the search.
"""

from __future__ import annotations

import csv
import gzip
import re
import zlib
from dataclasses import dataclass
from pathlib import Path
from sys import intern
from typing import IO, TYPE_CHECKING, Any, cast

from shipdesk.core.errors import DataError
from shipdesk.core.pacing import step_aside

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence

__all__ = [
    "EVIDENCE_MIN",
    "EVIDENCE_PER_CODE",
    "KINDS",
    "Example",
    "ExampleIndex",
    "QuantizedRows",
    "quantize",
    "read_examples",
]

TABLE = "examples.csv.gz"
VECTORS = "examples_i8.npy"
SCALES = "examples_scale.npy"
COLUMNS = ("authority", "ruling", "date", "code", "text", "original_code", "edition", "kind")
KINDS = ("ruling", "reference", "tariff_line")
KIND_ORDER = {k: i for i, k in enumerate(KINDS)}  # evidence: decisions before the others
CODE = re.compile(r"\d{6}")
EVIDENCE_MIN = 0.55  # cosine of an example to the query, to be shown as evidence
EVIDENCE_PER_CODE = 2  # examples shown per suggested code, nearest first
# Rows widened to float32 at a time when all rows are compared with a query: 512 x 384 floats
# (768 kB) stay in the processor's cache, which makes the int8 rows as fast to score as one
# float32 matrix of four times their size (about 1.3 ms for the 25,809 examples), and no single
# call holds the interpreter for long.
ROWS_AT_ONCE = 512


@dataclass(frozen=True, slots=True)
class Example:
    authority: str  # "CBP", "HMRC", "US HTS 2026", ...
    ruling: str  # the authority's reference: "NY 857043", "search reference", "6109.10.00.12"
    date: str  # ISO date of the decision (of the reference list or tariff revision otherwise)
    code: str  # HS 2022 subheading, 6 digits
    text: str  # the goods, in the source's own words (shortened)
    original_code: str = ""  # the code as given (e.g. a 10-digit HTS number)
    edition: str = ""  # the nomenclature it was given under, e.g. "HS 1992"
    kind: str = "ruling"  # one of KINDS

    def to_json(self) -> dict[str, str]:
        return {
            "authority": self.authority,
            "ruling": self.ruling,
            "date": self.date,
            "code": self.code,
            "text": self.text,
            "kind": self.kind,
        }

    def citation(self) -> str:
        """E.g. "CBP ruling NY 857043 (1990): woman's knit sweater -> 6110.20", "HMRC search
        reference (2026): abalone -> 0307.81", "US HTS 2026 statistical line 6109.10.00.12:
        men's or boys' T-shirts, of cotton -> 6109.10"."""
        dotted = f"{self.code[:4]}.{self.code[4:]}"
        if self.kind == "tariff_line":
            return f"{self.authority} statistical line {self.ruling}: {self.text} -> {dotted}"
        if self.kind == "reference":
            return f"{self.authority} {self.ruling} ({self.date[:4]}): {self.text} -> {dotted}"
        return f"{self.authority} ruling {self.ruling} ({self.date[:4]}): {self.text} -> {dotted}"


def open_table(path: Path, mode: str = "r") -> IO[str]:
    """An example table as text: gzip-compressed when its name ends in ``.gz``."""
    if path.suffix == ".gz":
        return cast("IO[str]", gzip.open(path, mode + "t", encoding="utf-8", newline=""))
    return path.open(mode, encoding="utf-8", newline="")


def read_examples(path: Path, known_codes: Iterable[str] | None = None) -> list[Example]:
    """The examples of ``path`` (``#`` lines are comments). A row with a missing field, an
    unknown kind, or a code that is not an HS 2022 subheading of ``known_codes``, is refused
    with DataError naming the file and line.

    The table is read as it is decompressed, row by row: no list of its 25,000 lines is built
    first (7 MB more at the peak, while the warm-up thread loads the lookup beside the window)."""
    known = set(known_codes) if known_codes is not None else None
    out: list[Example] = []
    lineno = 0

    def lines(f: IO[str]) -> Iterator[str]:
        nonlocal lineno
        for line in f:
            lineno += 1
            if not line.startswith("#"):
                yield line

    try:
        with open_table(path) as f:
            reader = csv.reader(lines(f))
            header = next(reader, None)
            if header is None or tuple(header) != COLUMNS:
                raise DataError(f"{path}: the header must be {','.join(COLUMNS)}")
            for row in reader:
                out.append(_example(path, lineno, row, known))
    except (OSError, EOFError, UnicodeDecodeError, zlib.error) as exc:
        raise DataError(f"{path}: the example table cannot be read ({exc})") from None
    return out


def _example(path: Path, lineno: int, row: list[str], known: set[str] | None) -> Example:
    """One row of the table as an Example, or DataError naming the file and line."""
    if len(row) != len(COLUMNS) or not all(row[:5]):
        raise DataError(f"{path}, line {lineno}: expected {len(COLUMNS)} filled fields")
    authority, ruling, date, code, text, original, edition, kind = row
    # the fields tens of thousands of rows share are held once
    ex = Example(
        intern(authority), intern(ruling) if kind == "reference" else ruling,
        intern(date), intern(code), text, original,
        intern(edition), intern(kind),
    )  # fmt: skip
    if (ex.code not in known) if known is not None else not CODE.fullmatch(ex.code):
        raise DataError(f"{path}, line {lineno}: {ex.code!r} is not an HS 2022 subheading")
    if ex.kind not in KINDS:
        raise DataError(f"{path}, line {lineno}: kind {ex.kind!r} is not one of {', '.join(KINDS)}")
    return ex


class QuantizedRows:
    """Embeddings kept as shipped, int8 with a float32 scale per row (or float32 rows, scales
    None), scored against a query without ever widening all of them: 25,809 examples are 9.9 MB
    as int8 and would be 40 MB as float32, the vocabulary's 20,703 terms 8 MB and 32 MB."""

    def __init__(self, vectors: Any, scales: Any | None = None) -> None:
        if scales is not None and int(scales.shape[0]) != int(vectors.shape[0]):
            raise ValueError("one scale per row")
        self.vectors = vectors
        self.scales = scales
        self.shape: tuple[int, int] = (int(vectors.shape[0]), int(vectors.shape[1]))

    def __len__(self) -> int:
        return self.shape[0]

    def __getitem__(self, which: Any) -> Any:
        """The rows ``which`` (an index, a slice or indices), widened to float32."""
        import numpy as np

        rows = np.asarray(self.vectors[which])
        scales = None if self.scales is None else np.atleast_1d(self.scales[which])
        if rows.ndim == 1:  # a single row
            return widen(rows[None, :], scales)[0]
        return widen(rows, scales)

    def cosines(self, query_vector: Any) -> Any:
        """Every row's dot product with ``query_vector`` (cosines: rows and query are
        normalised), as float32, ``ROWS_AT_ONCE`` rows widened at a time."""
        import numpy as np

        n, dim = self.shape
        out = np.empty(n, dtype=np.float32)
        qv = np.asarray(query_vector, dtype=np.float32)
        if self.vectors.dtype == np.float32:
            np.matmul(self.vectors, qv, out=out)
        else:
            buf = np.empty((min(ROWS_AT_ONCE, n), dim), dtype=np.float32)
            for i in range(0, n, ROWS_AT_ONCE):
                step_aside()
                rows = buf[: min(ROWS_AT_ONCE, n - i)]
                np.copyto(rows, self.vectors[i : i + ROWS_AT_ONCE], casting="unsafe")
                np.matmul(rows, qv, out=out[i : i + len(rows)])
        if self.scales is not None:
            out *= self.scales
        return out


class ExampleIndex:
    """The examples and their vectors, searched by cosine to a query vector."""

    def __init__(self, examples: Sequence[Example], vectors: Any, scales: Any = None) -> None:
        """``vectors``: one row per example, float, or int8 with ``scales`` (see quantize)."""
        if len(examples) != int(vectors.shape[0]) or (
            scales is not None and int(scales.shape[0]) != int(vectors.shape[0])
        ):
            raise DataError(
                f"the example table has {len(examples)} rows but its embeddings "
                f"{int(vectors.shape[0])}"
            )
        self.examples = list(examples)
        self.rows = QuantizedRows(vectors, scales)
        self._rows_by_code: dict[str, list[int]] = {}
        for i, ex in enumerate(self.examples):
            self._rows_by_code.setdefault(ex.code, []).append(i)

    @classmethod
    def load(cls, folder: Path, known_codes: Iterable[str] | None = None) -> ExampleIndex | None:
        """The index shipped in ``folder``, or None when no example table is there."""
        import numpy as np  # with the search only

        table = folder / TABLE
        if not table.exists():
            return None
        examples = read_examples(table, known_codes)
        try:
            # int8 as shipped, read-only and paged in on use: only the rows of the codes a
            # query's suggestions name are touched (see evidence)
            vectors = np.load(folder / VECTORS, mmap_mode="r")
            scales = np.load(folder / SCALES)
        except (OSError, ValueError) as exc:
            raise DataError(
                f"{folder / VECTORS}: the example embeddings are missing ({exc})"
            ) from None
        return cls(examples, vectors, scales)

    @property
    def vectors(self) -> Any:
        """The embeddings as shipped (int8 over their memory map, or float rows)."""
        return self.rows.vectors

    @property
    def scales(self) -> Any | None:
        """The int8 rows' scales (None for float rows)."""
        return self.rows.scales

    def __len__(self) -> int:
        return len(self.examples)

    def evidence(
        self,
        query_vector: Any,
        codes: Sequence[str],
        per_code: int = EVIDENCE_PER_CODE,
        min_similarity: float = EVIDENCE_MIN,
    ) -> dict[str, list[Example]]:
        """For each of ``codes``, its examples nearest to the query (cosine at least
        ``min_similarity``), at most ``per_code``: published decisions first, then references,
        then tariff lines, each nearest first."""
        rows = {c: self._rows_by_code.get(c, []) for c in dict.fromkeys(codes)}
        wanted = sorted({i for r in rows.values() for i in r})
        if not wanted:
            return {}
        sims = dict(zip(wanted, (self.rows[wanted] @ query_vector).tolist()))
        out: dict[str, list[Example]] = {}
        for code, idx in rows.items():
            near = sorted(
                (i for i in idx if sims[i] >= min_similarity),
                key=lambda i: (KIND_ORDER[self.examples[i].kind], -sims[i]),
            )
            if near:
                out[code] = [self.examples[i] for i in near[:per_code]]
        return out

    def cosines(self, query_vector: Any) -> Any:
        """Every example's cosine to the query (see QuantizedRows.cosines)."""
        return self.rows.cosines(query_vector)

    def nearest(self, query_vector: Any, k: int = 5) -> list[tuple[Example, float]]:
        """The ``k`` examples nearest to the query, with their cosine."""
        import numpy as np

        if not self.examples:
            return []
        sims = self.cosines(query_vector)
        top = np.argsort(-sims)[:k]
        return [(self.examples[int(i)], float(sims[int(i)])) for i in top]


def quantize(vectors: Any) -> tuple[Any, Any]:
    """Rows of float embeddings as int8 and a float32 scale per row (row ~= int8 x scale):
    each row's largest magnitude maps to 127, so the rounding error of a dimension is at most
    half a step of that row."""
    import numpy as np

    mat = np.asarray(vectors, dtype=np.float32)
    peak = np.abs(mat).max(axis=1) if len(mat) else np.zeros(0, dtype=np.float32)
    scales = np.where(peak > 0, peak / 127.0, 1.0).astype(np.float32)
    q = np.clip(np.rint(mat / scales[:, None]), -127, 127).astype(np.int8)
    return q, scales


def widen(vectors: Any, scales: Any | None) -> Any:
    """The inverse of :func:`quantize`: int8 rows times their scale (none: 1), as a new
    contiguous float32 array."""
    import numpy as np

    rows = np.array(vectors, dtype=np.float32, order="C")
    if scales is not None:
        rows *= np.asarray(scales, dtype=np.float32)[:, None]
    return rows
