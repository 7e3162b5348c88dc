"""Automatic backups of the user database: SQLite's online backup, rotated, and restored.

A backup is a complete, self-contained copy (``shipdesk-YYYYMMDD-HHMMSS.sqlite3``, UTC time, in
rollback-journal mode so it is one file) made with SQLite's online backup API while the
database is open, written under a temporary name and renamed when complete, so a half-written
copy never counts as a backup. Only the newest ``keep`` copies stay.

Restoring copies a checked backup into the open database with the same API (the file keeps its
name and every connection sees the restored content), after a copy of the current content has
been taken, so a restore can itself be undone.
"""

from __future__ import annotations

import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from shipdesk.core.errors import DataError
from shipdesk.core.storage.db import (
    LATEST,
    UserDatabase,
    database_error,
    quick_check,
)

FOLDER_NAME = "backups"
_NAME = re.compile(r"^shipdesk-(\d{8}-\d{6})(?:-(\d+))?(?:-([a-z-]+))?\.sqlite3$")


@dataclass(frozen=True)
class Backup:
    """One backup file and when it was taken (UTC)."""

    path: Path
    taken_at: datetime
    size: int
    note: str = ""  # "before-restore" for the copy taken before a restore


def list_backups(folder: Path) -> list[Backup]:
    """The backups in ``folder``, newest first (files not named like a backup are ignored)."""
    found: list[Backup] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    for p in entries:
        m = _NAME.match(p.name)
        if m is None or not p.is_file():
            continue
        taken = datetime.strptime(m.group(1), "%Y%m%d-%H%M%S").replace(tzinfo=UTC)
        found.append(Backup(p, taken, p.stat().st_size, m.group(3) or ""))
    found.sort(key=lambda b: (b.taken_at, b.path.name), reverse=True)
    return found


def taken_on(folder: Path, day: datetime) -> bool:
    """Whether a regular backup was taken on ``day``'s UTC date."""
    d = day.astimezone(UTC).date()
    return any(b.taken_at.date() == d and not b.note for b in list_backups(folder))


def take_backup(
    db: UserDatabase,
    folder: Path,
    *,
    now: datetime | None = None,
    note: str = "",
    without_drafts: bool = False,
) -> Path:
    """Copy the open database into ``folder`` with the online backup API; return the copy.

    ``without_drafts`` leaves the drafts and their history out of the copy (a counter that keeps
    no customer data keeps none in its backups either)."""
    folder.mkdir(parents=True, exist_ok=True)
    stamp = (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y%m%d-%H%M%S")
    suffix = f"-{note}" if note else ""
    target = folder / f"shipdesk-{stamp}{suffix}.sqlite3"
    n = 1
    while target.exists():
        n += 1
        target = folder / f"shipdesk-{stamp}-{n}{suffix}.sqlite3"
    tmp = target.with_name(f".{target.name}.part")
    tmp.unlink(missing_ok=True)
    try:
        dest = sqlite3.connect(tmp)
        try:
            db.connection().backup(dest)
            dest.execute("PRAGMA journal_mode=DELETE")
            if without_drafts:
                with dest:
                    dest.execute("DELETE FROM drafts")
                    dest.execute("DELETE FROM history")
                dest.execute("VACUUM")  # the deleted rows must not stay in free pages
        finally:
            dest.close()
        with open(tmp, "rb") as f:
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except sqlite3.Error as exc:
        tmp.unlink(missing_ok=True)
        raise database_error(exc, db.path) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


def prune(folder: Path, keep: int) -> list[Path]:
    """Delete all but the newest ``keep`` backups; return what was deleted."""
    gone: list[Path] = []
    for b in list_backups(folder)[max(keep, 0) :]:
        try:
            b.path.unlink()
            gone.append(b.path)
        except OSError:
            continue
    return gone


def check_backup(path: Path) -> int:
    """Open ``path`` read-only and check it is a sound ShipDesk database this version can use;
    return its schema version (a ``DataError`` naming the file otherwise)."""
    if not path.is_file():
        raise DataError(f"{path}: no such backup")
    try:
        src = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise database_error(exc, path, "backup") from None
    try:
        problems = quick_check(src)
        if problems:
            raise DataError(f"{path}: the backup is damaged ({'; '.join(problems)})")
        has = src.execute(
            "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='schema_version'"
        ).fetchone()[0]
        if not has:
            raise DataError(f"{path}: not a ShipDesk database")
        version = int(src.execute("SELECT MAX(version) FROM schema_version").fetchone()[0] or 0)
    except sqlite3.Error as exc:
        raise database_error(exc, path, "backup") from None
    finally:
        src.close()
    if version > LATEST:
        raise DataError(
            f"{path}: the backup is from a newer ShipDesk (schema {version}, this one knows "
            f"up to {LATEST})"
        )
    return version


def restore(db: UserDatabase, backup: Path, folder: Path) -> Path:
    """Replace the content of the open database with ``backup`` (checked first); the current
    content is kept as a ``before-restore`` backup in ``folder``, whose path is returned."""
    check_backup(backup)
    before = take_backup(db, folder, note="before-restore")
    try:
        src = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise database_error(exc, backup, "backup") from None
    try:
        db.copy_from(src)
    finally:
        src.close()
    return before
