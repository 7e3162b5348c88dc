"""``tariff info | import FILE [--kind K] | rebuild | browse [CODE] | remove SOURCE``."""

from __future__ import annotations

import argparse
from pathlib import Path

from shipdesk.core.errors import InputError
from shipdesk.core.services import Workspace, classification, data, open_workspace


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "tariff",
        help="tariff data: info, import a national tariff, rebuild, browse",
        description="HS 2022 tariff data and imported national tariffs.",
    )
    sub = p.add_subparsers(dest="tariff_command", metavar="ACTION")
    sub.add_parser("info", help="versions, files and imported national tariffs")
    imp = sub.add_parser(
        "import", help="import a national tariff file (US HTS CSV/JSON, EU CN xlsx, UK CSV)"
    )
    imp.add_argument("file", type=Path)
    imp.add_argument("--kind", choices=("us-hts", "eu-cn", "uk"), help="default: detected")
    sub.add_parser("rebuild", help="rebuild the index of the imported national tariffs")
    br = sub.add_parser("browse", help="list the children of a code (none: the sections)")
    br.add_argument("code", nargs="?", default=None)
    rm = sub.add_parser("remove", help="remove an imported national tariff")
    rm.add_argument("source", help="e.g. us-hts-2026 (see tariff info)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    with open_workspace() as ws:
        return _run(args, ws)


def _run(args: argparse.Namespace, ws: Workspace) -> int:
    cmd = getattr(args, "tariff_command", None)
    if cmd in (None, "info"):
        fts = "SQLite FTS5" if classification.full_text_search() else "built-in (no FTS5)"
        print(f"tariff: {data.tariff_version(ws)}")
        print(f"index folder: {classification.tariff_dir()}")
        print(f"full-text search: {fts}")
        tariffs = data.national_tariffs(ws)
        where = data.national_location(ws)
        print(f"national tariffs ({where}):" if tariffs else "national tariffs: none")
        for t in tariffs:
            print(f"  {t.source}: {t.lines} lines from {t.file}, imported {t.imported_at}")
        return 0
    if cmd == "import":
        s = data.import_national(ws, args.file, kind=args.kind)
        print(f"imported {s.lines} {s.kind} lines as {s.source} from {s.path} ({s.rows} rows read)")
        if s.skipped:
            print(f"skipped {s.skipped} rows whose code is not under an HS 2022 subheading")
        return 0
    if cmd == "rebuild":
        n = data.rebuild_national(ws)
        print(f"national tariff index rebuilt: {n} lines")
        return 0
    if cmd == "browse":
        code = args.code
        if code and not (
            classification.code_exists(code) or code.upper() in classification.section_numerals()
        ):
            raise InputError(f"{code!r} is neither a section numeral nor an HS 2022 code")
        for node in classification.children(
            ws, code.upper() if code and not code[0].isdigit() else code
        ):
            mark = "+" if node.has_children else " "
            print(f"{mark} {node.code:<10} {node.description}")
        return 0
    if cmd == "remove":
        if not data.remove_national(ws, args.source):
            raise InputError(f"no imported tariff {args.source!r} (see tariff info)")
        print(f"removed {args.source}")
        return 0
    raise InputError(f"unknown tariff action {cmd!r}")  # pragma: no cover - argparse guards
