"""The table of CLI subcommands: the parser and the installer spec both read it.

Each command module is imported by name here, so a missing or misspelt module fails at import
time instead of silently dropping its subcommand, and the frozen build (whose hidden imports are
``hidden_imports()``) cannot ship a different set of commands than ``python -m shipdesk``.
The command modules are small on purpose: they import their heavy libraries (PDF, spreadsheets,
the tariff index, Qt) inside the functions that need them, so importing this table stays quick
and Qt-free.
"""

from __future__ import annotations

import argparse
from typing import Protocol

from shipdesk.cli import (
    cmd_backups,
    cmd_check,
    cmd_classify,
    cmd_duties,
    cmd_estimate,
    cmd_export,
    cmd_gui,
    cmd_import,
    cmd_products,
    cmd_rates,
    cmd_render,
    cmd_rules,
    cmd_tariff,
    cmd_validate,
)

SubParsers = argparse._SubParsersAction  # what ArgumentParser.add_subparsers() returns


class Command(Protocol):
    """A command module: ``register`` adds its subparser, which sets ``func(args) -> int``."""

    __name__: str

    def register(self, subparsers: SubParsers) -> None: ...


# Subcommand name -> module, in the order ``--help`` lists them.
COMMANDS: dict[str, Command] = {
    "classify": cmd_classify,
    "check": cmd_check,
    "validate": cmd_validate,
    "render": cmd_render,
    "estimate": cmd_estimate,
    "import": cmd_import,
    "products": cmd_products,
    "export": cmd_export,
    "tariff": cmd_tariff,
    "rules": cmd_rules,
    "duties": cmd_duties,
    "rates": cmd_rates,
    "backups": cmd_backups,
    "gui": cmd_gui,
}


def hidden_imports() -> list[str]:
    """The command modules by dotted name, for the installer's PyInstaller spec."""
    return [module.__name__ for module in COMMANDS.values()]
