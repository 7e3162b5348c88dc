"""Every folder ShipDesk uses, and the one resolver for shipped resources.

User folders come from platformdirs. ``SHIPDESK_HOME`` overrides all of them at once (tests use it;
so does a portable install): data, config, cache and logs then live in sub-folders of that path.
A file named ``portable.txt`` beside a frozen executable turns on portable mode the same way.

Resources (tariff index, rules, fonts, icons, profiles) are found in the source checkout, in an
installed wheel (``shipdesk/_resources``) or in a PyInstaller bundle (``sys._MEIPASS``).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import platformdirs

APP_NAME = "ShipDesk"
APP_AUTHOR = "ShipDesk"
ENV_HOME = "SHIPDESK_HOME"
ENV_RESOURCES = "SHIPDESK_RESOURCES"


@dataclass(frozen=True)
class Folders:
    data: Path
    config: Path
    cache: Path
    logs: Path

    def ensure(self) -> Folders:
        for p in (self.data, self.config, self.cache, self.logs):
            p.mkdir(parents=True, exist_ok=True)
        return self


def _portable_home() -> Path | None:
    if getattr(sys, "frozen", False):
        exe_dir = Path(sys.executable).resolve().parent
        if (exe_dir / "portable.txt").exists():
            return exe_dir / "ShipDeskData"
    return None


def folders(create: bool = True) -> Folders:
    """The user folders, resolved from the environment and created (unless ``create`` is
    false; an ``OSError`` when one cannot be created).

    Call it once at start-up (a face opening its workspace, ``--version``); everything below
    the services gets the resulting :class:`Folders` from the workspace, not from here.
    """
    home = os.environ.get(ENV_HOME) or _portable_home()
    if home:
        base = Path(home).expanduser()
        found = Folders(base / "data", base / "config", base / "cache", base / "logs")
    else:
        found = Folders(
            Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR)),
            Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR)),
            Path(platformdirs.user_cache_dir(APP_NAME, APP_AUTHOR)),
            Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR)),
        )
    return found.ensure() if create else found


@lru_cache(maxsize=1)
def resources_dir() -> Path:
    """The folder holding the shipped resources (``tariff/``, ``rules/``, ``fonts/`` ...)."""
    override = os.environ.get(ENV_RESOURCES)
    if override:
        return Path(override)
    candidates = []
    meipass = getattr(sys, "_MEIPASS", None)
    if meipass:
        candidates.append(Path(meipass) / "resources")
    pkg = Path(__file__).resolve().parent.parent
    candidates.append(pkg / "_resources")  # installed wheel
    candidates.append(pkg.parent / "resources")  # source checkout / editable install
    for c in candidates:
        if c.is_dir():
            return c
    return candidates[-1]


def resource(*parts: str) -> Path:
    """Path of a shipped resource, e.g. ``resource("rules", "global.toml")``."""
    return resources_dir().joinpath(*parts)
