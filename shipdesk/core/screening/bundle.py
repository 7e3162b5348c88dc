"""Rule bundles: the sha256 manifest, importing a newer rule set and rolling it back.

A bundle is a folder (or a ``.zip`` of one) holding the rule files and ``MANIFEST.json``::

    {"format": "shipdesk.rules-manifest/1", "dataset_version": "2026.11.1",
     "files": {"groups.toml": "<sha256>", "dg.toml": "<sha256>", ...}}

Imported sets live in the user data folder under ``rules/active``; the set they replaced is kept
in ``rules/previous`` so :func:`rollback` can bring it back.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
import zipfile
from pathlib import Path, PurePosixPath

from shipdesk.core.errors import DataError, InputError
from shipdesk.core.fileio import safe_relative_path
from shipdesk.core.paths import resource
from shipdesk.core.screening.rule_loader import compile_folder
from shipdesk.core.screening.ruleset import RuleSet

MANIFEST = "MANIFEST.json"
MANIFEST_FORMAT = "shipdesk.rules-manifest/1"
MAX_BUNDLE_BYTES = 20 * 1024 * 1024


def shipped_dir() -> Path:
    return resource("rules")


def active_dir(root: Path) -> Path:
    """The imported rule set in use, in the user's rules folder ``root``."""
    return root / "active"


def previous_dir(root: Path) -> Path:
    """The imported rule set it replaced (kept for a rollback)."""
    return root / "previous"


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(65536), b""):
            h.update(chunk)
    return h.hexdigest()


def _rule_files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.toml"))


def build_manifest(folder: str | Path, dataset_version: str | None = None) -> dict[str, object]:
    """The manifest for a rule folder (validates the folder first)."""
    base = Path(folder)
    ruleset = compile_folder(base)
    return {
        "format": MANIFEST_FORMAT,
        "dataset_version": dataset_version or ruleset.dataset_version,
        "files": {rel: sha256_file(base / rel) for rel in _rule_files(base)},
    }


def write_manifest(folder: str | Path) -> Path:
    base = Path(folder)
    data = build_manifest(base)
    out = base / MANIFEST
    out.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return out


def verify_manifest(folder: str | Path) -> dict[str, object]:
    """Check that every rule file is listed with the right sha256 and nothing else is there."""
    base = Path(folder)
    path = base / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError(f"{base.name}: no {MANIFEST} in the rule bundle") from None
    except (OSError, ValueError) as exc:
        raise DataError(f"{MANIFEST}: cannot be read ({exc})") from exc
    if not isinstance(data, dict) or data.get("format") != MANIFEST_FORMAT:
        raise DataError(f"{MANIFEST}: 'format' must be {MANIFEST_FORMAT!r}")
    files = data.get("files")
    if not isinstance(files, dict) or not files:
        raise DataError(f"{MANIFEST}: 'files' must list the rule files and their sha256")
    for rel, digest in files.items():
        pure = safe_relative_path(str(rel))
        if pure is None:
            raise DataError(f"{MANIFEST}: unsafe path {rel!r}")
        target = base / pure
        if not target.is_file():
            raise DataError(f"{MANIFEST}: listed file {rel} is missing")
        if sha256_file(target) != str(digest).lower():
            raise DataError(f"{rel}: sha256 does not match {MANIFEST} (file altered or damaged)")
    extra = [rel for rel in _rule_files(base) if rel not in files]
    if extra:
        raise DataError(f"{extra[0]}: rule file not listed in {MANIFEST}")
    return data


FORCED = "FORCED"


def is_forced(folder: Path) -> bool:
    """True when the set in ``folder`` was installed with --force (used even if older)."""
    return (folder / FORCED).exists()


def version_key(version: str) -> tuple[int, ...]:
    parts = []
    for p in str(version).replace("-", ".").split("."):
        digits = "".join(ch for ch in p if ch.isdigit())
        parts.append(int(digits) if digits else 0)
    return tuple(parts)


def check_folder(folder: str | Path) -> RuleSet:
    """Validate a rule folder (and its manifest when it has one); return the compiled set."""
    base = Path(folder)
    if (base / MANIFEST).exists():
        verify_manifest(base)
    return compile_folder(base, origin="imported", eager=True)


def _extract(bundle: Path, into: Path) -> Path:
    if bundle.is_dir():
        shutil.copytree(bundle, into / "set")
        return into / "set"
    if not zipfile.is_zipfile(bundle):
        raise InputError("not a rule bundle (expected a folder or a .zip)", source=str(bundle))
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


def import_bundle(
    bundle: str | Path, root: Path, *, current_version: str = "", force: bool = False
) -> RuleSet:
    """Check a bundle (manifest, then every rule) and make it the active rule set in the
    user's rules folder ``root`` (the workspace's).

    The set it replaces is kept as the previous one. A bundle not newer than
    ``current_version`` is refused unless ``force``.
    """
    src = Path(bundle)
    if not src.exists():
        raise InputError("file not found", source=str(src))
    root.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=root, prefix="import-") as tmp:
        staged = _extract(src, Path(tmp))
        try:
            verify_manifest(staged)
            ruleset = compile_folder(staged, origin="imported", eager=True)
        except DataError as exc:
            raise InputError(f"bundle rejected: {exc}", source=str(src)) from exc
        if (
            current_version
            and not force
            and version_key(ruleset.dataset_version) <= version_key(current_version)
        ):
            raise InputError(
                f"bundle version {ruleset.dataset_version} is not newer than the active "
                f"{current_version} (use --force to install it anyway)",
                source=str(src),
            )
        if force:
            (staged / FORCED).write_text(
                "installed with --force: used even when the shipped rules are newer\n",
                encoding="utf-8",
            )
        active, previous = active_dir(root), previous_dir(root)
        if active.exists():
            if previous.exists():
                shutil.rmtree(previous)
            active.rename(previous)
        staged.rename(active)
    ruleset.folder = str(active)
    return ruleset


def rollback(root: Path) -> str:
    """Bring back the previous rule set; returns a description of what is active now.

    The set rolled back from becomes the previous one, so a second rollback undoes the first.
    With no previous imported set, the imported set is removed and the shipped rules apply.
    """
    active, previous = active_dir(root), previous_dir(root)
    if not active.exists() and not previous.exists():
        raise InputError("no imported rule set to roll back; the shipped rules are active")
    if previous.exists():
        swap = root / "swap"
        if swap.exists():
            shutil.rmtree(swap)
        if active.exists():
            active.rename(swap)
        previous.rename(active)
        if swap.exists():
            swap.rename(previous)
        return "previous imported rule set"
    shutil.rmtree(active)
    return "shipped rule set"
