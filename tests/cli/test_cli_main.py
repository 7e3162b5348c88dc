"""`python -m shipdesk`: version, usage errors, exit codes, no tracebacks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from shipdesk import __version__
from shipdesk.cli.main import main

ROOT = Path(__file__).resolve().parents[2]


def run_module(*args: str, home: Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, SHIPDESK_HOME=str(home), PYTHONPATH=str(ROOT))
    env.pop("QT_QPA_PLATFORM", None)  # a subcommand needs no display at all
    return subprocess.run(
        [sys.executable, "-m", "shipdesk", *args],
        capture_output=True,
        text=True,
        env=env,
        input=stdin,
        timeout=120,
    )


def test_version_lists_data_versions(tmp_path: Path) -> None:
    proc = run_module("--version", home=tmp_path)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.strip().splitlines()
    assert lines[0] == f"ShipDesk {__version__}"
    keys = {line.split(":")[0] for line in lines[1:]}
    assert {"tariff", "rules", "operators"} <= keys
    assert "unavailable" not in proc.stdout


def test_unknown_subcommand_is_a_usage_error(tmp_path: Path) -> None:
    proc = run_module("frobnicate", home=tmp_path)
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 1
    assert "invalid choice" in proc.stderr


def test_missing_file_is_one_line_exit_2(tmp_path: Path) -> None:
    proc = run_module("validate", str(tmp_path / "nope.json"), home=tmp_path)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "nope.json" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1


def test_malformed_file_names_line_and_column(tmp_path: Path) -> None:
    bad = tmp_path / "bad.shipdesk.json"
    bad.write_text('{\n  "format": "shipdesk.declaration/1",\n  "items": [,]\n}\n')
    proc = run_module("render", str(bad), "--out", str(tmp_path / "x.pdf"), home=tmp_path)
    assert proc.returncode == 2
    assert "bad.shipdesk.json:3:" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_internal_error_is_one_line_and_logged(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], shipdesk_home: Path
) -> None:
    import shipdesk.cli.cmd_gui as cmd_gui

    def boom(args):
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(cmd_gui, "run", boom)
    parser_func = main  # parse builds a fresh parser each call, picking up the patched run
    rc = parser_func(["gui"])
    err = capsys.readouterr().err
    assert rc == 3
    assert "internal error (RuntimeError: simulated bug)" in err
    assert "Traceback" not in err
    log = shipdesk_home / "logs" / "shipdesk.log"
    assert "simulated bug" in log.read_text(encoding="utf-8")
