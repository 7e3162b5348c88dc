"""``check``: restricted-goods screening from the command line.

* ``check --batch [--channel post|courier]``: JSON lines in, one JSON object a line out
  (CONTRACT). A bad line gets ``{"error": ...}`` naming its line number; the rest still run and the
  exit status is 2 at the end. A line that meets a bug is answered the same way (its traceback
  goes to the log file) and the exit status is 3. Blank lines are skipped.
* ``check TEXT... --to XX``: one item, human-readable; exit 1 when something is prohibited.
* ``check --declaration FILE``: every item of a declaration file; exit 1 when a prohibited
  finding is not overridden in the file's history.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from shipdesk.core.errors import InputError
from shipdesk.core.logs import current_log_file
from shipdesk.core.model import parse_decimal
from shipdesk.core.services import Workspace, declarations, open_workspace

if TYPE_CHECKING:
    from shipdesk.core.services.declarations import Finding

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3

log = logging.getLogger("shipdesk.cli.check")
LEVEL_MARK = {"prohibited": "[X]", "restricted": "[!]", "warning": "[?]"}


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "check",
        help="screen items for prohibited and restricted goods",
        description="Restricted-goods screening. With --batch: JSON lines on stdin "
        '({"description", "destination", "hs_code", "origin", "value", "currency"}), '
        "one JSON object a line on stdout.",
    )
    p.add_argument("text", nargs="*", help="item description (single-item mode)")
    p.add_argument("--batch", action="store_true", help="read JSON lines on stdin")
    p.add_argument("--declaration", metavar="FILE", help="screen a *.shipdesk.json file")
    p.add_argument("--to", dest="destination", default="", help="destination country (ISO)")
    p.add_argument("--from", dest="origin", default="", help="origin / sender country (ISO)")
    p.add_argument("--hs", dest="hs_code", default="", help="HS code of the item")
    p.add_argument("--value", default="", help="declared value of the item")
    p.add_argument("--currency", default="", help="currency of --value (ISO 4217)")
    p.add_argument("--channel", choices=("post", "courier"), default="post")
    p.add_argument("--lang", default="en", help="language of messages (en, de, fr, es)")
    p.add_argument("--json", action="store_true", help="JSON output (single-item mode)")
    p.set_defaults(func=run)


def _where(line: int | None) -> str:
    return f"line {line}: " if line else ""


def _country(value: Any, field: str, line: int | None = None) -> str:
    text = str(value or "").strip().upper()
    if text and (len(text) != 2 or not text.isalpha()):
        raise InputError(f"{_where(line)}'{field}' must be an ISO 3166 alpha-2 code, got {value!r}")
    return text


def _value(raw: Any, field: str, line: int | None = None) -> Decimal | None:
    if raw is None or raw == "":
        return None
    if isinstance(raw, bool) or not isinstance(raw, str | int | float):
        raise InputError(f"{_where(line)}'{field}' must be a number")
    d = parse_decimal(raw)
    if d is None or d < 0:
        raise InputError(f"{_where(line)}'{field}' is not a valid amount: {raw!r}")
    return d


def _screen_line(obj: Any, line: int, channel: str, ws: Workspace) -> dict[str, Any]:
    if not isinstance(obj, dict):
        raise InputError(f"line {line}: expected a JSON object")
    desc = obj.get("description")
    if not isinstance(desc, str) or not desc.strip():
        raise InputError(f"line {line}: 'description' is required (a non-empty string)")
    declarations.refuse_long_query(desc, f"line {line}: ")
    dest = _country(obj.get("destination"), "destination", line)
    if not dest:
        raise InputError(f"line {line}: 'destination' is required")
    ch = obj.get("channel", channel) or channel
    if ch not in ("post", "courier"):
        raise InputError(f"line {line}: 'channel' must be post or courier")
    hs = obj.get("hs_code")
    if hs is None:
        hs = ""
    if not isinstance(hs, str | int) or isinstance(hs, bool):
        raise InputError(f"line {line}: 'hs_code' must be a string")
    currency = str(obj.get("currency", "") or "").strip().upper()
    findings = declarations.screen_item(
        ws,
        desc,
        hs_code=str(hs),
        destination=dest,
        origin=_country(obj.get("origin"), "origin", line),
        value=_value(obj.get("value"), "value", line),
        currency=currency,
        channel=ch,
        lang=str(obj.get("lang", "en") or "en"),
        quantity=_value(obj.get("quantity"), "quantity", line),
        sender_country=_country(obj.get("sender_country"), "sender_country", line),
        item_category=str(obj.get("category", "") or ""),
    )
    return {
        "findings": [f.to_json() for f in findings],
        "highest": declarations.highest_level(findings),
    }


def _answer_line(raw: str, number: int, channel: str, ws: Workspace) -> dict[str, Any]:
    """One batch line, isolated: whatever the line holds becomes InputError naming it.

    ``json.loads`` raises RecursionError on ~1000 levels of nesting and ValueError on an
    integer of more than 4300 digits (``sys.set_int_max_str_digits``); turning such a value
    back into text (an ``hs_code`` of 5000 digits) raises ValueError too. None of these may
    end the batch: the contract answers a bad line and goes on.
    """
    try:
        obj = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InputError(f"line {number}: not valid JSON ({exc.msg})") from exc
    except RecursionError as exc:
        raise InputError(f"line {number}: not valid JSON (nested too deeply)") from exc
    except ValueError as exc:  # only the int digit limit gets past JSONDecodeError
        raise InputError(f"line {number}: not valid JSON (a number is too long)") from exc
    try:
        return _screen_line(obj, number, channel, ws)
    except InputError:
        raise
    except RecursionError as exc:
        raise InputError(f"line {number}: a value is nested too deeply") from exc
    except (ValueError, TypeError, ArithmeticError) as exc:
        raise InputError(f"line {number}: a value cannot be used ({exc})") from exc


def _stdin_lines() -> Iterator[str | UnicodeDecodeError]:
    """The lines of stdin, each decoded on its own: a line that is not UTF-8 comes as its
    decoding error, so it is answered like any bad line instead of ending the batch."""
    binary = getattr(sys.stdin, "buffer", None)
    if binary is None:  # already text (a test's StringIO)
        yield from sys.stdin
        return
    for raw in binary:
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield exc


def _json_line(result: dict[str, Any]) -> str:
    """One answer as a JSON line that can be written as UTF-8 (an unpaired surrogate from a
    "\\ud800" escape in the input is written back as that escape)."""
    return declarations.json_text(result) + "\n"


def _run_batch(args: argparse.Namespace, ws: Workspace) -> int:
    bad = internal = 0
    out = sys.stdout
    for number, raw in enumerate(_stdin_lines(), start=1):
        if isinstance(raw, UnicodeDecodeError):
            bad += 1
            out.write(
                _json_line({"error": f"line {number}: not UTF-8 text (bad byte at {raw.start})"})
            )
            out.flush()
            continue
        if not raw.strip():
            continue
        try:
            result = _answer_line(raw, number, args.channel, ws)
        except InputError as exc:
            bad += 1
            result = {"error": str(exc)}
        except Exception as exc:  # a bug on one line: answered, logged, and the batch goes on
            internal += 1
            log.error("check --batch: line %d failed", number, exc_info=exc)
            where = current_log_file()
            result = {
                "error": f"line {number}: internal error ({type(exc).__name__}: {exc})"
                + (f"; details in {where}" if where is not None else "")
            }
        out.write(_json_line(result))
        out.flush()
    if bad:
        print(f"shipdesk check: {bad} input line(s) rejected", file=sys.stderr)
    if internal:
        print(f"shipdesk check: {internal} line(s) failed with an internal error", file=sys.stderr)
        return EXIT_INTERNAL
    return EXIT_USAGE if bad else EXIT_OK


def _print_findings(findings: list[Finding], lang: str, prefix: str = "") -> None:
    if not findings:
        print(prefix + declarations.nothing_found_text(lang))
        return
    for f in findings:
        mark = LEVEL_MARK.get(f.level, "")
        word = declarations.level_word(f.level, lang).upper()
        category = declarations.category_word(f.category, lang)
        print(f"{prefix}{mark} {word} ({category}, {f.rule})")
        print(f"{prefix}    {f.message}")
        for label, said in (
            (declarations.advice_label(lang), f.advice),
            (declarations.customer_label(lang), f.customer_text),
            (declarations.detail_label(lang), f.detail),
        ):
            if said:
                print(f"{prefix}    {declarations.labelled(label, said, lang)}")


def _run_single(args: argparse.Namespace, ws: Workspace) -> int:
    desc = " ".join(args.text).strip()
    if not desc:
        raise InputError("give an item description, --batch or --declaration")
    declarations.refuse_long_query(desc)
    dest = _country(args.destination, "--to")
    if not dest:
        raise InputError("--to is required (destination country, e.g. --to AU)")
    findings = declarations.screen_item(
        ws,
        desc,
        hs_code=args.hs_code,
        destination=dest,
        origin=_country(args.origin, "--from"),
        value=_value(args.value or None, "--value"),
        currency=args.currency.upper(),
        channel=args.channel,
        lang=args.lang,
    )
    if args.json:
        print(
            json.dumps(
                {
                    "findings": [f.to_json() for f in findings],
                    "highest": declarations.highest_level(findings),
                },
                ensure_ascii=False,
            )
        )
    else:
        _print_findings(findings, args.lang)
    return EXIT_FINDINGS if declarations.highest_level(findings) == "prohibited" else EXIT_OK


def _run_declaration(args: argparse.Namespace, ws: Workspace) -> int:
    decl = declarations.load(args.declaration)
    findings = declarations.screen(ws, decl, channel=args.channel, lang=args.lang)
    blocked = declarations.blocking(decl, findings)
    if args.json:
        print(
            json.dumps(
                {
                    "findings": [f.to_json() for f in findings],
                    "blocking": [f.to_json() for f in blocked],
                },
                ensure_ascii=False,
            )
        )
    else:
        shipment = [f for f in findings if f.item_index is None]
        if shipment:
            print("Shipment:")
            _print_findings(shipment, args.lang, "  ")
        for i, item in enumerate(decl.items):
            own = [f for f in findings if f.item_index == i]
            print(f"Item {i + 1}: {item.description}")
            _print_findings(own, args.lang, "  ")
    return EXIT_FINDINGS if blocked else EXIT_OK


def run(args: argparse.Namespace) -> int:
    if args.batch and (args.text or args.declaration):
        raise InputError("--batch reads stdin; do not give a description or --declaration")
    with open_workspace() as ws:  # value limits convert with the user's rates
        if args.batch:
            return _run_batch(args, ws)
        if args.declaration:
            return _run_declaration(args, ws)
        return _run_single(args, ws)
