"""Starting the desktop app: the workspace opened so that nothing on disk can lock the user out.

:func:`start` decides everything and returns a :class:`StartupReport`; the GUI only shows it.

- The data folder must take a file, else :class:`DataFolderError` names it (nothing can be kept
  without it). A database another program keeps locked past the busy timeout is
  :class:`DatabaseBusy` (the GUI offers to retry).
- The user database gets ``PRAGMA quick_check`` before it is used. A damaged file (not a
  database, malformed, a failed check) or one written by a newer ShipDesk is *set aside*:
  renamed with the time beside the original, never deleted, and a fresh database is opened.
  The report names both files and lists the backups that can be restored.
- Once a day (UTC) a backup is taken with SQLite's online backup API into ``backups/`` under
  the data folder, and only the newest ``backups_kept`` (a setting, default 7) are kept. A
  backup that fails (a full disk) is reported, never a reason not to start; no backup is taken
  on a start that set the database aside (the fresh one is empty, the older copies matter).
- Expired drafts, preview PDFs and what killed writes left are cleared
  (:func:`records.tidy_at_start`), then the newest readable draft is resumed; unreadable newer
  ones are skipped and reported (:func:`declarations.resume_report`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from shipdesk.core.errors import ShipdeskError
from shipdesk.core.paths import Folders
from shipdesk.core.paths import folders as resolve_folders
from shipdesk.core.services import records
from shipdesk.core.services.declarations import Resumed, resume_report
from shipdesk.core.services.workspace import DataFolderError, Workspace, prepare_folders
from shipdesk.core.storage.backups import FOLDER_NAME as BACKUPS_FOLDER
from shipdesk.core.storage.backups import Backup, list_backups, prune, take_backup, taken_on
from shipdesk.core.storage.backups import restore as _restore
from shipdesk.core.storage.db import (
    DB_NAME,
    DatabaseBusy,
    DatabaseDamaged,
    DatabaseTooNew,
    UserDatabase,
    set_aside,
)

__all__ = [
    "Backup",
    "DataFolderError",
    "DatabaseBusy",
    "SetAside",
    "StartupReport",
    "available_backups",
    "backup_now",
    "backups",
    "backups_folder",
    "restore_backup",
    "start",
    "take_daily_backup",
]

log = logging.getLogger("shipdesk.services.startup")


@dataclass(frozen=True)
class SetAside:
    """A user database that could not be used, renamed and kept beside the fresh one."""

    original: Path
    moved_to: Path
    reason: str  # "damaged" or "newer"
    detail: str  # what SQLite or the check said, or the schema versions


@dataclass(frozen=True)
class StartupReport:
    """What happened while the workspace was opened; the GUI shows what needs the user."""

    set_aside: SetAside | None = None
    backup_taken: Path | None = None
    backup_error: str | None = None
    backups: tuple[Backup, ...] = ()
    resumed: Resumed = field(default_factory=Resumed)

    @property
    def needs_attention(self) -> bool:
        """Whether the user must be told something before working on."""
        return self.set_aside is not None or bool(self.resumed.skipped)


def backups_folder(folders: Folders) -> Path:
    return folders.data / BACKUPS_FOLDER


def backups(ws: Workspace) -> list[Backup]:
    """The backups that can be restored, newest first."""
    return list_backups(backups_folder(ws.folders))


def available_backups(folders: Folders | None = None) -> list[Backup]:
    """The backups in the user's data folder, newest first, without opening the database (it
    may be the reason for asking)."""
    if folders is None:
        folders = resolve_folders(create=False)
    return list_backups(backups_folder(folders))


def backup_now(ws: Workspace, now: datetime | None = None) -> Path:
    """Take a backup now (before an upgrade, say), then keep the newest ``backups_kept``
    (at least this one)."""
    taken = take_backup(
        ws.db,
        backups_folder(ws.folders),
        now=now,
        without_drafts=_keeps_no_drafts(ws),
    )
    prune(backups_folder(ws.folders), max(ws.settings.backups_kept, 1))
    return taken


def _open_database(path: Path, now: datetime) -> tuple[UserDatabase, SetAside | None]:
    """Open ``path`` after an integrity check; set a damaged or newer file aside and open a
    fresh one in its place."""
    try:
        return UserDatabase(path, check=True), None
    except DatabaseDamaged as exc:
        reason, detail = "damaged", exc.detail
    except DatabaseTooNew as exc:
        reason, detail = "newer", f"schema {exc.version}, this version knows up to {exc.latest}"
    try:
        moved = set_aside(path, reason, now)
    except OSError as exc:
        raise DataFolderError(path.parent, exc.strerror or str(exc)) from None
    log.warning("user database %s (%s) set aside as %s", reason, detail, moved)
    return UserDatabase(path, check=True), SetAside(path, moved, reason, detail)


def _keeps_no_drafts(ws: Workspace) -> bool:
    """A counter keeps drafts only until printed or until quitting: its backups keep none."""
    return ws.settings.keep_drafts != "days"


def take_daily_backup(ws: Workspace, now: datetime | None = None) -> Path | None:
    """Back the user database up unless today's copy exists or backups are switched off; keep
    the newest ``backups_kept``. Returns the new copy (None: none was due)."""
    now = now or datetime.now(UTC)
    keep = ws.settings.backups_kept
    folder = backups_folder(ws.folders)
    if keep <= 0 or taken_on(folder, now):
        return None
    taken = take_backup(ws.db, folder, now=now, without_drafts=_keeps_no_drafts(ws))
    prune(folder, keep)
    return taken


def start(
    folders: Folders | None = None, now: datetime | None = None, *, daily_backup: bool = True
) -> tuple[Workspace, StartupReport]:
    """Open the workspace for the desktop app; see the module docstring for what is decided.
    ``daily_backup=False`` takes none (a restore must not rotate away the copy it restores).

    Raises only what the user must fix outside ShipDesk: :class:`DataFolderError`,
    :class:`DatabaseBusy`, or another ``ShipdeskError`` naming the file."""
    now = now or datetime.now(UTC)
    folders = prepare_folders(folders)
    db, moved = _open_database(folders.data / DB_NAME, now)
    ws = Workspace.on_database(folders, db)
    try:
        if moved is None:  # a fresh database would make the backups forget every draft
            records.tidy_at_start(ws)
        resumed = resume_report(ws)
        taken: Path | None = None
        error: str | None = None
        if moved is None and daily_backup:
            try:
                taken = take_daily_backup(ws, now)
            except (ShipdeskError, OSError) as exc:  # reported; never a reason not to start
                log.warning("daily backup failed: %s", exc)
                error = str(exc)
        report = StartupReport(moved, taken, error, tuple(backups(ws)), resumed)
    except BaseException:
        ws.close()
        raise
    return ws, report


def restore_backup(ws: Workspace, backup: Path) -> Path:
    """Replace the user database's content with ``backup`` (checked first: sound, a ShipDesk
    database, not from a newer version). The content it replaces is kept as a backup first,
    whose path is returned. Settings and derived values are read again afterwards."""
    before = _restore(ws.db, Path(backup), backups_folder(ws.folders))
    ws.refresh()
    return before
