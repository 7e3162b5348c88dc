"""Local logging: a rotating log file in the user log folder. Nothing is ever sent anywhere."""

from __future__ import annotations

import logging
import logging.handlers
import traceback
from pathlib import Path

from shipdesk.core.paths import folders

_configured = False


def log_file() -> Path:
    return folders().logs / "shipdesk.log"


def setup_logging(level: int = logging.INFO) -> Path:
    global _configured
    path = log_file()
    if not _configured:
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root = logging.getLogger("shipdesk")
        root.addHandler(handler)
        root.setLevel(level)
        _configured = True
    return path


def log_exception(exc: BaseException) -> Path:
    """Write a traceback to the log file and return the file's path."""
    path = setup_logging()
    text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    logging.getLogger("shipdesk").error("unhandled error\n%s", text)
    return path
