"""``backups``: the automatic backups of the user database.

``backups list`` shows them, newest first (without opening the database, which may be the
reason for asking); ``backups now`` takes one at once; ``backups restore FILE|latest`` puts one
back: a damaged or newer database is first set aside (renamed beside it, as the desktop app
does), and the content it replaces is kept as a backup.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from shipdesk.core.errors import InputError
from shipdesk.core.services import open_workspace, startup


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "backups",
        help="automatic backups of the user database: list, take one, restore",
        description="Daily backups of the user database (drafts, settings, catalogue, "
        "products, address book), kept in the data folder.",
    )
    bs = p.add_subparsers(dest="backups_command", metavar="ACTION", parser_class=type(p))
    bs.add_parser("list", help="the backups, newest first")
    bs.add_parser("now", help="take a backup now")
    rs = bs.add_parser("restore", help="replace the user database with a backup")
    rs.add_argument("backup", metavar="FILE|latest", help="a backup file, or latest")
    p.set_defaults(func=run, backups_parser=p)


def run(args: argparse.Namespace) -> int:
    action = getattr(args, "backups_command", None)
    if action == "list":
        found = startup.available_backups()
        if not found:
            print("No backups yet (one is taken each day the desktop app starts).")
        for b in found:
            when = b.taken_at.strftime("%Y-%m-%d %H:%M UTC")
            note = f"  ({b.note})" if b.note else ""
            print(f"{when}  {b.size / 1024:8.0f} KB  {b.path}{note}")
        return 0
    if action == "now":
        with open_workspace() as ws:
            print(startup.backup_now(ws))
        return 0
    if action == "restore":
        return _restore(args.backup)
    args.backups_parser.print_help(sys.stderr)
    return 2


def _restore(which: str) -> int:
    if which == "latest":
        found = [b for b in startup.available_backups() if not b.note]
        if not found:
            raise InputError("there is no backup to restore")
        path = found[0].path
    else:
        path = Path(which)
    ws, report = startup.start(daily_backup=False)
    with ws:
        aside = report.set_aside
        if aside is not None:
            print(
                f"the user database was {aside.reason} ({aside.detail}); it is kept as "
                f"{aside.moved_to}",
                file=sys.stderr,
            )
        before = startup.restore_backup(ws, path)
        print(f"restored {path} into {ws.user_db_path}; the previous content is kept as {before}")
    return 0
