"""Screening quality: highest-level agreement on the evaluation sets, per category and destination.

Run: ``python benchmarks/screening_eval.py [--misses] [--only NAME ...]``. Prints figures; no
pass/fail (the tests in ``tests/core/test_screening_eval.py`` hold the cases to their expected
level). ``--only`` reports the named sets alone (file stems, or ``destinations``).

The sets are in ``tests/data/screening_eval/*.csv``: each row has ``set`` (``dev``: used
while writing the rules; ``holdout``: never used to tune them, reported apart; ``blind``: a fresh
round written before a piece of work and never tuned on, reported apart and not held by the
tests), a category, the
description, destination, origin, channel, the highest level expected and ``harmless`` (an
ordinary item that must get no prohibited or restricted finding). ``destinations/XX.csv`` holds
one destination's cases each (written before its rules); they are reported as one set. Also
counted: devices whose battery is installed (expected ``restricted``) that were flagged
prohibited. A file whose rows are grouped under comment lines ``# lang: xx`` (blind round 8) is
also reported per language.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from shipdesk.core.screening.screen import highest_level, screen_item  # noqa: E402

EVAL_DIR = ROOT / "tests" / "data" / "screening_eval"
DEVICE_CATEGORIES = {
    "phone", "laptop", "earbuds", "shaver", "toothbrush", "drill", "vacuum", "watch",
    "ereader", "camera", "drone", "vape", "tablet", "speaker", "tracker", "toy",
    "console", "doorbell", "torch", "fan", "massager", "hearing", "smarthome", "radio",
    "heated", "light", "printer", "projector", "sonar", "blender", "appliance", "gadget",
    "health",
}  # fmt: skip
FLAGGED = ("prohibited", "restricted")
PARTS = ("dev", "holdout", "blind")


def load(path: Path) -> list[dict[str, str]]:
    """The rows of a case file; under a comment line ``# lang: xx`` each row gets ``lang`` xx."""
    with path.open(encoding="utf-8", newline="") as fh:
        lines = fh.read().splitlines()
    header = next(line for line in lines if not line.startswith("#"))
    rows: list[dict[str, str]] = []
    lang = ""
    for line in lines:
        if line.startswith("# lang:"):
            lang = line.split(":", 1)[1].split()[0]
        elif not line.startswith("#") and line != header and line.strip():
            row = next(csv.DictReader([header, line]))
            rows.append({**row, "lang": lang} if lang else row)
    return rows


def run(rows: list[dict[str, str]]) -> list[tuple[dict[str, str], str, list[str]]]:
    out = []
    for row in rows:
        findings = screen_item(
            row["text"], destination=row["dest"], origin=row["origin"], channel=row["channel"]
        )
        out.append((row, highest_level(findings) or "none", [f.rule for f in findings]))
    return out


def _group_line(rows: list[tuple[dict[str, str], str, list[str]]], key: str) -> str:
    """Per value of ``key``: highest level right / cases, and harmless items wrongly flagged."""
    right: dict[str, list[bool]] = defaultdict(list)
    wrong: dict[str, list[bool]] = defaultdict(list)
    for row, got, _ in rows:
        right[row[key]].append(got == row["expect"])
        if row["harmless"] == "1":
            wrong[row[key]].append(got in FLAGGED)
    parts = []
    for k in sorted(right):
        text = f"{k} {sum(right[k])}/{len(right[k])}"
        if wrong[k]:
            text += f" (harmless flagged {sum(wrong[k])}/{len(wrong[k])})"
        parts.append(text)
    return f"  by {key}: " + ", ".join(parts)


def report(name: str, results: list[tuple[dict[str, str], str, list[str]]], misses: bool) -> None:
    for part in PARTS:
        rows = [r for r in results if r[0]["set"] == part]
        if not rows:
            continue
        right = sum(1 for row, got, _ in rows if got == row["expect"])
        harmless = [r for r in rows if r[0]["harmless"] == "1"]
        flagged = sum(1 for _, got, _ in harmless if got in FLAGGED)
        installed = [
            r for r in rows
            if r[0]["category"] in DEVICE_CATEGORIES and r[0]["expect"] == "restricted"
        ]  # fmt: skip
        blocked = sum(1 for _, got, _ in installed if got == "prohibited")
        print(
            f"{name} {part}: {len(rows)} cases, highest level right {right}/{len(rows)} "
            f"({100 * right / len(rows):.1f} %), harmless flagged prohibited/restricted "
            f"{flagged}/{len(harmless)}, installed-battery devices flagged prohibited "
            f"{blocked}/{len(installed)}"
        )
        for key in ("category", "dest", "lang"):
            if all(key in row for row, _, _ in rows):
                print(_group_line(rows, key))
        # held-out and blind misses are listed to be reported, never to tune the rules on
        if misses:
            for row, got, rules in rows:
                if got != row["expect"]:
                    print(f"  MISS {row['dest']} {row['channel']} {row['text']!r}: "
                          f"expected {row['expect']}, got {got} {rules}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list the cases that disagree")
    parser.add_argument(
        "--only", action="append", metavar="NAME", help="report only these sets (file stems)"
    )
    args = parser.parse_args()
    for path in sorted(EVAL_DIR.glob("*.csv")):
        if args.only and path.stem not in args.only:
            continue
        report(path.stem, run(load(path)), args.misses)
    if args.only and "destinations" not in args.only:
        return
    # one file per destination beyond the first fourteen, reported as one set
    destinations = [
        row for path in sorted((EVAL_DIR / "destinations").glob("*.csv")) for row in load(path)
    ]
    if destinations:
        report("destinations", run(destinations), args.misses)


if __name__ == "__main__":
    main()
