"""How long customer data lives: the next customer, the "keep drafts" choice, left-over files.

A counter serves one customer after another on one PC: once the next customer steps up,
nothing of the last one may stay in the database files (write-ahead log included), the preview
folder or a temporary file.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from shipdesk.core.fileio import is_own_temp, remove_stale_temps
from shipdesk.core.model import Declaration, Item, Party
from shipdesk.core.services import Workspace, declarations, records
from shipdesk.core.storage.settings import Settings, SqliteSettings
from tests.customer_search import hits

ROOT = Path(__file__).resolve().parents[2]

CUSTOMER = Party(
    name="Quirinus Zabelthorpe",
    street="Wendelstiege 417b",
    postcode="10115",
    city="Berlin",
    country="DE",
    phone="+49 30 98765432",
    email="q.zabelthorpe@example.org",
)
SECRETS = [CUSTOMER.name, CUSTOMER.street, CUSTOMER.phone, CUSTOMER.email]


def _decl() -> Declaration:
    return Declaration(
        sender=CUSTOMER,
        recipient=Party(name="Ada Q. Recipient", city="Boston", country="US"),
        items=[Item(description="Smartphone", quantity="1", value="300")],
    )


def _found_in(paths: list[Path]) -> list[tuple[str, str]]:
    return hits(paths, SECRETS)


def _db_files(ws: Workspace) -> list[Path]:
    main = ws.db.path
    return [main, Path(f"{main}-wal"), Path(f"{main}-shm")]


@pytest.fixture(autouse=True)
def own_temp_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The tidy-ups look into the system's temporary folder: a folder of the test's own."""
    import tempfile

    tmp = tmp_path / "system-tmp"
    tmp.mkdir()
    monkeypatch.setenv("TMPDIR", str(tmp))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp))
    return tmp


@pytest.fixture(autouse=True)
def insecure_build(monkeypatch: pytest.MonkeyPatch) -> None:
    """SQLite as most builds come (Windows, macOS, python.org): deleted rows are only unlinked,
    their bytes stay in the file. Debian's build overwrites them by default."""
    from shipdesk.core.storage import db

    opened = db.open_connection

    def open_connection(*args: object, **kwargs: object) -> object:
        conn = opened(*args, **kwargs)  # type: ignore[arg-type]
        conn.execute("PRAGMA secure_delete=OFF")
        return conn

    monkeypatch.setattr(db, "open_connection", open_connection)


def test_next_customer_leaves_the_customer_in_no_database_file(workspace: Workspace) -> None:
    ws = workspace
    assert ws.db.connection().execute("PRAGMA secure_delete").fetchone()[0] == 1
    draft = declarations.new_draft_id(ws)
    decl = _decl()
    for n in range(5):  # saved while typing: many versions of the row in the log
        decl.items[0].value = str(300 + n)
        declarations.save_draft(ws, draft, decl)
    declarations.log_event(ws, draft, "rendered", "cn23")
    assert records.remember_address(ws, "sender", CUSTOMER)
    assert _found_in(_db_files(ws)), "the search must see the customer before the purge"

    purged = records.next_customer(ws, draft)

    assert purged.drafts == 1 and purged.addresses == 1 and purged.wal_cut
    assert declarations.load_draft(ws, draft) is None
    assert declarations.history(ws, draft) == []
    assert records.find_addresses(ws, "sender") == []
    assert _found_in(_db_files(ws)) == []
    assert not Path(f"{ws.db.path}-wal").exists() or Path(f"{ws.db.path}-wal").stat().st_size == 0


def _backup(ws: Workspace, name: str) -> Path:
    """A copy as the automatic backups take it (SQLite's online backup, one file)."""
    import sqlite3

    folder = records.backups_folder(ws)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    dest = sqlite3.connect(target)
    try:
        ws.db.connection().backup(dest)
        dest.execute("PRAGMA journal_mode=DELETE")
    finally:
        dest.close()
    return target


def test_backups_taken_before_forget_the_customer_and_keep_the_rest(workspace: Workspace) -> None:
    import sqlite3

    ws = workspace
    draft, other = declarations.new_draft_id(ws), declarations.new_draft_id(ws)
    declarations.save_draft(ws, draft, _decl())
    declarations.save_draft(ws, other, Declaration(sender=Party(name="Still being typed")))
    assert records.remember_address(ws, "recipient", CUSTOMER)
    assert records.save_address(ws, "recipient", Party(name="Regular Shop Ltd", country="GB"))
    ws.settings_store.put("operator", "royal_mail")
    copy = _backup(ws, "shipdesk-20261204-080000.sqlite3")
    not_a_copy = records.backups_folder(ws) / "notes.sqlite3"
    sqlite3.connect(not_a_copy).close()
    assert _found_in([copy])

    records.next_customer(ws, draft)

    assert _found_in([copy]) == []
    conn = sqlite3.connect(copy)
    try:
        assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        assert [r[0] for r in conn.execute("SELECT id FROM drafts")] == [other]
        assert [r[0] for r in conn.execute("SELECT label FROM address_book")] == [
            "Regular Shop Ltd (GB)"
        ]
        assert conn.execute("SELECT value FROM settings WHERE key='operator'").fetchone()[0] == (
            '"royal_mail"'
        )
    finally:
        conn.close()


def test_a_reader_holding_the_log_delays_the_cut_to_the_next_purge(workspace: Workspace) -> None:
    import sqlite3

    ws = workspace
    draft = declarations.new_draft_id(ws)
    declarations.save_draft(ws, draft, _decl())
    reader = sqlite3.connect(ws.db.path, isolation_level=None)
    try:
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM drafts").fetchone()  # an old snapshot, kept open
        ws.db.connection().execute("PRAGMA busy_timeout=100")
        assert not records.next_customer(ws, draft).wal_cut
        reader.execute("COMMIT")
    finally:
        reader.close()
    assert records.tidy_at_quit(ws).wal_cut
    assert _found_in(_db_files(ws)) == []


def test_saved_addresses_survive_the_next_customer(workspace: Workspace) -> None:
    ws = workspace
    regular = Party(name="Regular Shop Ltd", city="Leeds", country="GB")
    assert records.save_address(ws, "recipient", regular)
    assert records.remember_address(ws, "recipient", regular)  # printed again: still saved
    assert records.remember_address(ws, "recipient", CUSTOMER)
    records.next_customer(ws, declarations.new_draft_id(ws))
    assert [e.label for e in records.find_addresses(ws, "recipient")] == [
        "Regular Shop Ltd (Leeds, GB)"
    ]


def test_other_drafts_are_not_the_next_customers_business(workspace: Workspace) -> None:
    ws = workspace
    mine, other = declarations.new_draft_id(ws), declarations.new_draft_id(ws)
    declarations.save_draft(ws, mine, _decl())
    declarations.save_draft(ws, other, Declaration(sender=Party(name="Someone else")))
    records.next_customer(ws, mine)
    assert [d.id for d in declarations.list_drafts(ws)] == [other]


# -- keep drafts ---------------------------------------------------------------------------------
def test_the_old_zero_days_setting_means_until_printed(workspace: Workspace) -> None:
    workspace.settings_store.put("keep_drafts_days", 0)  # stored by an earlier version
    workspace.refresh()
    assert workspace.settings.keep_drafts == "printed"
    assert Settings().keep_drafts == "days"
    SqliteSettings(workspace.db).put("keep_drafts", "forever")  # hand-edited
    workspace.refresh()
    assert workspace.settings.keep_drafts == "printed"
    with pytest.raises(ValueError, match="keep_drafts"):
        records.update_settings(workspace, keep_drafts="forever")


def test_keep_nothing_no_draft_survives_quit(workspace: Workspace) -> None:
    ws = workspace
    records.update_settings(ws, keep_drafts="nothing")
    declarations.save_draft(ws, declarations.new_draft_id(ws), _decl())
    assert not records.remember_address(ws, "recipient", CUSTOMER)
    purged = records.tidy_at_quit(ws)
    assert purged.drafts == 1
    assert declarations.list_drafts(ws) == []
    assert declarations.resume(ws) is None
    assert _found_in(_db_files(ws)) == []


def test_keep_until_printed_deletes_the_draft_once_printed(workspace: Workspace) -> None:
    ws = workspace
    records.update_settings(ws, keep_drafts="printed")
    draft = declarations.new_draft_id(ws)
    declarations.save_draft(ws, draft, _decl())
    records.tidy_at_quit(ws)
    assert declarations.resume(ws) is not None  # not printed yet: the work is kept
    assert records.after_printed(ws, draft)
    assert declarations.load_draft(ws, draft) is None
    records.tidy_at_start(ws)
    assert declarations.resume(ws) is None
    assert _found_in(_db_files(ws)) == []


def test_keep_for_days_purges_older_drafts_at_start(workspace: Workspace) -> None:
    ws = workspace
    records.update_settings(ws, keep_drafts="days", keep_drafts_days=7)
    old, recent = declarations.new_draft_id(ws), declarations.new_draft_id(ws)
    declarations.save_draft(ws, old, _decl())
    declarations.save_draft(ws, recent, Declaration(sender=Party(name="Recent")))
    eight_days = (datetime.now(UTC) - timedelta(days=8)).isoformat(timespec="seconds")
    with ws.db.write() as c:
        c.execute("UPDATE drafts SET updated_at = ? WHERE id = ?", (eight_days, old))
    assert not records.after_printed(ws, recent)  # kept for days: printing deletes nothing
    assert records.tidy_at_start(ws).drafts == 1
    assert [d.id for d in declarations.list_drafts(ws)] == [recent]
    assert _found_in(_db_files(ws)) == []


# -- files ---------------------------------------------------------------------------------------
KILLED_WRITE = """
import os, signal, sys
from shipdesk.core import fileio
def killed(src, dst):
    os.kill(os.getpid(), signal.SIGKILL)
fileio.os.replace = killed
fileio.atomic_write_bytes(sys.argv[1], b"%PDF-1.4 " + sys.argv[2].encode())
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_killed_write_leaves_a_temp_file_that_start_up_removes(
    workspace: Workspace, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = out / "cn23.pdf"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [sys.executable, "-c", KILLED_WRITE, str(target), CUSTOMER.name], env=env, check=False
    )
    assert proc.returncode != 0
    left = list(out.iterdir())
    assert len(left) == 1 and is_own_temp(left[0].name), left
    assert CUSTOMER.name.encode() in left[0].read_bytes()
    assert not target.exists()

    records.note_output_folder(workspace, out)
    records.tidy_at_start(workspace)
    assert left[0].exists(), "a write this young may still be running: kept"
    old = time.time() - 3600
    os.utime(left[0], (old, old))
    theirs = out / ".cn23.pdf.abcdefgh.tmp"  # another program's temporary file
    theirs.write_bytes(b"not ours")
    os.utime(theirs, (old, old))
    assert records.tidy_at_start(workspace).files == 1
    assert [p.name for p in out.iterdir()] == [theirs.name]


def test_saving_a_pdf_removes_a_killed_writes_temp_in_that_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    stale = out / ".cn23.pdf.shipdesk-k1ll3d_x.tmp"
    stale.write_bytes(b"%PDF half")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    declarations.save_pdf(out / "cn22.pdf", b"%PDF-1.4")
    assert sorted(p.name for p in out.iterdir()) == ["cn22.pdf"]


def test_only_own_old_files_are_stale(tmp_path: Path) -> None:
    tmp_path = tmp_path / "folder"
    tmp_path.mkdir()
    names = {
        ".a.pdf.shipdesk-abc123_z.tmp": True,
        ".a.pdf.abc123_z.tmp": False,  # mkstemp's pattern without our mark
        "a.pdf.shipdesk-abc123_z.tmp": False,  # not hidden
        ".a.pdf.shipdesk-abc123_z.tmp.bak": False,
    }
    old = time.time() - 3600
    for name in names:
        (tmp_path / name).write_bytes(b"x")
        os.utime(tmp_path / name, (old, old))
    (tmp_path / ".dir.shipdesk-abc.tmp").mkdir()
    removed = {p.name for p in remove_stale_temps(tmp_path)}
    assert removed == {n for n, ours in names.items() if ours}
    assert remove_stale_temps(tmp_path / "missing") == []


def test_temp_files_of_killed_writes_in_the_temporary_folder_go_at_start(
    workspace: Workspace, own_temp_dir: Path
) -> None:
    stale = own_temp_dir / ".cn23.pdf.shipdesk-k1ll3d_y.tmp"
    stale.write_bytes(b"%PDF half")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    assert records.tidy_at_start(workspace).files == 1
    assert not stale.exists()


def test_previews_are_emptied_at_quit_and_at_start(workspace: Workspace) -> None:
    folder = records.preview_folder(workspace)
    assert folder.parent == workspace.folders.cache
    folder.mkdir(parents=True)
    (folder / "shipdesk-1.pdf").write_bytes(b"%PDF")
    assert records.tidy_at_quit(workspace).files == 1
    assert list(folder.iterdir()) == []
    (folder / "shipdesk-2.pdf").write_bytes(b"%PDF")
    assert records.tidy_at_start(workspace).files == 1
    assert list(folder.iterdir()) == []
