"""``backups``: list, take and restore the automatic backups of the user database."""

from __future__ import annotations

from pathlib import Path

import pytest

from shipdesk.cli.main import main
from shipdesk.core.model import Declaration
from shipdesk.core.paths import folders
from shipdesk.core.services import declarations, open_workspace


def test_list_take_and_restore_over_a_damaged_database(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["backups", "list"]) == 0
    assert "No backups yet" in capsys.readouterr().out
    with open_workspace() as ws:
        d = Declaration()
        d.recipient.name = "Kept Safe"
        declarations.save_draft(ws, "d", d)
    assert main(["backups", "now"]) == 0
    taken = Path(capsys.readouterr().out.strip())
    assert taken.parent == folders().data / "backups" and taken.is_file()
    assert main(["backups", "list"]) == 0
    assert str(taken) in capsys.readouterr().out

    db_file = folders().data / "shipdesk.sqlite3"
    db_file.write_bytes(b"not a database" * 500)
    assert main(["backups", "restore", "latest"]) == 0
    out, err = capsys.readouterr()
    assert "the user database was damaged" in err and "shipdesk.damaged-" in err
    assert out.startswith(f"restored {taken} into {db_file}; the previous content is kept as ")
    with open_workspace() as ws:
        loaded = declarations.load_draft(ws, "d")
    assert loaded is not None and loaded.recipient.name == "Kept Safe"


def test_restoring_a_missing_or_damaged_backup_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nope.sqlite3"
    assert main(["backups", "restore", str(missing)]) == 2
    assert capsys.readouterr().err.strip() == f"shipdesk backups: {missing}: no such backup"
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"x" * 4096)
    assert main(["backups", "restore", str(bad)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"shipdesk backups: {bad}:") and "\n" not in err
    assert main(["backups", "restore", "latest"]) == 2
    assert "there is no backup to restore" in capsys.readouterr().err
