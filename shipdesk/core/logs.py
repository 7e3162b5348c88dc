"""Local logging: a rotating log file in the user log folder. Nothing is ever sent anywhere.

Errors logged anywhere below the ``shipdesk`` logger go to that file only, never to the
terminal: a log that cannot be opened or written (a full disk, a read-only folder) is skipped
without a word, since the program's own message already told the user what went wrong.
"""

from __future__ import annotations

import logging
import logging.handlers
import traceback
from pathlib import Path

from shipdesk.core.paths import folders

_handler: logging.Handler | None = None
_path: Path | None = None

# Without any handler Python prints a logged error with its traceback on stderr ("last
# resort"); until the log file is set up, an error logged by the core goes nowhere instead.
logging.getLogger("shipdesk").addHandler(logging.NullHandler())


class _QuietFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log file whose write errors are swallowed instead of printed on stderr."""

    def handleError(self, record: logging.LogRecord) -> None:
        return None


def current_log_file() -> Path | None:
    """The file the ``shipdesk`` loggers write to, None until :func:`setup_logging` ran."""
    return _path


def log_file() -> Path:
    return folders(create=False).logs / "shipdesk.log"


def setup_logging(level: int = logging.INFO) -> Path:
    """Send the ``shipdesk`` loggers to the log file of the current user folders (opened on the
    first record); return the file's path. Raises OSError when the log folder cannot be made."""
    global _handler, _path
    path = log_file()
    root = logging.getLogger("shipdesk")
    if _handler is None or path != _path:
        path.parent.mkdir(parents=True, exist_ok=True)
        if _handler is not None:  # the user folders moved (another SHIPDESK_HOME)
            root.removeHandler(_handler)
            _handler.close()
        handler = _QuietFileHandler(
            path, maxBytes=1_000_000, backupCount=3, encoding="utf-8", delay=True
        )
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
        root.setLevel(level)
        _handler, _path = handler, path
    return path


def log_exception(exc: BaseException) -> Path:
    """Write a traceback to the log file and return the file's path (where the log folder
    cannot be made, the traceback is dropped: reporting one error never raises another)."""
    try:
        path = setup_logging()
    except OSError:
        return log_file()
    text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    logging.getLogger("shipdesk").error("unhandled error\n%s", text)
    return path
