"""Updating the duty data: a newer data bundle, imported with the same integrity and rollback
rules as the restricted-goods rules (:mod:`shipdesk.core.bundles`, :mod:`shipdesk.core.signing`).

A bundle is a folder (or a ``.zip`` of one) of duty files (``*.toml``, the shipped format) with
``MANIFEST.json``::

    {"format": "shipdesk.duties-manifest/1", "dataset_version": "2026.12.1",
     "files": {"EU.toml": "<sha256>", "US.toml": "<sha256>", ...}}

and ``MANIFEST.sig``, the maintainers' Ed25519 signature of the manifest. It is imported only
when it is signed with a trusted key, every file passes the schema check, it covers every
destination the shipped data covers, and it is newer than the shipped data (and than the
imported set in use, unless ``force``). Imported sets live in the user data folder under
``duties/active``; the set they replaced is kept in ``duties/previous`` for :func:`rollback`.
The set in use (:func:`data_in_use`) is the imported one while it is intact and newer than the
shipped data, otherwise the shipped data, with the reason.
"""

from __future__ import annotations

import json
import tempfile
from functools import lru_cache
from pathlib import Path

from shipdesk.core import bundles, signing
from shipdesk.core.bundles import MANIFEST, active_dir, version_key
from shipdesk.core.duties.data import DutyData, duty_data, load_folder, shipped_folder
from shipdesk.core.errors import DataError, InputError

MANIFEST_FORMAT = "shipdesk.duties-manifest/1"
WHAT = "duty data"


def dataset_version(folder: Path) -> str:
    """The ``dataset_version`` of the manifest of ``folder`` (DataError when unreadable)."""
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        return str(data["dataset_version"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DataError(f"{folder.name}/{MANIFEST}: no dataset_version ({exc})") from None


def build_manifest(folder: Path, version: str) -> dict[str, object]:
    """The manifest of a duty data folder (every file is checked first)."""
    load_folder(folder)
    return bundles.build_manifest(folder, MANIFEST_FORMAT, version)


def write_manifest(folder: Path, version: str | None = None) -> Path:
    """(Re)write ``MANIFEST.json`` of ``folder``, keeping its version when none is given."""
    version = version or dataset_version(folder)
    return bundles.write_manifest_data(folder, build_manifest(folder, version))


def verify(folder: Path) -> dict[str, object]:
    return bundles.verify_manifest(folder, MANIFEST_FORMAT, what=WHAT)


def check_complete(data: DutyData, shipped: DutyData) -> None:
    """Refuse a set that would estimate less than the shipped one."""
    missing = sorted(set(shipped.files) - set(data.files))
    if missing:
        raise DataError(f"has no data for {', '.join(missing)}, which the shipped data covers")


def import_bundle(
    bundle: str | Path,
    root: Path,
    *,
    force: bool = False,
    keys: signing.TrustedKeys | None = None,
) -> DutyData:
    """Check a bundle (manifest, signature, every file, completeness, version) and make it the
    active duty data in the user's folder ``root``; the set it replaces is kept as the previous
    one. InputError (one line naming the bundle) when it is refused."""
    src = Path(bundle)
    if not src.exists():
        raise InputError("file not found", source=str(src))
    shipped_version = dataset_version(shipped_folder())
    shipped = duty_data()
    current = _active_version(root)
    root.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=root, prefix="import-") as tmp:
        staged = bundles.extract(src, Path(tmp), what=WHAT)
        try:
            verify(staged)
            signing.verify_folder(staged, keys, MANIFEST)
            data = load_folder(staged)
            check_complete(data, shipped)
            version = dataset_version(staged)
        except DataError as exc:
            raise InputError(f"bundle rejected: {exc}", source=str(src)) from exc
        if version_key(version) <= version_key(shipped_version):
            raise InputError(
                f"bundle version {version} is not newer than the shipped duty data "
                f"{shipped_version}, which stays in use",
                source=str(src),
            )
        if current and not force and version_key(version) <= version_key(current):
            raise InputError(
                f"bundle version {version} is not newer than the active {current} (use --force "
                f"to go back to it; it is never used over newer shipped data)",
                source=str(src),
            )
        active = bundles.activate(staged, root)
    return load_folder(active)


def rollback(root: Path, *, to_shipped: bool = False) -> str:
    """Bring back the previous duty data set (or the shipped data); says what is active now."""
    return bundles.rollback(
        root, to_shipped=to_shipped, name="duty data set", shipped="the shipped duty data is"
    )


def _active_version(root: Path) -> str:
    active = active_dir(root)
    if not active.is_dir():
        return ""
    try:
        return dataset_version(active)
    except DataError:
        return ""


def _stamp(folder: Path) -> tuple[tuple[str, int, int], ...]:
    try:
        return tuple(
            (p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(folder.iterdir())
        )
    except OSError:
        return ()


@lru_cache(maxsize=8)
def _checked(folder: str, stamp: tuple[tuple[str, int, int], ...], shipped_version: str) -> str:
    """ "" when the imported set in ``folder`` may be used, else why not (cached by the files'
    stamps, so the manifest is hashed once per change, not on every estimate)."""
    path = Path(folder)
    try:
        verify(path)
        version = dataset_version(path)
        load_folder(path)
    except DataError as exc:
        return f"imported duty data not used: {exc}"
    if version_key(version) <= version_key(shipped_version):
        return f"imported duty data {version} is not newer than the shipped {shipped_version}"
    return ""


def data_in_use(root: Path | None) -> tuple[DutyData, str]:
    """(the duty data in use, why): the imported set in ``root`` while it is intact and newer
    than the shipped data, else the shipped data. The signature was checked at import."""
    shipped_version = dataset_version(shipped_folder())
    if root is not None:
        active = active_dir(root)
        if active.is_dir():
            why = _checked(str(active), _stamp(active), shipped_version)
            if not why:
                version = dataset_version(active)
                return duty_data(active), f"imported duty data {version}"
            return duty_data(), why
    return duty_data(), f"shipped duty data {shipped_version}"
