"""Compile published classification decisions and coded goods descriptions into the tariff
lookup's example index.

Sources (each optional; at least one, or ``--previous``):

- ``--cross RULINGS.jsonl`` (repeatable): CBP CROSS rulings as JSON lines (``ruling_number``,
  ``ruling_date``, ``tariffs``, ``subject``: the fields the public CROSS search returns), with
  ``--correlations DIR``: the UN Statistics Division's HS 2022 correlation tables
  (``HS2022toHS{1992,1996,2002,2007,2012,2017}ConversionAndCorrelationTables.xlsx``, which carry
  the WCO correlation tables to six digits). For each ruling:

  - the goods are taken from the subject ("The tariff classification of a woman's knit sweater
    from India." -> "woman's knit sweater"); a subject of another form (protests, revocations)
    is dropped;
  - every tariff number must lead to the same six digits, else the ruling is dropped;
  - the HS edition is the one in force at the ruling's date; a code of an older edition is
    mapped to HS 2022 when the correlation table links it to exactly one HS 2022 subheading,
    and dropped when it was split (or is unknown).

- ``--atar DRAFTS.json``: HMRC advance tariff rulings (ATaR) as exported by HMRC's Online Trade
  Tariff (``{"drafts": [{"ruling": {"ref", "commodity_code", "description", "start_date"}}]}``);
  the goods are the first sentence of the ruling's own description. Codes are UK tariff codes
  of 2026, i.e. HS 2022 at six digits.
- ``--hmrc-references FILE.json``: HMRC Trade Tariff search references (``{"term": "code"}``),
  the terms HMRC's classification team coded for its tariff search; kind ``reference``.
- ``--hmrc-parcels FILE.csv``: the parcel lines HMRC coded for the same search
  (``Goods Description,Commodity Code``); kind ``reference``.
- ``--hts FILE.csv``: a US Harmonized Tariff Schedule as USITC exports it (``HTS Number,
  Indent, Description, ...``): every 10-digit statistical line of chapters 1 to 97 with the
  text of the lines above it (the "Other" levels left out); kind ``tariff_line``.
- ``--previous TABLE.csv[.gz]``: an earlier ``examples.csv.gz`` (or plain CSV); its rows of a
  source not read again in this run are carried over as they are (their codes are HS 2022
  already). Version 1 was built from a CROSS snapshot that can no longer be read, so its rulings
  come forward this way.

Rulings dated on or after ``--holdout-from`` never enter the index: they are written to the
held-out benchmark split of their authority instead (``benchmarks/data/hs_rulings_heldout.csv``
for CBP, ``..._hmrc.csv`` for HMRC), duplicates by goods and code once. References and tariff
lines are not decisions and are never held out.

Writes ``resources/tariff/examples.csv.gz`` (dated, versioned, every source and licence named in
its header) and ``examples_i8.npy`` with ``examples_scale.npy`` (the goods' sentence
embeddings from the app's numpy encoder, int8 with a scale per row), and prints how many rows
each source gave, kept, held out and dropped (by reason) and the embedding rate. The inputs
are not committed; only the compiled table ships.

Usage: python tools/build_examples.py [--previous resources/tariff/examples.csv.gz]
           [--cross RULINGS.jsonl --correlations DIR] [--atar DRAFTS.json]
           [--hmrc-references FILE.json --hmrc-references-date YYYY-MM-DD]
           [--hmrc-parcels FILE.csv --hmrc-parcels-date YYYY-MM-DD]
           [--hts FILE.csv --hts-name "US HTS 2026" --hts-edition "HTS 2026 Revision 4"
            --hts-date YYYY-MM-DD]
           [--holdout-from YYYY-MM-DD] [--version N] [--dry-run]
"""

from __future__ import annotations

import argparse
import csv
import html
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from shipdesk.core.tariff.examples import (  # noqa: E402
    COLUMNS,
    SCALES,
    TABLE,
    VECTORS,
    open_table,
    quantize,
)

OUT = ROOT / "resources" / "tariff"
HELDOUT = ROOT / "benchmarks" / "data" / "hs_rulings_heldout.csv"
HELDOUT_BY_AUTHORITY = {"CBP": HELDOUT, "HMRC": HELDOUT.with_name("hs_rulings_heldout_hmrc.csv")}
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
# What each source is, for the table's header (source, licence) and the counts.
NOTICES = {
    ("CBP", "ruling"): "US Customs and Border Protection CROSS rulings; US government works, "
    "public domain (17 U.S.C. 105)",
    ("HMRC", "ruling"): "HMRC advance tariff rulings; Crown copyright, Open Government Licence "
    "v3.0",
    ("HMRC", "reference"): "HMRC Online Trade Tariff search references and coded parcel lines "
    "(GitHub trade-tariff/trade-tariff-lambdas-fpo-search, reference_data/); Crown copyright "
    "(HMRC Online Trade Tariff), MIT licence",
    ("US HTS", "tariff_line"): "US Harmonized Tariff Schedule statistical lines, as exported by "
    "the US International Trade Commission; US government work, public domain (17 U.S.C. 105)",
}
WORDS = re.compile(r"[A-Za-z]{2,}")
DANGLING = {"a", "an", "and", "as", "by", "for", "in", "is", "of", "or", "that", "the", "to"}
DANGLING |= {"which", "with"}
OTHER = re.compile(r"^other\s*:?\s*$", re.IGNORECASE)


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


def goods_of_atar(description: str, max_words: int = 14) -> str | None:
    """The goods of an HMRC ruling: the first sentence of its description, without "The
    product is" and the like, at most ``max_words`` words ("A plastic mug made from ABS
    plastic, which is pink and red in colour. It has..." -> "plastic mug made from ABS plastic,
    which is pink and red in colour")."""
    text = re.sub(r"\s+", " ", description.replace("\u2011", "-")).strip()
    first = re.split(r"(?<=[a-z0-9)%])\.\s", text, maxsplit=1)[0].rstrip(". ")
    first = re.split(r"\s+Ingredients\s*:", first, maxsplit=1)[0]
    first = re.sub(
        r"^(?:the\s+product\s+(?:is|consists\s+of)|the\s+goods\s+(?:are|consist\s+of))\s+",
        "",
        first,
        flags=re.IGNORECASE,
    )
    first = re.sub(r"^(?:a|an|the)\s+", "", first, flags=re.IGNORECASE)
    words = first.split()
    if len(WORDS.findall(first)) < 2:
        return None
    words = words[:max_words]
    while len(words) > 3 and words[-1].lower().strip(",;:") in DANGLING:
        words.pop()  # "... packaged in plastic squeeze bottle of" -> "... bottle"
    return " ".join(words).rstrip(",;:")


def ruling_ref(number: str) -> str:
    """CBP's citation prefix: New York rulings (NY) or Headquarters rulings (HQ)."""
    n = number.upper()
    if re.fullmatch(r"[A-GI-N]\d{5,6}|8\d{5}", n):
        return f"NY {n}"
    return f"HQ {n}"


def iso_date(text: str) -> str:
    """ "24 Apr 2026" or "2026-04-24..." -> "2026-04-24"."""
    text = text.strip()
    if re.match(r"\d{4}-\d{2}-\d{2}", text):
        return text[:10]
    return datetime.strptime(text, "%d %b %Y").date().isoformat()


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


def row(
    authority: str,
    ruling: str,
    date: str,
    code: str,
    text: str,
    original_code: str,
    edition: str,
    kind: str,
) -> dict[str, str]:
    return dict(zip(COLUMNS, (authority, ruling, date, code, text, original_code, edition, kind)))


def read_cross(
    paths: Iterable[Path], corr: dict[str, dict[str, set[str]]], hs2022: set[str], counts: Counter
) -> Iterator[dict[str, str]]:
    seen: set[str] = set()
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            r = json.loads(line)
            counts["CBP rulings read"] += 1
            number = str(r["ruling_number"]).upper()
            if number in seen:
                counts["CBP dropped: duplicate ruling"] += 1
                continue
            seen.add(number)
            goods = goods_of(str(r.get("subject", "")))
            if goods is None:
                counts["CBP dropped: subject names no goods"] += 1
                continue
            tariffs = [re.sub(r"\D", "", t) for t in r.get("tariffs", [])]
            six = {t[:6] for t in tariffs if len(t) >= 6}
            if len(six) != 1:
                counts["CBP dropped: no single six-digit code"] += 1
                continue
            old = six.pop()
            date = str(r["ruling_date"])[:10]
            ed = edition_of(date)
            if ed is None:
                counts["CBP dropped: before the HS"] += 1
                continue
            if ed == "2022":
                new = old if old in hs2022 else None
            else:
                targets = corr[ed].get(old, set())
                new = next(iter(targets)) if len(targets) == 1 else None
                if len(targets) > 1:
                    counts[f"CBP dropped: HS {ed} code split in HS 2022"] += 1
                    continue
            if new is None or new not in hs2022:
                counts["CBP dropped: code unknown to the correlation tables"] += 1
                continue
            if new != old:
                counts["CBP mapped to another HS 2022 code"] += 1
            yield row("CBP", ruling_ref(number), date, new, goods, tariffs[0], f"HS {ed}", "ruling")


def read_atar(path: Path, hs2022: set[str], counts: Counter) -> Iterator[dict[str, str]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    seen: set[str] = set()
    for draft in data["drafts"]:
        r = draft["ruling"]
        counts["HMRC rulings read"] += 1
        ref = str(r["ref"]).strip()
        if ref in seen:
            counts["HMRC dropped: duplicate ruling"] += 1
            continue
        seen.add(ref)
        code = re.sub(r"\D", "", str(r["commodity_code"]))
        goods = goods_of_atar(str(r.get("description", "")))
        if goods is None:
            counts["HMRC dropped: description names no goods"] += 1
            continue
        if code[:6] not in hs2022:
            counts["HMRC dropped: not an HS 2022 code"] += 1
            continue
        date = iso_date(str(r["start_date"]))
        yield row("HMRC", ref, date, code[:6], goods, code, "UK tariff 2026", "ruling")


def coded_text_ok(text: str) -> bool:
    """A goods text worth keeping: a word and three letters at least ("£5" is not)."""
    return len(WORDS.findall(text)) >= 1 and len(re.sub(r"[^A-Za-z]", "", text)) >= 3


def read_hmrc_references(
    path: Path, date: str, hs2022: set[str], counts: Counter
) -> Iterator[dict[str, str]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    for term, code in data.items():
        counts["HMRC search references read"] += 1
        code = re.sub(r"\D", "", str(code))
        text = re.sub(r"\s+", " ", str(term)).strip()
        if len(code) < 6 or code[:6] not in hs2022:
            counts["HMRC search references dropped: not an HS 2022 code"] += 1
            continue
        if not coded_text_ok(text):
            counts["HMRC search references dropped: no goods words"] += 1
            continue
        yield row(
            "HMRC", "search reference", date, code[:6], text, code, "UK tariff 2026", "reference"
        )


def read_hmrc_parcels(
    path: Path, date: str, hs2022: set[str], counts: Counter
) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f)
        next(reader, None)  # Goods Description,Commodity Code
        for rec in reader:
            if len(rec) < 2:
                continue
            counts["HMRC parcel lines read"] += 1
            text = re.sub(r"\s+", " ", rec[0]).strip()
            code = rec[1].strip()
            if not re.fullmatch(r"\d{8}|\d{10}", code) or code[:6] not in hs2022:
                counts["HMRC parcel lines dropped: not an 8- or 10-digit HS 2022 code"] += 1
                continue
            if not coded_text_ok(text):
                counts["HMRC parcel lines dropped: no goods words"] += 1
                continue
            yield row(
                "HMRC", "parcel line", date, code[:6], text, code, "UK tariff 2026", "reference"
            )


def clean_hts(text: str) -> str:
    text = html.unescape(re.sub(r"<[^>]+>", "", text))
    text = re.sub(r"\s*\(\d{3}\)\s*$", "", text)  # textile category numbers, "(352)"
    return re.sub(r"\s+", " ", text).strip().rstrip(":").strip()


def hts_text(chain: list[str], heading: str, max_chars: int = 200) -> str:
    """The goods of a statistical line: the first clause of its heading, then the texts of the
    levels above it within the heading and its own, "Other" levels left out; levels in the
    middle give way first when that is too long ("Motor vehicles for the transport of ten or
    more persons: Designed for the transport of 16 or more persons, including the driver";
    "Live horses, asses, mules and hinnies: other")."""
    head = re.split(r"[;,:(]", heading, maxsplit=1)[0].strip()
    parts = [p for p in chain if p and not OTHER.match(p)] or ["other"]
    if not parts[0].lower().startswith(head.lower()):
        parts = [head, *parts]
    while len(": ".join(parts)) > max_chars and len(parts) > 2:
        del parts[1]
    text = ": ".join(parts)
    if len(text) > max_chars:
        text = text[:max_chars].rsplit(" ", 1)[0].rstrip(",;: ") + "…"
    return text


def read_hts(
    path: Path, name: str, edition: str, date: str, hs2022: set[str], counts: Counter
) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        stack: list[str] = []  # the texts of the levels above, by indent
        heading = ""
        for rec in csv.DictReader(f):
            number = rec["HTS Number"].strip()
            digits = re.sub(r"\D", "", number)
            try:
                indent = int(rec["Indent"] or 0)
            except ValueError:
                continue
            text = clean_hts(rec["Description"])
            if indent == 0:
                heading, stack = text, []
                if len(digits) != 10:
                    continue
                goods = text  # a heading without subdivisions is its own statistical line
            else:
                del stack[indent - 1 :]
                while len(stack) < indent - 1:
                    stack.append("")
                stack.append(text)
                if len(digits) != 10:
                    continue
                goods = hts_text(stack, heading)
            counts[f"{name} statistical lines read"] += 1
            if digits[:2] in ("98", "99"):
                counts[f"{name} dropped: chapter 98/99 (not HS)"] += 1
                continue
            if digits[:6] not in hs2022:
                counts[f"{name} dropped: not an HS 2022 subheading"] += 1
                continue
            yield row(
                name,
                number,
                date,
                digits[:6],
                goods,
                digits,
                edition,
                "tariff_line",
            )


def read_previous(path: Path, hs2022: set[str]) -> list[dict[str, str]]:
    """The rows of an earlier table (version 1 had no ``kind`` column: its rows are rulings)."""
    with open_table(path) as f:
        reader = csv.DictReader(line for line in f if not line.startswith("#"))
        out = []
        for rec in reader:
            rec.setdefault("kind", "ruling")
            rec["kind"] = rec.get("kind") or "ruling"
            if rec["code"] in hs2022:
                out.append({c: rec[c] for c in COLUMNS})
        return out


def source_of(r: dict[str, str]) -> tuple[str, str]:
    authority = "US HTS" if r["kind"] == "tariff_line" else r["authority"]
    return authority, r["kind"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--previous", type=Path)
    ap.add_argument("--cross", type=Path, action="append", default=[])
    ap.add_argument("--correlations", type=Path)
    ap.add_argument("--atar", type=Path)
    ap.add_argument("--hmrc-references", type=Path)
    ap.add_argument("--hmrc-references-date")
    ap.add_argument("--hmrc-parcels", type=Path)
    ap.add_argument("--hmrc-parcels-date")
    ap.add_argument("--hts", type=Path)
    ap.add_argument("--hts-name", default="US HTS 2026")
    ap.add_argument("--hts-edition", default="HTS 2026")
    ap.add_argument("--hts-date")
    ap.add_argument("--holdout-from", default="2000-01-01")
    ap.add_argument("--version", type=int, default=1)
    ap.add_argument("--dry-run", action="store_true", help="count only, write nothing")
    args = ap.parse_args(argv)
    if args.cross and not args.correlations:
        ap.error("--cross needs --correlations")
    for opt, date in (
        ("hmrc_references", args.hmrc_references_date),
        ("hmrc_parcels", args.hmrc_parcels_date),
        ("hts", args.hts_date),
    ):
        if getattr(args, opt) and not (date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", date)):
            ap.error(f"--{opt.replace('_', '-')} needs --{opt.replace('_', '-')}-date YYYY-MM-DD")
    if not (args.previous or args.cross or args.atar or args.hmrc_references or args.hts):
        ap.error("no source given")

    from shipdesk.core.tariff.nomenclature import nomenclature

    hs2022 = {c for c, e in nomenclature().entries.items() if len(c) == 6}
    counts: Counter[str] = Counter()
    fresh: list[dict[str, str]] = []
    if args.cross:
        fresh += read_cross(args.cross, load_correlations(args.correlations), hs2022, counts)
    if args.atar:
        fresh += read_atar(args.atar, hs2022, counts)
    if args.hmrc_references:
        fresh += read_hmrc_references(
            args.hmrc_references, args.hmrc_references_date, hs2022, counts
        )
    if args.hmrc_parcels:
        fresh += read_hmrc_parcels(args.hmrc_parcels, args.hmrc_parcels_date, hs2022, counts)
    if args.hts:
        fresh += read_hts(args.hts, args.hts_name, args.hts_edition, args.hts_date, hs2022, counts)
    rebuilt = {source_of(r) for r in fresh}
    carried = []
    if args.previous:
        carried = [r for r in read_previous(args.previous, hs2022) if source_of(r) not in rebuilt]
        counts["carried from the previous table"] = len(carried)

    kept: list[dict[str, str]] = []
    held: list[dict[str, str]] = []
    # a source's same goods and code: one row (a ruling is one decision, whatever its words)
    once: set[tuple[str, str, str, str]] = set()
    for r in [*carried, *fresh]:
        key = (r["authority"], r["kind"], r["text"].lower(), r["code"])
        if r["kind"] == "ruling":
            key = (r["authority"], r["kind"], r["ruling"], r["code"])
        if key in once:
            counts[f"{r['authority']} {r['kind']} dropped: same goods and code again"] += 1
            continue
        once.add(key)
        if r["kind"] == "ruling" and r["date"] >= args.holdout_from:
            held.append(r)
        else:
            kept.append(r)
    by_source = Counter(f"{a} {k}" for a, k in map(source_of, kept))
    for k, v in counts.items():
        print(f"{k}: {v}")
    for k, v in sorted(by_source.items()):
        print(f"kept in the index, {k}: {v}")
    print(f"kept in the index: {len(kept)}")
    print(f"held out (benchmark): {len(held)}")
    if args.dry_run:
        return 0

    import numpy as np

    from shipdesk.core.tariff.encoder import Encoder

    kept.sort(key=lambda x: (x["kind"] != "ruling", x["authority"], x["date"], x["ruling"]))
    enc = Encoder(OUT / "model")
    t0 = time.perf_counter()
    mat = enc.encode([x["text"] for x in kept], batch_size=64)
    dt = time.perf_counter() - t0
    print(f"embedded {len(kept)} examples in {dt:.1f} s ({len(kept) / max(dt, 1e-9):.0f} per s)")
    rows_i8, scales = quantize(mat)
    np.save(OUT / VECTORS, rows_i8)
    np.save(OUT / SCALES, scales)
    built = datetime.now(UTC).date().isoformat()
    sources = sorted({source_of(x) for x in kept}, key=lambda s: (s[1] != "ruling", s))
    lines = [f"# date: {built}", f"# version: {args.version}"]
    for src in sources:
        dates = sorted(x["date"] for x in kept if source_of(x) == src)
        n = sum(source_of(x) == src for x in kept)
        lines.append(
            f"# source: {n} x {src[1]}: {NOTICES[src]}; dated {dates[0]} to {dates[-1]}"
            if dates[0] != dates[-1]
            else f"# source: {n} x {src[1]}: {NOTICES[src]}; dated {dates[0]}"
        )
    lines += [
        "# kinds: ruling = a published classification decision; reference = a goods term or "
        "parcel line the authority coded for its tariff search (not a decision); tariff_line = "
        "a national tariff's statistical line (not a decision); see docs/data-sources.md",
        "# codes: HS 2022; older editions mapped with the UNSD/WCO HS 2022 correlation tables, "
        f"split codes dropped; rulings from {args.holdout_from} held out",
    ]
    with open_table(OUT / TABLE, "w") as f:
        f.write("\n".join(lines) + "\n")
        w = csv.DictWriter(f, fieldnames=list(COLUMNS))
        w.writeheader()
        w.writerows(kept)
    written = [OUT / TABLE, OUT / VECTORS, OUT / SCALES]
    for authority, path in HELDOUT_BY_AUTHORITY.items():
        mine = [x for x in held if x["authority"] == authority]
        if not mine:
            continue  # a split whose source was not read in this run stays as it is
        write_heldout(path, mine)
        written.append(path)
    print("wrote " + ", ".join(str(p) for p in written))
    return 0


def write_heldout(path: Path, held: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
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


if __name__ == "__main__":
    raise SystemExit(main())
