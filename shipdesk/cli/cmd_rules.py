"""``rules``: the restricted-goods rule set (info, check a folder, import, rollback, manifest).

Only bundles signed by the ShipDesk maintainers replace the shipped rules; rule files of the
user's own are imported with ``--local`` and can only add findings.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from shipdesk.core.errors import DataError, InputError
from shipdesk.core.services import data, open_workspace


def register(subparsers: Any) -> None:
    p = subparsers.add_parser("rules", help="restricted-goods rule data: info, import, rollback")
    sub = p.add_subparsers(dest="rules_command", metavar="ACTION")
    info = sub.add_parser("info", help="show the active rule set, why it is active, local rules")
    info.add_argument("--json", action="store_true")
    info.set_defaults(func=_info)
    chk = sub.add_parser("check", help="validate a rule folder (its manifest and signature)")
    chk.add_argument("folder")
    chk.set_defaults(func=_check)
    imp = sub.add_parser(
        "import",
        help="import a rule bundle signed by the ShipDesk maintainers (folder or .zip), or "
        "with --local rule files of your own",
        description="A bundle replaces the shipped rules only when it is signed with a "
        "maintainer key, covers every destination the shipped rules cover and is newer than "
        "them. With --local, rule files of your own (a .toml file, a folder or a .zip) are "
        "added to the rules in use: they can only add findings (no veto, no supersedes, no "
        "shipped rule id) and are marked as local.",
    )
    imp.add_argument("bundle")
    imp.add_argument(
        "--force",
        action="store_true",
        help="install a signed bundle older than the imported set in use (never one older "
        "than the shipped rules)",
    )
    imp.add_argument(
        "--local",
        action="store_true",
        help="add unsigned rule files of your own as local rules (they only add findings)",
    )
    imp.set_defaults(func=_import)
    rb = sub.add_parser("rollback", help="go back to the previous rule set")
    rb.add_argument(
        "--shipped", action="store_true", help="go back to the rules shipped with ShipDesk"
    )
    rb.add_argument("--local", action="store_true", help="remove the local rules")
    rb.set_defaults(func=_rollback)
    man = sub.add_parser(
        "manifest",
        help="write MANIFEST.json (sha256 of each file) for a folder; a bundle is imported "
        "only once a maintainer signs it (tools/sign_rules.py)",
    )
    man.add_argument("folder")
    man.set_defaults(func=_manifest)
    p.set_defaults(func=_usage)


def _usage(args: argparse.Namespace) -> int:
    raise InputError("choose an action: info, check, import, rollback, manifest")


def _info(args: argparse.Namespace) -> int:
    with open_workspace() as ws:
        rs, error = data.rules(ws)
        why = data.rules_reason(ws)
    local = rs.local_rules
    if args.json:
        info = {
            "version": rs.dataset_version,
            "origin": rs.origin,
            "folder": rs.folder,
            "rules": len(rs.rules) - len(local),
            "reason": why,
            "files": [
                {
                    "path": f.path,
                    "version": f.file_version,
                    "date": f.date,
                    "rules": len(f.rule_ids),
                    "local": f.local,
                }
                for f in rs.files
            ],
            "local_rules": [r.id for r in local],
            "load_error": error,
        }
        print(json.dumps(info, ensure_ascii=False, indent=2))
        return 0
    print(f"rules: {rs.version_text()}")
    print(f"why: {why}")
    print(f"folder: {rs.folder}")
    for f in rs.files:
        where = "local " + f.path.removeprefix("local/") if f.local else f.path
        print(f"  {where:22} {f.file_version:10} {f.date}  {len(f.rule_ids):3} rules  {f.title}")
    if local:
        print(f"local rules (yours, not ShipDesk's): {', '.join(r.id for r in local)}")
    if error:
        print(f"note: {error}")
    return 0


def _check(args: argparse.Namespace) -> int:
    try:
        rs = data.check_rules(args.folder)
        signer = data.rules_signer(args.folder)
    except DataError as exc:
        raise InputError(str(exc), source=args.folder) from exc
    signed = (
        f"signed by maintainer key {signer}"
        if signer
        else "not signed (only a bundle signed by a maintainer can replace the shipped rules)"
    )
    print(
        f"{args.folder}: OK, {len(rs.rules)} rules in {len(rs.files)} files, "
        f"version {rs.dataset_version}, {signed}"
    )
    return 0


def _import(args: argparse.Namespace) -> int:
    if args.local and args.force:
        raise InputError("--force applies to signed bundles, not to --local rules")
    with open_workspace() as ws:
        if args.local:
            count, active = data.import_local_rules(ws, args.bundle)
            print(
                f"local rules now: {count} (they only add findings); active: "
                f"{active.version_text()}"
            )
            return 0
        rs, active = data.import_rules(ws, args.bundle, force=args.force)
        why = data.rules_reason(ws)
    print(
        f"imported rules {rs.dataset_version} ({len(rs.rules)} rules); active: "
        f"{active.version_text()}"
    )
    print(f"why: {why}")
    return 0


def _rollback(args: argparse.Namespace) -> int:
    if args.local and args.shipped:
        raise InputError("choose --local or --shipped, not both")
    with open_workspace() as ws:
        if args.local:
            count, active = data.remove_local_rules(ws)
            print(f"removed the local rules ({count} files); active: {active.version_text()}")
            return 0
        what, active = data.rollback_rules(ws, to_shipped=args.shipped)
        why = data.rules_reason(ws)
    print(f"rolled back to the {what}; active: {active.version_text()}")
    print(f"why: {why}")
    return 0


def _manifest(args: argparse.Namespace) -> int:
    try:
        path = data.write_rules_manifest(args.folder)
    except DataError as exc:
        raise InputError(str(exc), source=args.folder) from exc
    print(f"wrote {path} (not signed: only a bundle a maintainer signs can be imported)")
    return 0
