"""Compile published classification rulings into the tariff lookup's example index.

Reads CBP CROSS rulings as JSON lines (``ruling_number``, ``ruling_date``, ``tariffs``,
``subject``: the fields the public CROSS search returns) and the UN Statistics Division's HS
2022 correlation tables (``HS2022toHS{1992,1996,2002,2007,2012,2017}ConversionAndCorrelation
Tables.xlsx``, which carry the WCO correlation tables to six digits). For each ruling:

- the goods are taken from the subject ("The tariff classification of a woman's knit sweater
  from India." -> "woman's knit sweater"); a subject of another form (protests, revocations)
  is dropped;
- every tariff number must lead to the same six digits, else the ruling is dropped;
- the HS edition is the one in force at the ruling's date; a code of an older edition is mapped
  to HS 2022 when the correlation table links it to exactly one HS 2022 subheading, and dropped
  when it was split (or is unknown);
- rulings dated on or after ``--holdout-from`` never enter the index: they are written to the
  held-out benchmark split instead (``benchmarks/data/hs_rulings_heldout.csv``).

Writes ``resources/tariff/examples.csv`` (dated, with the source and licence in its header)
and ``examples_f16.npy`` (the goods' sentence embeddings, the app's numpy encoder, float16),
and prints how many rulings were read, kept, held out and dropped (by reason) and the
embedding rate. The raw rulings and the correlation tables are inputs only; they are not
committed.

Usage: python tools/build_examples.py --cross RULINGS.jsonl [--cross MORE.jsonl]
           --correlations DIR [--holdout-from YYYY-MM-DD] [--version N] [--dry-run]
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

OUT = ROOT / "resources" / "tariff"
HELDOUT = ROOT / "benchmarks" / "data" / "hs_rulings_heldout.csv"
EDITIONS = (  # first day in force, edition name in the correlation tables
    ("1989-01-01", "1992"),  # HS 1988/1992 (the first edition of the HTSUS)
    ("1996-01-01", "1996"),
    ("2002-01-01", "2002"),
    ("2007-01-01", "2007"),
    ("2012-01-01", "2012"),
    ("2017-01-01", "2017"),
    ("2022-01-01", "2022"),
)
SUBJECT = re.compile(
    r"^\s*(?:the\s+)?(?:tariff\s+)?classification\s+of\s+(?P<goods>.+?)"
    r"(?:,?\s*(?:from|manufactured\s+in)(?=[\s\"A-Z]).*)?\s*[.\s]*$",
    re.IGNORECASE | re.DOTALL,
)


def edition_of(date: str) -> str | None:
    found = None
    for start, name in EDITIONS:
        if date >= start:
            found = name
    return found


def goods_of(subject: str) -> str | None:
    """The goods named by a CROSS subject, or None for a subject of another form."""
    first = re.split(r"(?<=[a-z.])\s*Dear\s", subject, maxsplit=1)[0]
    m = SUBJECT.match(first)
    if not m or ";" in first:
        return None
    goods = re.sub(r"\s+", " ", m.group("goods")).strip(" ,.\"'")
    goods = re.sub(r"^(?:a|an|the)\s+", "", goods, flags=re.IGNORECASE)
    # shouted product names ("a TOILETRY BAG") in lower case, other capitals kept
    goods = re.sub(r"\b[A-Z]{2,}\b", lambda w: w.group(0).lower(), goods)
    goods = goods.replace("\u2019", "'").replace('"', "")
    return goods or None


def ruling_ref(number: str) -> str:
    """CBP's citation prefix: New York rulings (NY) or Headquarters rulings (HQ)."""
    n = number.upper()
    if re.fullmatch(r"[A-GI-N]\d{5,6}|8\d{5}", n):
        return f"NY {n}"
    return f"HQ {n}"


def load_correlations(folder: Path) -> dict[str, dict[str, set[str]]]:
    """For each older edition, its six-digit codes and the HS 2022 subheadings they lead to."""
    import openpyxl

    out: dict[str, dict[str, set[str]]] = {}
    for _start, ed in EDITIONS[:-1]:
        path = folder / f"HS2022toHS{ed}ConversionAndCorrelationTables.xlsx"
        wb = openpyxl.load_workbook(path, read_only=True)
        sheet = next(ws for ws in wb.worksheets if "Correlation" in ws.title)
        table: dict[str, set[str]] = {}
        for row in sheet.iter_rows(values_only=True):
            new, old = (str(x or "").strip() for x in row[:2])
            if re.fullmatch(r"\d{6}", new) and re.fullmatch(r"\d{6}", old):
                table.setdefault(old, set()).add(new)
        wb.close()
        out[ed] = table
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cross", type=Path, action="append", required=True)
    ap.add_argument("--correlations", type=Path, required=True)
    ap.add_argument("--holdout-from", default="2000-01-01")
    ap.add_argument("--version", type=int, default=1)
    ap.add_argument("--source", default="CBP CROSS rulings")
    ap.add_argument("--dry-run", action="store_true", help="count only, write nothing")
    args = ap.parse_args(argv)

    from shipdesk.core.tariff.nomenclature import nomenclature

    hs2022 = {c for c, e in nomenclature().entries.items() if len(c) == 6}
    corr = load_correlations(args.correlations)
    counts: Counter[str] = Counter()
    kept: list[dict[str, str]] = []
    held: list[dict[str, str]] = []
    seen: set[str] = set()
    for path in args.cross:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            r = json.loads(line)
            counts["read"] += 1
            number = str(r["ruling_number"]).upper()
            if number in seen:
                counts["dropped: duplicate ruling"] += 1
                continue
            seen.add(number)
            goods = goods_of(str(r.get("subject", "")))
            if goods is None:
                counts["dropped: subject names no goods"] += 1
                continue
            tariffs = [re.sub(r"\D", "", t) for t in r.get("tariffs", [])]
            six = {t[:6] for t in tariffs if len(t) >= 6}
            if len(six) != 1:
                counts["dropped: no single six-digit code"] += 1
                continue
            old = six.pop()
            date = str(r["ruling_date"])[:10]
            ed = edition_of(date)
            if ed is None:
                counts["dropped: before the HS"] += 1
                continue
            if ed == "2022":
                new = old if old in hs2022 else None
            else:
                targets = corr[ed].get(old, set())
                new = next(iter(targets)) if len(targets) == 1 else None
                if len(targets) > 1:
                    counts[f"dropped: HS {ed} code split in HS 2022"] += 1
                    continue
            if new is None or new not in hs2022:
                counts["dropped: code unknown to the correlation tables"] += 1
                continue
            if new != old:
                counts["mapped to another HS 2022 code"] += 1
            row = {
                "authority": "CBP",
                "ruling": ruling_ref(number),
                "date": date,
                "code": new,
                "text": goods,
                "original_code": tariffs[0],
                "edition": f"HS {ed}",
            }
            if date >= args.holdout_from:
                held.append(row)
            else:
                kept.append(row)
    counts["kept in the index"] = len(kept)
    counts["held out (benchmark)"] = len(held)
    for k, v in counts.items():
        print(f"{k}: {v}")
    if args.dry_run:
        return 0

    import numpy as np

    from shipdesk.core.tariff.encoder import Encoder

    kept.sort(key=lambda x: (x["date"], x["ruling"]))
    enc = Encoder(OUT / "model")
    t0 = time.perf_counter()
    mat = enc.encode([x["text"] for x in kept], batch_size=32)
    dt = time.perf_counter() - t0
    print(f"embedded {len(kept)} examples in {dt:.1f} s ({len(kept) / max(dt, 1e-9):.0f} per s)")
    np.save(OUT / "examples_f16.npy", mat.astype(np.float16))
    built = datetime.now(UTC).date().isoformat()
    first, last = (kept[0]["date"], kept[-1]["date"]) if kept else ("", "")
    with (OUT / "examples.csv").open("w", encoding="utf-8", newline="") as f:
        f.write(
            f"# date: {built}\n# version: {args.version}\n"
            f"# source: {args.source}, decisions of {first} to {last}; "
            "US government works, public domain (17 U.S.C. 105); see docs/data-sources.md\n"
            f"# codes: HS 2022; older editions mapped with the UNSD/WCO HS 2022 correlation "
            f"tables, split codes dropped; decisions from {args.holdout_from} held out\n"
        )
        w = csv.DictWriter(f, fieldnames=list(kept[0]) if kept else ["authority"])
        w.writeheader()
        w.writerows(kept)
    with HELDOUT.open("w", encoding="utf-8", newline="") as f:
        cols = ["description", "hs6", "category", "split", "source", "lang", "pattern"]
        w = csv.DictWriter(f, fieldnames=cols)
        w.writeheader()
        once: set[tuple[str, str]] = set()  # the same goods and code ruled twice: one row
        for x in sorted(held, key=lambda x: (x["date"], x["ruling"])):
            if (x["text"].lower(), x["code"]) in once:
                continue
            once.add((x["text"].lower(), x["code"]))
            w.writerow(
                {
                    "description": x["text"],
                    "hs6": x["code"],
                    "category": "rulings",
                    "split": "rulings_heldout",
                    "source": f"{x['authority']} ruling {x['ruling']} ({x['date']}): "
                    f"{x['original_code']} under {x['edition']}, read as HS 2022",
                    "lang": "en",
                    "pattern": "ruling",
                }
            )
    print(f"wrote {OUT / 'examples.csv'}, {OUT / 'examples_f16.npy'} and {HELDOUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
