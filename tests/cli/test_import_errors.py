"""`import` when something goes wrong mid-batch: one line on the terminal, the details in the log.

The batch runs as a real process (``python -c`` with the file writer replaced), so what reaches
the terminal is exactly what a user sees: no test-runner logging handler stands in between.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.orders_sheet import write_orders

ROOT = Path(__file__).resolve().parents[2]

DRIVER = """
import errno, sys
from pathlib import Path
from shipdesk.core.exchange import batch
from shipdesk.cli.main import main

real = batch.atomic_write_bytes
calls = []

def writer(path, data):
    calls.append(Path(path).name)
    {body}
    return real(path, data)

batch.atomic_write_bytes = writer
try:
    rc = main(sys.argv[1:])
finally:
    Path({calls_file!r}).write_text("\\n".join(calls))
sys.exit(rc)
"""


def _run(
    tmp_path: Path, body: str, count: int = 12
) -> tuple[subprocess.CompletedProcess[str], list[str], Path]:
    home = tmp_path / "home"
    sheet = tmp_path / "orders.csv"
    write_orders(sheet, count)
    calls_file = tmp_path / "calls.txt"
    code = DRIVER.format(body=body, calls_file=str(calls_file))
    env = {**os.environ, "SHIPDESK_HOME": str(home), "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [sys.executable, "-c", code, "import", str(sheet), "--out", str(tmp_path / "out")],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300,
    )  # fmt: skip
    calls = calls_file.read_text().split("\n") if calls_file.exists() else []
    return proc, calls, home / "logs" / "shipdesk.log"


def test_one_failing_order_is_one_line_and_its_traceback_goes_to_the_log(tmp_path: Path) -> None:
    proc, _calls, log = _run(
        tmp_path,
        'if Path(path).name.startswith("A-1001."): raise RuntimeError("writer exploded")',
    )
    assert "Traceback" not in proc.stderr + proc.stdout
    assert proc.returncode == 1, proc.stderr
    failed = [ln for ln in proc.stdout.splitlines() if "A-1001" in ln]
    assert failed == [
        f"  FAILED A-1001 (row 3): internal error (RuntimeError: writer exploded); details in {log}"
    ]
    assert "Declarations made: 11" in proc.stdout  # the batch went on with the other orders
    text = log.read_text("utf-8")
    assert "Traceback (most recent call last)" in text
    assert "RuntimeError: writer exploded" in text and "A-1001" in text


@pytest.mark.parametrize(
    ("name", "strerror"),
    [("ENOSPC", "No space left on device"), ("EACCES", "Permission denied"),
     ("EROFS", "Read-only file system"), ("EMFILE", "Too many open files")],
)  # fmt: skip
def test_an_error_that_fails_every_order_stops_the_batch_at_once(
    tmp_path: Path, name: str, strerror: str
) -> None:
    # the first two orders are written (declaration and PDF), then the disk is full
    body = f"if len(calls) > 4: raise OSError(errno.{name}, {strerror!r}, str(path))"
    proc, calls, log = _run(tmp_path, body)
    assert "Traceback" not in proc.stderr + proc.stdout
    assert proc.returncode == 2
    assert len(calls) == 5, calls  # nothing tried after the first failure
    err = proc.stderr.strip().splitlines()
    assert len(err) == 1, proc.stderr
    out = tmp_path / "out"
    assert err[0] == (
        f"shipdesk import: Stopped at order A-1002 (row 4): {strerror} "
        f"({out / 'A-1002.shipdesk.json'}); orders not processed: 10 of 12"
    )
    # the summary says what was written
    assert "Declarations made: 2 in " in proc.stdout and "PDFs written: 2" in proc.stdout
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "A-1000.pdf", "A-1000.shipdesk.json", "A-1001.pdf", "A-1001.shipdesk.json",
    ]  # fmt: skip
    text = log.read_text("utf-8")
    assert "Traceback (most recent call last)" in text and strerror in text
