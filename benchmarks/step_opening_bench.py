"""The turns that open each step, in CPU time of the window's thread.

Opens the main window as ``launch()`` does (offscreen Qt, a fresh SHIPDESK_HOME, the encoder
set up before the window, then the heap settled, the pool paced, the hidden steps prepared and
the lookup warmed up in the background) over the sample declaration grown to ``--items``
items, waits until that start-up work is over, then moves through the steps as a person does
(sender, recipient, items, review, documents, and the PDF made and shown there), ``--rounds``
times, 400 ms apart, typing a few keys into a field of each of the first three steps (so the
checks run and the declaration changes between openings). A 1 ms timer notes the window
thread's CPU time (``time.thread_time``) at every turn of its event loop, as
``typing_latency_bench.py`` does; for each opening the CPU between two turns is taken over the
300 ms after the step was asked for, and the longest (the turn that blocked the most) is
reported, with the median of the sum of all of them (the 1 ms timer itself costs about 8 ms of
that sum). CPU time of the window's own thread does not depend on the machine's load (a
wall-clock gap does), so the figures can be compared across loads; they still grow a little
with it (caches shared with other processes).

"PDF asked" is the turn of Create PDF (Enter on the Documents step) and the ones after it until
the PDF comes; "PDF shown" the turns after it came.

``--profile STEP`` runs cProfile over the openings of that step (1-5, 6 for the PDF shown);
``--events`` times every event the application delivers at the top level (``notify``) and
lists the costliest of each opening (receiver class and name, event type, CPU ms).

    python benchmarks/step_opening_bench.py [--items 3] [--rounds 5] [--events]
        [--profile 3]
"""

from __future__ import annotations

import argparse
import bisect
import copy
import os
import statistics
import sys
import tempfile
import threading
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from typing_latency_bench import turn_probe  # noqa: E402

WINDOW_MS = 300  # the turns of an opening: the ones in this long after it was asked for
BETWEEN_MS = 400
TYPED = " xy"  # typed on the first three steps of each round, a key every 60 ms
STEP_NAMES = ["sender", "recipient", "items", "review", "documents", "PDF shown", "PDF asked"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--items", type=int, default=3)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--profile", type=int, default=0, help="cProfile the openings of step N")
    ap.add_argument("--events", action="store_true", help="time the events of each opening")
    ap.add_argument(
        "--nested", action="store_true", help="with --events: the paints and layouts inside too"
    )
    ap.add_argument("--no-pdf", action="store_true", help="leave out making the PDF")
    args = ap.parse_args()

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["SHIPDESK_HOME"] = tempfile.mkdtemp(prefix="shipdesk-steps-")
    import compileall

    compileall.compile_dir(str(ROOT / "shipdesk"), quiet=2)
    load_at_start = os.getloadavg()[0]

    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QWidget

    events: list[tuple[float, float, str]] = []  # (when, CPU ms, what)
    NESTED = {QEvent.Type.Paint, QEvent.Type.LayoutRequest, QEvent.Type.Resize}

    class TimedApp(QApplication):
        depth = 0

        def notify(self, receiver: QObject, event: QEvent) -> bool:
            if TimedApp.depth and not (args.nested and event.type() in NESTED):
                return super().notify(receiver, event)
            TimedApp.depth += 1
            c0 = time.thread_time()
            try:
                return super().notify(receiver, event)
            finally:
                TimedApp.depth -= 1
                spent = (time.thread_time() - c0) * 1000
                if spent >= 0.3:
                    name = receiver.objectName() if receiver is not None else ""
                    kind = type(receiver).__name__ if receiver is not None else "?"
                    events.append((time.perf_counter(), spent, f"{kind}({name}) {event.type()}"))

    if args.events:
        TimedApp(["shipdesk"])

    from shipdesk.core.services import classification, declarations, open_workspace
    from shipdesk.gui import app as app_module
    from shipdesk.gui import workers
    from shipdesk.gui.app import make_app
    from shipdesk.gui.main_window import MainWindow

    ws = open_workspace()
    app = make_app([])
    for ahead in ("load_libraries", "load_encoder"):
        if hasattr(classification, ahead):
            getattr(classification, ahead)()
    window = MainWindow(ws)
    decl = declarations.load(ROOT / "resources" / "samples" / "sample.shipdesk.json")
    model = decl.items[:3]
    while len(decl.items) < args.items:
        decl.items.append(copy.deepcopy(model[len(decl.items) % 3]))
    del decl.items[args.items :]
    if args.items > 3:  # the parcel weighs what its items do, so the PDF can be made
        decl.gross_weight_kg = str(decl.total_net_weight() + Decimal("0.5"))
    window.session.load(decl)
    window.resize(1280, 720)
    window.show()
    app_module.settle_long_lived_heap()
    app_module.share_the_interpreter_with_the_window()
    preparing = window.prepare_steps()
    warm = app_module.warm_up_lookup()

    ticks: list[float] = []
    cpu: list[float] = []

    probe = turn_probe(ticks, cpu)  # as the typing benchmark notes the turns
    probe.start()

    openings: list[tuple[int, float]] = []  # (step index, when asked)
    profiler = None
    if args.profile:
        import cProfile

        profiler = cProfile.Profile()
    plan: list[int] = []
    for _round in range(args.rounds):
        plan.extend([0, 1, 2, 3, 4] + ([] if args.no_pdf else [5]))
    pdf_done: list[float] = []
    page = window.documents_page
    show_pdf = page._on_rendered

    def shown_at(pdf: bytes) -> None:  # the turn in which the PDF comes and is shown
        pdf_done.append(time.perf_counter())
        show_pdf(pdf)

    page._on_rendered = shown_at  # type: ignore[method-assign]

    def start_profile(step: int) -> None:
        if profiler is not None and step + 1 == args.profile:
            profiler.enable()
            QTimer.singleShot(WINDOW_MS, profiler.disable)

    def run_next() -> None:
        if not plan:
            QTimer.singleShot(WINDOW_MS + 100, app.quit)
            return
        step = plan.pop(0)
        if step == 5:  # the PDF made, then shown: the turns after it arrives count
            n = len(pdf_done)

            def shown() -> None:
                if len(pdf_done) == n:
                    QTimer.singleShot(5, shown)
                    return
                openings.append((5, pdf_done[-1]))
                QTimer.singleShot(BETWEEN_MS, run_next)

            if profiler is not None and args.profile == 6:
                profiler.enable()
                QTimer.singleShot(3000, profiler.disable)
            openings.append((6, time.perf_counter()))
            window.documents_page.create_pdf()
            if window.documents_page.create_btn.isEnabled():  # refused: the status says why
                print("  no PDF: " + window.documents_page.status.text())
                QTimer.singleShot(BETWEEN_MS, run_next)
                return
            QTimer.singleShot(5, shown)
            return
        openings.append((step, time.perf_counter()))
        start_profile(step)
        window.go_to_step(step)
        field = typed_into(step)
        if field is None:
            QTimer.singleShot(BETWEEN_MS, run_next)
            return
        keys = list(TYPED)

        def key() -> None:  # as a person types: a key every 60 ms, then the checks run
            if not keys:
                QTimer.singleShot(BETWEEN_MS, run_next)
                return
            QTest.keyClick(field, keys.pop(0))
            QTimer.singleShot(60, key)

        QTimer.singleShot(BETWEEN_MS, lambda: (field.setFocus(), key()))

    def typed_into(step: int) -> QWidget | None:
        """The field a few keys are typed into on a step before moving on (the declaration
        changes between openings, as it does while a person fills it in)."""
        if step == 0:
            return window.sender_page.form.editors["name"]
        if step == 1:
            return window.recipient_page.form.editors["street"]
        if step == 2:
            return window.items_page.editors["comments"]
        return None

    def begin() -> None:
        if warm.is_alive() or preparing.isActive() or workers_busy():
            QTimer.singleShot(50, begin)
            return
        QTimer.singleShot(300, run_next)

    def workers_busy() -> bool:
        from PySide6.QtCore import QThreadPool

        return QThreadPool.globalInstance().activeThreadCount() > 0

    QTimer.singleShot(100, begin)
    app.exec()
    probe.stop()
    workers.wait_all(5000)
    window.session.flush()
    ws.close()
    load = os.getloadavg()[0]

    per_step: dict[int, list[tuple[float, float]]] = {}
    worst_events: dict[int, list[tuple[float, str]]] = {}
    for n, (step, when) in enumerate(openings):
        end = when + WINDOW_MS / 1000
        first = max(bisect.bisect_right(ticks, when) - 1, 0)
        last = bisect.bisect_right(ticks, end)
        if n + 1 < len(openings) and openings[n + 1][1] < end:  # the PDF asked for ...
            end = openings[n + 1][1]
            last = bisect.bisect_left(ticks, end) - 1  # ... until the turn it comes in
        turns = [(cpu[k + 1] - cpu[k]) * 1000 for k in range(first, min(last, len(ticks) - 1))]
        if not turns:
            continue
        per_step.setdefault(step, []).append((max(turns), sum(turns)))
        if args.events:
            inside = [(ms, what) for t, ms, what in events if when <= t <= end]
            worst_events.setdefault(step, []).extend(sorted(inside, reverse=True)[:8])
    print(
        f"step openings: {args.items} items, {args.rounds} rounds, load average "
        f"{load_at_start:.1f} at the start, {load:.1f} at the end; thread {threading.get_ident()}"
    )
    print("  step: the longest turn's CPU of the window's thread, each opening; median; sum")
    for step in sorted(per_step):
        runs = per_step[step]
        longest = [r[0] for r in runs]
        print(
            f"  {step + 1} {STEP_NAMES[step]:<10} "
            + " ".join(f"{x:5.1f}" for x in longest)
            + f"  median {statistics.median(longest):5.1f} ms (max {max(longest):.1f}); "
            f"all turns median {statistics.median(r[1] for r in runs):.1f} ms"
        )
        for ms, what in sorted(worst_events.get(step, []), reverse=True)[
            : 12 if args.nested else 6
        ]:
            print(f"      {ms:5.1f} ms {what}")
    if profiler is not None:
        import pstats

        pstats.Stats(profiler).sort_stats("tottime").print_stats(30)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)


if __name__ == "__main__":
    main()
