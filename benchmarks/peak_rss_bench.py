"""Peak memory (RSS) of the batch commands on the worst inputs known, against a 300 MB ceiling.

Each input is generated into a temporary folder (or --keep DIR, reused when there), then each
command runs as its own process (``python -m shipdesk ...`` with a fresh, empty SHIPDESK_HOME):

* ``check --batch``: a 10 MB description line (one word), a line of 100,000 levels of nesting
  and a 5,000-digit number between ordinary lines;
* ``classify --batch``: a 1 MB word, a 10 MB line of ordinary words, and 10,000 shop lines
  (benchmarks/make_classify_lines.py);
* ``import`` (``--no-pdf --no-suggest``): a CSV of one order and 22 million empty lines after
  it, the same with the empty lines before the header, an xlsx with a million trailing empty
  rows, an xlsx of about 34 MB (5,000 orders with a large unmapped column), an xlsx whose shared
  strings hold 600,000 strings (about 16 MB compressed), an xlsx of about 4 MB whose sheet
  unpacks to 4 GB (a zip bomb);
* ``tariff import``: the EU CN xlsx versions of the last four.

The peak RSS of each process comes from wait4 (``ru_maxrss``, the same figure as
``/usr/bin/time -v``'s "Maximum resident set size"). To keep the machine usable a process is
given at most --cap MB of address space (default 3,000) and --timeout seconds (default 300):
a run that reaches either is reported as such, with the peak it had.

Usage: python benchmarks/peak_rss_bench.py [--keep DIR] [--only SUBSTRING] [--cap MB]
       [--timeout S] [--root DIR] [--ceiling MB] [--markdown]
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import random
import resource
import signal
import string
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_classify_lines import make_lines  # noqa: E402

CEILING_MB = 300
SAMPLE_ORDERS = ROOT / "resources" / "samples" / "shopify_orders.csv"


# -- xlsx writing (raw XML, so a million rows take seconds) -------------------------------------
def _col(i: int) -> str:
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def _cells(r: int, values: list[str]) -> str:
    out = []
    for i, v in enumerate(values):
        if v == "":
            continue
        out.append(f'<c r="{_col(i)}{r}" t="inlineStr"><is><t>{escape(v)}</t></is></c>')
    return f'<row r="{r}">{"".join(out)}</row>'


_OOXML = "application/vnd.openxmlformats-officedocument.spreadsheetml."
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{_OOXML}sheet.main+xml"/>'
    f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_OOXML}worksheet+xml"/>'
    "{shared}</Types>"
)
_SHARED_TYPE = (
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WB_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/>{shared}</Relationships>'
)
_SHARED_REL = (
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/sharedStrings" Target="sharedStrings.xml"/>'
)
_SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
_SHEET_TAIL = "</sheetData></worksheet>"


def write_xlsx(
    path: Path, rows: Iterator[str], shared: Iterator[str] | None = None, level: int = 6
) -> None:
    """An xlsx of one sheet whose ``<row>`` elements are ``rows``; ``shared``: the texts of a
    shared-strings part."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as z:
        z.writestr(
            "[Content_Types].xml", _CONTENT_TYPES.format(shared=_SHARED_TYPE if shared else "")
        )
        z.writestr("_rels/.rels", _RELS)
        z.writestr("xl/workbook.xml", _WORKBOOK)
        z.writestr(
            "xl/_rels/workbook.xml.rels", _WB_RELS.format(shared=_SHARED_REL if shared else "")
        )
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            f.write(_SHEET_HEAD.encode())
            buf: list[str] = []
            size = 0
            for row in rows:
                buf.append(row)
                size += len(row)
                if size > 1 << 20:
                    f.write("".join(buf).encode())
                    buf, size = [], 0
            f.write(("".join(buf) + _SHEET_TAIL).encode())
        if shared is not None:
            texts = list(shared)
            with z.open("xl/sharedStrings.xml", "w", force_zip64=True) as f:
                f.write(
                    (
                        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                        f'count="{len(texts)}" uniqueCount="{len(texts)}">'
                    ).encode()
                )
                for i in range(0, len(texts), 10_000):
                    f.write(
                        "".join(
                            f"<si><t>{escape(t)}</t></si>" for t in texts[i : i + 10_000]
                        ).encode()
                    )
                f.write(b"</sst>")


# -- inputs ---------------------------------------------------------------------------------------
def _orders() -> tuple[list[str], list[str]]:
    """The header and the first order row of the shipped Shopify sample."""
    with SAMPLE_ORDERS.open(encoding="utf-8") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1]


def _order_csv(header: list[str], row: list[str]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(header)
    w.writerow(row)
    return buf.getvalue()


def _random_text(rng: random.Random, n: int) -> str:
    return "".join(rng.choices(string.ascii_letters + string.digits + " ", k=n))


def make_check_huge_line(p: Path) -> None:
    line = json.dumps({"description": "x" * 10_000_000, "destination": "US"})
    p.write_text('{"description": "mug", "destination": "US"}\n' + line + "\n", encoding="utf-8")


def make_check_nesting(p: Path) -> None:
    depth = 100_000
    nested = '{"description": "mug", "destination": "US", "x": ' + "[" * depth + "]" * depth + "}"
    digits = '{"description": "mug", "destination": "US", "value": ' + "9" * 5_000 + "}"
    ok = '{"description": "power bank 20000 mAh", "destination": "DE"}'
    p.write_text("\n".join([ok, nested, digits, ok]) + "\n", encoding="utf-8")


def make_classify_huge_word(p: Path) -> None:
    p.write_text("hoodie\n" + "a" * 1_000_000 + "\nmug\n", encoding="utf-8")


def make_classify_huge_line(p: Path) -> None:
    p.write_text("hoodie\n" + "cotton t-shirt " * 700_000 + "\nmug\n", encoding="utf-8")


def make_classify_shop_lines(p: Path) -> None:
    p.write_text("".join(x + "\n" for x in make_lines(10_000, 1_500, 11)), encoding="utf-8")


def make_csv_blank_after(p: Path) -> None:
    header, row = _orders()
    with p.open("w", encoding="utf-8", newline="") as f:
        f.write(_order_csv(header, row))
        block = "\r\n" * 1_000_000
        for _ in range(22):
            f.write(block)


def make_csv_blank_before(p: Path) -> None:
    header, row = _orders()
    with p.open("w", encoding="utf-8", newline="") as f:
        block = "\r\n" * 1_000_000
        for _ in range(22):
            f.write(block)
        f.write(_order_csv(header, row))


def _order_rows(extra: int = 0) -> Iterator[str]:
    header, row = _orders()
    yield _cells(1, header)
    yield _cells(2, row)
    for r in range(3, 3 + extra):
        yield f'<row r="{r}"><c r="A{r}" s="0"/></row>'


def make_xlsx_trailing_empty(p: Path) -> None:
    write_xlsx(p, _order_rows(1_000_000))


def make_xlsx_big_orders(p: Path) -> None:
    header, row = _orders()
    rng = random.Random(34)
    name = header.index("Name")

    def rows() -> Iterator[str]:
        yield _cells(1, [*header, "Notes"])
        for i in range(5_000):
            r = list(row)
            r[name] = f"#{10_000 + i}"
            yield _cells(i + 2, [*r, _random_text(rng, 9_000)])

    write_xlsx(p, rows())


def _shared_texts() -> Iterator[str]:
    rng = random.Random(16)
    for _ in range(600_000):
        yield _random_text(rng, 30)


def make_xlsx_shared_orders(p: Path) -> None:
    write_xlsx(p, _order_rows(), shared=_shared_texts())


def _bomb_rows(first: Iterator[str]) -> Iterator[str]:
    """The given rows, then identical rows (no row numbers, which are optional) until the
    sheet is 4 GB; it compresses about 1,000 to 1."""
    yield from first
    block = ('<row><c t="inlineStr"><is><t>' + "9" * 200 + "</t></is></c></row>") * 4_000
    for _ in range(4 * 10**9 // len(block)):
        yield block


def make_xlsx_bomb_orders(p: Path) -> None:
    write_xlsx(p, _bomb_rows(_order_rows()), level=9)


CN_HEADER = ["CN code", "Description", "Level"]


def _cn_rows(n: int) -> Iterator[str]:
    yield _cells(1, CN_HEADER)
    for i in range(n):
        yield _cells(i + 2, [f"6109 10 {i % 100:02d}", f"- - T-shirt of cotton, kind {i}", "3"])


def make_cn_trailing_empty(p: Path) -> None:
    def rows() -> Iterator[str]:
        yield from _cn_rows(10)
        for r in range(12, 1_000_012):
            yield f'<row r="{r}"><c r="A{r}" s="0"/></row>'

    write_xlsx(p, rows())


def make_cn_big(p: Path) -> None:
    rng = random.Random(35)

    def rows() -> Iterator[str]:
        yield _cells(1, CN_HEADER)
        for i in range(100_000):
            code = f"{rng.randrange(0, 100_000_000):08d}"
            yield _cells(i + 2, [code, "- " + _random_text(rng, 400), str(rng.randrange(1, 5))])

    write_xlsx(p, rows())


def make_cn_shared(p: Path) -> None:
    write_xlsx(p, _cn_rows(10), shared=_shared_texts())


def make_cn_bomb(p: Path) -> None:
    write_xlsx(p, _bomb_rows(_cn_rows(10)), level=9)


@dataclass
class Case:
    name: str
    command: list[str]  # after "python -m shipdesk"; {in} and {out} are filled in
    make: Callable[[Path], None]
    file: str
    stdin: bool = False


CASES = [
    Case(
        "check --batch: 10 MB word",
        ["check", "--batch"],
        make_check_huge_line,
        "check_huge.jsonl",
        True,
    ),
    Case(
        "check --batch: 100,000 levels of nesting, 5,000 digits",
        ["check", "--batch"],
        make_check_nesting,
        "check_nesting.jsonl",
        True,
    ),
    Case(
        "classify --batch: 1 MB word",
        ["classify", "--batch"],
        make_classify_huge_word,
        "classify_word.txt",
        True,
    ),
    Case(
        "classify --batch: 10 MB line of words",
        ["classify", "--batch"],
        make_classify_huge_line,
        "classify_line.txt",
        True,
    ),
    Case(
        "classify --batch: 10,000 shop lines",
        ["classify", "--batch"],
        make_classify_shop_lines,
        "classify_shop.txt",
        True,
    ),
    Case(
        "import: CSV, one order, 22 million empty lines after it",
        ["import", "{in}", "--out", "{out}", "--no-pdf", "--no-suggest"],
        make_csv_blank_after,
        "orders_blank_after.csv",
    ),
    Case(
        "import: CSV, 22 million empty lines, then the header and one order",
        ["import", "{in}", "--out", "{out}", "--no-pdf", "--no-suggest"],
        make_csv_blank_before,
        "orders_blank_before.csv",
    ),
    Case(
        "import: xlsx, one order, a million trailing empty rows",
        ["import", "{in}", "--out", "{out}", "--no-pdf", "--no-suggest"],
        make_xlsx_trailing_empty,
        "orders_trailing.xlsx",
    ),
    Case(
        "import: xlsx of 5,000 orders with a 9 kB column",
        ["import", "{in}", "--out", "{out}", "--no-pdf", "--no-suggest"],
        make_xlsx_big_orders,
        "orders_big.xlsx",
    ),
    Case(
        "import: xlsx, 600,000 shared strings",
        ["import", "{in}", "--out", "{out}", "--no-pdf", "--no-suggest"],
        make_xlsx_shared_orders,
        "orders_shared.xlsx",
    ),
    Case(
        "import: xlsx whose sheet unpacks to 4 GB",
        ["import", "{in}", "--out", "{out}", "--no-pdf", "--no-suggest"],
        make_xlsx_bomb_orders,
        "orders_bomb.xlsx",
    ),
    Case(
        "tariff import: xlsx, 10 lines, a million trailing empty rows",
        ["tariff", "import", "{in}"],
        make_cn_trailing_empty,
        "cn_trailing.xlsx",
    ),
    Case(
        "tariff import: xlsx of 100,000 lines",
        ["tariff", "import", "{in}"],
        make_cn_big,
        "cn_big.xlsx",
    ),
    Case(
        "tariff import: xlsx, 600,000 shared strings",
        ["tariff", "import", "{in}"],
        make_cn_shared,
        "cn_shared.xlsx",
    ),
    Case(
        "tariff import: xlsx whose sheet unpacks to 4 GB",
        ["tariff", "import", "{in}"],
        make_cn_bomb,
        "cn_bomb.xlsx",
    ),
]


@dataclass
class Result:
    exit: str
    peak_mb: float
    seconds: float
    message: str


def run_case(case: Case, path: Path, root: Path, cap_mb: int, timeout: float) -> Result:
    home = tempfile.mkdtemp(prefix="shipdesk-rss-home-")
    out_dir = tempfile.mkdtemp(prefix="shipdesk-rss-out-")
    argv = [a.replace("{in}", str(path)).replace("{out}", out_dir) for a in case.command]
    env = dict(os.environ, SHIPDESK_HOME=home, PYTHONPATH=str(root))

    def limit() -> None:
        cap = cap_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
        os.setsid()

    stdin = path.open("rb") if case.stdin else subprocess.DEVNULL
    err_path = Path(out_dir) / "stderr.txt"
    t0 = time.perf_counter()
    with err_path.open("wb") as err:
        proc = subprocess.Popen(
            [sys.executable, "-m", "shipdesk", *argv],
            stdin=stdin,
            stdout=subprocess.DEVNULL,
            stderr=err,
            cwd=root,
            env=env,
            preexec_fn=limit,
        )
        timed_out = False
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - t0 > timeout:
                os.killpg(proc.pid, signal.SIGKILL)
                timed_out = True
                _, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.05)
    seconds = time.perf_counter() - t0
    if stdin is not subprocess.DEVNULL:
        stdin.close()
    proc.returncode = os.waitstatus_to_exitcode(status)
    lines = [x for x in err_path.read_text(encoding="utf-8", errors="replace").splitlines() if x]
    message = lines[-1] if lines else ""
    if timed_out:
        code = f"killed after {timeout:.0f} s"
    elif "MemoryError" in message or proc.returncode == -signal.SIGKILL:
        code = f"exit {proc.returncode} (out of the {cap_mb} MB cap)"
    else:
        code = f"exit {proc.returncode}"
    return Result(code, usage.ru_maxrss / 1024, seconds, message[:160])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--keep", type=Path, help="folder for the inputs (reused when there)")
    ap.add_argument("--only", help="run the cases whose name contains this")
    ap.add_argument("--cap", type=int, default=3_000, help="address space per process, MB")
    ap.add_argument("--timeout", type=float, default=300.0)
    ap.add_argument("--root", type=Path, default=ROOT, help="ShipDesk source tree to run")
    ap.add_argument("--ceiling", type=float, default=CEILING_MB)
    ap.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = ap.parse_args(argv)

    folder = args.keep or Path(tempfile.mkdtemp(prefix="shipdesk-rss-inputs-"))
    folder.mkdir(parents=True, exist_ok=True)
    cases = [c for c in CASES if args.only is None or args.only in c.name]
    print(
        f"source tree: {args.root}; inputs in {folder}; ceiling {args.ceiling:.0f} MB", flush=True
    )
    if args.markdown:
        print("| command and input | file | result | peak RSS | <= ceiling | time |")
        print("| --- | ---: | --- | ---: | :---: | ---: |")
    worst = 0.0
    for case in cases:
        path = folder / case.file
        if not path.exists():
            case.make(path)
        res = run_case(case, path, args.root, args.cap, args.timeout)
        worst = max(worst, res.peak_mb)
        ok = "yes" if res.peak_mb <= args.ceiling else "NO"
        size = path.stat().st_size / 1e6
        if args.markdown:
            print(
                f"| {case.name} | {size:.1f} MB | {res.exit} | {res.peak_mb:.0f} MB | {ok} | "
                f"{res.seconds:.1f} s |",
                flush=True,
            )
        else:
            print(
                f"{case.name} ({size:.1f} MB): {res.exit}, peak RSS {res.peak_mb:.0f} MB "
                f"[{ok}], {res.seconds:.1f} s" + (f"\n    {res.message}" if res.message else ""),
                flush=True,
            )
    print(f"highest peak: {worst:.0f} MB (ceiling {args.ceiling:.0f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
