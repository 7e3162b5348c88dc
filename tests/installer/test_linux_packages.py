"""The .deb and the tarball of installers/build.sh: what the .deb holds, installed with
``dpkg --root`` into an empty root of its own (the machine's dpkg database is never touched) and
started from there; its desktop entry, AppStream metainfo and MIME type checked by the
freedesktop tools where the machine has them."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from shipdesk import __version__
from tests.installer.conftest import ROOT, clean_env, run

sys.path.insert(0, str(ROOT / "installers" / "linux"))
import build_packages  # installers/linux is no package: found through sys.path

sys.path.pop(0)

pytestmark = [
    pytest.mark.installer,
    pytest.mark.skipif(shutil.which("dpkg-deb") is None, reason="not a Debian-based system"),
]

APP_ID = "org.shipdesk.ShipDesk"


@pytest.fixture(scope="module")
def deb(dist: Path) -> Path:
    found = sorted(dist.glob("shipdesk_*.deb"))
    if len(found) != 1:
        pytest.fail(f"{dist}: expected one shipdesk_*.deb, found {found}; run installers/build.sh")
    return found[0]


@pytest.fixture(scope="module")
def installed(deb: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The .deb installed by dpkg into an empty root with its own dpkg database."""
    root = tmp_path_factory.mktemp("root")
    admin = root / "var" / "lib" / "dpkg"
    for sub in ("info", "updates", "triggers"):
        (admin / sub).mkdir(parents=True)
    (admin / "status").touch()
    (admin / "available").touch()
    proc = subprocess.run(
        [
            "dpkg",
            f"--root={root}",
            f"--log={root / 'dpkg.log'}",
            # the empty root has no libc6 package: the dependencies are checked apart
            "--force-depends",
            "--force-script-chrootless",
            "-i",
            str(deb),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    status = (admin / "status").read_text(encoding="utf-8")
    assert "Package: shipdesk\n" in status and "Status: install ok installed" in status
    return root


def _field(deb: Path, name: str) -> str:
    return subprocess.run(
        ["dpkg-deb", "--field", str(deb), name], capture_output=True, text=True, check=True
    ).stdout.strip()


def test_the_deb_describes_itself(deb: Path) -> None:
    assert _field(deb, "Package") == "shipdesk"
    assert _field(deb, "Version") == build_packages.deb_version(__version__)
    depends = _field(deb, "Depends")
    assert "libc6" in depends  # found from the bundle's binaries, not written by hand
    assert int(_field(deb, "Installed-Size")) > 50_000


def test_the_deb_installs_under_opt_with_launchers(installed: Path) -> None:
    opt = installed / "opt" / "shipdesk"
    assert (opt / "ShipDesk").is_file() and (opt / "shipdesk-cli").is_file()
    for name in ("shipdesk", "shipdesk-cli"):
        link = installed / "usr" / "bin" / name
        assert link.is_symlink() and not Path(str(link.readlink())).is_absolute()
    share = installed / "usr" / "share"
    assert (share / "applications" / "shipdesk.desktop").is_file()
    assert (share / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()
    assert (share / "icons/hicolor/scalable/apps/shipdesk.svg").is_file()
    for size in (16, 32, 48, 64, 128, 256):
        png = share / f"icons/hicolor/{size}x{size}/apps/shipdesk.png"
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", png
    assert (share / "mime/packages/shipdesk.xml").is_file()


def test_the_installed_launchers_start(installed: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = clean_env(home, SHIPDESK_HOME=str(tmp_path / "data"))
    r = run(installed / "usr/bin/shipdesk-cli", ["--version"], env, tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith(f"ShipDesk {__version__}\n")
    r = run(installed / "usr/bin/shipdesk-cli", ["classify", "hoodie", "--top", "1"], env, tmp_path)
    assert r.returncode == 0 and "6110" in r.stdout, r.stdout + r.stderr
    r = run(installed / "usr/bin/shipdesk", ["gui", "--exit-when-shown"], env, tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("window shown at ")


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstreamcli (appstream) missing")
def test_the_metainfo_is_valid(installed: Path) -> None:
    meta = installed / "usr/share/metainfo" / f"{APP_ID}.metainfo.xml"
    proc = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(meta)], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert not [line for line in proc.stdout.splitlines() if line[:2] in ("E:", "W:")]
    text = meta.read_text(encoding="utf-8")
    assert f'<release version="{__version__}"' in text and "@" not in text


@pytest.mark.skipif(
    shutil.which("desktop-file-validate") is None, reason="desktop-file-utils missing"
)
def test_the_desktop_entry_is_valid_and_opens_declarations(installed: Path) -> None:
    entry = installed / "usr/share/applications/shipdesk.desktop"
    proc = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True, text=True)
    assert proc.returncode == 0 and not proc.stdout.strip(), proc.stdout + proc.stderr
    text = entry.read_text(encoding="utf-8")
    assert "Exec=shipdesk %f" in text
    assert "MimeType=application/x-shipdesk-declaration;" in text


@pytest.mark.skipif(shutil.which("update-mime-database") is None, reason="shared-mime-info missing")
def test_the_mime_type_claims_shipdesk_json(installed: Path, tmp_path: Path) -> None:
    mime = tmp_path / "mime"
    shutil.copytree(installed / "usr/share/mime", mime)
    proc = subprocess.run(["update-mime-database", "-V", str(mime)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    globs = (mime / "globs2").read_text(encoding="utf-8")
    assert "application/x-shipdesk-declaration:*.shipdesk.json" in globs


def test_the_tarball_holds_the_frozen_folder(dist: Path) -> None:
    (tarball,) = dist.glob("ShipDesk-*-linux-*.tar.gz")
    assert tarball.name.startswith(f"ShipDesk-{__version__}-linux-")
    with tarfile.open(tarball) as tar:
        names = set(tar.getnames())
    top = f"ShipDesk-{__version__}"
    assert {f"{top}/ShipDesk", f"{top}/shipdesk-cli"} <= names
    assert f"{top}/_internal/resources/tariff/hs2022.sqlite" in names
