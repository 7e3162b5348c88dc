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

import hashlib
import json
import shutil
import tempfile
import zipfile
from pathlib import Path, PurePosixPath

from shipdesk.core.errors import DataError, InputError
from shipdesk.core.fileio import safe_relative_path
from shipdesk.core.paths import resource
from shipdesk.core.screening import signing
from shipdesk.core.screening.rule_loader import compile_folder, compile_local, refuse_links
from shipdesk.core.screening.ruleset import Rule, RuleFile, RuleSet

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


def local_dir(root: Path) -> Path:
    """The user's local rules (added to the set in use; they can only add findings)."""
    return root / "local"


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


def version_key(version: str) -> tuple[int, ...]:
    parts = []
    for p in str(version).replace("-", ".").split("."):
        digits = "".join(ch for ch in p if ch.isdigit())
        parts.append(int(digits) if digits else 0)
    return tuple(parts)


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
    if bundle.is_dir():
        refuse_links(bundle)
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
        active, previous = active_dir(root), previous_dir(root)
        if active.exists():
            if previous.exists():
                shutil.rmtree(previous)
            active.rename(previous)
        staged.rename(active)
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
    active, previous = active_dir(root), previous_dir(root)
    if to_shipped:
        if not active.exists():
            raise InputError("the shipped rules are already in use")
        if previous.exists():
            shutil.rmtree(previous)
        active.rename(previous)
        return "shipped rule set"
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
