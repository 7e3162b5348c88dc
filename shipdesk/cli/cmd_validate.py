"""``validate FILE.json [--json] [--operator ID]``: problems of a declaration, by field.

Exit status: 0 when there are no errors (warnings allowed), 1 when errors block printing,
2 when the file cannot be read or is not a declaration (one line naming the file and place).
Human output: one line per problem, ``error  items[2].description  <message>``; a summary
line with the form that applies goes to stderr. ``--json`` prints the CONTRACT object.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from shipdesk.core.services import declarations, open_workspace


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "validate",
        help="check a declaration file and list its problems by field",
        description="Check a declaration (*.shipdesk.json) against the customs and postal "
        "rules: errors block printing, warnings do not.",
    )
    p.add_argument("file", metavar="FILE.json", type=Path, help="declaration (*.shipdesk.json)")
    p.add_argument("--json", action="store_true", help="print the result as one JSON object")
    p.add_argument(
        "--operator",
        metavar="ID",
        help="operator profile (e.g. upu, royal_mail, usps); default: the one chosen in settings",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    decl = declarations.load(args.file)
    with open_workspace() as ws:
        profile = declarations.profile(ws, args.operator)  # unknown id: InputError, exit 2
        # English whatever language a caller set: the messages are part of the output contract.
        result = declarations.validate(ws, decl, operator=profile.id, lang="en")
    # the whole output is built first and then written at once: text read from a "\ud800"
    # escape cannot be written as UTF-8, and a failure half way left half a JSON object
    if args.json:
        sys.stdout.write(declarations.json_text(result.to_json()) + "\n")
    else:
        lines = "".join(f"{p.level}  {p.field}  {p.message}\n" for p in result.problems)
        sys.stdout.write(_writable(lines))
        n_err, n_warn = len(result.errors), len(result.warnings)
        print(
            _writable(
                f"{args.file}: {result.form.upper()} ({profile.name}), "
                f"{n_err} error(s), {n_warn} warning(s)"
            ),
            file=sys.stderr,
        )
    return 1 if result.has_errors else 0


def _writable(text: str) -> str:
    """``text`` with any unpaired surrogate shown as its escape (``\\ud800``)."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")
