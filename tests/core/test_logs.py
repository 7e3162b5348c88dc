"""The log file: errors logged by the core land there, and a log that cannot be written is
skipped without a word on the terminal."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from shipdesk.core import logs


def test_errors_go_to_the_log_file_of_the_current_home(
    shipdesk_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = logs.setup_logging()
    assert path == shipdesk_home / "logs" / "shipdesk.log" == logs.current_log_file()
    try:
        raise ValueError("broken")
    except ValueError:
        logging.getLogger("shipdesk.exchange.batch").exception("order 7 failed")
    text = path.read_text("utf-8")
    assert "order 7 failed" in text and "ValueError: broken" in text
    assert capsys.readouterr().err == ""


def test_a_log_that_cannot_be_written_is_skipped_quietly(
    shipdesk_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = logs.setup_logging()
    assert logs.current_log_file() == path
    path.mkdir()  # the log file cannot be opened: a folder of that name
    logging.getLogger("shipdesk.exchange.batch").error("order 8 failed")
    assert capsys.readouterr().err == ""
