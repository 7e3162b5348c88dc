"""The recipes that cannot run here, checked here: the NSIS script compiles (makensis from
Debian's nsis package) and does what the Windows install promises; the CI workflow for the
hosted Windows/macOS runners is valid YAML that builds, tests and starts each installer.
Runs in the ordinary suite (no frozen build needed)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from shipdesk import __version__

ROOT = Path(__file__).resolve().parents[2]
NSI = ROOT / "installers" / "windows" / "shipdesk.nsi"
WORKFLOW = ROOT / ".github" / "workflows" / "installers.yml"


def _nsis_source(folder: Path) -> Path:
    """Stand-ins for the files of the Windows build (makensis only packs them)."""
    (folder / "_internal").mkdir(parents=True)
    for name in ("ShipDesk.exe", "shipdesk-cli.exe", "_internal/base_library.zip"):
        (folder / name).write_bytes(b"stand-in")
    return folder


@pytest.mark.skipif(shutil.which("makensis") is None, reason="makensis (Debian: nsis) missing")
def test_the_nsis_script_compiles_without_warnings(tmp_path: Path) -> None:
    import sys

    sys.path.insert(0, str(ROOT / "installers"))
    try:
        from icons import SVG, render_ico
    finally:
        sys.path.pop(0)
    icon = render_ico(SVG, tmp_path / "icons" / "shipdesk.ico")
    src = _nsis_source(tmp_path / "ShipDesk")
    out = tmp_path / "ShipDesk-setup.exe"
    proc = subprocess.run(
        [
            "makensis",
            "-V2",
            "-WX",  # a warning fails the build
            f"-DVERSION={__version__}",
            f"-DSRC={src}",
            f"-DICON={icon}",
            f"-DOUTFILE={out}",
            str(NSI),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert out.read_bytes()[:2] == b"MZ"  # a Windows executable


def test_the_nsis_script_installs_per_user_and_asks_before_deleting_data() -> None:
    text = NSI.read_text(encoding="utf-8")
    assert "RequestExecutionLevel user" in text
    assert 'InstallDir "$LOCALAPPDATA\\Programs\\${APPNAME}"' in text
    assert 'CreateShortCut "$SMPROGRAMS\\${APPNAME}.lnk" "$INSTDIR\\ShipDesk.exe"' in text
    # the file association opens the file with the windowed app
    assert '\'"$INSTDIR\\ShipDesk.exe" "%1"\'' in text
    assert 'HKCU "Software\\Classes\\.json\\OpenWithProgids"' in text
    assert "WriteUninstaller" in text
    uninstall = text.split('Section "Uninstall"', 1)[1]
    ask = uninstall.index("MessageBox MB_YESNO")
    # user data is deleted only after the question, and only on No; silent keeps it
    assert uninstall.index('RMDir /r "$LOCALAPPDATA\\${APPNAME}"') > ask
    assert "/SD IDYES IDYES keep" in uninstall
    assert 'RMDir /r "$INSTDIR"' not in uninstall  # never the whole folder (portable data)
    # the question in every language the installer offers
    languages = re.findall(r'MUI_LANGUAGE "(\w+)"', text)
    keep = re.findall(r"LangString KeepData \$\{LANG_(\w+)\}", text)
    assert sorted(lang.upper() for lang in languages) == sorted(keep)
    types = re.findall(r"LangString DeclarationType \$\{LANG_(\w+)\}", text)
    assert sorted(types) == sorted(keep)
    # the installer speaks every language the app does
    from shipdesk.core.i18n import catalogue_languages

    names = {"en": "ENGLISH", "de": "GERMAN", "fr": "FRENCH", "es": "SPANISH"}
    assert {names[lang] for lang in catalogue_languages()} <= set(keep)


def _workflow() -> dict[Any, Any]:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _runs(job: dict[str, Any]) -> str:
    return "\n".join(step.get("run", "") for step in job["steps"])


def test_the_workflow_is_valid_and_starts_on_tags_and_by_hand() -> None:
    data = _workflow()
    triggers = data[True]  # YAML 1.1 reads the key `on` as true
    assert "workflow_dispatch" in triggers and "tags" in triggers["push"]
    assert data["permissions"] == {"contents": "read"}
    for name, job in data["jobs"].items():
        assert job["timeout-minutes"] <= 90, name
        for step in job["steps"]:
            assert ("uses" in step) != ("run" in step), (name, step)
            if "uses" in step:  # actions pinned to a major version
                assert re.fullmatch(r"[\w-]+/[\w-]+@v\d+", step["uses"]), step["uses"]
    assert "secrets." not in WORKFLOW.read_text(encoding="utf-8")  # signing is a separate step


def test_the_workflow_builds_tests_and_starts_windows_and_macos() -> None:
    jobs = _workflow()["jobs"]
    assert jobs["windows"]["runs-on"].startswith("windows-")
    assert jobs["macos"]["runs-on"].startswith("macos-")
    for name in ("windows", "macos", "linux"):
        runs = _runs(jobs[name])
        assert "-c requirements/constraints.txt" in runs or "scripts/dev.sh setup" in runs
        assert "pytest" in runs and "-m installer" in runs, name
        assert "--exit-when-shown" in runs and "--version" in runs, name
    windows = _runs(jobs["windows"])
    assert "installers/pyinstaller/shipdesk.spec" in windows
    assert "makensis" in windows and "installers\\windows\\shipdesk.nsi" in windows
    assert "uninstall.exe" in windows
    assert "installers/macos/build-dmg.sh" in _runs(jobs["macos"])
    assert "installers/build.sh" in _runs(jobs["linux"])


def test_every_script_the_workflow_runs_exists() -> None:
    runs = "\n".join(_runs(job) for job in _workflow()["jobs"].values())
    for path in re.findall(r"(?:installers|tests|scripts)[/\\][\w./\\-]+", runs):
        path = path.replace("\\", "/").rstrip(".")
        if "*" not in path:
            assert (ROOT / path).exists(), path
