"""``shipdesk FILE.shipdesk.json`` (what a file manager or a file association runs) opens the
desktop app with that file; anything else is still a subcommand."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from shipdesk import __main__ as entry


@pytest.fixture
def gui_calls(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    pytest.importorskip("PySide6")
    from shipdesk.gui import app

    calls: list[dict[str, Any]] = []

    def fake_main(argv: Any = (), **kwargs: Any) -> int:
        calls.append(kwargs)
        return 0

    monkeypatch.setattr(app, "main", fake_main)
    return calls


def test_a_declaration_file_opens_the_window_with_it(
    gui_calls: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch, sample_path: Path
) -> None:
    monkeypatch.setattr(sys, "argv", ["shipdesk", str(sample_path)])
    assert entry.main() == 0
    assert gui_calls == [{"open_file": sample_path}]


def test_no_argument_opens_the_window_empty(
    gui_calls: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "argv", ["shipdesk"])
    assert entry.main() == 0
    assert gui_calls == [{"open_file": None}]


@pytest.mark.parametrize(
    "argv",
    [
        ["validate", "x.json"],
        ["--version"],
        ["clasify"],
        ["-h"],
        ["notes.txt"],
        ["a.json", "b.json"],
    ],
)
def test_anything_else_is_not_a_file_to_open(argv: list[str]) -> None:
    assert entry._declaration_argument(argv) is None


def test_a_subcommand_never_opens_the_window(
    gui_calls: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch, sample_path: Path
) -> None:
    monkeypatch.setattr(sys, "argv", ["shipdesk", "validate", str(sample_path)])
    assert entry.main() == 0
    assert gui_calls == []
