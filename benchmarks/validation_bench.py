"""Time declaration validation as the GUI calls it on every edit.

Validation goes through ``services.declarations.validate`` with a workspace, as the editing
session and ``shipdesk validate`` call it (the workspace's rate book, the UPU profile).
Prints: the first call in a fresh process (imports, the nomenclature, profiles, rate tables,
address data; opening the workspace, which the app does once at start, is timed apart and left
out), then the median and 95th percentile of repeated calls on the sample declaration and on a
50-line declaration. Run:
``SHIPDESK_HOME=$(mktemp -d) .venv/bin/python benchmarks/validation_bench.py``
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    t0 = time.perf_counter()
    from shipdesk.core.model import Declaration
    from shipdesk.core.services import declarations, open_workspace

    t_ws = time.perf_counter()
    ws = open_workspace()  # the app opens it once at start: not part of the first call
    ws_open = time.perf_counter() - t_ws
    decl = declarations.load(ROOT / "resources" / "samples" / "sample.shipdesk.json")
    declarations.validate(ws, decl, operator="upu", lang="en")
    first = time.perf_counter() - t0 - ws_open

    def timings(d: Declaration, n: int) -> list[float]:
        out = []
        for _ in range(n):
            t = time.perf_counter()
            declarations.validate(ws, d, operator="upu", lang="en")
            out.append((time.perf_counter() - t) * 1000)
        return sorted(out)

    small = timings(decl, 200)
    big = decl.copy()
    big.items = [decl.items[i % len(decl.items)] for i in range(50)]
    big.gross_weight_kg = "40"
    large = timings(big, 50)
    ws.close()
    print(f"first call incl. imports and data loading: {first * 1000:.0f} ms")
    print(f"(opening the workspace, not included: {ws_open * 1000:.0f} ms)")
    for name, t in (("sample (3 items)", small), ("50 items", large)):
        p95 = t[int(len(t) * 0.95) - 1]
        print(f"{name}: median {statistics.median(t):.2f} ms, p95 {p95:.2f} ms, n={len(t)}")


if __name__ == "__main__":
    main()
