"""``python -m shipdesk``: no arguments opens the desktop app; a subcommand runs headless."""

from __future__ import annotations

import sys

from shipdesk.cli.main import main as cli_main


def main() -> int:
    if len(sys.argv) > 1:
        return cli_main(sys.argv[1:])
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
    return gui_main([])


if __name__ == "__main__":
    raise SystemExit(main())
