"""Time PDF rendering: one 50-item CN 23, and a batch of declarations written to files.

Prints: the first render in a fresh process (font registration included), the median and 95th
percentile of a 50-item CN 23 (2 sheets, one copy), the same for the sample declaration with
``form=all`` (CN 23 + invoice + packing list), and the wall time of ``render_many`` over a batch
(default 1,000 declarations of 1 to 5 items, ``form=auto``, the operator's copies).
Single renders go through ``services.declarations.render`` with a workspace, as the documents
page and ``shipdesk render`` call it; the batch gets the same workspace's rate book. Opening the
workspace (once at start in the app) is timed apart and left out of the first render.
Run: ``SHIPDESK_HOME=$(mktemp -d) .venv/bin/python benchmarks/render_bench.py [--batch N]``
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

if TYPE_CHECKING:
    from shipdesk.core.model import Declaration


def _timings(fn: Callable[[], object], n: int) -> list[float]:
    out = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return sorted(out)


def _summary(name: str, ms: list[float]) -> str:
    p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))]
    return f"{name}: median {statistics.median(ms):.1f} ms, p95 {p95:.1f} ms ({len(ms)} runs)"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--batch", type=int, default=1000, help="declarations in the batch run")
    ap.add_argument("--runs", type=int, default=30)
    args = ap.parse_args()

    t0 = time.perf_counter()
    from shipdesk.core.documents import render_many
    from shipdesk.core.services import declarations, open_workspace

    t_ws = time.perf_counter()
    ws = open_workspace()  # the app opens it once at start: not part of the first render
    ws_open = time.perf_counter() - t_ws

    def render(decl: Declaration, **kw: Any) -> bytes:
        return declarations.render(ws, decl, operator="upu", **kw)

    sample = declarations.load(ROOT / "resources" / "samples" / "sample.shipdesk.json")
    render(sample, form="cn23", copies=1)
    first = time.perf_counter() - t0 - ws_open
    print(f"first render in a fresh process (imports, fonts): {first:.2f} s")
    print(f"(opening the workspace, not included: {ws_open * 1000:.0f} ms)")

    big = sample.copy()
    big.items = [sample.items[i % len(sample.items)] for i in range(50)]
    big.gross_weight_kg = "40"
    ms = _timings(lambda: render(big, form="cn23", copies=1), args.runs)
    pages = len(render(big, form="cn23", copies=1).split(b"/Type /Page\n")) - 1
    print(_summary(f"CN 23 with 50 items ({pages} sheets)", ms) + "  [target <= 200 ms]")
    ms = _timings(lambda: render(sample, form="all"), args.runs)
    print(_summary("sample, form=all (CN 23 + invoice x2 + packing list)", ms))

    decls = []
    for i in range(args.batch):
        d = sample.copy()
        d.items = [sample.items[(i + k) % len(sample.items)] for k in range(1 + i % 5)]
        d.item_id = ""
        d.invoice_number = f"INV-{i + 1:05d}"
        decls.append(d)
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        paths = render_many(decls, tmp, form="auto", paper="a4", operator="upu", rates=ws.rates)
        wall = time.perf_counter() - t
        size = sum(p.stat().st_size for p in paths) / len(paths) / 1024
    print(
        f"batch: {len(paths)} declarations in {wall:.1f} s ({wall / len(paths) * 1000:.1f} ms "
        f"each, {size:.0f} KiB per PDF) on {os.cpu_count()} CPUs  [target <= 60 s for 1,000]"
    )
    ws.close()


if __name__ == "__main__":
    main()
