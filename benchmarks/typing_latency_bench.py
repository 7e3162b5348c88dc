"""Event-loop latency while typing with the live checks running.

Opens the main window (offscreen Qt, a fresh SHIPDESK_HOME, the real thread pool) over the
sample declaration, then types as a person does, key by key with 20-120 ms between keys (random,
seeded), into the sender and recipient fields, two new rows of the items table (Tab between
cells) and the shipment fields, pausing 300 ms between fields so the re-check (250 ms after the
last edit), the draft save, the HS search and the screening run in between. A 1 ms timer
records every turn of the event loop; a gap between two turns is the time the GUI thread could
not react (a key, a repaint). Reported: the longest gap, the 99th and 50th percentiles, and the
number of gaps over 16 ms (one frame at 60 Hz); then the same for the GUI thread's own CPU time
between two turns, which tells work done on the GUI thread from the thread merely waiting for
a core on a busy machine. ``--profile`` adds the functions that took the most time on the GUI
thread.

    python benchmarks/typing_latency_bench.py [--items 3] [--seed 1] [--profile]
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SENDER = {"name": "Mary Jones", "street": "742 Evergreen Terrace", "city": "Eugene"}
RECIPIENT = {"name": "Claire Dubois", "street": "12 rue de Rivoli", "city": "Paris"}
ROWS = [
    ("Cotton T-shirt, knitted", "2", "0.25", "24.50", "610910", "US"),
    ("Wooden pencils, graphite", "450", "0.450", "18.00", "960910", "PT"),
]
SHIPMENT = {"gross_weight_kg": "1.950", "postal_charges": "12.40", "comments": "Handle with care"}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--items", type=int, default=3, help="items in the declaration at the start")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--min-ms", type=int, default=20)
    ap.add_argument("--max-ms", type=int, default=120)
    ap.add_argument("--profile", action="store_true")
    args = ap.parse_args()

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["SHIPDESK_HOME"] = tempfile.mkdtemp(prefix="shipdesk-typing-")

    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from shipdesk.core.services import declarations, open_workspace
    from shipdesk.gui import workers
    from shipdesk.gui.app import make_app
    from shipdesk.gui.main_window import MainWindow

    ws = open_workspace()
    app = make_app([])
    window = MainWindow(ws)
    decl = declarations.load(ROOT / "resources" / "samples" / "sample.shipdesk.json")
    while len(decl.items) < args.items:
        decl.items.append(
            decl.items[len(decl.items) % 3].__class__(
                **{
                    k: getattr(decl.items[len(decl.items) % 3], k)
                    for k in (
                        "description",
                        "quantity",
                        "net_weight_kg",
                        "value",
                        "hs_code",
                        "origin_country",
                    )
                }
            )
        )
    del decl.items[args.items :]
    window.session.load(decl)
    window.resize(1280, 720)
    window.show()
    rng = random.Random(args.seed)

    # The script: (step, action, argument); actions run from timers, inside the event loop.
    script: list[tuple[str, object]] = []

    def field(page_attr: str, key: str, text: str) -> None:
        script.append(("focus", (page_attr, key)))
        script.extend(("key", ch) for ch in text)
        script.append(("pause", 300))

    script.append(("step", 0))
    for key, text in SENDER.items():
        field("sender", key, text)
    script.append(("step", 1))
    for key, text in RECIPIENT.items():
        field("recipient", key, text)
    script.append(("step", 2))
    for row_values in ROWS:
        script.append(("row", None))
        for col, text in enumerate(row_values):
            script.extend(("key", ch) for ch in text)
            script.append(
                ("press", Qt.Key.Key_Tab if col < len(row_values) - 1 else Qt.Key.Key_Return)
            )
        script.append(("pause", 300))
    for key, text in SHIPMENT.items():
        field("items", key, text)

    ticks: list[float] = []
    cpu: list[float] = []  # the GUI thread's own CPU time at each turn

    def tick() -> None:
        ticks.append(time.perf_counter())
        cpu.append(time.thread_time())

    probe = QTimer()
    probe.setTimerType(Qt.TimerType.PreciseTimer)
    probe.setInterval(1)
    probe.timeout.connect(tick)
    keys = 0
    pos = 0

    def editor_for(page_attr: str, key: str):
        if page_attr == "sender":
            return window.sender_page.form.editors[key]
        if page_attr == "recipient":
            return window.recipient_page.form.editors[key]
        return window.items_page.editors[key]

    def run_next() -> None:
        nonlocal pos, keys
        if pos >= len(script):
            QTimer.singleShot(600, app.quit)  # the last re-check and save
            return
        action, arg = script[pos]
        pos += 1
        delay = rng.randint(args.min_ms, args.max_ms)
        if action == "step":
            window.go_to_step(int(arg))  # type: ignore[call-overload]
        elif action == "focus":
            editor_for(*arg).setFocus(Qt.FocusReason.TabFocusReason)  # type: ignore[misc]
        elif action == "row":
            table = window.items_page.table
            table.setCurrentIndex(table.model().index(len(window.session.decl.items), 0))
            table.setFocus(Qt.FocusReason.TabFocusReason)
        elif action == "key":
            target = QApplication.focusWidget()
            if target is not None:
                QTest.keyClicks(target, str(arg))
                keys += 1
        elif action == "press":
            target = QApplication.focusWidget()
            if target is not None:
                QTest.keyClick(target, arg)  # type: ignore[call-overload]
                keys += 1
        elif action == "pause":
            delay = int(arg)  # type: ignore[call-overload]
        QTimer.singleShot(delay, run_next)

    profiler = None
    if args.profile:
        import cProfile

        profiler = cProfile.Profile()
    QTimer.singleShot(300, probe.start)
    QTimer.singleShot(350, run_next)
    started = time.perf_counter()
    if profiler:
        profiler.enable()
    app.exec()
    if profiler:
        profiler.disable()
    elapsed = time.perf_counter() - started
    probe.stop()
    workers.wait_all(5000)
    window.session.flush()
    stored = [it.description for it in window.session.decl.items[args.items :]]
    ws.close()

    gaps = sorted((b - a) * 1000 for a, b in itertools.pairwise(ticks))
    busy = sorted((b - a) * 1000 for a, b in itertools.pairwise(cpu))
    p99 = gaps[int(0.99 * (len(gaps) - 1))]
    busy_p99 = busy[int(0.99 * (len(busy) - 1))]
    over = sum(1 for g in gaps if g > 16)
    busy_over = sum(1 for g in busy if g > 16)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"typing latency: {keys} keys at {args.min_ms}-{args.max_ms} ms, {args.items} items at "
        f"start, {elapsed:.1f} s, {len(ticks)} loop turns"
    )
    print(
        f"  longest gap {gaps[-1]:.1f} ms, p99 {p99:.1f} ms, median "
        f"{statistics.median(gaps):.2f} ms, gaps over 16 ms: {over}"
    )
    print(
        f"  GUI thread busy between two turns (its CPU time): longest {busy[-1]:.1f} ms, p99 "
        f"{busy_p99:.1f} ms, over 16 ms: {busy_over}; load average {load:.1f}"
    )
    print(f"  typed rows stored: {stored == [r[0] for r in ROWS]}")
    if profiler:
        import pstats

        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


if __name__ == "__main__":
    main()
