"""Time the duty estimate of a 50-item declaration, as the review step calls it on every check.

The estimate goes through ``services.duties.estimate`` with a workspace (its rate book and its
national tariff store). A small US HTS file (the lines of the items' codes) is imported into the
fresh SHIPDESK_HOME first, so the tariff path is timed too. Cases, each after one warm-up call:

* DE, EUR 3 flat duty per subheading and import VAT (50 items of EUR 2.50, 25 subheadings);
* GB over GBP 135 with a USD declaration (conversion, duty rate not known: no UK tariff);
* US after the section 122 period: the HTS general rate of every item, from the imported tariff.

Prints the first call in a fresh process (imports, data files, tariff lines), then the median
and 95th percentile of 200 calls per case (wall clock) and the CPU time per call (steadier on
a busy machine), and the size of the shipped duty data. Run:
``SHIPDESK_HOME=$(mktemp -d) .venv/bin/python benchmarks/duties_bench.py``
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

HTS = """\
"HTS Number","Indent","Description","Unit of Quantity","General Rate of Duty"
"6109.10.00","0","T-shirts of cotton","doz. kg","16.5%"
"6110.20.20","0","Sweaters of cotton","doz. kg","16.5%"
"6204.42.30","0","Dresses of cotton","doz. kg","8.4%"
"8518.30.20","0","Headphones","No.","4.9%"
"4202.22.15","0","Handbags of plastics","No.","16%"
"""
CODES = ["61091000", "61102020", "62044230", "85183020", "42022215"]


def main() -> None:
    t0 = time.perf_counter()
    from shipdesk.core.model import Declaration, Item, Party
    from shipdesk.core.services import data, duties, open_workspace

    t_ws = time.perf_counter()
    ws = open_workspace()
    with tempfile.TemporaryDirectory() as tmp:
        hts = Path(tmp) / "hts_2026.csv"
        hts.write_text(HTS, "utf-8")
        data.import_national(ws, hts)
    setup = time.perf_counter() - t_ws

    def decl(dest: str, ccy: str, day: str, codes: list[str], low: bool = False) -> Declaration:
        return Declaration(
            currency=ccy,
            sender=Party(name="S", country="CN"),
            recipient=Party(name="R", country=dest),
            items=[
                Item(
                    description=f"item {i}",
                    value="2.50" if low else f"{3 + i % 7}.50",
                    origin_country="CN",
                    hs_code=codes[i % len(codes)],
                )
                for i in range(50)
            ],
            postal_charges="12.00",
            date=day,
        )

    eu_codes = [f"6109{10 + i:02d}" for i in range(25)]
    cases = {
        "DE, flat duty per subheading + VAT": decl("DE", "EUR", "2026-12-01", eu_codes, True),
        "GB over GBP 135, USD declaration": decl("GB", "USD", "2026-12-01", CODES),
        "US, HTS rate of each item (tariff)": decl("US", "USD", "2026-08-01", CODES),
    }
    t1 = time.perf_counter()
    first_est = duties.estimate(ws, next(iter(cases.values())))
    first = (t1 - t0) + (time.perf_counter() - t1)
    rows = []
    for name, d in cases.items():
        est = duties.estimate(ws, d)  # warm-up
        times = []
        cpu0 = time.process_time()
        for _ in range(200):
            t = time.perf_counter()
            duties.estimate(ws, d)
            times.append((time.perf_counter() - t) * 1000)
        cpu = (time.process_time() - cpu0) * 1000 / 200
        times.sort()
        rows.append((name, statistics.median(times), times[int(len(times) * 0.95)], cpu, est))
    ws.close()
    from shipdesk.core.duties.data import duty_data

    print(
        f"first call incl. imports and data loading: {first * 1000:.0f} ms "
        f"(setup, not included: {setup * 1000:.0f} ms; lines {len(first_est.lines)})"
    )
    print("| case | median | p95 | CPU per call | lines | not estimated |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name, med, p95, cpu, est in rows:
        print(
            f"| {name} | {med:.2f} ms | {p95:.2f} ms | {cpu:.2f} ms | {len(est.lines)} "
            f"| {len(est.unknown)} |"
        )
    print(
        f"shipped duty data: {duty_data().size_bytes():,} bytes in {len(duty_data().files)} files"
    )


if __name__ == "__main__":
    main()
