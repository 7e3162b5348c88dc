"""A folder the test process really cannot write to, also when the tests run as root.

``chmod`` alone does not stop root: its CAP_DAC_OVERRIDE capability skips permission checks.
When the tests run as root on Linux, :func:`no_write_access` also drops that capability (and
CAP_DAC_READ_SEARCH and CAP_FOWNER) from the calling thread's effective set for the duration,
so the kernel refuses the write exactly as it does for an ordinary user, and puts it back after.
Elsewhere, when writes cannot be refused, the test is skipped.
"""

from __future__ import annotations

import ctypes
import os
import stat
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

_CAP_VERSION_3 = 0x20080522
_DAC_CAPS = (1 << 1) | (1 << 2) | (1 << 3)  # DAC_OVERRIDE, DAC_READ_SEARCH, FOWNER


class _Header(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _Data(ctypes.Structure):
    _fields_ = [
        ("effective", ctypes.c_uint32),
        ("permitted", ctypes.c_uint32),
        ("inheritable", ctypes.c_uint32),
    ]


def _caps(libc: ctypes.CDLL) -> tuple[_Header, ctypes.Array[_Data]]:
    header = _Header(_CAP_VERSION_3, 0)
    data = (_Data * 2)()
    if libc.capget(ctypes.byref(header), data) != 0:
        raise OSError(ctypes.get_errno(), "capget")
    return header, data


@contextmanager
def _without_dac_override() -> Iterator[None]:
    if os.geteuid() != 0:
        yield
        return
    if not sys.platform.startswith("linux"):
        pytest.skip("running as root: writes cannot be refused on this system")
    libc = ctypes.CDLL(None, use_errno=True)
    header, data = _caps(libc)
    saved = data[0].effective
    data[0].effective = saved & ~_DAC_CAPS
    if libc.capset(ctypes.byref(header), data) != 0:
        pytest.skip("running as root: the capabilities cannot be dropped here")
    try:
        yield
    finally:
        header, data = _caps(libc)
        data[0].effective = saved
        libc.capset(ctypes.byref(header), data)


@contextmanager
def no_write_access(*paths: Path) -> Iterator[None]:
    """Inside the block, nothing can be created in or written to ``paths`` (folders lose their
    write bits, files become read-only)."""
    modes = {p: stat.S_IMODE(p.stat().st_mode) for p in paths}
    for p in paths:
        p.chmod(modes[p] & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    try:
        with _without_dac_override():
            probe = next((p for p in paths if p.is_dir()), None)
            if probe is not None:
                try:
                    (probe / ".write-probe").touch()
                except PermissionError:
                    pass
                else:
                    (probe / ".write-probe").unlink()
                    pytest.skip("writes to a read-only folder succeed on this system")
            yield
    finally:
        for p, mode in modes.items():
            p.chmod(mode)
