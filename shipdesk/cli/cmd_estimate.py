"""``estimate FILE.json [--json] [--date YYYY-MM-DD] [--channel post|courier]``: the duties,
import taxes and fees the destination will charge for a declaration, line by line.

Exit status: 0 (an estimate is never a blocking finding), 2 when the file cannot be read, is not
a declaration, has no destination or a date that is not one (one line naming the file and
field). Human output: one line per charge with its rule and whether its figure is confirmed,
then the totals, what the recipient is asked for at the door, and what could not be estimated.
``--json`` prints the CONTRACT object.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from shipdesk.core.errors import InputError
from shipdesk.core.money import format_money, format_money_both
from shipdesk.core.services import declarations, duties, open_workspace


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "estimate",
        help="estimate the duties, taxes and fees the destination will charge",
        description="Estimate the customs duty, import VAT/GST and postal fees a declaration "
        "will meet at its destination, with the rules in force on its date.",
    )
    p.add_argument("file", metavar="FILE.json", type=Path, help="declaration (*.shipdesk.json)")
    p.add_argument("--json", action="store_true", help="print the estimate as one JSON object")
    p.add_argument(
        "--date",
        metavar="YYYY-MM-DD",
        help="estimate with the rules of this day (default: the declaration's date)",
    )
    p.add_argument(
        "--channel",
        choices=duties.CHANNELS,
        default="post",
        help="how the item travels (default: post)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    on = duties.parse_date(args.date) if args.date is not None else None
    decl = declarations.load(args.file)
    with open_workspace() as ws:
        try:
            est = duties.estimate(ws, decl, on=on, channel=args.channel)
        except InputError as exc:
            raise InputError(exc.detail, source=str(args.file), location=exc.location) from None
    if args.json:
        sys.stdout.write(declarations.json_text(est.to_json()) + "\n")
        return 0
    ccy, lcy = est.currency, est.local_currency
    out: list[str] = [
        f"{est.destination} ({est.title or est.destination}), rules of {est.date.isoformat()}, "
        f"data checked {est.data_date}, {est.incoterm}: charges paid by the {est.payer}"
    ]
    if est.rate_text:
        out.append(f"rate: {est.rate_text}")
    for ln in est.lines:
        where = f"item {ln.item_index + 1}" if ln.item_index is not None else "shipment"
        local = f" ({format_money(ln.amount_local, lcy)})" if lcy != ccy else ""
        mark = "" if ln.confirmed else " [unconfirmed]"
        at = " [at sale]" if ln.collected == "sale" else ""
        out.append(
            f"{ln.kind:<4} {where:<8} {format_money(ln.amount, ccy):>14}{local}  "
            f"{ln.regime}{mark}{at}: {ln.note}"
        )
    # With parts not estimated, the sums are what is known: a lower bound, never a "0.00" answer.
    least = "" if est.complete else "at least "
    for kind, label in (("duty", "duty"), ("tax", "tax"), ("fee", "fees")):
        both = format_money_both(est.total(kind), ccy, est.total(kind, local=True), lcy)
        out.append(f"total {label}: {least}{both}")
    out.append(f"total: {least}{format_money_both(est.total(), ccy, est.total(local=True), lcy)}")
    out.append(
        f"asked at the door: {least}"
        + format_money_both(est.at_door(), ccy, est.at_door(local=True), lcy)
    )
    out.extend(f"not estimated: {u}" for u in est.unknown)
    sys.stdout.write("\n".join(out).encode("utf-8", "backslashreplace").decode("utf-8") + "\n")
    return 0
