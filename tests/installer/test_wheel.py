"""pip/pipx: the wheel carries every resource, and installed with the gui extra into a fresh
virtual environment (no checkout on the path) it gives working ``shipdesk-cli`` and
``shipdesk`` commands. What ``pipx install 'shipdesk-VERSION-py3-none-any.whl[gui]'`` does."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
import venv
import zipfile
from pathlib import Path

import pytest

from shipdesk import __version__
from tests.installer.conftest import ROOT, clean_env, run

pytestmark = pytest.mark.installer

BIN = "Scripts" if os.name == "nt" else "bin"
EXE = ".exe" if os.name == "nt" else ""


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    (found,) = out.glob("shipdesk-*.whl")
    return found


def test_the_console_scripts_are_declared() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["scripts"]["shipdesk-cli"] == "shipdesk.cli.main:main"
    assert project["gui-scripts"]["shipdesk"] == "shipdesk.__main__:main"
    assert not [d for d in project["dependencies"] if d.lower().startswith("pyinstaller")]


def test_the_wheel_carries_every_resource(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
    shipped = {
        p.relative_to(ROOT / "resources").as_posix()
        for p in (ROOT / "resources").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    missing = sorted(n for n in shipped if f"shipdesk/_resources/{n}" not in names)
    assert not missing, missing[:10]
    assert not [n for n in names if n.startswith(("tests/", "installers/"))]


@pytest.fixture(scope="module")
def fresh_venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new venv with the wheel and its gui extra at the tested versions, nothing else."""
    target = tmp_path_factory.mktemp("venv") / "v"
    venv.EnvBuilder(with_pip=True, clear=True).create(target)
    python = target / BIN / f"python{EXE}"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    proc = subprocess.run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "-q",
            "--disable-pip-version-check",
            "-c",
            str(ROOT / "requirements" / "constraints.txt"),
            f"{wheel}[gui]",
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=target.parent,
        timeout=900,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return target


def test_the_installed_commands_work_without_a_checkout(fresh_venv: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = clean_env(home, SHIPDESK_HOME=str(tmp_path / "data"))
    scripts = fresh_venv / BIN
    r = run(
        scripts / f"python{EXE}",
        [
            "-c",
            "import shipdesk, shipdesk.core.paths as p; "
            "print(shipdesk.__file__); print(p.resources_dir())",
        ],
        env,
        tmp_path,
    )
    assert r.returncode == 0, r.stderr
    module, resources = (Path(line) for line in r.stdout.splitlines())
    assert fresh_venv in module.parents and ROOT not in module.parents
    assert resources.name == "_resources" and fresh_venv in resources.parents

    r = run(scripts / f"shipdesk-cli{EXE}", ["--version"], env, tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith(f"ShipDesk {__version__}\n")
    r = run(
        scripts / f"shipdesk-cli{EXE}",
        ["classify", "wireless earbuds", "--top", "3"],
        env,
        tmp_path,
    )
    assert r.returncode == 0 and "8518" in r.stdout, r.stdout + r.stderr
    r = run(scripts / f"shipdesk{EXE}", ["gui", "--exit-when-shown"], env, tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("window shown at ")
