"""Atomic file writes, and file names that are safe on every system ShipDesk runs on.

A reader never sees half a file, and a failed write leaves the old one.

Declarations, PDFs, exports and the user's rate table are all written the same way: into a
temporary file in the target's folder (so the rename stays on one file system), flushed to disk,
then renamed over the target.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
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


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file renamed over it; makes the folder."""
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=p.parent)
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
