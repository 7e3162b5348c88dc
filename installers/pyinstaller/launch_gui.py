"""Frozen entry point of the windowed app (with a subcommand it still runs headless)."""

from shipdesk.__main__ import main

raise SystemExit(main())
