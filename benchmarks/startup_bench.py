"""Cold start of the desktop app, time to the first HS suggestion, and memory.

Each run starts a fresh interpreter (offscreen Qt) that builds the main window exactly as
``python -m shipdesk`` does (open the workspace, make the application, build the window over
the workspace, resume or start a declaration), and reports:
- window shown: from process start (before the interpreter loads) to the first event-loop turn
  after ``show()``;
- first suggestion: from process start to the first ``classification.suggest()`` result, with
  the lookup warmed in the background as the app does (and, once the window is shown, the heap
  settled and the pool paced as ``launch()`` does);
- RSS (MB) after the first suggestion, i.e. the whole app with the lookup loaded.

``--checks`` measures instead what the start-up's safety work costs on a well-filled user
database (drafts, catalogue, products): opening the workspace as the command line does, against
``services.startup.start`` (the read-only ``PRAGMA quick_check``, the write test, resuming and
the daily online backup), and the backup alone.

    python benchmarks/startup_bench.py [--runs 5] [--checks [--drafts 2000 --rows 20000]]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import json, os, sys, time
t_start = float(sys.argv[1])
from PySide6.QtCore import QTimer
from shipdesk.core.services import classification, startup
from shipdesk.gui import workers
from shipdesk.gui.app import make_app, restore_or_new, warm_up_lookup
ws, report = startup.start()
app = make_app([], ui_language=ws.settings.ui_language)
from shipdesk.gui.main_window import MainWindow
for ahead in ("load_libraries", "load_encoder"):  # as launch() does, where they exist
    if hasattr(classification, ahead):
        getattr(classification, ahead)()
w = MainWindow(ws)
restore_or_new(w, report.resumed)
w.show()
out = {}
def shown():
    out["shown"] = time.time() - t_start
    import shipdesk.gui.app as gui_app
    for step in ("settle_long_lived_heap", "share_the_interpreter_with_the_window"):
        if hasattr(gui_app, step):  # as launch() does once the window is shown
            getattr(gui_app, step)()
    prepare = getattr(w, "prepare_steps", None)  # as launch() does, where there is one
    if prepare is not None:
        prepare()
    warm_up_lookup()
    QTimer.singleShot(0, first)
def first():
    classification.suggest(ws, "wireless earbuds", top=5)
    out["first_suggestion"] = time.time() - t_start
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                out["rss_mb"] = int(line.split()[1]) / 1024
    print(json.dumps(out))
    app.quit()
QTimer.singleShot(0, shown)
app.exec()
workers.wait_all(5000)
ws.close()
"""


def one_run() -> dict[str, float]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    with tempfile.TemporaryDirectory() as home:
        env["SHIPDESK_HOME"] = home
        t0 = time.time()
        proc = subprocess.run(
            [sys.executable, "-c", CHILD, repr(t0)],
            capture_output=True,
            text=True,
            env=env,
            timeout=300,
        )
    if proc.returncode != 0:
        raise SystemExit(proc.stderr)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _fill(drafts: int, rows: int) -> None:
    """A user database with ``drafts`` drafts of the sample declaration and ``rows`` catalogue
    and product rows, in the current SHIPDESK_HOME."""
    from shipdesk.core.paths import resource
    from shipdesk.core.services import declarations, open_workspace

    sample = declarations.load(resource("samples", "sample.shipdesk.json"))
    with open_workspace() as ws:
        for i in range(drafts):
            declarations.save_draft(ws, f"d{i}", sample)
        with ws.db.write() as c:
            c.executemany(
                "INSERT INTO catalogue (description, norm, hs_code, created_at, updated_at) "
                "VALUES (?, ?, '610910', 'x', 'x')",
                [(f"cotton t-shirt model {i}", f"cotton t-shirt model {i}") for i in range(rows)],
            )
            c.executemany(
                "INSERT INTO products (sku_key, sku, name, updated_at) VALUES (?, ?, ?, 'x')",
                [(f"sku{i}", f"SKU{i}", f"Product {i}") for i in range(rows)],
            )


def checks(runs: int, drafts: int, rows: int) -> None:
    from datetime import UTC, datetime, timedelta

    from shipdesk.core.paths import folders
    from shipdesk.core.services import open_workspace, startup
    from shipdesk.core.storage.backups import take_backup

    with tempfile.TemporaryDirectory() as home:
        os.environ["SHIPDESK_HOME"] = home
        _fill(drafts, rows)
        size = (folders().data / "shipdesk.sqlite3").stat().st_size / 1e6
        opened: list[float] = []
        started: list[float] = []
        backup: list[float] = []
        again: list[float] = []
        for i in range(runs + 1):
            t = time.perf_counter()
            open_workspace().close()
            t1 = time.perf_counter()
            day = datetime.now(UTC) + timedelta(days=i)
            ws, report = startup.start(now=day)
            t2 = time.perf_counter()
            take_backup(ws.db, Path(home) / "extra")
            t3 = time.perf_counter()
            ws.close()
            assert report.backup_taken is not None
            t4 = time.perf_counter()
            ws, report = startup.start(now=day)  # the same day again: no backup due
            t5 = time.perf_counter()
            ws.close()
            assert report.backup_taken is None
            if i:  # the first round warms the OS file cache
                opened.append(t1 - t)
                started.append(t2 - t1)
                backup.append(t3 - t2)
                again.append(t5 - t4)
    print(f"start-up checks, {runs} runs, database {size:.1f} MB ({drafts} drafts, {rows} rows)")
    for name, vals in (
        ("open_workspace", opened),
        ("startup.start", started),
        ("  same day", again),
        ("online backup", backup),
    ):
        print(f"  {name:15s} median {statistics.median(vals) * 1000:7.1f} ms")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--checks", action="store_true", help="measure the start-up checks")
    ap.add_argument("--drafts", type=int, default=2000)
    ap.add_argument("--rows", type=int, default=20000)
    args = ap.parse_args()
    if args.checks:
        checks(args.runs, args.drafts, args.rows)
        return
    one_run()  # warm the OS file cache once, as a second start on a user's PC would be
    runs = [one_run() for _ in range(args.runs)]
    print(f"startup benchmark, {args.runs} runs, {os.cpu_count()} cores, offscreen Qt")
    for key, unit in (("shown", "s"), ("first_suggestion", "s"), ("rss_mb", "MB")):
        vals = [r[key] for r in runs]
        print(
            f"  {key:17s} median {statistics.median(vals):7.2f} {unit}   "
            f"min {min(vals):7.2f}   max {max(vals):7.2f}"
        )


if __name__ == "__main__":
    main()
