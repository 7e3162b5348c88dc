"""The Linux packages of the frozen folder dist/ShipDesk: a .deb and a plain tarball.

    python installers/linux/build_packages.py [--dist dist]

The .deb installs the folder under /opt/shipdesk, the launchers /usr/bin/shipdesk (the window)
and /usr/bin/shipdesk-cli, the desktop entry, the AppStream metainfo, the icons in the hicolor
theme and the MIME type of ``*.shipdesk.json``. It is built with ``dpkg-deb --root-owner-group``
(no fakeroot, no network). The system libraries the bundle still loads from the machine (libc,
OpenGL, the X11/Wayland client libraries) are found with ``objdump`` and ``dpkg -S`` and become
its ``Depends``. Standard library only: it runs with any Python 3.11.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
APP_ID = "org.shipdesk.ShipDesk"
PREFIX = "opt/shipdesk"
ICON_SIZES = (16, 32, 48, 64, 128, 256)
DESCRIPTION = """\
Offline customs declarations (CN22, CN23, commercial invoice)
 ShipDesk prepares customs declarations for international postal and e-commerce
 shipments with no network at all: HS code suggestions from a local tariff
 lookup, restricted-goods screening, validation, and the printable CN22/CN23,
 commercial invoice and packing list. Includes the shipdesk-cli command line."""


def version() -> str:
    text = (ROOT / "shipdesk" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'^__version__ = "([^"]+)"', text, re.M)
    if not found:
        raise SystemExit("shipdesk/__init__.py: no __version__")
    return found.group(1)


def deb_version(v: str) -> str:
    """PEP 440 -> Debian: a pre-release sorts before the release (1.0rc1 -> 1.0~rc1)."""
    return re.sub(r"(\d)(a|b|rc|\.dev)(\d+)", r"\1~\2\3", v)


def _elf_files(folder: Path) -> list[Path]:
    out = []
    for p in folder.rglob("*"):
        if p.is_file() and not p.is_symlink():
            with p.open("rb") as f:
                if f.read(4) == b"\x7fELF":
                    out.append(p)
    return out


def _needed(path: Path) -> list[str]:
    proc = subprocess.run(["objdump", "-p", str(path)], capture_output=True, text=True)
    return re.findall(r"^\s+NEEDED\s+(\S+)", proc.stdout, re.M)


def _system_library_paths() -> dict[str, str]:
    proc = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True, check=True)
    paths: dict[str, str] = {}
    for line in proc.stdout.splitlines():
        m = re.match(r"\s+(\S+) \((libc6,x86-64|libc6,AArch64|[^)]*64[^)]*)\) => (\S+)", line)
        if m:
            paths.setdefault(m.group(1), m.group(3))
    return paths


def depends(bundle: Path) -> list[str]:
    """Debian packages of the libraries the bundle's binaries need and do not carry."""
    carried = {p.name for p in bundle.rglob("*")}
    wanted: set[str] = set()
    for elf in _elf_files(bundle):
        wanted.update(n for n in _needed(elf) if n not in carried)
    system = _system_library_paths()
    packages: set[str] = set()
    missing = []
    for name in sorted(wanted):
        path = system.get(name)
        if path is None:
            missing.append(name)
            continue
        real = os.path.realpath(path)
        for candidate in (path, real, "/usr" + path if not path.startswith("/usr") else path):
            proc = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True)
            if proc.returncode == 0:
                packages.add(proc.stdout.split(":", 1)[0].strip())
                break
        else:
            missing.append(name)
    if missing:  # a plugin whose library is not on the build machine: say so, do not guess
        print(f"note: no package found for {', '.join(missing)}", file=sys.stderr)
    return [_at_least_built_on(p) if p == "libc6" else p for p in sorted(packages)]


def _at_least_built_on(package: str) -> str:
    """``libc6 (>= 2.36)``: the bundle's binaries were linked on this machine's C library."""
    proc = subprocess.run(
        ["dpkg-query", "-W", "-f=${Version}", package], capture_output=True, text=True
    )
    upstream = re.match(r"(?:\d+:)?([\d.]+)", proc.stdout.strip())
    return f"{package} (>= {upstream.group(1)})" if upstream else package


def _icons(target: Path) -> None:
    """hicolor icons: the SVG and PNGs rendered from it (installers/icons.py, needs PySide6);
    without PySide6 the SVG alone."""
    svg = ROOT / "resources" / "icons" / "shipdesk.svg"
    scalable = target / "usr/share/icons/hicolor/scalable/apps"
    scalable.mkdir(parents=True)
    shutil.copy2(svg, scalable / "shipdesk.svg")
    sys.path.insert(0, str(ROOT / "installers"))
    try:
        from icons import render_png
    except ImportError:
        return
    try:
        for size in ICON_SIZES:
            render_png(
                svg, target / f"usr/share/icons/hicolor/{size}x{size}/apps/shipdesk.png", size
            )
    except ImportError:
        print("note: PySide6 missing, only the scalable icon is packaged", file=sys.stderr)


def stage_deb(bundle: Path, staging: Path, ver: str) -> Path:
    """The file tree of the .deb under ``staging``."""
    if staging.exists():
        shutil.rmtree(staging)
    opt = staging / PREFIX
    shutil.copytree(bundle, opt, symlinks=True)
    bin_dir = staging / "usr/bin"
    bin_dir.mkdir(parents=True)
    # relative links: they work in an unpacked tree (tests) as in /
    (bin_dir / "shipdesk").symlink_to(f"../../{PREFIX}/ShipDesk")
    (bin_dir / "shipdesk-cli").symlink_to(f"../../{PREFIX}/shipdesk-cli")
    share = staging / "usr/share"
    (share / "applications").mkdir(parents=True)
    shutil.copy2(ROOT / "resources/desktop/shipdesk.desktop", share / "applications")
    (share / "metainfo").mkdir()
    meta = (HERE / f"{APP_ID}.metainfo.xml").read_text(encoding="utf-8")
    meta = meta.replace("@VERSION@", ver).replace("@DATE@", dt.date.today().isoformat())
    (share / f"metainfo/{APP_ID}.metainfo.xml").write_text(meta, encoding="utf-8")
    (share / "mime/packages").mkdir(parents=True)
    shutil.copy2(HERE / "shipdesk-mime.xml", share / "mime/packages/shipdesk.xml")
    (share / "doc/shipdesk").mkdir(parents=True)
    shutil.copy2(ROOT / "LICENSE", share / "doc/shipdesk/copyright")
    _icons(staging)
    for p in staging.rglob("*"):  # what dpkg installs: readable by all, nothing group-writable
        if not p.is_symlink():
            p.chmod(0o755 if p.is_dir() or os.access(p, os.X_OK) else 0o644)
    return staging


def control(staging: Path, ver: str, deps: list[str]) -> str:
    arch = subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    ).stdout.strip()
    size_kb = sum(p.lstat().st_size for p in staging.rglob("*")) // 1024
    lines = [
        "Package: shipdesk",
        f"Version: {deb_version(ver)}",
        f"Architecture: {arch}",
        "Maintainer: ShipDesk developers <maintainers@shipdesk.invalid>",
        f"Installed-Size: {size_kb}",
        f"Depends: {', '.join(deps)}" if deps else "",
        "Section: utils",
        "Priority: optional",
        f"Description: {DESCRIPTION}",
    ]
    return "\n".join(line for line in lines if line) + "\n"


def build_deb(bundle: Path, dist: Path, ver: str) -> Path:
    staging = stage_deb(bundle, dist.parent / "build" / "deb" / "shipdesk", ver)
    (staging / "DEBIAN").mkdir()
    (staging / "DEBIAN/control").write_text(
        control(staging, ver, depends(bundle)), encoding="utf-8"
    )
    arch = subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    ).stdout.strip()
    out = dist / f"shipdesk_{deb_version(ver)}_{arch}.deb"
    subprocess.run(
        # zstd (dpkg >= 1.21.18, Debian 12 / Ubuntu 21.10 on): xz took 12 min on 2 busy cores
        ["dpkg-deb", "--root-owner-group", "-Zzstd", "-z9", "--build", str(staging), str(out)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return out


def build_tarball(bundle: Path, dist: Path, ver: str) -> Path:
    machine = os.uname().machine
    out = dist / f"ShipDesk-{ver}-linux-{machine}.tar.gz"
    with tarfile.open(out, "w:gz", compresslevel=6) as tar:
        tar.add(bundle, arcname=f"ShipDesk-{ver}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    args = parser.parse_args(argv)
    bundle = args.dist / "ShipDesk"
    if not (bundle / "shipdesk-cli").is_file():
        print(f"{bundle}: no frozen build; run installers/build.sh first", file=sys.stderr)
        return 2
    ver = version()
    print(build_deb(bundle, args.dist, ver))
    print(build_tarball(bundle, args.dist, ver))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
