"""``duties``: the duty and tax data (info, import a newer signed bundle, rollback, manifest).

Only bundles signed by the ShipDesk maintainers replace the shipped duty data, with the same
checks and rollback as the restricted-goods rules (``rules``): manifest, signature, every file's
schema, every shipped destination covered, newer than the shipped data.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from shipdesk.core.services import duties, open_workspace


def register(subparsers: Any) -> None:
    p = subparsers.add_parser("duties", help="duty and tax data: info, import, rollback")
    sub = p.add_subparsers(dest="duties_command", metavar="ACTION")
    info = sub.add_parser("info", help="show the duty data in use and why")
    info.add_argument("--json", action="store_true")
    info.set_defaults(func=_info)
    imp = sub.add_parser(
        "import",
        help="import a duty data bundle signed by the ShipDesk maintainers (folder or .zip)",
        description="A bundle replaces the shipped duty data only when it is signed with a "
        "maintainer key, every file passes the schema check, it covers every destination the "
        "shipped data covers and is newer than it.",
    )
    imp.add_argument("bundle")
    imp.add_argument(
        "--force",
        action="store_true",
        help="install a signed bundle older than the imported set in use (never one older "
        "than the shipped data)",
    )
    imp.set_defaults(func=_import)
    rb = sub.add_parser("rollback", help="go back to the previous duty data set")
    rb.add_argument(
        "--shipped", action="store_true", help="go back to the data shipped with ShipDesk"
    )
    rb.set_defaults(func=_rollback)
    man = sub.add_parser(
        "manifest",
        help="write MANIFEST.json (sha256 of each file) for a duty data folder; a bundle is "
        "imported only once a maintainer signs it (tools/sign_rules.py)",
    )
    man.add_argument("folder")
    man.add_argument("--version", help="dataset version (default: the folder's manifest's)")
    man.set_defaults(func=_manifest)
    p.set_defaults(func=lambda a: (p.print_help(), 2)[1])


def _info(args: argparse.Namespace) -> int:
    with open_workspace() as ws:
        i = duties.info(ws)
    if args.json:
        print(json.dumps(i.__dict__, indent=2))
        return 0
    print(
        f"{i.reason} (checked {i.data_date}), {len(i.destinations)} files: "
        f"{', '.join(i.destinations)}"
    )
    print(f"folder: {i.folder} ({i.size_bytes:,} bytes)")
    return 0


def _import(args: argparse.Namespace) -> int:
    with open_workspace() as ws:
        i = duties.import_bundle(ws, args.bundle, force=args.force)
    print(f"in use: {i.reason} (checked {i.data_date})")
    return 0


def _rollback(args: argparse.Namespace) -> int:
    with open_workspace() as ws:
        now = duties.rollback(ws, to_shipped=args.shipped)
    print(f"in use: {now}")
    return 0


def _manifest(args: argparse.Namespace) -> int:
    print(duties.write_manifest(args.folder, args.version))
    return 0
