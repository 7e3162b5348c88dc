"""kill -9 in the middle of an `import` batch, then the same command again: the rerun completes
and the output folder holds every order exactly once, each file whole, no temporary files left.

The batch runs as a real process on 200 orders; it is killed (SIGKILL, nothing can clean up)
while it is writing, at a moment when one of its temporary files exists if the timing allows.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.cli.orders_sheet import write_orders

ROOT = Path(__file__).resolve().parents[2]
ORDERS = 200

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


def _command(sheet: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "shipdesk", "import", str(sheet), "--out", str(out)]


def _kill_midway(proc: subprocess.Popen[bytes], out: Path) -> int:
    """SIGKILL once a quarter of the PDFs are written, preferably while a temporary file
    exists; return how many PDFs were there."""
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and proc.poll() is None:
        if out.is_dir() and len(list(out.glob("*.pdf"))) >= ORDERS // 4:
            break
        time.sleep(0.01)
    until = time.monotonic() + 3
    while time.monotonic() < until and proc.poll() is None:
        if any(name.startswith(".") for name in os.listdir(out)):
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    return len(list(out.glob("*.pdf")))


def test_kill_9_midway_then_rerun_gives_every_order_once(tmp_path: Path) -> None:
    sheet, out = tmp_path / "orders.csv", tmp_path / "out"
    names = write_orders(sheet, ORDERS)
    env = {**os.environ, "SHIPDESK_HOME": str(tmp_path / "home"), "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        _command(sheet, out), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    written = _kill_midway(proc, out)
    assert proc.returncode == -signal.SIGKILL
    assert 0 < written < ORDERS, "the batch was not killed midway"

    rerun = subprocess.run(
        _command(sheet, out), env=env, capture_output=True, text=True, timeout=600
    )
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert f"Declarations made: {ORDERS} in " in rerun.stdout
    assert f"PDFs written: {ORDERS}" in rerun.stdout

    files = sorted(p.name for p in out.iterdir())
    assert not [f for f in files if f.startswith(".")], "temporary files left behind"
    assert files == sorted([f"{n}.pdf" for n in names] + [f"{n}.shipdesk.json" for n in names])
    seen = []
    for n in names:
        data = json.loads((out / f"{n}.shipdesk.json").read_text("utf-8"))
        seen.append(data["order_number"])
        pdf = (out / f"{n}.pdf").read_bytes()
        assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF"), n
    assert sorted(seen) == sorted(names)  # every order exactly once
