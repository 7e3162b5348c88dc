"""Peak memory of `import` and `tariff import` on hostile workbooks.

Builds the files in a temporary folder (raw sheet XML streamed into the zip, as
``tests/xlsx_builder.py`` does), runs each command in a fresh process with a fresh
SHIPDESK_HOME and prints its exit status, wall time and peak RSS (``ru_maxrss`` of that child):

- one order followed by N formatted empty rows (no stored dimension), for `import`;
- a workbook whose shared-strings table holds M texts (`import`);
- an EU CN workbook with N formatted empty rows (`tariff import`);
- a few-MB workbook holding a 1 GB sheet (`tariff import`, refused as a zip bomb).

    .venv/bin/python benchmarks/hostile_imports_bench.py [--rows 1000000] [--strings 1000000]
"""

from __future__ import annotations

import argparse
import itertools
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests import xlsx_builder as xb  # noqa: E402  (the path is set just above)

ORDER_HEAD = ["Order", "Description", "Quantity", "Unit price"]
CN_HEAD = ["CN code", "Description", "Level"]
FORMATTED = 's="1" customFormat="1" ht="15"'


def _bomb(path: Path, gib: float) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", xb._CT)
        z.writestr("_rels/.rels", xb._RELS)
        z.writestr("xl/workbook.xml", xb._WB.format(name="CN"))
        z.writestr("xl/_rels/workbook.xml.rels", xb._WB_RELS)
        z.writestr("xl/sharedStrings.xml", f"<sst {xb._NS}></sst>")
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            f.write(f"<worksheet {xb._NS}><sheetData>".encode())
            chunk = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>' * 20000
            for _ in range(int(gib * 2**30) // len(chunk)):
                f.write(chunk)
            f.write(b"</sheetData></worksheet>")
    return path


def _run(label: str, args: list[str], home: Path) -> None:
    """Run one command; its own peak RSS comes from ``os.wait4`` on that child alone. (Linux
    counts the parent's resident memory at the fork in the child's peak: this process builds
    the files as streams so it stays small.)"""
    env = dict(os.environ, SHIPDESK_HOME=str(home / label), PYTHONPATH=str(ROOT))
    t = time.perf_counter()
    with tempfile.TemporaryFile() as sink:
        proc = subprocess.Popen(
            [sys.executable, "-m", "shipdesk", *args], env=env, stdout=sink, stderr=sink
        )
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - t
    peak_mb = usage.ru_maxrss / 1024  # kilobytes on Linux
    print(f"{label:<28} exit {proc.returncode}  {elapsed:6.1f} s  peak RSS {peak_mb:6.0f} MB")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--strings", type=int, default=1_000_000)
    ap.add_argument("--bomb-gib", type=float, default=1.0)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        blank = ((n, [""]) for n in range(3, a.rows + 3))
        tail = xb.write_xlsx(
            d / "orders_tail.xlsx",
            itertools.chain([(1, ORDER_HEAD), (2, ["1", "Mug", 1, 5])], blank),
            row_attrs=FORMATTED,
        )
        n = a.strings
        strings = xb.write_xlsx(
            d / "orders_strings.xlsx",
            [(1, ORDER_HEAD), (2, ["1", ("s", n - 1), 1, 5])],
            shared=(f"text {i:012d}" for i in range(n)),
        )
        blank = ((n, [""]) for n in range(3, a.rows + 3))
        cn = xb.write_xlsx(
            d / "cn_2026.xlsx",
            itertools.chain([(1, CN_HEAD), (2, ["6109 10 00", "Of cotton", 2])], blank),
            row_attrs=FORMATTED,
        )
        bomb = _bomb(d / "bomb_2026.xlsx", a.bomb_gib)
        out = ["--no-pdf", "--no-suggest"]
        _run("import, empty rows", ["import", str(tail), "--out", str(d / "o1"), *out], d)
        _run("import, shared strings", ["import", str(strings), "--out", str(d / "o2"), *out], d)
        _run("tariff import, empty rows", ["tariff", "import", str(cn)], d)
        _run("tariff import, zip bomb", ["tariff", "import", str(bomb)], d)


if __name__ == "__main__":
    main()
