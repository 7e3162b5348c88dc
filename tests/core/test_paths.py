"""The one resolver: user folders (SHIPDESK_HOME, portable mode beside a frozen executable,
the platform's folders) and shipped resources (checkout, installed wheel, frozen bundle)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from shipdesk.core import paths


@pytest.fixture
def frozen_exe(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A frozen ShipDesk: sys.frozen set, sys.executable in a folder of its own."""
    exe = tmp_path / "ShipDesk" / "ShipDesk"
    exe.parent.mkdir()
    exe.write_bytes(b"")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(exe))
    monkeypatch.delenv(paths.ENV_HOME, raising=False)
    return exe


def test_portable_txt_beside_a_frozen_executable_keeps_everything_beside_it(
    frozen_exe: Path,
) -> None:
    (frozen_exe.parent / "portable.txt").write_text("", encoding="utf-8")
    found = paths.folders(create=False)
    base = frozen_exe.parent / "ShipDeskData"
    assert found == paths.Folders(base / "data", base / "config", base / "cache", base / "logs")


def test_without_portable_txt_the_platform_folders_are_used(frozen_exe: Path) -> None:
    found = paths.folders(create=False)
    for folder in (found.data, found.config, found.cache, found.logs):
        assert frozen_exe.parent not in folder.parents


def test_portable_txt_counts_only_for_a_frozen_executable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    exe = tmp_path / "python"
    (tmp_path / "portable.txt").write_text("", encoding="utf-8")
    monkeypatch.setattr(sys, "executable", str(exe))
    monkeypatch.delattr(sys, "frozen", raising=False)
    monkeypatch.delenv(paths.ENV_HOME, raising=False)
    assert tmp_path not in paths.folders(create=False).data.parents


def test_shipdesk_home_wins_over_portable_mode(
    frozen_exe: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (frozen_exe.parent / "portable.txt").write_text("", encoding="utf-8")
    monkeypatch.setenv(paths.ENV_HOME, str(tmp_path / "elsewhere"))
    assert paths.folders(create=False).data == tmp_path / "elsewhere" / "data"


@pytest.fixture
def fresh_resolver(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv(paths.ENV_RESOURCES, raising=False)
    paths.resources_dir.cache_clear()
    yield
    paths.resources_dir.cache_clear()


def test_resources_of_a_checkout(fresh_resolver: None) -> None:
    checkout = Path(paths.__file__).resolve().parents[2]
    assert paths.resources_dir() == checkout / "resources"
    assert paths.resource("icons", "shipdesk.svg").is_file()


def test_resources_of_a_frozen_bundle(
    fresh_resolver: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "resources").mkdir()
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert paths.resources_dir() == tmp_path / "resources"
