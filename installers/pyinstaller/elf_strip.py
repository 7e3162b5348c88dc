"""Linux: symbol tables and debug information stripped from the bundle's shared libraries,
where the stripped library still loads.

The wheels' libraries come with their symbol tables (cryptography's Rust library 2.9 MB,
Pillow's 2.7 MB, OpenBLAS 2.0 MB, ICU, libpython, ...); the dynamic symbols a library is
loaded by stay either way (``strip --strip-unneeded``). Libraries that auditwheel repaired with
patchelf (OpenBLAS) come out of ``strip`` with load segments whose file offset and address no
longer agree modulo the page size, and the loader refuses them ("ELF load command
address/offset not page-aligned"); such a library keeps its symbols. Each library is stripped
into a copy, checked, and only then put in place.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

PAGE = 4096
LOAD = re.compile(
    r"^\s+LOAD\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+0x[0-9a-f]+\s+0x[0-9a-f]+\s+0x[0-9a-f]+"
    r"\s+[RWE ]+?\s+0x([0-9a-f]+)\s*$",
    re.MULTILINE,
)


def segments_aligned(program_headers: str) -> bool:
    """Whether every LOAD segment of ``readelf -lW`` output has offset = address modulo its
    alignment (at most a page), as the loader requires."""
    loads = LOAD.findall(program_headers)
    if not loads:
        return False
    for offset, address, align in loads:
        step = min(int(align, 16), PAGE) or 1
        if (int(offset, 16) - int(address, 16)) % step:
            return False
    return True


def _is_elf(path: Path) -> bool:
    with path.open("rb") as fh:
        return fh.read(4) == b"\x7fELF"


def strip_folder(internal: Path) -> tuple[int, int, list[str]] | None:
    """Strip every shared library under ``internal``; (bytes saved, libraries stripped, the
    names of those kept as they were because the stripped copy would not load), or None when
    binutils is missing."""
    if shutil.which("strip") is None or shutil.which("readelf") is None:
        return None
    saved, stripped, refused = 0, 0, []
    for path in sorted(internal.rglob("*.so*")):
        if path.is_symlink() or not path.is_file() or not _is_elf(path):
            continue
        copy = path.with_name(path.name + ".stripped")
        subprocess.run(["strip", "--strip-unneeded", "-o", str(copy), str(path)], check=True)
        headers = subprocess.run(
            ["readelf", "-lW", str(copy)], capture_output=True, text=True, check=True
        ).stdout
        smaller = path.stat().st_size - copy.stat().st_size
        if smaller > 0 and segments_aligned(headers):
            shutil.copymode(path, copy)
            os.replace(copy, path)
            saved, stripped = saved + smaller, stripped + 1
        else:
            if smaller > 0:
                refused.append(path.name)
            copy.unlink()
    return saved, stripped, refused
