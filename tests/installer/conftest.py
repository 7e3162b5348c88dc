"""The frozen build under test: dist/ShipDesk (installers/build.sh), or SHIPDESK_DIST's folder.

Every test module here is marked ``installer`` and left out of the default run (pyproject.toml);
``pytest -m installer`` after ``installers/build.sh`` runs them (so does .ci/run). A missing
build is a failure, not a skip: asking for these tests means asking for the build."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXE_SUFFIX = ".exe" if os.name == "nt" else ""


@pytest.fixture(scope="session")
def dist() -> Path:
    return Path(os.environ.get("SHIPDESK_DIST") or ROOT / "dist").resolve()


@pytest.fixture(scope="session")
def bundle(dist: Path) -> Path:
    folder = dist / "ShipDesk"
    if not (folder / f"shipdesk-cli{EXE_SUFFIX}").is_file():
        pytest.fail(f"{folder}: no frozen build; run installers/build.sh first")
    return folder


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment of a person's session: HOME set, no ShipDesk or Python variables, no
    XDG folders named (so the platform defaults under HOME apply), offscreen Qt."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SHIPDESK_", "PYTHON", "XDG_", "QT_", "VIRTUAL_ENV"))
    }
    env.update(HOME=str(home), QT_QPA_PLATFORM="offscreen", LANG="C.UTF-8")
    env.update(extra)
    return env


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str


def run(
    exe: Path,
    args: Sequence[str],
    env: dict[str, str],
    cwd: Path,
    stdin: str | None = None,
    timeout: float = 180,
) -> Run:
    proc = subprocess.run(
        [str(exe), *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=timeout,
    )
    return Run(proc.returncode, proc.stdout, proc.stderr)


def files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if not p.is_dir())
