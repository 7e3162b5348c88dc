"""``python -m shipdesk``: no arguments opens the desktop app; a subcommand runs headless."""

from __future__ import annotations

import sys


def main() -> int:
    if len(sys.argv) > 1:
        from shipdesk.cli.main import main as cli_main

        return cli_main(sys.argv[1:])
    from shipdesk.gui.app import main as gui_main

    return gui_main([])


if __name__ == "__main__":
    raise SystemExit(main())
