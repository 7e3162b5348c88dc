"""``gui``: open the desktop app, or ``gui --screenshots DIR`` to save each screen as PNG."""

from __future__ import annotations

import argparse
import os
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("gui", help="open the desktop app, or save screenshots of its screens")
    p.add_argument("--screenshots", metavar="DIR", type=Path, help="save one PNG per screen")
    p.add_argument("--lang", metavar="xx", help="user-interface language for the screenshots")
    p.add_argument("--sample", metavar="FILE", type=Path, help="declaration to show")
    p.add_argument(
        "--exit-when-shown",
        action="store_true",
        help="start as usual, print when the window was shown and exit (start-up check)",
    )
    p.add_argument("file", nargs="?", type=Path, help="declaration file to open")
    p.add_argument(
        "--theme",
        choices=("system", "light", "dark"),
        default="system",
        help="colours of the screenshots (default: the system's)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.screenshots:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from shipdesk.gui.app import take_screenshots  # PySide6: only the GUI loads Qt

        for path in take_screenshots(
            args.screenshots, lang=args.lang, sample=args.sample, theme=args.theme
        ):
            print(path)
        return 0
    from shipdesk.gui.app import main  # PySide6: only the GUI loads Qt

    return main([], open_file=args.file, exit_when_shown=args.exit_when_shown)
