"""The headless command line: ``python -m shipdesk SUBCOMMAND``. Never imports Qt."""
