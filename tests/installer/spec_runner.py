"""Run installers/pyinstaller/shipdesk.spec with stand-ins for PyInstaller's classes and hook
helpers, recording what it asks for: fast, and needs no PyInstaller. Used by the tests of the
CLI table (the spec's hidden imports) and of the macOS bundle (kept in step with the spec)."""

from __future__ import annotations

import sys
import types
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "installers" / "pyinstaller" / "shipdesk.spec"


@dataclass
class SpecRun:
    analyses: list[dict[str, Any]] = field(default_factory=list)
    exes: list[dict[str, Any]] = field(default_factory=list)
    collects: list[dict[str, Any]] = field(default_factory=list)
    bundles: list[dict[str, Any]] = field(default_factory=list)
    namespace: dict[str, Any] = field(default_factory=dict)


def run_spec(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, platform: str | None = None
) -> SpecRun:
    monkeypatch.setattr(sys, "path", list(sys.path))  # the spec puts the project on the path
    if platform:
        monkeypatch.setattr(sys, "platform", platform)
    seen = SpecRun()

    class Analysis:
        def __init__(self, scripts: list[str], **kwargs: Any) -> None:
            seen.analyses.append({"scripts": scripts, **kwargs})
            self.pure: list[Any] = []
            self.binaries: list[Any] = []
            self.datas: list[Any] = []
            self.scripts = [(Path(s).stem, s, "PYSOURCE") for s in scripts]
            self.scripts.insert(0, ("pyi_rth_inspect", "rthook.py", "PYSOURCE"))

    def recorder(into: list[dict[str, Any]]) -> Any:
        def record(*args: Any, **kwargs: Any) -> dict[str, Any]:
            into.append({"args": args, **kwargs})
            return into[-1]

        return record

    # PyInstaller's hook helpers and Qt hook class, as the spec uses them
    hooks = types.ModuleType("PyInstaller.utils.hooks")
    hooks.collect_data_files = lambda package, **kwargs: [(f"{package}/data.json", package)]  # type: ignore[attr-defined]
    hooks.copy_metadata = lambda package: [(f"{package}.dist-info", f"{package}.dist-info")]  # type: ignore[attr-defined]
    hooks.collect_submodules = lambda package: [package, f"{package}.sub"]  # type: ignore[attr-defined]
    qt = types.ModuleType("PyInstaller.utils.hooks.qt")

    class QtLibraryInfo:
        def collect_plugins(self, plugin_type: str) -> list[tuple[str, str]]:
            return []

    qt.QtLibraryInfo = QtLibraryInfo  # type: ignore[attr-defined]
    hooks.qt = qt  # type: ignore[attr-defined]
    for name, module in {
        "PyInstaller": types.ModuleType("PyInstaller"),
        "PyInstaller.utils": types.ModuleType("PyInstaller.utils"),
        "PyInstaller.utils.hooks": hooks,
        "PyInstaller.utils.hooks.qt": qt,
    }.items():
        monkeypatch.setitem(sys.modules, name, module)

    namespace = {
        "__name__": "__main__",
        "SPECPATH": str(SPEC.parent),
        "DISTPATH": str(tmp_path / "dist"),
        "workpath": str(tmp_path / "build"),
        "Analysis": Analysis,
        "PYZ": lambda *args, **kwargs: None,
        "EXE": recorder(seen.exes),
        "COLLECT": recorder(seen.collects),
        "BUNDLE": recorder(seen.bundles),
    }
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)
    seen.namespace = namespace
    return seen
