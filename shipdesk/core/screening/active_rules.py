"""The active rule set: which rules screening applies, loaded on first use and kept.

The shipped rules are always there and always the fallback. An imported set (``rules/active``
in the user's rules folder) is used only when its manifest is signed with a trusted key, every
file matches the manifest, it has rules for every destination the shipped set covers and it is
newer than the shipped set; when the application is updated with a newer shipped set, the
shipped set wins. When the imported set is damaged, the previous imported set is tried. The
user's local rules (``rules/local``) are added to whichever set is used. A broken imported set
never stops screening: :func:`load_error` tells what went wrong and :func:`reason` why the set
in use was chosen.
"""

from __future__ import annotations

import re
import threading
import tomllib
from pathlib import Path

from shipdesk.core.errors import DataError
from shipdesk.core.screening import bundle, signing
from shipdesk.core.screening.rule_loader import compile_folder
from shipdesk.core.screening.ruleset import RuleSet

_lock = threading.Lock()
# Loaded rule sets by the user's rules folder and trusted keys ("" for the shipped rules alone):
# (set, problem, why this set).
_loaded: dict[str, tuple[RuleSet, str | None, str]] = {}


def _key(root: Path | None, keys: signing.TrustedKeys | None = None) -> str:
    if root is None:
        return ""
    return str(root) + ("" if keys is None else "|" + ",".join(sorted(keys)))


def _shipped() -> RuleSet:
    """The shipped rules, compiled once (called with the lock held)."""
    if "" not in _loaded:
        rs = compile_folder(bundle.shipped_dir(), origin="shipped")
        _loaded[""] = (rs, None, f"shipped rules {rs.dataset_version}")
    return _loaded[""][0]


def shipped_ruleset() -> RuleSet:
    """The rules shipped with the application (compiled once and kept)."""
    with _lock:
        return _shipped()


def _imported(
    root: Path, shipped: RuleSet, keys: signing.TrustedKeys | None, problems: list[str]
) -> tuple[RuleSet, str]:
    """The signed imported set to use, or the shipped one; and why."""
    sv = shipped.dataset_version
    if not bundle.active_dir(root).exists():
        if bundle.previous_dir(root).exists():
            return shipped, f"shipped rules {sv} (rolled back to them; the imported set is kept)"
        return shipped, f"shipped rules {sv} (no imported rule set)"
    for folder in (bundle.active_dir(root), bundle.previous_dir(root)):
        if not folder.exists():
            continue
        try:
            bundle.verify_manifest(folder)
            kid = signing.verify_folder(folder, keys, bundle.MANIFEST)
            imported = compile_folder(folder, origin="imported")
            bundle.check_complete(imported, shipped)
        except DataError as exc:
            problems.append(f"imported rules in {folder} not used: {exc}")
            continue
        iv = imported.dataset_version
        if bundle.version_key(iv) > bundle.version_key(sv):
            return (
                imported,
                f"imported rules {iv}, signed by key {kid}, newer than the shipped {sv}",
            )
        return shipped, (
            f"shipped rules {sv}: not older than the imported {iv}, which is kept but not used"
        )
    return shipped, f"shipped rules {sv} (the imported rules cannot be used)"


def _load(root: Path | None, keys: signing.TrustedKeys | None) -> tuple[RuleSet, str | None, str]:
    shipped = _shipped()
    if root is None:
        return _loaded[""]
    problems: list[str] = []
    base, why = _imported(root, shipped, keys, problems)
    rs = base
    try:
        files, rules = bundle.load_local(root, base, set(shipped.by_id))
    except DataError as exc:
        problems.append(f"local rules in {bundle.local_dir(root)} not used: {exc}")
    else:
        if rules:
            rs = base.with_local(files, rules)
            why += f"; {len(rules)} local rules added"
    return rs, "; ".join(problems) or None, why


def active_ruleset(root: Path | None = None, keys: signing.TrustedKeys | None = None) -> RuleSet:
    """The rule set in use with the user's rules folder ``root`` (the workspace's; None: the
    shipped rules alone), loaded on first call and kept. ``keys``: the public keys trusted to
    sign imported sets (None: the maintainers' keys shipped with the application)."""
    key = _key(root, keys)
    with _lock:
        if key not in _loaded:
            _loaded[key] = _load(root, keys)
        return _loaded[key][0]


def reload(root: Path | None = None, keys: signing.TrustedKeys | None = None) -> RuleSet:
    """Forget the kept set (after an import or rollback) and load again (the shipped rules
    are read again too when ``root`` is None)."""
    with _lock:
        _loaded.pop(_key(root, keys), None)
    return active_ruleset(root, keys)


def load_error(root: Path | None = None, keys: signing.TrustedKeys | None = None) -> str | None:
    """Why an imported rule set or the local rules in ``root`` were not used, or None."""
    active_ruleset(root, keys)
    with _lock:
        return _loaded[_key(root, keys)][1]


def reason(root: Path | None = None, keys: signing.TrustedKeys | None = None) -> str:
    """Which set is in use and why, in one line (e.g. "shipped rules 2026.11.0 (no imported
    rule set)")."""
    active_ruleset(root, keys)
    with _lock:
        return _loaded[_key(root, keys)][2]


def rules_version(root: Path | None = None, keys: signing.TrustedKeys | None = None) -> str:
    """Version and date of the active rule set, e.g. ``2026.11.0 (2026-11-20, 172 rules, ...)``.

    Cheap: when the rules are not loaded yet, only the file headers are read and the imported
    set's signature checked (no validation).
    """
    with _lock:
        loaded = _loaded.get(_key(root, keys))
    if loaded is not None:
        return loaded[0].version_text()
    try:
        return _quick_version(root, keys)
    except (OSError, ValueError, tomllib.TOMLDecodeError, DataError):
        return active_ruleset(root, keys).version_text()


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


def _quick_version(root: Path | None, keys: signing.TrustedKeys | None) -> str:
    if root is not None and bundle.local_dir(root).exists():
        raise ValueError("local rules: count them with the full load")
    shipped = _headers(bundle.shipped_dir())
    best, origin = shipped, "shipped"
    active = bundle.active_dir(root) if root is not None else None
    if active is not None and (active / bundle.MANIFEST).exists():
        imported = _headers(active)
        if bundle.version_key(imported[0]) > bundle.version_key(shipped[0]):
            bundle.verify_manifest(active)
            signing.verify_folder(active, keys, bundle.MANIFEST)
            best, origin = imported, "imported"
    return f"{best[0]} ({best[1]}, {best[2]} rules, {origin})"
