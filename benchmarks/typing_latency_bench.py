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

``--watch`` also starts a watcher in a process of its own (sharing no lock with the app) that
reads every thread's run time and run-queue wait (``/proc/PID/task/*/schedstat``) every 0.5 ms,
and how late it itself woke up. Each gap over 16 ms is then put in one class by what filled it:
(a) the window thread's own work: it ran 16 ms or more; else what it waited for the longest:
(b) another thread of the app ran while the window's thread slept, i.e. it waited for the
interpreter lock ("during the warm-up" when that fell while the lookup was warming up at
start), (c) a stall of the machine: no thread of the app ran and the watcher was not scheduled
either (nothing in the process can cause that), (d) the window's thread waited in the run queue
for a core (other processes on a busy machine). Linux only.

    python benchmarks/typing_latency_bench.py [--items 3] [--seed 1] [--profile] [--no-stacks]
        [--watch] [--resize] [--no-pacing]
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
HOLD_MS = 4.0  # a wake-up of the sleeping thread this much late: the other threads are looked at


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
        # the sleeping thread's late wake-ups: (slept from, woke at, the other threads' stacks)
        self.holds: list[tuple[float, float, list[str]]] = []
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
        """Sleep 1 ms at a time; on waking more than ``HOLD_MS`` late, look at where every
        other thread of the app stands. The thread that held the interpreter lock has just
        given it up at the next line after its long call, so its top frame names that call."""
        me = threading.get_ident()
        skip = {me}
        while not self._stop.is_set():
            t0 = time.perf_counter()
            time.sleep(0.001)
            now = time.perf_counter()
            self.sleeper.append(now)
            if (now - t0) * 1000 - 1 < HOLD_MS:
                continue
            names = {t.ident: t.name for t in threading.enumerate()}
            stacks = []
            for ident, frame in sys._current_frames().items():
                if ident in skip or names.get(ident) == "watchdog":
                    continue
                where = traceback.extract_stack(frame)[-4:]
                name = "GUI" if ident == self._main else names.get(ident, ident)
                stacks.append(
                    f"{name} at "
                    + " < ".join(
                        f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in reversed(where)
                    )
                )
            self.holds.append((t0, now, stacks))

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
        for t0, t1, stacks in self.holds:
            if t0 < b and t1 > a:
                parts.append(
                    f"sleeping thread {ms(t1 - t0 - 0.001)} ms late: " + " | ".join(stacks)
                )
        return "; ".join(parts)


def turn_probe(ticks: list[float], cpu: list[float]):
    """A 1 ms precise timer (not started) that notes, at every turn of the event loop, the
    time and the GUI thread's own CPU time (``time.thread_time``)."""
    from PySide6.QtCore import Qt, QTimer

    def tick() -> None:
        ticks.append(time.perf_counter())
        cpu.append(time.thread_time())

    probe = QTimer()
    probe.setTimerType(Qt.TimerType.PreciseTimer)
    probe.setInterval(1)
    probe.timeout.connect(tick)
    return probe


WATCH_EVERY_S = 0.0005
# A stretch between two of the watcher's samples counts as a stall of the machine when the
# watcher woke up this much later than asked and the app's threads together ran less than a
# tenth of it.
STALL_LATE_S = 0.002


def run_watcher(pid: int, out: str) -> None:
    """The watcher process: sample the run time and run-queue wait of every thread of ``pid``
    (``/proc/PID/task/TID/schedstat``: nanoseconds on a core, nanoseconds runnable but waiting
    for one) every ``WATCH_EVERY_S``, with the time of each sample on the same monotonic clock
    the app's ``time.perf_counter`` reads, until the app ends or SIGTERM. Writes ``out``: one
    line per thread (``thread TID NAME``), then ``t tid:run:wait ...`` per sample."""
    import signal

    stop = False

    def on_term(_sig, _frame) -> None:
        nonlocal stop
        stop = True

    signal.signal(signal.SIGTERM, on_term)
    base = f"/proc/{pid}/task"
    fds: dict[int, int] = {}
    names: dict[int, str] = {}
    samples: list[tuple[float, list[tuple[int, int, int]]]] = []
    next_scan = 0.0
    while not stop:
        now = time.perf_counter()
        if now >= next_scan:  # threads come and go: look for new ones every 20 ms
            next_scan = now + 0.02
            try:
                tids = [int(t) for t in os.listdir(base)]
            except OSError:
                break
            for tid in tids:
                if tid not in fds:
                    try:
                        fds[tid] = os.open(f"{base}/{tid}/schedstat", os.O_RDONLY)
                        with open(f"{base}/{tid}/comm") as f:
                            names[tid] = f.read().strip()
                    except OSError:
                        fds.pop(tid, None)
        row = []
        for tid, fd in list(fds.items()):
            try:
                run, wait = os.pread(fd, 64, 0).split()[:2]
            except (OSError, ValueError):
                os.close(fd)
                del fds[tid]
                continue
            row.append((tid, int(run), int(wait)))
        if not row and not os.path.exists(base):
            break
        samples.append((time.perf_counter(), row))
        time.sleep(WATCH_EVERY_S)
    with open(out, "w") as f:
        for tid, name in names.items():
            f.write(f"thread {tid} {name}\n")
        for t, row in samples:
            f.write(f"{t:.6f} " + " ".join(f"{tid}:{run}:{wait}" for tid, run, wait in row) + "\n")


class Watch:
    """The samples of the watcher process, read back, and the class of each gap."""

    def __init__(self, path: str, gui_tid: int) -> None:
        self.gui = gui_tid
        self.names: dict[int, str] = {}
        self.times: list[float] = []
        self.rows: list[dict[int, tuple[int, int]]] = []
        with open(path) as f:
            for line in f:
                if line.startswith("thread "):
                    _word, tid, *name = line.split()
                    self.names[int(tid)] = " ".join(name)
                    continue
                t, *cells = line.split()
                row = {}
                for cell in cells:
                    tid, run, wait = cell.split(":")
                    row[int(tid)] = (int(run), int(wait))
                self.times.append(float(t))
                self.rows.append(row)

    def late_ms(self) -> float:
        """The watcher's own longest wake-up delay over the run."""
        steps = [b - a for a, b in itertools.pairwise(self.times)]
        return max(steps, default=0.0) * 1000

    def classify(self, a: float, b: float, warm_up: tuple[float, float] | None) -> tuple[str, str]:
        """(class, detail) of the gap from ``a`` to ``b`` (see the module's docstring)."""
        i = max(bisect.bisect_right(self.times, a) - 1, 0)
        j = min(bisect.bisect_left(self.times, b), len(self.times) - 1)
        if j <= i:
            return "?", "no samples of the watcher in the gap"
        first, last = self.rows[i], self.rows[j]

        def delta(tid: int, k: int) -> float:
            if tid not in first or tid not in last:
                return 0.0
            return (last[tid][k] - first[tid][k]) / 1e6

        gui_run, gui_wait = delta(self.gui, 0), delta(self.gui, 1)
        others = {tid: delta(tid, 0) for tid in last if tid != self.gui}
        others_run = sum(others.values())
        stalled = 0.0  # time in which neither the watcher nor any thread of the app ran
        for k in range(i, j):
            t0, t1 = self.times[k], self.times[k + 1]
            span = t1 - t0
            if span < STALL_LATE_S:
                continue
            ran = sum(
                (self.rows[k + 1][tid][0] - run) / 1e9
                for tid, (run, _w) in self.rows[k].items()
                if tid in self.rows[k + 1]
            )
            if ran < span / 10:
                stalled += span - ran - WATCH_EVERY_S
        stalled_ms = stalled * 1000
        gap = (b - a) * 1000
        busiest = max(others, key=lambda t: others[t], default=None)
        detail = (
            f"window thread ran {gui_run:.1f} ms, waited for a core {gui_wait:.1f} ms; other "
            f"threads of the app ran {others_run:.1f} ms"
            + (
                f" (most: {self.names.get(busiest, busiest)} {others[busiest]:.1f} ms)"
                if busiest is not None and others[busiest] >= 0.1
                else ""
            )
            + f"; nothing ran and the watcher was late {stalled_ms:.1f} ms"
        )
        if stalled_ms >= 4 and stalled_ms >= gap - GAP_MS:
            return "c", detail
        if gui_run >= GAP_MS:
            return "a", detail  # its own work alone is over the budget
        # Under the budget by its own work: the rest of the gap was spent waiting, for the
        # lock (another thread of the app ran), a stalled machine or a core.
        parts = {"b": others_run, "c": stalled_ms, "d": gui_wait}
        cls = max(parts, key=lambda k: parts[k])
        if parts[cls] < 1.0:
            cls = "a"
        if cls == "b" and warm_up is not None and a < warm_up[1] and b > warm_up[0]:
            detail += "; during the warm-up"
        return cls, detail


CLASS_NAMES = {
    "a": "(a) the window thread's own work",
    "b": "(b) another thread of the app held the lock (warm-up, pool)",
    "c": "(c) a stall of the machine",
    "d": "(d) waiting for a core behind other processes",
    "?": "(?) not sampled",
}


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
        "--no-pacing",
        action="store_true",
        help="the pool's work does not step aside while the window's thread is busy "
        "(core.pacing): only the thread switch interval is set",
    )
    ap.add_argument(
        "--switch-ms",
        type=float,
        default=0.0,
        help="then set the interpreter's thread switch interval (ms): 5 is Python's default",
    )
    ap.add_argument(
        "--no-stacks", action="store_true", help="no watchdog thread looking at the GUI stack"
    )
    ap.add_argument(
        "--watch",
        action="store_true",
        help="a watcher process samples the app's threads (/proc, every 0.5 ms) and each gap "
        "over 16 ms is classed: own work, lock held by another thread, machine stall, no core",
    )
    ap.add_argument(
        "--resize",
        action="store_true",
        help="resize the window (1280x720 to 1366x768) 1 s before the items step is opened: "
        "its opening then shows whether the hidden steps were laid out again at the new size",
    )
    ap.add_argument("--watcher", nargs=2, metavar=("PID", "OUT"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.watcher:
        run_watcher(int(args.watcher[0]), args.watcher[1])
        return

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["SHIPDESK_HOME"] = tempfile.mkdtemp(prefix="shipdesk-typing-")
    # As an installed copy: the modules' bytecode is there. Without it (PYTHONDONTWRITEBYTECODE,
    # a fresh checkout) each module the warm-up imports is compiled on its thread, 10-20 ms a
    # module with the interpreter lock held.
    import compileall

    compileall.compile_dir(str(ROOT / "shipdesk"), quiet=2)
    load_at_start = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    watcher = watch_out = None
    if args.watch:
        import subprocess

        watch_out = os.path.join(os.environ["SHIPDESK_HOME"], "watch.txt")
        watcher = subprocess.Popen(
            [sys.executable, __file__, "--watcher", str(os.getpid()), watch_out]
        )

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
    load_libraries = getattr(classification, "load_libraries", None)  # absent before the fix
    if load_libraries is not None and not args.no_start_up:
        load_libraries()  # as launch() does before the window shows
        load_encoder = getattr(classification, "load_encoder", None)  # absent before the fix
        if load_encoder is not None:
            load_encoder()
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
            if step == "share_the_interpreter_with_the_window" and args.no_pacing:
                sys.setswitchinterval(getattr(app_module, "SWITCH_INTERVAL_S", 0.005))
            elif start_up is not None:
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
    if args.resize:
        script.append(("resize", (1366, 768)))
        script.append(("pause", 1000))
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
    attribution = Attribution(ticks, watch=not args.no_stacks)
    attribution.install(workers, declarations)

    probe = turn_probe(ticks, cpu)
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
        elif action == "resize":
            window.resize(*arg)  # type: ignore[misc]
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
    watch = None
    if watcher is not None and watch_out is not None:
        watcher.terminate()
        watcher.wait(30)
        watch = Watch(watch_out, threading.main_thread().native_id or os.getpid())
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
        f"{busy_p99:.1f} ms, over 16 ms: {busy_over}; load average {load_at_start:.1f} at "
        f"the start, {load:.1f} at the end"
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
    try:
        from shipdesk.core import pacing
    except ImportError:  # before the pacing
        pass
    else:
        times, seconds = pacing.waited()
        print(
            f"  pool work paced: {pacing.paced()}; it stepped aside for the window {times} "
            f"times, {seconds * 1000:.0f} ms in all"
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
    warm = (warm_up_span[0], warm_up_span[1]) if len(warm_up_span) == 2 else None
    classes: dict[str, int] = {}
    for i, a, b, cpu_ms in late:
        print(
            f"  gap {(b - a) * 1000:.1f} ms at {a - started:.2f} s: "
            f"{attribution.explain(i, a, b, cpu_ms)}"
        )
        if watch is not None:
            cls, detail = watch.classify(a, b, warm)
            classes[cls] = classes.get(cls, 0) + 1
            print(f"    {CLASS_NAMES[cls]}: {detail}")
    if watch is not None:
        print(
            f"  watcher: {len(watch.times)} samples of {len(watch.names)} threads, its longest "
            f"wake-up delay {watch.late_ms():.1f} ms; gaps over {GAP_MS:.0f} ms by class: "
            + ", ".join(f"{CLASS_NAMES[k].split(' ')[0]} {classes.get(k, 0)}" for k in "abcd")
        )
    holds = sorted(attribution.holds, key=lambda h: h[0] - h[1])
    print(
        f"  the sleeping thread woke over {HOLD_MS:g} ms late {len(holds)} times (another "
        "thread held the lock, or no core was free); the longest, with every other thread:"
    )
    for t0, t1, stacks in holds[:6]:
        print(f"    {(t1 - t0 - 0.001) * 1000:.1f} ms at {t0 - started:.2f} s:")
        for line in stacks:
            print(f"      {line}")
    if profiler:
        import pstats

        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


if __name__ == "__main__":
    main()
