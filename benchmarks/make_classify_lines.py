"""Shop-style item descriptions for ``classify --batch``, with repeats, from a fixed seed.

A shop's order export names the same products again and again: a few best sellers make up
much of it, and the long tail is sold once or twice. The lines are built from the
descriptions of benchmarks/data/hs_dev_set.csv: each product is one description, some of them
with a variant (size, colour, pack) or a SKU as shops write them; the lines draw products with
Zipf-like weights (rank r gets weight 1/r), and a few of them come in another spelling of the
same product (upper case, stray spaces) or as blank lines.

Usage: python benchmarks/make_classify_lines.py [--lines 10000] [--products 1500] [--seed 11]
       [--out FILE]   (default: stdout)
The same arguments always give the same file. The counts (lines, distinct lines, distinct
descriptions after trimming) go to stderr.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV_SET = ROOT / "benchmarks" / "data" / "hs_dev_set.csv"

SIZES = ["XS", "S", "M", "L", "XL", "XXL", "38", "40", "42", "44"]
COLOURS = ["black", "white", "navy", "red", "Grey", "blue", "green", "Beige", "schwarz", "rouge"]
PACKS = ["2 pcs", "3er Pack", "set of 4", "pack of 10", "x2"]


SIZED = {"apparel", "footwear", "sport", "baby"}  # categories sold in sizes


def descriptions() -> list[tuple[str, str]]:
    """(description, category) of the benchmark set."""
    with DEV_SET.open(encoding="utf-8") as f:
        return [
            (row["description"].strip(), row["category"])
            for row in csv.DictReader(f)
            if row["description"].strip()
        ]


def product(rng: random.Random, base: str, category: str) -> str:
    """One product as a shop lists it: the description, sometimes with a variant or a SKU."""
    r = rng.random()
    if r < 0.45:
        return base
    if r < 0.60:
        if category in SIZED:
            return f"{base} - Size {rng.choice(SIZES)}"
        return f"{base} - {rng.choice(COLOURS)}"
    if r < 0.72:
        return f"{base}, {rng.choice(COLOURS)}"
    if r < 0.80:
        return f"{base} ({rng.choice(PACKS)})"
    if r < 0.90:
        return f"{base} SKU{rng.randrange(10_000, 99_999)}"
    if category in SIZED:
        return f"{base} / {rng.choice(COLOURS)} / {rng.choice(SIZES)}"
    return f"{base} / {rng.choice(COLOURS)}"


def respell(rng: random.Random, text: str) -> str:
    """The same product typed differently: case or spacing."""
    r = rng.random()
    if r < 0.4:
        return text.upper()
    if r < 0.7:
        return text.lower()
    return f"  {text} "


def make_lines(n_lines: int, n_products: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    bases = descriptions()
    products = [product(rng, *rng.choice(bases)) for _ in range(n_products)]
    weights = [1.0 / (rank + 1) for rank in range(n_products)]
    out: list[str] = []
    for text in rng.choices(products, weights=weights, k=n_lines):
        r = rng.random()
        if r < 0.01:
            out.append("")
        elif r < 0.06:
            out.append(respell(rng, text))
        else:
            out.append(text)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lines", type=int, default=10_000)
    ap.add_argument("--products", type=int, default=1_500)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--out", type=Path)
    args = ap.parse_args(argv)
    lines = make_lines(args.lines, args.products, args.seed)
    text = "".join(line + "\n" for line in lines)
    if args.out is None:
        sys.stdout.write(text)
    else:
        args.out.write_text(text, encoding="utf-8")
    distinct = len(set(lines))
    trimmed = len({line.strip() for line in lines if line.strip()})
    print(
        f"{len(lines)} lines, {distinct} distinct, {trimmed} distinct descriptions after "
        f"trimming, {sum(1 for x in lines if not x.strip())} blank",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
