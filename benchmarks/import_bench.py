"""Spreadsheet import speed and memory.

Generates order files (xlsx and csv, Shopify-style columns plus weight/HS/origin, two lines per
order) in a temporary folder, then times ``import_orders`` and reports the Python heap peak
(tracemalloc) and the process's peak RSS. Optionally times the batch (screening + validation,
no PDFs) and PDF rendering over a sample of the declarations.

    .venv/bin/python benchmarks/import_bench.py [--rows 10000] [--batch 1000] [--pdf 50]
"""

from __future__ import annotations

import argparse
import csv
import gc
import os
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

HEAD = ["Name", "Email", "Financial Status", "Currency", "Shipping", "Created at",
        "Lineitem quantity", "Lineitem name", "Lineitem price", "Lineitem sku",
        "Shipping Name", "Shipping Address1", "Shipping City", "Shipping Zip",
        "Shipping Province", "Shipping Country", "HS code", "Weight (g)",
        "Country of origin", "Gross weight (kg)"]  # fmt: skip
PRODUCTS = [("Organic cotton T-shirt", "19.00", "610910", 180, "PT"),
            ("Ceramic coffee mug", "16.00", "691200", 350, "DE"),
            ("Wool scarf, knitted", "45.00", "611710", 120, "IT"),
            ("Leather wallet", "29.90", "420231", 90, "ES")]  # fmt: skip
DESTS = [("Jane Miller", "12 Oak Street", "Springfield", "62704", "IL", "US"),
         ("Takeshi Sato", "3-2-1 Shibuya", "Shibuya-ku", "150-0002", "Tokyo", "JP"),
         ("Emma Wilson", "48 Harbour Road", "Bristol", "BS1 5DB", "", "GB")]  # fmt: skip


def rows(n: int) -> list[list[object]]:
    out: list[list[object]] = []
    for i in range(n):
        order = i // 2
        desc, price, hs, grams, origin = PRODUCTS[i % len(PRODUCTS)]
        name, street, city, zipc, prov, country = DESTS[order % len(DESTS)]
        first = i % 2 == 0
        out.append([f"#{10000 + order}", "buyer@example.com" if first else "",
                    "paid" if first else "", "EUR" if first else "", "9.90" if first else "",
                    "2026-11-20 09:14:03 +0100" if first else "", 1 + i % 3, desc, price,
                    f"SKU-{i % 50}", name if first else "", street if first else "",
                    city if first else "", zipc if first else "", prov if first else "",
                    country if first else "", hs, grams, origin,
                    "1.2" if first else ""])  # fmt: skip
    return out


def write_files(folder: Path, n: int) -> tuple[Path, Path]:
    import openpyxl

    data = rows(n)
    csv_path = folder / f"orders_{n}.csv"
    with csv_path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(HEAD)
        w.writerows(data)
    xlsx_path = folder / f"orders_{n}.xlsx"
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Orders")
    ws.append(HEAD)
    for r in data:
        ws.append(r)
    wb.save(xlsx_path)
    return csv_path, xlsx_path


def measure(path: Path) -> tuple[float, float, int, int]:
    """(seconds, heap peak MiB, declarations, rejected rows); the time is taken in a run
    without tracemalloc (which slows Python code down several times), the peak in another."""
    from shipdesk.core.exchange.orders import import_orders
    from shipdesk.core.model import Party

    sender = Party(name="Bench", country="DE")
    gc.collect()
    t = time.perf_counter()
    res = import_orders(path, sender=sender)
    dt = time.perf_counter() - t
    orders, rejected = len(res.orders), len(res.rejected)
    del res
    gc.collect()
    tracemalloc.start()
    import_orders(path, sender=sender)
    _cur, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return dt, peak / 1048576, orders, rejected


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=10_000)
    ap.add_argument("--batch", type=int, default=1000, help="declarations through the batch")
    ap.add_argument("--pdf", type=int, default=50, help="declarations rendered to PDF")
    args = ap.parse_args()
    os.environ.setdefault("SHIPDESK_HOME", tempfile.mkdtemp(prefix="shipdesk-bench-"))
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for n in (args.rows, args.rows * 2):
            csv_path, xlsx_path = write_files(folder, n)
            for p in (csv_path, xlsx_path):
                dt, peak, orders, rejected = measure(p)
                print(f"import {p.suffix:5} {n:>6} rows ({p.stat().st_size / 1048576:5.1f} MiB):"
                      f" {dt:6.2f} s, {n / dt:8.0f} rows/s, heap peak {peak:6.1f} MiB "
                      f"({peak * 1024 / n:4.2f} KiB/row), {orders} declarations, "
                      f"{rejected} rejected")  # fmt: skip
        if args.batch or args.pdf:
            from shipdesk.core.exchange.orders import import_orders
            from shipdesk.core.model import Party
            from shipdesk.core.paths import Folders
            from shipdesk.core.services import imports, open_workspace

            home = folder / "home"  # a fresh workspace: no catalogue, default settings
            ws = open_workspace(Folders(home / "data", home / "config", home / "cache",
                                        home / "logs"))  # fmt: skip

            res = import_orders(csv_path, sender=Party(name="Bench", street="Lindenweg 3",
                                city="Freiburg", postcode="79098", country="DE"))  # fmt: skip
            decls = res.declarations
            if args.batch:
                t = time.perf_counter()
                options = imports.ImportOptions(folder / "batch", render_pdf=False)
                s = imports.run_batch(ws, decls[: args.batch], options)
                dt = time.perf_counter() - t
                reasons: dict[str, int] = {}
                for o in s.outcomes:
                    for r in o.reasons()[:1]:
                        reasons[r] = reasons.get(r, 0) + 1
                print(f"batch (screen + validate + write json), {args.batch} declarations: "
                      f"{dt:6.2f} s, {dt / args.batch * 1000:5.1f} ms each; "
                      f"ok {s.count('ok')}, to check {s.count('check')}, "
                      f"blocked {s.count('blocked')}, failed {s.count('failed')}")  # fmt: skip
                for r, k in sorted(reasons.items(), key=lambda kv: -kv[1])[:3]:
                    print(f"  {k} x {r}")
            if args.pdf:
                t = time.perf_counter()
                s = imports.run_batch(ws, decls[: args.pdf], imports.ImportOptions(folder / "pdf"))
                dt = time.perf_counter() - t
                print(f"batch with PDFs, {args.pdf} declarations: {dt:6.2f} s, "
                      f"{dt / args.pdf * 1000:5.0f} ms each, {s.pdfs} PDFs")  # fmt: skip
            ws.close()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"process peak RSS: {rss:.0f} MiB")


if __name__ == "__main__":
    main()
