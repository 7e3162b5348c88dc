"""The active rule set: which rules screening applies, loaded on first use and kept.

Load order: the imported set (``rules/active`` in the user's rules folder, when it is newer than
the shipped one or forced), then the previous imported set, then the rules shipped with the
application. A broken imported set never stops screening: the last good set is used and
:func:`load_error` tells what went wrong.
"""

from __future__ import annotations

import re
import threading
import tomllib
from pathlib import Path

from shipdesk.core.errors import DataError
from shipdesk.core.screening import bundle
from shipdesk.core.screening.rule_loader import compile_folder
from shipdesk.core.screening.ruleset import RuleSet

_lock = threading.Lock()
# Loaded rule sets by the user's rules folder ("" for the shipped rules alone): (set, problem).
_loaded: dict[str, tuple[RuleSet, str | None]] = {}


def _key(root: Path | None) -> str:
    return str(root) if root is not None else ""


def _shipped() -> RuleSet:
    """The shipped rules, compiled once (called with the lock held)."""
    if "" not in _loaded:
        _loaded[""] = (compile_folder(bundle.shipped_dir(), origin="shipped"), None)
    return _loaded[""][0]


def _load(root: Path | None) -> tuple[RuleSet, str | None]:
    shipped = _shipped()
    problems: list[str] = []
    if root is None:
        return shipped, None
    for folder in (bundle.active_dir(root), bundle.previous_dir(root)):
        if not folder.exists():
            continue
        try:
            bundle.verify_manifest(folder)
            imported = compile_folder(folder, origin="imported")
        except DataError as exc:
            problems.append(f"imported rules in {folder} not used: {exc}")
            continue
        if bundle.is_forced(folder) or bundle.version_key(
            imported.dataset_version
        ) > bundle.version_key(shipped.dataset_version):
            return imported, "; ".join(problems) or None
        break
    return shipped, "; ".join(problems) or None


def active_ruleset(root: Path | None = None) -> RuleSet:
    """The rule set in use with the user's rules folder ``root`` (the workspace's; None: the
    shipped rules alone), loaded on first call and kept."""
    key = _key(root)
    with _lock:
        if key not in _loaded:
            _loaded[key] = _load(root)
        return _loaded[key][0]


def reload(root: Path | None = None) -> RuleSet:
    """Forget the kept set (after an import or rollback) and load again (the shipped rules
    are read again too when ``root`` is None)."""
    with _lock:
        _loaded.pop(_key(root), None)
    return active_ruleset(root)


def load_error(root: Path | None = None) -> str | None:
    """Why an imported rule set in ``root`` was not used, or None."""
    active_ruleset(root)
    with _lock:
        return _loaded[_key(root)][1]


def rules_version(root: Path | None = None) -> str:
    """Version and date of the active rule set, e.g. ``2026.11.0 (2026-11-20, 172 rules, ...)``.

    Cheap: when the rules are not loaded yet, only the file headers are read (no validation).
    """
    with _lock:
        loaded = _loaded.get(_key(root))
    if loaded is not None:
        return loaded[0].version_text()
    try:
        return _quick_version(root)
    except (OSError, ValueError, tomllib.TOMLDecodeError):
        return active_ruleset(root).version_text()


def _headers(folder: Path) -> tuple[str, str, int]:
    """(dataset_version, newest file date, number of rules) from the files' headers."""
    version, newest, count = "", "", 0
    for path in folder.rglob("*.toml"):
        text = path.read_text(encoding="utf-8")
        count += text.count("\n[[rules]]")
        m = re.search(r'^date\s*=\s*"([0-9-]+)"', text, re.M)
        if m:
            newest = max(newest, m.group(1))
        if path.name == "groups.toml":
            v = re.search(r'^dataset_version\s*=\s*"([^"]+)"', text, re.M)
            version = v.group(1) if v else ""
    if not version:
        raise ValueError("no dataset_version")
    return version, newest, count


def _quick_version(root: Path | None) -> str:
    shipped = _headers(bundle.shipped_dir())
    best, origin = shipped, "shipped"
    active = bundle.active_dir(root) if root is not None else None
    if active is not None and (active / bundle.MANIFEST).exists():
        imported = _headers(active)
        if bundle.is_forced(active) or bundle.version_key(imported[0]) > bundle.version_key(
            shipped[0]
        ):
            best, origin = imported, "imported"
    return f"{best[0]} ({best[1]}, {best[2]} rules, {origin})"
