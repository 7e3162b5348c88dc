"""The core is a Qt-free library: importing it, and running CLI subcommands, loads no PySide6."""

from __future__ import annotations

import json
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import shipdesk.core

ROOT = Path(__file__).resolve().parents[2]


def _core_modules() -> list[str]:
    names = ["shipdesk.core"]
    for info in pkgutil.walk_packages(shipdesk.core.__path__, "shipdesk.core."):
        names.append(info.name)
    return names


def _run(code: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, SHIPDESK_HOME=str(tmp_path), PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )


def test_importing_every_core_module_loads_no_qt(tmp_path: Path) -> None:
    modules = _core_modules()
    assert len(modules) > 10
    code = (
        "import importlib, sys, json\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "print(json.dumps(sorted(k for k in sys.modules if k.split('.')[0] in "
        "('PySide6', 'shiboken6') or k.startswith('shipdesk.gui'))))\n"
    )
    proc = _run(code, tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout.strip().splitlines()[-1]) == []


def test_cli_subcommands_load_no_qt(tmp_path: Path) -> None:
    sample = ROOT / "resources" / "samples" / "sample.shipdesk.json"
    out = tmp_path / "out.pdf"
    code = (
        "import sys, json\n"
        "from shipdesk.cli.main import main\n"
        "codes = []\n"
        f"codes.append(main(['validate', {str(sample)!r}, '--json']))\n"
        f"codes.append(main(['render', {str(sample)!r}, '--out', {str(out)!r}]))\n"
        "print(json.dumps({'codes': codes, 'qt': sorted(k for k in sys.modules "
        "if k.split('.')[0] in ('PySide6', 'shiboken6'))}))\n"
    )
    proc = _run(code, tmp_path)
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["qt"] == []
    assert out.exists() and out.read_bytes().startswith(b"%PDF")
