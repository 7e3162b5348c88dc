"""``export register|template|ead``: files to keep or hand to the post.

* ``export register DIR_OR_FILES... --out X.xlsx``: one row per declaration, typed cells,
  frozen header, filters.
* ``export template --out T.xlsx``: the import template with drop-down lists and instructions.
* ``export ead FILES... --out X.json|X.csv [--format json|csv]``: electronic advance data.

A folder argument stands for every ``*.shipdesk.json`` in it (sub-folders included). A file that
cannot be read stops the export with exit 2 and names the file.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from shipdesk.core.errors import InputError
from shipdesk.core.services import declarations, imports, open_workspace


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "export",
        help="export the register, the import template or electronic advance data",
        description="Export declarations: a register workbook, the import template, or the "
        "electronic advance data (JSON/CSV, mapped to UPU ITMATT).",
    )
    what = p.add_subparsers(dest="what", metavar="WHAT", parser_class=type(p))
    r = what.add_parser("register", help="register of declarations (.xlsx)")
    r.add_argument("inputs", nargs="+", type=Path, metavar="DIR_OR_FILE")
    r.add_argument("--out", required=True, type=Path, metavar="X.xlsx")
    r.set_defaults(func=run_register)
    t = what.add_parser("template", help="import template (.xlsx)")
    t.add_argument("--out", required=True, type=Path, metavar="T.xlsx")
    t.set_defaults(func=run_template)
    e = what.add_parser("ead", help="electronic advance data (.json or .csv)")
    e.add_argument("inputs", nargs="+", type=Path, metavar="DIR_OR_FILE")
    e.add_argument("--out", required=True, type=Path, metavar="X.json|X.csv")
    e.add_argument("--format", choices=("json", "csv"), default=None)
    e.set_defaults(func=run_ead)
    p.set_defaults(func=lambda args: _usage(p))


def _usage(p: argparse.ArgumentParser) -> int:
    p.print_usage(sys.stderr)
    print("shipdesk export: choose register, template or ead", file=sys.stderr)
    return 2


def collect(inputs: list[Path]) -> list[Path]:
    files: list[Path] = []
    for p in inputs:
        if p.is_dir():
            files.extend(sorted(p.rglob("*.shipdesk.json")))
        elif p.is_file():
            files.append(p)
        else:
            raise InputError("no such file or folder", source=str(p))
    if not files:
        raise InputError("no *.shipdesk.json files found in " + ", ".join(map(str, inputs)))
    return files


def _xlsx_out(path: Path) -> None:
    if path.suffix.lower() != ".xlsx":
        raise InputError("the output must be an .xlsx file", source=str(path))


def run_register(args: argparse.Namespace) -> int:
    _xlsx_out(args.out)
    files = collect(args.inputs)
    decls = [declarations.load(f) for f in files]
    with open_workspace() as ws:  # the rate book and tariffs of the duty estimate
        declarations.export_register(decls, args.out, files=[f.name for f in files], ws=ws)
    print(f"{args.out}: register of {len(decls)} declaration(s)")
    return 0


def run_template(args: argparse.Namespace) -> int:
    _xlsx_out(args.out)
    imports.write_template(args.out)
    print(f"{args.out}: import template written")
    return 0


def run_ead(args: argparse.Namespace) -> int:
    fmt = args.format or args.out.suffix.lower().lstrip(".")
    if fmt not in ("json", "csv"):
        raise InputError("give --out a .json or .csv name, or --format", source=str(args.out))
    files = collect(args.inputs)
    decls = [declarations.load(f) for f in files]
    for f, d in zip(files, decls):
        missing = [k for k in ("item_id",) if not getattr(d, k).strip()]
        if missing:
            print(f"{f}: warning: no {', '.join(missing)} (S10 tracking number)", file=sys.stderr)
    with open_workspace() as ws:
        declarations.export_advance_data(decls, args.out, fmt, ws=ws)
    print(f"{args.out}: advance data for {len(decls)} item(s) ({fmt})")
    return 0
