"""Size and start time of the frozen build (installers/build.sh first).

Prints the unpacked size of dist/ShipDesk, the size of the .deb and the tarball, and for
``--runs`` starts of the frozen app (offscreen, a fresh SHIPDESK_HOME each, the first start
after a fresh home so the daily backup is taken as on a first start of the day): the time from
before the process is spawned to the window shown (``ShipDesk gui --exit-when-shown`` prints the
wall-clock time of that moment), and the time of ``shipdesk-cli --version``. The first run
is reported apart (files possibly not in the OS cache yet); the others give median/min/max.

    python benchmarks/installer_bench.py [--dist dist] [--runs 5]
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
    args = parser.parse_args()
    bundle = args.dist / "ShipDesk"
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
