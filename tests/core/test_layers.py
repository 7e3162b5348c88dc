"""Who may import whom, read from the source (lazy imports inside functions included).

The layers, top to bottom: faces (gui, cli) -> services -> exchange, documents -> validation,
screening, tariff -> storage -> ground. Storage sits below the judges and producers, nothing
below the services calls up into them, and a face reaches the producers, the judges and
persistence only through a service.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[2] / "shipdesk"
GROUND = {
    "model",
    "units",
    "money",
    "rates",
    "ecb_rates",
    "operators",
    "errors",
    "paths",
    "hscode",
    "fileio",
    "closing",
    "text",
    "i18n",
}
# below the services: what a face asks a service for (forms.py holds the operator profiles and
# the choice of form, which belong to the judges)
BEHIND_THE_DOOR = {"exchange", "documents", "validation", "screening", "tariff", "storage"}
FACES = ("gui", "cli")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.add(node.module)
            out.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {m for m in out if m.startswith("shipdesk.")}


def _files(*parts: str) -> list[Path]:
    return sorted(PKG.joinpath(*parts).rglob("*.py"))


def _core_part(module: str) -> str | None:
    bits = module.split(".")
    return bits[2] if len(bits) > 2 and bits[1] == "core" else None


@pytest.mark.parametrize("path", _files("core", "storage"), ids=lambda p: p.name)
def test_storage_imports_only_storage_and_the_ground(path: Path) -> None:
    wrong = {
        m
        for m in _imports(path)
        if _core_part(m) not in GROUND | {"storage"} and m != "shipdesk.core"
    }
    assert wrong == set()


@pytest.mark.parametrize(
    "path",
    [p for p in _files("core") if "services" not in p.parts],
    ids=lambda p: str(p.relative_to(PKG)),
)
def test_nothing_below_the_services_calls_up_into_them(path: Path) -> None:
    up = {m for m in _imports(path) if _core_part(m) == "services" or m.startswith("shipdesk.gui")}
    up |= {m for m in _imports(path) if m.startswith("shipdesk.cli")}
    assert up == set()


@pytest.mark.parametrize(
    "path", _files("gui") + _files("cli"), ids=lambda p: str(p.relative_to(PKG))
)
def test_faces_reach_persistence_only_through_the_services(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert {m for m in _imports(path) if _core_part(m) == "storage"} == set()
    assert "sqlite3" not in text
    assert "import folders" not in text  # the workspace carries the folders


JUDGES = ("validation", "screening", "tariff")


@pytest.mark.parametrize(
    "path",
    [p for judge in JUDGES for p in _files("core", judge)],
    ids=lambda p: str(p.relative_to(PKG)),
)
def test_judges_do_not_call_up_into_the_producers(path: Path) -> None:
    up = {m for m in _imports(path) if _core_part(m) in {"documents", "exchange", "services"}}
    assert up == set()


def _face_files() -> list[Path]:
    return [p for face in FACES for p in _files(face)] + [PKG / "__main__.py"]


@pytest.mark.parametrize("path", _face_files(), ids=lambda p: str(p.relative_to(PKG)))
def test_faces_go_through_the_services_door(path: Path) -> None:
    behind = {m for m in _imports(path) if _core_part(m) in BEHIND_THE_DOOR}
    assert behind == set()


def test_the_door_check_reads_lazy_and_type_only_imports(tmp_path: Path) -> None:
    face = tmp_path / "face.py"
    face.write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    from shipdesk.core.tariff.browse import Node\n"
        "def f():\n"
        "    import shipdesk.core.documents\n"
        "    from shipdesk.core.validation import form_choice\n",
        encoding="utf-8",
    )
    parts = {_core_part(m) for m in _imports(face)}
    assert {"tariff", "documents", "validation"} <= parts
