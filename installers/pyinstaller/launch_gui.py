"""Frozen entry point of the windowed app (with a subcommand it still runs headless).

On Linux the folder has this one executable: ``shipdesk-cli`` is a link to it, and started
under that name it is the console CLI. Windows and macOS have a console executable of their
own (``launch_cli.py``; a Windows program is either windowed or console)."""

import os
import sys

if os.path.basename(sys.argv[0] if sys.argv else "").lower().startswith("shipdesk-cli"):
    from shipdesk.cli.main import main
else:
    from shipdesk.__main__ import main

raise SystemExit(main())
