"""``rates``: the exchange-rate tables used for CN 22 limits and thresholds.

``rates info [--json]`` shows each table's newest date, source and currencies;
``rates import FILE`` imports an ECB euro reference-rate file (CSV, XML or zip) into the user's
table; ``rates set TABLE CCY=RATE ... [--date YYYY-MM-DD]`` enters rates by hand;
``rates convert AMOUNT FROM TO [--date]`` converts and shows the rate and its date.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date

from shipdesk.core import money
from shipdesk.core.errors import InputError
from shipdesk.core.services import Workspace, data, open_workspace


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "rates",
        help="exchange-rate tables: info, import ECB rates, set rates, convert",
        description="SDR and euro reference-rate tables (shipped, dated; your own entries win).",
    )
    rs = p.add_subparsers(dest="rates_command", metavar="ACTION", parser_class=type(p))
    info = rs.add_parser("info", help="newest date, source and currencies of each table")
    info.add_argument("--json", action="store_true", help="print one JSON object")
    imp = rs.add_parser("import", help="import an ECB euro reference-rate file (CSV/XML/zip)")
    imp.add_argument("file", metavar="FILE", help="eurofxref.csv, eurofxref-hist.csv, *.xml, *.zip")
    st = rs.add_parser("set", help="enter rates by hand (units per SDR or per euro)")
    st.add_argument("table", choices=("sdr", "eur"))
    st.add_argument("rates", nargs="+", metavar="CCY=RATE", help="e.g. USD=1.0512")
    st.add_argument("--date", type=_date, help="publication date (default: today)")
    cv = rs.add_parser("convert", help="convert an amount and show the rate used")
    cv.add_argument("amount")
    cv.add_argument("from_ccy", metavar="FROM")
    cv.add_argument("to_ccy", metavar="TO")
    cv.add_argument("--date", type=_date, help="use the rates of this date (default: newest)")
    p.set_defaults(func=run, rates_parser=p)


def run(args: argparse.Namespace) -> int:
    with open_workspace() as ws:
        return _run(args, ws)


def _run(args: argparse.Namespace, ws: Workspace) -> int:
    action = getattr(args, "rates_command", None)
    if action == "info":
        info = data.rates_info(ws)
        if args.json:
            json.dump(info, sys.stdout, ensure_ascii=False)
            sys.stdout.write("\n")
        else:
            for kind, t in info.items():
                print(
                    f"{kind}: {t['dates']} date(s), newest {t['newest']} "
                    f"(units per {t['base']}; {len(t['currencies'])} currencies; "
                    f"{t['user_dates']} date(s) of your own)"
                )
                print(f"  source: {t['source']}")
                print(f"  currencies: {' '.join(t['currencies'])}")
        return 0
    if action == "import":
        print(data.import_ecb(ws, args.file).describe())
        return 0
    if action == "set":
        rates: dict[str, str] = {}
        for pair in args.rates:
            code, sep, value = pair.partition("=")
            if not sep:
                raise InputError(f"expected CCY=RATE, found {pair!r}")
            rates[code] = value
        data.set_rates(ws, args.table, rates, on=args.date)
        print(f"saved {len(rates)} rate(s) in {data.rates_location(ws)}")
        return 0
    if action == "convert":
        amount = money.to_decimal(args.amount, "amount")
        c = data.convert(ws, amount, args.from_ccy, args.to_ccy, on=args.date)
        print(f"{money.format_money(c.amount, c.to_ccy)}  ({c.describe()})")
        return 0
    args.rates_parser.print_help(sys.stderr)
    return 2
