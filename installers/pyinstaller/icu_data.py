"""Linux: Qt's ICU data (``libicudata.so.NN``, 32 MB) cut down to what Qt reads from it.

Qt lays out, breaks and formats text with its own tables; it asks ICU's data only for
collation (``QCollator``, locale-aware sorting, file dialogs), time-zone display names and
converters of legacy encodings it does not have built in. Watched with ``strace`` on an
ICU whose data lay in single files, the app, its screenshots walk in German and French and
the PDF view read no ICU data at all; a probe of collation, zone names and a Shift-JIS
decoder read exactly ``coll/``, ``zone/``, the locale tree's root files and ``cnvalias.icu``.

So the bundle keeps: every data item outside the locale trees (properties, normalisation,
time-zone rules, likely subtags, ...), the locale, collation and zone trees for ShipDesk's
languages (and their regional variants) with their root and index files, and the converter
alias table. It drops the legacy-encoding tables (``*.cnv``; such a converter then reports
itself invalid), break-iterator rules and dictionaries, currency, language, region and unit
names, transliterators and spelled-out number rules, and every other language's files. A
locale without data falls back to the root, as ICU does for any locale it lacks.

The library is rebuilt from the cut package with the ICU tools of Debian's ``icu-devtools``
(``icupkg`` removes the items, ``genccode`` writes the object file) and binutils' ``ld``;
without them the data stays whole and the build says so.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from pathlib import Path

DROPPED_TREES = ("brkitr", "curr", "lang", "region", "unit", "translit", "rbnf")
ALWAYS = ("root", "pool", "res_index")
LOCALE_NAME = re.compile(r"[a-z]{2,3}(_[A-Za-z0-9]+)*")
TOOLS = ("objcopy", "nm", "readelf", "icupkg", "genccode", "ld")


def kept(item: str, languages: Iterable[str]) -> bool:
    """Whether the ICU data item (``coll/de.res``, ``cnvalias.icu``, ...) stays."""
    parts = item.split("/")
    if parts[0] in DROPPED_TREES or item.endswith(".cnv"):
        return False
    name = parts[-1]
    if not name.endswith(".res"):
        return True
    stem = name[: -len(".res")]
    if stem in ALWAYS:
        return True
    if len(parts) == 1 and not LOCALE_NAME.fullmatch(stem):
        return True  # supplementalData, zoneinfo64, likelySubtags, metaZones, ...
    return stem.split("_")[0] in set(languages)


def _run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def trim(lib: Path, languages: Iterable[str]) -> tuple[int, int] | None:
    """Rewrite ``lib`` with the kept items only; (bytes before, bytes after), or None when the
    tools are missing. Fails loudly if the library is not what it should be."""
    if any(shutil.which(tool) is None for tool in TOOLS):
        return None
    languages = list(languages)
    version = re.fullmatch(r"libicudata\.so\.(\d+)", lib.name)
    if version is None:
        raise SystemExit(f"{lib}: not an ICU data library")
    entry = f"icudt{version.group(1)}"
    symbols = _run("nm", "-D", "-S", "--defined-only", str(lib)).split()
    # "<address> <size> R icudtNN_dat": the package is that symbol's bytes
    if f"{entry}_dat" not in symbols:
        raise SystemExit(f"{lib}: no {entry}_dat symbol")
    at = symbols.index(f"{entry}_dat")
    address, size = int(symbols[at - 3], 16), int(symbols[at - 2], 16)
    before = lib.stat().st_size
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        rodata = work / "rodata.bin"
        _run("objcopy", "-O", "binary", "--only-section=.rodata", str(lib), str(rodata))
        section = _run("readelf", "-S", "-W", str(lib))
        found = re.search(r"\]\s+\.rodata\s+PROGBITS\s+([0-9a-f]+)", section)
        if found is None:
            raise SystemExit(f"{lib}: no .rodata section")
        start = address - int(found.group(1), 16)
        package = work / f"{entry}l.dat"
        package.write_bytes(rodata.read_bytes()[start : start + size])
        items = _run("icupkg", "-l", str(package)).split()
        dropped = [item for item in items if not kept(item, languages)]
        (work / "dropped.txt").write_text("\n".join(dropped) + "\n", encoding="ascii")
        cut = work / "cut" / package.name  # icupkg names the items after the file
        cut.parent.mkdir()
        _run("icupkg", "-r", str(work / "dropped.txt"), str(package), str(cut))
        objects = work / "obj"
        objects.mkdir()
        _run("genccode", "-q", "-o", "-m", str(lib), "-e", entry, "-d", str(objects), str(cut))
        (obj,) = objects.glob("*.o")
        new = work / lib.name
        _run(
            "ld", "-shared", "-z", "noexecstack", "-soname", lib.name,
            "-o", str(new), str(obj),
        )  # fmt: skip
        lib.unlink()
        shutil.copy2(new, lib)
    return before, lib.stat().st_size
