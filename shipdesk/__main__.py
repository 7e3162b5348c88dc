"""``python -m shipdesk``: no arguments opens the desktop app; a subcommand runs headless.
One argument naming a declaration file (``shipdesk order.shipdesk.json``, what a file manager
or the Windows/macOS file association runs) opens the desktop app with that file."""

from __future__ import annotations

import sys
from pathlib import Path

from shipdesk.cli.main import main as cli_main


def _declaration_argument(argv: list[str]) -> Path | None:
    """The file of ``shipdesk FILE``: one argument, not an option, ending in .json."""
    if len(argv) != 1 or argv[0].startswith("-") or not argv[0].lower().endswith(".json"):
        return None
    return Path(argv[0])


def main() -> int:
    argv = sys.argv[1:]
    open_file = _declaration_argument(argv)
    if argv and open_file is None:
        return cli_main(argv)
    try:
        from shipdesk.gui.app import main as gui_main  # PySide6: the CLI never loads Qt
    except ImportError as exc:
        if (exc.name or "").split(".")[0] not in ("PySide6", "shiboken6"):
            raise
        print(
            "shipdesk: the desktop app needs PySide6 (pip install 'shipdesk[gui]'); "
            "subcommands work without it (python -m shipdesk --help)",
            file=sys.stderr,
        )
        return 2
    return gui_main([], open_file=open_file)


if __name__ == "__main__":
    raise SystemExit(main())
