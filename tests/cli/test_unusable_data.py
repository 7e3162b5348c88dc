"""The command line with a data folder it cannot write or a database another program holds:
one line naming the folder or file, exit 2, never a traceback or an internal error."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from shipdesk.cli.main import main
from shipdesk.core.paths import folders
from shipdesk.core.storage import db
from tests.permissions import no_write_access

PRODUCTS = Path(__file__).resolve().parent.parent / "data" / "sheets" / "products.csv"


def _one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


def test_read_only_data_folder(capsys: pytest.CaptureFixture[str]) -> None:
    data = folders().data
    with no_write_access(data):
        code = main(["products", "list"])
    line = _one_line(capsys.readouterr().err)
    assert code == 2
    assert line.startswith(f"shipdesk products: cannot write to the data folder {data} (")


def test_home_that_cannot_be_created(shipdesk_home: Path, capsys) -> None:
    with no_write_access(shipdesk_home):
        code = main(["products", "list"])
        line = _one_line(capsys.readouterr().err)
        version = main_version(capsys)
    assert code == 2 and "cannot write to the data folder" in line and str(shipdesk_home) in line
    assert version.startswith("ShipDesk ")


def main_version(capsys: pytest.CaptureFixture[str]) -> str:
    """``--version`` still answers (the data versions it can read)."""
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    return capsys.readouterr().out


def test_database_locked_longer_than_the_busy_timeout(
    workspace, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setattr(db, "BUSY_TIMEOUT_S", 0.2)
    workspace.close()
    other = sqlite3.connect(workspace.user_db_path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        code = main(["products", "import", str(PRODUCTS)])
    finally:
        other.execute("ROLLBACK")
        other.close()
    line = _one_line(capsys.readouterr().err)
    assert code == 2
    assert line == (
        f"shipdesk products: the database {workspace.user_db_path} is in use by another "
        "ShipDesk (still locked after 0.2 s); close the other one and try again"
    )
