"""Time declaration validation as the GUI calls it on every edit.

Prints: the first call in a fresh process (loads the nomenclature, profiles, rate tables, address
data), then the median and 95th percentile of repeated calls on the sample declaration and on a
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
    from shipdesk.core.exchange.declaration_json import load_file
    from shipdesk.core.model import Declaration
    from shipdesk.core.validation import validate

    decl = load_file(ROOT / "resources" / "samples" / "sample.shipdesk.json")
    validate(decl, operator="upu")
    first = time.perf_counter() - t0

    def timings(d: Declaration, n: int) -> list[float]:
        out = []
        for _ in range(n):
            t = time.perf_counter()
            validate(d, operator="upu")
            out.append((time.perf_counter() - t) * 1000)
        return sorted(out)

    small = timings(decl, 200)
    big = decl.copy()
    big.items = [decl.items[i % len(decl.items)] for i in range(50)]
    big.gross_weight_kg = "40"
    large = timings(big, 50)
    print(f"first call incl. imports and data loading: {first * 1000:.0f} ms")
    for name, t in (("sample (3 items)", small), ("50 items", large)):
        p95 = t[int(len(t) * 0.95) - 1]
        print(f"{name}: median {statistics.median(t):.2f} ms, p95 {p95:.2f} ms, n={len(t)}")


if __name__ == "__main__":
    main()
