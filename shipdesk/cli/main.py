"""Argument parsing and dispatch for ``python -m shipdesk SUBCOMMAND`` / ``shipdesk-cli``.

Each subcommand lives in its own module ``shipdesk.cli.cmd_<name>`` exposing
``register(subparsers)``; the parser it adds sets ``func(args) -> int``. The modules are listed
in ``shipdesk.cli.commands.COMMANDS``, the one table the installer spec reads too.
Exit status (CONTRACT): 0 success, 1 blocking findings, 2 bad input or usage.
Expected failures (``ShipdeskError``) print one line on stderr; a bug prints one line too and
the traceback goes to the log file, never to the user's terminal. The log file is set up before
the command runs, so whatever the core logs on the way (a batch's failed order) lands there too.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from shipdesk import __version__
from shipdesk.cli.commands import COMMANDS
from shipdesk.core import services
from shipdesk.core.errors import ShipdeskError
from shipdesk.core.logs import log_exception, setup_logging

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2

log = logging.getLogger("shipdesk.cli")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, exit 2 (argparse default prints usage)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def version_text() -> str:
    lines = [f"ShipDesk {__version__}"]
    for name, value in services.data_versions().items():
        lines.append(f"{name}: {value}")
    return "\n".join(lines)


class _VersionAction(argparse.Action):
    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, **kwargs)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        print(version_text())
        parser.exit(EXIT_OK)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="shipdesk",
        description="Customs declarations for postal shipments. Without a subcommand "
        "`python -m shipdesk` opens the desktop application.",
    )
    parser.add_argument(
        "--version", action=_VersionAction, help="print the version and the data versions"
    )
    sub = parser.add_subparsers(dest="command", metavar="SUBCOMMAND", parser_class=_Parser)
    for name, module in COMMANDS.items():
        module.register(sub)
        if name not in sub.choices:  # the table and the module disagree: fail, never skip
            raise RuntimeError(f"{module.__name__} did not register the {name!r} subcommand")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    # errors logged by the core go to the log file, never to the terminal; without a log
    # folder the command still runs and what it logs is dropped
    with contextlib.suppress(OSError):
        setup_logging()
    try:
        return int(args.func(args) or 0)
    except ShipdeskError as exc:
        print(f"shipdesk {args.command}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print(f"shipdesk {args.command}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # a bug: one line for the user, the details in the log
        where = log_exception(exc)
        print(
            f"shipdesk {args.command}: internal error ({type(exc).__name__}: {exc}); "
            f"details in {where}",
            file=sys.stderr,
        )
        return 3


if __name__ == "__main__":
    raise SystemExit(main())
