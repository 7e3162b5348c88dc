"""Frozen entry point of the console CLI."""

from shipdesk.cli.main import main

raise SystemExit(main())
