"""``rules``: the restricted-goods rule set (info, check a folder, import, rollback, manifest)."""

from __future__ import annotations

import argparse
import json
from typing import Any

from shipdesk.core.errors import DataError, InputError
from shipdesk.core.services import data, open_workspace


def register(subparsers: Any) -> None:
    p = subparsers.add_parser("rules", help="restricted-goods rule data: info, import, rollback")
    sub = p.add_subparsers(dest="rules_command", metavar="ACTION")
    info = sub.add_parser("info", help="show the active rule set")
    info.add_argument("--json", action="store_true")
    info.set_defaults(func=_info)
    chk = sub.add_parser("check", help="validate a rule folder (and its manifest)")
    chk.add_argument("folder")
    chk.set_defaults(func=_check)
    imp = sub.add_parser("import", help="import a newer rule bundle (folder or .zip)")
    imp.add_argument("bundle")
    imp.add_argument("--force", action="store_true", help="install even if not newer")
    imp.set_defaults(func=_import)
    rb = sub.add_parser("rollback", help="go back to the previous rule set")
    rb.set_defaults(func=_rollback)
    man = sub.add_parser("manifest", help="write MANIFEST.json (sha256 of each file) for a folder")
    man.add_argument("folder")
    man.set_defaults(func=_manifest)
    p.set_defaults(func=_usage)


def _usage(args: argparse.Namespace) -> int:
    raise InputError("choose an action: info, check, import, rollback, manifest")


def _info(args: argparse.Namespace) -> int:
    with open_workspace() as ws:
        rs, error = data.rules(ws)
    if args.json:
        info = {
            "version": rs.dataset_version,
            "origin": rs.origin,
            "folder": rs.folder,
            "rules": len(rs.rules),
            "files": [
                {
                    "path": f.path,
                    "version": f.file_version,
                    "date": f.date,
                    "rules": len(f.rule_ids),
                }
                for f in rs.files
            ],
            "load_error": error,
        }
        print(json.dumps(info, ensure_ascii=False, indent=2))
        return 0
    print(f"rules: {rs.version_text()}")
    print(f"folder: {rs.folder}")
    for f in rs.files:
        print(f"  {f.path:22} {f.file_version:10} {f.date}  {len(f.rule_ids):3} rules  {f.title}")
    if error:
        print(f"note: {error}")
    return 0


def _check(args: argparse.Namespace) -> int:
    try:
        rs = data.check_rules(args.folder)
    except DataError as exc:
        raise InputError(str(exc), source=args.folder) from exc
    print(
        f"{args.folder}: OK, {len(rs.rules)} rules in {len(rs.files)} files, "
        f"version {rs.dataset_version}"
    )
    return 0


def _import(args: argparse.Namespace) -> int:
    with open_workspace() as ws:
        rs, active = data.import_rules(ws, args.bundle, force=args.force)
    print(
        f"imported rules {rs.dataset_version} ({len(rs.rules)} rules); active: "
        f"{active.version_text()}"
    )
    return 0


def _rollback(args: argparse.Namespace) -> int:
    with open_workspace() as ws:
        what, active = data.rollback_rules(ws)
    print(f"rolled back to the {what}; active: {active.version_text()}")
    return 0


def _manifest(args: argparse.Namespace) -> int:
    try:
        path = data.write_rules_manifest(args.folder)
    except DataError as exc:
        raise InputError(str(exc), source=args.folder) from exc
    print(f"wrote {path}")
    return 0
