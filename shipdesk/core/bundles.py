"""Data bundles, shared by the restricted-goods rules and the duty data: a folder (or a ``.zip``
of one) of data files with ``MANIFEST.json``, the sha256 of every file and the dataset version,
usually signed (:mod:`shipdesk.core.signing`).

What is shared: reading a bundle safely (:func:`extract`: sizes, paths checked before anything is
written, no symbolic links), the manifest (:func:`build_manifest`, :func:`verify_manifest`),
comparing versions (:func:`version_key`), and keeping the imported set in use beside the one it
replaced, so an import can be rolled back (:func:`activate`, :func:`rollback`). What a bundle
must hold to be accepted is each user's own (``screening.bundle``, ``duties.bundle``).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import zipfile
from pathlib import Path, PurePosixPath

from shipdesk.core.errors import DataError, InputError
from shipdesk.core.fileio import safe_relative_path

MANIFEST = "MANIFEST.json"
MAX_BUNDLE_BYTES = 20 * 1024 * 1024


def active_dir(root: Path) -> Path:
    """The imported set in use, in the user's folder ``root`` for this kind of data."""
    return root / "active"


def previous_dir(root: Path) -> Path:
    """The imported set it replaced (kept for a rollback)."""
    return root / "previous"


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(65536), b""):
            h.update(chunk)
    return h.hexdigest()


def data_files(folder: Path, pattern: str = "*.toml") -> list[str]:
    """The data files of ``folder`` (relative, POSIX), sorted."""
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob(pattern))


def build_manifest(
    folder: Path, fmt: str, dataset_version: str, pattern: str = "*.toml"
) -> dict[str, object]:
    return {
        "format": fmt,
        "dataset_version": dataset_version,
        "files": {rel: sha256_file(folder / rel) for rel in data_files(folder, pattern)},
    }


def write_manifest_data(folder: Path, data: dict[str, object]) -> Path:
    out = folder / MANIFEST
    out.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return out


def verify_manifest(
    folder: str | Path, fmt: str, *, what: str = "data", pattern: str = "*.toml"
) -> dict[str, object]:
    """Check that every data file is listed with the right sha256 and nothing else is there."""
    base = Path(folder)
    path = base / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError(f"{base.name}: no {MANIFEST} in the {what} bundle") from None
    except (OSError, ValueError) as exc:
        raise DataError(f"{MANIFEST}: cannot be read ({exc})") from exc
    if not isinstance(data, dict) or data.get("format") != fmt:
        raise DataError(f"{MANIFEST}: 'format' must be {fmt!r}")
    files = data.get("files")
    if not isinstance(files, dict) or not files:
        raise DataError(f"{MANIFEST}: 'files' must list the {what} files and their sha256")
    for rel, digest in files.items():
        pure = safe_relative_path(str(rel))
        if pure is None:
            raise DataError(f"{MANIFEST}: unsafe path {rel!r}")
        target = base / pure
        if not target.is_file():
            raise DataError(f"{MANIFEST}: listed file {rel} is missing")
        if sha256_file(target) != str(digest).lower():
            raise DataError(f"{rel}: sha256 does not match {MANIFEST} (file altered or damaged)")
    extra = [rel for rel in data_files(base, pattern) if rel not in files]
    if extra:
        raise DataError(f"{extra[0]}: {what} file not listed in {MANIFEST}")
    return data


def version_key(version: str) -> tuple[int, ...]:
    parts = []
    for p in str(version).replace("-", ".").split("."):
        digits = "".join(ch for ch in p if ch.isdigit())
        parts.append(int(digits) if digits else 0)
    return tuple(parts)


def refuse_links(folder: Path, what: str = "rule") -> None:
    """InputError naming ``folder`` and the link when a symbolic link is inside: a data folder
    holds plain files only (a link can loop forever or pull in files from elsewhere)."""
    for root, dirs, files in os.walk(folder, followlinks=False):
        for name in [*dirs, *files]:
            p = Path(root) / name
            if p.is_symlink():
                raise InputError(
                    f"holds a symbolic link ({p.relative_to(folder).as_posix()}); a {what} "
                    "folder holds plain files only",
                    source=str(folder),
                )


def extract(bundle: Path, into: Path, *, what: str = "rule") -> Path:
    """Copy a bundle (a folder or a ``.zip``, with or without one top-level folder) to
    ``into/set`` and return that folder; every entry name is checked before anything is
    written, and a zip larger than :data:`MAX_BUNDLE_BYTES` is refused."""
    if bundle.is_dir():
        refuse_links(bundle, what)
        shutil.copytree(bundle, into / "set")
        return into / "set"
    if not zipfile.is_zipfile(bundle):
        raise InputError(f"not a {what} bundle (expected a folder or a .zip)", source=str(bundle))
    target = into / "set"
    target.mkdir()
    with zipfile.ZipFile(bundle) as zf:
        names = [i for i in zf.infolist() if not i.is_dir()]
        if sum(i.file_size for i in names) > MAX_BUNDLE_BYTES:
            raise InputError("bundle is too large", source=str(bundle))
        prefix = ""
        if not any(
            PurePosixPath(i.filename).name == MANIFEST and "/" not in i.filename for i in names
        ):
            # allow one top-level folder inside the zip
            tops = {PurePosixPath(i.filename).parts[0] for i in names}
            if len(tops) == 1:
                prefix = next(iter(tops)) + "/"
        # every name is checked before anything is written
        entries: list[tuple[zipfile.ZipInfo, PurePosixPath]] = []
        for info in names:
            name = info.filename[len(prefix) :] if info.filename.startswith(prefix) else ""
            pure = safe_relative_path(name)
            if pure is None or safe_relative_path(info.filename) is None:
                raise InputError(f"unsafe path in bundle: {info.filename!r}", source=str(bundle))
            entries.append((info, pure))
        for info, pure in entries:
            dest = target / pure
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(zf.read(info))
    return target


def activate(staged: Path, root: Path) -> Path:
    """Make ``staged`` the active set of ``root``; the set it replaces becomes the previous."""
    active, previous = active_dir(root), previous_dir(root)
    if active.exists():
        if previous.exists():
            shutil.rmtree(previous)
        active.rename(previous)
    staged.rename(active)
    return active


def rollback(
    root: Path,
    *,
    to_shipped: bool = False,
    name: str = "rule set",
    shipped: str = "the shipped rules are",
) -> str:
    """Bring back the previous set; returns a description of what is active now.

    The set rolled back from becomes the previous one, so a second rollback undoes the first.
    With no previous imported set, the imported set is removed and the shipped one applies.
    ``to_shipped``: go back to the shipped set at once (the imported set is kept as the
    previous one). ``name`` and ``shipped`` word the messages ("rule set", "the shipped rules
    are").
    """
    active, previous = active_dir(root), previous_dir(root)
    if to_shipped:
        if not active.exists():
            raise InputError(f"{shipped} already in use")
        if previous.exists():
            shutil.rmtree(previous)
        active.rename(previous)
        return f"shipped {name}"
    if not active.exists() and not previous.exists():
        raise InputError(f"no imported {name} to roll back; {shipped} active")
    if previous.exists():
        swap = root / "swap"
        if swap.exists():
            shutil.rmtree(swap)
        if active.exists():
            active.rename(swap)
        previous.rename(active)
        if swap.exists():
            swap.rename(previous)
        return f"previous imported {name}"
    shutil.rmtree(active)
    return f"shipped {name}"
