"""Atomic writes: the target is replaced whole or not at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from shipdesk.core import fileio
from shipdesk.core.fileio import atomic_write_bytes, atomic_write_text


def test_writes_bytes_and_makes_the_folder(tmp_path: Path) -> None:
    target = tmp_path / "new" / "folder" / "out.pdf"
    atomic_write_bytes(target, b"%PDF-1.4")
    assert target.read_bytes() == b"%PDF-1.4"


def test_replaces_an_existing_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "decl.shipdesk.json"
    target.write_text("old", encoding="utf-8")
    atomic_write_text(target, "nouveau ✓")
    assert target.read_text(encoding="utf-8") == "nouveau ✓"
    assert [p.name for p in tmp_path.iterdir()] == ["decl.shipdesk.json"]


def test_text_in_another_encoding(tmp_path: Path) -> None:
    target = tmp_path / "export.csv"
    atomic_write_text(target, "Größe", encoding="cp1252")
    assert target.read_bytes() == "Größe".encode("cp1252")


def test_a_failed_write_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "rates.json"
    target.write_text("old", encoding="utf-8")

    def broken_replace(src: str, dst: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(fileio.os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        atomic_write_bytes(target, b"new")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["rates.json"]
