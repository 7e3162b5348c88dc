"""Atomic file writes: a reader never sees half a file, and a failed write leaves the old one.

Declarations, PDFs, exports and the user's rate table are all written the same way: into a
temporary file in the target's folder (so the rename stays on one file system), flushed to disk,
then renamed over the target.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


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
