"""Size and start time of the frozen build (installers/build.sh first).

Prints the unpacked size of dist/ShipDesk, the size of the .deb and the tarball, and for
``--runs`` starts of the frozen app (offscreen, a fresh SHIPDESK_HOME each, the first start
after a fresh home so the daily backup is taken as on a first start of the day): the time from
before the process is spawned to the window shown (``ShipDesk gui --exit-when-shown`` prints the
wall-clock time of that moment), and the time of ``shipdesk-cli --version``. The first run
is reported apart (files possibly not in the OS cache yet); the others give median/min/max.
``--parts`` prints only what takes the space in the folder (by part, largest first) and the
largest files.

    python benchmarks/installer_bench.py [--dist dist] [--runs 5] [--parts]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def size_mb(path: Path) -> float:
    if path.is_file():
        return path.stat().st_size / 1e6
    return sum(p.lstat().st_size for p in path.rglob("*") if not p.is_dir()) / 1e6


# Parts of the frozen folder, by path under it (first match wins); sizes in MB (10^6 bytes).
PARTS: list[tuple[str, str]] = [
    ("tariff encoder model (resources/tariff/model)", "_internal/resources/tariff/model/"),
    ("tariff index and vectors (resources/tariff)", "_internal/resources/tariff/"),
    ("other resources (rules, fonts, rates, locale, ...)", "_internal/resources/"),
    ("Qt's ICU data (libicudata)", "_internal/PySide6/Qt/lib/libicudata"),
    ("Qt's ICU code (libicui18n, libicuuc)", "_internal/PySide6/Qt/lib/libicu"),
    ("Qt libraries (PySide6/Qt/lib)", "_internal/PySide6/Qt/lib/"),
    ("Qt plugins and translations", "_internal/PySide6/Qt/"),
    ("PySide6 bindings and shiboken6", "_internal/PySide6/"),
    ("PySide6 bindings and shiboken6", "_internal/shiboken6/"),
    ("PySide6 bindings and shiboken6", "_internal/libpyside6"),
    ("PySide6 bindings and shiboken6", "_internal/libshiboken6"),
    ("OpenBLAS and its Fortran runtime (numpy.libs)", "_internal/numpy.libs/"),
    ("numpy", "_internal/numpy/"),
    ("cryptography", "_internal/cryptography/"),
    ("rapidfuzz", "_internal/rapidfuzz/"),
    ("Pillow and its libraries", "_internal/PIL/"),
    ("Pillow and its libraries", "_internal/pillow.libs/"),
    ("Python (libpython, lib-dynload, base_library.zip)", "_internal/libpython"),
    ("Python (libpython, lib-dynload, base_library.zip)", "_internal/python3"),
    ("Python (libpython, lib-dynload, base_library.zip)", "_internal/base_library.zip"),
    ("other Python packages (data and extensions)", "_internal/*/"),
    ("system libraries copied in (_internal/*.so*)", "_internal/"),
    ("executables (each with the compressed Python modules)", ""),
]


def parts(bundle: Path) -> None:
    """What takes the space in the folder: by part, then the largest files."""
    totals: dict[str, float] = {}
    files = [p for p in bundle.rglob("*") if p.is_file() and not p.is_symlink()]
    for path in files:
        rel = path.relative_to(bundle).as_posix()
        for name, prefix in PARTS:
            if prefix.endswith("*/"):
                hit = rel.startswith(prefix[:-2]) and rel.count("/") > 1
            else:
                hit = rel.startswith(prefix)
            if hit:
                totals[name] = totals.get(name, 0.0) + path.stat().st_size / 1e6
                break
    total = sum(totals.values())
    print(f"{bundle}: {total:.1f} MB ({total * 1e6 / 2**20:.1f} MiB) in {len(files)} files")
    for name, mb in sorted(totals.items(), key=lambda kv: -kv[1]):
        print(f"{mb:7.1f} MB  {name}")
    print("largest files:")
    for path in sorted(files, key=lambda p: -p.stat().st_size)[:15]:
        print(f"{path.stat().st_size / 1e6:7.1f} MB  {path.relative_to(bundle).as_posix()}")


def shown_after(exe: Path) -> float:
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, SHIPDESK_HOME=home, QT_QPA_PLATFORM="offscreen")
        t0 = time.time()
        proc = subprocess.run(
            [str(exe), "gui", "--exit-when-shown"], capture_output=True, text=True, env=env
        )
    found = re.match(r"window shown at (\d+\.\d+)", proc.stdout)
    if proc.returncode or not found:
        raise SystemExit(f"{exe}: did not show its window: {proc.stderr or proc.stdout}")
    return float(found.group(1)) - t0


def cli_time(exe: Path) -> float:
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, SHIPDESK_HOME=home)
        t0 = time.perf_counter()
        subprocess.run([str(exe), "--version"], capture_output=True, env=env, check=True)
        return time.perf_counter() - t0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--parts", action="store_true", help="only the breakdown by part")
    args = parser.parse_args()
    bundle = args.dist / "ShipDesk"
    if args.parts:
        parts(bundle)
        return 0
    print(f"load average at start: {os.getloadavg()[0]:.1f}")
    print(f"dist/ShipDesk unpacked: {size_mb(bundle):.0f} MB")
    for pattern in ("shipdesk_*.deb", "ShipDesk-*-linux-*.tar.gz"):
        for path in sorted(args.dist.glob(pattern)):
            print(f"{path.name}: {size_mb(path):.0f} MB")
    first = shown_after(bundle / "ShipDesk")
    print(f"first start to window shown: {first:.2f} s")
    shown = [shown_after(bundle / "ShipDesk") for _ in range(args.runs)]
    cli = [cli_time(bundle / "shipdesk-cli") for _ in range(args.runs)]
    for name, values in (("start to window shown", shown), ("shipdesk-cli --version", cli)):
        print(
            f"{name}: median {statistics.median(values):.2f} s, "
            f"min {min(values):.2f} s, max {max(values):.2f} s ({len(values)} runs)"
        )
    print(f"load average at end: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
