"""kill -9 of the real app while the user types: the next start opens the draft with the text
typed up to the last autosave."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DRIVER = Path(__file__).with_name("typing_driver.py")
TEXT = "Maria Fernanda Oliveira Santos"

pytestmark = [pytest.mark.gui, pytest.mark.slow]


def _env(home: Path) -> dict[str, str]:
    return dict(
        os.environ, SHIPDESK_HOME=str(home), QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT)
    )


def _lines(proc: subprocess.Popen[str]) -> queue.Queue[str | None]:
    out: queue.Queue[str | None] = queue.Queue()

    def read() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            out.put(line.rstrip("\n"))
        out.put(None)

    threading.Thread(target=read, daemon=True).start()
    return out


def test_kill_9_while_typing_restores_the_last_autosave(tmp_path: Path) -> None:
    home = tmp_path / "home"
    proc = subprocess.Popen(
        [sys.executable, str(DRIVER), "type", TEXT],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=_env(home),
    )
    lines = _lines(proc)
    seen: list[str] = []
    saves = keys_since_save = 0
    deadline = time.monotonic() + 40
    try:
        while time.monotonic() < deadline:
            line = lines.get(timeout=max(0.1, deadline - time.monotonic()))
            assert line is not None, f"the app ended by itself: {seen}"
            seen.append(line)
            if line.startswith("saved "):
                saves += 1
                keys_since_save = 0
            elif line.startswith("key "):
                keys_since_save += 1
                if saves >= 2 and keys_since_save == 3:  # mid-word, after autosaves
                    os.kill(proc.pid, signal.SIGKILL)
                    break
        else:
            pytest.fail(f"no autosave while typing: {seen}")
    finally:
        proc.kill()
        proc.wait(timeout=10)
    while (line := lines.get(timeout=10)) is not None:
        seen.append(line)
    assert proc.returncode == -signal.SIGKILL
    typed = [line[4:] for line in seen if line.startswith("key ")]
    saved = [line[6:] for line in seen if line.startswith("saved ")]
    last_saved = saved[-1]
    assert TEXT.startswith(last_saved) and last_saved.endswith(" ")
    assert len(typed[-1]) == len(last_saved) + 3  # the keys after the last autosave are lost

    shown = subprocess.run(
        [sys.executable, str(DRIVER), "show"],
        capture_output=True,
        text=True,
        env=_env(home),
        timeout=60,
    )
    assert shown.returncode == 0, shown.stderr[-2000:]
    assert f"name {last_saved}" in shown.stdout.splitlines()
