"""Cold start of the desktop app, time to the first HS suggestion, and memory.

Each run starts a fresh interpreter (offscreen Qt) that builds the main window exactly as
``python -m shipdesk`` does (open the workspace, make the application, build the window over
the workspace, resume or start a declaration), and reports:
- window shown: from process start (before the interpreter loads) to the first event-loop turn
  after ``show()``;
- first suggestion: from process start to the first ``classification.suggest()`` result, with
  the lookup warmed in the background as the app does;
- RSS (MB) after the first suggestion, i.e. the whole app with the lookup loaded.

    python benchmarks/startup_bench.py [--runs 5]
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
from shipdesk.core.services import classification, open_workspace
from shipdesk.gui import workers
from shipdesk.gui.app import make_app, restore_or_new, warm_up_lookup
ws = open_workspace()
app = make_app([], ui_language=ws.settings.ui_language)
from shipdesk.gui.main_window import MainWindow
w = MainWindow(ws)
restore_or_new(w)
w.show()
out = {}
def shown():
    out["shown"] = time.time() - t_start
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


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
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
