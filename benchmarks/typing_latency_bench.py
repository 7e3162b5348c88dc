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

Every gap over 16 ms is then attributed: the garbage collections that overlapped it (timed with
``gc.callbacks``: generation, thread, duration), the pool tasks running during
it (the ``workers`` task wrapper, timed: what ran, its thread, its own CPU time), the GUI thread's
own CPU time in the gap and where its Python code stood (a watchdog thread looks at the GUI
thread's stack while the loop is late), and whether a second Python thread that only sleeps 1 ms
at a time was kept from running too (then the interpreter lock was held, or the process had no
core). The turns that open each step are reported on their own, with the GUI thread's CPU time
in the longest of them (it does not depend on the machine's load) and what overlapped it.

    python benchmarks/typing_latency_bench.py [--items 3] [--seed 1] [--profile] [--no-watch]
"""

from __future__ import annotations

import argparse
import bisect
import gc
import itertools
import os
import random
import statistics
import sys
import tempfile
import threading
import time
import traceback
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
GAP_MS = 16.0


class Attribution:
    """What else happened while the event loop was late: collections, pool tasks, draft writes,
    the GUI thread's stack, and a sleeping thread that could not wake up."""

    def __init__(self, ticks: list[float], watch: bool) -> None:
        self.ticks = ticks
        self.gcs: list[tuple[float, float, int, str, int]] = []  # start, end, gen, thread, freed
        self.tasks: list[tuple[float, float, str, str, float]] = []  # start, end, what, thread, cpu
        self.writes: list[tuple[float, float, str]] = []  # draft saves: start, end, thread
        self.stacks: dict[int, str] = {}  # tick index -> the GUI thread's stack while late
        self.sleeper: list[float] = []  # wake-ups of a thread sleeping 1 ms at a time
        self._gc_start: dict[int, float] = {}
        self._watch = watch
        self._stop = threading.Event()
        self._main = threading.main_thread().ident

    def install(self, workers, declarations) -> None:
        gc.callbacks.append(self._on_gc)
        run = workers._Task.run
        attribution = self

        def timed_run(task) -> None:
            t0, c0 = time.perf_counter(), time.thread_time()
            try:
                run(task)
            finally:
                what = getattr(task.fn, "__qualname__", repr(task.fn)).replace(".<locals>", "")
                attribution.tasks.append(
                    (
                        t0,
                        time.perf_counter(),
                        what,
                        threading.current_thread().name,
                        time.thread_time() - c0,
                    )
                )

        workers._Task.run = timed_run
        save = declarations.save_draft

        def timed_save(*a, **kw):
            t0 = time.perf_counter()
            try:
                return save(*a, **kw)
            finally:
                self.writes.append((t0, time.perf_counter(), threading.current_thread().name))

        declarations.save_draft = timed_save
        threading.Thread(target=self._sleep_probe, name="sleep-probe", daemon=True).start()
        if self._watch:
            threading.Thread(target=self._watchdog, name="watchdog", daemon=True).start()

    def stop(self) -> None:
        self._stop.set()
        gc.callbacks.remove(self._on_gc)

    def _on_gc(self, phase: str, info: dict) -> None:
        ident = threading.get_ident()
        if phase == "start":
            self._gc_start[ident] = time.perf_counter()
            return
        t0 = self._gc_start.pop(ident, None)
        if t0 is not None:
            name = "GUI" if ident == self._main else threading.current_thread().name
            self.gcs.append((t0, time.perf_counter(), info["generation"], name, info["collected"]))

    def _sleep_probe(self) -> None:
        while not self._stop.is_set():
            time.sleep(0.001)
            self.sleeper.append(time.perf_counter())

    def _watchdog(self) -> None:
        while not self._stop.is_set():
            time.sleep(0.004)
            n = len(self.ticks)
            late = n and (time.perf_counter() - self.ticks[-1]) * 1000 > GAP_MS
            if late and n - 1 not in self.stacks:
                frame = sys._current_frames().get(self._main)
                where = traceback.extract_stack(frame, limit=None)[-3:] if frame else []
                self.stacks[n - 1] = " < ".join(
                    f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in reversed(where)
                )

    def explain(self, i: int, a: float, b: float, cpu_ms: float) -> str:
        """One line: what overlapped the gap between turns i and i+1 (from a to b)."""

        def ms(x: float) -> str:
            return f"{x * 1000:.1f}"

        parts = [f"GUI CPU {cpu_ms:.1f} ms"]
        for t0, t1, gen, thread, freed in self.gcs:
            if t0 < b and t1 > a:
                parts.append(f"gc gen{gen} {ms(t1 - t0)} ms on {thread} (freed {freed})")
        for t0, t1, what, thread, cpu_s in self.tasks:
            if t0 < b and t1 > a:
                overlap = min(t1, b) - max(t0, a)
                parts.append(
                    f"task {what} on {thread}: {ms(t1 - t0)} ms, CPU {ms(cpu_s)} ms, "
                    f"{ms(overlap)} ms of it in the gap"
                )
        for t0, t1, thread in self.writes:
            if t0 < b and t1 > a:
                parts.append(f"draft write {ms(t1 - t0)} ms on {thread}")
        late = [y - x for x, y in itertools.pairwise(self.sleeper) if x < b and y > a]
        if late:
            parts.append(f"sleeping thread's longest wait {ms(max(late))} ms")
        if i in self.stacks:
            parts.append(f"GUI thread at {self.stacks[i]}")
        return "; ".join(parts)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--items", type=int, default=3, help="items in the declaration at the start")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--min-ms", type=int, default=20)
    ap.add_argument("--max-ms", type=int, default=120)
    ap.add_argument("--profile", action="store_true")
    ap.add_argument(
        "--no-start-up",
        action="store_true",
        help="skip what launch() does once the window is shown (heap settled, thread switch "
        "interval, lookup warmed up): the first HS search then loads the lookup on the pool",
    )
    ap.add_argument(
        "--switch-ms",
        type=float,
        default=0.0,
        help="then set the interpreter's thread switch interval (ms): 5 is Python's default",
    )
    ap.add_argument(
        "--no-watch", action="store_true", help="no watchdog thread looking at the GUI stack"
    )
    args = ap.parse_args()

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["SHIPDESK_HOME"] = tempfile.mkdtemp(prefix="shipdesk-typing-")

    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from shipdesk.core.services import classification, declarations, open_workspace
    from shipdesk.gui import app as app_module
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
    # Then as launch() goes on: the heap settled, the lookup warmed up in the background while
    # the typing begins (a clerk types at once).
    warm_up_span: list[float] = []
    warm_up = classification.warm_up

    def timed_warm_up() -> None:
        warm_up_span.append(time.perf_counter())
        try:
            warm_up()
        finally:
            warm_up_span.append(time.perf_counter())

    classification.warm_up = timed_warm_up  # type: ignore[assignment]
    if not args.no_start_up:
        for step in ("settle_long_lived_heap", "share_the_interpreter_with_the_window"):
            start_up = getattr(app_module, step, None)  # absent before the fix
            if start_up is not None:
                start_up()
        app_module.warm_up_lookup()
        prepare = getattr(window, "prepare_steps", None)  # absent before the idle layout
        if prepare is not None:
            prepare()
    if args.switch_ms:
        sys.setswitchinterval(args.switch_ms / 1000)
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
    attribution = Attribution(ticks, watch=not args.no_watch)
    attribution.install(workers, declarations)

    def tick() -> None:
        ticks.append(time.perf_counter())
        cpu.append(time.thread_time())

    probe = QTimer()
    probe.setTimerType(Qt.TimerType.PreciseTimer)
    probe.setInterval(1)
    probe.timeout.connect(tick)
    keys = 0
    pos = 0
    step_opened: list[tuple[int, float]] = []  # (step, when its action ran)

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
            step_opened.append((int(arg), time.perf_counter()))  # type: ignore[call-overload]
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
    attribution.stop()
    workers.wait_all(5000)
    window.session.flush()
    stored = [it.description for it in window.session.decl.items[args.items :]]
    ws.close()

    late = [
        (i, a, b, (cpu[i + 1] - cpu[i]) * 1000)
        for i, (a, b) in enumerate(itertools.pairwise(ticks))
        if (b - a) * 1000 > GAP_MS
    ]
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
    gc_gui = [t1 - t0 for t0, t1, _g, th, _f in attribution.gcs if th == "GUI"]
    gc_pool = [t1 - t0 for t0, t1, _g, th, _f in attribution.gcs if th != "GUI"]
    print(
        f"  garbage collections: {len(gc_gui)} on the GUI thread (longest "
        f"{max(gc_gui, default=0) * 1000:.1f} ms), {len(gc_pool)} on other threads (longest "
        f"{max(gc_pool, default=0) * 1000:.1f} ms); generation 2: "
        f"{sum(1 for g in attribution.gcs if g[2] == 2)}; objects tracked at the end "
        f"{len(gc.get_objects())}; thread switch interval {sys.getswitchinterval() * 1000:g} ms"
    )
    if len(warm_up_span) == 2:
        w0, w1 = warm_up_span
        during = [g for g in late if g[1] < w1 and g[2] > w0]
        print(
            f"  start-up warm-up of the tariff lookup from {w0 - started:.2f} s to "
            f"{w1 - started:.2f} s: {len(during)} of the gaps over {GAP_MS:.0f} ms during it, "
            f"{len(late) - len(during)} after"
        )
    frozen = gc.get_freeze_count() if hasattr(gc, "get_freeze_count") else 0
    print(f"  objects frozen out of the collector's reach: {frozen}")
    for step, when in step_opened:
        # Opening a step: the turn that ran the action and the turns of the next 50 ms (the
        # first layout and painting come a turn or two later, as posted events).
        first = bisect.bisect_right(ticks, when) - 1
        last = bisect.bisect_right(ticks, when + 0.05)
        span = [
            ((ticks[k + 1] - ticks[k]) * 1000, (cpu[k + 1] - cpu[k]) * 1000, k)
            for k in range(max(first, 0), min(last, len(ticks) - 1))
        ]
        if span:
            gap, work, k = max(span)
            print(
                f"  opening step {step + 1}: longest gap {gap:.1f} ms, GUI CPU in the longest "
                f"turn {max(w for _g, w, _k in span):.1f} ms; the gap: "
                + attribution.explain(k, ticks[k], ticks[k + 1], work)
            )
    for i, a, b, cpu_ms in late:
        print(
            f"  gap {(b - a) * 1000:.1f} ms at {a - started:.2f} s: "
            f"{attribution.explain(i, a, b, cpu_ms)}"
        )
    if profiler:
        import pstats

        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


if __name__ == "__main__":
    main()
