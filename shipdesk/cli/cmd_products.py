"""``products import FILE | list | export --out F``: the product catalogue in the user database.

The catalogue gives order lines from shop exports their net weight, HS code, country of origin
and customs wording (see ``shipdesk import``). ``import`` reads a .csv/.xlsx catalogue (bad rows
are listed by row and column and left out; exit 1 when there were any), ``list`` prints what is
stored, ``export`` writes it back in the same format.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from shipdesk.core.services import imports, open_workspace


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "products",
        help="product catalogue: weights, HS codes and origins per SKU for imports",
        description="Keep the customs facts of your products (per SKU) so order imports from "
        "shop exports are completed with net weight, HS code, origin and customs wording.",
    )
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    imp = actions.add_parser(
        "import",
        help="load a catalogue file (.csv/.xlsx) into the catalogue",
        description="Columns: sku (required), name, description (customs wording), "
        "net_weight_kg or weight with weight_unit (kg, g, lb, oz), hs_code, origin_country.",
    )
    imp.add_argument("file", metavar="FILE", type=Path)
    imp.add_argument("--sheet", metavar="NAME", help="worksheet to read (default: the first)")
    imp.add_argument(
        "--replace", action="store_true", help="forget the stored products first (default: merge)"
    )
    imp.add_argument("--json", action="store_true", help="print the result as JSON")
    imp.set_defaults(func=run_import)
    ls = actions.add_parser("list", help="print the stored products")
    ls.add_argument("--json", action="store_true", help="print the products as JSON")
    ls.set_defaults(func=run_list)
    exp = actions.add_parser("export", help="write the stored products to .csv or .xlsx")
    exp.add_argument("--out", required=True, type=Path, metavar="FILE")
    exp.set_defaults(func=run_export)


def run_import(args: argparse.Namespace) -> int:
    with open_workspace() as ws:
        loaded = imports.load_products(ws, args.file, sheet=args.sheet, replace=args.replace)
    pf, stored, total = loaded.file, loaded.stored, loaded.total
    if args.json:
        data = {
            "file": str(args.file),
            "rows_read": pf.rows_read,
            "loaded": stored,
            "rows_rejected": pf.rows_rejected,
            "catalogue_size": total,
            "problems": [
                {"row": p.row, "column": p.column, "level": p.level, "message": p.message}
                for p in pf.problems
            ],
        }
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print(
            f"{args.file}: {stored} products loaded; rows rejected: {pf.rows_rejected}; "
            f"products in the catalogue: {total}"
        )
        for p in pf.problems:
            print(f"  {p}")
    return 1 if pf.rows_rejected else 0


def run_list(args: argparse.Namespace) -> int:
    with open_workspace() as ws:
        products = imports.products(ws)
    if args.json:
        rows = imports.product_rows(products)
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    if not products:
        print("The product catalogue is empty (load one with: products import FILE).")
        return 0
    width = min(max(len(p.sku) for p in products), 24)
    print(f"{'SKU':<{width}}  {'kg/unit':>9}  {'HS code':<10}  Origin  Description")
    for p in products:
        print(
            f"{p.sku:<{width}}  {p.net_weight_kg or '-':>9}  {p.hs_code or '-':<10}  "
            f"{p.origin_country or '-':<6}  {p.description or p.name}"
        )
    print(f"{len(products)} products")
    return 0


def run_export(args: argparse.Namespace) -> int:
    with open_workspace() as ws:
        n, path = imports.export_products(ws, args.out)
    print(f"{n} products written to {path}")
    return 0
