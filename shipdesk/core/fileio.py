"""Atomic file writes, and file names that are safe on every system ShipDesk runs on.

A reader never sees half a file, and a failed write leaves the old one.

Declarations, PDFs, exports and the user's rate table are all written the same way: into a
temporary file in the target's folder (so the rename stays on one file system), flushed to disk,
then renamed over the target. The temporary file is named ``.<target>.shipdesk-<random>.tmp``
(hidden, and marked as ShipDesk's own): a write killed half-way leaves one behind, holding
whatever was being written (a PDF with a customer's address), and :func:`remove_stale_temps`
finds exactly those, never another program's files.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import time
from pathlib import Path, PurePosixPath, PureWindowsPath

WINDOWS_DEVICES = frozenset(
    ["con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
     *(f"lpt{i}" for i in range(1, 10))]
)  # fmt: skip
"""Names Windows keeps for devices, whatever extension follows them ("aux.1", "CON.toml")."""


def windows_reserved(name: str) -> bool:
    """True when Windows cannot use ``name`` (one path part) as a file name: a device name with
    any extension, in any case, or a name ending in a dot or a space."""
    return name.split(".")[0].rstrip(" ").lower() in WINDOWS_DEVICES or name.endswith((".", " "))


def safe_relative_path(name: str) -> PurePosixPath | None:
    """``name`` (from an archive or a manifest) as a relative path that stays inside the folder
    it is written to on Windows, macOS and Linux alike; None when it would not.

    Refused: backslashes, drive letters and other colons, absolute paths, ``.`` or ``..`` parts
    (in either form) and Windows device names.
    """
    if not name or "\\" in name or ":" in name or "\x00" in name:
        return None
    posix, win = PurePosixPath(name), PureWindowsPath(name)
    if posix.is_absolute() or win.is_absolute() or win.drive or win.root:
        return None
    parts = name.split("/")
    if any(p in ("", ".", "..") or windows_reserved(p) for p in parts):
        return None
    return posix


TEMP_MARK = ".shipdesk-"
"""What follows the target's name in the name of an atomic write's temporary file."""

_OUR_TEMP = re.compile(r"^\..+\.shipdesk-[A-Za-z0-9_]+\.tmp$")

STALE_TEMP_SECONDS = 300
"""A temporary file of ours this old belongs to a write that was killed: no write takes
five minutes, so a younger one may still be in progress (another ShipDesk, a batch)."""


def is_own_temp(name: str) -> bool:
    """True when ``name`` is the name of an atomic write's temporary file (ours only)."""
    return bool(_OUR_TEMP.match(name))


def remove_stale_temps(
    folder: str | os.PathLike[str], older_than: float = STALE_TEMP_SECONDS
) -> list[Path]:
    """Delete the temporary files left in ``folder`` by killed atomic writes: only names of
    ShipDesk's own pattern, only files (no links, no folders) not modified for ``older_than``
    seconds. Returns what was deleted; a file that cannot be deleted (in use, read-only
    folder) is left for the next time. A missing folder is not an error."""
    removed: list[Path] = []
    cutoff = time.time() - older_than
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not is_own_temp(entry.name):
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            if entry.stat(follow_symlinks=False).st_mtime > cutoff:
                continue
            os.unlink(entry.path)
        except OSError:
            continue
        removed.append(Path(entry.path))
    return removed


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file renamed over it; makes the folder."""
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}{TEMP_MARK}", suffix=".tmp", dir=p.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, p)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def atomic_write_text(path: str | os.PathLike[str], text: str, encoding: str = "utf-8") -> None:
    """Write ``text`` atomically in ``encoding`` (UTF-8 unless told otherwise)."""
    atomic_write_bytes(path, text.encode(encoding))
