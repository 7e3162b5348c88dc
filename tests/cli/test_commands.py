"""The CLI's command table: every command module is in it, the installer builds from it, and
every subcommand answers ``--help``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from shipdesk.cli.commands import COMMANDS, hidden_imports
from shipdesk.cli.main import build_parser, main

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "installers" / "pyinstaller" / "shipdesk.spec"


def _spec_hidden_imports(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[list[str]]:
    """Run the PyInstaller spec with stand-ins for PyInstaller's classes; the hidden imports of
    each Analysis it builds (one, for both the windowed app and the console CLI)."""
    from tests.installer.spec_runner import run_spec

    return [kwargs["hiddenimports"] for kwargs in run_spec(monkeypatch, tmp_path).analyses]


def test_every_command_module_is_in_the_table() -> None:
    on_disk = sorted(p.stem for p in (ROOT / "shipdesk" / "cli").glob("cmd_*.py"))
    assert len(on_disk) >= 11
    assert sorted(m.rsplit(".", 1)[1] for m in hidden_imports()) == on_disk


def test_installer_spec_hidden_imports_are_the_cli_table(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    analyses = _spec_hidden_imports(monkeypatch, tmp_path)
    assert len(analyses) == 1
    expected = [f"shipdesk.cli.cmd_{name}" for name in COMMANDS]
    for hidden in analyses:
        assert [m for m in hidden if m.startswith("shipdesk.cli.")] == expected


def test_parser_offers_exactly_the_table() -> None:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    assert list(sub.choices) == list(COMMANDS)


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_subcommand_has_help(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main([name, "--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: shipdesk {name} ")
    assert "options:" in out


def test_a_command_that_does_not_register_its_name_is_an_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from shipdesk.cli import commands

    class Silent:
        __name__ = "shipdesk.cli.cmd_silent"

        @staticmethod
        def register(subparsers: Any) -> None:
            return None

    monkeypatch.setitem(commands.COMMANDS, "silent", Silent())
    with pytest.raises(RuntimeError, match="cmd_silent did not register the 'silent'"):
        build_parser()


def test_version_loads_neither_qt_nor_the_heavy_libraries(tmp_path: Path) -> None:
    code = (
        "import json, sys\n"
        "from shipdesk.cli.main import main\n"
        "try:\n"
        "    main(['--version'])\n"
        "except SystemExit as exc:\n"
        "    code = exc.code\n"
        "heavy = ('PySide6', 'shiboken6', 'numpy', 'reportlab', 'openpyxl', 'safetensors')\n"
        "print(json.dumps({'code': code, 'loaded': sorted(m for m in sys.modules "
        "if m.split('.')[0] in heavy or m.startswith('shipdesk.gui'))}))\n"
    )
    env = dict(os.environ, SHIPDESK_HOME=str(tmp_path), PYTHONPATH=str(ROOT))
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result == {"code": 0, "loaded": []}
