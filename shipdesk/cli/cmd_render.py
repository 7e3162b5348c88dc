"""``render FILE.json --out OUT.pdf``: write the printable documents of a declaration.

The declaration is validated first; errors block printing (exit 1, problems listed by field)
unless ``--force`` is given, which prints anyway with every page marked as a draft.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from shipdesk.core.errors import InputError
from shipdesk.core.services import Workspace, declarations, open_workspace

FORM_CHOICES = ("auto", "cn22", "cn23", "invoice", "packing", "all")
PAPER_CHOICES = ("a4", "letter", "label-4x6", "a6")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "render",
        help="write the CN 22 / CN 23 / invoice / packing list PDF of a declaration",
        description="Validate a declaration file and write its printable documents as one PDF.",
    )
    p.add_argument("file", metavar="FILE.json", type=Path, help="declaration (*.shipdesk.json)")
    p.add_argument("--out", metavar="OUT.pdf", type=Path, required=True, help="PDF to write")
    p.add_argument(
        "--form",
        choices=FORM_CHOICES,
        default="auto",
        help="auto picks CN 22 or CN 23 by the operator's rules; all adds invoice and packing "
        "list (default: auto)",
    )
    p.add_argument("--paper", choices=PAPER_CHOICES, default="a4", help="paper (default: a4)")
    p.add_argument("--operator", metavar="ID", help="operator profile (default: your setting)")
    p.add_argument(
        "--lang", metavar="xx", default="en", help="language of the invoice and packing list"
    )
    p.add_argument("--copies", type=int, metavar="N", help="copies of each form (default: profile)")
    p.add_argument(
        "--force",
        action="store_true",
        help="print even when validation finds errors; every page is then marked DRAFT",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    with open_workspace() as ws:
        return _run(args, ws)


# numbers beyond the limits of docs/reliability.md: refused even with --force
UNUSABLE_NUMBER_CODES = frozenset({"number_out_of_range", "number_too_precise"})


def _run(args: argparse.Namespace, ws: Workspace) -> int:
    try:
        decl = declarations.load(args.file)
    except OSError as exc:
        raise InputError(
            f"cannot read the file ({exc.strerror or exc})", source=str(args.file)
        ) from exc
    # a field beyond its limit (docs/reliability.md): refused before any work, even with --force
    declarations.refuse_over_long(decl, source=str(args.file))
    result = declarations.validate(ws, decl, operator=args.operator, form=args.form)
    for p in result.warnings:
        print(f"warning: {p.field}: {p.message}", file=sys.stderr)
    draft = False
    if result.has_errors:
        for p in result.errors:
            print(f"error: {p.field}: {p.message}", file=sys.stderr)
        unusable = [p for p in result.errors if p.code in UNUSABLE_NUMBER_CODES]
        if unusable and args.force:  # not even a draft: no total could be computed
            raise InputError(
                f"not printed, not even as a draft: {unusable[0].field} is not a number "
                "ShipDesk can use",
                source=str(args.file),
            )
        if not args.force:
            print(
                f"{args.file}: not printed: {len(result.errors)} error(s); fix them or use "
                "--force to print a draft",
                file=sys.stderr,
            )
            return 1
        draft = True
    pdf = declarations.render(
        ws,
        decl,
        form=args.form,
        paper=args.paper,
        operator=args.operator,
        lang=args.lang,
        copies=args.copies,
        draft=draft,
    )
    try:
        declarations.save_pdf(args.out, pdf)
    except OSError as exc:
        raise InputError(
            f"cannot write the PDF ({exc.strerror or exc})", source=str(args.out)
        ) from exc
    print(args.out)
    return 0
