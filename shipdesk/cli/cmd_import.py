"""``import FILE.xlsx|FILE.csv --out DIR``: a spreadsheet of orders to declarations and PDFs.

Writes one ``<order>.shipdesk.json`` per order (and its PDF unless blocked or ``--no-pdf``),
``rejected.csv`` with the rows that could not be imported (original values plus a problem
column, ready to fix and re-import), and prints a summary. Order lines are completed from the
product catalogue in the user database (``--products FILE`` loads a catalogue file into it
first); ``--packaging-kg`` (or the ``packaging_kg`` setting) estimates missing gross weights.
Exit status: 0 when every row went through and no declaration is blocked; 1 when rows (of the
orders or of the products file) were rejected or declarations are blocked (prohibited goods or
validation errors); 2 when a file cannot be read or the options are wrong, or when the batch
stopped early because nothing more could be written (a full disk, a read-only folder): one line
on stderr says where and why, the summary says what was written.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from shipdesk.core.errors import InputError
from shipdesk.core.services import Workspace, imports, open_workspace


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "import",
        help="batch: spreadsheet of orders to declaration files and PDFs",
        description="Read orders from .xlsx or .csv (Shopify, Etsy, eBay, WooCommerce, Amazon "
        "exports, the ShipDesk template, or any table with a mapping), make one declaration "
        "per order, suggest missing HS codes, screen and validate each, write the files.",
    )
    p.add_argument("file", metavar="FILE", type=Path, help=".xlsx, .csv, .tsv or .txt file")
    p.add_argument("--out", required=True, type=Path, metavar="DIR", help="output folder")
    p.add_argument(
        "--mapping",
        metavar="M",
        help="column mapping: shopify, etsy, ebay, woocommerce, amazon, shipdesk, a saved "
        "mapping's name or a .json/.toml file (default: detected from the headers)",
    )
    p.add_argument("--save-mapping", metavar="NAME", help="save the mapping used under NAME")
    p.add_argument("--sheet", metavar="NAME", help="worksheet to read (default: the first)")
    p.add_argument("--operator", metavar="ID", help="operator profile (default: settings)")
    p.add_argument("--channel", choices=("post", "courier"), default=None)
    p.add_argument("--no-pdf", action="store_true", help="write declaration files only")
    p.add_argument("--no-suggest", action="store_true", help="do not suggest missing HS codes")
    p.add_argument(
        "--rejected",
        metavar="NAME",
        default="rejected.csv",
        help="file name (in DIR) for rejected rows; .csv or .xlsx (default rejected.csv)",
    )
    p.add_argument(
        "--products",
        metavar="FILE",
        type=Path,
        help="product catalogue (.csv/.xlsx: sku, description, net_weight_kg or weight + unit, "
        "hs_code, origin_country) to load into the catalogue before importing",
    )
    p.add_argument(
        "--packaging-kg",
        metavar="KG",
        help="orders without a gross weight get the sum of net weights plus this (e.g. 0.15); "
        "default: the packaging_kg setting, else none (gross weight stays required)",
    )
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if Path(args.rejected).suffix.lower() not in (".csv", ".xlsx") or Path(args.rejected).name != (
        args.rejected
    ):
        raise InputError("--rejected must be a file name ending in .csv or .xlsx")
    with open_workspace() as ws:
        return _run(args, ws)


def _run(args: argparse.Namespace, ws: Workspace) -> int:
    mapping = imports.resolve_mapping(ws, args.mapping) if args.mapping else None
    imports.packaging(ws, args.packaging_kg)  # a bad allowance stops before anything is stored
    product_lines: list[str] = []
    product_errors = 0
    loaded = None
    if args.products is not None:
        loaded = imports.load_products(ws, args.products)
        pf = loaded.file
        product_errors = pf.rows_rejected
        product_lines.append(
            f"{args.products}: {loaded.stored} products loaded into the catalogue"
            + (f"; rows rejected: {product_errors}" if product_errors else "")
        )
        product_lines += [f"  {p}" for p in pf.problems]
    options = imports.ImportOptions(
        out_dir=args.out,
        sheet=args.sheet,
        operator=args.operator,
        channel=args.channel,
        render_pdf=not args.no_pdf,
        suggest_hs=not args.no_suggest,
        rejected_name=args.rejected,
        packaging_kg=args.packaging_kg,
    )
    outcome = imports.run_import(ws, args.file, mapping, options)
    result, summary = outcome.result, outcome.summary
    if args.save_mapping:
        imports.save_mapping(ws, args.save_mapping, result.mapping)
    if args.json:
        data = summary.to_json()
        data["mapping"] = result.mapping.platform or result.mapping.name
        if result.encoding:
            data["encoding"] = imports.encoding_name(result.encoding)
        if loaded is not None:
            pf = loaded.file
            data["products_file"] = {
                "file": str(args.products),
                "loaded": len(pf.products),
                "rows_rejected": product_errors,
                "problems": [
                    {"row": p.row, "column": p.column, "level": p.level, "message": p.message}
                    for p in pf.problems
                ],
            }
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for line in product_lines:
            print(line)
        print(f"{args.file}: columns read as {result.mapping.name}")
        if result.encoding:
            print(f"{args.file}: text read as {imports.encoding_name(result.encoding)}")
        for line in imports.summary_lines(summary, lang="en"):  # the output contract: English
            print(line)
    if summary.stopped:
        print(f"shipdesk import: {summary.stopped}", file=sys.stderr)
        return 2
    return 0 if summary.all_clear and not product_errors else 1
