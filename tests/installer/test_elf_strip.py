"""Stripping the Linux bundle's libraries (installers/pyinstaller/elf_strip.py): a stripped
copy is put in place only when the loader will still take it. Runs in the ordinary suite."""

from __future__ import annotations

import sys

from tests.installer.conftest import ROOT

sys.path.insert(0, str(ROOT / "installers" / "pyinstaller"))
import elf_strip

HEADER = "  Type  Offset  VirtAddr  PhysAddr  FileSiz  MemSiz  Flg Align\n"


def load(offset: int, address: int, size: int, flags: str = "RW ") -> str:
    """One LOAD line of `readelf -lW` (page alignment)."""
    where = f"{offset:#08x} {address:#018x} {address:#018x}"
    return f"  LOAD  {where} {size:#08x} {size:#08x} {flags} 0x1000\n"


COMMON = load(0, 0, 0x2887DC, "R  ") + load(0x288800, 0x289800, 0x133FE70, "R E")
# OpenBLAS as the wheel ships it (auditwheel/patchelf), and after `strip --strip-unneeded`,
# which the loader refuses: "ELF load command address/offset not page-aligned"
AS_SHIPPED = load(0x16D2000, 0x15ED000, 0x7D670) + load(0x1750000, 0x166B000, 0x3A7C0)
STRIPPED = load(0x15DE000, 0x15ED000, 0x43098) + load(0x1621098, 0x166B000, 0)


def test_a_library_as_shipped_loads() -> None:
    assert elf_strip.segments_aligned(HEADER + COMMON + AS_SHIPPED)


def test_a_stripped_copy_with_a_misaligned_segment_is_refused() -> None:
    assert not elf_strip.segments_aligned(HEADER + COMMON + STRIPPED)


def test_no_load_segment_read_is_refused() -> None:
    assert not elf_strip.segments_aligned("There are no program headers in this file.\n")
