"""Test setup: a fresh ShipDesk home per test, offscreen Qt, no network."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "resources" / "samples" / "sample.shipdesk.json"


@pytest.fixture(autouse=True)
def shipdesk_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("SHIPDESK_HOME", str(home))
    return home


@pytest.fixture
def sample_path() -> Path:
    return SAMPLE
