"""Test setup: a fresh ShipDesk home per test, offscreen Qt, no network."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from shipdesk.core.services import Workspace

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
def workspace(shipdesk_home: Path) -> Iterator[Workspace]:
    """The user's workspace in the test's home, closed after the test."""
    from shipdesk.core.paths import folders
    from shipdesk.core.services import open_workspace

    ws = open_workspace(folders())
    yield ws
    ws.close()


@pytest.fixture
def sample_path() -> Path:
    return SAMPLE
