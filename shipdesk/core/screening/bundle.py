"""Rule bundles: the manifest and its signature, importing a newer rule set, local rules and
rolling back.

A bundle is a folder (or a ``.zip`` of one) holding the rule files, ``MANIFEST.json``::

    {"format": "shipdesk.rules-manifest/1", "dataset_version": "2026.11.1",
     "files": {"groups.toml": "<sha256>", "dg.toml": "<sha256>", ...}}

and ``MANIFEST.sig``, the maintainers' Ed25519 signature of the manifest
(:mod:`~shipdesk.core.screening.signing`). A bundle is imported only when it is signed with a
trusted key, holds rules for every destination the shipped set covers and is newer than the
shipped set (and than the imported set in use, unless ``force``): nothing can make an older or
emptier set win over the rules shipped with the application.

Imported sets live in the user data folder under ``rules/active``; the set they replaced is kept
in ``rules/previous`` so :func:`rollback` can bring it back. Rule files of the user's own, not
signed, are imported as *local rules* (``rules/local``, :func:`import_local`): they are added to
the set in use and can only add findings.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from shipdesk.core import bundles, signing
from shipdesk.core.bundles import (
    MANIFEST,
    MAX_BUNDLE_BYTES,
    active_dir,
    previous_dir,
    sha256_file,
    version_key,
)
from shipdesk.core.errors import DataError, InputError
from shipdesk.core.paths import resource
from shipdesk.core.screening.rule_loader import compile_folder, compile_local
from shipdesk.core.screening.ruleset import Rule, RuleFile, RuleSet

MANIFEST_FORMAT = "shipdesk.rules-manifest/1"
__all__ = [
    "MANIFEST",
    "MANIFEST_FORMAT",
    "MAX_BUNDLE_BYTES",
    "active_dir",
    "previous_dir",
    "sha256_file",
    "version_key",
]


def shipped_dir() -> Path:
    return resource("rules")


def local_dir(root: Path) -> Path:
    """The user's local rules (added to the set in use; they can only add findings)."""
    return root / "local"


def _rule_files(folder: Path) -> list[str]:
    return bundles.data_files(folder)


def build_manifest(folder: str | Path, dataset_version: str | None = None) -> dict[str, object]:
    """The manifest for a rule folder (validates the folder first)."""
    base = Path(folder)
    ruleset = compile_folder(base)
    return bundles.build_manifest(base, MANIFEST_FORMAT, dataset_version or ruleset.dataset_version)


def write_manifest(folder: str | Path) -> Path:
    base = Path(folder)
    data = build_manifest(base)
    return bundles.write_manifest_data(base, data)


def verify_manifest(folder: str | Path) -> dict[str, object]:
    """Check that every rule file is listed with the right sha256 and nothing else is there."""
    return bundles.verify_manifest(folder, MANIFEST_FORMAT, what="rule")


def destinations(ruleset: RuleSet) -> set[str]:
    """The destinations a set has rules for ("ALL" for a rule that applies everywhere)."""
    out: set[str] = set()
    for r in ruleset.rules:
        if r.destinations is None:
            out.add("ALL")
        else:
            out |= r.destinations
    return out


def check_complete(ruleset: RuleSet, shipped: RuleSet) -> None:
    """Refuse a set that would screen less than the shipped one: no rules at all, or no rule for
    a destination the shipped set has rules for."""
    if not ruleset.rules:
        raise DataError(f"rule set {ruleset.dataset_version} holds no rules")
    missing = sorted(destinations(shipped) - destinations(ruleset))
    if missing:
        shown = ", ".join(missing[:10]) + (
            f" and {len(missing) - 10} more" if len(missing) > 10 else ""
        )
        raise DataError(
            f"rule set {ruleset.dataset_version} has no rules for {shown}, which the shipped "
            f"rules cover"
        )


def check_folder(folder: str | Path) -> RuleSet:
    """Validate a rule folder (and its manifest when it has one); return the compiled set."""
    base = Path(folder)
    if (base / MANIFEST).exists():
        verify_manifest(base)
    return compile_folder(base, origin="imported", eager=True)


def signer(folder: str | Path, keys: signing.TrustedKeys | None = None) -> str | None:
    """The id of the trusted key that signed ``folder``'s manifest; None when it is not signed
    (DataError when the signature is there but wrong)."""
    base = Path(folder)
    if not signing.is_signed(base):
        return None
    return signing.verify_folder(base, keys, MANIFEST)


def _extract(bundle: Path, into: Path) -> Path:
    return bundles.extract(bundle, into, what="rule")


def import_bundle(
    bundle: str | Path,
    root: Path,
    *,
    shipped: RuleSet | None = None,
    current_version: str = "",
    force: bool = False,
    keys: signing.TrustedKeys | None = None,
) -> RuleSet:
    """Check a bundle (manifest, signature, every rule, completeness, version) and make it the
    active rule set in the user's rules folder ``root`` (the workspace's).

    ``shipped``: the shipped set (None: read it); ``keys``: the trusted public keys (None: the
    maintainers' keys shipped with the application). A bundle not newer than the shipped set is
    always refused; one not newer than ``current_version`` (the imported set in use) is refused
    unless ``force``. The set it replaces is kept as the previous one.
    """
    src = Path(bundle)
    if not src.exists():
        raise InputError("file not found", source=str(src))
    if shipped is None:
        shipped = compile_folder(shipped_dir(), origin="shipped")
    root.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=root, prefix="import-") as tmp:
        staged = _extract(src, Path(tmp))
        try:
            verify_manifest(staged)
        except DataError as exc:
            raise InputError(f"bundle rejected: {exc}", source=str(src)) from exc
        try:
            signing.verify_folder(staged, keys, MANIFEST)
        except DataError as exc:
            raise InputError(
                f"bundle rejected: {exc}; rules of your own can be added with "
                f"'rules import --local'",
                source=str(src),
            ) from exc
        try:
            ruleset = compile_folder(staged, origin="imported", eager=True)
            check_complete(ruleset, shipped)
        except DataError as exc:
            raise InputError(f"bundle rejected: {exc}", source=str(src)) from exc
        if version_key(ruleset.dataset_version) <= version_key(shipped.dataset_version):
            raise InputError(
                f"bundle version {ruleset.dataset_version} is not newer than the shipped rules "
                f"{shipped.dataset_version}, which stay in use",
                source=str(src),
            )
        if (
            current_version
            and not force
            and version_key(ruleset.dataset_version) <= version_key(current_version)
        ):
            raise InputError(
                f"bundle version {ruleset.dataset_version} is not newer than the active "
                f"{current_version} (use --force to go back to it; it is never used over "
                f"newer shipped rules)",
                source=str(src),
            )
        active = bundles.activate(staged, root)
    ruleset.folder = str(active)
    return ruleset


def load_local(root: Path, base: RuleSet, reserved: set[str]) -> tuple[list[RuleFile], list[Rule]]:
    """The local rules in ``root`` checked against the set ``base`` they are added to and the
    ``reserved`` ids (the shipped set's); ([], []) when there are none."""
    folder = local_dir(root)
    if not folder.is_dir():
        return [], []
    return compile_local(folder, base, reserved=reserved)


def import_local(
    source: str | Path, root: Path, base: RuleSet, reserved: set[str]
) -> tuple[list[RuleFile], list[Rule]]:
    """Add the rule file(s) of ``source`` (a ``.toml`` file, a folder or a ``.zip``) to the
    user's local rules; a file of the same name is replaced. Returns all local files and rules.

    Local rules need no signature, as they can only add findings: a veto, ``supersedes``, the id
    of a rule of ``base`` or of ``reserved`` or a ``groups.toml`` refuses the import, naming the
    file and the rule.
    """
    src = Path(source)
    if not src.exists():
        raise InputError("file not found", source=str(src))
    root.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=root, prefix="local-") as tmp:
        staged = Path(tmp) / "local"
        if local_dir(root).is_dir():
            shutil.copytree(local_dir(root), staged)
        else:
            staged.mkdir()
        if src.is_file() and src.suffix.lower() == ".toml":
            if src.stat().st_size > MAX_BUNDLE_BYTES:
                raise InputError(
                    f"rule file is too large (limit {MAX_BUNDLE_BYTES // 1024 // 1024} MB)",
                    source=str(src),
                )
            shutil.copyfile(src, staged / src.name)
        else:
            (Path(tmp) / "in").mkdir()
            folder = _extract(src, Path(tmp) / "in")
            found = sorted(folder.rglob("*.toml"))
            if not found:
                raise InputError("no rule files (*.toml) to add", source=str(src))
            for path in found:
                dest = staged / path.relative_to(folder)
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, dest)
        try:
            files, rules = compile_local(staged, base, reserved=reserved, eager=True)
        except DataError as exc:
            raise InputError(f"local rules rejected: {exc}", source=str(src)) from exc
        target = local_dir(root)
        if target.exists():
            shutil.rmtree(target)
        staged.rename(target)
    return files, rules


def remove_local(root: Path) -> int:
    """Remove the user's local rules; returns how many rule files there were."""
    folder = local_dir(root)
    if not folder.is_dir():
        raise InputError("there are no local rules to remove")
    count = len(list(folder.rglob("*.toml")))
    shutil.rmtree(folder)
    return count


def rollback(root: Path, *, to_shipped: bool = False) -> str:
    """Bring back the previous rule set; returns a description of what is active now.

    The set rolled back from becomes the previous one, so a second rollback undoes the first.
    With no previous imported set, the imported set is removed and the shipped rules apply.
    ``to_shipped``: go back to the shipped rules at once (the imported set is kept as the
    previous one). Local rules stay (see :func:`remove_local`).
    """
    return bundles.rollback(root, to_shipped=to_shipped)
