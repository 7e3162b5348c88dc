"""Starting the desktop application, and the offscreen screenshot tour."""

from __future__ import annotations

import contextlib
import copy
import gc
import logging
import os
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import (
    QAbstractEventDispatcher,
    QEvent,
    QLibraryInfo,
    QLocale,
    QObject,
    QTimer,
    QTranslator,
)
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from shipdesk import __version__
from shipdesk.core import i18n, pacing
from shipdesk.core.errors import ShipdeskError
from shipdesk.core.logs import log_exception, setup_logging
from shipdesk.core.model import Declaration
from shipdesk.core.paths import Folders, resource
from shipdesk.core.services import (
    Workspace,
    classification,
    declarations,
    imports,
    records,
    startup,
)
from shipdesk.gui import workers
from shipdesk.gui.dialogs.import_dialog import ImportDialog
from shipdesk.gui.dialogs.startup import StartProblemDialog, StartupReportDialog
from shipdesk.gui.theme import apply_theme

if TYPE_CHECKING:
    from shipdesk.core.services.declarations import Resumed
    from shipdesk.core.services.startup import StartupReport
    from shipdesk.gui.main_window import MainWindow

log = logging.getLogger("shipdesk.gui")
_T0 = time.perf_counter()


def _install_excepthook() -> None:
    """A bug shows a short, copyable report and is logged; the app keeps running."""

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        where = log_exception(exc)
        text = "".join(traceback.format_exception(exc_type, exc, tb))
        app = QApplication.instance()
        if app is None or os.environ.get("QT_QPA_PLATFORM") == "offscreen":
            sys.stderr.write(f"ShipDesk internal error: {exc_type.__name__}: {exc} ({where})\n")
            return
        box = QMessageBox(QMessageBox.Icon.Critical, i18n._("ShipDesk: something went wrong"), "")
        box.setText(
            i18n._(
                "ShipDesk hit an internal error: {error}\n\n"
                "Your work is kept as a draft. The details are in {where}."
            ).format(error=f"{exc_type.__name__}: {exc}", where=where)
        )
        box.setDetailedText(f"ShipDesk {__version__}\n{text}")
        box.exec()

    sys.excepthook = hook


def _install_translators(app: QApplication, lang: str | None, ui_language: str = "") -> None:
    """ShipDesk's own catalogue (core.i18n) and Qt's qtbase texts, in the same language:
    ``lang``, else the interface language of the settings, else the system's."""
    if not lang:
        lang = ui_language or QLocale.system().name()
    lang = i18n.set_language(lang)
    locale = QLocale(lang)
    qt_tr = QTranslator(app)
    path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_tr.load(locale, "qtbase", "_", path):
        app.installTranslator(qt_tr)


def make_app(
    argv: Sequence[str] = (), lang: str | None = None, ui_language: str = "", theme: str = ""
) -> QApplication:
    # instance() is typed as the QCoreApplication base; ShipDesk only ever creates a QApplication
    app = cast(QApplication, QApplication.instance() or QApplication(["shipdesk", *argv]))
    app.setApplicationName("ShipDesk")
    app.setOrganizationName("ShipDesk")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("shipdesk")
    icon_path = resource("icons", "shipdesk.svg")
    if icon_path.exists():
        app.setWindowIcon(QIcon(str(icon_path)))
    _install_translators(app, lang, ui_language)
    if theme:
        apply_theme(app, theme)
    return app


def settle_long_lived_heap() -> None:
    """Put every object alive now out of the garbage collector's reach (``gc.freeze``).

    What start-up made (the window, the tariff index, the vocabulary, the rules, the country
    tables) lives as long as the app. Left in the collector's oldest generation, every full
    collection walks all of it: 33-40 ms, run on whichever thread happens to allocate and
    holding the interpreter lock throughout, so the window stops answering keys for as long
    (docs/benchmarks.md, "Typing latency"). Frozen, a full collection walks only what was made
    since. Objects frozen here and released later are freed as usual by their reference count;
    only cycles among them stay until the app quits."""
    gc.freeze()


# How long a thread running Python may keep the interpreter lock while another waits for it.
# The window's thread takes the lock for every call from Qt into Python (an event filter, a
# model's data, a slot), dozens of times a turn of the event loop; with the default 5 ms each
# one could wait up to 5 ms while a search or a check runs on the pool, and a turn of 8-14 ms
# of work took 20-40 ms (docs/benchmarks.md, "Typing latency"). At 1 ms the turn during an HS
# search still took 26-32 ms idle; at 0.1 ms 13-19 ms (3 items) and 20-25 ms (40 items), while
# the search's own CPU time stayed 27-29 ms. A pool thread alone is never interrupted: the
# interval only matters while another thread waits for the lock.
SWITCH_INTERVAL_S = 0.0001


def share_the_interpreter_with_the_window() -> None:
    """The window's thread waits at most ``SWITCH_INTERVAL_S`` for the lock each time, and
    the work on the pool steps aside while it is busy (:func:`pace_the_pool`)."""
    sys.setswitchinterval(SWITCH_INTERVAL_S)
    pace_the_pool()


class _TurnWatch(QObject):
    """Marks the window's thread busy at the first event of a turn of its event loop; the
    event dispatcher marks it idle when it is about to wait for events again."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        pacing.foreground_busy()
        return False


_turn_watch: _TurnWatch | None = None


def pace_the_pool() -> None:
    """Make the searches and checks on the pool give the interpreter to the window's thread
    while it is busy with a turn (``core.pacing``): they step aside between their steps, each
    well under 2 ms. Without this a turn of 6 ms of the window's work took 15-20 ms while an
    HS search ran beside it (docs/benchmarks.md, "Typing latency")."""
    global _turn_watch
    app = QApplication.instance()
    dispatcher = QAbstractEventDispatcher.instance()
    if app is None or dispatcher is None or _turn_watch is not None:
        return
    _turn_watch = _TurnWatch(app)
    app.installEventFilter(_turn_watch)
    dispatcher.aboutToBlock.connect(pacing.foreground_idle)
    pacing.set_foreground(threading.get_ident())


def stop_pacing_the_pool() -> None:
    """Undo :func:`pace_the_pool` (on quit, and after a test that launched the app)."""
    global _turn_watch
    pacing.set_foreground(None)
    if _turn_watch is None:
        return
    app = QApplication.instance()
    if app is not None:
        app.removeEventFilter(_turn_watch)
    dispatcher = QAbstractEventDispatcher.instance()
    if dispatcher is not None:
        with contextlib.suppress(RuntimeError, TypeError):
            dispatcher.aboutToBlock.disconnect(pacing.foreground_idle)
    _turn_watch.deleteLater()
    _turn_watch = None


def warm_up_lookup() -> threading.Thread:
    """Load the country tables and the tariff lookup in the background, so the first key in a
    country box and the first suggestion are quick. Then settle the heap (the loaded tables
    live until the app quits). Returns the thread (tests and benchmarks wait for it)."""

    def run() -> None:
        # The load makes the tables, not garbage: no collection runs meanwhile, each would walk
        # the growing tables (and the window's objects) while the window waits for the lock.
        collecting = gc.isenabled()
        gc.disable()
        try:  # the country tables first: they take a fraction of a second, the index seconds
            declarations.warm_up_countries()
        except Exception:
            log.exception("country tables warm-up failed")
        try:
            classification.warm_up()
            log.info("tariff lookup ready %.2f s after start", time.perf_counter() - _T0)
        except Exception:
            log.exception("tariff warm-up failed")
        finally:
            if collecting:
                gc.enable()
            settle_long_lived_heap()

    thread = threading.Thread(target=run, name="tariff-warm-up", daemon=True)
    thread.start()
    return thread


def restore_or_new(window: MainWindow, resumed: Resumed | None = None) -> None:
    """Resume the newest readable draft (nothing typed is lost). ``resumed`` is what the
    start-up already found (it tidied first); without it, expired drafts are purged, the
    preview folder emptied and what killed writes left deleted (``records.tidy_at_start``)
    before the newest readable draft is looked for."""
    if resumed is None:
        records.tidy_at_start(window.session.ws)
        resumed = declarations.resume_report(window.session.ws)
    if resumed.declaration is not None:
        window.session.load(resumed.declaration, draft_id=resumed.draft_id)
        window.statusBar().showMessage(
            i18n._("Resumed draft: {title}").format(title=resumed.title), 5000
        )
    else:
        window.session.load(window.default_declaration())


def open_at_start(argv: Sequence[str] = ()) -> tuple[QApplication, Workspace, StartupReport] | None:
    """Open the workspace through the start-up service. What the user must fix outside
    ShipDesk (the data folder, a database another ShipDesk holds) is shown in a dialog naming
    it, with Retry where waiting can help; None when the user gives up."""
    while True:
        try:
            ws, report = startup.start()
        except ShipdeskError as exc:
            log.warning("cannot start: %s", exc)
            make_app(argv)
            if StartProblemDialog(exc).exec() == QMessageBox.StandardButton.Retry:
                continue
            return None
        try:
            app = make_app(argv, ui_language=ws.settings.ui_language, theme=ws.settings.theme)
        except BaseException:
            ws.close()
            raise
        return app, ws, report


def show_startup_report(window: MainWindow, report: StartupReport) -> None:
    """Tell the user what the start-up found; restore the backup they choose."""
    if report.backup_error:
        window.statusBar().showMessage(
            i18n._("The daily backup failed: {error}").format(error=report.backup_error), 15000
        )
    if not report.needs_attention:
        return
    dialog = StartupReportDialog(report, window)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.chosen_backup is None:
        return
    ws = window.session.ws
    try:
        startup.restore_backup(ws, dialog.chosen_backup)
    except ShipdeskError as exc:
        log.warning("restore failed: %s", exc)
        QMessageBox.warning(
            window,
            i18n._("Restore backup"),
            i18n._("The backup could not be restored: {error}").format(error=i18n.error_text(exc)),
        )
        return
    restore_or_new(window)
    window.statusBar().showMessage(
        i18n._("Backup restored: {path}").format(path=dialog.chosen_backup), 10000
    )


def launch(
    argv: Sequence[str] = (), *, warm_up: bool = True, open_file: Path | None = None
) -> tuple[QApplication, Workspace, MainWindow] | None:
    """Everything up to the shown window: the workspace, the window with the resumed draft
    (or ``open_file``, a declaration opened from the file manager), and the start-up report.
    None when ShipDesk cannot start (the user was told why)."""
    opened = open_at_start(argv)
    if opened is None:
        return None
    app, ws, report = opened
    try:
        # PySide6.QtPdf (the preview) and every page load here, after the start clock (_T0)
        from shipdesk.gui.main_window import MainWindow

        if warm_up:  # the lookup's compiled modules and encoder, before the window takes keys
            classification.load_libraries()
            classification.load_encoder()
        window = MainWindow(ws)
        restore_or_new(window, report.resumed)
        window.show()
        if open_file is not None:
            window.open_path(open_file)
        settle_long_lived_heap()  # the window and the draft; the warm-up settles its tables
        share_the_interpreter_with_the_window()
        window.prepare_steps()
        QTimer.singleShot(
            0, lambda: log.info("window shown %.2f s after start", time.perf_counter() - _T0)
        )
        if warm_up:
            warm_up_lookup()
        show_startup_report(window, report)
    except BaseException:
        ws.close()
        raise
    return app, ws, window


def main(
    argv: Sequence[str] = (), *, open_file: Path | None = None, exit_when_shown: bool = False
) -> int:
    """Open the workspace once, show the window, close the workspace when the app quits.
    Exit 2 when ShipDesk cannot open its data (the user was shown why).

    ``exit_when_shown`` quits as soon as the window is on screen and prints when that was
    (the installers' start check and the start-time benchmark)."""
    with contextlib.suppress(OSError):  # no log folder: the start-up names the folder itself
        setup_logging()
    _install_excepthook()
    started = launch(argv, warm_up=not exit_when_shown, open_file=open_file)
    if started is None:
        return 2
    app, ws, window = started
    if exit_when_shown:
        _quit_when_shown(app, window)
    with ws:
        code = app.exec()
        workers.wait_all(5000)  # no worker may still hold the database when it closes
        return code


def _quit_when_shown(app: QApplication, window: MainWindow) -> None:
    def check() -> None:
        handle = window.windowHandle()
        if not (window.isVisible() and handle is not None and handle.isExposed()):
            QTimer.singleShot(10, check)
            return
        since = time.perf_counter() - _T0
        log.info("window shown %.2f s after start; exiting as asked", since)
        if sys.stdout is not None:  # a windowed executable on Windows has no stdout
            print(f"window shown at {time.time():.3f} ({since:.2f} s after start)", flush=True)
        window.close()  # as a person's quit does: the draft flushed, previews tidied
        app.quit()

    QTimer.singleShot(0, check)


# -- screenshots ------------------------------------------------------------------------------
SCREENS = [
    ("01-sender", 0),
    ("02-recipient", 1),
    ("03-items", 2),
    ("04-review", 3),
    ("05-documents", 4),
]
COUNTER_SCREENS = [("13-counter-review", 3), ("14-counter-documents", 4)]


def take_screenshots(
    out_dir: Path, lang: str | None = None, sample: Path | None = None, theme: str = ""
) -> list[Path]:
    """Open each screen with sample data offscreen and save one PNG per screen: the steps,
    the import, history, address book, products and settings dialogs, and the counter layout.

    The tour runs in a workspace of its own (a temporary folder), so the user's drafts,
    addresses and settings are neither shown nor touched; ``theme`` is "light", "dark" or
    empty (the system's)."""
    with tempfile.TemporaryDirectory(prefix="shipdesk-screens-") as home:
        root = Path(home)
        tour = Folders(
            data=root / "data", config=root / "config", cache=root / "cache", logs=root / "logs"
        )
        with Workspace.open(tour) as ws:
            return _screenshots(ws, out_dir, lang, sample, theme)


def _screenshots(
    ws: Workspace, out_dir: Path, lang: str | None, sample: Path | None, theme: str = ""
) -> list[Path]:
    from shipdesk.gui.dialogs.address_book import AddressBookDialog
    from shipdesk.gui.dialogs.history import HistoryDialog
    from shipdesk.gui.dialogs.products import ProductPickerDialog
    from shipdesk.gui.dialogs.settings import SettingsDialog
    from shipdesk.gui.main_window import MainWindow  # PySide6.QtPdf, as in main()

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = make_app([], lang=lang, ui_language=ws.settings.ui_language, theme=theme or "system")
    workers.set_synchronous(True)
    out_dir.mkdir(parents=True, exist_ok=True)
    decl = declarations.load(sample or resource("samples", "sample.shipdesk.json"))
    _tour_data(ws, decl)
    window = MainWindow(ws)
    window.resize(1200, 820)
    window.session.load(decl)
    window.show()
    written: list[Path] = []

    def shot(widget: QWidget, name: str) -> None:
        path = out_dir / f"{name}.png"
        if not widget.grab().save(str(path)):
            raise OSError(f"could not write {path}")
        written.append(path)

    def steps(screens: list[tuple[str, int]]) -> None:
        for name, step in screens:
            window.go_to_step(step)
            if step == 2:
                window.items_page.table.setCurrentIndex(window.items_page.model.index(2, 0))
            if step == 4:
                window.documents_page.create_pdf()
            _settle(app, 1.5 if step == 4 else 0.1)  # the PDF view renders pages in a thread
            shot(window, name)

    steps(SCREENS)
    written.append(_import_screenshot(window, out_dir / "06-import.png", app))
    dialogs: list[tuple[str, QDialog]] = [
        ("07-history", HistoryDialog(ws, window)),
        ("08-address-book", AddressBookDialog(ws, window)),
        ("09-products", ProductPickerDialog(ws, window)),
    ]
    settings = SettingsDialog(ws, window)
    dialogs.append(("10-settings", settings))
    for name, dlg in dialogs:
        dlg.show()
        _settle(app, 0.1)
        shot(dlg, name)
        if dlg is settings:
            settings.tabs.setCurrentIndex(1)  # the saved senders
            _settle(app, 0.05)
            shot(dlg, "11-settings-senders")
        dlg.reject()
    marked = copy.deepcopy(decl)  # an error and a warning, marked in the items table
    marked.items[0].value = "25 EUR"
    marked.items[1].net_weight_kg = "0.1505"
    window.session.load(marked)
    window.session.check_now()
    steps([("12-problem-marks", 2)])
    window.session.discard_draft()
    records.update_settings(ws, counter_layout=True)
    window.apply_layout()
    window.resize(1280, 720)  # a counter's laptop
    window.session.load(decl)
    steps(COUNTER_SCREENS)
    window.session.discard_draft()
    window.close()
    workers.set_synchronous(False)
    apply_theme(app, "system")
    return written


def _tour_data(ws: Workspace, decl: Declaration) -> None:
    """What the new screens show: two saved senders, kept declarations, saved addresses and
    products, all made from the sample."""
    records.save_sender(ws, decl.sender)
    second = copy.deepcopy(decl.sender)
    second.name, second.company = "Lena Vogel", "Atelier Vogel"
    records.save_sender(ws, second, default=False)
    recipients = [
        ("Olivia Bennett", "GB", "London", "SW1A 1AA"),
        ("Kenji Sato", "JP", "Tokyo", "100-0001"),
        ("Camille Roy", "CA", "Montréal", "H2X 1Y4"),
    ]
    for n, (name, country, city, postcode) in enumerate(recipients):
        kept = copy.deepcopy(decl)
        kept.recipient.name, kept.recipient.country = name, country
        kept.recipient.city, kept.recipient.postcode = city, postcode
        draft_id = f"tour-{n}"
        declarations.save_draft(ws, draft_id, kept)
        if n != 1:
            declarations.log_event(ws, draft_id, "rendered", "cn23")
        records.save_address(ws, "recipient", kept.recipient)
    records.save_address(ws, "recipient", decl.recipient)
    for n, item in enumerate(decl.real_items()):
        imports.save_item_as_product(ws, item, sku=f"SKU-{101 + n}")


def _settle(app: QApplication, seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.02)


def _import_screenshot(window: MainWindow, path: Path, app: QApplication) -> Path:
    dlg = ImportDialog(window.session.ws, parent=window)
    dlg.load_file(resource("samples", "shopify_orders.csv"))
    dlg.show()
    for _ in range(5):
        app.processEvents()
    if not dlg.grab().save(str(path)):
        raise OSError(f"could not write {path}")
    dlg.reject()
    return path
