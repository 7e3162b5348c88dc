"""Screening speed: load time of the rule set and time to screen a 50-item declaration.

Run: ``python benchmarks/screening_bench.py [--rounds N] [--long]``. Prints figures; no pass/fail.
Target: a 50-item declaration screened in 10 ms or less once the rules are loaded. The CPU time
(``time.process_time``) is printed beside the wall-clock time, each as median and 95th
percentile: on a shared, busy machine the wall clock also counts the time the process waited
for a core. The load average is printed before and after.
Screening goes through ``services.declarations`` with a workspace in the fresh ``SHIPDESK_HOME``,
as the editing session and ``shipdesk check`` call it (the workspace's rules folder and rate
book); the rules are loaded through ``services.data.rules``, their first use in a process.
``--long`` also screens one item with a long description (10 kB and 60 kB single words, 10 kB
and 1 MB of ordinary words) and prints the time and the Python heap peak (``tracemalloc``) of
each; the time is taken in a separate run without tracing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import tracemalloc
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from shipdesk.core.model import Declaration, Item, Party

if TYPE_CHECKING:
    from shipdesk.core.services import Workspace

DESCRIPTIONS = [
    ("Women's T-shirt 100% cotton", "610910"),
    ("Power bank 20000mAh", ""),
    ("iPhone 15 Pro 256GB", "851713"),
    ("Eau de toilette 100ml", ""),
    ("Beef jerky 200g", ""),
    ("Wireless earbuds with charging case", ""),
    ("Wooden toy car", "950300"),
    ("Leather wallet", "420231"),
    ("Scotch whisky 43% 70cl", "220830"),
    ("Kitchen knife set", ""),
    ("Tomato seeds", ""),
    ("Ceramic coffee mug", "691200"),
    ("Laptop Lenovo ThinkPad", "847130"),
    ("Nail polish set", ""),
    ("Vitamin D capsules", ""),
    ("Cheddar cheese 500g", ""),
    ("Vape pen kit", ""),
    ("Paperback novel", "490199"),
    ("Silk scarf", "621410"),
    ("Bluetooth speaker", ""),
    ("Deodorant spray 150ml", ""),
    ("Running shoes", "640411"),
    ("Glass vase", "701399"),
    ("Phone case for iPhone 15", ""),
    ("Chocolate bar 100g", "180632"),
]


def declaration(n: int = 50, dest: str = "AU") -> Declaration:
    items = []
    for i in range(n):
        desc, hs = DESCRIPTIONS[i % len(DESCRIPTIONS)]
        items.append(Item(description=f"{desc} #{i}", hs_code=hs, value="19.90", quantity="1"))
    return Declaration(
        sender=Party(name="Sender", country="DE"),
        recipient=Party(name="Recipient", country=dest, city="Sydney"),
        items=items,
        date="2026-11-27",
    )


LONG_WORDS = ["wireless", "earbuds", "with", "charging", "case", "lithium", "battery", "cotton"]


def long_descriptions() -> list[tuple[str, str]]:
    def words(size: int) -> str:
        n = size // 6 + 1
        return " ".join(LONG_WORDS[i % len(LONG_WORDS)] for i in range(n))[:size]

    return [
        ("one 10,000-character word", "x" * 10_000),
        ("one 60,000-character word", "x" * 60_000),
        ("10 kB of words", words(10_000)),
        ("1 MB of words", words(1_000_000)),
    ]


def long_case(ws: Workspace) -> None:
    from shipdesk.core.services import declarations

    for label, text in long_descriptions():
        t = time.perf_counter()
        declarations.screen_item(ws, text, destination="AU")
        ms = (time.perf_counter() - t) * 1000
        tracemalloc.start()
        declarations.screen_item(ws, text, destination="AU")
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(f"long description, {label}: {ms:.0f} ms, heap peak {peak / 1e6:.1f} MB")


def _p95(values: list[float]) -> float:
    """The 95th percentile of sorted ``values``."""
    return values[max(0, int(len(values) * 0.95) - 1)]


def _load() -> str:
    """The machine's load average: the figures above are only comparable at similar load."""
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:  # not available on this system
        return "unknown"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=50)
    ap.add_argument("--long", action="store_true", help="also screen very long descriptions")
    ap.add_argument(
        "--dest",
        action="append",
        help="destination of the 50-item declaration (repeatable; default AU, US, DE and RU)",
    )
    args = ap.parse_args()

    # The screening modules are imported before the clock starts, as they always were: the
    # load time is reading and checking the rule files, not importing code.
    import shipdesk.core.screening.active_rules
    import shipdesk.core.screening.screen  # noqa: F401
    from shipdesk.core.services import data, declarations, open_workspace

    print(f"load average (1, 5, 15 min): {_load()}")
    ws = open_workspace()
    t0 = time.perf_counter()
    rs, _problem = data.rules(ws)
    load_ms = (time.perf_counter() - t0) * 1000
    print(f"rules: {rs.version_text()}")
    print(f"load + validate (patterns built on first use): {load_ms:.0f} ms")
    t0 = time.perf_counter()
    declarations.screen(ws, declaration(50, "AU"))
    print(
        f"first 50-item screening after load (builds patterns): "
        f"{(time.perf_counter() - t0) * 1000:.0f} ms"
    )

    for dest in args.dest or ("AU", "US", "DE", "RU"):
        decl = declaration(50, dest)
        declarations.screen(ws, decl)  # warm the per-destination rule list
        times = []
        cpu = []
        for _ in range(args.rounds):
            t, c = time.perf_counter(), time.process_time()
            findings = declarations.screen(ws, decl)
            times.append((time.perf_counter() - t) * 1000)
            cpu.append((time.process_time() - c) * 1000)
        times.sort()
        cpu.sort()
        print(
            f"50-item declaration to {dest}: CPU median {statistics.median(cpu):.2f} ms, "
            f"p95 {_p95(cpu):.2f} ms; wall median {statistics.median(times):.2f} ms, "
            f"p95 {_p95(times):.2f} ms, max {times[-1]:.2f} ms ({len(findings)} findings)"
        )

    t, c = time.perf_counter(), time.process_time()
    for _ in range(200):
        declarations.screen_item(ws, "Power bank 20000mAh", destination="AU")
    print(
        f"single item (typing): {(time.perf_counter() - t) / 200 * 1000:.3f} ms, "
        f"CPU {(time.process_time() - c) / 200 * 1000:.3f} ms"
    )
    print(f"load average at the end: {_load()}")
    if args.long:
        long_case(ws)
    ws.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
