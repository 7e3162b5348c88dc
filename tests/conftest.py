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


# -- property-based tests (hypothesis): a fixed seed in CI, a longer run on demand ---------------
# HYPOTHESIS_PROFILE=ci (the default): derandomized, so every run tries the same examples and a
# failure is reproducible; HYPOTHESIS_PROFILE=long: 20 times the examples, random seeds
# (docs/reliability.md, "Property-based tests").
try:
    from hypothesis import HealthCheck, settings
except ImportError:  # the test extra is not installed: the property tests are skipped
    pass
else:
    settings.register_profile(
        "ci",
        max_examples=60,
        derandomize=True,
        deadline=None,
        database=None,
        print_blob=True,
        suppress_health_check=[HealthCheck.too_slow],
    )
    settings.register_profile(
        "long",
        max_examples=1200,
        deadline=None,
        print_blob=True,
        suppress_health_check=[HealthCheck.too_slow],
    )
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
